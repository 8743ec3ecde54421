import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../support/server.js';
import { createUser, expectError, issueToken, makeAdmin, rootToken, send, type WireGroup } from './support.js';

describe('huawei-v3 groups: /v3/groups and membership', () => {
  let server: TestServer;
  let root: string;
  let domainId: string;

  before(async () => {
    server = await startTestServer();
    root = await rootToken(server);
    domainId = server.root.account.id;
  });
  after(() => server.close());

  const createGroup = async (name: string, description?: string): Promise<WireGroup> => {
    const reply = await send(server, 'POST', '/v3/groups', { token: root, body: { group: { name, domain_id: domainId, ...(description ? { description } : {}) } } });
    assert.equal(reply.status, 201, reply.text);
    return reply.body.group!;
  };

  it('every account starts with its admin group', async () => {
    const listed = await send(server, 'GET', '/v3/groups', { token: root });
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.groups!.map((g) => g.name), ['admin']);
    assert.deepEqual(listed.body.links, { self: `${server.url}/v3/groups`, previous: null, next: null });
  });

  it('creates, shows, lists by name, updates and deletes a group', async () => {
    const group = await createGroup('devs', 'developers');
    assert.deepEqual(group, {
      id: group.id,
      name: 'devs',
      description: 'developers',
      domain_id: domainId,
      create_time: group.create_time,
      links: { self: `${server.url}/v3/groups/${group.id}` },
    });
    assert.equal(typeof group.create_time, 'number');
    assert.deepEqual((await send(server, 'GET', `/v3/groups/${group.id}`, { token: root })).body.group, group);
    assert.deepEqual((await send(server, 'GET', '/v3/groups?name=DEVS', { token: root })).body.groups!.map((g) => g.id), [group.id]);
    const patched = await send(server, 'PATCH', `/v3/groups/${group.id}`, { token: root, body: { group: { name: 'developers', description: '' } } });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.group!.name, 'developers');
    assert.equal(patched.body.group!.description, '');
    assert.equal((await send(server, 'DELETE', `/v3/groups/${group.id}`, { token: root })).status, 204);
    expectError(await send(server, 'GET', `/v3/groups/${group.id}`, { token: root }), 404, /could not find group/);
  });

  it('refuses bad input (400), a duplicate name (409), another domain (403), and changes to the admin group', async () => {
    await createGroup('ops');
    expectError(await send(server, 'POST', '/v3/groups', { token: root, body: { group: { name: 'OPS' } } }), 409, /already exists/);
    expectError(await send(server, 'POST', '/v3/groups', { token: root, body: { group: {} } }), 400, /`group.name` is a required property/);
    expectError(await send(server, 'POST', '/v3/groups', { token: root, body: { group: { name: 'g'.repeat(65) } } }), 400, /`group.name`/);
    expectError(await send(server, 'POST', '/v3/groups', { token: root, body: { group: { name: 'x', description: 7 } } }), 400, /`group.description`: must be a string/);
    expectError(await send(server, 'POST', '/v3/groups', { token: root, body: { name: 'x' } }), 400);
    expectError(await send(server, 'POST', '/v3/groups', { token: root, body: { group: { name: 'x', domain_id: 'f'.repeat(32) } } }), 403);
    const admin = (await send(server, 'GET', '/v3/groups?name=admin', { token: root })).body.groups![0]!;
    expectError(await send(server, 'DELETE', `/v3/groups/${admin.id}`, { token: root }), 400, /`admin` group cannot be deleted/);
    expectError(await send(server, 'PATCH', `/v3/groups/${admin.id}`, { token: root, body: { group: { name: 'admins' } } }), 400, /cannot be renamed/);
  });

  it('PUT, HEAD and DELETE /v3/groups/{group_id}/users/{user_id}, and both membership listings', async () => {
    const group = await createGroup('members');
    const alice = await createUser(server, root, 'alice');
    const bob = await createUser(server, root, 'bob');
    const member = (user: string) => `/v3/groups/${group.id}/users/${user}`;
    assert.equal((await send(server, 'PUT', member(alice.id), { token: root })).status, 204);
    assert.equal((await send(server, 'PUT', member(alice.id), { token: root })).status, 204, 'idempotent');
    assert.equal((await send(server, 'HEAD', member(alice.id), { token: root })).status, 204);
    assert.equal((await send(server, 'HEAD', member(bob.id), { token: root })).status, 404);
    const users = await send(server, 'GET', `/v3/groups/${group.id}/users`, { token: root });
    assert.deepEqual(users.body.users!.map((u) => u.name), ['alice']);
    assert.equal(users.body.links!.self, `${server.url}/v3/groups/${group.id}/users`);
    const groups = await send(server, 'GET', `/v3/users/${alice.id}/groups`, { token: root });
    assert.deepEqual(groups.body.groups!.map((g) => g.name), ['members']);
    assert.equal((await send(server, 'DELETE', member(alice.id), { token: root })).status, 204);
    expectError(await send(server, 'DELETE', member(alice.id), { token: root }), 404);
    expectError(await send(server, 'PUT', member('f'.repeat(32)), { token: root }), 404, /could not find user/);
    expectError(await send(server, 'PUT', `/v3/groups/${'f'.repeat(32)}/users/${alice.id}`, { token: root }), 404, /could not find group/);
    expectError(await send(server, 'GET', `/v3/users/${'f'.repeat(32)}/groups`, { token: root }), 404);
  });

  it('deleting a group or a user removes the memberships', async () => {
    const group = await createGroup('temporary');
    const carol = await createUser(server, root, 'carol');
    await send(server, 'PUT', `/v3/groups/${group.id}/users/${carol.id}`, { token: root });
    assert.equal((await send(server, 'DELETE', `/v3/groups/${group.id}`, { token: root })).status, 204);
    assert.deepEqual((await send(server, 'GET', `/v3/users/${carol.id}/groups`, { token: root })).body.groups, []);
    const kept = await createGroup('kept');
    await send(server, 'PUT', `/v3/groups/${kept.id}/users/${carol.id}`, { token: root });
    await send(server, 'DELETE', `/v3/users/${carol.id}`, { token: root });
    assert.deepEqual((await send(server, 'GET', `/v3/groups/${kept.id}/users`, { token: root })).body.users, []);
  });

  it('admin group members hold Security Administrator rights; other users get 403 on group management', async () => {
    const dan = await createUser(server, root, 'dan', 'Dan#2024pass');
    const danToken = async () => (await issueToken(server, 'dan', 'Dan#2024pass')).token;
    let token = await danToken();
    expectError(await send(server, 'POST', '/v3/groups', { token, body: { group: { name: 'dans' } } }), 403);
    expectError(await send(server, 'GET', '/v3/groups', { token }), 403);
    expectError(await send(server, 'GET', `/v3/users/${dan.id}/groups`, { token }), 403);
    await makeAdmin(server, root, dan.id);
    // the account's administrators hold Keystone admin (and what it implies) beside Huawei's secu_admin (#16)
    assert.deepEqual((await issueToken(server, 'dan', 'Dan#2024pass')).body.roles.map((r) => r.name).sort(), ['admin', 'member', 'reader', 'secu_admin']);
    token = await danToken();
    const made = await send(server, 'POST', '/v3/groups', { token, body: { group: { name: 'dans' } } });
    assert.equal(made.status, 201);
    const admin = (await send(server, 'GET', '/v3/groups?name=admin', { token })).body.groups![0]!;
    assert.equal((await send(server, 'DELETE', `/v3/groups/${admin.id}/users/${dan.id}`, { token })).status, 204);
    expectError(await send(server, 'GET', '/v3/groups', { token }), 403, /not authorized/);
  });
});
