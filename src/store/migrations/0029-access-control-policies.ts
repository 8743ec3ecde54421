import type { Kysely } from 'kysely';

/**
 * The account's IP allow lists (Huawei v3.0 OS-SECURITYPOLICY console-acl-policy and api-acl-policy):
 * one row per account and channel (`console` or `api`), the list as JSON. Portable types only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('access_control_policies')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('allow_list', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('access_control_policies_pk', ['account_id', 'channel'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('access_control_policies').execute();
}
