/**
 * Two polyiam nodes on one PostgreSQL (issue #19), when `POLYIAM_TEST_PG_URL` names a server (each case
 * makes a scratch database of its own):
 * - a signed read served by node B, beside the same read on the embedded single node: what the shared
 *   database and the per-request revocation check cost the hot path;
 * - propagation: a user renamed on node A, until node B's cached read shows the new name. The case's
 *   summary prints the median and maximum over 100 changes, measured before the timed window.
 */
import { randomBytes } from 'node:crypto';
import type { Polyiam } from '../src/app/polyiam.js';
import { systemContext, type CallContext } from '../src/core/principal.js';
import { PlainPassword } from '../src/core/secrets.js';
import { openNode, scratchDatabase, type ScratchDatabase } from '../test/support/nodes.js';
import { serveNode } from '../test/store/two-nodes.js';
import { BARE_HTTP, type BenchCase } from './harness.js';
import { SIGNED_READ } from './huawei-v5.js';

// the worker imports the request factory from this module
export { signedReads } from './huawei-v5.js';

export const TWO_NODE_READ = 'two nodes (PostgreSQL): huawei-v5 signed GET /v5/users/{id}/login-profile on node B';
export const TWO_NODE_PROPAGATION = 'two nodes (PostgreSQL): user renamed on A until read anew on B';
export const TWO_NODE_READ_UNCHECKED = 'two nodes (PostgreSQL): the same read on node B without the per-request revocation check (reference only)';

const CHANGES = 100;

interface Cluster {
  database: ScratchDatabase;
  a: Polyiam;
  b: Polyiam;
  root: CallContext;
  keys: { ak: string; sk: string };
  close(): Promise<void>;
}

async function cluster(adminUrl: string): Promise<Cluster> {
  const database = await scratchDatabase(adminUrl, 'polyiam_bench');
  const masterKey = randomBytes(32).toString('base64');
  const a = await openNode(database.url, masterKey);
  const b = await openNode(database.url, masterKey);
  const created = await a.services.accounts.create(`bench${randomBytes(4).toString('hex')}`, new PlainPassword('BenchRoot#2024'));
  return {
    database,
    a,
    b,
    root: systemContext(created.account.id, created.root.id, created.root.name),
    keys: { ak: created.accessKeyId, sk: created.secret.reveal() },
    async close() {
      await a.close();
      await b.close();
      await database.drop();
    },
  };
}

/** Milliseconds from A's acknowledged rename to B's read showing it (B is asked on every turn of the loop). */
async function propagate(c: Cluster, userId: string, i: number): Promise<number> {
  const name = `renamed-${i}`;
  await c.a.services.users.update(c.root, { id: userId }, { newName: name });
  const start = performance.now();
  while ((await c.b.services.users.get(c.root, { id: userId })).name !== name) {
    if (performance.now() - start > 10_000) throw new Error('a change did not reach node B within 10 s');
    await new Promise((resolve) => setImmediate(resolve));
  }
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function twoNodeCases(adminUrl: string): BenchCase[] {
  let readCluster: Cluster | undefined;
  let readHttp: { close(): Promise<void> } | undefined;
  let propagationCluster: Cluster | undefined;
  let summary: string | undefined;
  let uncheckedCluster: Cluster | undefined;
  let uncheckedHttp: { close(): Promise<void> } | undefined;
  const readLoad = async (c: Cluster) => {
    const user = await c.a.services.users.create(c.root, { name: 'reader' });
    await c.a.services.loginProfiles.create(c.root, { id: user.id }, { password: new PlainPassword('Bench#Passw0rd'), passwordResetRequired: false });
    const http = await serveNode(c.b);
    const args = { url: http.url, ...c.keys, path: `/v5/users/${user.id}/login-profile` };
    return { http, load: { kind: 'http' as const, url: http.url, factory: { module: import.meta.url, export: 'signedReads', args } } };
  };
  return [
    {
      name: TWO_NODE_READ_UNCHECKED,
      group: 'two-nodes',
      async setup() {
        uncheckedCluster = await cluster(adminUrl);
        // what the read would cost if a cached key were trusted until a notification drops it (not
        // immediate: kept only to show the check's price beside it)
        Object.assign(uncheckedCluster.b.services.authenticator, { revocations: undefined });
        const { http, load } = await readLoad(uncheckedCluster);
        uncheckedHttp = http;
        return load;
      },
      async teardown() {
        await uncheckedHttp?.close();
        await uncheckedCluster?.close();
      },
    },
    {
      name: TWO_NODE_READ,
      group: 'two-nodes',
      compare: [{ to: TWO_NODE_READ_UNCHECKED }, { to: SIGNED_READ }, { to: BARE_HTTP }],
      async setup() {
        readCluster = await cluster(adminUrl);
        const { http, load } = await readLoad(readCluster);
        readHttp = http;
        return load;
      },
      async teardown() {
        await readHttp?.close();
        await readCluster?.close();
      },
    },
    {
      name: TWO_NODE_PROPAGATION,
      group: 'two-nodes',
      unit: 'change/s',
      async setup() {
        const c = (propagationCluster = await cluster(adminUrl));
        const user = await c.a.services.users.create(c.root, { name: 'renamed' });
        await c.b.services.users.get(c.root, { id: user.id });
        const times: number[] = [];
        for (let i = 0; i < CHANGES; i++) times.push(await propagate(c, user.id, i));
        const listening = c.b.changeNotifications?.listening ? 'by notification' : 'NOT LISTENING (fallback poll)';
        summary = `${TWO_NODE_PROPAGATION}: over ${CHANGES} changes, median ${median(times).toFixed(2)} ms, max ${Math.max(...times).toFixed(2)} ms (${listening}; target ≤ 100 ms)`;
        let i = CHANGES;
        return { kind: 'op', concurrency: 1, op: () => propagate(c, user.id, i++) };
      },
      async teardown() {
        await propagationCluster?.close();
      },
      summary: () => summary,
    },
  ];
}

const adminUrl = process.env.POLYIAM_TEST_PG_URL;
export const cases: BenchCase[] = adminUrl ? twoNodeCases(adminUrl) : [];
