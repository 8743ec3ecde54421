/**
 * The `openstack` CLI (python3-openstackclient 6.0) on Keystone `/v3/policies` (policy create from a
 * rules file, list with `--long`, show, set, delete) and OAuth1 consumers (consumer create, list, show,
 * set, delete: the secret shown by the create only). Then by hand what the CLI never sends: Keystone's
 * `type` filter, refusals in Keystone's envelope, accounts kept apart, the secret sealed at rest.
 * @see #16
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { startTestServer, type TestServer } from '../../support/server.js';
import { requireTool } from '../../support/tools.js';
import { expectError, issueToken, rootToken, send } from './support.js';

const OPENSTACK = existsSync('/usr/bin/openstack') ? '/usr/bin/openstack' : 'openstack';
const run = promisify(execFile);

type Row = Record<string, unknown>;

describe('openstack CLI: policies and OAuth1 consumers', () => {
  let server: TestServer;
  let token: string;
  const home = mkdtempSync(join(tmpdir(), 'polyiam-openstack-blobs-'));

  async function openstack(...args: string[]): Promise<string> {
    const domain = server.root.account.name;
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      OS_AUTH_TYPE: 'password',
      OS_AUTH_URL: `${server.url}/v3`,
      OS_IDENTITY_API_VERSION: '3',
      OS_USERNAME: server.root.root.user_name,
      OS_PASSWORD: server.root.root.password,
      OS_USER_DOMAIN_NAME: domain,
      OS_DOMAIN_NAME: domain,
      OS_REGION_NAME: 'RegionOne',
    };
    return (await run(OPENSTACK, args, { env, timeout: 120_000 })).stdout;
  }
  const json = async <T = Row>(...args: string[]) => JSON.parse(await openstack(...args, '-f', 'json')) as T;

  before(async () => {
    server = await startTestServer();
    token = await rootToken(server);
  });
  after(() => server.close());

  it('policy create/list/show/set/delete', async (t) => {
    if (!requireTool(t, OPENSTACK)) return;
    const rules = join(home, 'rules.json');
    writeFileSync(rules, JSON.stringify({ 'identity:list_users': 'role:admin' }));
    const made = await json('policy', 'create', '--type', 'application/json', rules);
    assert.equal(made.type, 'application/json');
    assert.deepEqual(JSON.parse(String(made.rules)), { 'identity:list_users': 'role:admin' });
    const listed = await json<Row[]>('policy', 'list', '--long');
    assert.deepEqual(listed.map((p) => p.ID), [made.id]);
    const changed = join(home, 'changed.json');
    writeFileSync(changed, '{"identity:get_user": ""}');
    await openstack('policy', 'set', '--type', 'text/plain', '--rules', changed, String(made.id));
    const shown = await json('policy', 'show', String(made.id));
    assert.equal(shown.type, 'text/plain');
    assert.equal(shown.rules, '{"identity:get_user": ""}');

    // Keystone's `type` filter, and its refusals, by hand
    const other = await send(server, 'POST', '/v3/policies', { token, body: { policy: { blob: 'x', type: 'application/yaml' } } });
    assert.equal(other.status, 201, other.text);
    const filtered = await send(server, 'GET', '/v3/policies?type=application%2Fyaml', { token });
    assert.deepEqual((filtered.body.policies as Row[]).map((p) => p.type), ['application/yaml']);
    expectError(await send(server, 'POST', '/v3/policies', { token, body: { policy: { type: 'a' } } }), 400, /`policy.blob` is a required property/);
    expectError(await send(server, 'POST', '/v3/policies', { token, body: { policy: { blob: 'x', type: 't'.repeat(256) } } }), 400, /policy.type/);
    expectError(await send(server, 'POST', '/v3/policies', { token, body: { policy: { blob: 'x'.repeat(65_537), type: 'a' } } }), 400, /policy.blob/);
    expectError(await send(server, 'POST', '/v3/policies', { token, body: { policy: { blob: 7, type: 'a' } } }), 400);
    expectError(await send(server, 'POST', '/v3/policies', { token, body: '[1]' }), 400);
    expectError(await send(server, 'PATCH', `/v3/policies/${String(made.id)}`, { token, body: { policy: {} } }), 400);
    expectError(await send(server, 'GET', '/v3/policies?colour=blue', { token }), 400);

    const tenant = await server.createAccount('policy-tenant', 'Tenant#Passw0rd1');
    const { token: tenantToken } = await issueToken(server, tenant.account.name, 'Tenant#Passw0rd1', tenant.account.name);
    expectError(await send(server, 'GET', `/v3/policies/${String(made.id)}`, { token: tenantToken }), 404);
    expectError(await send(server, 'DELETE', `/v3/policies/${String(made.id)}`, { token: tenantToken }), 404);
    assert.deepEqual((await send(server, 'GET', '/v3/policies', { token: tenantToken })).body.policies, []);

    await openstack('policy', 'delete', String(made.id), String((other.body.policy as Row).id));
    assert.deepEqual(await json('policy', 'list'), []);
    expectError(await send(server, 'GET', `/v3/policies/${String(made.id)}`, { token }), 404);
  });

  it('consumer create/list/show/set/delete; the secret only at creation, sealed at rest', async (t) => {
    if (!requireTool(t, OPENSTACK)) return;
    const made = await json('consumer', 'create', '--description', 'a test consumer');
    assert.equal(made.description, 'a test consumer');
    const secret = String(made.secret);
    assert.match(secret, /^[0-9a-f]{32}$/);
    const second = await json('consumer', 'create');
    assert.equal(second.description, null);
    const listed = await json<Row[]>('consumer', 'list');
    assert.deepEqual(listed.map((c) => c.ID).sort(), [made.id, second.id].sort());
    await openstack('consumer', 'set', '--description', 'renamed', String(made.id));
    const shown = await json('consumer', 'show', String(made.id));
    assert.equal(shown.description, 'renamed');
    assert.equal('secret' in shown, false);

    // never again: not in a read, not in the database, the logs or the audit trail
    const raw = await send(server, 'GET', `/v3/OS-OAUTH1/consumers/${String(made.id)}`, { token });
    assert.equal(raw.text.includes(secret), false);
    assert.equal((await send(server, 'GET', '/v3/OS-OAUTH1/consumers', { token })).text.includes(secret), false);
    await server.polyiam.services.audit.flush();
    const row = await server.polyiam.store.db.selectFrom('keystone_oauth_consumers').selectAll().where('id', '=', String(made.id)).executeTakeFirstOrThrow();
    assert.equal(row.sealed_secret.includes(secret), false);
    const events = await server.polyiam.store.db.selectFrom('audit_events').selectAll().execute();
    assert.equal(JSON.stringify(events).includes(secret), false);
    assert.equal(server.logs.join('').includes(secret), false);

    expectError(await send(server, 'PATCH', `/v3/OS-OAUTH1/consumers/${String(made.id)}`, { token, body: { consumer: { secret: 'mine' } } }), 400, /consumer.secret/);
    expectError(await send(server, 'PATCH', `/v3/OS-OAUTH1/consumers/${String(made.id)}`, { token, body: { consumer: {} } }), 400);
    expectError(await send(server, 'POST', '/v3/OS-OAUTH1/consumers', { token, body: { consumer: { description: 'd'.repeat(1025) } } }), 400);
    expectError(await send(server, 'POST', '/v3/OS-OAUTH1/consumers', { token, body: { consumer: { description: 5 } } }), 400);
    const cleared = await send(server, 'PATCH', `/v3/OS-OAUTH1/consumers/${String(made.id)}`, { token, body: { consumer: { description: null } } });
    assert.equal(cleared.status, 200, cleared.text);
    assert.equal((cleared.body.consumer as Row).description, null);

    const tenant = await server.createAccount('consumer-tenant', 'Tenant#Passw0rd1');
    const { token: tenantToken } = await issueToken(server, tenant.account.name, 'Tenant#Passw0rd1', tenant.account.name);
    expectError(await send(server, 'GET', `/v3/OS-OAUTH1/consumers/${String(made.id)}`, { token: tenantToken }), 404);
    assert.deepEqual((await send(server, 'GET', '/v3/OS-OAUTH1/consumers', { token: tenantToken })).body.consumers, []);

    await openstack('consumer', 'delete', String(made.id), String(second.id));
    assert.deepEqual(await json('consumer', 'list'), []);
    expectError(await send(server, 'GET', `/v3/OS-OAUTH1/consumers/${String(made.id)}`, { token }), 404);
  });
});
