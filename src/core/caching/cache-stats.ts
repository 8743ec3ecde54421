/**
 * Hit, miss and eviction counts of the process's in-memory caches, by cache name, read by `/metrics`
 * (`polyiam_cache_*_total{cache}`, http/metrics.ts) at scrape time: the hot path only adds to plain
 * numbers (issue #17: caches are bounded and their hit ratios visible). Counts are per process: every
 * polyiam instance in it adds to the same names (one in production; tests start many).
 */
export class CacheCounter {
  hits = 0;
  misses = 0;
  /** entries dropped to stay within the bound (not invalidations, not expiries) */
  evictions = 0;

  constructor(readonly name: string) {}
}

const counters = new Map<string, CacheCounter>();

/** The counter of the cache `name`, made on first use. */
export function cacheCounter(name: string): CacheCounter {
  let counter = counters.get(name);
  if (!counter) counters.set(name, (counter = new CacheCounter(name)));
  return counter;
}

export function cacheCounters(): readonly CacheCounter[] {
  return [...counters.values()];
}
