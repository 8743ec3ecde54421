import { readFileSync } from 'node:fs';
const [file, ...fns] = process.argv.slice(2);
const p = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map();
for (const s of p.samples) self.set(s, (self.get(s) ?? 0) + 1);
const idle = p.nodes.filter((n) => n.callFrame.functionName === '(idle)').reduce((a, n) => a + (self.get(n.id) ?? 0), 0);
const total = p.samples.length - idle;
const tot = (id) => (self.get(id) ?? 0) + (byId.get(id).children ?? []).reduce((a, c) => a + tot(c), 0);
// inclusive without double counting recursion: mark nodes
for (const fn of fns) {
  const [name, file] = fn.split('@');
  let sum = 0;
  const visit = (id, inside) => {
    const n = byId.get(id);
    const match = n.callFrame.functionName === name && (!file || n.callFrame.url.includes(file));
    if (match && !inside) { sum += tot(id); return; }
    for (const c of n.children ?? []) visit(c, inside || match);
  };
  visit(p.nodes[0].id, false);
  console.log(`${(100 * sum / total).toFixed(1)}%  ${fn}`);
}
console.log('busy samples', total);
