/** @see #19 — notifications between nodes: what is sent, and what a node accepts from the channel */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChangeFeed, type Change } from '../../src/core/change-feed.js';
import { encodePayloads, parsePayload } from '../../src/store/change-payload.js';
import { PostgresChangeNotifier } from '../../src/store/change-notify.js';
import { openSqlite } from '../../src/store/sqlite.js';

const DEPLOYMENT = 'polyiam/public';

describe('change notification payloads', () => {
  it('carry ids only, and split under PostgreSQL’s 8000-byte limit', () => {
    const changes: Change[] = Array.from({ length: 1_000 }, (_, i) => ({ kind: 'policy-attachment', id: `${i}`.padStart(32, 'a') }));
    const payloads = encodePayloads(DEPLOYMENT, 'node1', changes);
    assert.ok(payloads.length > 1);
    for (const payload of payloads) assert.ok(Buffer.byteLength(payload) < 8_000);
    const back = payloads.flatMap((p) => parsePayload(p, DEPLOYMENT).changes);
    assert.deepEqual(back, changes);
    assert.deepEqual(Object.keys(JSON.parse(payloads[0]!) as object).sort(), ['c', 'db', 'n', 'v']);
  });

  it('a payload that does not parse, names an unknown kind or another deployment is left out and counted', () => {
    assert.deepEqual(parsePayload('{not json', DEPLOYMENT).ignored, [{ reason: 'malformed', count: 1 }]);
    assert.deepEqual(parsePayload('{"v":2,"db":"polyiam/public","n":"x","c":[]}', DEPLOYMENT).ignored, [{ reason: 'malformed', count: 1 }]);
    assert.deepEqual(parsePayload('[1,2]', DEPLOYMENT).ignored, [{ reason: 'malformed', count: 1 }]);
    const other = parsePayload(encodePayloads('other/public', 'n', [{ kind: 'user', id: 'u1' }])[0]!, DEPLOYMENT);
    assert.deepEqual(other, { changes: [], ignored: [{ reason: 'other-database', count: 1 }] });
    const mixed = parsePayload(JSON.stringify({ v: 1, db: DEPLOYMENT, n: 'n', c: [['user', 'u1'], ['table-of-secrets', 'x'], ['user', 7], ['user', ''], 'x'] }), DEPLOYMENT);
    assert.deepEqual(mixed.changes, [{ kind: 'user', id: 'u1' }]);
    assert.deepEqual(mixed.ignored, [
      { reason: 'malformed', count: 3 },
      { reason: 'unknown-kind', count: 1 },
    ]);
  });

  it('a flood is dropped in batches across turns of the event loop, never in one go', async () => {
    const feed = new ChangeFeed();
    const notifier = new PostgresChangeNotifier(openSqlite(':memory:'), 'postgres://unused', feed, { dropBatch: 500 });
    const heard: Change[] = [];
    let turnsWithDrops = 0;
    let inTurn = false;
    feed.subscribe((c) => {
      heard.push(c);
      if (!inTurn) {
        inTurn = true;
        turnsWithDrops++;
        setImmediate(() => (inTurn = false));
      }
    });
    // the deployment is learnt at start; an unstarted notifier has the empty one
    const changes: Change[] = Array.from({ length: 10_000 }, (_, i) => ({ kind: 'user', id: `u${i}` }));
    for (const payload of encodePayloads('', 'another-node', changes)) notifier.receive(payload);
    let ticks = 0;
    while (heard.length < changes.length && ticks < 1_000) {
      await new Promise((resolve) => setImmediate(resolve));
      ticks++;
    }
    assert.equal(heard.length, 10_000);
    assert.ok(turnsWithDrops >= 20, `dropped over ${turnsWithDrops} turns`);
    assert.equal(notifier.stats.changesApplied, 10_000);
  });
});
