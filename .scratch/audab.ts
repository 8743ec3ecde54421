import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemContext } from '../src/core/principal.js';
import { startTestServer } from '../test/support/server.js';
const mk = async (auditOff: boolean) => {
  const dir = mkdtempSync(join(tmpdir(), 'audab-'));
  const s = await startTestServer({ accessLog: false, testMode: false, dataDir: dir, sqliteFile: 'p.sqlite' }, { realHasher: true, auditOff });
  const ctx = systemContext(s.root.account.id, s.root.root.user_id, s.root.root.user_name);
  let i = 0;
  const run = async (ms: number) => {
    let n = 0; const end = performance.now() + ms;
    await Promise.all(Array.from({ length: 16 }, async () => { while (performance.now() < end) { await s.polyiam.services.users.create(ctx, { name: `u${auditOff}${i++}` }); await s.polyiam.store.durable(); n++; } }));
    return n / ms * 1000;
  };
  return { s, run };
};
const on = await mk(false), off = await mk(true);
await on.run(500); await off.run(500);
const r: number[] = [];
for (let k = 0; k < 8; k++) { const a = await on.run(700); const b = await off.run(700); r.push(a / b); console.log(a.toFixed(0), b.toFixed(0), (a/b).toFixed(2)); }
r.sort(); console.log('median ratio', r[4]!.toFixed(3));
await on.s.close(); await off.s.close();
