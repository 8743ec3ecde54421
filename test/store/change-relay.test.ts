import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChangeFeed, type Change } from '../../src/core/change-feed.js';
import { migrateToLatest } from '../../src/store/kysely-store.js';
import { DatabaseChangeRelay } from '../../src/store/change-log.js';
import { openSqlite } from '../../src/store/sqlite.js';

test('a change made on one node reaches the other node through the database, once', async () => {
  const db = openSqlite(':memory:');
  await migrateToLatest(db);
  const feedA = new ChangeFeed();
  const feedB = new ChangeFeed();
  const errors: unknown[] = [];
  const nodeA = new DatabaseChangeRelay(db, feedA, () => Date.now(), (e) => errors.push(e));
  const nodeB = new DatabaseChangeRelay(db, feedB, () => Date.now(), (e) => errors.push(e));
  const seenByA: Change[] = [];
  const seenByB: Change[] = [];
  feedA.subscribe((c) => seenByA.push(c));
  feedB.subscribe((c) => seenByB.push(c));

  feedA.emit({ kind: 'access-key', id: 'AKIAEXAMPLE' });
  await new Promise((r) => setTimeout(r, 20));
  await nodeB.poll();
  await nodeB.poll();
  await nodeA.poll();
  assert.deepEqual(seenByB, [{ kind: 'access-key', id: 'AKIAEXAMPLE' }]);
  assert.deepEqual(seenByA, [{ kind: 'access-key', id: 'AKIAEXAMPLE' }], 'a node does not replay its own changes');
  assert.deepEqual(errors, []);
  await db.destroy();
});
