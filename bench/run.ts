/**
 * `npm run bench`: every registered case beside the baselines, in one run, then a table of rates,
 * latencies and ratios. Options: --filter TEXT (cases whose name or group contains it, plus their
 * baselines), --duration MS (3000), --warmup MS (1000), --connections N (8), --json (machine output),
 * --rounds N (1: each case N times, each time right after its baselines; the ratio is the median),
 * --unpaired (measure each baseline once at the start instead of right before every case run),
 * --compare OLD.json (ratios, rates and measurements against an earlier run's record), --no-save (do
 * not write bench/results/<timestamp>.json), --exact (the filter is a whole case name or group),
 * --profile DIR (a CPU profile of this process, the server's thread, during each case's load only:
 * DIR/<case>.cpuprofile, for Chrome DevTools or bench/profile-summary.ts). Every target prints with
 * PASS/FAIL (bench/report.ts).
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { baselineCases, BenchRegistry, createEnv, runCase, type BenchCase, type BenchResult, type LoadHooks } from './harness.js';
import { buildRecord, formatComparison, formatTable, writeRecord, type Baselines } from './report.js';
import { cases as huaweiV5Cases } from './huawei-v5.js';

/**
 * Case files other features add (bench/huawei-v3.ts, bench/query-dialects.ts, bench/evaluator.ts...):
 * every other `bench/*.ts` is imported and its `cases: BenchCase[]` registered, so a new file needs no
 * edit here and a missing one breaks nothing.
 */
const NOT_CASE_FILES = new Set(['harness.ts', 'run.ts', 'huawei-v5.ts', 'report.ts', 'seed.ts', 'profile-summary.ts']);

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

/** CPU profiles of this thread (where polyiam runs in process) during each case's load. */
function profilingHooks(dir: string): LoadHooks {
  mkdirSync(dir, { recursive: true });
  const session = new Session();
  session.connect();
  return {
    async beforeLoad() {
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
      await session.post('Profiler.start');
    },
    async afterLoad(c) {
      const { profile } = await session.post('Profiler.stop');
      const file = join(dir, `${c.name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120)}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      process.stderr.write(`bench: profile ${file}\n`);
    },
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
    },
  });
  const options = { durationMs: Number(values.duration), warmupMs: Number(values.warmup), connections: Number(values.connections) };
  const rounds = Math.max(1, Number(values.rounds));
  const { registry, notes } = await loadRegistry();
  const selected = registry.select(values.filter, values.exact);
  const hooks = values.profile ? profilingHooks(values.profile) : {};
  const env = createEnv(options);
  const startedAt = new Date();
  const results: BenchResult[] = [];
  const baselines: Baselines = new Map();
  const measure = async (c: BenchCase) => {
    process.stderr.write(`bench: ${c.name} ...\n`);
    const result = await runCase(c, env, c.group === 'baseline' ? {} : hooks);
    results.push(result);
    return result;
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
        for (const { to } of compared) {
          const runs = baselines.get(c.name) ?? new Map<string, BenchResult[]>();
          baselines.set(c.name, runs.set(to, [...(runs.get(to) ?? []), await measure(registry.get(to)!)]));
        }
        await measure(c);
      }
    }
  } finally {
    await env.close();
  }
  const record = buildRecord(startedAt, options, rounds, results, selected, baselines);
  const saved = values['no-save'] ? undefined : writeRecord(record, new URL('./results/', import.meta.url));
  if (values.json) {
    process.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    `polyiam bench: ${options.connections} connections, ${options.warmupMs} ms warm-up, ${options.durationMs} ms measured per run, ${rounds} round(s); ` +
      'one noisy 2-core machine: compare ratios, not absolute numbers\n\n',
  );
  process.stdout.write(`${formatTable(record)}\n`);
  if (values.compare) process.stdout.write(`\n${formatComparison(record, values.compare)}\n`);
  if (saved) process.stdout.write(`\nresults: ${saved}\n`);
  const summaries = selected.map((c) => c.summary?.()).filter((line): line is string => line !== undefined);
  if (summaries.length > 0) process.stdout.write(`\n${summaries.join('\n')}\n`);
  for (const note of notes) process.stdout.write(`\nnote: ${note}\n`);
}

await main();
