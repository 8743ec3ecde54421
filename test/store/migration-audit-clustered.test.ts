/** @see #14 migration 0023: the SQLite audit table clustered on its id keeps every event, field and index */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Migrator, sql } from 'kysely';
import type { AuditEvent } from '../../src/core/audit/audit-event.js';
import { migrateToLatest } from '../../src/store/kysely-store.js';
import { migrationProvider } from '../../src/store/migrations/index.js';
import { KyselyAuditSink } from '../../src/store/audit-sink.js';
import { openSqlite } from '../../src/store/sqlite.js';
import { readAuditEvents } from './kysely-audit.js';

const event = (i: number): AuditEvent => ({
  id: `0190000000${i}0aaaaaaaaaaaaaaaaaaaaa`.slice(0, 32),
  at: 1_700_000_000_000 + i,
  accountId: 'a'.repeat(32),
  requestId: `req-${i}`,
  dialect: 'aws',
  action: 'iam:users:createUserV5',
  resource: `user/u${i}`,
  outcome: i % 2 === 0 ? 'success' : 'denied',
  errorKind: i % 2 === 0 ? null : 'access-denied',
  reason: null,
  principalUserId: 'b'.repeat(32),
  accessKeyId: 'AKIAEXAMPLE',
  sourceIp: '127.0.0.1',
  userName: 'alice',
  callerType: 'user',
  authMethod: 'aws-sigv4',
  sessionId: null,
  userAgent: 'aws-sdk-js/3',
  operation: 'CreateUser',
  readOnly: false,
  parameters: JSON.stringify({ userName: `u${i}` }),
});

const layout = async (db: ReturnType<typeof openSqlite>) =>
  (await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'audit_events'`.execute(db)).rows[0]!.sql;
const indexes = async (db: ReturnType<typeof openSqlite>) =>
  (await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'audit_events' and sql is not null order by name`.execute(db)).rows.map((r) => r.name);

test('0023 rebuilds the audit table WITHOUT ROWID with its rows and indexes, and down restores the rowid table', async () => {
  const db = openSqlite(':memory:');
  try {
    const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo('0022-keystone-credentials');
    assert.equal(error, undefined);
    const sink = new KyselyAuditSink(db, (err) => assert.fail(String(err)));
    const events = [1, 2, 3].map(event);
    for (const e of events) sink.record(e);
    await sink.flush();
    const before = await indexes(db);
    assert.equal((await migrateToLatest(db))[0], '0023-audit-clustered');
    assert.match(await layout(db), /without rowid$/i);
    assert.deepEqual(await readAuditEvents(db), events);
    assert.deepEqual(await indexes(db), before);
    // the clustered table takes new events through the prepared inserts as before
    await sink.writeNow(event(4));
    assert.equal((await readAuditEvents(db)).length, 4);
    const down = await new Migrator({ db, provider: migrationProvider }).migrateTo('0022-keystone-credentials');
    assert.equal(down.error, undefined);
    assert.doesNotMatch(await layout(db), /without rowid/i);
    assert.deepEqual(await readAuditEvents(db), [...events, event(4)]);
    assert.deepEqual(await indexes(db), before);
  } finally {
    await db.destroy();
  }
});
