/**
 * The benchmark harness behind `npm run bench`: a registry of cases, the shared targets they measure,
 * a keep-alive load generator, and a table of req/s, p50, p99, the server's writes per request and
 * ratios against named baselines.
 *
 * What is measured is what `npm start` runs (issue #17, bench/processes.ts): polyiam in a process of its
 * own (`node bin/polyiam.js serve`, compiled dist/, built first when missing or stale) on a fresh
 * temporary data dir on disk, with default settings (info logging to a file, no access log, metrics,
 * auditing, OWASP argon2id, no test mode), its root credentials read from what its first start
 * prints. The bare node:http baseline runs in a process of its own too, and the HTTP load comes from a
 * third process (bench/load.ts). `--memory` adds the same cases against a server whose data dir is on
 * tmpfs, as extra rows beside the on-disk ones, never instead of them.
 *
 * Fixtures: a case seeds what it needs with `env.seed(fn)`, which stops the server process (SIGTERM,
 * a graceful drain), opens the same data dir in the bench process through the app (`createPolyiam`,
 * real argon2id, the data dir's master key), runs `fn` against the core services, closes the app, and
 * lets the next `env.polyiam()` start the server again. So there is never a second writer on the
 * SQLite file, and the restarted server holds no cache from before the seed; it starts cold and the
 * case's warm-up warms it. The seed commits in groups and waits for no flush (setup, not measured: thousands of
 * fixtures without an fsync each); the server reopens the file and flushes its own writes.
 * Requests that need a live server (a token from the real endpoint) go over HTTP after
 * `env.polyiam()`. Every HTTP case seeds this way; the fixtures shared by several cases
 * (authorization, roles, permissions boundaries) are seeded once per env. On PostgreSQL (two-nodes)
 * fixtures come from a third node while the servers run: several writers are the design there.
 *
 * No case may measure failures: each states its success statuses (`okStatuses`, else any 2xx) and the
 * table prints the failures of every row.
 *
 * Adding cases: a file `bench/<name>.ts` exports `cases: BenchCase[]`; run.ts imports every such file. An HTTP
 * case's setup returns the URL and a request factory *reference* (module URL + export name + JSON
 * args), because the load runs in another process that imports the factory there. The factory export
 * takes the args and returns `(i) => HttpRequestSpec` (or a promise of it).
 *
 * The machine is small and noisy (2 cores): read the ratios, which compare cases measured in the same
 * run, not the absolute numbers. Nothing here asserts a target.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Polyiam } from '../src/app/polyiam.js';
import type { CallContext } from '../src/core/principal.js';
import type { SharedProcesses } from './env.js';
import type { RootCredentials, Storage } from './processes.js';

export type { RootCredentials, Storage };
// the env (server, bare and load processes, seeding) lives in bench/env.ts
export { createEnv, seedStopped, SharedProcesses, type EnvSettings } from './env.js';

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
  /** the process serving `url`, whose writes per request are counted (default: the env's process at that URL) */
  pid?: number;
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

/**
 * A bound a measured number must keep: `{ atLeast: 0.6 }` for a ratio or a rate, `{ atMost: 0.3 }` for
 * a time or a size. A bare number means `{ atLeast: n }`.
 */
export type Target = number | { atLeast?: number; atMost?: number };

/** One number a `measure` case reads (a start-up time, a resident size...), with its unit and target. */
export interface Measurement {
  name: string;
  value: number;
  unit: string;
  target?: Target;
  /** context printed beside the value (e.g. `compiled dist/`, `100k users`) */
  note?: string;
}

/** Numbers that are not a rate of operations: the case measures them itself, once. */
export interface MeasureLoad {
  kind: 'measure';
  measure(): Promise<Measurement[]>;
}

export interface BenchCase {
  name: string;
  /** the column the table groups by, e.g. `baseline`, `huawei-v5` */
  group: string;
  /** unit of the rate column; `req/s` for HTTP cases */
  unit?: string;
  /** ratios to print: this case's rate over another case's rate, with the target to meet (PASS/FAIL) */
  compare?: Array<{ to: string; target?: Target }>;
  /** a bound on this case's own rate, in its unit (e.g. `target: { atLeast: 20_000 }`), printed with PASS/FAIL */
  target?: Target;
  setup(env: BenchEnv): Promise<HttpLoad | OpLoad | MeasureLoad>;
  teardown?(): Promise<void>;
  /** a line printed under the table once the case has run (e.g. a measurement the rate column cannot show) */
  summary?(): string | undefined;
  /** measures `env.polyiam()`: `--memory` runs it again against a server on tmpfs, as an extra row */
  onServer?: boolean;
}

export interface BenchOptions {
  warmupMs: number;
  durationMs: number;
  connections: number;
}

/** The running polyiam server process of an env. */
export interface PolyiamTarget {
  url: string;
  pid: number;
  /** the first account's root credentials, as the server's first start printed them */
  root: RootCredentials;
  storage: Storage;
}

/** What a seed function gets: the app opened on the server's data dir while the server is stopped. */
export interface Seeding {
  polyiam: Polyiam;
  root: RootCredentials;
  /** the root as the caller of core services */
  rootContext: CallContext;
}

export interface BenchEnv {
  options: BenchOptions;
  /** where the polyiam server keeps its data dir */
  storage: Storage;
  /** `node bin/polyiam.js serve` in its own process on a temporary data dir, (re)started on demand */
  polyiam(): Promise<PolyiamTarget>;
  /** fixtures: stops the server, runs `fn` against the app opened on its data dir, closes it (see the header) */
  seed<T>(fn: (seeding: Seeding) => Promise<T>): Promise<T>;
  /** a bare node:http server in a process of its own answering `{"ok":true}`, started once */
  bareUrl(): Promise<string>;
}

/** The server's cost per request completed in the measured window, read from /proc/<pid> (Linux). */
export interface ServerCost {
  /** write-family syscalls (`syscw`): the response itself is one */
  writesPerRequest: number;
  /** bytes the process caused to be sent to the storage layer (`write_bytes`) */
  writeBytesPerRequest: number;
  /** user + system CPU time */
  cpuMsPerRequest: number;
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
  /** what a `measure` case read (its rate is then 0) */
  measurements?: Measurement[];
  /** HTTP cases: the serving process's writes, bytes and CPU per request */
  server?: ServerCost;
}

/** Whether `value` keeps `target`. */
export function meets(value: number, target: Target): boolean {
  const bound = typeof target === 'number' ? { atLeast: target } : target;
  return (bound.atLeast === undefined || value >= bound.atLeast) && (bound.atMost === undefined || value <= bound.atMost);
}

/** `≥ 0.6`, `≤ 0.3 s`, `0.5-2` */
export function describeTarget(target: Target, unit = ''): string {
  const bound = typeof target === 'number' ? { atLeast: target } : target;
  const suffix = unit ? ` ${unit}` : '';
  if (bound.atLeast !== undefined && bound.atMost !== undefined) return `${bound.atLeast}-${bound.atMost}${suffix}`;
  return bound.atLeast !== undefined ? `≥ ${bound.atLeast}${suffix}` : `≤ ${bound.atMost}${suffix}`;
}

/** `(target ≥ 0.6: PASS)` */
export function verdict(value: number, target: Target | undefined, unit = ''): string {
  if (target === undefined) return '';
  return ` (target ${describeTarget(target, unit)}: ${meets(value, target) ? 'PASS' : 'FAIL'})`;
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

  /** the cases whose name or group contains `filter` (is `filter`, when `exact`), plus every baseline they compare to */
  select(filter?: string, exact = false): BenchCase[] {
    const all = [...this.cases.values()];
    if (!filter) return all;
    const matches = (text: string) => (exact ? text === filter : text.includes(filter));
    const picked = new Set(all.filter((c) => matches(c.name) || matches(c.group)));
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

/** `--profile DIR`: a CPU profile of the server process during each case's measured window. */
export interface RunHooks {
  profileDir?: string;
}

/** Runs one case: warm-up, then a fixed measured window. */
export async function runCase(c: BenchCase, env: BenchEnv, shared: SharedProcesses, hooks: RunHooks = {}, rowName = c.name): Promise<BenchResult> {
  try {
    // inside the try: a setup that fails half-way still has its teardown stop what it started
    const load = await c.setup(env);
    if (load.kind === 'measure') {
      const measurements = await load.measure();
      return { name: rowName, group: c.group, unit: c.unit ?? 'measured', rate: 0, count: 0, p50: NaN, p99: NaN, failures: 0, failureKinds: {}, measurements };
    }
    if (load.kind === 'op') {
      // an op-level case runs in this process: --profile samples this process's main thread around it
      const profile = hooks.profileDir && c.group !== 'baseline' ? await profileThisThread(join(hooks.profileDir, profileName(rowName))) : undefined;
      try {
        return { name: rowName, group: c.group, unit: c.unit ?? 'op/s', ...(await runOpLoad(load, env.options)) };
      } finally {
        await profile?.();
      }
    }
    const server = load.pid !== undefined ? { pid: load.pid, profiled: false } : shared.pids.get(load.url);
    const profileFile = hooks.profileDir && server?.profiled && c.group !== 'baseline' ? join(hooks.profileDir, profileName(rowName)) : undefined;
    if (profileFile) {
      rmSync(profileFile, { force: true });
      // the server's profiler reads where to write when the window ends (bench/server-profiler.mjs)
      writeFileSync(join(hooks.profileDir!, '.target'), profileFile);
    }
    const plan: LoadPlan = {
      url: load.url,
      factory: load.factory,
      connections: load.connections ?? env.options.connections,
      okStatuses: load.okStatuses ?? null,
      warmupMs: env.options.warmupMs,
      durationMs: env.options.durationMs,
      serverPid: server?.pid ?? null,
      profile: profileFile !== undefined,
    };
    const measured = await shared.load.run<Measured>(plan);
    if (profileFile) {
      const deadline = Date.now() + 30_000;
      while (!existsSync(profileFile) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      process.stderr.write(existsSync(profileFile) ? `bench: profile ${profileFile}\n` : `bench: no profile came from the server for ${rowName}\n`);
    }
    return { name: rowName, group: c.group, unit: c.unit ?? 'req/s', ...measured };
  } finally {
    await c.teardown?.();
  }
}

const profileName = (row: string) => `${row.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120)}.cpuprofile`;

/** Starts a CPU profile of this thread (node:inspector, 200 µs sampling); the returned stop writes it to `file`. */
async function profileThisThread(file: string): Promise<() => Promise<void>> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    writeFileSync(file, JSON.stringify(profile));
    process.stderr.write(`bench: profile ${file} (the bench process: an op-level case)\n`);
  };
}

type Measured = Omit<BenchResult, 'name' | 'group' | 'unit'>;

/** What the load process (bench/load.ts) is sent for one HTTP case run. */
export interface LoadPlan {
  url: string;
  factory: FactoryRef;
  connections: number;
  okStatuses: number[] | null;
  warmupMs: number;
  durationMs: number;
  /** the serving process, sampled in /proc at the window's edges (null: not ours) */
  serverPid: number | null;
  /** signal the server's profiler (SIGUSR2) at the window's edges */
  profile: boolean;
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
 * `onWindow` is called when the measured window starts and ends.
 */
export async function measureLoops(
  loops: number,
  options: Pick<BenchOptions, 'warmupMs' | 'durationMs'>,
  once: () => Promise<'ok' | string>,
  onWindow?: (edge: 'start' | 'end') => void,
): Promise<Omit<Measured, 'server'>> {
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
  const opened = setTimeout(() => onWindow?.('start'), options.warmupMs);
  const timer = setTimeout(() => {
    stopping = true;
    onWindow?.('end');
  }, options.warmupMs + options.durationMs);
  await Promise.all(Array.from({ length: loops }, loop));
  clearTimeout(opened);
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
