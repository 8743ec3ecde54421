/**
 * Keystone projects, grants and project-scoped tokens over raw HTTP, for the refusals no client
 * provokes on purpose: the validation message, 404s, a grant of an unknown role, a disabled project.
 * @see #16
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../support/server.js';
import { createUser, expectError, passwordAuth, rootToken, send } from './support.js';

describe('huawei-v3 Keystone projects and grants: refusals', () => {
  let server: TestServer;
  let root: string;

  before(async () => {
    server = await startTestServer();
    root = await rootToken(server);
  });
  after(() => server.close());

  const project = async (name: string, extra: Record<string, unknown> = {}) => {
    const reply = await send(server, 'POST', '/v3/projects', { token: root, body: { project: { name, ...extra } } });
    assert.equal(reply.status, 201, reply.text);
    return (reply.body.project as { id: string }).id;
  };

  it('validates names, tags and the domain in Keystone envelopes', async () => {
    expectError(await send(server, 'POST', '/v3/projects', { token: root, body: { project: { name: '   ' } } }), 400, /`project\.name`: must not be only white space/);
    expectError(await send(server, 'POST', '/v3/projects', { token: root, body: { project: {} } }), 400, /`project\.name` is a required property/);
    expectError(await send(server, 'POST', '/v3/projects', { token: root, body: { project: { name: 't', tags: ['a/b'] } } }), 400, /must not contain `,` or `\/`/);
    expectError(await send(server, 'POST', '/v3/projects', { token: root, body: { project: { name: 'd', domain_id: 'f'.repeat(32) } } }), 403);
    expectError(await send(server, 'POST', '/v3/projects', { token: root, body: { project: { name: 'd', is_domain: true } } }), 403);
    expectError(await send(server, 'GET', `/v3/projects/${'0'.repeat(32)}`, { token: root }), 404, /could not find project/);
  });

  it('refuses to delete a project with sub-projects, then deletes it with its grants', async () => {
    const parent = await project('parent');
    const child = await project('child', { parent_id: parent });
    expectError(await send(server, 'DELETE', `/v3/projects/${parent}`, { token: root }), 409, /still has projects/);
    assert.equal((await send(server, 'DELETE', `/v3/projects/${child}`, { token: root })).status, 204);
    assert.equal((await send(server, 'DELETE', `/v3/projects/${parent}`, { token: root })).status, 204);
  });

  it('grants: unknown role or user is 404; a token scoped to a project dies when the project is disabled', async () => {
    const id = await project('scoped');
    const user = await createUser(server, root, 'fay', 'Fay#2024pass!');
    expectError(await send(server, 'PUT', `/v3/projects/${id}/users/${user.id}/roles/${'0'.repeat(32)}`, { token: root }), 404, /could not find role/);
    expectError(await send(server, 'PUT', `/v3/projects/${id}/users/${'0'.repeat(32)}/roles/317cc55c01149f0049ff36456fafd2a3`, { token: root }), 404, /could not find user/);
    const scope = { project: { id } };
    const auth = passwordAuth({ name: 'fay', password: 'Fay#2024pass!', domain: { name: 'acme' } }, scope);
    expectError(await send(server, 'POST', '/v3/auth/tokens', { body: auth }), 401, /no access to project/);
    assert.equal((await send(server, 'PUT', `/v3/projects/${id}/users/${user.id}/roles/317cc55c01149f0049ff36456fafd2a3`, { token: root })).status, 204);
    const issued = await send(server, 'POST', '/v3/auth/tokens', { body: auth });
    assert.equal(issued.status, 201, issued.text);
    const token = issued.headers.get('x-subject-token')!;
    assert.deepEqual(issued.body.token!.roles.map((r) => r.name).sort(), ['member', 'reader']);
    assert.equal((await send(server, 'GET', '/v3/auth/tokens', { token: root, subject: token })).status, 200);
    assert.equal((await send(server, 'PATCH', `/v3/projects/${id}`, { token: root, body: { project: { enabled: false } } })).status, 200);
    expectError(await send(server, 'GET', '/v3/auth/tokens', { token: root, subject: token }), 404);
    expectError(await send(server, 'POST', '/v3/auth/tokens', { body: auth }), 401);
  });

  it('a domain grant of reader lets a user read IAM through the evaluator; revoking it takes that away', async () => {
    const user = await createUser(server, root, 'gus', 'Gus#2024pass!');
    const own = async () => (await send(server, 'POST', '/v3/auth/tokens', { body: passwordAuth({ name: 'gus', password: 'Gus#2024pass!', domain: { name: 'acme' } }, { domain: { name: 'acme' } }) })).headers.get('x-subject-token')!;
    expectError(await send(server, 'GET', '/v3/users', { token: await own() }), 403);
    const domain = server.root.account.id;
    assert.equal((await send(server, 'PUT', `/v3/domains/${domain}/users/${user.id}/roles/1a84de4ba68b46c20481b1b954d6b23a`, { token: root })).status, 204);
    assert.equal((await send(server, 'GET', '/v3/users', { token: await own() })).status, 200);
    expectError(await send(server, 'POST', '/v3/projects', { token: await own(), body: { project: { name: 'nope' } } }), 403);
    assert.equal((await send(server, 'DELETE', `/v3/domains/${domain}/users/${user.id}/roles/1a84de4ba68b46c20481b1b954d6b23a`, { token: root })).status, 204);
    expectError(await send(server, 'GET', '/v3/users', { token: await own() }), 403);
  });
});
