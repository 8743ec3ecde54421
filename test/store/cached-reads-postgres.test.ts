/**
 * Two polyiam nodes on one PostgreSQL database (POLYIAM_TEST_PG_URL): each serves users, login profiles
 * and password policies from its read cache (core/caching), and a change made on one node reaches the
 * other's cache through the change log; a credential check never waits for that.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it, type TestContext } from 'node:test';
import pg from 'pg';
import pino from 'pino';
import { createPolyiam, type Polyiam } from '../../src/app/polyiam.js';
import { loadConfig } from '../../src/config/config.js';
import { systemContext, type CallContext } from '../../src/core/principal.js';
import { PlainPassword } from '../../src/core/secrets.js';
import { testHasher } from '../support/server.js';
import { requirePostgres } from '../support/tools.js';

const open = (databaseUrl: string, masterKey: string) =>
  createPolyiam({ ...loadConfig({}), databaseUrl, masterKey, logLevel: 'silent', testMode: false }, { logger: pino({ level: 'silent' }), hasher: testHasher() });

async function onServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Polls until `probe` is true: another node learns a change within the relay's poll interval. */
async function eventually(probe: () => Promise<boolean>, withinMs: number): Promise<boolean> {
  const end = Date.now() + withinMs;
  while (Date.now() < end) {
    if (await probe()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return probe();
}

describe('read caches on PostgreSQL, two nodes', () => {
  let a: Polyiam | undefined;
  let b: Polyiam | undefined;
  let root: CallContext;

  let dropDatabase: (() => Promise<void>) | undefined;

  before(async () => {
    const adminUrl = process.env.POLYIAM_TEST_PG_URL;
    if (!adminUrl) return;
    // a database of its own: what other suites sealed there is under other master keys
    const database = `polyiam_cache_${randomBytes(4).toString('hex')}`;
    await onServer(adminUrl, `CREATE DATABASE ${database}`);
    dropDatabase = () => onServer(adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    const url = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
    const masterKey = randomBytes(32).toString('base64');
    a = await open(url, masterKey);
    b = await open(url, masterKey);
    const created = await a.services.accounts.create(`cache${randomBytes(4).toString('hex')}`, new PlainPassword('CacheRoot#2024'));
    root = systemContext(created.account.id, created.root.id, created.root.name);
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await dropDatabase?.();
  });

  it('a login profile and password policy changed on A are read anew on B', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    const user = await a!.services.users.create(root, { name: 'cached-reader' });
    await a!.services.loginProfiles.create(root, { id: user.id }, { password: new PlainPassword('Cached#Pass1'), passwordResetRequired: false });
    // B reads (and caches) the user, the profile and the account's policy
    assert.equal((await b!.services.loginProfiles.get(root, { id: user.id })).passwordResetRequired, false);
    assert.equal((await b!.services.loginProfiles.get(root, { id: user.id })).passwordExpiresAt, null);

    await a!.services.loginProfiles.update(root, { id: user.id }, { passwordResetRequired: true });
    await a!.services.passwordPolicy.update(root, { maxAgeDays: 30 });
    await a!.services.users.update(root, { id: user.id }, { newName: 'cached-reader-renamed' });

    assert.ok(await eventually(async () => (await b!.services.loginProfiles.get(root, { id: user.id })).passwordResetRequired, 5_000), 'B sees the reset flag');
    assert.ok(await eventually(async () => (await b!.services.loginProfiles.get(root, { id: user.id })).passwordExpiresAt !== null, 5_000), 'B applies the new max age');
    assert.ok(await eventually(() => b!.services.users.get(root, { name: 'cached-reader-renamed' }).then((u) => u.id === user.id, () => false), 5_000), 'B finds the new name');
  });

  it('a password changed on A signs in on B at once, and the old one no longer does', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    const user = await a!.services.users.create(root, { name: 'cached-signer' });
    await a!.services.loginProfiles.create(root, { id: user.id }, { password: new PlainPassword('Cached#Old1'), passwordResetRequired: false });
    const signIn = (node: Polyiam, password: string) =>
      node.services.credentials.signIn({ accountId: root.principal.accountId, user: { name: 'cached-signer' }, password: new PlainPassword(password), sourceIp: null });
    assert.equal((await signIn(b!, 'Cached#Old1')).outcome, 'ok');
    await b!.services.loginProfiles.get(root, { id: user.id });

    await a!.services.loginProfiles.update(root, { id: user.id }, { password: new PlainPassword('Cached#New1') });
    assert.equal((await signIn(b!, 'Cached#New1')).outcome, 'ok');
    assert.equal((await signIn(b!, 'Cached#Old1')).outcome, 'bad-credentials');
  });
});
