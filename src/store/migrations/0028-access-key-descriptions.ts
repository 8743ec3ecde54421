import type { Kysely } from 'kysely';

/**
 * A permanent access key's description: Huawei IAM v3.0 CreatePermanentAccessKey /
 * UpdatePermanentAccessKey `credential.description` (iam_03_0001, iam_03_0005). Null when none was given.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('access_keys').addColumn('description', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('access_keys').dropColumn('description').execute();
}
