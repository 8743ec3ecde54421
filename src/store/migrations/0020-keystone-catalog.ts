import type { Kysely } from 'kysely';

/**
 * Keystone completeness, second part (issue #16): each account's service catalog (regions, services,
 * endpoints), the system operators who manage domains, and users' extra attributes. Portable types only, like 0001.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('catalog_regions')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('parent_region_id', 'text')
    .addPrimaryKeyConstraint('catalog_regions_pk', ['account_id', 'id'])
    .execute();
  await db.schema
    .createTable('catalog_services')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('catalog_services_account').on('catalog_services').columns(['account_id']).execute();
  await db.schema
    .createTable('catalog_endpoints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('service_id', 'text', (c) => c.notNull())
    .addColumn('region_id', 'text')
    .addColumn('interface', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('catalog_endpoints_account').on('catalog_endpoints').columns(['account_id']).execute();
  // Keystone `system` role assignments: who may manage domains (polyiam accounts)
  await db.schema
    .createTable('system_operators')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'bigint', (c) => c.notNull())
    .execute();
  // Keystone users' extra attributes (identity/schema.py `additionalProperties: True`): a JSON object
  await db.schema
    .createTable('keystone_user_extras')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('extras', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['keystone_user_extras', 'system_operators', 'catalog_endpoints', 'catalog_services', 'catalog_regions']) await db.schema.dropTable(table).ifExists().execute();
}
