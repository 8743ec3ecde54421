/**
 * Where the time of a `.cpuprofile` goes (from `npm run bench -- --profile DIR`, a profile of the
 * polyiam server process during a case's measured window): self time by area
 * (signing, Fastify, node:http, store, audit, logging, metrics, encoding, GC...) and the top functions.
 * Usage: node --import tsx bench/profile-summary.ts FILE.cpuprofile [TOP]
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** First match wins: the area a frame's file belongs to. */
const AREAS: Array<[string, RegExp]> = [
  ['signing (src/auth/signing)', /src\/auth\/signing\//],
  ['authentication, keys, revocation (src/auth)', /src\/auth\//],
  ['audit (core/audit, store/audit-sink)', /src\/core\/audit\/|src\/store\/audit/],
  ['authorization (core/authorization)', /src\/core\/authorization\//],
  ['core services, caches', /src\/core\//],
  ['store (src/store, kysely, better-sqlite3, pg)', /src\/store\/|npm:kysely|npm:better-sqlite3|npm:pg/],
  ['dialect code (src/dialects, src/front)', /src\/dialects\/|src\/front\//],
  ['logging (pino, http/logger)', /npm:pino|npm:sonic-boom|src\/http\/logger/],
  ['metrics (prom-client, http/metrics)', /npm:prom-client|src\/http\/metrics/],
  ['XML/JSON encoding (fast-xml-parser)', /npm:fast-xml-parser|npm:strnum|npm:fast-json-stringify/],
  ['Fastify (fastify, find-my-way, avvio, light-my-request)', /npm:fastify|npm:@fastify|npm:find-my-way|npm:avvio|npm:light-my-request|npm:fast-querystring|npm:toad-cache|src\/http\//],
  ['node:http, net, streams', /^(writev|writeUtf8String|writeBuffer|writeLatin1String)\||node:_http|node:net|node:internal\/streams|node:internal\/stream_base|node:stream|node:internal\/http|node:events|node:internal\/event_target|node:internal\/timers|node:internal\/async_hooks/],
  ['node:crypto', /node:internal\/crypto|node:crypto/],
  ['garbage collector', /^\(garbage collector\)\|/],
  ['idle (waiting for the load)', /^\(idle\)\|/],
  ['profiler itself (excluded)', /^dispatch\|$/],
];

const short = (url: string) => {
  if (!url) return '';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `npm:${pkg[1]}`;
  // the server runs the compiled dist/ (as `npm start`): its files are named after their sources
  return url.replace(/^file:\/\/.*?\/dist\//, 'src/').replace(/^file:\/\/.*?\/(src|bench|test)\//, '$1/');
};

const sourceMaps = new Map<string, SourceMap | undefined>();

/**
 * `npm start` runs one bundled file (dist/bundle/polyiam.cjs, scripts/bundle.mjs): a frame in it is
 * named after the source its source map points to (src/..., node_modules/<package>/...), so the areas
 * stay those of the sources.
 */
function original(frame: ProfileNode['callFrame']): { url: string; lineNumber: number } {
  if (!frame.url.endsWith('.cjs')) return frame;
  const path = frame.url.startsWith('file:') ? fileURLToPath(frame.url) : frame.url;
  if (!sourceMaps.has(path)) sourceMaps.set(path, existsSync(`${path}.map`) ? new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8'))) : undefined);
  const entry = sourceMaps.get(path)?.findEntry(frame.lineNumber, frame.columnNumber ?? 0);
  if (!entry || !('originalSource' in entry)) return frame;
  return { url: pathToFileURL(resolve(dirname(path), entry.originalSource)).href, lineNumber: entry.originalLine };
}

export function summarize(profile: CpuProfile, top = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(id, (self.get(id) ?? 0) + dt);
    total += dt;
  });
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, time] of self) {
    const frame = byId.get(id)!.callFrame;
    const { functionName } = frame;
    const { url, lineNumber } = original(frame);
    const file = short(url);
    const key = `${functionName}|${file}`;
    const area = AREAS.find(([, re]) => re.test(key))?.[0] ?? (file ? `other: ${file.split('/')[0]}` : `other: ${functionName || 'native'}`);
    areas.set(area, (areas.get(area) ?? 0) + time);
    const fn = `${functionName || '(anonymous)'} ${file}${file ? `:${lineNumber + 1}` : ''}`;
    functions.set(fn, (functions.get(fn) ?? 0) + time);
  }
  const idle = (areas.get('idle (waiting for the load)') ?? 0) + (areas.get('profiler itself (excluded)') ?? 0);
  const busy = total - idle;
  const rows = (m: Map<string, number>, n: number) =>
    [...m]
      .filter(([k]) => !k.startsWith('idle') && !k.startsWith('profiler') && !k.startsWith('(idle)') && !k.startsWith('dispatch '))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, t]) => `${(t / 1000).toFixed(0).padStart(7)} ms ${((100 * t) / busy).toFixed(1).padStart(5)}%  ${k}`);
  return [
    `busy ${(busy / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms sampled (${((100 * busy) / total).toFixed(0)}% busy); shares are of busy time`,
    '-- self time by area',
    ...rows(areas, 30),
    `-- top ${top} functions (self time)`,
    ...rows(functions, top),
  ].join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: node --import tsx bench/profile-summary.ts FILE.cpuprofile [TOP]\n');
    process.exit(2);
  }
  process.stdout.write(`${summarize(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(top ?? 25))}\n`);
}
