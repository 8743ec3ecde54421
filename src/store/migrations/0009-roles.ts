import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../engine.js';

/**
 * Roles (issue #13): the role row with its trust policy and session revocation time, its tags, the
 * managed and system policies attached to it and its inline policies; and inline group policies (AWS
 * PutGroupPolicy), which 0005 left out. Portable like 0001: text, integer, bigint, plain keys.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('roles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_lower', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('trust_policy', 'text', (c) => c.notNull())
    .addColumn('trust_syntax', 'text', (c) => c.notNull())
    .addColumn('max_session_duration', 'integer', (c) => c.notNull())
    .addColumn('aws_id', 'text', (c) => c.notNull().unique())
    .addColumn('numeric_id', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('sessions_revoked_before', 'bigint')
    .addColumn('last_used_at', 'bigint')
    .addColumn('last_used_region', 'text')
    .addUniqueConstraint('roles_account_name_unique', ['account_id', 'name_lower'])
    .execute();
  await db.schema.createIndex('roles_numeric_id').on('roles').columns(['account_id', 'numeric_id']).execute();

  await db.schema
    .createTable('role_tags')
    .addColumn('role_id', 'text', (c) => c.notNull().references('roles.id').onDelete('cascade'))
    .addColumn('tag_key', 'text', (c) => c.notNull())
    .addColumn('key_lower', 'text', (c) => c.notNull())
    .addColumn('tag_value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('role_tags_pk', ['role_id', 'key_lower'])
    .execute();

  await db.schema
    .createTable('role_policy_attachments')
    .addColumn('role_id', 'text', (c) => c.notNull().references('roles.id').onDelete('cascade'))
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('attached_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('role_policy_attachments_pk', ['role_id', 'policy_id'])
    .execute();
  await db.schema.createIndex('role_policy_attachments_policy').on('role_policy_attachments').columns(['account_id', 'policy_id']).execute();

  for (const [table, owner] of [
    ['role_inline_policies', 'role_id'],
    ['group_inline_policies', 'group_id'],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn(owner, 'text', (c) => c.notNull().references(owner === 'role_id' ? 'roles.id' : 'groups.id').onDelete('cascade'))
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_lower', 'text', (c) => c.notNull())
      .addColumn('syntax', 'text', (c) => c.notNull())
      .addColumn('document', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, [owner, 'name_lower'])
      .execute();
  }

  // the lists sort by compare bytewise on PostgreSQL too (see 0004)
  if (isPostgres(db)) {
    for (const table of ['roles', 'role_tags', 'role_inline_policies', 'group_inline_policies']) {
      const column = table === 'role_tags' ? 'key_lower' : 'name_lower';
      await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} type text collate "C"`.execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['group_inline_policies', 'role_inline_policies', 'role_policy_attachments', 'role_tags', 'roles']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
