/**
 * `npm run bench`: every registered case beside the baselines, in one run, then a table of rates,
 * latencies, the server's writes per request and ratios. Polyiam runs as `npm start` runs it, in a
 * process of its own on an on-disk data dir with default settings, and the load comes from another
 * process (bench/harness.ts, bench/processes.ts). Options: --filter TEXT (cases whose name or group
 * contains it, plus their baselines), --duration MS (3000), --warmup MS (1000), --connections N (8),
 * --json (machine output), --rounds N (1: each case N times, each time right after its baselines; the
 * ratio is the median), --unpaired (measure each baseline once at the start instead of right before
 * every case run), --compare OLD.json (ratios, rates and measurements against an earlier run's
 * record), --no-save (do not write bench/results/<timestamp>.json), --exact (the filter is a whole
 * case name or group), --memory (each server case again against a server whose data dir is on tmpfs,
 * as an extra row `... [tmpfs]` without targets: beside the on-disk row, never instead),
 * --profile DIR (a CPU profile of the polyiam server process during each case's measured window, of
 * the bench's own thread around an op-level case's load: DIR/<case>.cpuprofile, for Chrome DevTools
 * or bench/profile-summary.ts). Every target prints with
 * PASS/FAIL (bench/report.ts).
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { baselineCases, BenchRegistry, createEnv, runCase, SharedProcesses, type BenchCase, type BenchEnv, type BenchResult } from './harness.js';
import { ensureBuilt } from './processes.js';
import { buildRecord, formatComparison, formatTable, writeRecord, type Baselines } from './report.js';
import { cases as huaweiV5Cases } from './huawei-v5.js';

/**
 * Case files other features add (bench/huawei-v3.ts, bench/query-dialects.ts, bench/evaluator.ts...):
 * every other `bench/*.ts` is imported and its `cases: BenchCase[]` registered, so a new file needs no
 * edit here and a missing one breaks nothing.
 */
const NOT_CASE_FILES = new Set(['harness.ts', 'run.ts', 'huawei-v5.ts', 'report.ts', 'seed.ts', 'profile-summary.ts', 'processes.ts', 'load.ts', 'env.ts']);

async function loadRegistry(): Promise<{ registry: BenchRegistry; notes: string[] }> {
  const registry = new BenchRegistry().add(...baselineCases, ...huaweiV5Cases);
  const notes: string[] = [];
  const files = readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !NOT_CASE_FILES.has(f)).sort();
  for (const file of files) {
    // found at run time, so a variable specifier (tsx maps `.js` to the `.ts` file)
    const specifier = `./${file.replace(/\.ts$/, '.js')}`;
    const module = (await import(specifier)) as { cases?: unknown };
    if (Array.isArray(module.cases)) registry.add(...(module.cases as BenchCase[]));
    else notes.push(`bench/${file} exports no \`cases\`; run it directly (node --import tsx bench/${file})`);
  }
  return { registry, notes };
}

/** `--memory`: the row of a server case against the tmpfs server, compared to the same baselines, without targets. */
export const TMPFS_SUFFIX = ' [tmpfs]';

function tmpfsVariant(c: BenchCase, registry: BenchRegistry): BenchCase {
  const { target: _target, ...rest } = c;
  return {
    ...rest,
    name: `${c.name}${TMPFS_SUFFIX}`,
    compare: (c.compare ?? []).map(({ to }) => ({ to: registry.get(to)?.onServer ? `${to}${TMPFS_SUFFIX}` : to })),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      filter: { type: 'string' },
      duration: { type: 'string', default: '3000' },
      warmup: { type: 'string', default: '1000' },
      connections: { type: 'string', default: '8' },
      rounds: { type: 'string', default: '1' },
      unpaired: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      compare: { type: 'string' },
      'no-save': { type: 'boolean', default: false },
      exact: { type: 'boolean', default: false },
      profile: { type: 'string' },
      memory: { type: 'boolean', default: false },
    },
  });
  const options = { durationMs: Number(values.duration), warmupMs: Number(values.warmup), connections: Number(values.connections) };
  const rounds = Math.max(1, Number(values.rounds));
  const { registry, notes } = await loadRegistry();
  const selected = registry.select(values.filter, values.exact);
  const built = await ensureBuilt((line) => process.stderr.write(`${line}\n`));
  if (values.profile) mkdirSync(values.profile, { recursive: true });
  const hooks = values.profile ? { profileDir: values.profile } : {};
  const shared = new SharedProcesses();
  const env = createEnv(options, shared, hooks);
  const tmpfsEnv = values.memory ? createEnv(options, shared, { ...hooks, storage: 'tmpfs' }) : undefined;
  const closeAll = async () => {
    await env.close();
    await tmpfsEnv?.close();
    await shared.close();
  };
  // Ctrl-C: the server processes drain (they got the signal too), then their temporary data dirs go
  process.once('SIGINT', () => void closeAll().finally(() => process.exit(130)));
  const startedAt = new Date();
  const results: BenchResult[] = [];
  const baselines: Baselines = new Map();
  const variants: BenchCase[] = [];
  const measureOn = async (c: BenchCase, on: BenchEnv, row: BenchCase) => {
    process.stderr.write(`bench: ${row.name} ...\n`);
    const result = await runCase(c, on, shared, hooks, row.name);
    results.push(result);
    return result;
  };
  /** the case on disk and, with --memory, on tmpfs: `[disk, tmpfs?]` */
  const measure = async (c: BenchCase): Promise<[BenchResult, BenchResult | undefined]> => {
    const disk = await measureOn(c, env, c);
    if (!tmpfsEnv || !c.onServer) return [disk, undefined];
    const variant = tmpfsVariant(c, registry);
    if (!variants.some((v) => v.name === variant.name)) variants.push(variant);
    return [disk, await measureOn(c, tmpfsEnv, variant)];
  };
  const pair = (row: string, to: string, run: BenchResult) => {
    const runs = baselines.get(row) ?? new Map<string, BenchResult[]>();
    baselines.set(row, runs.set(to, [...(runs.get(to) ?? []), run]));
  };
  // paired, a baseline runs before each case that compares to it rather than on its own
  const referenced = new Set(selected.flatMap((s) => (s.compare ?? []).map(({ to }) => to)));
  try {
    for (const c of selected) {
      const compared = values.unpaired ? [] : (c.compare ?? []).filter(({ to }) => registry.get(to));
      if (!values.unpaired && compared.length === 0 && referenced.has(c.name)) continue;
      for (let round = 0; round < (compared.length > 0 ? rounds : 1); round++) {
        // The load on a shared machine drifts within seconds: each round of a case divides by its
        // baselines measured immediately before it (unless --unpaired)
        const before: Array<[string, BenchResult, BenchResult | undefined]> = [];
        for (const { to } of compared) before.push([to, ...(await measure(registry.get(to)!))]);
        const [, onTmpfs] = await measure(c);
        for (const [to, disk, tmpfs] of before) {
          pair(c.name, to, disk);
          if (onTmpfs) pair(`${c.name}${TMPFS_SUFFIX}`, tmpfs ? `${to}${TMPFS_SUFFIX}` : to, tmpfs ?? disk);
        }
      }
    }
  } finally {
    await closeAll();
  }
  const record = buildRecord(startedAt, options, rounds, results, [...selected, ...variants], baselines, built);
  const saved = values['no-save'] ? undefined : writeRecord(record, new URL('./results/', import.meta.url));
  if (values.json) {
    process.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    `polyiam bench: ${options.connections} connections, ${options.warmupMs} ms warm-up, ${options.durationMs} ms measured per run, ${rounds} round(s); ` +
      `polyiam serve (${built}) in its own process on a temporary data dir on disk${tmpfsEnv ? ' (and on tmpfs: rows [tmpfs])' : ''}, default settings; ` +
      'load from another process; one noisy 2-core machine: compare ratios, not absolute numbers\n\n',
  );
  process.stdout.write(`${formatTable(record)}\n`);
  if (values.compare) process.stdout.write(`\n${formatComparison(record, values.compare)}\n`);
  if (saved) process.stdout.write(`\nresults: ${saved}\n`);
  const summaries = selected.map((c) => c.summary?.()).filter((line): line is string => line !== undefined);
  if (summaries.length > 0) process.stdout.write(`\n${summaries.join('\n')}\n`);
  for (const note of notes) process.stdout.write(`\nnote: ${note}\n`);
}

await main();
