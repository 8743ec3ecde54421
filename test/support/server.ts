import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createPolyiam, type Polyiam } from '../../src/app/polyiam.js';
import { loadConfig, type Config } from '../../src/config/config.js';
import { PlainPassword } from '../../src/core/secrets.js';
import { Argon2idHasher } from '../../src/crypto/argon2id-hasher.js';
import { createLogger } from '../../src/http/logger.js';
import { buildServer } from '../../src/http/server.js';
import { credentialsJson } from '../../src/cli/account.js';
import type { MfaDevices } from '../../src/console/mfa-devices.js';

export interface RootCredentials {
  account: { id: string; name: string };
  root: { user_id: string; user_name: string; password: string; access_key_id: string; secret_access_key: string };
}

export interface TestServer {
  url: string;
  port: number;
  polyiam: Polyiam;
  app: FastifyInstance;
  /** the first account's root credentials, as `account create` prints them */
  root: RootCredentials;
  /** every log line the server wrote */
  logs: string[];
  createAccount(name: string, password?: string): Promise<RootCredentials>;
  close(): Promise<void>;
}

/** Cheap argon2id for tests that do not measure hashing: same algorithm and code path, less memory. */
export const testHasher = () => new Argon2idHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });

/**
 * A real polyiam on 127.0.0.1:0 with SQLite in memory (or the given overrides), test mode on, and one
 * account `acme` created. Logs are captured for the redaction tests.
 */
export async function startTestServer(overrides: Partial<Config> = {}, options: { realHasher?: boolean; consoleMfa?: MfaDevices; auditOff?: boolean } = {}): Promise<TestServer> {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const config: Config = { ...loadConfig({}), port: 0, sqliteFile: ':memory:', testMode: true, logLevel: 'info', accessLog: true, ...overrides };
  const logger = createLogger(config.logLevel, sink);
  const polyiam = await createPolyiam(config, { logger, ...(options.realHasher ? {} : { hasher: testHasher() }), ...(options.auditOff ? { auditOff: true } : {}) });
  const app = await buildServer(polyiam, { logger, ...(options.consoleMfa ? { consoleMfa: options.consoleMfa } : {}) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  const createAccount = async (name: string, password?: string) =>
    JSON.parse(credentialsJson(await polyiam.services.accounts.create(name, password ? new PlainPassword(password) : undefined))) as RootCredentials;
  const root = await createAccount('acme', 'AcmeRoot#2024');
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    polyiam,
    app,
    root,
    logs,
    createAccount,
    async close() {
      await app.close();
      await polyiam.close();
    },
  };
}
