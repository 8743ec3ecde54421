/**
 * @see #17 Group commit on SQLite: the WAL is flushed off the event loop, one flush for the commits that
 * wait together, and no answer leaves before the flush that covers its commit.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { fdatasync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { WalGroupCommit, withoutAcknowledgement } from '../../src/store/group-commit.js';
import { KyselyStore, migrateToLatest } from '../../src/store/kysely-store.js';
import { openSqlite } from '../../src/store/sqlite.js';

/** A flush the test completes by hand, recording what each one covered. */
function manualSync() {
  const pending: Array<(err: NodeJS.ErrnoException | null) => void> = [];
  return {
    pending,
    sync: (_fd: number, done: (err: NodeJS.ErrnoException | null) => void) => void pending.push(done),
    finish(err: NodeJS.ErrnoException | null = null) {
      const done = pending.shift();
      assert.ok(done, 'no flush was under way');
      done(err);
    },
  };
}

async function withWal<T>(work: (walPath: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'polyiam-group-commit-'));
  try {
    // any file serves as the WAL for the unit tests: only its descriptor is flushed
    const walPath = join(dir, 'db-wal');
    await import('node:fs/promises').then((fs) => fs.writeFile(walPath, ''));
    return await work(walPath);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const settledNow = async (promise: Promise<void>) => {
  let state = 'pending';
  promise.then(
    () => (state = 'resolved'),
    () => (state = 'rejected'),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return state;
};

describe('WalGroupCommit', () => {
  test('nothing committed: durable() has nothing to wait for', () => {
    assert.equal(new WalGroupCommit('/nonexistent-wal').durable(), undefined);
  });

  test('commits waiting together share one flush; a commit made during a flush waits for the next one', () =>
    withWal(async (walPath) => {
      const flushes = manualSync();
      const commits = new WalGroupCommit(walPath, flushes.sync);
      commits.noteCommit();
      commits.noteCommit();
      const first = commits.durable()!;
      const second = commits.durable()!;
      assert.equal(flushes.pending.length, 1, 'one flush for both');
      commits.noteCommit(); // made while the flush runs: not covered by it
      const third = commits.durable()!;
      assert.equal(flushes.pending.length, 1, 'the next flush waits for the running one');
      flushes.finish();
      assert.equal(await settledNow(first), 'resolved');
      assert.equal(await settledNow(second), 'resolved');
      assert.equal(await settledNow(third), 'pending');
      assert.equal(flushes.pending.length, 1, 'a second flush started for the third commit');
      flushes.finish();
      assert.equal(await settledNow(third), 'resolved');
      assert.equal(commits.durable(), undefined);
      await commits.close();
    }));

  test('commits of unacknowledged writes (audit batches) make no answer wait', () =>
    withWal(async (walPath) => {
      const flushes = manualSync();
      const commits = new WalGroupCommit(walPath, flushes.sync);
      await withoutAcknowledgement(async () => {
        await Promise.resolve();
        commits.noteCommit();
      });
      assert.equal(commits.durable(), undefined);
      await commits.close();
    }));

  test('a failed flush fails its waiters and every later one: nothing is acknowledged after it', () =>
    withWal(async (walPath) => {
      const flushes = manualSync();
      const commits = new WalGroupCommit(walPath, flushes.sync);
      commits.noteCommit();
      const first = commits.durable()!;
      flushes.finish(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }));
      await assert.rejects(first, /could not be made durable: EIO/);
      commits.noteCommit();
      await assert.rejects(commits.durable()!, /could not be made durable/);
      assert.equal(flushes.pending.length, 0);
      await commits.close();
    }));
});

describe('SQLite with group commit', () => {
  test('runs with synchronous=NORMAL, and each COMMIT or lone write is a commit to flush, a read none', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'polyiam-group-commit-'));
    const file = join(dir, 'polyiam.sqlite');
    let flushed = 0;
    const commits = new WalGroupCommit(`${file}-wal`, (fd, done) => {
      flushed++;
      fdatasync(fd, done);
    });
    const store = new KyselyStore(openSqlite(file, { groupCommit: commits }), 'sqlite', commits);
    try {
      await migrateToLatest(store.db);
      await store.durable();
      const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(store.db);
      assert.equal(rows[0]?.synchronous, 1, 'NORMAL');
      assert.equal(store.durable(), undefined);
      await store.accounts.count();
      assert.equal(store.durable(), undefined, 'a read commits nothing');
      await sql`create table probe (n integer)`.execute(store.db);
      await store.durable();
      const before = flushed;
      await Promise.all(Array.from({ length: 20 }, (_, n) => store.db.transaction().execute((trx) => sql`insert into probe values (${n})`.execute(trx))));
      const waiting = store.durable();
      assert.ok(waiting, 'the commits wait for a flush');
      await waiting;
      assert.equal(flushed - before, 1, 'twenty commits, one flush');
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
