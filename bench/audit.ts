/**
 * The audit trail's cost (issue #14), each case beside a polyiam made with `auditOff` (no sink, no
 * hand-over to the transaction), measured in the same run:
 * - a user creation whose event is written in its transaction, on the embedded default (SQLite file,
 *   WAL, group commit), against the same with auditing off: target ≥ 0.95 (at most 5% of a creation);
 * - a signed read (AWS GetUser) with its batched event against one with auditing off: target ≥ 0.97.
 *   Both servers run in processes of their own on an on-disk data dir (bench/serve-variant.mjs:
 *   `polyiam serve`'s start with `--audit-off` on one side), seeded with the server stopped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemContext } from '../src/core/principal.js';
import { startTestServer, type TestServer } from '../test/support/server.js';
import { seedStopped, type BenchCase, type HttpLoad } from './harness.js';
import { PolyiamProcess } from './processes.js';
import type { QuerySigningArgs } from './query-dialects.js';

const WRITE_ON = 'audit: CreateUser via core on a SQLite file, event in its transaction';
const WRITE_OFF = 'audit: CreateUser via core on a SQLite file, auditing off';
const READ_ON = 'audit: aws signed POST GetUser, event batched';
const READ_OFF = 'audit: aws signed POST GetUser, auditing off';

/** One polyiam per case run, closed (and its data directory removed) by the case's teardown. */
function serverFor(options: { file: boolean; auditOff: boolean }) {
  let started: { server: TestServer; dir?: string } | undefined;
  return {
    async start(): Promise<TestServer> {
      const dir = options.file ? mkdtempSync(join(tmpdir(), 'polyiam-bench-audit-')) : undefined;
      const server = await startTestServer(
        { accessLog: false, testMode: false, ...(dir ? { dataDir: dir, sqliteFile: 'polyiam.sqlite' } : {}) },
        { realHasher: true, auditOff: options.auditOff },
      );
      started = { server, ...(dir ? { dir } : {}) };
      return server;
    },
    async stop(): Promise<void> {
      if (!started) return;
      const { server, dir } = started;
      started = undefined;
      await server.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function creations(server: TestServer) {
  const ctx = systemContext(server.root.account.id, server.root.root.user_id, server.root.root.user_name);
  return async (i: number) => {
    await server.polyiam.services.users.create(ctx, { name: `bench-${i}` });
    // what an answer waits for before it leaves (group commit): the creation committed and on disk
    await server.polyiam.store.durable();
  };
}

/** A server process through bench/serve-variant.mjs, a reader seeded while it is stopped, and the load on it. */
async function signedReads(auditOff: boolean, started: (server: PolyiamProcess) => void): Promise<HttpLoad> {
  const launcher = fileURLToPath(new URL('./serve-variant.mjs', import.meta.url));
  const server = new PolyiamProcess('disk', { entry: [launcher, ...(auditOff ? ['--audit-off'] : [])] });
  started(server);
  await server.start();
  const userName = `reader-${Date.now().toString(36)}`;
  await seedStopped(server, async ({ polyiam, rootContext }) => polyiam.services.users.create(rootContext, { name: userName }));
  await server.start();
  const root = server.root!.root;
  const args: QuerySigningArgs = { url: server.url, ak: root.access_key_id, sk: root.secret_access_key, action: 'GetUser', userName };
  return { kind: 'http', url: server.url, pid: server.pid, factory: { module: new URL('./query-dialects.ts', import.meta.url).href, export: 'awsSignedReads', args } };
}

function writeCase(name: string, auditOff: boolean, compare?: BenchCase['compare']): BenchCase {
  const target = serverFor({ file: true, auditOff });
  return {
    name,
    group: 'audit',
    ...(compare ? { compare } : {}),
    async setup() {
      return { kind: 'op', concurrency: 4, op: creations(await target.start()) };
    },
    teardown: () => target.stop(),
  };
}

function readCase(name: string, auditOff: boolean, compare?: BenchCase['compare']): BenchCase {
  let server: PolyiamProcess | undefined;
  return {
    name,
    group: 'audit',
    ...(compare ? { compare } : {}),
    setup: () => signedReads(auditOff, (started) => (server = started)),
    async teardown() {
      await server?.close();
      server = undefined;
    },
  };
}

export const cases: BenchCase[] = [
  writeCase(WRITE_OFF, true),
  writeCase(WRITE_ON, false, [{ to: WRITE_OFF, target: 0.95 }]),
  readCase(READ_OFF, true),
  readCase(READ_ON, false, [{ to: READ_OFF, target: 0.97 }]),
];
