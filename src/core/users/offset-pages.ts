import { cacheCounter } from '../caching/cache-stats.js';
import type { Change, ChangeFeed } from '../change-feed.js';
import type { Clock, Page } from '../ports.js';

/** a position of a list: an account, a filter and an offset into it */
interface Position {
  /** the keyset marker the page at this offset continues after */
  marker: string;
  expiresAt: number;
}

export interface OffsetPagesOptions {
  /** bounds what another node's user create or delete, which no notice carries, can shift a page by */
  ttlMs?: number;
  maxEntries?: number;
  /** the change kinds that move positions (users by default; a role or policy list names its own) */
  kinds?: ReadonlyArray<Change['kind']>;
}

/**
 * Offset paging (Volcengine ListUsers `Limit`/`Offset`, whose `Total` counts the whole list) served by
 * keyset seeks (issue #17: no list pages by SQL OFFSET, whose cost grows with the offset: a deep page of a
 * million users read every row before it). Each page served remembers where the next one starts (the
 * marker after its last row, under the offset that follows it), so an SDK walking Offset=0, 100, 200...
 * is a keyset seek at every step. An offset nobody reached so far costs one scan, once: the row just
 * before it is read by OFFSET (limit 1) and its position remembered, so the page itself, and the same
 * offset asked again, are seeks. `Total` is counted once per list and filter and kept as long.
 *
 * What is remembered is dropped at every user create, rename or delete made on this node, and lives
 * `ttlMs` (5 s) at most: another node's create or delete, which the change feed does not carry, shifts
 * the positions and the total by at most that long. Offset paging under concurrent writes skips or
 * repeats rows anyway; the list's content is never stale (each page is read from the database).
 */
export class OffsetPages {
  private readonly positions = new Map<string, Position>();
  private readonly totals = new Map<string, { total: number; expiresAt: number }>();
  private readonly counter = cacheCounter('list-offsets');
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  /** INVARIANT: bumped by every drop, so a page read across a write remembers nothing */
  private generation = 0;

  constructor(
    private readonly clock: Clock,
    changes: ChangeFeed,
    options: OffsetPagesOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 5_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    const kinds = new Set<Change['kind']>(options.kinds ?? ['user', 'account', 'group-membership']);
    changes.subscribe(
      (change) => {
        if (kinds.has(change.kind)) this.clear();
      },
      () => this.clear(),
    );
  }

  /**
   * The page of `limit` rows at `offset` of the list `scope` names (account and filter), read through
   * `list`, which pages by keyset (`marker`) or, for an offset never reached, by `offset`.
   */
  async page<T>(scope: string, offset: number, limit: number, list: (query: { limit: number; marker?: string; offset?: number }) => Promise<Page<T>>): Promise<Page<T>> {
    const generation = this.generation;
    let marker: string | undefined;
    if (offset > 0) {
      marker = this.find(`${scope}#${offset}`);
      if (marker === undefined) {
        this.counter.misses++;
        // the row before the offset, by one scan; its marker is where the page starts
        const before = await list({ limit: 1, offset: offset - 1 });
        if (before.nextMarker === undefined) return { items: [] };
        marker = before.nextMarker;
        this.remember(generation, `${scope}#${offset}`, marker);
      } else {
        this.counter.hits++;
      }
    }
    const page = await list({ limit, ...(marker !== undefined ? { marker } : {}) });
    if (page.nextMarker !== undefined) this.remember(generation, `${scope}#${offset + page.items.length}`, page.nextMarker);
    return page;
  }

  /** the list's length, counted once per `ttlMs` (and after every user change on this node) */
  async total(scope: string, count: () => Promise<number>): Promise<number> {
    const known = this.totals.get(scope);
    if (known && known.expiresAt > this.clock.now()) return known.total;
    const generation = this.generation;
    const total = await count();
    if (generation === this.generation) {
      if (this.totals.size >= this.maxEntries) this.totals.delete(this.totals.keys().next().value as string);
      this.totals.set(scope, { total, expiresAt: this.clock.now() + this.ttlMs });
    }
    return total;
  }

  /** a user was created in some account: every position after its name moved (creates carry no change) */
  clear(): void {
    this.generation++;
    this.positions.clear();
    this.totals.clear();
  }

  private find(key: string): string | undefined {
    const hit = this.positions.get(key);
    if (hit === undefined) return undefined;
    if (hit.expiresAt > this.clock.now()) return hit.marker;
    this.positions.delete(key);
    return undefined;
  }

  private remember(generation: number, key: string, marker: string): void {
    if (generation !== this.generation) return;
    if (this.positions.size >= this.maxEntries && !this.positions.has(key)) {
      this.positions.delete(this.positions.keys().next().value as string);
      this.counter.evictions++;
    }
    this.positions.set(key, { marker, expiresAt: this.clock.now() + this.ttlMs });
  }
}
