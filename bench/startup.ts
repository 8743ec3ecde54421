/**
 * Issue #17 item 5: start-up and footprint of polyiam as `npm start` runs it (bin/polyiam.js, its own
 * process, SQLite on an on-disk data dir): time from spawn to the first answered `/healthz`, and the
 * resident set once idle. Targets: ≤ 0.3 s and ≤ 80 MB. The same start from the TypeScript sources
 * through tsx (POLYIAM_FROM_SOURCE=1, what tests run) is printed beside it, without a target.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchCase, Measurement } from './harness.js';
import { median } from './report.js';

export const STARTUP = 'polyiam start (bin/polyiam.js serve, SQLite on disk)';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const STARTS = 3;
const IDLE_MS = 1_500;

interface Start {
  /** spawn to the first answered /healthz, in seconds */
  seconds: number;
  /** CPU time the process used until then (user + system), in seconds: steadier than wall time on a loaded machine */
  cpuSeconds: number;
  /** resident set after IDLE_MS idle, in MB (/proc; NaN where there is none) */
  rssMb: number;
  fromSource: boolean;
}

function healthz(url: string): Promise<number> {
  return new Promise((resolve) => {
    get(`${url}/healthz`, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', () => resolve(0));
  });
}

function residentMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** utime + stime of `pid` from /proc/PID/stat (clock ticks of 1/100 s on Linux), NaN elsewhere */
function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** A bare node:http server started the same way: what any Node process pays before its first answer. */
const BARE_SERVER = `require('node:http').createServer((q, s) => s.end('{"status":"ok"}')).listen(0, '127.0.0.1', function () {
  process.stderr.write('"msg":"Server listening at http://127.0.0.1:' + this.address().port + '"\\n');
});`;

/** One `polyiam serve` on `dataDir` (or the bare server), measured, then stopped. */
export async function startOnce(dataDir: string | undefined, env: Record<string, string | undefined> = {}, extraArgs: string[] = [], nodeArgs: string[] = []): Promise<Start> {
  const { POLYIAM_FROM_SOURCE: _fromSource, ...inherited } = process.env;
  const args = dataDir === undefined ? ['-e', BARE_SERVER] : [...nodeArgs, join(REPO, 'bin/polyiam.js'), 'serve', '--data-dir', dataDir, '--port', '0', ...extraArgs];
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: REPO,
    env: { ...inherited, POLYIAM_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr!.on('data', (chunk: Buffer) => {
        err += chunk.toString();
        const match = /"msg":"Server listening at (https?:\/\/127\.0\.0\.1:\d+)"/.exec(err);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`polyiam exited with ${code} before listening: ${err.slice(0, 2000)}`)));
    });
    while ((await healthz(url)) !== 200) await new Promise((r) => setTimeout(r, 2));
    const seconds = (performance.now() - started) / 1000;
    const cpuSeconds = cpuSecondsOf(child.pid!);
    await new Promise((r) => setTimeout(r, IDLE_MS));
    return { seconds, cpuSeconds, rssMb: residentMb(child.pid!), fromSource: err.includes('through tsx') || env.POLYIAM_FROM_SOURCE === '1' };
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

/** What one more start loads: ES modules and CommonJS files (bench/count-modules.mjs), counted apart from the timed starts. */
async function modulesLoaded(dataDir: string, env: Record<string, string | undefined>): Promise<{ esModules: number; commonJs: number }> {
  const file = join(dataDir, 'modules.json');
  await startOnce(dataDir, { ...env, POLYIAM_BENCH_MODULES_FILE: file }, [], ['--import', join(REPO, 'bench/count-modules.mjs')]);
  return JSON.parse(readFileSync(file, 'utf8')) as { esModules: number; commonJs: number };
}

async function measureStarts(fromSource: boolean): Promise<Measurement[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'polyiam-bench-start-'));
  const env = fromSource ? { POLYIAM_FROM_SOURCE: '1' } : {};
  try {
    // the first start on an empty data dir also creates the first account (one argon2id hash)
    const first = await startOnce(dataDir, env);
    const again: Start[] = [];
    for (let i = 0; i < STARTS; i++) again.push(await startOnce(dataDir, env));
    const how = first.fromSource ? 'sources through tsx' : 'compiled dist/';
    const target = (t: number) => (fromSource ? {} : { target: { atMost: t } });
    const bare: Start[] = [];
    for (let i = 0; i < STARTS; i++) bare.push(await startOnce(undefined));
    const bareSeconds = median(bare.map((s) => s.seconds));
    const modules = await modulesLoaded(dataDir, env);
    return [
      { name: `bare node:http process to first answer (median of ${STARTS})`, value: bareSeconds, unit: 's', note: 'what the machine pays any Node start now' },
      { name: 'empty data dir to first /healthz', value: first.seconds, unit: 's', note: how, ...target(0.3) },
      { name: `existing data dir to first /healthz (median of ${STARTS})`, value: median(again.map((s) => s.seconds)), unit: 's', note: how, ...target(0.3) },
      { name: `existing data dir, over the bare node:http start`, value: median(again.map((s) => s.seconds)) / bareSeconds, unit: '×', note: how },
      { name: `CPU time to first /healthz (median of ${STARTS})`, value: median(again.map((s) => s.cpuSeconds)), unit: 's', note: `${how}; bare node:http ${median(bare.map((s) => s.cpuSeconds)).toFixed(2)} s` },
      { name: `idle resident memory (median of ${STARTS})`, value: median(again.map((s) => s.rssMb)), unit: 'MB', note: how, ...target(80) },
      {
        name: 'modules loaded, Node built-ins not counted',
        value: modules.esModules + modules.commonJs,
        unit: 'modules',
        note: `${how}; ${modules.esModules} ES + ${modules.commonJs} CommonJS${existsSync(join(REPO, 'dist/bundle/polyiam.cjs')) && !fromSource ? ', beside the one bundled file' : ''}`,
      },
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const cases: BenchCase[] = [
  {
    name: STARTUP,
    group: 'startup',
    async setup() {
      if (!existsSync(join(REPO, 'dist/.built'))) process.stderr.write('bench: dist/ is not built (npm run build); the start-up case measures the sources through tsx\n');
      return { kind: 'measure', measure: () => measureStarts(false) };
    },
  },
  {
    name: `${STARTUP} from sources (tsx)`,
    group: 'startup',
    async setup() {
      return { kind: 'measure', measure: () => measureStarts(true) };
    },
  },
];
