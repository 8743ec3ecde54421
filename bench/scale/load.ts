/**
 * The scale bench's load, run in a child process of its own (`node --import tsx bench/scale/load.ts
 * PLAN_JSON`): builds a pool of requests for one case from the seed manifest (signed as the official
 * SDKs sign them, each once: the server verifies every signature all the same), sends them from
 * `connections` keep-alive connections for a warm-up and a measured window, and prints the result as
 * one JSON line on stdout.
 */
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { pathToFileURL } from 'node:url';
import { encodeMarker } from '../../src/store/repositories/paging.js';
import { form, signRequest } from '../../test/conformance/aws/sigv4.js';
import { signedVolcRequest } from '../volcengine.js';
import { userName, type SeedManifest, type SeededKey } from './seed.js';

export interface Spec {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadPlan {
  url: string;
  caseId: CaseId;
  manifestFile: string;
  connections: number;
  warmupMs: number;
  durationMs: number;
}

export interface LoadResult {
  rate: number;
  count: number;
  p50: number;
  p99: number;
  failures: Record<string, number>;
}

export const CASES = {
  listFirst: 'list users, first page (AWS ListUsers MaxItems=100)',
  listDeep: 'list users, deep page (AWS ListUsers Marker past 50-95%)',
  volcListDeep: 'list users, deep page (Volcengine ListUsers Offset walk from 50-95%)',
  getUser: 'get user (AWS GetUser of a random user, root)',
  signedRead: 'signed read (AWS GetUser self, 1,000 seeded keys)',
  decision: 'policy decision (AWS GetUser by a user in 10 groups, 33 policies)',
  signIn: 'sign-in (Keystone POST /v3/auth/tokens, seeded argon2id)',
} as const;

export type CaseId = keyof typeof CASES;

const POOL = 2_000;

async function aws(url: string, key: SeededKey, params: Record<string, string>): Promise<Spec> {
  const raw = await signRequest(url, { ak: key.accessKeyId, sk: key.secret }, { body: form({ Version: '2010-05-08', ...params }) });
  return { method: raw.method, path: raw.path, headers: raw.headers, ...(raw.body ? { body: raw.body.toString('utf8') } : {}) };
}

const deepIndex = (users: number) => Math.floor(users * (0.5 + Math.random() * 0.45));

/** The requests one case cycles through. */
export async function requestPool(caseId: CaseId, url: string, m: SeedManifest): Promise<Spec[]> {
  const many = <T>(n: number, make: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => make(i)));
  switch (caseId) {
    case 'listFirst':
      return [await aws(url, m.root, { Action: 'ListUsers', MaxItems: '100' })];
    case 'listDeep':
      // the Marker a previous page would have returned: the last user name it held (store/repositories/paging.ts)
      return many(200, () => aws(url, m.root, { Action: 'ListUsers', MaxItems: '100', Marker: encodeMarker(userName(deepIndex(m.users))) }));
    case 'volcListDeep': {
      // what an SDK walking the list sends: Offset advancing by Limit, here from deep starting points
      const starts = Array.from({ length: 20 }, () => deepIndex(m.users) - (deepIndex(m.users) % 100));
      const offsets = starts.flatMap((s) => Array.from({ length: 10 }, (_, k) => s + k * 100)).filter((o) => o < m.users);
      return offsets.map((o) => signedVolcRequest({ ak: m.root.accessKeyId, sk: m.root.secret, action: 'ListUsers', params: { Limit: '100', Offset: String(o) } }));
    }
    case 'getUser':
      return many(POOL, () => aws(url, m.root, { Action: 'GetUser', UserName: userName(randomInt(m.users)) }));
    case 'signedRead':
      return many(m.keys.length, (i) => aws(url, m.keys[i]!, { Action: 'GetUser' }));
    case 'decision':
      return many(POOL, () => aws(url, m.decider, { Action: 'GetUser', UserName: userName(randomInt(m.users)) }));
    case 'signIn': {
      const domain = { name: m.account.name };
      return m.signIns.map(({ userName: name, password }) => ({
        method: 'POST',
        path: '/v3/auth/tokens?nocatalog=true',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name, password, domain } } }, scope: { domain } } }),
      }));
    }
  }
}

/** Runs the plan; requests that complete inside the measured window count. */
export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const manifest = JSON.parse(readFileSync(plan.manifestFile, 'utf8')) as SeedManifest;
  const pool = await requestPool(plan.caseId, plan.url, manifest);
  const target = new URL(plan.url);
  const agent = new Agent({ keepAlive: true, maxSockets: plan.connections });
  const send = (spec: Spec) =>
    new Promise<number>((resolve, reject) => {
      const req = request({ host: target.hostname, port: target.port, method: spec.method, path: spec.path, headers: spec.headers, agent }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(spec.body);
    });
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  const windowStart = performance.now() + plan.warmupMs;
  const windowEnd = windowStart + plan.durationMs;
  let next = 0;
  const loop = async () => {
    while (performance.now() < windowEnd) {
      const spec = pool[next++ % pool.length]!;
      const start = performance.now();
      const status = await send(spec).catch(() => 0);
      const end = performance.now();
      if (end < windowStart || end > windowEnd) continue;
      if (status >= 200 && status < 300) latencies.push(end - start);
      else failures[String(status)] = (failures[String(status)] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: plan.connections }, loop));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { rate: (latencies.length / plan.durationMs) * 1000, count: latencies.length, p50: at(0.5), p99: at(0.99), failures };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runLoad(JSON.parse(process.argv[2]!) as LoadPlan);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
