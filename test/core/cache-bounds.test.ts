/**
 * @see #17 Caches stay within their bound by evicting their oldest entry, never by dropping every
 * entry (with a million users that made each read right after a fill a miss), and count hits, misses
 * and evictions for /metrics.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cacheCounter } from '../../src/core/caching/cache-stats.js';
import { RowCache } from '../../src/core/caching/row-cache.js';
import { AdjustableClock } from '../../src/core/clock.js';

test('a full row cache evicts its oldest entry and keeps the rest', async () => {
  const cache = new RowCache<{ n: number }>(new AdjustableClock(), 60_000, 3, 'test-bounded-rows');
  const counter = cacheCounter('test-bounded-rows');
  const load = (n: number) => async () => ({ n });
  for (const n of [1, 2, 3, 4]) await cache.get(`k${n}`, load(n));
  assert.equal(cache.peek('k1'), undefined, 'the oldest went');
  assert.deepEqual([2, 3, 4].map((n) => cache.peek(`k${n}`)?.n), [2, 3, 4], 'the others stayed');
  assert.equal(counter.evictions, 1);
  assert.equal(counter.misses, 4);
  await cache.get('k4', load(0));
  assert.equal(counter.hits, 1);
  // re-filling a key that is there evicts nothing
  cache.put('k4', { n: 5 });
  assert.equal(counter.evictions, 1);
});
