/**
 * @see #19 — two polyiam nodes on one PostgreSQL (a scratch database): a change made on one reaches the
 * other's caches by notification, well within the fallback poll's second; the bound itself (100 ms) is
 * measured by `npm run bench` (bench/two-nodes.ts), not asserted on a loaded machine.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import type { Polyiam } from '../../src/app/polyiam.js';
import { systemContext, type CallContext } from '../../src/core/principal.js';
import { eventually, openTwoNodes, type TwoNodes } from '../support/nodes.js';
import { requirePostgres } from '../support/tools.js';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import { serveNode, timeUntil } from './two-nodes.js';

/** pushed, not polled: well under the fallback's one-second poll even on a loaded machine */
const PUSHED_WITHIN_MS = 900;

describe('changes pushed between two nodes on PostgreSQL', () => {
  let a: Polyiam | undefined;
  let b: Polyiam | undefined;
  let root: CallContext;
  let nodes: TwoNodes | undefined;

  before(async () => {
    const adminUrl = process.env.POLYIAM_TEST_PG_URL;
    if (!adminUrl) return;
    nodes = await openTwoNodes(adminUrl, 'notify');
    ({ a, b, root } = nodes);
  });
  after(() => nodes?.close());

  it('a user renamed and tagged on A is read anew on B, by notification', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    const user = await a!.services.users.create(root, { name: 'pushed-user' });
    assert.equal((await b!.services.users.get(root, { id: user.id })).name, 'pushed-user');
    const polls = b!.changeNotifications!.fallbackPolls;

    await a!.services.users.update(root, { id: user.id }, { newName: 'pushed-user-2' });
    const renamed = await timeUntil(async () => (await b!.services.users.get(root, { id: user.id })).name === 'pushed-user-2');
    assert.ok(renamed < PUSHED_WITHIN_MS, `rename seen after ${renamed} ms`);

    assert.deepEqual((await b!.services.users.listTags(root, { id: user.id })), []);
    await a!.services.users.tag(root, { id: user.id }, [{ key: 'team', value: 'blue' }]);
    const tagged = await timeUntil(async () => (await b!.services.users.listTags(root, { id: user.id })).length === 1);
    assert.ok(tagged < PUSHED_WITHIN_MS, `tag seen after ${tagged} ms`);
    assert.equal(b!.changeNotifications!.fallbackPolls, polls, 'heard, not polled');
    assert.equal(b!.changeNotifications!.listening, true);
  });

  it('a policy changed on A decides on B, by notification', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    const user = await a!.services.users.create(root, { name: 'policy-reader' });
    const allow = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });
    const { policy } = await a!.services.policies.create(root, { name: 'pushed-policy', syntax: 'aws', document: allow('iam:GetUser') });
    await a!.services.policyAttachments.attachToUser(root, { id: user.id }, { id: policy.id });
    const asUser = systemContext(root.principal.accountId, user.id, user.name);
    const canList = () => b!.services.users.list({ ...asUser, principal: { ...asUser.principal, isRoot: false } }, { limit: 1 }).then(() => true, () => false);
    assert.equal(await canList(), false);

    await a!.services.policies.createVersion(root, { id: policy.id }, { document: allow('iam:*'), setAsDefault: true });
    const allowed = await timeUntil(canList);
    assert.ok(allowed < PUSHED_WITHIN_MS, `new default version decided after ${allowed} ms`);
  });

  it('notifications that do not parse, name an unknown kind or another deployment are ignored and counted in /metrics', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    const http = await serveNode(b!);
    const sender = new pg.Client({ connectionString: nodes!.database.url });
    await sender.connect();
    try {
      const user = await a!.services.users.create(root, { name: 'metrics-user' });
      await b!.services.users.get(root, { id: user.id });
      const { rows } = await sender.query<{ deployment: string }>(`select current_database() || '/' || current_schema() as deployment`);
      const deployment = rows[0]!.deployment;
      const notify = (payload: string) => sender.query(`select pg_notify('polyiam_changes', $1)`, [payload]);
      await notify('{"v":1,"db":');
      await notify(JSON.stringify({ v: 1, db: 'elsewhere/public', n: 'x', c: [['user', user.id]] }));
      await notify(JSON.stringify({ v: 1, db: deployment, n: 'x', c: [['secret-table', 'x'], ['user', 'no-such-user']] }));
      const metric = async (line: string) => (await (await fetch(`${http.url}/metrics`)).text()).split('\n').find((l) => l.startsWith(line));
      assert.ok(await eventually(async () => (await metric('polyiam_change_notifications_ignored_total{reason="unknown-kind"}')) !== undefined, 5_000));
      assert.equal(await metric('polyiam_change_notifications_ignored_total{reason="malformed"}'), 'polyiam_change_notifications_ignored_total{reason="malformed"} 1');
      assert.equal(await metric('polyiam_change_notifications_ignored_total{reason="other-database"}'), 'polyiam_change_notifications_ignored_total{reason="other-database"} 1');
      assert.equal(await metric('polyiam_change_notifications_ignored_total{reason="unknown-kind"}'), 'polyiam_change_notifications_ignored_total{reason="unknown-kind"} 1');
      assert.equal(await metric('polyiam_change_listener_up'), 'polyiam_change_listener_up 1');
      // none of it touched B: the user is still served, and B still hears real changes
      assert.equal((await b!.services.users.get(root, { id: user.id })).name, 'metrics-user');
      await a!.services.users.update(root, { id: user.id }, { newName: 'metrics-user-2' });
      assert.ok(await eventually(async () => (await b!.services.users.get(root, { id: user.id })).name === 'metrics-user-2', 5_000, 10));
    } finally {
      await sender.end();
      await http.close();
    }
  });

  it('a flood of 10,000 changes in a second is applied in batches while B keeps answering', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    const user = await a!.services.users.create(root, { name: 'flood-reader' });
    await b!.services.users.get(root, { id: user.id });
    const applied = b!.changeNotifications!.changesApplied;
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    // B answers while the flood arrives: a read after every burst (the flood may be applied before the loop below)
    let reads = 0;
    for (let i = 0; i < 10; i++) {
      a!.notifier!.announce(Array.from({ length: 1_000 }, (_, j) => ({ kind: 'user' as const, id: `flood${i}x${j}` })));
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal((await b!.services.users.get(root, { id: user.id })).name, 'flood-reader');
      reads++;
    }
    while (b!.changeNotifications!.changesApplied < applied + 10_000) {
      assert.equal((await b!.services.users.get(root, { id: user.id })).name, 'flood-reader');
      reads++;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    delay.disable();
    const maxMs = delay.max / 1e6;
    t.diagnostic(`10,000 changes applied; ${reads} reads answered meanwhile; longest event-loop stall ${maxMs.toFixed(1)} ms`);
    assert.ok(reads > 0);
    // generous: the bound is for a 2-core machine shared with other suites; the batching itself is unit-tested
    assert.ok(maxMs < 2_000, `the event loop stalled ${maxMs} ms`);
  });

  it('a transaction that rolls back announces nothing', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    const user = await a!.services.users.create(root, { name: 'rolled-back' });
    const applied = b!.changeNotifications!.changesApplied;
    const sent = a!.changeNotifications!.changesSent;
    await assert.rejects(
      a!.services.users.update(root, { id: user.id }, { newName: 'pushed-user-2' }), // the name is taken: the UPDATE fails
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(a!.changeNotifications!.changesSent, sent, 'A sent nothing');
    assert.equal(b!.changeNotifications!.changesApplied, applied, 'B heard nothing');
  });
});
