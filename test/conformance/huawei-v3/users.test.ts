import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemContext } from '../../../src/core/principal.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { createUser, expectError, issueToken, makeAdmin, PASSWORD_EXPIRY, rootToken, send } from './support.js';

describe('huawei-v3 users: /v3/users', () => {
  let server: TestServer;
  let root: string;
  let domainId: string;

  before(async () => {
    server = await startTestServer();
    root = await rootToken(server);
    domainId = server.root.account.id;
  });
  after(() => server.close());

  it('POST /v3/users as in the seed: 201 with the user, which must change its password first', async () => {
    const reply = await send(server, 'POST', '/v3/users', {
      token: root,
      body: { user: { name: 'IAMUser', domain_id: domainId, enabled: true, password: 'IAMPassword@', description: 'IAMDescription' } },
    });
    assert.equal(reply.status, 201, reply.text);
    const user = reply.body.user!;
    assert.match(user.id, /^[0-9a-f]{32}$/);
    assert.deepEqual(user, {
      id: user.id,
      name: 'IAMUser',
      domain_id: domainId,
      enabled: true,
      description: 'IAMDescription',
      password_expires_at: null,
      pwd_status: true,
      links: { self: `${server.url}/v3/users/${user.id}` },
    });
    const { body } = await issueToken(server, 'IAMUser', 'IAMPassword@');
    assert.equal(body.user.id, user.id);
    expectError(await send(server, 'GET', '/v3/users', { token: (await issueToken(server, 'IAMUser', 'IAMPassword@')).token }), 403, /must be changed/);
  });

  it('creates without a password, disabled, and defaults enabled to true', async () => {
    const plain = await send(server, 'POST', '/v3/users', { token: root, body: { user: { name: 'no password' } } });
    assert.equal(plain.status, 201);
    assert.equal(plain.body.user!.enabled, true);
    assert.equal(plain.body.user!.description, '');
    assert.equal(plain.body.user!.pwd_status, false);
    const disabled = await send(server, 'POST', '/v3/users', { token: root, body: { user: { name: 'off.user', enabled: false } } });
    assert.equal(disabled.body.user!.enabled, false);
  });

  it('refuses names the seed forbids, wrong types, a missing user and unknown fields with 400', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ user: { name: 'x'.repeat(33) } }, /`user.name`: must be at most 32 characters/],
      [{ user: { name: '1user' } }, /`user.name`: must hold only letters/],
      [{ user: { name: 'bad/name' } }, /`user.name`/],
      [{ user: { name: '' } }, /`user.name`: must be at least 1 characters/],
      [{ user: {} }, /`user.name` is a required property/],
      [{ name: 'flat' }, /`name`: is not a known field/],
      [{}, /`user` is a required property/],
      [{ user: 'alice' }, /`user`: must be a JSON object/],
      [{ user: { name: 'typed', enabled: 'yes' } }, /`user.enabled`: must be a boolean/],
      [{ user: { name: 'typed', password: 12345678 } }, /`user.password`: must be a string/],
      [{ user: { name: 'typed', email: 'a@b.c' } }, /`user.email`: is not a known field/],
      [[{ user: { name: 'arr' } }], /must be a JSON object/],
    ];
    for (const [body, message] of cases) expectError(await send(server, 'POST', '/v3/users', { token: root, body }), 400, message);
    expectError(await send(server, 'POST', '/v3/users', { token: root, body: '{"user": {"name": "x"' }), 400, /not valid JSON/);
    expectError(await send(server, 'POST', '/v3/users', { token: root }), 400, /a JSON body is required/);
  });

  it('refuses another account\'s domain_id with 403, a duplicate name with 409', async () => {
    const other = await server.createAccount('elsewhere', 'Elsewhere#2024');
    expectError(await send(server, 'POST', '/v3/users', { token: root, body: { user: { name: 'spy', domain_id: other.account.id } } }), 403);
    await createUser(server, root, 'dup');
    expectError(await send(server, 'POST', '/v3/users', { token: root, body: { user: { name: 'DUP' } } }), 409, /`DUP` already exists/);
  });

  it('checks the password against the account policy, naming every rule broken, and keeps no user behind', async () => {
    const reply = await send(server, 'POST', '/v3/users', { token: root, body: { user: { name: 'weakling', password: 'weakling' } } });
    expectError(reply, 400, /at least 2 of .*not the user name/);
    const listed = await send(server, 'GET', '/v3/users?name=weakling', { token: root });
    assert.deepEqual(listed.body.users, []);
  });

  it('GET /v3/users lists the account with Keystone filters and links', async () => {
    await createUser(server, root, 'lister1');
    await send(server, 'POST', '/v3/users', { token: root, body: { user: { name: 'lister2', enabled: false } } });
    const all = await send(server, 'GET', '/v3/users', { token: root });
    assert.equal(all.status, 200);
    assert.deepEqual(all.body.links, { self: `${server.url}/v3/users`, previous: null, next: null });
    const names = all.body.users!.map((u) => u.name);
    assert.ok(names.includes('acme') && names.includes('lister1') && names.includes('lister2'));
    assert.deepEqual((await send(server, 'GET', '/v3/users?name=LISTER1', { token: root })).body.users!.map((u) => u.name), ['lister1']);
    const disabled = await send(server, 'GET', `/v3/users?enabled=false&domain_id=${domainId}`, { token: root });
    assert.ok(disabled.body.users!.every((u) => !u.enabled) && disabled.body.users!.some((u) => u.name === 'lister2'));
    expectError(await send(server, 'GET', '/v3/users?enabled=maybe', { token: root }), 400, /`enabled`/);
    expectError(await send(server, 'GET', `/v3/users?domain_id=${'f'.repeat(32)}`, { token: root }), 403);
    expectError(await send(server, 'GET', '/v3/users?colour=blue', { token: root }), 400, /`colour`/);
  });

  it('filters on password_expires_at once the policy gives passwords a maximum age', async () => {
    const acct = server.root;
    await server.polyiam.services.passwordPolicy.update(systemContext(acct.account.id, acct.root.user_id, acct.root.user_name), { maxAgeDays: 30 });
    try {
      await createUser(server, root, 'expiring', 'Expiring#2024');
      const user = (await send(server, 'GET', '/v3/users?name=expiring', { token: root })).body.users![0]!;
      assert.match(user.password_expires_at!, PASSWORD_EXPIRY);
      const token = await issueToken(server, 'expiring', 'Expiring#2024');
      assert.equal(token.body.user.password_expires_at, user.password_expires_at);
      const soon = new Date(Date.parse(`${user.password_expires_at!}Z`) + 1000).toISOString().replace(/\.\d+Z$/, 'Z');
      const names = async (query: string) => (await send(server, 'GET', `/v3/users?password_expires_at=${query}`, { token: root })).body.users!.map((u) => u.name);
      assert.ok((await names(`lt:${soon}`)).includes('expiring'));
      assert.ok(!(await names(`gt:${soon}`)).includes('expiring'));
      expectError(await send(server, 'GET', '/v3/users?password_expires_at=soon', { token: root }), 400, /operator/);
    } finally {
      await server.polyiam.services.passwordPolicy.reset(systemContext(acct.account.id, acct.root.user_id, acct.root.user_name));
    }
  });

  it('GET, PATCH and DELETE /v3/users/{user_id}', async () => {
    const user = await createUser(server, root, 'patchme');
    const shown = await send(server, 'GET', `/v3/users/${user.id}`, { token: root });
    assert.equal(shown.status, 200);
    assert.deepEqual(shown.body.user, user);
    const patched = await send(server, 'PATCH', `/v3/users/${user.id}`, { token: root, body: { user: { name: 'patched', description: 'new', enabled: false } } });
    assert.equal(patched.status, 200, patched.text);
    assert.equal(patched.body.user!.name, 'patched');
    assert.equal(patched.body.user!.description, 'new');
    assert.equal(patched.body.user!.enabled, false);
    expectError(await send(server, 'PATCH', `/v3/users/${user.id}`, { token: root, body: { user: { name: 'acme' } } }), 409);
    expectError(await send(server, 'PATCH', `/v3/users/${user.id}`, { token: root, body: { user: { enabled: 'no' } } }), 400, /`user.enabled`/);
    expectError(await send(server, 'PATCH', `/v3/users/${user.id}`, { token: root, body: { user: { password: 'short' } } }), 400, /password policy/);
    expectError(await send(server, 'PATCH', `/v3/users/${user.id}`, { token: root, body: { user: { domain_id: 'f'.repeat(32) } } }), 403);
    expectError(await send(server, 'PATCH', `/v3/users/${server.root.root.user_id}`, { token: root, body: { user: { enabled: false } } }), 400, /root user cannot be disabled/);
    assert.equal((await send(server, 'DELETE', `/v3/users/${user.id}`, { token: root })).status, 204);
    expectError(await send(server, 'GET', `/v3/users/${user.id}`, { token: root }), 404, new RegExp(`could not find user \`${user.id}\``));
    expectError(await send(server, 'DELETE', `/v3/users/${user.id}`, { token: root }), 404);
    expectError(await send(server, 'DELETE', `/v3/users/${server.root.root.user_id}`, { token: root }), 409, /root-user/);
    expectError(await send(server, 'GET', '/v3/users/alice', { token: root }), 404);
  });

  it('POST /v3/users/{user_id}/password: the user changes its own password under the policy', async () => {
    const user = await createUser(server, root, 'changer', 'Changer#2024');
    const token = (await issueToken(server, 'changer', 'Changer#2024')).token;
    const change = (tokenValue: string, id: string, original: string, password: string) =>
      send(server, 'POST', `/v3/users/${id}/password`, { token: tokenValue, body: { user: { original_password: original, password } } });
    expectError(await change(token, user.id, 'Wrong#2024', 'Changer#2025'), 401, /original password is incorrect/);
    expectError(await change(token, user.id, 'Changer#2024', 'changer'), 400, /password policy/);
    expectError(await change(token, server.root.root.user_id, 'AcmeRoot#2024', 'Changer#2025'), 403, /only its own password/);
    expectError(await send(server, 'POST', `/v3/users/${user.id}/password`, { token, body: { user: { password: 'x' } } }), 400, /`user.original_password`/);
    assert.equal((await change(token, user.id, 'Changer#2024', 'Changer#2025')).status, 204);
    assert.equal((await send(server, 'POST', '/v3/auth/tokens', { body: { auth: { identity: { methods: ['password'], password: { user: { id: user.id, password: 'Changer#2025' } } } } } })).status, 201);
  });

  it('remembers old passwords when the policy prevents reuse', async () => {
    const acct = server.root;
    const system = systemContext(acct.account.id, acct.root.user_id, acct.root.user_name);
    await server.polyiam.services.passwordPolicy.update(system, { reusePrevention: 2 });
    try {
      const user = await createUser(server, root, 'reuser', 'Reuser#2024a');
      let token = (await issueToken(server, 'reuser', 'Reuser#2024a')).token;
      assert.equal((await send(server, 'POST', `/v3/users/${user.id}/password`, { token, body: { user: { original_password: 'Reuser#2024a', password: 'Reuser#2024b' } } })).status, 204);
      token = (await issueToken(server, 'reuser', 'Reuser#2024b')).token;
      const reused = await send(server, 'POST', `/v3/users/${user.id}/password`, { token, body: { user: { original_password: 'Reuser#2024b', password: 'Reuser#2024a' } } });
      expectError(reused, 400, /not one of the last 2 passwords/);
    } finally {
      await server.polyiam.services.passwordPolicy.reset(system);
    }
  });

  it('members of the admin group manage users; other users get 403; an administrator cannot take over the root', async () => {
    const helper = await createUser(server, root, 'helper', 'Helper#2024');
    const plainUser = await createUser(server, root, 'plainuser', 'Plain#2024user');
    const helperToken = (await issueToken(server, 'helper', 'Helper#2024')).token;
    const plainToken = (await issueToken(server, 'plainuser', 'Plain#2024user')).token;
    expectError(await send(server, 'GET', '/v3/users', { token: helperToken }), 403, /not authorized/);
    expectError(await send(server, 'POST', '/v3/users', { token: plainToken, body: { user: { name: 'nope' } } }), 403);
    expectError(await send(server, 'DELETE', `/v3/users/${helper.id}`, { token: plainToken }), 403);
    await makeAdmin(server, root, helper.id);
    assert.equal((await send(server, 'GET', '/v3/users', { token: helperToken })).status, 200);
    assert.equal((await send(server, 'POST', '/v3/users', { token: helperToken, body: { user: { name: 'made by helper' } } })).status, 201);
    assert.equal((await send(server, 'PATCH', `/v3/users/${plainUser.id}`, { token: helperToken, body: { user: { description: 'x' } } })).status, 200);
    expectError(await send(server, 'PATCH', `/v3/users/${server.root.root.user_id}`, { token: helperToken, body: { user: { password: 'Hijack#2024pw' } } }), 403);
    assert.equal((await send(server, 'GET', `/v3/users/${server.root.root.user_id}`, { token: helperToken })).status, 200);
  });
});
