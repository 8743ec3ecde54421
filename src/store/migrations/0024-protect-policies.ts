import type { Kysely } from 'kysely';

/**
 * The account-wide operation protection policy (issue #12: Huawei v3.0 OS-SECURITYPOLICY
 * protect-policy), one row per account like `login_policies` (0008). Portable types only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('protect_policies')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('protect_policies').execute();
}
