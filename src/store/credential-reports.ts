import type { Kysely } from 'kysely';
import type { CredentialReportRecord, CredentialReportStore } from '../core/reports/credential-report-store.js';
import type { Database } from './schema.js';

/** The table of migration 0018, kept beside `Database` in a file of its own. */
interface CredentialReportsTable {
  account_id: string;
  state: string;
  started_at: number;
  generated_at: number | null;
  content: string | null;
}

/** Credential reports in the database: every node of a shared PostgreSQL serves the same one. */
export class KyselyCredentialReportStore implements CredentialReportStore {
  private readonly db: Kysely<{ credential_reports: CredentialReportsTable }>;

  constructor(db: Kysely<Database>) {
    // the same connection, seen with the table of migration 0018
    this.db = db as unknown as Kysely<{ credential_reports: CredentialReportsTable }>;
  }

  async find(accountId: string): Promise<CredentialReportRecord | undefined> {
    const row = await this.db.selectFrom('credential_reports').selectAll().where('account_id', '=', accountId).executeTakeFirst();
    if (!row) return undefined;
    return {
      state: row.state === 'complete' ? 'complete' : 'started',
      startedAt: Number(row.started_at),
      generatedAt: row.generated_at === null ? null : Number(row.generated_at),
      content: row.content,
    };
  }

  async claim(accountId: string, now: number, reusableAfter: number, staleBefore: number): Promise<boolean> {
    // one statement decides between nodes asking at once: the row is taken only when it is absent,
    // complete but older than the reuse window, or a generation some node began and never finished
    const row = await this.db
      .insertInto('credential_reports')
      .values({ account_id: accountId, state: 'started', started_at: now, generated_at: null, content: null })
      .onConflict((oc) =>
        oc
          .column('account_id')
          .doUpdateSet({ state: 'started', started_at: now })
          .where((eb) =>
            eb.or([
              eb.and([eb('credential_reports.state', '=', 'complete'), eb('credential_reports.generated_at', '<=', reusableAfter)]),
              eb.and([eb('credential_reports.state', '=', 'started'), eb('credential_reports.started_at', '<', staleBefore)]),
            ]),
          ),
      )
      .returning('started_at')
      .executeTakeFirst();
    return row !== undefined;
  }

  async complete(accountId: string, startedAt: number, generatedAt: number, content: string): Promise<void> {
    await this.db
      .updateTable('credential_reports')
      .set({ state: 'complete', generated_at: generatedAt, content })
      .where('account_id', '=', accountId)
      .where('state', '=', 'started')
      .where('started_at', '=', startedAt)
      .execute();
  }

  async abandon(accountId: string, startedAt: number): Promise<void> {
    await this.db.deleteFrom('credential_reports').where('account_id', '=', accountId).where('state', '=', 'started').where('started_at', '=', startedAt).execute();
  }
}
