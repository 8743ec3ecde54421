/**
 * @see #17 Group commit on SQLite: the writes of one event-loop turn share a commit, store transactions
 * are savepoints inside it, the WAL is flushed off the event loop, and no answer may leave before the
 * flush that covers every write made before it.
 */
import assert from 'node:assert/strict';
import { fdatasync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { withoutAcknowledgement } from '../../src/store/group-commit.js';
import { KyselyStore } from '../../src/store/kysely-store.js';
import type { Database } from '../../src/store/schema.js';
import { openSqliteGrouped } from '../../src/store/sqlite.js';

type Done = (err: NodeJS.ErrnoException | null) => void;

/** A store on a file whose WAL flushes the test may hold and complete by hand. */
async function grouped(options: { manual?: boolean } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'polyiam-group-commit-'));
  const file = join(dir, 'polyiam.sqlite');
  const held: Done[] = [];
  let flushes = 0;
  let manual = false;
  const { db, groupCommit } = openSqliteGrouped(file, (fd: number, done: Done) => {
    flushes++;
    if (manual) held.push(done);
    else fdatasync(fd, done);
  });
  const store = new KyselyStore(db, 'sqlite', groupCommit);
  await sql`create table probe (n integer primary key)`.execute(db);
  await store.durable();
  manual = options.manual ?? false;
  const other = new BetterSqlite3(file, { readonly: true });
  return {
    store,
    db,
    flushes: () => flushes,
    finishFlush(err: NodeJS.ErrnoException | null = null) {
      const done = held.shift();
      assert.ok(done, 'no flush was under way');
      done(err);
    },
    /** what another connection (another process) sees: committed rows only */
    committedRows: () => (other.prepare('select n from probe order by n').all() as Array<{ n: number }>).map((r) => r.n),
    async close() {
      other.close();
      while (held.length > 0) held.shift()!(null);
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const insert = (db: Kysely<Database>, n: number) => sql`insert into probe values (${n})`.execute(db);
const turn = () => new Promise((resolve) => setImmediate(resolve));

async function state(promise: Promise<void>): Promise<string> {
  let seen = 'pending';
  promise.then(
    () => (seen = 'resolved'),
    () => (seen = 'rejected'),
  );
  await turn();
  return seen;
}

describe('SQLite group commit', () => {
  test('runs with synchronous=NORMAL; a read waits for nothing', async () => {
    const t = await grouped();
    try {
      const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(t.db);
      assert.equal(rows[0]?.synchronous, 1, 'NORMAL');
      await sql`select count(*) from probe`.execute(t.db);
      assert.equal(t.store.durable(), undefined);
    } finally {
      await t.close();
    }
  });

  test('the writes of one turn, in transactions or alone, share one commit and one flush', async () => {
    const t = await grouped();
    try {
      const before = t.flushes();
      await Promise.all([
        ...Array.from({ length: 10 }, (_, n) => t.db.transaction().execute((trx) => insert(trx, n))),
        ...Array.from({ length: 10 }, (_, n) => insert(t.db, 100 + n)),
      ]);
      assert.deepEqual(t.committedRows(), [], 'not committed before the turn ends');
      const waiting = t.store.durable();
      assert.ok(waiting, 'an answer after these writes waits');
      await waiting;
      assert.equal(t.committedRows().length, 20);
      assert.equal(t.flushes() - before, 1, 'twenty writes, one flush');
    } finally {
      await t.close();
    }
  });

  test('a transaction that fails rolls back alone; the batch keeps the others', async () => {
    const t = await grouped();
    try {
      const results = await Promise.allSettled([
        t.db.transaction().execute((trx) => insert(trx, 1)),
        t.db.transaction().execute(async (trx) => {
          await insert(trx, 2);
          throw new Error('the work failed');
        }),
        // a unique violation inside a transaction: that statement fails, the transaction rolls back
        t.db.transaction().execute(async (trx) => {
          await insert(trx, 3);
          await insert(trx, 1);
        }),
        insert(t.db, 4),
      ]);
      assert.deepEqual(
        results.map((r) => r.status),
        ['fulfilled', 'rejected', 'rejected', 'fulfilled'],
      );
      await t.store.durable();
      assert.deepEqual(t.committedRows(), [1, 4]);
    } finally {
      await t.close();
    }
  });

  test('the batch never commits in the middle of a transaction that spans turns', async () => {
    const t = await grouped();
    try {
      const spanning = t.db.transaction().execute(async (trx) => {
        await insert(trx, 1);
        for (let i = 0; i < 5; i++) await turn();
        assert.deepEqual(t.committedRows(), [], 'half a transaction is never committed');
        await insert(trx, 2);
      });
      await spanning;
      await t.store.durable();
      assert.deepEqual(t.committedRows(), [1, 2]);
    } finally {
      await t.close();
    }
  });

  test('an answer waits for the flush covering its writes; writes during a flush wait for the next', async () => {
    const t = await grouped({ manual: true });
    try {
      await insert(t.db, 1);
      const first = t.store.durable()!;
      await turn(); // the batch commits, its flush starts and is held
      await insert(t.db, 2);
      const second = t.store.durable()!;
      assert.equal(await state(first), 'pending');
      t.finishFlush();
      assert.equal(await state(first), 'resolved');
      assert.equal(await state(second), 'pending', 'written after the first flush began');
      t.finishFlush();
      assert.equal(await state(second), 'resolved');
      assert.equal(t.store.durable(), undefined);
    } finally {
      await t.close();
    }
  });

  test('writes nobody acknowledges (audit batches) make no answer wait', async () => {
    const t = await grouped({ manual: true });
    try {
      await withoutAcknowledgement(() => t.db.transaction().execute((trx) => insert(trx, 1)));
      assert.equal(t.store.durable(), undefined);
      await turn();
      assert.deepEqual(t.committedRows(), [1], 'committed with the turn all the same');
    } finally {
      await t.close();
    }
  });

  test('a failed flush fails its waiters and every later one: nothing is acknowledged after it', async () => {
    const t = await grouped({ manual: true });
    try {
      await insert(t.db, 1);
      const first = t.store.durable()!;
      await turn();
      t.finishFlush(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
      await assert.rejects(first, /could not be made durable: EIO/);
      await insert(t.db, 2);
      await assert.rejects(t.store.durable()!, /could not be made durable/);
    } finally {
      await t.close();
    }
  });
});
