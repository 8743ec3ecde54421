/**
 * POLYIAM_V3_RULES=keystone: /v3 users by Keystone's rules, as OpenStack tooling (tempest's dynamic
 * credentials) creates them.
 * @see #16
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../support/server.js';
import { expectError, issueToken, rootToken, send } from './support.js';

describe('huawei-v3 with Keystone user rules', () => {
  let server: TestServer;
  let root: string;

  before(async () => {
    server = await startTestServer({ v3Rules: 'keystone' });
    root = await rootToken(server);
  });
  after(() => server.close());

  it('long names, email and default_project_id are kept; the given password signs in at once', async () => {
    const project = (await send(server, 'POST', '/v3/projects', { token: root, body: { project: { name: 'home' } } })).body.project as { id: string };
    const name = 'tempest-ProjectsNegativeStaticTestJSON-1234567890-user';
    const made = await send(server, 'POST', '/v3/users', { token: root, body: { user: { name, password: 'Long#2024pass!', email: 'long@example.com', default_project_id: project.id } } });
    assert.equal(made.status, 201, made.text);
    assert.equal(made.body.user!.email, 'long@example.com');
    assert.equal(made.body.user!.default_project_id, project.id);
    assert.equal(made.body.user!.pwd_status, false);
    const { body } = await issueToken(server, name, 'Long#2024pass!');
    assert.equal(body.user.name, name);
    const shown = await send(server, 'GET', `/v3/users/${made.body.user!.id}`, { token: root });
    assert.equal(shown.body.user!.email, 'long@example.com');
    const cleared = await send(server, 'PATCH', `/v3/users/${made.body.user!.id}`, { token: root, body: { user: { default_project_id: null, email: 'new@example.com' } } });
    assert.equal(cleared.body.user!.default_project_id, undefined);
    assert.equal(cleared.body.user!.email, 'new@example.com');
    expectError(await send(server, 'POST', '/v3/users', { token: root, body: { user: { name: 'x'.repeat(256) } } }), 400, /at most 255 characters/);
    expectError(await send(server, 'POST', '/v3/users', { token: root, body: { user: { name: 'nohome', default_project_id: 'f'.repeat(32) } } }), 400, /does not exist/);
  });
});
