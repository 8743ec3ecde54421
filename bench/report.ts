/**
 * What `npm run bench` prints and keeps: the ratios of each case to its baselines (median over rounds,
 * each round against a baseline run just before it), every target with PASS/FAIL, the short table, the
 * JSON record written to bench/results/<timestamp>.json, and `--compare old.json` against an earlier record.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describeTarget, meets, verdict, type BenchCase, type BenchOptions, type BenchResult, type Measurement, type ServerCost, type Target } from './harness.js';

/** Per case, per compared baseline: the baseline's runs, each measured right before a run of the case. */
export type Baselines = Map<string, Map<string, BenchResult[]>>;

export interface RatioRecord {
  case: string;
  to: string;
  /** median over rounds */
  ratio: number;
  each: number[];
  target?: Target;
  pass?: boolean;
}

export interface RateRecord {
  case: string;
  group: string;
  unit: string;
  /** median over rounds */
  rate: number;
  p50: number;
  p99: number;
  failures: number;
  /** HTTP cases: the serving process's write syscalls, storage bytes and CPU per request (median over rounds) */
  server?: ServerCost;
  target?: Target;
  pass?: boolean;
}

export interface MeasurementRecord extends Measurement {
  case: string;
  pass?: boolean;
}

/** The JSON record of one run (bench/results/<timestamp>.json). */
export interface RunRecord {
  startedAt: string;
  node: string;
  commit?: string;
  /** what bin/polyiam.js ran: `compiled dist/` (as `npm start`) or `sources through tsx` */
  build?: string;
  options: BenchOptions;
  rounds: number;
  rates: RateRecord[];
  ratios: RatioRecord[];
  measurements: MeasurementRecord[];
  results: BenchResult[];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const passOf = (value: number, target: Target | undefined) => (target === undefined ? {} : { target, pass: meets(value, target) });

export function buildRecord(startedAt: Date, options: BenchOptions, rounds: number, results: BenchResult[], selected: BenchCase[], baselines: Baselines, build?: string): RunRecord {
  const runsOf = (name: string) => results.filter((x) => x.name === name);
  const names = [...new Set(results.map((r) => r.name))];
  const rates: RateRecord[] = [];
  const ratios: RatioRecord[] = [];
  const measurements: MeasurementRecord[] = [];
  for (const name of names) {
    const runs = runsOf(name);
    const c = selected.find((s) => s.name === name);
    for (const run of runs) for (const m of run.measurements ?? []) measurements.push({ case: name, ...m, ...(m.target === undefined ? {} : { pass: meets(m.value, m.target) }) });
    if (runs[0]!.measurements) continue;
    const rate = median(runs.map((x) => x.rate));
    rates.push({
      case: name,
      group: runs[0]!.group,
      unit: runs[0]!.unit,
      rate,
      p50: median(runs.map((x) => x.p50)),
      p99: median(runs.map((x) => x.p99)),
      failures: runs.reduce((n, x) => n + x.failures, 0),
      ...serverCostOf(runs),
      ...passOf(rate, c?.target),
    });
    for (const { to, target } of c?.compare ?? []) {
      const bases = baselines.get(name)?.get(to) ?? runsOf(to).slice(0, 1);
      const each = runs.map((run, i) => run.rate / (bases[Math.min(i, bases.length - 1)]?.rate ?? NaN)).filter(Number.isFinite);
      if (each.length === 0) continue;
      const ratio = median(each);
      ratios.push({ case: name, to, ratio, each, ...passOf(ratio, target) });
    }
  }
  return { startedAt: startedAt.toISOString(), node: process.version, ...gitCommit(), ...(build ? { build } : {}), options, rounds, rates, ratios, measurements, results };
}

function serverCostOf(runs: BenchResult[]): { server?: ServerCost } {
  const costs = runs.map((x) => x.server).filter((x): x is ServerCost => x !== undefined);
  if (costs.length === 0) return {};
  return {
    server: {
      writesPerRequest: median(costs.map((x) => x.writesPerRequest)),
      writeBytesPerRequest: median(costs.map((x) => x.writeBytesPerRequest)),
      cpuMsPerRequest: median(costs.map((x) => x.cpuMsPerRequest)),
    },
  };
}

function gitCommit(): { commit?: string } {
  try {
    return { commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() };
  } catch {
    return {};
  }
}

export function formatTable(record: RunRecord): string {
  const rows = record.rates.map((r) => {
    const runs = record.results.filter((x) => x.name === r.case);
    const rates = runs.map((x) => x.rate);
    const rate =
      rates.length > 1 ? `${r.rate.toFixed(0)} ${r.unit} (median of ${rates.length}, ${Math.min(...rates).toFixed(0)}-${Math.max(...rates).toFixed(0)})` : `${r.rate.toFixed(0)} ${r.unit}`;
    const failures = r.failures === 0 ? '0' : `${r.failures} ${JSON.stringify(Object.assign({}, ...runs.map((x) => x.failureKinds)))}`;
    const ratios = record.ratios
      .filter((x) => x.case === r.case)
      .map((x) => {
        const spread = x.each.length > 1 ? ` over ${x.each.length} rounds ${Math.min(...x.each).toFixed(2)}-${Math.max(...x.each).toFixed(2)}` : '';
        return `${x.ratio.toFixed(2)} × ${x.to}${spread}${verdict(x.ratio, x.target)}`;
      });
    if (r.target !== undefined) ratios.unshift(`rate${verdict(r.rate, r.target, r.unit)}`);
    const writes = r.server ? r.server.writesPerRequest.toFixed(2) : '';
    const bytes = r.server ? formatBytes(r.server.writeBytesPerRequest) : '';
    const cpu = r.server ? r.server.cpuMsPerRequest.toFixed(3) : '';
    return [r.case, rate, r.p50.toFixed(2), r.p99.toFixed(2), writes, bytes, cpu, failures, ratios.join('; ')];
  });
  const header = ['case', 'rate', 'p50 ms', 'p99 ms', 'writes/req', 'disk/req', 'cpu ms/req', 'failures', 'ratio (median; each round against a baseline run just before)'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i >= 1 && i <= 6 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  const table = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  if (record.measurements.length > 0) {
    table.push('', 'measured:');
    for (const m of record.measurements) table.push(`  ${m.case}: ${m.name} ${formatValue(m.value)} ${m.unit}${m.note ? ` [${m.note}]` : ''}${verdict(m.value, m.target, m.unit)}`);
  }
  table.push(
    '',
    'writes/req: write syscalls of the serving process per completed request (/proc/<pid>/io syscw over the measured window; the response is one);',
    'disk/req: bytes it sent to the storage layer (write_bytes); cpu ms/req: its user + system CPU time. Rows [tmpfs]: data dir on tmpfs, no targets.',
  );
  const verdicts = [...record.rates, ...record.ratios, ...record.measurements].filter((x) => x.pass !== undefined);
  const failed = verdicts.filter((x) => !x.pass).length;
  table.push('', `targets: ${verdicts.length - failed} PASS, ${failed} FAIL`);
  return table.join('\n');
}

const formatBytes = (b: number) => (b >= 1024 ? `${(b / 1024).toFixed(1)} KiB` : `${b.toFixed(0)} B`);

const formatValue = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toFixed(3));

/** Writes the record to `dir/<timestamp>.json` and returns the path. */
export function writeRecord(record: RunRecord, dir: URL): string {
  mkdirSync(dir, { recursive: true });
  const file = new URL(`${record.startedAt.replace(/[:.]/g, '-')}.json`, dir);
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  return file.pathname;
}

/** Ratios, rates and measurements of this run beside those of an earlier record, for what both have. */
export function formatComparison(record: RunRecord, oldFile: string): string {
  const old = JSON.parse(readFileSync(oldFile, 'utf8')) as RunRecord;
  const lines = [`against ${oldFile} (${old.startedAt}${old.commit ? `, ${old.commit}` : ''}): now / then (> 1 is better for rates and ratios)`];
  const change = (now: number, then: number) => `${then.toFixed(2)} -> ${now.toFixed(2)} (${(now / then).toFixed(2)}×)`;
  for (const r of record.ratios) {
    const then = old.ratios.find((x) => x.case === r.case && x.to === r.to);
    if (then) lines.push(`  ratio ${r.case} / ${r.to}: ${change(r.ratio, then.ratio)}${r.pass === false && then.pass !== false ? ' REGRESSED past its target' : ''}`);
  }
  for (const r of record.rates) {
    const then = old.rates.find((x) => x.case === r.case);
    if (then && then.rate > 0) lines.push(`  rate ${r.case}: ${change(r.rate, then.rate)} ${r.unit} (absolute: the machine's load moves it)`);
    if (then?.server && r.server) lines.push(`  writes/req ${r.case}: ${then.server.writesPerRequest.toFixed(2)} -> ${r.server.writesPerRequest.toFixed(2)}`);
  }
  for (const m of record.measurements) {
    const then = old.measurements.find((x) => x.case === m.case && x.name === m.name);
    if (then) lines.push(`  ${m.case} ${m.name}: ${change(m.value, then.value)} ${m.unit}`);
  }
  if (lines.length === 1) lines.push('  nothing in common (different --filter?)');
  return lines.join('\n');
}

export { describeTarget };
