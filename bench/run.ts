/**
 * `npm run bench`: every registered case beside the baselines, in one run, then a table of rates,
 * latencies and ratios. Options: --filter TEXT (cases whose name or group contains it, plus their
 * baselines), --duration MS (3000), --warmup MS (1000), --connections N (8), --json (machine output).
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { baselineCases, BenchRegistry, createEnv, runCase, type BenchCase, type BenchResult } from './harness.js';
import { cases as huaweiV5Cases } from './huawei-v5.js';

/** Case files other features add; each exports `cases: BenchCase[]`. Missing files are skipped. */
const OPTIONAL_CASE_FILES = ['huawei-v3', 'query-dialects', 'volcengine', 'evaluator'];

async function loadRegistry(): Promise<{ registry: BenchRegistry; notes: string[] }> {
  const registry = new BenchRegistry().add(...baselineCases, ...huaweiV5Cases);
  const notes: string[] = [];
  for (const name of OPTIONAL_CASE_FILES) {
    if (!existsSync(new URL(`./${name}.ts`, import.meta.url))) continue;
    // a variable specifier: tsc must not resolve files that may not exist yet
    const specifier = `./${name}.js`;
    const module = (await import(specifier)) as { cases?: unknown };
    if (Array.isArray(module.cases)) registry.add(...(module.cases as BenchCase[]));
    else notes.push(`bench/${name}.ts exports no \`cases\`; run it directly (node --import tsx bench/${name}.ts)`);
  }
  return { registry, notes };
}

function formatTable(results: BenchResult[], selected: BenchCase[]): string {
  const byName = new Map(results.map((r) => [r.name, r]));
  const rows = results.map((r) => {
    const c = selected.find((s) => s.name === r.name);
    const ratios = (c?.compare ?? [])
      .map(({ to, target }) => {
        const base = byName.get(to);
        if (!base || base.rate === 0) return undefined;
        const ratio = r.rate / base.rate;
        const verdict = target === undefined ? '' : ratio >= target ? ` (target ≥ ${target}: met)` : ` (target ≥ ${target}: MISSED)`;
        return `${ratio.toFixed(2)} × ${to}${verdict}`;
      })
      .filter(Boolean)
      .join('; ');
    const failures = r.failures === 0 ? '0' : `${r.failures} ${JSON.stringify(r.failureKinds)}`;
    return [r.name, `${r.rate.toFixed(0)} ${r.unit}`, r.p50.toFixed(2), r.p99.toFixed(2), failures, ratios];
  });
  const header = ['case', 'rate', 'p50 ms', 'p99 ms', 'failures', 'ratio'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 1 || i === 2 || i === 3 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      filter: { type: 'string' },
      duration: { type: 'string', default: '3000' },
      warmup: { type: 'string', default: '1000' },
      connections: { type: 'string', default: '8' },
      json: { type: 'boolean', default: false },
    },
  });
  const options = { durationMs: Number(values.duration), warmupMs: Number(values.warmup), connections: Number(values.connections) };
  const { registry, notes } = await loadRegistry();
  const selected = registry.select(values.filter);
  const env = createEnv(options);
  const results: BenchResult[] = [];
  try {
    for (const c of selected) {
      process.stderr.write(`bench: ${c.name} ...\n`);
      results.push(await runCase(c, env));
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
  process.stdout.write(`${formatTable(results, selected)}\n`);
  for (const note of notes) process.stdout.write(`\nnote: ${note}\n`);
}

await main();
