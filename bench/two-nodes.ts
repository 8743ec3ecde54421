/**
 * Two polyiam nodes on one PostgreSQL (issue #19), when `POLYIAM_TEST_PG_URL` names a server (each case
 * makes a scratch database of its own). Each node is a `polyiam serve --database-url` process of its
 * own, both with one POLYIAM_MASTER_KEY, as two deployed nodes are; the first start of node A creates
 * the account and prints its root credentials. Fixtures come from a third node opened in the bench's
 * process on the same database (on PostgreSQL several writers are the design; the nodes hear its
 * changes as they hear each other's):
 * - a signed read served by node B, beside the same read on the embedded single node: what the shared
 *   database and the per-request revocation check cost the hot path;
 * - propagation: a user renamed on node A (Huawei v5 PUT /v5/users/{id}), until node B's answer to
 *   GET /v5/users/{id} shows the new name, both over HTTP. The case's summary prints the median and
 *   maximum over 100 changes, measured before the timed window.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { createPolyiam } from '../src/app/polyiam.js';
import { loadConfig } from '../src/config/config.js';
import { systemContext } from '../src/core/principal.js';
import { PlainPassword } from '../src/core/secrets.js';
import { scratchDatabase, type ScratchDatabase } from '../test/support/nodes.js';
import { BARE_HTTP, type BenchCase, type HttpLoad } from './harness.js';
import { SIGNED_READ, signer, type SigningArgs } from './huawei-v5.js';
import { PolyiamProcess } from './processes.js';

// the load process imports the request factory from this module
export { signedReads } from './huawei-v5.js';

export const TWO_NODE_READ = 'two nodes (PostgreSQL): huawei-v5 signed GET /v5/users/{id}/login-profile on node B';
export const TWO_NODE_PROPAGATION = 'two nodes (PostgreSQL): user renamed on A until read anew on B';
export const TWO_NODE_READ_UNCHECKED = 'two nodes (PostgreSQL): the same read on node B without the per-request revocation check (reference only)';

const CHANGES = 100;

interface Cluster {
  database: ScratchDatabase;
  masterKey: string;
  a: PolyiamProcess;
  b: PolyiamProcess;
  close(): Promise<void>;
}

/** Node A, then node B (through bench/serve-variant.mjs with `bFlags`, when given). */
async function cluster(adminUrl: string, bFlags?: string[]): Promise<Cluster> {
  const database = await scratchDatabase(adminUrl, 'polyiam_bench');
  const masterKey = randomBytes(32).toString('base64');
  const env = { POLYIAM_DATABASE_URL: database.url, POLYIAM_MASTER_KEY: masterKey };
  const a = new PolyiamProcess('disk', { env });
  const variant = fileURLToPath(new URL('./serve-variant.mjs', import.meta.url));
  const b = new PolyiamProcess('disk', { env, ...(bFlags ? { entry: [variant, ...bFlags] } : {}) });
  const stop = async () => {
    await a.close();
    await b.close();
    await database.drop();
  };
  try {
    await a.start();
    // B's start finds the account A created and prints nothing: it serves the same root
    b.root = a.root;
    await b.start();
  } catch (err) {
    await stop();
    throw err;
  }
  return { database, masterKey, a, b, close: stop };
}

/** A third node in this process, on the cluster's database: what `fn` creates, the nodes hear of. */
async function seed<T>(c: Cluster, fn: (polyiam: Awaited<ReturnType<typeof createPolyiam>>, root: ReturnType<typeof systemContext>) => Promise<T>): Promise<T> {
  const polyiam = await createPolyiam({ ...loadConfig({}), databaseUrl: c.database.url, masterKey: c.masterKey }, { logger: pino({ level: 'silent' }) });
  try {
    const { account, root } = c.a.root!;
    return await fn(polyiam, systemContext(account.id, root.user_id, root.user_name));
  } finally {
    await polyiam.close();
  }
}

const rootArgs = (node: PolyiamProcess): SigningArgs => ({ url: node.url, ak: node.root!.root.access_key_id, sk: node.root!.root.secret_access_key });

async function readLoad(c: Cluster): Promise<HttpLoad> {
  const userId = await seed(c, async (polyiam, root) => {
    const user = await polyiam.services.users.create(root, { name: 'reader' });
    await polyiam.services.loginProfiles.create(root, { id: user.id }, { password: new PlainPassword('Bench#Passw0rd'), passwordResetRequired: false });
    return user.id;
  });
  const args = { ...rootArgs(c.b), path: `/v5/users/${userId}/login-profile` };
  return { kind: 'http', url: c.b.url, pid: c.b.pid, factory: { module: import.meta.url, export: 'signedReads', args } };
}

async function send(node: PolyiamProcess, method: string, path: string, body?: object): Promise<{ status: number; json: { user?: { user_name?: string } } }> {
  const spec = signer(rootArgs(node))(method, path, body);
  const response = await fetch(`${node.url}${spec.path}`, { method, headers: spec.headers, ...(spec.body !== undefined ? { body: spec.body } : {}) });
  return { status: response.status, json: (await response.json()) as { user?: { user_name?: string } } };
}

/** Milliseconds from A's acknowledged rename to B's answer showing it (B is asked again as soon as it answers). */
async function propagate(c: Cluster, userId: string, i: number): Promise<number> {
  const name = `renamed-${i}`;
  const renamed = await send(c.a, 'PUT', `/v5/users/${userId}`, { new_user_name: name });
  if (renamed.status !== 200) throw new Error(`bench: the rename on node A answered ${renamed.status}`);
  const start = performance.now();
  for (;;) {
    const read = await send(c.b, 'GET', `/v5/users/${userId}`);
    if (read.status !== 200) throw new Error(`bench: the read on node B answered ${read.status}`);
    if (read.json.user?.user_name === name) return performance.now() - start;
    if (performance.now() - start > 10_000) throw new Error('a change did not reach node B within 10 s');
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function twoNodeCases(adminUrl: string): BenchCase[] {
  let readCluster: Cluster | undefined;
  let propagationCluster: Cluster | undefined;
  let uncheckedCluster: Cluster | undefined;
  let summary: string | undefined;
  return [
    {
      name: TWO_NODE_READ_UNCHECKED,
      group: 'two-nodes',
      async setup() {
        // what the read would cost if a cached key were trusted until a notification drops it (not
        // immediate: kept only to show the check's price beside it)
        uncheckedCluster = await cluster(adminUrl, ['--no-revocation-check']);
        return readLoad(uncheckedCluster);
      },
      async teardown() {
        await uncheckedCluster?.close();
        uncheckedCluster = undefined;
      },
    },
    {
      name: TWO_NODE_READ,
      group: 'two-nodes',
      compare: [{ to: TWO_NODE_READ_UNCHECKED }, { to: SIGNED_READ }, { to: BARE_HTTP }],
      async setup() {
        readCluster = await cluster(adminUrl);
        return readLoad(readCluster);
      },
      async teardown() {
        await readCluster?.close();
        readCluster = undefined;
      },
    },
    {
      name: TWO_NODE_PROPAGATION,
      group: 'two-nodes',
      unit: 'change/s',
      async setup() {
        const c = (propagationCluster = await cluster(adminUrl));
        const userId = await seed(c, async (polyiam, root) => (await polyiam.services.users.create(root, { name: 'renamed' })).id);
        // B holds the user in its cache before the first change
        await send(c.b, 'GET', `/v5/users/${userId}`);
        const times: number[] = [];
        for (let i = 0; i < CHANGES; i++) times.push(await propagate(c, userId, i));
        summary = `${TWO_NODE_PROPAGATION}: over ${CHANGES} changes, median ${median(times).toFixed(2)} ms, max ${Math.max(...times).toFixed(2)} ms (two server processes, each read a signed HTTP GET; target ≤ 100 ms)`;
        let i = CHANGES;
        return { kind: 'op', concurrency: 1, op: () => propagate(c, userId, i++) };
      },
      async teardown() {
        await propagationCluster?.close();
        propagationCluster = undefined;
      },
      summary: () => summary,
    },
  ];
}

const adminUrl = process.env.POLYIAM_TEST_PG_URL;
export const cases: BenchCase[] = adminUrl ? twoNodeCases(adminUrl) : [];
