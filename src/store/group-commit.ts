import { AsyncLocalStorage } from 'node:async_hooks';
import { close, fdatasync, openSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';

type Sync = (fd: number, done: (err: NodeJS.ErrnoException | null) => void) => void;

/** Writes made inside `withoutAcknowledgement` (audit batches of reads: a loss window that is documented). */
const unacknowledged = new AsyncLocalStorage<true>();

/**
 * Runs writes nobody waits for before an answer (the batched audit events of reads and refusals,
 * store/audit-sink.ts): they commit and reach the disk with the others, but no answer waits on their
 * account.
 */
export async function withoutAcknowledgement<T>(work: () => Promise<T>): Promise<T> {
  unacknowledgedRuns++;
  try {
    return await unacknowledged.run(true, work);
  } finally {
    // Node 20 hooks every promise of the process while any AsyncLocalStorage is enabled (about 70 ns
    // each), and `run` enables it for good: without this, every request after the first audit flush
    // paid the hooks (core/audit/command-audit.ts disables its own storage for the same reason)
    if (--unacknowledgedRuns === 0) unacknowledged.disable();
  }
}

/** `withoutAcknowledgement` calls under way: the storage is disabled when the last one ends. */
let unacknowledgedRuns = 0;

/**
 * Group commit for SQLite. A SQLite commit is expensive in itself (WAL frames, locks, the WAL index:
 * ~70 µs for a one-row UPDATE, 6 µs a row when 64 share a commit) and with `synchronous=FULL` each also
 * calls fsync on the event loop's thread. Here the writes of one turn of the event loop share one SQLite
 * transaction, and its WAL is flushed off the event loop:
 * - the first write of a turn opens a batch (`BEGIN`); a transaction of the store runs inside it as a
 *   savepoint (`begin`/`commit`/`rollback` from Kysely become SAVEPOINT/RELEASE/ROLLBACK TO), a lone
 *   write runs in it as it is; the batch commits when the turn ends (`setImmediate`), or when the
 *   transaction open at that moment ends, never in the middle of one;
 * - the database runs with `synchronous=NORMAL` (a COMMIT hands its frames to the OS), and the WAL file
 *   is flushed with `fdatasync` on libuv's thread pool, one flush for every batch that waits;
 * - an answer waits (`durable()`, awaited by http/server.ts before it sends) until every write made
 *   before it is committed and flushed.
 *
 * Durability is FULL's: no answer leaves before the change it reports, or any change it could have
 * read, is on disk. Isolation is unchanged for what a client sees: work that reads a change another
 * request made in the same batch answers only once that change is durable too. A batch whose COMMIT
 * fails fails every answer waiting on it (nothing of it was acknowledged); a failed flush fails every
 * later answer as well (PostgreSQL stops in that case: Linux may have dropped the unwritten pages).
 *
 * SQLite keeps the `-wal` file (the same inode, reused from its start after a checkpoint) while a
 * connection is open, so one descriptor opened at the first flush stays valid until `close()`.
 */
export class GroupCommit {
  /** writes made (counted when their statement or transaction ended) that an answer may wait for */
  private written = 0;
  /** the value of `written` when the last batch committed */
  private committed = 0;
  /** the highest `committed` value known to be on disk */
  private synced = 0;
  private batchOpen = false;
  private batchDue = false;
  /** savepoints open: the store's transactions under way inside the batch (Kysely runs one at a time) */
  private depth = 0;
  private syncing = false;
  private waiters: Array<{ upTo: number; resolve: () => void; reject: (err: Error) => void }> = [];
  private fd: number | undefined;
  private failed: Error | undefined;
  private closing: Promise<void> | undefined;
  /** prepared once: `exec` parses its text on every call, a third of a small write's time */
  private readonly statements: Record<'begin' | 'commit' | 'rollback' | 'savepoint' | 'release' | 'rollbackTo', BetterSqlite3.Statement>;

  constructor(
    private readonly database: BetterSqlite3.Database,
    /** the WAL to flush; `null` in memory, where a commit is all there is */
    private readonly walPath: string | null,
    private readonly sync: Sync = fdatasync,
  ) {
    this.statements = {
      begin: database.prepare('BEGIN'),
      commit: database.prepare('COMMIT'),
      rollback: database.prepare('ROLLBACK'),
      savepoint: database.prepare('SAVEPOINT polyiam_tx'),
      release: database.prepare('RELEASE polyiam_tx'),
      rollbackTo: database.prepare('ROLLBACK TO polyiam_tx'),
    };
  }

  /** Kysely's `begin`: a savepoint in the batch. */
  begin(): void {
    this.openBatch();
    this.statements.savepoint.run();
    this.depth++;
  }

  /** Kysely's `commit`: the savepoint is kept; the batch commits it with the rest. */
  commit(): void {
    try {
      this.statements.release.run();
    } catch (err) {
      // no such savepoint: an I/O error rolled the whole batch back (SQLITE_FULL, IOERR...)
      this.depth = Math.max(0, this.depth - 1);
      this.checkBatchAlive();
      throw err;
    }
    this.depth--;
    this.noteWrite();
    this.commitIfDue();
  }

  /** Kysely's `rollback`: the transaction's work goes, the batch's other work stays. */
  rollback(): void {
    // an I/O error may have rolled the whole batch back already (SQLite does so for SQLITE_FULL, IOERR...)
    if (this.database.inTransaction) {
      this.statements.rollbackTo.run();
      this.statements.release.run();
    }
    this.depth = Math.max(0, this.depth - 1);
    this.commitIfDue();
  }

  /** Runs a statement that writes (outside a store transaction, or inside one) in the batch. */
  write<T>(run: () => T): T {
    this.openBatch();
    let result: T;
    try {
      result = run();
    } catch (err) {
      // a failed statement leaves the batch as it was, unless SQLite rolled it back whole (I/O errors)
      this.checkBatchAlive();
      throw err;
    }
    if (this.depth === 0) this.noteWrite();
    return result;
  }

  /**
   * Settles once every write made so far is committed and on disk; `undefined` when that is already so
   * (a read with no write pending: no promise, no wait). Rejects when its batch or the flush failed: the
   * caller must not acknowledge.
   */
  durable(): Promise<void> | undefined {
    if (this.synced >= this.written) return undefined;
    if (this.failed) return Promise.reject(this.failed);
    const upTo = this.written;
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ upTo, resolve, reject });
      if (this.committed >= upTo) this.flush();
    });
  }

  /** Commits the batch under way, waits for the flushes, closes the descriptor (the database is closed after). */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.batchDue = true;
      this.commitIfDue();
      while (this.syncing || this.waiters.length > 0) await new Promise((resolve) => setImmediate(resolve));
      const fd = this.fd;
      this.fd = undefined;
      if (fd !== undefined) await new Promise<void>((resolve) => close(fd, () => resolve()));
    })();
    return this.closing;
  }

  private noteWrite(): void {
    if (unacknowledged.getStore() === undefined) this.written++;
  }

  private openBatch(): void {
    if (this.batchOpen) return;
    this.statements.begin.run();
    this.batchOpen = true;
    this.batchDue = false;
    setImmediate(() => {
      this.batchDue = true;
      this.commitIfDue();
    });
  }

  /** SQLite rolled the batch back on its own (an I/O error): what it held was never acknowledged. */
  private checkBatchAlive(): void {
    if (!this.batchOpen || this.database.inTransaction) return;
    this.batchOpen = false;
    this.depth = 0;
    this.failBatch(new Error('a write batch was rolled back by the database'));
  }

  private commitIfDue(): void {
    if (!this.batchOpen || !this.batchDue || this.depth > 0) return;
    this.batchOpen = false;
    try {
      this.statements.commit.run();
    } catch (err) {
      if (this.database.inTransaction) this.statements.rollback.run();
      this.failBatch(err as Error);
      return;
    }
    this.committed = this.written;
    if (this.waiters.length > 0) this.flush();
  }

  /** The waiters for writes of the batch that did not commit fail; the batches after it go on. */
  private failBatch(err: Error): void {
    const lost = new Error(`a write could not be committed: ${err.message}`);
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(lost);
    // what those writes were counted for is gone; the next flush (covering earlier batches still on
    // their way to the disk) is what later answers wait for
    this.committed = this.written;
  }

  private flush(): void {
    if (this.syncing) return;
    const upTo = this.committed;
    if (this.walPath === null) {
      this.settle(upTo, undefined);
      return;
    }
    this.syncing = true;
    try {
      this.fd ??= openSync(this.walPath, 'r');
    } catch (err) {
      this.settle(upTo, err as Error);
      return;
    }
    this.sync(this.fd, (err) => this.settle(upTo, err ?? undefined));
  }

  private settle(upTo: number, err: Error | undefined): void {
    this.syncing = false;
    if (err) this.failed ??= new Error(`a write could not be made durable: ${err.message}`);
    else if (upTo > this.synced) this.synced = upTo;
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) {
      if (this.failed) waiter.reject(this.failed);
      else if (waiter.upTo <= upTo) waiter.resolve();
      // written after this flush began: a later batch's flush covers it
      else this.waiters.push(waiter);
    }
    if (this.waiters.length > 0 && this.committed > this.synced) this.flush();
  }
}
