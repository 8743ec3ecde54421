/**
 * The benchmark harness behind `npm run bench`: a registry of cases, the shared targets they measure
 * (polyiam in process with real OWASP argon2id, a bare node:http server), a keep-alive load generator
 * in a worker thread, and a table of req/s, p50, p99 and ratios against named baselines.
 *
 * Adding cases: a file `bench/<name>.ts` exports `cases: BenchCase[]`; run.ts imports every such file. An HTTP
 * case's setup returns the URL and a request factory *reference* (module URL + export name + JSON
 * args), because the load runs in a worker thread that imports the factory there. The factory export
 * takes the args and returns `(i) => HttpRequestSpec` (or a promise of it).
 *
 * The machine is small and noisy (2 cores): read the ratios, which compare cases measured in the same
 * run, not the absolute numbers. Nothing here asserts a target.
 */
import { request as httpRequest, createServer, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { TestServer } from '../test/support/server.js';

export interface HttpRequestSpec {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export type RequestFactory = (i: number) => HttpRequestSpec;

export interface FactoryRef {
  /** `import.meta.url` of the module exporting the factory */
  module: string;
  export: string;
  /** structured-cloneable arguments for the factory */
  args: unknown;
}

/** Requests to a URL from `connections` keep-alive connections, each sending the next when answered. */
export interface HttpLoad {
  kind: 'http';
  url: string;
  factory: FactoryRef;
  connections?: number;
  /** statuses that count as success (default: any 2xx) */
  okStatuses?: number[];
}

/** An async operation run `concurrency` at a time in this thread (hashing, evaluation...). */
export interface OpLoad {
  kind: 'op';
  op: (i: number) => Promise<unknown>;
  concurrency?: number;
}

export interface BenchCase {
  name: string;
  /** the column the table groups by, e.g. `baseline`, `huawei-v5` */
  group: string;
  /** unit of the rate column; `req/s` for HTTP cases */
  unit?: string;
  /** ratios to print: this case's rate over another case's rate, with the target to meet */
  compare?: Array<{ to: string; target?: number }>;
  /** an absolute rate to meet (in `unit`), printed with PASS or FAIL */
  minRate?: number;
  setup(env: BenchEnv): Promise<HttpLoad | OpLoad>;
  teardown?(): Promise<void>;
  /** a line printed under the table once the case has run (e.g. a measurement the rate column cannot show) */
  summary?(): string | undefined;
}

export interface BenchOptions {
  warmupMs: number;
  durationMs: number;
  connections: number;
}

export interface BenchEnv {
  options: BenchOptions;
  /** polyiam in this process (startTestServer with the real OWASP argon2id, access log off, test mode off), started once */
  polyiam(): Promise<TestServer>;
  /** a bare node:http server in this process answering `{"ok":true}`, started once */
  bareUrl(): Promise<string>;
}

export interface BenchResult {
  name: string;
  group: string;
  unit: string;
  rate: number;
  count: number;
  p50: number;
  p99: number;
  failures: number;
  /** non-success statuses (or `error`) and how often */
  failureKinds: Record<string, number>;
}

export const BARE_HTTP = 'bare node:http JSON';
export const ARGON2_RAW = 'argon2id hash, OWASP m=19MiB t=2 p=1';

/** Cases by name, in registration order; duplicates are refused so a ratio never points at two cases. */
export class BenchRegistry {
  private readonly cases = new Map<string, BenchCase>();

  add(...cases: BenchCase[]): this {
    for (const c of cases) {
      if (this.cases.has(c.name)) throw new Error(`bench case \`${c.name}\` registered twice`);
      this.cases.set(c.name, c);
    }
    return this;
  }

  get(name: string): BenchCase | undefined {
    return this.cases.get(name);
  }

  /** the cases whose name or group contains `filter`, plus every baseline they compare to */
  select(filter?: string): BenchCase[] {
    const all = [...this.cases.values()];
    if (!filter) return all;
    const picked = new Set(all.filter((c) => c.name.includes(filter) || c.group.includes(filter)));
    for (const c of [...picked]) for (const { to } of c.compare ?? []) if (this.cases.has(to)) picked.add(this.cases.get(to)!);
    return all.filter((c) => picked.has(c));
  }
}

/** The two baselines every run measures beside the cases. */
export const baselineCases: BenchCase[] = [
  {
    name: BARE_HTTP,
    group: 'baseline',
    async setup(env) {
      return { kind: 'http', url: await env.bareUrl(), factory: { module: import.meta.url, export: 'bareRequests', args: null } };
    },
  },
  {
    name: ARGON2_RAW,
    group: 'baseline',
    unit: 'hash/s',
    async setup(env) {
      const { Argon2idHasher } = await import('../src/crypto/argon2id-hasher.js');
      const { PlainPassword } = await import('../src/core/secrets.js');
      const hasher = new Argon2idHasher();
      const password = new PlainPassword('Bench#Passw0rd');
      return { kind: 'op', concurrency: env.options.connections, op: () => hasher.hash(password) };
    },
  },
];

/** Request factory of the bare baseline. */
export function bareRequests(): RequestFactory {
  const spec: HttpRequestSpec = { method: 'GET', path: '/', headers: {} };
  return () => spec;
}

/** Lazily started shared targets; `close()` stops whatever was started. */
export function createEnv(options: BenchOptions): BenchEnv & { close(): Promise<void> } {
  let polyiam: Promise<TestServer> | undefined;
  let bare: Promise<{ server: Server; url: string }> | undefined;
  return {
    options,
    polyiam() {
      polyiam ??= import('../test/support/server.js').then((m) => m.startTestServer({ accessLog: false, testMode: false }, { realHasher: true }));
      return polyiam;
    },
    async bareUrl() {
      bare ??= new Promise((resolve) => {
        const body = JSON.stringify({ ok: true });
        const server = createServer((_req, res) => {
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
          res.end(body);
        });
        server.keepAliveTimeout = 72_000;
        server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
      });
      return (await bare).url;
    },
    async close() {
      if (polyiam) await (await polyiam).close();
      if (bare) {
        const { server } = await bare;
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    },
  };
}

/** Runs one case: warm-up, then a fixed measured window. */
export async function runCase(c: BenchCase, env: BenchEnv): Promise<BenchResult> {
  const load = await c.setup(env);
  try {
    const measured = load.kind === 'http' ? await runHttpLoad(load, env.options) : await runOpLoad(load, env.options);
    return { name: c.name, group: c.group, unit: c.unit ?? (load.kind === 'http' ? 'req/s' : 'op/s'), ...measured };
  } finally {
    await c.teardown?.();
  }
}

type Measured = Omit<BenchResult, 'name' | 'group' | 'unit'>;

interface LoadPlan {
  polyiamBenchLoad: true;
  url: string;
  factory: FactoryRef;
  connections: number;
  okStatuses: number[] | null;
  warmupMs: number;
  durationMs: number;
}

/** The HTTP load runs in a worker thread so the client does not share the server's event loop. */
function runHttpLoad(load: HttpLoad, options: BenchOptions): Promise<Measured> {
  const plan: LoadPlan = {
    polyiamBenchLoad: true,
    url: load.url,
    factory: load.factory,
    connections: load.connections ?? options.connections,
    okStatuses: load.okStatuses ?? null,
    warmupMs: options.warmupMs,
    durationMs: options.durationMs,
  };
  // the worker needs tsx's loader to import TypeScript; it is registered inside the worker itself
  const bootstrap = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: plan });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: Measured) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load worker exited with ${code}`));
    });
  });
}

async function runOpLoad(load: OpLoad, options: BenchOptions): Promise<Measured> {
  let i = 0;
  return measureLoops(load.concurrency ?? options.connections, options, async () => {
    await load.op(i++);
    return 'ok';
  });
}

/**
 * `loops` concurrent loops, each awaiting `once()` back to back. Operations that complete inside the
 * measured window count (throughput = completions over the window), whenever they started.
 */
async function measureLoops(loops: number, options: BenchOptions, once: () => Promise<'ok' | string>): Promise<Measured> {
  const latencies: number[] = [];
  const failureKinds: Record<string, number> = {};
  let windowStart = Infinity;
  let windowEnd = Infinity;
  let stopping = false;
  const loop = async () => {
    while (!stopping) {
      const start = performance.now();
      let outcome: string;
      try {
        outcome = await once();
      } catch {
        outcome = 'error';
      }
      const end = performance.now();
      if (end < windowStart || end > windowEnd) continue;
      if (outcome === 'ok') latencies.push(end - start);
      else failureKinds[outcome] = (failureKinds[outcome] ?? 0) + 1;
    }
  };
  const begun = performance.now();
  windowStart = begun + options.warmupMs;
  windowEnd = windowStart + options.durationMs;
  const timer = setTimeout(() => (stopping = true), options.warmupMs + options.durationMs);
  await Promise.all(Array.from({ length: loops }, loop));
  clearTimeout(timer);
  latencies.sort((a, b) => a - b);
  const failures = Object.values(failureKinds).reduce((a, b) => a + b, 0);
  return {
    rate: (latencies.length / options.durationMs) * 1000,
    count: latencies.length,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    failures,
    failureKinds,
  };
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function loadWorker(plan: LoadPlan): Promise<void> {
  const module = (await import(plan.factory.module)) as Record<string, (args: unknown) => RequestFactory | Promise<RequestFactory>>;
  const create = module[plan.factory.export];
  if (typeof create !== 'function') throw new Error(`${plan.factory.module} has no export \`${plan.factory.export}\``);
  const make = await create(plan.factory.args);
  const target = new URL(plan.url);
  const agent = new Agent({ keepAlive: true, maxSockets: plan.connections, keepAliveMsecs: 60_000 });
  let i = 0;
  const send = (spec: HttpRequestSpec) =>
    new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        { host: target.hostname, port: target.port, method: spec.method, path: spec.path, headers: spec.headers, agent },
        (res) => {
          res.on('data', () => undefined);
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(spec.body);
    });
  const ok = (status: number) => (plan.okStatuses ? plan.okStatuses.includes(status) : status >= 200 && status < 300);
  const result = await measureLoops(plan.connections, plan, async () => {
    const status = await send(make(i++));
    return ok(status) ? 'ok' : String(status);
  });
  agent.destroy();
  parentPort!.postMessage(result);
}

if (!isMainThread && (workerData as Partial<LoadPlan> | null)?.polyiamBenchLoad) {
  loadWorker(workerData as LoadPlan).catch((err: unknown) => {
    // surfaces as the worker's 'error' event in the main thread
    setImmediate(() => {
      throw err;
    });
  });
}
