import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../engine.js';

/**
 * The AWS IAM entities issue #15 still lacked, now that roles exist. Portable like 0001.
 * - `role_permissions_boundaries`: AWS PutRolePermissionsBoundary, one row per role (a policy id, no
 *   foreign key to policies, as attachments in 0005; DeletePolicy refuses a policy in use).
 * - `instance_profiles`: AWS CreateInstanceProfile; `role_id` holds its one role (AWS allows one), so a
 *   conditional UPDATE decides two concurrent AddRoleToInstanceProfile calls. Tags in resource_tags.
 * - `saml_providers`: AWS CreateSAMLProvider, the metadata document as uploaded. Tags in resource_tags.
 * - `role_deletion_tasks`: AWS DeleteServiceLinkedRole's DeletionTaskId, for its status.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('role_permissions_boundaries')
    .addColumn('role_id', 'text', (c) => c.primaryKey().references('roles.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('role_permissions_boundaries_policy').on('role_permissions_boundaries').columns(['account_id', 'policy_id']).execute();

  await db.schema
    .createTable('instance_profiles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_lower', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('aws_id', 'text', (c) => c.notNull().unique())
    .addColumn('role_id', 'text', (c) => c.references('roles.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('instance_profiles_account_name_unique', ['account_id', 'name_lower'])
    .execute();
  await db.schema.createIndex('instance_profiles_role').on('instance_profiles').column('role_id').execute();

  await db.schema
    .createTable('saml_providers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_lower', 'text', (c) => c.notNull())
    .addColumn('metadata', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('saml_providers_account_name_unique', ['account_id', 'name_lower'])
    .execute();

  await db.schema
    .createTable('role_deletion_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('role_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  // name lists sort bytewise on PostgreSQL too (see 0004)
  if (isPostgres(db)) {
    for (const table of ['instance_profiles', 'saml_providers']) await sql`alter table ${sql.table(table)} alter column name_lower type text collate "C"`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['role_deletion_tasks', 'saml_providers', 'instance_profiles', 'role_permissions_boundaries']) await db.schema.dropTable(table).ifExists().execute();
}
