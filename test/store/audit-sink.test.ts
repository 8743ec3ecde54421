/**
 * What the Kysely audit sink promises beyond the audit sink contract: a failed write loses only its
 * batch, whole, and is reported rather than thrown; and any mix of batch sizes runs a few fixed SQL
 * texts, so the SQLite statement cache keeps them prepared. On SQLite in memory always, and on
 * PostgreSQL (in a schema of its own) when POLYIAM_TEST_PG_URL is set.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import type { AuditEvent } from '../../src/core/audit/audit-event.js';
import { buildAuditEvent } from '../../src/core/testing/builders.js';
import { KyselyAuditSink } from '../../src/store/audit-sink.js';
import { migrateToLatest } from '../../src/store/kysely-store.js';
import type { Database } from '../../src/store/schema.js';
import { requirePostgres } from '../support/tools.js';
import { readAuditEvents } from './kysely-audit.js';

interface Engine {
  db: Kysely<Database>;
  /** the SQL text of every query run so far */
  texts: string[];
  close(): Promise<void>;
}

function logInto(texts: string[]) {
  return (event: LogEvent) => {
    texts.push(event.query.sql);
  };
}

async function sqlite(): Promise<Engine> {
  const texts: string[] = [];
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(':memory:') }), log: logInto(texts) });
  await migrateToLatest(db);
  return { db, texts, close: () => db.destroy() };
}

async function postgres(url: string): Promise<Engine> {
  const schema = `audit_sink_${randomBytes(6).toString('hex')}`;
  const adminPool = new pg.Pool({ connectionString: url, max: 1 });
  await adminPool.query(`create schema ${schema}`);
  const withSchema = new URL(url);
  withSchema.searchParams.set('options', `-c search_path=${schema}`);
  const texts: string[] = [];
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: withSchema.toString(), max: 2 }) }), log: logInto(texts) });
  await migrateToLatest(db);
  return {
    db,
    texts,
    async close() {
      await db.destroy();
      await adminPool.query(`drop schema ${schema} cascade`);
      await adminPool.end();
    },
  };
}

const stamped = (count: number, from: number): AuditEvent[] => Array.from({ length: count }, (_, i) => buildAuditEvent({ at: from + i }));

function sinkSuite(name: string, open: () => Promise<Engine>): void {
  describe(`kysely audit sink on ${name}`, () => {
    let engine: Engine;
    before(async () => {
      engine = await open();
    });
    after(() => engine.close());

    test('a failed write is reported, stores nothing of its batch, and the next batch is stored', async () => {
      await engine.db.deleteFrom('audit_events').execute();
      const errors: unknown[] = [];
      const sink = new KyselyAuditSink(engine.db, (err) => errors.push(err), 10_000, 500);
      // 68 events, 64 + 4 rows on SQLite: the duplicate id is the last row of the second statement, after
      // the rows of the first and three rows of its own
      const failing = stamped(68, 1_000);
      failing[67] = { ...failing[67], id: failing[0].id };
      for (const e of failing) sink.record(e);
      await sink.flush();
      assert.equal(errors.length, 1);
      assert.match(String(errors[0]), /unique|duplicate/i, 'the error of the failed statement, not of its rollback');
      assert.deepEqual(await readAuditEvents(engine.db), []);

      const next = stamped(3, 2_000);
      for (const e of next) sink.record(e);
      await sink.flush();
      assert.equal(errors.length, 1);
      assert.deepEqual(await readAuditEvents(engine.db), next);
    });

    test('batches of 1 to 130 events run at most four INSERT texts', async () => {
      await engine.db.deleteFrom('audit_events').execute();
      const errors: unknown[] = [];
      const sink = new KyselyAuditSink(engine.db, (err) => errors.push(err), 10_000, 500);
      const first = engine.texts.length;
      let at = 0;
      for (let size = 1; size <= 130; size++) {
        for (const e of stamped(size, at)) sink.record(e);
        at += size;
        await sink.flush();
      }
      const inserts = new Set(engine.texts.slice(first).filter((text) => /^insert\b.*\binto "audit_events"/i.test(text)));
      assert.ok(inserts.size >= 1 && inserts.size <= 4, `${inserts.size} insert texts`);
      assert.deepEqual(errors, []);
      assert.equal((await readAuditEvents(engine.db)).length, at);
    });
  });
}

sinkSuite('sqlite', sqlite);

const pgUrl = process.env.POLYIAM_TEST_PG_URL;
if (pgUrl) sinkSuite('postgres', () => postgres(pgUrl));
else test('kysely audit sink on postgres', (t) => void requirePostgres(t));
