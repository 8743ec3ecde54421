import { createEnv, runCase, baselineCases, type BenchCase } from './harness.js';
import { cases } from './huawei-v5.js';
import { startTestServer } from '../test/support/server.js';
const opts = { durationMs: 3000, warmupMs: 1000, connections: 8 };
const get = cases[0]!;
const quiet = await startTestServer({ logLevel: 'warn' }, { realHasher: true });
quiet.app; 
const envQuiet = { ...createEnv(opts), polyiam: async () => quiet };
const env = createEnv(opts);
// fastify hello on the same server: /healthz
const health: BenchCase = { name: 'fastify /healthz', group: 'x', async setup(e) { const s = await e.polyiam(); return { kind: 'http', url: s.url, factory: { module: import.meta.url, export: 'healthz', args: null } }; } };
for (let round = 0; round < 2; round++) {
  for (const [label, c, e] of [['bare', baselineCases[0]!, env], ['get info-logs', get, env], ['get no-logs', get, envQuiet], ['healthz info-logs', health, env], ['healthz no-logs', health, envQuiet]] as const) {
    const r = await runCase(c, e);
    console.log(label.padEnd(20), r.rate.toFixed(0));
  }
}
await env.close(); await quiet.close();
export function healthz() { const spec = { method: 'GET', path: '/healthz', headers: {} }; return () => spec; }
