import pino from 'pino';
import { createPolyiam, type Polyiam } from '../../src/app/polyiam.js';
import { loadConfig } from '../../src/config/config.js';
import type { CreatedAccount } from '../../src/core/accounts/accounts-service.js';
import type { AdjustableClock } from '../../src/core/clock.js';
import { systemContext, type CallContext } from '../../src/core/principal.js';
import { PlainPassword } from '../../src/core/secrets.js';
import { testHasher } from './server.js';

export interface TestCore {
  polyiam: Polyiam;
  clock: AdjustableClock;
  account: CreatedAccount;
  /** the account root acting without a request */
  root: CallContext;
  close(): Promise<void>;
}

/** The composed core over SQLite in memory, with a movable clock and a cheap argon2id. */
export async function createTestCore(): Promise<TestCore> {
  const config = { ...loadConfig({}), sqliteFile: ':memory:', testMode: true };
  const polyiam = await createPolyiam(config, { logger: pino({ level: 'silent' }), hasher: testHasher() });
  const account = await polyiam.services.accounts.create('acme', new PlainPassword('AcmeRoot#2024'));
  return {
    polyiam,
    clock: polyiam.testClock!,
    account,
    root: systemContext(account.account.id, account.root.id, account.root.name),
    close: () => polyiam.close(),
  };
}

export const pw = (text: string) => new PlainPassword(text);
