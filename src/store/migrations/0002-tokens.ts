import type { Kysely } from 'kysely';

/**
 * Keystone-style tokens (issue #3): the encryption keys, sealed with the key-encryption key so every
 * node sharing the database shares them, and the revoked tokens until they would have expired.
 * Portable types only, like 0001.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('token_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sealed_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('superseded_at', 'bigint')
    .execute();

  await db.schema
    .createTable('token_revocations')
    .addColumn('token_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('token_revocations_revoked_at').on('token_revocations').column('revoked_at').execute();
  await db.schema.createIndex('token_revocations_expires_at').on('token_revocations').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('token_revocations').ifExists().execute();
  await db.schema.dropTable('token_keys').ifExists().execute();
}
