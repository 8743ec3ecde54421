/**
 * `npm run bench`: every registered case beside the baselines, in one run, then a table of rates,
 * latencies and ratios. Options: --filter TEXT (cases whose name or group contains it, plus their
 * baselines), --duration MS (3000), --warmup MS (1000), --connections N (8), --json (machine output),
 * --rounds N (1: each case N times, each time right after its baselines; the ratio is the median),
 * --unpaired (measure each baseline once at the start instead of right before every case run).
 */
import { readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { baselineCases, BenchRegistry, createEnv, runCase, type BenchCase, type BenchResult } from './harness.js';
import { cases as huaweiV5Cases } from './huawei-v5.js';

/**
 * Case files other features add (bench/huawei-v3.ts, bench/query-dialects.ts, bench/evaluator.ts...):
 * every other `bench/*.ts` is imported and its `cases: BenchCase[]` registered, so a new file needs no
 * edit here and a missing one breaks nothing.
 */
const NOT_CASE_FILES = new Set(['harness.ts', 'run.ts', 'huawei-v5.ts']);

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

/** Per case, per compared baseline: the baseline's runs, each measured right before a run of the case. */
type Baselines = Map<string, Map<string, BenchResult[]>>;

function formatTable(results: BenchResult[], selected: BenchCase[], baselines: Baselines): string {
  const runsOf = (name: string) => results.filter((x) => x.name === name);
  const names = [...new Set(results.map((r) => r.name))];
  const rows = names.map((name) => {
    const runs = runsOf(name);
    const r = runs[0]!;
    const c = selected.find((s) => s.name === name);
    const ratios = (c?.compare ?? [])
      .map(({ to, target }) => {
        const paired = baselines.get(name)?.get(to);
        const bases = paired ?? runsOf(to).slice(0, 1);
        const each = runs.map((run, i) => run.rate / (bases[Math.min(i, bases.length - 1)]?.rate ?? NaN)).filter(Number.isFinite);
        if (each.length === 0) return undefined;
        const ratio = median(each);
        const spread = each.length > 1 ? ` over ${each.length} rounds ${Math.min(...each).toFixed(2)}-${Math.max(...each).toFixed(2)}` : '';
        const verdict = target === undefined ? '' : ratio >= target ? ` (target ≥ ${target}: PASS)` : ` (target ≥ ${target}: FAIL)`;
        return `${ratio.toFixed(2)} × ${to}${spread}${verdict}`;
      })
      .filter(Boolean)
      .join('; ');
    const rates = runs.map((x) => x.rate);
    const rate = rates.length > 1 ? `${median(rates).toFixed(0)} ${r.unit} (median of ${rates.length}, ${Math.min(...rates).toFixed(0)}-${Math.max(...rates).toFixed(0)})` : `${r.rate.toFixed(0)} ${r.unit}`;
    const failed = runs.reduce((n, x) => n + x.failures, 0);
    const failures = failed === 0 ? '0' : `${failed} ${JSON.stringify(Object.assign({}, ...runs.map((x) => x.failureKinds)))}`;
    return [name, rate, median(runs.map((x) => x.p50)).toFixed(2), median(runs.map((x) => x.p99)).toFixed(2), failures, ratios];
  });
  const header = ['case', 'rate', 'p50 ms', 'p99 ms', 'failures', 'ratio (median; each round against a baseline run just before)'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 1 || i === 2 || i === 3 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
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
    },
  });
  const options = { durationMs: Number(values.duration), warmupMs: Number(values.warmup), connections: Number(values.connections) };
  const rounds = Math.max(1, Number(values.rounds));
  const { registry, notes } = await loadRegistry();
  const selected = registry.select(values.filter);
  const env = createEnv(options);
  const results: BenchResult[] = [];
  const baselines: Baselines = new Map();
  const measure = async (c: BenchCase) => {
    process.stderr.write(`bench: ${c.name} ...\n`);
    const result = await runCase(c, env);
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
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ options, rounds, results }, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    `polyiam bench: ${options.connections} connections, ${options.warmupMs} ms warm-up, ${options.durationMs} ms measured per run, ${rounds} round(s); ` +
      'one noisy 2-core machine: compare ratios, not absolute numbers\n\n',
  );
  process.stdout.write(`${formatTable(results, selected, baselines)}\n`);
  const summaries = selected.map((c) => c.summary?.()).filter((line): line is string => line !== undefined);
  if (summaries.length > 0) process.stdout.write(`\n${summaries.join('\n')}\n`);
  for (const note of notes) process.stdout.write(`\nnote: ${note}\n`);
}

await main();
