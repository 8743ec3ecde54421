/**
 * Issue #17 item 3, scale: seeds 1,000 / 100,000 / 1,000,000 users (bench/scale/seed.ts), starts polyiam
 * in its own process on each (bench/scale/server.ts), loads it from a child process (bench/scale/load.ts)
 * and prints each case's rate at every scale with the ratio largest/smallest (target ≥ 0.8), the
 * server's resident memory after the load (target < 300 MB at 1M) and its start-up to the first answered
 * signed call (target < 3 s at 1M). Results as JSON in bench/results/.
 *
 *   node --import tsx bench/scale/run.ts [--users 1000,100000,1000000] [--pg URL] [--duration 5000]
 *       [--warmup 1000] [--connections 8] [--cases listFirst,getUser,...] [--keep] [--no-sqlite]
 *
 * `--pg URL` (an administrative URL, e.g. POLYIAM_TEST_PG_URL) runs every scale on a scratch
 * PostgreSQL database too, dropped afterwards. Seeding is timed and printed; it is not measured load.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../src/config/config.js';
import { scratchDatabase } from '../../test/support/nodes.js';
import { CASES, requestPool, type CaseId, type LoadPlan, type LoadResult } from './load.js';
import { seed, type SeedManifest } from './seed.js';
import { spawnServer, type ServerTarget } from './server.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const RATIO_TARGET = 0.8;
const RSS_TARGET_MB = 300;
const START_TARGET_S = 3;

interface ScaleRun {
  engine: 'sqlite' | 'postgres';
  users: number;
  seedSeconds: number;
  rows: Record<string, number>;
  startSeconds: number;
  mode: string;
  rssMb: number;
  cases: Partial<Record<CaseId, LoadResult>>;
}

interface Options {
  durationMs: number;
  warmupMs: number;
  connections: number;
  cases: CaseId[];
  keep: boolean;
}

function runChild(plan: LoadPlan): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', join(REPO, 'bench/scale/load.ts'), JSON.stringify(plan)], { cwd: REPO, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`load child failed: ${err.message}\n${stderr}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop()!) as LoadResult);
    });
  });
}

async function measureScale(engine: 'sqlite' | 'postgres', users: number, pgAdminUrl: string | undefined, options: Options): Promise<ScaleRun> {
  const dir = mkdtempSync(join(tmpdir(), `polyiam-scale-${engine}-${users}-`));
  const database = engine === 'postgres' ? await scratchDatabase(pgAdminUrl!, 'polyiam_scale') : undefined;
  const target: ServerTarget = { dataDir: join(dir, 'data'), ...(database ? { databaseUrl: database.url, masterKey: randomBytes(32).toString('base64') } : {}) };
  try {
    console.log(`${engine}, ${users.toLocaleString('en')} users: seeding (${target.databaseUrl ? 'scratch database' : target.dataDir})`);
    const config = { ...loadConfig({}), dataDir: target.dataDir, databaseUrl: target.databaseUrl, masterKey: target.masterKey, logLevel: 'silent' };
    const manifest: SeedManifest = await seed(config, users, (line) => console.log(line));
    console.log(`  seeded in ${manifest.seconds.toFixed(1)} s: ${Object.entries(manifest.rows).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ')}`);
    const manifestFile = join(dir, 'manifest.json');
    writeFileSync(manifestFile, JSON.stringify(manifest), { mode: 0o600 });
    // the first answered request: a signed GetUser that reads the database (no /healthz shortcut)
    const probe = async (url: string) => {
      const [spec] = await requestPool('listFirst', url, manifest);
      const res = await fetch(`${url}${spec!.path}`, { method: spec!.method, headers: spec!.headers, ...(spec!.body ? { body: spec!.body } : {}) });
      await res.arrayBuffer();
      return res.status === 200;
    };
    const server = await spawnServer(target, join(dir, 'polyiam.log'), probe);
    console.log(`  server pid ${server.pid} (${server.mode}) answered after ${server.startSeconds.toFixed(2)} s; log ${server.logFile}`);
    const run: ScaleRun = { engine, users, seedSeconds: manifest.seconds, rows: manifest.rows, startSeconds: server.startSeconds, mode: server.mode, rssMb: NaN, cases: {} };
    try {
      for (const caseId of options.cases) {
        const connections = caseId === 'signIn' ? Math.min(4, options.connections) : options.connections;
        const result = await runChild({ url: server.url, caseId, manifestFile, connections, warmupMs: options.warmupMs, durationMs: options.durationMs });
        run.cases[caseId] = result;
        const failed = Object.entries(result.failures).map(([k, v]) => `${k}×${v}`).join(' ');
        console.log(`  ${CASES[caseId]}: ${result.rate.toFixed(1)}/s p50 ${result.p50.toFixed(2)} ms p99 ${result.p99.toFixed(2)} ms${failed ? ` FAILURES ${failed}` : ''}`);
      }
      run.rssMb = server.rssMb();
      console.log(`  resident set after the load: ${run.rssMb.toFixed(0)} MB`);
    } finally {
      await server.stop();
    }
    return run;
  } finally {
    if (!options.keep) {
      rmSync(dir, { recursive: true, force: true });
      await database?.drop();
    }
  }
}

function printTable(runs: ScaleRun[], options: Options): void {
  for (const engine of ['sqlite', 'postgres'] as const) {
    const of = runs.filter((r) => r.engine === engine).sort((a, b) => a.users - b.users);
    if (of.length === 0) continue;
    const small = of[0]!;
    const large = of[of.length - 1]!;
    const head = of.map((r) => `${r.users.toLocaleString('en')} users`);
    console.log(`\n${engine}: rates (per second), ratio ${large.users.toLocaleString('en')}/${small.users.toLocaleString('en')} (target ≥ ${RATIO_TARGET})`);
    console.log(`| case | ${head.join(' | ')} | ratio | |`);
    console.log(`|---|${head.map(() => '---:').join('|')}|---:|---|`);
    for (const caseId of options.cases) {
      const rates = of.map((r) => r.cases[caseId]?.rate ?? NaN);
      const ratio = rates[rates.length - 1]! / rates[0]!;
      const verdict = of.length < 2 ? '' : ratio >= RATIO_TARGET ? 'PASS' : 'FAIL';
      console.log(`| ${CASES[caseId]} | ${rates.map((r) => r.toFixed(1)).join(' | ')} | ${ratio.toFixed(2)} | ${verdict} |`);
    }
    const million = large.users >= 1_000_000;
    console.log(`| start-up to first signed answer (s) | ${of.map((r) => r.startSeconds.toFixed(2)).join(' | ')} | | ${million ? (large.startSeconds < START_TARGET_S ? 'PASS' : 'FAIL') : ''} (< ${START_TARGET_S} s at 1M) |`);
    console.log(`| resident set after the load (MB) | ${of.map((r) => r.rssMb.toFixed(0)).join(' | ')} | | ${million ? (large.rssMb < RSS_TARGET_MB ? 'PASS' : 'FAIL') : ''} (< ${RSS_TARGET_MB} MB at 1M) |`);
    console.log(`| seeding (s) | ${of.map((r) => r.seedSeconds.toFixed(1)).join(' | ')} | | |`);
    console.log(`server: ${[...new Set(of.map((r) => r.mode))].join(', ')}`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      users: { type: 'string', default: '1000,100000,1000000' },
      pg: { type: 'string' },
      duration: { type: 'string', default: '5000' },
      warmup: { type: 'string', default: '1000' },
      connections: { type: 'string', default: '8' },
      cases: { type: 'string' },
      keep: { type: 'boolean', default: false },
      'no-sqlite': { type: 'boolean', default: false },
    },
  });
  const scales = values.users.split(',').map((s) => Number(s.replace(/_/g, '')));
  if (scales.some((n) => !Number.isInteger(n) || n < 100)) throw new Error(`--users \`${values.users}\`: whole numbers of at least 100, comma-separated`);
  const cases = (values.cases?.split(',') ?? Object.keys(CASES)) as CaseId[];
  for (const c of cases) if (!(c in CASES)) throw new Error(`--cases: unknown case \`${c}\` (${Object.keys(CASES).join(', ')})`);
  const options: Options = { durationMs: Number(values.duration), warmupMs: Number(values.warmup), connections: Number(values.connections), cases, keep: values.keep };
  const runs: ScaleRun[] = [];
  if (!values['no-sqlite']) for (const users of scales) runs.push(await measureScale('sqlite', users, undefined, options));
  if (values.pg) for (const users of scales) runs.push(await measureScale('postgres', users, values.pg, options));
  printTable(runs, options);
  mkdirSync(join(REPO, 'bench/results'), { recursive: true });
  const file = join(REPO, 'bench/results', `scale-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), options, runs }, null, 2)}\n`);
  console.log(`\nresults: ${file}`);
}

await main();
