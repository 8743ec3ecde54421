/**
 * Domains for cloud operators (issue #16), by hand-written HTTP where openstackclient sends nothing
 * (system scope refusals, GET /v3/auth/system, a deleted domain's content): a non-operator is refused
 * exactly as Keystone refuses a non-admin, accounts never see each other, and an operator's calls in
 * another domain are audited under its own name.
 * @see #16
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../support/server.js';
import { expectError, issueToken, passwordAuth, send } from './support.js';

describe('huawei-v3 domains for cloud operators', () => {
  let server: TestServer;
  let operatorToken: string;

  const systemAuth = (name: string, password: string, domain: string) => passwordAuth({ name, password, domain: { name: domain } }, { system: { all: true } });

  before(async () => {
    server = await startTestServer({ v3Rules: 'keystone' });
    await server.polyiam.services.operators.grant(server.root.account.name, { user: server.root.root.user_name });
    const reply = await send(server, 'POST', '/v3/auth/tokens', { body: systemAuth(server.root.root.user_name, server.root.root.password, server.root.account.name) });
    assert.equal(reply.status, 201, reply.text);
    operatorToken = reply.headers.get('x-subject-token')!;
    assert.deepEqual((reply.body.token as unknown as { system: unknown }).system, { all: true });
  });
  after(() => server.close());

  it('refuses a system scope, another domain and every domain write to a non-operator, as Keystone does', async () => {
    const other = await server.createAccount('tenant-b', 'Tenant#Passw0rd1');
    const refused = await send(server, 'POST', '/v3/auth/tokens', { body: systemAuth('tenant-b', 'Tenant#Passw0rd1', 'tenant-b') });
    expectError(refused, 401, /no access to the system/);
    // another domain, existing or not: the same 401, so an account learns nothing of another
    const known = await send(server, 'POST', '/v3/auth/tokens', { body: passwordAuth({ name: 'tenant-b', password: 'Tenant#Passw0rd1', domain: { name: 'tenant-b' } }, { domain: { id: server.root.account.id } }) });
    const unknown = await send(server, 'POST', '/v3/auth/tokens', { body: passwordAuth({ name: 'tenant-b', password: 'Tenant#Passw0rd1', domain: { name: 'tenant-b' } }, { domain: { id: 'f'.repeat(32) } }) });
    expectError(known, 401);
    expectError(unknown, 401);
    assert.equal(known.body.error!.message.replace(/`[^`]*`/, ''), unknown.body.error!.message.replace(/`[^`]*`/, ''));
    const { token } = await issueToken(server, 'tenant-b', 'Tenant#Passw0rd1', 'tenant-b');
    expectError(await send(server, 'POST', '/v3/domains', { token, body: { domain: { name: 'sneaky' } } }), 403);
    expectError(await send(server, 'PATCH', `/v3/domains/${server.root.account.id}`, { token, body: { domain: { enabled: false } } }), 403);
    expectError(await send(server, 'DELETE', `/v3/domains/${server.root.account.id}`, { token }), 403);
    const listed = await send(server, 'GET', '/v3/domains', { token });
    assert.deepEqual((listed.body.domains as Array<{ id: string }>).map((d) => d.id), [other.account.id]);
    const system = await send(server, 'GET', '/v3/auth/system', { token });
    assert.deepEqual(system.body.system, []);
    // a domain_id of another account in a body is refused as before (403), not reached
    expectError(await send(server, 'POST', '/v3/users', { token, body: { user: { name: 'x', domain_id: server.root.account.id } } }), 403);
    assert.equal(await server.polyiam.services.accounts.findByName('sneaky'), undefined);
  });

  it('creates with Keystone validation and conflict, filters the list, and shows GET /v3/auth/system', async () => {
    expectError(await send(server, 'POST', '/v3/domains', { token: operatorToken, body: { domain: { name: '' } } }), 400);
    expectError(await send(server, 'POST', '/v3/domains', { token: operatorToken, body: { domain: { name: `d${'x'.repeat(64)}` } } }), 400);
    expectError(await send(server, 'POST', '/v3/domains', { token: operatorToken, body: { domain: { description: 'no name' } } }), 400);
    const created = await send(server, 'POST', '/v3/domains', { token: operatorToken, body: { domain: { name: 'west', description: 'west region', enabled: false } } });
    assert.equal(created.status, 201, created.text);
    const west = created.body.domain as unknown as { enabled: boolean; description: string };
    assert.equal(west.enabled, false);
    assert.equal(west.description, 'west region');
    expectError(await send(server, 'POST', '/v3/domains', { token: operatorToken, body: { domain: { name: 'west' } } }), 409);
    const disabled = await send(server, 'GET', '/v3/domains?enabled=false', { token: operatorToken });
    assert.deepEqual((disabled.body.domains as Array<{ name: string }>).map((d) => d.name), ['west']);
    const byName = await send(server, 'GET', '/v3/domains?name=west', { token: operatorToken });
    assert.equal((byName.body.domains as unknown[]).length, 1);
    const system = await send(server, 'GET', '/v3/auth/system', { token: operatorToken });
    assert.deepEqual(system.body.system, [{ all: true }]);
    expectError(await send(server, 'GET', `/v3/domains/${'e'.repeat(32)}`, { token: operatorToken }), 404);
  });

  it('reaches another domain by domain_id, audits it under the operator, and stops it all when disabled; delete takes its content', async () => {
    const made = await send(server, 'POST', '/v3/domains', { token: operatorToken, body: { domain: { name: 'east' } } });
    const domainId = made.body.domain!.id as string;
    expectError(await send(server, 'POST', '/v3/users', { token: operatorToken, body: { user: { name: 'ghost', domain_id: 'a'.repeat(32) } } }), 404, /could not find domain/);
    const user = await send(server, 'POST', '/v3/users', { token: operatorToken, body: { user: { name: 'carol', password: 'Carol#Passw0rd1', domain_id: domainId } } });
    assert.equal(user.status, 201, user.text);
    assert.equal(user.body.user!.domain_id, domainId);
    // by its id alone: the operator reaches the user's domain; another tenant's root does not
    const shown = await send(server, 'GET', `/v3/users/${user.body.user!.id}`, { token: operatorToken });
    assert.equal(shown.status, 200, shown.text);
    assert.equal(shown.body.user!.domain_id, domainId);
    const { token: tenantToken } = await issueToken(server, 'tenant-b', 'Tenant#Passw0rd1', 'tenant-b');
    expectError(await send(server, 'GET', `/v3/users/${user.body.user!.id}`, { token: tenantToken }), 404);
    const users = await send(server, 'GET', `/v3/users?domain_id=${domainId}`, { token: operatorToken });
    assert.ok((users.body.users as Array<{ name: string }>).some((u) => u.name === 'carol'));
    await server.polyiam.services.audit.flush();
    const events = await server.polyiam.store.db.selectFrom('audit_events').select(['user_name', 'action']).where('account_id', '=', domainId).execute();
    assert.ok(events.some((e) => e.user_name === `${server.root.account.name}/${server.root.root.user_name}`), JSON.stringify(events));

    const { token: carolToken } = await issueToken(server, 'carol', 'Carol#Passw0rd1', 'east');
    assert.equal((await send(server, 'GET', `/v3/users/${user.body.user!.id}`, { token: carolToken })).status, 200);
    expectError(await send(server, 'DELETE', `/v3/domains/${domainId}`, { token: operatorToken }), 403, /disable it first/);
    expectError(await send(server, 'PATCH', `/v3/domains/${server.root.account.id}`, { token: operatorToken, body: { domain: { enabled: false } } }), 403);
    const off = await send(server, 'PATCH', `/v3/domains/${domainId}`, { token: operatorToken, body: { domain: { enabled: false } } });
    assert.equal((off.body.domain as unknown as { enabled: boolean }).enabled, false);
    // the token issued before is refused at once, and nobody of it signs in any more
    expectError(await send(server, 'GET', `/v3/users/${user.body.user!.id}`, { token: carolToken }), 401);
    expectError(await send(server, 'POST', '/v3/auth/tokens', { body: passwordAuth({ name: 'carol', password: 'Carol#Passw0rd1', domain: { name: 'east' } }) }), 401);
    expectError(await send(server, 'POST', '/v3/auth/tokens', { body: passwordAuth({ name: server.root.root.user_name, password: server.root.root.password, domain: { name: server.root.account.name } }, { domain: { id: domainId } }) }), 401);
    assert.equal((await send(server, 'DELETE', `/v3/domains/${domainId}`, { token: operatorToken })).status, 204);
    expectError(await send(server, 'GET', `/v3/domains/${domainId}`, { token: operatorToken }), 404);
    const left = await server.polyiam.store.db.selectFrom('users').select('id').where('account_id', '=', domainId).execute();
    assert.deepEqual(left, []);
    // the audit trail of a deleted domain stays
    const kept = await server.polyiam.store.db.selectFrom('audit_events').select('id').where('account_id', '=', domainId).execute();
    assert.ok(kept.length > 0);
  });

  it('a revoked operator grant ends its system token at once', async () => {
    await server.createAccount('ops2', 'Ops2#Passw0rd1');
    await server.polyiam.services.operators.grant('ops2', { user: 'ops2' });
    const reply = await send(server, 'POST', '/v3/auth/tokens', { body: systemAuth('ops2', 'Ops2#Passw0rd1', 'ops2') });
    const token = reply.headers.get('x-subject-token')!;
    assert.equal((await send(server, 'GET', '/v3/domains', { token })).status, 200);
    assert.equal(await server.polyiam.services.operators.revoke('ops2', { user: 'ops2' }), true);
    expectError(await send(server, 'GET', '/v3/domains', { token }), 401);
  });
});
