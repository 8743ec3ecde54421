import type { Change, ChangeAnnouncer } from '../change-feed.js';

const keyOf = (change: Change) => `${change.kind}/${change.id}`;

/** A change emitted while transactions were open, sent once every one of them has ended. */
interface Held {
  change: Change;
  waitingFor: number;
}

/** One open transaction of this node, as the carrier sees it. */
export class OpenTransaction {
  /** what its tracked writes touched: announced inside it, before COMMIT */
  readonly touched: Change[] = [];
  private readonly keys = new Set<string>();
  /** emitted changes its own announcement will carry if it commits */
  readonly covered: Change[] = [];
  readonly holding: Held[] = [];

  add(change: Change): void {
    const key = keyOf(change);
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.touched.push(change);
  }

  has(change: Change): boolean {
    return this.keys.has(keyOf(change));
  }
}

/**
 * On a shared database, decides how each change reaches the other nodes (README "Consistency across
 * nodes"):
 * - a tracked write's change travels inside its transaction (`OpenTransaction.touched`);
 * - a change emitted on the feed that a committed transaction just announced is not sent again (a
 *   service emits after the commit what the store already tracked);
 * - one that an open transaction has touched too rides with it, or is sent on its own if that
 *   transaction rolls back (a change announced twice costs a cache miss; one lost costs a stale row);
 * - any other (a kind no tracked write covers, e.g. one added by a new feature) is sent once every
 *   transaction open when it was emitted has ended: the one that made it is among them, so no node
 *   hears of it before its COMMIT and re-reads the row it is about to replace.
 */
export class ChangeCarrier {
  private readonly open = new Set<OpenTransaction>();
  /** keys announced by transactions that committed in the current turn of the event loop */
  private committedNow = new Set<string>();

  constructor(private readonly announcer: ChangeAnnouncer) {}

  begin(): OpenTransaction {
    const tx = new OpenTransaction();
    this.open.add(tx);
    return tx;
  }

  end(tx: OpenTransaction, committed: boolean): void {
    this.open.delete(tx);
    if (committed) {
      if (this.committedNow.size === 0 && tx.touched.length > 0) {
        // a service emits what it wrote right after the commit, in the same turn (microtasks); the
        // next tick comes once they have run
        process.nextTick(() => {
          this.committedNow = new Set();
        });
      }
      for (const change of tx.touched) this.committedNow.add(keyOf(change));
    } else if (tx.covered.length > 0) {
      this.announcer.announce(tx.covered);
    }
    const ready: Change[] = [];
    for (const held of tx.holding) if (--held.waitingFor === 0) ready.push(held.change);
    if (ready.length > 0) this.announcer.announce(ready);
  }

  /** a change emitted on this node's feed (never one replayed from another node) */
  carry(change: Change): void {
    if (this.committedNow.has(keyOf(change))) return;
    for (const tx of this.open) {
      if (tx.has(change)) {
        tx.covered.push(change);
        return;
      }
    }
    if (this.open.size === 0) return this.announcer.announce([change]);
    const held: Held = { change, waitingFor: this.open.size };
    for (const tx of this.open) tx.holding.push(held);
  }
}
