/**
 * `npm run bench`: every registered case beside the baselines, in one run, then a table of rates,
 * latencies and ratios. Options: --filter TEXT (cases whose name or group contains it, plus their
 * baselines), --duration MS (3000), --warmup MS (1000), --connections N (8), --json (machine output),
 * --unpaired (measure each baseline once instead of right before every case that compares to it).
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

/** What a case is compared against, measured right before it (paired) or once at the start. */
type Baselines = Map<string, Map<string, BenchResult>>;

function formatTable(results: BenchResult[], selected: BenchCase[], baselines: Baselines): string {
  const first = new Map<string, BenchResult>();
  for (const r of results) if (!first.has(r.name)) first.set(r.name, r);
  const rows = [...first.values()].map((r) => {
    const c = selected.find((s) => s.name === r.name);
    const ratios = (c?.compare ?? [])
      .map(({ to, target }) => {
        const base = baselines.get(r.name)?.get(to) ?? first.get(to);
        if (!base || base.rate === 0) return undefined;
        const ratio = r.rate / base.rate;
        const verdict = target === undefined ? '' : ratio >= target ? ` (target ≥ ${target}: met)` : ` (target ≥ ${target}: MISSED)`;
        return `${ratio.toFixed(2)} × ${to} [${base.rate.toFixed(0)}]${verdict}`;
      })
      .filter(Boolean)
      .join('; ');
    const runs = results.filter((x) => x.name === r.name).map((x) => x.rate);
    const rate = runs.length > 1 ? `${median(runs).toFixed(0)} ${r.unit} (median of ${runs.length}, ${Math.min(...runs).toFixed(0)}-${Math.max(...runs).toFixed(0)})` : `${r.rate.toFixed(0)} ${r.unit}`;
    const failures = r.failures === 0 ? '0' : `${r.failures} ${JSON.stringify(r.failureKinds)}`;
    return [r.name, rate, r.p50.toFixed(2), r.p99.toFixed(2), failures, ratios];
  });
  const header = ['case', 'rate', 'p50 ms', 'p99 ms', 'failures', 'ratio [baseline rate measured just before]'];
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
      unpaired: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const options = { durationMs: Number(values.duration), warmupMs: Number(values.warmup), connections: Number(values.connections) };
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
  try {
    for (const c of selected) {
      // On a shared machine the load drifts within a run, so each
      // ratio divides by its baseline measured immediately before the case (unless --unpaired)
      if (!values.unpaired && c.compare?.length) {
        const paired = new Map<string, BenchResult>();
        for (const { to } of c.compare) {
          const base = registry.get(to);
          if (base) paired.set(to, await measure(base));
        }
        baselines.set(c.name, paired);
      }
      await measure(c);
    }
  } finally {
    await env.close();
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ options, results }, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    `polyiam bench: ${options.connections} connections, ${options.warmupMs} ms warm-up, ${options.durationMs} ms measured per case; ` +
      'one noisy 2-core machine: compare ratios, not absolute numbers\n\n',
  );
  process.stdout.write(`${formatTable(results, selected, baselines)}\n`);
  for (const note of notes) process.stdout.write(`\nnote: ${note}\n`);
}

await main();
