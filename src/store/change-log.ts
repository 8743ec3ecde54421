import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Change, ChangeFeed } from '../core/change-feed.js';
import type { Database } from './schema.js';

/**
 * Carries the in-process change feed across nodes that share one database (DESIGN.md "caches are
 * invalidated across nodes through the database"). Local changes are appended to `change_log`; every
 * `intervalMs` each node reads the rows other nodes wrote since its last look and replays them into its
 * own feed. Old rows are pruned after `retentionMs`.
 */
export class DatabaseChangeRelay {
  readonly nodeId = randomBytes(8).toString('hex');
  private lastSeen: number;
  private readonly seen = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private relaying = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly feed: ChangeFeed,
    private readonly now: () => number,
    private readonly onError: (err: unknown) => void,
    private readonly intervalMs = 1_000,
    private readonly retentionMs = 10 * 60_000,
  ) {
    this.lastSeen = now();
    feed.subscribe((change) => {
      if (!this.relaying) void this.append(change);
    });
  }

  start(): void {
    this.timer = setInterval(() => void this.poll(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** reads other nodes' changes; exposed for tests */
  async poll(): Promise<void> {
    try {
      // a margin below lastSeen tolerates clock differences between nodes; `seen` removes repeats
      const since = this.lastSeen - 5_000;
      const rows = await this.db.selectFrom('change_log').selectAll().where('at', '>=', since).where('node_id', '!=', this.nodeId).orderBy('at').execute();
      this.relaying = true;
      for (const row of rows) {
        if (this.seen.has(row.id)) continue;
        this.seen.add(row.id);
        this.feed.emit({ kind: row.kind, id: row.entity_id } as Change);
        this.lastSeen = Math.max(this.lastSeen, Number(row.at));
      }
      this.relaying = false;
      if (this.seen.size > 50_000) this.seen.clear();
      await this.db.deleteFrom('change_log').where('at', '<', this.now() - this.retentionMs).execute();
    } catch (err) {
      this.relaying = false;
      this.onError(err);
    }
  }

  private async append(change: Change): Promise<void> {
    try {
      await this.db
        .insertInto('change_log')
        .values({ id: randomBytes(12).toString('hex'), at: this.now(), node_id: this.nodeId, kind: change.kind, entity_id: change.id })
        .execute();
    } catch (err) {
      this.onError(err);
    }
  }
}
