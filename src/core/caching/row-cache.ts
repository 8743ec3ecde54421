import type { Clock } from '../ports.js';

/**
 * Rows by key, kept for `ttlMs` so hot reads skip the database. Misses are not cached (a row created
 * later is seen at once), and every cached value is frozen so no caller can change what the next one
 * reads.
 *
 * INVARIANT: `generation` is bumped by every invalidation, and a load that started before one does not
 * fill the cache, so a read racing a write can never leave the old row behind.
 */
export class RowCache<V extends object> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();
  private generation = 0;

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  /** the fresh cached value, else `load()`'s (cached when it found a row and nothing was invalidated meanwhile) */
  async get(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const hit = this.peek(key);
    if (hit !== undefined) return hit;
    const generation = this.generation;
    const value = await load();
    if (value !== undefined && generation === this.generation) this.put(key, value);
    return value;
  }

  peek(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (hit === undefined) return undefined;
    if (hit.expiresAt > this.clock.now()) return hit.value;
    this.entries.delete(key);
    return undefined;
  }

  put(key: string, value: V): void {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value: deepFreeze(value), expiresAt: this.clock.now() + this.ttlMs });
  }

  invalidate(key: string): void {
    this.generation++;
    this.entries.delete(key);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
