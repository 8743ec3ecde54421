import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../support/server.js';
import { createUser, expectError, issueToken, KEYSTONE_TIME, makeAdmin, passwordAuth, rootToken, send } from './support.js';

const HOUR = 3_600_000;

describe('huawei-v3 tokens: POST/GET/HEAD/DELETE /v3/auth/tokens', () => {
  let server: TestServer;
  let domainId: string;

  before(async () => {
    server = await startTestServer();
    domainId = server.root.account.id;
  });
  after(() => server.close());

  it('issues a domain-scoped token: 201, X-Subject-Token, the Keystone body with catalog and roles', async () => {
    const reply = await send(server, 'POST', '/v3/auth/tokens', {
      body: passwordAuth({ name: 'acme', password: 'AcmeRoot#2024', domain: { name: 'acme' } }, { domain: { name: 'acme' } }),
    });
    assert.equal(reply.status, 201);
    const token = reply.headers.get('x-subject-token')!;
    assert.match(token, /^[A-Za-z0-9_-]{100,200}$/);
    assert.ok(!reply.text.includes(token), 'the token is in the header only');
    const body = reply.body.token!;
    assert.deepEqual(body.methods, ['password']);
    assert.deepEqual(body.user, { id: server.root.root.user_id, name: 'acme', domain: { id: domainId, name: 'acme' }, password_expires_at: null });
    assert.deepEqual(body.domain, { id: domainId, name: 'acme' });
    assert.deepEqual(body.roles.map((r) => r.name).sort(), ['admin', 'member', 'reader', 'secu_admin']);
    assert.match(body.issued_at, KEYSTONE_TIME);
    assert.equal(Date.parse(body.expires_at) - Date.parse(body.issued_at), 24 * HOUR, 'default lifetime 24 h');
    assert.equal(body.audit_ids.length, 1);
    const identity = body.catalog!.find((s) => s.type === 'identity')!;
    assert.deepEqual(identity.endpoints.map((e) => e.interface).sort(), ['admin', 'internal', 'public']);
    assert.ok(identity.endpoints.every((e) => e.url === `${server.url}/v3`));
  });

  it('signs in by domain id, by user id, unscoped, and leaves the catalog out on nocatalog', async () => {
    const byDomainId = await send(server, 'POST', '/v3/auth/tokens', { body: passwordAuth({ name: 'acme', password: 'AcmeRoot#2024', domain: { id: domainId } }, { domain: { id: domainId } }) });
    assert.equal(byDomainId.status, 201);
    const byUserId = await send(server, 'POST', '/v3/auth/tokens?nocatalog=true', { body: passwordAuth({ id: server.root.root.user_id, password: 'AcmeRoot#2024' }) });
    assert.equal(byUserId.status, 201);
    assert.equal(byUserId.body.token!.catalog, undefined);
    assert.equal(byUserId.body.token!.domain, undefined, 'unscoped');
    assert.equal(byUserId.body.token!.roles, undefined, 'Keystone leaves roles out of an unscoped token');
    const explicit = await send(server, 'POST', '/v3/auth/tokens', { body: passwordAuth({ id: server.root.root.user_id, password: 'AcmeRoot#2024' }, 'unscoped') });
    assert.equal(explicit.status, 201);
    assert.equal(explicit.body.token!.domain, undefined);
  });

  it('answers every failed sign-in with the same 401, and never echoes the password', async () => {
    const attempts = [
      passwordAuth({ name: 'acme', password: 'wrong-password', domain: { name: 'acme' } }),
      passwordAuth({ name: 'nobody', password: 'AcmeRoot#2024', domain: { name: 'acme' } }),
      passwordAuth({ name: 'acme', password: 'AcmeRoot#2024', domain: { name: 'no-such-domain' } }),
      passwordAuth({ id: 'f'.repeat(32), password: 'AcmeRoot#2024' }),
    ];
    const messages = new Set<string>();
    for (const body of attempts) {
      const reply = await send(server, 'POST', '/v3/auth/tokens', { body });
      expectError(reply, 401);
      assert.equal(reply.body.error!.title, 'Unauthorized');
      assert.ok(!reply.text.includes('AcmeRoot#2024') && !reply.text.includes('wrong-password'));
      assert.equal(reply.headers.get('x-subject-token'), null);
      messages.add(reply.body.error!.message);
    }
    assert.equal(messages.size, 1);
  });

  it('refuses a scope the user has no access to (401) and scopes polyiam does not have (400)', async () => {
    await server.createAccount('scopes', 'ScopesRoot#2024');
    expectError(await send(server, 'POST', '/v3/auth/tokens', { body: passwordAuth({ name: 'acme', password: 'AcmeRoot#2024', domain: { name: 'acme' } }, { domain: { name: 'scopes' } }) }), 401, /no access to domain `scopes`/);
    expectError(await send(server, 'POST', '/v3/auth/tokens', { body: passwordAuth({ name: 'acme', password: 'AcmeRoot#2024', domain: { name: 'acme' } }, { project: { name: 'cn-north-4' } }) }), 400, /`auth\.scope\.project\.domain` is a required property/);
  });

  it('refuses malformed sign-in requests with 400s that name the field', async () => {
    const cases: Array<[unknown, RegExp]> = [
      ['{"auth":', /not valid JSON/],
      [{}, /`auth` is a required property/],
      [{ auth: { identity: { password: {} } } }, /`auth.identity.methods` is a required property/],
      [{ auth: { identity: { methods: ['totp'] } } }, /`auth.identity.methods`/],
      [{ auth: { identity: { methods: 'password' } } }, /`auth.identity.methods`: must be an array/],
      [{ auth: { identity: { methods: ['password'], password: { user: { name: 'acme', password: 'x' } } } } }, /`auth.identity.password.user.domain`/],
      [{ auth: { identity: { methods: ['password'], password: { user: { name: 'acme', password: 42, domain: { name: 'acme' } } } } } }, /`auth.identity.password.user.password`: must be a string/],
      [{ auth: { identity: { methods: ['token'], token: {} } } }, /`auth.identity.token.id`/],
    ];
    for (const [body, message] of cases) expectError(await send(server, 'POST', '/v3/auth/tokens', { body }), 400, message);
  });

  it('locks a user out after five wrong passwords, then lets it in when the lock ends', async () => {
    const root = await rootToken(server);
    await createUser(server, root, 'locky', 'Locky#2024pw');
    const attempt = (password: string) => send(server, 'POST', '/v3/auth/tokens', { body: passwordAuth({ name: 'locky', password, domain: { name: 'acme' } }) });
    for (let i = 0; i < 5; i++) expectError(await attempt('Wrong#2024pw'), 401);
    expectError(await attempt('Locky#2024pw'), 401);
    server.polyiam.testClock!.advance(15 * 60_000);
    assert.equal((await attempt('Locky#2024pw')).status, 201);
  });

  it('validates (GET, HEAD) and revokes (DELETE) a token; a revoked token authenticates nothing', async () => {
    const root = await rootToken(server);
    const { token } = await issueToken(server, 'acme', 'AcmeRoot#2024');
    const got = await send(server, 'GET', '/v3/auth/tokens', { token: root, subject: token });
    assert.equal(got.status, 200);
    assert.equal(got.headers.get('x-subject-token'), token);
    assert.equal(got.body.token!.user.name, 'acme');
    assert.equal((await send(server, 'HEAD', '/v3/auth/tokens', { token: root, subject: token })).status, 200);
    assert.equal((await send(server, 'DELETE', '/v3/auth/tokens', { token: root, subject: token })).status, 204);
    expectError(await send(server, 'GET', '/v3/auth/tokens', { token: root, subject: token }), 404, /could not find the token/);
    assert.equal((await send(server, 'HEAD', '/v3/auth/tokens', { token: root, subject: token })).status, 404);
    expectError(await send(server, 'DELETE', '/v3/auth/tokens', { token: root, subject: token }), 404);
    expectError(await send(server, 'GET', '/v3/users', { token }), 401);
    expectError(await send(server, 'GET', '/v3/auth/tokens', { token: root }), 400, /`X-Subject-Token` is a required property/);
    expectError(await send(server, 'GET', '/v3/auth/tokens', { subject: root }), 401);
  });

  it('re-scopes with the token method without extending the lifetime', async () => {
    const unscoped = await send(server, 'POST', '/v3/auth/tokens', { body: passwordAuth({ id: server.root.root.user_id, password: 'AcmeRoot#2024' }) });
    const first = unscoped.headers.get('x-subject-token')!;
    server.polyiam.testClock!.advance(60_000);
    const rescoped = await send(server, 'POST', '/v3/auth/tokens', { body: { auth: { identity: { methods: ['token'], token: { id: first } }, scope: { domain: { id: domainId } } } } });
    assert.equal(rescoped.status, 201, rescoped.text);
    assert.deepEqual(rescoped.body.token!.methods, ['token', 'password']);
    assert.deepEqual(rescoped.body.token!.domain, { id: domainId, name: 'acme' });
    assert.equal(rescoped.body.token!.expires_at, unscoped.body.token!.expires_at);
    assert.notEqual(rescoped.headers.get('x-subject-token'), first);
    expectError(await send(server, 'POST', '/v3/auth/tokens', { body: { auth: { identity: { methods: ['token'], token: { id: 'not-a-token' } } } } }), 401);
  });

  it('refuses an expired, a tampered and a garbage token with 401', async () => {
    const { token } = await issueToken(server, 'acme', 'AcmeRoot#2024');
    const raw = Buffer.from(token, 'base64url');
    raw[raw.length - 20] = raw[raw.length - 20]! ^ 0x40;
    expectError(await send(server, 'GET', '/v3/users', { token: raw.toString('base64url') }), 401);
    expectError(await send(server, 'GET', '/v3/users', { token: 'MIIgarbage' }), 401);
    expectError(await send(server, 'GET', '/v3/users', { token: '' }), 401);
    assert.equal((await send(server, 'GET', '/v3/users', { token })).status, 200);
    server.polyiam.testClock!.advance(24 * HOUR);
    const expired = await send(server, 'GET', '/v3/users', { token });
    expectError(expired, 401, /requires authentication/);
    assert.match(expired.headers.get('www-authenticate') ?? '', /^Keystone uri=/);
  });

  it('a token dies when its user is disabled, deleted, or its password changes', async () => {
    const root = await rootToken(server);
    const dave = await createUser(server, root, 'dave', 'Dave#2024pass');
    const daveToken = async () => (await issueToken(server, 'dave', 'Dave#2024pass')).token;
    const works = async (token: string) => (await send(server, 'GET', '/v3/auth/tokens', { token, subject: token })).status === 200;

    const t1 = await daveToken();
    assert.ok(await works(t1));
    await send(server, 'PATCH', `/v3/users/${dave.id}`, { token: root, body: { user: { enabled: false } } });
    assert.ok(!(await works(t1)), 'disabled');
    await send(server, 'PATCH', `/v3/users/${dave.id}`, { token: root, body: { user: { enabled: true } } });

    const t2 = await daveToken();
    server.polyiam.testClock!.advance(1);
    const changed = await send(server, 'POST', `/v3/users/${dave.id}/password`, { token: t2, body: { user: { original_password: 'Dave#2024pass', password: 'Dave#2025pass' } } });
    assert.equal(changed.status, 204, changed.text);
    assert.ok(!(await works(t2)), 'own password changed');

    const t3 = (await issueToken(server, 'dave', 'Dave#2025pass')).token;
    server.polyiam.testClock!.advance(1);
    await send(server, 'PATCH', `/v3/users/${dave.id}`, { token: root, body: { user: { password: 'Dave#2026pass', pwd_status: false } } });
    assert.ok(!(await works(t3)), 'password reset by an administrator');

    const t4 = (await issueToken(server, 'dave', 'Dave#2026pass')).token;
    assert.equal((await send(server, 'DELETE', `/v3/users/${dave.id}`, { token: root })).status, 204);
    assert.ok(!(await works(t4)), 'deleted');
  });

  it('a user whose password must be changed gets a token good only for changing it', async () => {
    const root = await rootToken(server);
    const created = await send(server, 'POST', '/v3/users', { token: root, body: { user: { name: 'erin', password: 'Erin#2024temp' } } });
    const erin = created.body.user!;
    assert.equal(erin.pwd_status, true);
    const { token } = await issueToken(server, 'erin', 'Erin#2024temp');
    expectError(await send(server, 'GET', `/v3/users/${erin.id}`, { token }), 403, /must be changed/);
    assert.equal((await send(server, 'GET', '/v3/auth/tokens', { token, subject: token })).status, 200);
    const changed = await send(server, 'POST', `/v3/users/${erin.id}/password`, { token, body: { user: { original_password: 'Erin#2024temp', password: 'Erin#2024mine' } } });
    assert.equal(changed.status, 204, changed.text);
    const fresh = await issueToken(server, 'erin', 'Erin#2024mine');
    const self = await send(server, 'GET', `/v3/users/${erin.id}`, { token: fresh.token });
    assert.equal(self.status, 200, 'a user may read itself');
    assert.equal(self.body.user!.name, 'erin');
  });

  it('only the holder or an administrator of its account may validate or revoke a token', async () => {
    const root = await rootToken(server);
    await server.createAccount('other', 'OtherRoot#2024');
    const frank = await createUser(server, root, 'frank', 'Frank#2024pw');
    const gina = await createUser(server, root, 'gina', 'Gina#2024pw');
    const frankToken = (await issueToken(server, 'frank', 'Frank#2024pw')).token;
    const ginaToken = (await issueToken(server, 'gina', 'Gina#2024pw')).token;
    expectError(await send(server, 'GET', '/v3/auth/tokens', { token: ginaToken, subject: frankToken }), 403);
    expectError(await send(server, 'DELETE', '/v3/auth/tokens', { token: ginaToken, subject: frankToken }), 403);
    await makeAdmin(server, root, gina.id);
    assert.equal((await send(server, 'GET', '/v3/auth/tokens', { token: ginaToken, subject: frankToken })).status, 200);
    expectError(await send(server, 'DELETE', '/v3/auth/tokens', { token: ginaToken, subject: root }), 403, /root|not authorized/);
    const other = await issueToken(server, 'other', 'OtherRoot#2024', 'other');
    expectError(await send(server, 'GET', '/v3/auth/tokens', { token: other.token, subject: frankToken }), 404, /could not find the token/);
    assert.equal((await send(server, 'DELETE', '/v3/auth/tokens', { token: frankToken, subject: frankToken })).status, 204);
    assert.ok(frank.id);
  });

  it('keeps old tokens valid across a key rotation; new tokens use the new key', async () => {
    const before = (await issueToken(server, 'acme', 'AcmeRoot#2024')).token;
    const rotation = await server.polyiam.services.tokens.rotateKeys();
    const afterRotation = (await issueToken(server, 'acme', 'AcmeRoot#2024')).token;
    const keyOf = (token: string) => Buffer.from(token, 'base64url').subarray(1, 5).toString('hex');
    assert.equal(keyOf(afterRotation), rotation.primary);
    assert.notEqual(keyOf(before), rotation.primary);
    assert.equal((await send(server, 'GET', '/v3/users', { token: before })).status, 200);
    assert.equal((await send(server, 'GET', '/v3/users', { token: afterRotation })).status, 200);
  });
});
