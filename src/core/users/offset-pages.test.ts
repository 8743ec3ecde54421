/** @see #17 Volcengine Offset pages are keyset seeks once a position is known; the list never reads stale rows. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChangeFeed } from '../change-feed.js';
import { AdjustableClock } from '../clock.js';
import type { Page } from '../ports.js';
import { OffsetPages } from './offset-pages.js';

/** a sorted list paged like the store: `marker` (exclusive, the last name) or `offset`; counts each way */
function fakeList(names: string[]) {
  const calls = { seeks: 0, scans: 0, first: 0 };
  const list = async (q: { limit: number; marker?: string; offset?: number }): Promise<Page<string>> => {
    let start = 0;
    if (q.marker !== undefined) {
      calls.seeks++;
      start = names.findIndex((n) => n > q.marker!);
      if (start < 0) start = names.length;
    } else if (q.offset !== undefined) {
      calls.scans++;
      start = q.offset;
    } else {
      calls.first++;
    }
    const items = names.slice(start, start + q.limit);
    return start + q.limit < names.length ? { items, nextMarker: items[items.length - 1]! } : { items };
  };
  return { calls, list };
}

const names = Array.from({ length: 1000 }, (_, i) => `u${String(i).padStart(4, '0')}`);

test('a walk by Offset seeks from the page before; an unknown offset scans once, then seeks', async () => {
  const pages = new OffsetPages(new AdjustableClock(), new ChangeFeed());
  const { calls, list } = fakeList(names);
  for (let offset = 0; offset < 1000; offset += 100) {
    const page = await pages.page('acct/{}', offset, 100, list);
    assert.deepEqual(page.items, names.slice(offset, offset + 100));
  }
  assert.deepEqual(calls, { seeks: 9, scans: 0, first: 1 });

  const deep = await pages.page('acct/{}', 555, 10, list);
  assert.deepEqual(deep.items, names.slice(555, 565));
  assert.equal(calls.scans, 1);
  await pages.page('acct/{}', 555, 10, list);
  await pages.page('acct/{}', 565, 10, list);
  assert.equal(calls.scans, 1, 'the same offset and the next page are seeks');
  assert.deepEqual((await pages.page('acct/{}', 2000, 10, list)).items, [], 'past the end: empty');
});

test('a user change, or the time to live, forgets positions and totals', async () => {
  const clock = new AdjustableClock();
  const changes = new ChangeFeed();
  const pages = new OffsetPages(clock, changes, { ttlMs: 5_000 });
  const { calls, list } = fakeList(names);
  await pages.page('acct/{}', 300, 10, list);
  let counted = 0;
  const count = async () => ++counted;
  assert.equal(await pages.total('acct/{}', count), 1);
  assert.equal(await pages.total('acct/{}', count), 1);

  changes.emit({ kind: 'user', id: 'someone' });
  await pages.page('acct/{}', 300, 10, list);
  assert.equal(calls.scans, 2);
  assert.equal(await pages.total('acct/{}', count), 2);

  clock.advance(5_001);
  await pages.page('acct/{}', 300, 10, list);
  assert.equal(calls.scans, 3);
  assert.equal(await pages.total('acct/{}', count), 3);

  // a filter is a list of its own
  await pages.page('acct/{"textContains":"u1"}', 300, 10, list);
  assert.equal(calls.scans, 4);
});

test('positions stay within their bound', async () => {
  const pages = new OffsetPages(new AdjustableClock(), new ChangeFeed(), { maxEntries: 5 });
  const { calls, list } = fakeList(names);
  for (let offset = 1; offset <= 20; offset++) await pages.page('acct/{}', offset * 10, 10, list);
  const scans = calls.scans;
  await pages.page('acct/{}', 200, 10, list);
  assert.equal(calls.scans, scans, 'the newest positions are kept');
  await pages.page('acct/{}', 10, 10, list);
  assert.equal(calls.scans, scans + 1, 'the oldest went');
});
