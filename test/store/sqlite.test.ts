/**
 * The store contract on SQLite, the embedded default: in memory on every run, and on a file in a temp
 * dir, where closing and reopening the database must keep everything.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildAuditEvent } from '../../src/core/testing/builders.js';
import { KyselyAuditSink } from '../../src/store/audit-sink.js';
import { KyselyStore, migrateToLatest } from '../../src/store/kysely-store.js';
import { migrations } from '../../src/store/migrations/index.js';
import { openSqlite } from '../../src/store/sqlite.js';
import { auditSinkContract, storeContract, type StoreHandle } from './contract/index.js';
import { kyselyAuditFactory, readAuditEvents } from './kysely-audit.js';

async function openMigrated(filename: string): Promise<KyselyStore> {
  const db = openSqlite(filename);
  await migrateToLatest(db);
  return new KyselyStore(db, 'sqlite');
}

describe('sqlite in memory', () => {
  storeContract(async (): Promise<StoreHandle> => {
    const store = await openMigrated(':memory:');
    return { store, close: () => store.close() };
  });

  auditSinkContract(
    kyselyAuditFactory(async () => {
      const store = await openMigrated(':memory:');
      return { db: store.db, close: () => store.close() };
    }),
  );

  test('migrations apply once: the second run has nothing to do', async () => {
    const db = openSqlite(':memory:');
    try {
      assert.deepEqual(await migrateToLatest(db), Object.keys(migrations).sort());
      assert.deepEqual(await migrateToLatest(db), []);
    } finally {
      await db.destroy();
    }
  });

  test('an audit write that fails is reported to onError, never thrown at the caller', async () => {
    const store = await openMigrated(':memory:');
    const errors: unknown[] = [];
    const sink = new KyselyAuditSink(store.db, (err) => errors.push(err), 10_000, 500);
    await store.db.schema.dropTable('audit_events').execute();
    sink.record(buildAuditEvent());
    await sink.flush();
    assert.equal(errors.length, 1);
    await store.close();
  });
});

describe('sqlite file', () => {
  let dir = '';
  let n = 0;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'polyiam-store-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const nextFile = () => join(dir, `store-${++n}.sqlite`);

  storeContract(async (): Promise<StoreHandle> => {
    const file = nextFile();
    let current = await openMigrated(file);
    return {
      store: current,
      close: () => current.close(),
      async reopen() {
        await current.close();
        current = await openMigrated(file);
        return current;
      },
    };
  });

  auditSinkContract(
    kyselyAuditFactory(async () => {
      const store = await openMigrated(nextFile());
      return { db: store.db, close: () => store.close() };
    }),
  );

  test('audit events flushed before a close are there after a reopen', async () => {
    const file = nextFile();
    const first = await openMigrated(file);
    const sink = new KyselyAuditSink(first.db, (err) => assert.fail(String(err)), 10_000, 500);
    const event = buildAuditEvent();
    sink.record(event);
    await sink.flush();
    await first.close();
    const second = await openMigrated(file);
    assert.deepEqual(await readAuditEvents(second.db), [event]);
    assert.deepEqual(await migrateToLatest(second.db), []);
    await second.close();
  });
});
