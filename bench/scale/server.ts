/**
 * polyiam in its own process for the scale bench: `node bin/polyiam.js serve` on a seeded data dir (or
 * PostgreSQL database), logging at its default level to a file, metrics and auditing on as in
 * production. Small on purpose: bench/harness.ts is being moved to a spawned server too, and the two
 * are to be unified.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const START_TIMEOUT_MS = 180_000;

export interface ServerTarget {
  dataDir: string;
  databaseUrl?: string;
  masterKey?: string;
}

export interface SpawnedServer {
  url: string;
  pid: number;
  logFile: string;
  /** spawn to the first answered `firstRequest` (a signed call that reads the database), in seconds */
  startSeconds: number;
  /** `compiled dist/` or `sources through tsx` (what bin/polyiam.js ran) */
  mode: string;
  /** resident set of the server process now, in MB (/proc/PID/status VmRSS) */
  rssMb(): number;
  stop(): Promise<void>;
}

/** Starts the server and waits until `firstRequest(url)` answers true (it is retried until then). */
export async function spawnServer(target: ServerTarget, logFile: string, firstRequest: (url: string) => Promise<boolean>): Promise<SpawnedServer> {
  const { POLYIAM_FROM_SOURCE: _source, ...inherited } = process.env;
  const args = [join(REPO, 'bin/polyiam.js'), 'serve', '--port', '0', '--data-dir', target.dataDir, ...(target.databaseUrl ? ['--database-url', target.databaseUrl] : [])];
  const log = openSync(logFile, 'a');
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: REPO,
    env: { ...inherited, POLYIAM_LOG_LEVEL: 'info', ...(target.masterKey ? { POLYIAM_MASTER_KEY: target.masterKey } : {}) },
    stdio: ['ignore', 'ignore', log],
  });
  closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const url = await waitForUrl(child, logFile, started);
    while (!(await firstRequest(url).catch(() => false))) {
      if (child.exitCode !== null) throw new Error(`polyiam exited with ${child.exitCode} (log: ${logFile})`);
      await delay(20);
    }
    const startSeconds = (performance.now() - started) / 1000;
    const stale = readFileSync(logFile, 'utf8').includes('running the sources through tsx');
    const mode = existsSync(join(REPO, 'dist/.built')) && !stale ? 'compiled dist/' : 'sources through tsx';
    return {
      url, pid: child.pid!, logFile, startSeconds, mode,
      rssMb: () => residentMb(child.pid!),
      async stop() {
        child.kill('SIGTERM');
        await exited;
      },
    };
  } catch (err) {
    child.kill('SIGKILL');
    await exited;
    throw err;
  }
}

async function waitForUrl(child: ChildProcess, logFile: string, started: number): Promise<string> {
  for (;;) {
    const match = /"msg":"Server listening at (https?:\/\/127\.0\.0\.1:\d+)"/.exec(readFileSync(logFile, 'utf8'));
    if (match) return match[1]!;
    if (child.exitCode !== null) throw new Error(`polyiam exited with ${child.exitCode} before listening (log: ${logFile})`);
    if (performance.now() - started > START_TIMEOUT_MS) throw new Error(`polyiam did not listen within ${START_TIMEOUT_MS / 1000} s (log: ${logFile})`);
    await delay(10);
  }
}

export function residentMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
