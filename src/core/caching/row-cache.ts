import type { Clock } from '../ports.js';
import { cacheCounter, type CacheCounter } from './cache-stats.js';

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
  private readonly counter: CacheCounter;

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    /** the `cache` label of its hit, miss and eviction counts in /metrics */
    name = 'rows',
  ) {
    this.counter = cacheCounter(name);
  }

  /** the fresh cached value, else `load()`'s (cached when it found a row and nothing was invalidated meanwhile) */
  async get(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const hit = this.peek(key);
    if (hit !== undefined) {
      this.counter.hits++;
      return hit;
    }
    this.counter.misses++;
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
    // the oldest entry goes (a Map iterates in insertion order), not all of them: with more hot rows than
    // the bound (a million users) clearing everything made every read a miss right after each fill (#17)
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) {
      this.entries.delete(this.entries.keys().next().value as string);
      this.counter.evictions++;
    }
    this.entries.set(key, { value: deepFreeze(value), expiresAt: this.clock.now() + this.ttlMs });
  }

  /** drops an entry to stay within a bound: no write happened, so loads under way may still fill */
  evict(key: string): void {
    if (this.entries.delete(key)) this.counter.evictions++;
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
