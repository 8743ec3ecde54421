import type { Kysely } from 'kysely';

/**
 * Domains for cloud operators (issue #16): an account is a Keystone domain, with Keystone's
 * `description` and `enabled` (a disabled domain stops every credential of its account); and the
 * system operators of 0020, re-made so that an operator grant names either one user of an account or
 * the holders of one Keystone role on that account's domain (Keystone policy.v3cloudsample
 * `cloud_admin`: the admin role on the admin domain). Nothing used 0020's table. Portable types only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('accounts').addColumn('description', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.dropTable('system_operators').ifExists().execute();
  await db.schema
    .createTable('system_operators')
    .addColumn('account_id', 'text', (c) => c.notNull())
    // `user`: subject_id is a user id; `role`: a Keystone role id, held on the account's domain
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('system_operators_pk', ['account_id', 'kind', 'subject_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('system_operators').ifExists().execute();
  await db.schema
    .createTable('system_operators')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('accounts').dropColumn('description').execute();
  await db.schema.alterTable('accounts').dropColumn('enabled').execute();
}
