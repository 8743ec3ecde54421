import { readFileSync } from 'node:fs';
const [file, fn, depth = 8] = process.argv.slice(2);
const p = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map();
for (const s of p.samples) self.set(s, (self.get(s) ?? 0) + 1);
const stacks = new Map();
for (const n of p.nodes) {
  if (n.callFrame.functionName !== fn) continue;
  // total samples of subtree
  const tot = (id) => (self.get(id) ?? 0) + (byId.get(id).children ?? []).reduce((a, c) => a + tot(c), 0);
  const t = tot(n.id);
  const chain = [];
  let id = parent.get(n.id);
  for (let i = 0; i < depth && id !== undefined; i++) { const f = byId.get(id).callFrame; chain.push(`${f.functionName || '(anon)'}@${f.url.split('/').slice(-2).join('/')}:${f.lineNumber}`); id = parent.get(id); }
  const k = chain.join(' < ');
  stacks.set(k, (stacks.get(k) ?? 0) + t);
}
for (const [k, v] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(v, k);
