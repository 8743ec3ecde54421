import type { Kysely } from 'kysely';

/**
 * AWS credential reports (issue #14), one per account, shared by every node: the generation state
 * (`started` while a node builds it, then `complete`), when it began and when it was generated, and
 * the report's rows as JSON. A report is reused for four hours (AWS GenerateCredentialReport), so a
 * node asked for one another node generated answers with that one. Portable types only, like 0001.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('credential_reports')
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('generated_at', 'bigint')
    .addColumn('content', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('credential_reports').ifExists().execute();
}
