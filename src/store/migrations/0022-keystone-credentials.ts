import type { Kysely } from 'kysely';

/**
 * Keystone credentials (issue #16): `/v3/credentials` (an `ec2` one is a core access key, linked here
 * by `access_key_id`; any other type keeps its sealed blob) and application credentials (the secret
 * as an argon2id hash), and endpoint groups. Portable types only, like 0001.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('keystone_credentials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    // SECURITY: sealed with the SecretBox; for `ec2`, the blob without `access` and `secret`
    .addColumn('sealed_blob', 'text', (c) => c.notNull())
    .addColumn('access_key_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('keystone_credentials_user').on('keystone_credentials').columns(['account_id', 'user_id']).execute();
  await db.schema.createIndex('keystone_credentials_access_key').on('keystone_credentials').columns(['access_key_id']).unique().execute();
  await db.schema
    .createTable('keystone_app_credentials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    // SECURITY: argon2id hash of the secret, which is shown once
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    // JSON array of the roles given: {id, name, domainId}
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('unrestricted', 'integer', (c) => c.notNull())
    // epoch microseconds: Keystone returns the `expires_at` it was given to the microsecond
    .addColumn('expires_at', 'bigint')
    // JSON array of Keystone access rules
    .addColumn('access_rules', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('keystone_app_credentials_name').on('keystone_app_credentials').columns(['user_id', 'name']).unique().execute();
  // Keystone OS-EP-FILTER endpoint groups of each account: `filters` is a JSON object
  await db.schema
    .createTable('keystone_endpoint_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('filters', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('keystone_endpoint_groups_account').on('keystone_endpoint_groups').columns(['account_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['keystone_endpoint_groups', 'keystone_app_credentials', 'keystone_credentials']) await db.schema.dropTable(table).ifExists().execute();
}
