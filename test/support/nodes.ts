/**
 * Several polyiam nodes on one PostgreSQL database (POLYIAM_TEST_PG_URL): a scratch database of their
 * own (what other suites sealed in the shared one is under other master keys), the nodes, and a poll
 * for what one node learns of another's change.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { createPolyiam, type Polyiam } from '../../src/app/polyiam.js';
import { loadConfig } from '../../src/config/config.js';
import { systemContext, type CallContext } from '../../src/core/principal.js';
import { PlainPassword } from '../../src/core/secrets.js';
import { testHasher } from './server.js';

async function onServer(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export interface ScratchDatabase {
  url: string;
  /** ends every connection to it, as a server restart or an administrator would */
  terminateConnections(): Promise<void>;
  drop(): Promise<void>;
}

/** A new database on the server `adminUrl` names; `drop()` removes it and its connections. */
export async function scratchDatabase(adminUrl: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await onServer(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    terminateConnections: () => onServer(adminUrl, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`),
    drop: () => onServer(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** A polyiam node (no HTTP server) on `databaseUrl`; nodes of one cluster share `masterKey`. */
export function openNode(databaseUrl: string, masterKey: string): Promise<Polyiam> {
  const config = { ...loadConfig({}), databaseUrl, masterKey, logLevel: 'silent', testMode: false };
  return createPolyiam(config, { logger: pino({ level: 'silent' }), hasher: testHasher() });
}

/** Polls until `probe` is true: another node learns a change through the change log within a poll or two. */
export async function eventually(probe: () => Promise<boolean>, withinMs: number, everyMs = 100): Promise<boolean> {
  const end = Date.now() + withinMs;
  while (Date.now() < end) {
    if (await probe()) return true;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return probe();
}

export interface TwoNodes {
  a: Polyiam;
  b: Polyiam;
  /** the root of a fresh account both nodes serve */
  root: CallContext;
  database: ScratchDatabase;
  close(): Promise<void>;
}

/**
 * Two nodes of one cluster (one master key) on a scratch database of `adminUrl`'s server, and a fresh
 * account on them: the setup of every two-node suite.
 */
export async function openTwoNodes(adminUrl: string, prefix: string): Promise<TwoNodes> {
  const database = await scratchDatabase(adminUrl, `polyiam_${prefix}`);
  const masterKey = randomBytes(32).toString('base64');
  const a = await openNode(database.url, masterKey);
  const b = await openNode(database.url, masterKey);
  const created = await a.services.accounts.create(`${prefix}${randomBytes(4).toString('hex')}`, new PlainPassword(`${prefix}Root#2024`));
  const root = systemContext(created.account.id, created.root.id, created.root.name);
  return {
    a,
    b,
    root,
    database,
    async close() {
      await a.close();
      await b.close();
      await database.drop();
    },
  };
}
