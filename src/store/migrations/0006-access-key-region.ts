import type { Kysely } from 'kysely';

/**
 * The region a key last signed a request for: AWS GetAccessKeyLastUsed `Region`, Volcengine
 * `AccessKeyLastUsed.Region` (signers that name no region, as Huawei's, leave it empty).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('access_keys').addColumn('last_used_region', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('access_keys').dropColumn('last_used_region').execute();
}
