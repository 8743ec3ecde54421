import type { Kysely } from 'kysely';

/**
 * Keystone domain configuration, policies and OAuth1 consumers (issue #16), each account's own.
 * A sensitive domain-config option (`ldap.password`) and a consumer's secret are stored sealed with the
 * SecretBox. Portable types only, like 0001 (`sensitive` is 0 or 1).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('keystone_domain_configs')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('group_name', 'text', (c) => c.notNull())
    .addColumn('option_name', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('sensitive', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('keystone_domain_configs_pk', ['account_id', 'group_name', 'option_name'])
    .execute();
  await db.schema
    .createTable('keystone_policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('blob', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('keystone_policies_account').on('keystone_policies').columns(['account_id', 'created_at']).execute();
  await db.schema
    .createTable('keystone_oauth_consumers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('description', 'text')
    .addColumn('sealed_secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('keystone_oauth_consumers_account').on('keystone_oauth_consumers').columns(['account_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['keystone_oauth_consumers', 'keystone_policies', 'keystone_domain_configs']) await db.schema.dropTable(table).ifExists().execute();
}
