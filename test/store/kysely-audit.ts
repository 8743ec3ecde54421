import type { Kysely } from 'kysely';
import type { AuditEvent } from '../../src/core/audit/audit-event.js';
import { eventFromRow } from '../../src/store/audit-events.js';
import { KyselyAuditSink } from '../../src/store/audit-sink.js';
import type { Database } from '../../src/store/schema.js';
import type { AuditFactory } from './contract/index.js';

/** Reads the audit table back into events: the contract checks what a reader of the table would see. */
export async function readAuditEvents(db: Kysely<Database>): Promise<AuditEvent[]> {
  const rows = await db.selectFrom('audit_events').selectAll().orderBy('at').orderBy('id').execute();
  return rows.map(eventFromRow);
}

/** An audit factory over a fresh migrated database per test, as opened by `open`. */
export function kyselyAuditFactory(open: () => Promise<{ db: Kysely<Database>; close(): Promise<void> }>): AuditFactory {
  return async ({ intervalMs, maxBatch }) => {
    const { db, close } = await open();
    const errors: unknown[] = [];
    const sink = new KyselyAuditSink(db, (err) => errors.push(err), intervalMs, maxBatch);
    return {
      sink,
      events: () => readAuditEvents(db),
      async close() {
        await sink.flush();
        await close();
        if (errors.length > 0) throw new AggregateError(errors, 'the audit sink reported write errors');
      },
    };
  };
}
