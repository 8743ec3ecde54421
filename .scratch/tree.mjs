import { readFileSync } from 'node:fs';
const [file, name, maxDepth = 4, min = 0.3] = process.argv.slice(2);
const p = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map();
for (const s of p.samples) self.set(s, (self.get(s) ?? 0) + 1);
const idle = p.nodes.filter((n) => n.callFrame.functionName === '(idle)').reduce((a, n) => a + (self.get(n.id) ?? 0), 0);
const total = p.samples.length - idle;
const tot = (id) => (self.get(id) ?? 0) + (byId.get(id).children ?? []).reduce((a, c) => a + tot(c), 0);
// merge all occurrences of `name` into one tree keyed by path of function names
const agg = new Map();
const add = (id, path, depth) => {
  const n = byId.get(id);
  const key = path + ' > ' + (n.callFrame.functionName || '(anon)') + '@' + n.callFrame.url.split('/').slice(-1)[0] + ':' + n.callFrame.lineNumber;
  agg.set(key, (agg.get(key) ?? 0) + tot(id));
  if (depth < maxDepth) for (const c of n.children ?? []) add(c, key, depth + 1);
};
const visit = (id) => { const n = byId.get(id); if (n.callFrame.functionName === name) { add(id, '', 0); return; } for (const c of n.children ?? []) visit(c); };
visit(p.nodes[0].id);
for (const [k, v] of [...agg].sort((a, b) => a[0].localeCompare(b[0]))) { const pct = 100 * v / total; if (pct >= min) { const parts = k.split(' > '); console.log(`${pct.toFixed(1).padStart(5)}% ${'  '.repeat(parts.length - 2)}${parts.at(-1)}`); } }
