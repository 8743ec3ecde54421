/**
 * Two polyiam nodes on one PostgreSQL database (POLYIAM_TEST_PG_URL): a token issued by one is valid on
 * the other (the token keys are shared, sealed, in the database), a revocation or a password change on
 * one is refused by the other soon after, and a key rotated in by one is learnt by the other.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it, type TestContext } from 'node:test';
import pino from 'pino';
import type { Polyiam } from '../../../src/app/polyiam.js';
import { PlainPassword } from '../../../src/core/secrets.js';
import { buildServer } from '../../../src/http/server.js';
import { eventually, openNode, scratchDatabase, type ScratchDatabase } from '../../support/nodes.js';
import type { TestServer } from '../../support/server.js';
import { requirePostgres } from '../../support/tools.js';
import { issueToken, passwordAuth, send } from './support.js';

interface Node {
  url: string;
  polyiam: Polyiam;
  close(): Promise<void>;
}

async function startNode(databaseUrl: string, masterKey: string): Promise<Node> {
  const polyiam = await openNode(databaseUrl, masterKey);
  const app = await buildServer(polyiam, { logger: pino({ level: 'silent' }) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    url,
    polyiam,
    async close() {
      await app.close();
      await polyiam.close();
    },
  };
}

describe('huawei-v3 tokens on PostgreSQL, two nodes', () => {
  let a: Node | undefined;
  let b: Node | undefined;
  /** what the support helpers need of a server: its url and the account's root credentials */
  let asA: TestServer;
  const name = `v3pg${randomBytes(4).toString('hex')}`;
  const password = 'PgRoot#2024pass';

  let database: ScratchDatabase | undefined;

  before(async () => {
    const adminUrl = process.env.POLYIAM_TEST_PG_URL;
    if (!adminUrl) return;
    database = await scratchDatabase(adminUrl, 'polyiam_v3');
    const masterKey = randomBytes(32).toString('base64');
    a = await startNode(database.url, masterKey);
    b = await startNode(database.url, masterKey);
    const created = await a.polyiam.services.accounts.create(name, new PlainPassword(password));
    asA = { url: a.url, root: { account: { id: created.account.id, name }, root: { user_id: created.root.id, user_name: name, password, access_key_id: '', secret_access_key: '' } } } as TestServer;
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  const onB = (token: string) => send({ url: b!.url } as TestServer, 'GET', '/v3/users', { token }).then((r) => r.status);

  it('a token from node A works on node B; A\'s revocation reaches B', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    const { token } = await issueToken(asA, name, password, name);
    assert.equal(await onB(token), 200);
    assert.equal((await send(asA, 'DELETE', '/v3/auth/tokens', { token, subject: token })).status, 204);
    assert.ok(await eventually(async () => (await onB(token)) === 401, 10_000), 'node B refuses the revoked token');
  });

  it('a password change on A ends the user\'s tokens on B', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    const root = (await issueToken(asA, name, password, name)).token;
    const user = await send(asA, 'POST', '/v3/users', { token: root, body: { user: { name: 'pguser', password: 'PgUser#2024a' } } });
    const userId = user.body.user!.id;
    await send(asA, 'PATCH', `/v3/users/${userId}`, { token: root, body: { user: { pwd_status: false } } });
    const signIn = await send(asA, 'POST', '/v3/auth/tokens', { body: passwordAuth({ id: userId, password: 'PgUser#2024a' }) });
    const token = signIn.headers.get('x-subject-token')!;
    const validOnB = async () => (await send({ url: b!.url } as TestServer, 'GET', '/v3/auth/tokens', { token, subject: token })).status;
    assert.equal(await validOnB(), 200);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const changed = await send(asA, 'POST', `/v3/users/${userId}/password`, { token, body: { user: { original_password: 'PgUser#2024a', password: 'PgUser#2024b' } } });
    assert.equal(changed.status, 204, changed.text);
    assert.ok(await eventually(async () => (await validOnB()) === 401, 10_000), 'node B refuses the token of the old password');
  });

  it('a key rotated in on A is learnt by B from the first token that names it', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    const rotation = await a!.polyiam.services.tokens.rotateKeys();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const { token } = await issueToken(asA, name, password, name);
    assert.equal(Buffer.from(token, 'base64url').subarray(1, 5).toString('hex'), rotation.primary);
    assert.equal(await onB(token), 200);
  });
});
