import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../engine.js';

/**
 * Identity policies (issue #5): customer managed policies and their versions, attachments of managed
 * and system policies to users and groups, inline user policies. Portable like 0001: text, integer,
 * bigint, plain keys and indexes. System policies live in code, so an attachment's `policy_id` has no
 * foreign key: callers refuse to delete a managed policy that is still attached.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_lower', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('syntax', 'text', (c) => c.notNull())
    .addColumn('default_version_id', 'text', (c) => c.notNull())
    .addColumn('latest_version', 'integer', (c) => c.notNull())
    .addColumn('aws_id', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('policies_account_name_unique', ['account_id', 'name_lower'])
    .execute();

  await db.schema
    .createTable('policy_versions')
    .addColumn('policy_id', 'text', (c) => c.notNull().references('policies.id').onDelete('cascade'))
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('version_number', 'integer', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('policy_versions_pk', ['policy_id', 'version_id'])
    .execute();

  await db.schema
    .createTable('user_policy_attachments')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('attached_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_policy_attachments_pk', ['user_id', 'policy_id'])
    .execute();
  await db.schema.createIndex('user_policy_attachments_policy').on('user_policy_attachments').columns(['account_id', 'policy_id']).execute();

  await db.schema
    .createTable('group_policy_attachments')
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('attached_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_policy_attachments_pk', ['group_id', 'policy_id'])
    .execute();
  await db.schema.createIndex('group_policy_attachments_policy').on('group_policy_attachments').columns(['account_id', 'policy_id']).execute();

  await db.schema
    .createTable('user_inline_policies')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_lower', 'text', (c) => c.notNull())
    .addColumn('syntax', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_inline_policies_pk', ['user_id', 'name_lower'])
    .execute();

  // the columns lists sort by compare bytewise on PostgreSQL too (see 0004)
  if (isPostgres(db)) {
    for (const table of ['policies', 'user_inline_policies']) {
      await sql`alter table ${sql.table(table)} alter column name_lower type text collate "C"`.execute(db);
    }
  }

  // Accounts created before this migration keep their `admin` group's Security Administrator rights,
  // now granted by the system policy every new account's admin group gets (core/policies/
  // system-policies.ts ADMIN_GROUP_POLICY; the id is written out here because a migration never changes).
  await sql`insert into group_policy_attachments (group_id, policy_id, account_id, attached_at)
            select id, 'sys-security-administrator', account_id, created_at from groups where name_lower = 'admin'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['user_inline_policies', 'group_policy_attachments', 'user_policy_attachments', 'policy_versions', 'policies']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
