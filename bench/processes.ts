/**
 * The processes a bench run measures and drives (issue #17: measure what `npm start` runs):
 * - polyiam as `node bin/polyiam.js serve` (the compiled dist/ `npm start` runs, or the sources through
 *   tsx when POLYIAM_FROM_SOURCE=1), on a fresh data dir, with default settings: every POLYIAM_*
 *   variable of the bench's environment is dropped, so logging (info, no access log), metrics,
 *   auditing and argon2id are what an operator gets. Its stdout and stderr go to files in the data
 *   dir's parent (never the terminal); the root credentials come from the stdout line a first start
 *   prints, the URL from the "Server listening at" log line;
 * - the bare node:http baseline, a process of its own as well;
 * - the HTTP load generator, one long-lived child process (bench/load.ts) that runs each plan.
 */
import { spawn, fork, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RootCredentials } from '../test/support/server.js';

export const REPO = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(REPO, 'bin/polyiam.js');

export type { RootCredentials };

/** Where a server keeps its data: `disk` (the default, as deployed) or `tmpfs` (`--memory`: RAM-backed, shown beside, never instead). */
export type Storage = 'disk' | 'tmpfs';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * What bin/polyiam.js will run: dist/ when it is built and newer than every source (the same test
 * as bin/polyiam.js), else the sources through tsx. Outside tests (POLYIAM_FROM_SOURCE=1), a missing
 * or stale dist/ is built first (`npm run prepare`), so the bench measures what `npm start` runs.
 */
export async function ensureBuilt(log: (line: string) => void): Promise<'compiled dist/' | 'sources through tsx'> {
  if (process.env.POLYIAM_FROM_SOURCE === '1') return 'sources through tsx';
  const stamp = join(REPO, 'dist/.built');
  if (existsSync(stamp) && newestMtime(join(REPO, 'src')) <= statSync(stamp).mtimeMs) return 'compiled dist/';
  log('bench: dist/ is missing or older than src/: building it (npm run prepare) ...');
  const built = spawn(process.execPath, [join(REPO, 'scripts/build.mjs')], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  const code = await new Promise<number | null>((resolve) => built.once('exit', resolve));
  if (code !== 0) throw new Error(`bench: the build failed (exit ${code})`);
  // no typescript installed (npm install --omit=dev): the build skips, and bin/polyiam.js runs the sources
  return existsSync(stamp) ? 'compiled dist/' : 'sources through tsx';
}

/** The environment of a server process: the bench's own minus every POLYIAM_* setting (defaults, as deployed), plus `extra`. */
function defaultEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('POLYIAM_') || key === 'POLYIAM_FROM_SOURCE') env[key] = value;
  return { ...env, ...extra };
}

/** One `polyiam serve` process on a data dir it keeps across restarts (`stop()` then `start()`). */
export class PolyiamProcess {
  readonly dir: string;
  readonly dataDir: string;
  private child: ChildProcess | undefined;
  private starts = 0;
  url = '';
  pid = 0;
  root: RootCredentials | undefined;

  /**
   * `profileHook`: a module preloaded with `--import` (bench/server-profiler.mjs) when `--profile` is on;
   * `entry`: the script and arguments before the data dir and address flags (default `bin/polyiam.js serve`).
   */
  constructor(
    readonly storage: Storage,
    private readonly options: { profileHook?: string; profileDir?: string; entry?: string[]; env?: Record<string, string> } = {},
  ) {
    const parent = storage === 'tmpfs' && existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
    this.dir = mkdtempSync(join(parent, 'polyiam-bench-'));
    this.dataDir = join(this.dir, 'data');
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  async start(): Promise<void> {
    if (this.child) return;
    const n = ++this.starts;
    const stdoutFile = join(this.dir, `serve-${n}.stdout.log`);
    const stderrFile = join(this.dir, `serve-${n}.stderr.log`);
    const out = openSync(stdoutFile, 'w');
    const err = openSync(stderrFile, 'w');
    const execArgv = this.options.profileHook ? ['--import', this.options.profileHook] : [];
    const entry = this.options.entry ?? [BIN, 'serve'];
    const child = spawn(process.execPath, [...execArgv, ...entry, '--data-dir', this.dataDir, '--host', '127.0.0.1', '--port', '0'], {
      cwd: REPO,
      env: defaultEnv({ ...this.options.env, ...(this.options.profileDir ? { POLYIAM_BENCH_PROFILE_DIR: this.options.profileDir } : {}) }),
      stdio: ['ignore', out, err],
    });
    closeSync(out);
    closeSync(err);
    // known at once, so a stop() while it is still starting (Ctrl-C) ends it too
    this.child = child;
    this.pid = child.pid!;
    let exited: number | null | undefined;
    child.once('exit', (code) => (exited = code));
    const deadline = Date.now() + 60_000;
    for (;;) {
      const logged = readFileSync(stderrFile, 'utf8');
      const listening = /"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/.exec(logged);
      if (listening) {
        this.url = listening[1]!;
        break;
      }
      if (this.child !== child) throw new Error('polyiam was stopped while it started');
      if (exited !== undefined) {
        this.child = undefined;
        throw new Error(`polyiam exited with ${exited} before listening (log ${stderrFile}): ${logged.slice(-2000)}`);
      }
      if (Date.now() > deadline) {
        await this.stop();
        throw new Error(`polyiam did not listen within 60 s (log ${stderrFile})`);
      }
      await sleep(10);
    }
    // a first start on an empty data dir prints the root credentials of the account it creates, once
    if (!this.root) {
      const line = readFileSync(stdoutFile, 'utf8').split('\n')[0] ?? '';
      if (!line.startsWith('{')) {
        await this.stop();
        throw new Error(`polyiam printed no root credentials on its first start (${stdoutFile})`);
      }
      this.root = JSON.parse(line) as RootCredentials;
    }
  }

  /** SIGTERM (a graceful drain, as an operator stops it), SIGKILL after 15 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }

  async close(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The bare baseline's server: node:http answering `{"ok":true}`, keep-alive as polyiam's (72 s). */
const BARE_SERVER = `const body = JSON.stringify({ ok: true });
const server = require('node:http').createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 72000;
server.listen(0, '127.0.0.1', () => process.stdout.write('http://127.0.0.1:' + server.address().port + '\\n'));`;

export interface ServerHandle {
  url: string;
  pid: number;
  close(): Promise<void>;
}

export async function startBareProcess(): Promise<ServerHandle> {
  const child = spawn(process.execPath, ['-e', BARE_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
    child.once('exit', (code) => reject(new Error(`the bare node:http server exited with ${code}`)));
  });
  return {
    url,
    pid: child.pid!,
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The load generator's child process (bench/load.ts), started once and given one plan at a time. */
export class LoadProcess {
  private child: ChildProcess | undefined;
  private pending: { resolve(value: unknown): void; reject(err: Error): void } | undefined;

  private spawn(): ChildProcess {
    // tsx's loader, so the child imports the TypeScript request factories of the case files
    const child = fork(fileURLToPath(new URL('./load.ts', import.meta.url)), [], {
      cwd: REPO,
      execArgv: ['--import', import.meta.resolve('tsx')],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // structured clone, not JSON: a window with no answer has NaN latencies, which JSON turns into null
      serialization: 'advanced',
    });
    child.on('message', (message: { result?: unknown; error?: string }) => {
      const pending = this.pending;
      this.pending = undefined;
      if (message.error !== undefined) pending?.reject(new Error(`load process: ${message.error}`));
      else pending?.resolve(message.result);
    });
    child.once('exit', (code) => {
      this.child = undefined;
      this.pending?.reject(new Error(`the load process exited with ${code}`));
      this.pending = undefined;
    });
    return child;
  }

  run<T>(plan: object): Promise<T> {
    this.child ??= this.spawn();
    const child = this.child;
    return new Promise<T>((resolve, reject) => {
      this.pending = { resolve: resolve as (value: unknown) => void, reject };
      child.send(plan);
    });
  }

  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.disconnect();
    await exited;
  }
}
