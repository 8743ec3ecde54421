import { AsyncLocalStorage } from 'node:async_hooks';
import { close, fdatasync, openSync } from 'node:fs';

type Sync = (fd: number, done: (err: NodeJS.ErrnoException | null) => void) => void;

/** Commits made inside `withoutAcknowledgement` (audit batches of reads: a loss window that is documented). */
const unacknowledged = new AsyncLocalStorage<true>();

/**
 * Runs writes nobody waits for before an answer (the batched audit events of reads and refusals,
 * store/audit-sink.ts): their commits reach the disk with the next sync, but no response waits for one
 * on their account.
 */
export function withoutAcknowledgement<T>(work: () => Promise<T>): Promise<T> {
  return unacknowledged.run(true, work);
}

/**
 * Group commit for SQLite in WAL mode. With `synchronous=FULL` every COMMIT calls fsync on the event
 * loop's thread: one disk flush per write request, and the whole server stalls while it runs. Here the
 * database runs with `synchronous=NORMAL` (a COMMIT writes its WAL frames to the OS, no fsync) and this
 * class flushes the WAL file with `fdatasync` on libuv's thread pool; an answer that follows a commit
 * waits for the flush that covers it (`durable()`). Commits that arrive while a flush runs share the
 * next one, so N concurrent writes cost one fsync, not N.
 *
 * Durability is FULL's: SQLite's FULL is NORMAL plus a sync of the WAL at every commit, and no answer
 * leaves before that sync has happened (the HTTP layer awaits `durable()` before it sends, see
 * http/server.ts). What differs is only that another request may *read* a committed change before it
 * is on disk; its answer then waits for the same flush, so nothing a client was told can be lost.
 *
 * SQLite keeps the `-wal` file (same inode, reused from the start after a checkpoint) while any
 * connection is open, so one descriptor opened at the first flush stays valid until `close()`.
 */
export class WalGroupCommit {
  /** commits made (and so written to the WAL, in the OS cache) that an answer may wait for */
  private committed = 0;
  /** the highest `committed` value known to be on disk */
  private synced = 0;
  private syncing = false;
  private waiters: Array<{ upTo: number; resolve: () => void; reject: (err: Error) => void }> = [];
  private fd: number | undefined;
  /** a failed flush is final: Linux may drop the unwritten pages, so a later flush proving nothing (PostgreSQL panics here) */
  private failed: Error | undefined;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly walPath: string,
    private readonly sync: Sync = fdatasync,
  ) {}

  /** After a statement committed (a COMMIT, or a write outside any transaction): its frames are in the WAL. */
  noteCommit(): void {
    if (unacknowledged.getStore() === undefined) this.committed++;
  }

  /**
   * Settles once every commit noted so far is on disk; `undefined` when that is already so (the common
   * case of a read: no promise, no wait). Rejects when the flush fails: the caller must not acknowledge.
   */
  durable(): Promise<void> | undefined {
    if (this.synced >= this.committed) return undefined;
    if (this.failed) return Promise.reject(this.failed);
    const upTo = this.committed;
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ upTo, resolve, reject });
      this.flush();
    });
  }

  /** Waits for the flushes under way, then closes the descriptor (the database is closed after). */
  close(): Promise<void> {
    this.closing ??= (async () => {
      while (this.syncing || this.waiters.length > 0) await new Promise((resolve) => setImmediate(resolve));
      const fd = this.fd;
      this.fd = undefined;
      if (fd !== undefined) await new Promise<void>((resolve) => close(fd, () => resolve()));
    })();
    return this.closing;
  }

  private flush(): void {
    if (this.syncing) return;
    this.syncing = true;
    // everything committed up to here is already written to the file: this sync covers it
    const upTo = this.committed;
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
      // committed while this flush ran: the next flush covers it
      else this.waiters.push(waiter);
    }
    if (this.waiters.length > 0) this.flush();
  }
}
