import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../engine.js';

/**
 * Keystone completeness for the Huawei v3 dialect (issue #16): projects held by an account, roles an
 * account defines beside the built-in ones, roles implied by others, grants of a role to a user or group
 * on the account (domain) or one of its projects, and users' default projects. Portable types only, like
 * 0001: project tags are JSON text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('projects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_lower', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('parent_id', 'text')
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // Keystone: a project name is unique within its domain
  await db.schema.createIndex('projects_account_name').on('projects').columns(['account_id', 'name_lower']).unique().execute();

  await db.schema
    .createTable('keystone_roles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_lower', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('domain_role', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('keystone_roles_account_name').on('keystone_roles').columns(['account_id', 'name_lower']).unique().execute();

  await db.schema
    .createTable('keystone_role_implications')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('prior_role_id', 'text', (c) => c.notNull())
    .addColumn('implied_role_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('keystone_role_implications_pk', ['account_id', 'prior_role_id', 'implied_role_id'])
    .execute();

  await db.schema
    .createTable('role_assignments')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('role_id', 'text', (c) => c.notNull())
    .addColumn('inherited', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('role_assignments_pk', ['account_id', 'actor_type', 'actor_id', 'target_type', 'target_id', 'role_id', 'inherited'])
    .execute();
  await db.schema.createIndex('role_assignments_actor').on('role_assignments').columns(['actor_id']).execute();
  await db.schema.createIndex('role_assignments_target').on('role_assignments').columns(['target_id']).execute();
  await db.schema.createIndex('role_assignments_role').on('role_assignments').columns(['role_id']).execute();

  // Keystone user `default_project_id`, beside the users table (a user has at most one)
  await db.schema
    .createTable('user_default_projects')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .execute();

  // what lists sort by compares bytewise on PostgreSQL too, as migration 0004 makes the other names
  if (isPostgres(db)) {
    for (const table of ['projects', 'keystone_roles']) await sql`alter table ${sql.table(table)} alter column name_lower type text collate "C"`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['user_default_projects', 'role_assignments', 'keystone_role_implications', 'keystone_roles', 'projects']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
