#!/usr/bin/env node
// A bench server that differs from `polyiam serve` by one thing the CLI cannot be told, in a process
// of its own: `polyiam serve`'s start (src/cli/main.ts serve: the same composition, the first
// account's credentials printed on stdout, JSON logs on stderr, a graceful SIGTERM) plus
// - `--audit-off`: no audit sink (`CreateOptions.auditOff`, benchmarks only), for the audit cost pair
//   of bench/audit.ts, whose both sides start through this file so they differ by auditing alone;
// - `--no-revocation-check`: on PostgreSQL, cached credentials trusted without the per-request check
//   (reference row of bench/two-nodes.ts only: not a safe configuration).
// It runs what bin/polyiam.js would: the compiled dist/ when it is current, else the sources through tsx.
//   node bench/serve-variant.mjs [--audit-off] [--no-revocation-check] --data-dir D [--host H] [--port P]
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));

function newest(dir) {
  let at = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    at = Math.max(at, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return at;
}

const stamp = `${root}dist/.built`;
const compiled = process.env.POLYIAM_FROM_SOURCE !== '1' && existsSync(stamp) && newest(`${root}src`) <= statSync(stamp).mtimeMs;
let base = `${root}dist/`;
let ext = 'js';
if (!compiled) {
  (await import('tsx/esm/api')).register();
  base = `${root}src/`;
  ext = 'ts';
}
const load = (path) => import(`${base}${path}.${ext}`);
const [{ createPolyiam }, { loadConfig, parsePort }, { createLogger }, { buildServer }, { credentialsJson }, { default: pino }] = await Promise.all([
  load('app/polyiam'),
  load('config/config'),
  load('http/logger'),
  load('http/server'),
  load('cli/account'),
  import('pino'),
]);

const { values } = parseArgs({
  options: {
    'audit-off': { type: 'boolean', default: false },
    'no-revocation-check': { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
  },
});
const config = loadConfig(process.env, {
  ...(values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {}),
  ...(values.host !== undefined ? { host: values.host } : {}),
  ...(values.port !== undefined ? { port: parsePort(values.port) } : {}),
});
const logger = createLogger(config.logLevel, pino.destination(2));
const polyiam = await createPolyiam(config, { logger, ...(values['audit-off'] ? { auditOff: true } : {}) });
if (values['no-revocation-check']) Object.assign(polyiam.services.authenticator, { revocations: undefined });
if ((await polyiam.services.accounts.count()) === 0) process.stdout.write(`${credentialsJson(await polyiam.services.accounts.create('default'))}\n`);
const stopped = new Promise((resolve) => {
  process.once('SIGTERM', resolve);
  process.once('SIGINT', resolve);
});
const app = await buildServer(polyiam, { logger });
await app.listen({ host: config.host, port: config.port });
await stopped;
await app.close();
await polyiam.close();
