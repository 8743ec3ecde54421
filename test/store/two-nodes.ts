/** Timing helpers for the two-node suites (test/store/notify-*.test.ts) and bench/two-nodes.ts. */

/** Milliseconds until `probe` holds, polled every `everyMs`; Infinity if it never does within `limitMs`. */
export async function timeUntil(probe: () => Promise<boolean>, limitMs = 5_000, everyMs = 5): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < limitMs) {
    if (await probe()) return performance.now() - start;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return (await probe()) ? performance.now() - start : Infinity;
}

import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { Polyiam } from '../../src/app/polyiam.js';
import { buildServer } from '../../src/http/server.js';

/** Serves `node` on 127.0.0.1:0 (all dialects); returns its URL and a close. */
export async function serveNode(node: Polyiam): Promise<{ url: string; close(): Promise<void> }> {
  const app = await buildServer(node, { logger: pino({ level: 'silent' }) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, close: () => app.close() };
}
