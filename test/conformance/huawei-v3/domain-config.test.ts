/**
 * Keystone domain configuration (issue #16) by hand-written HTTP (openstackclient has no command for
 * it): the flows of tempest's test_domain_configuration, Keystone's refusals (403 for what a domain
 * cannot configure, 404 for what it has not, 400 for a malformed body, never a 500), the sensitive
 * `ldap.password` sealed and never shown, accounts kept apart and an operator's reach; the
 * configuration going with its deleted domain; the `security_compliance` group through the official
 * Huawei SDK.
 * @see #16
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { GlobalCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import { IamClient, KeystoneShowSecurityComplianceByOptionRequest, KeystoneShowSecurityComplianceRequest } from '@huaweicloud/huaweicloud-sdk-iam/v3/public-api.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { createUser, expectError, issueToken, passwordAuth, rootToken, send, type Reply } from './support.js';

const require = createRequire(import.meta.url);
(require('@huaweicloud/huaweicloud-sdk-core/logger/log4jLogger') as { Logger4jInstance: { level: string } }).Logger4jInstance.level = 'off';

const CUSTOM = { identity: { driver: 'ldap' }, ldap: { url: 'ldap://myldap.com:389/', user_tree_dn: 'ou=Users,dc=my_new_root,dc=org' } };
const LDAP_PASSWORD = 'Ldap-Bind-Secret-4711';

const configOf = (reply: Reply) => (reply.body as unknown as { config: Record<string, unknown> }).config;

describe('huawei-v3 domain configuration', () => {
  let server: TestServer;
  let token: string;
  let base: string;

  before(async () => {
    server = await startTestServer({ v3Rules: 'keystone' });
    token = await rootToken(server);
    base = `/v3/domains/${server.root.account.id}/config`;
  });
  after(() => server.close());

  it('creates, shows, updates and deletes a configuration, its groups and options (tempest)', async () => {
    expectError(await send(server, 'GET', base, { token }), 404, /could not find any options in the configuration of domain/);
    const made = await send(server, 'PUT', base, { token, body: { config: CUSTOM } });
    assert.equal(made.status, 201, made.text);
    assert.deepEqual(configOf(made), CUSTOM);
    // a second PUT replaces it: 200, and what it lacks is gone
    const replaced = await send(server, 'PUT', base, { token, body: { config: { identity: { driver: 'ldap' }, ldap: { url: 'ldap://a/' } } } });
    assert.equal(replaced.status, 200, replaced.text);
    assert.deepEqual(configOf(replaced), { identity: { driver: 'ldap' }, ldap: { url: 'ldap://a/' } });
    assert.equal((await send(server, 'PUT', base, { token, body: { config: CUSTOM } })).status, 200);

    assert.deepEqual(configOf(await send(server, 'GET', base, { token })), CUSTOM);
    assert.deepEqual(configOf(await send(server, 'GET', `${base}/ldap`, { token })), { ldap: CUSTOM.ldap });
    assert.deepEqual(configOf(await send(server, 'GET', `${base}/ldap/user_tree_dn`, { token })), { user_tree_dn: CUSTOM.ldap.user_tree_dn });

    const patched = await send(server, 'PATCH', base, { token, body: { config: { ldap: { url: 'ldap://b/' } } } });
    assert.deepEqual(configOf(patched), { identity: { driver: 'ldap' }, ldap: { url: 'ldap://b/', user_tree_dn: CUSTOM.ldap.user_tree_dn } });
    const group = await send(server, 'PATCH', `${base}/identity`, { token, body: { config: { identity: { driver: 'sql', list_limit: 42 } } } });
    assert.equal(group.status, 200, group.text);
    assert.deepEqual(configOf(group).identity, { driver: 'sql', list_limit: 42 });
    const option = await send(server, 'PATCH', `${base}/identity/driver`, { token, body: { config: { driver: 'ldap' } } });
    assert.deepEqual(configOf(option).identity, { driver: 'ldap', list_limit: 42 });

    assert.equal((await send(server, 'DELETE', `${base}/identity/driver`, { token })).status, 204);
    expectError(await send(server, 'GET', `${base}/identity/driver`, { token }), 404, /option `driver` in group `identity`/);
    expectError(await send(server, 'DELETE', `${base}/identity/driver`, { token }), 404);
    assert.equal((await send(server, 'DELETE', `${base}/identity`, { token })).status, 204);
    expectError(await send(server, 'GET', `${base}/identity`, { token }), 404, /group `identity`/);
    expectError(await send(server, 'PATCH', `${base}/identity`, { token, body: { config: { identity: { driver: 'x' } } } }), 404);
    assert.equal((await send(server, 'DELETE', base, { token })).status, 204);
    expectError(await send(server, 'GET', base, { token }), 404);
  });

  it('shows Keystone\'s defaults of the configurable options', async () => {
    const all = configOf(await send(server, 'GET', '/v3/domains/config/default', { token })) as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(all).sort(), ['identity', 'ldap']);
    assert.deepEqual(all.identity, { driver: 'sql', list_limit: null });
    assert.equal(all.ldap!.url, 'ldap://localhost');
    assert.equal('password' in all.ldap!, false);
    assert.deepEqual(configOf(await send(server, 'GET', '/v3/domains/config/identity/default', { token })), { identity: { driver: 'sql', list_limit: null } });
    assert.deepEqual(configOf(await send(server, 'GET', '/v3/domains/config/ldap/pool_size/default', { token })), { pool_size: 10 });
    expectError(await send(server, 'GET', '/v3/domains/config/ldap/password/default', { token }), 403, /reading the default for option `password`/);
    expectError(await send(server, 'GET', '/v3/domains/config/assignment/default', { token }), 403, /group `assignment` is not supported/);
  });

  it('keeps `ldap.password` sealed and never shows it', async () => {
    const made = await send(server, 'PUT', base, { token, body: { config: { ldap: { url: 'ldap://c/', password: LDAP_PASSWORD } } } });
    assert.equal(made.status, 201, made.text);
    assert.deepEqual(configOf(made), { ldap: { url: 'ldap://c/' } });
    assert.deepEqual(configOf(await send(server, 'GET', `${base}/ldap`, { token })), { ldap: { url: 'ldap://c/' } });
    expectError(await send(server, 'GET', `${base}/ldap/password`, { token }), 404);
    // it can be replaced and deleted as an option
    assert.equal((await send(server, 'PATCH', `${base}/ldap/password`, { token, body: { config: { password: `${LDAP_PASSWORD}-2` } } })).status, 200);
    await server.polyiam.services.audit.flush();
    const rows = await server.polyiam.store.db.selectFrom('keystone_domain_configs').selectAll().where('account_id', '=', server.root.account.id).execute();
    const sealed = rows.find((r) => r.option_name === 'password')!;
    assert.equal(Number(sealed.sensitive), 1);
    assert.equal(sealed.value.includes(LDAP_PASSWORD), false);
    const events = await server.polyiam.store.db.selectFrom('audit_events').selectAll().execute();
    assert.equal(JSON.stringify(events).includes(LDAP_PASSWORD), false);
    assert.equal(server.logs.join('').includes(LDAP_PASSWORD), false);
    assert.equal((await send(server, 'DELETE', `${base}/ldap/password`, { token })).status, 204);
    assert.equal((await send(server, 'DELETE', base, { token })).status, 204);
  });

  it('answers bad input with Keystone\'s envelope: 400 malformed, 403 not configurable, never 500', async () => {
    expectError(await send(server, 'PUT', base, { token, body: '{"config": ' }), 400);
    expectError(await send(server, 'PUT', base, { token, body: { config: 'ldap' } }), 400, /`config`/);
    expectError(await send(server, 'PUT', base, { token, body: { settings: {} } }), 400);
    expectError(await send(server, 'PUT', base, { token, body: { config: {} } }), 403, /no options specified/);
    expectError(await send(server, 'PUT', base, { token, body: { config: { ldap: 'x' } } }), 403, /dictionary of options/);
    expectError(await send(server, 'PUT', base, { token, body: { config: { assignment: { driver: 'sql' } } } }), 403, /group `assignment` is not supported/);
    expectError(await send(server, 'PUT', base, { token, body: { config: { ldap: { colour: 'blue' } } } }), 403, /option `colour` in group `ldap` is not supported/);
    expectError(await send(server, 'PUT', base, { token, body: { config: { ldap: { url: 'x'.repeat(5000) } } } }), 400, /4096 bytes/);
    expectError(await send(server, 'GET', `${base}/__proto__`, { token }), 403);
    expectError(await send(server, 'GET', `${base}/ldap/constructor`, { token }), 403);
    assert.equal((await send(server, 'PUT', base, { token, body: { config: CUSTOM } })).status, 201);
    expectError(await send(server, 'PATCH', `${base}/identity`, { token, body: { config: { ldap: { url: 'x' } } } }), 403, /group `identity`/);
    expectError(await send(server, 'PATCH', `${base}/identity/driver`, { token, body: { config: { list_limit: 3 } } }), 403, /option `driver`/);
    expectError(await send(server, 'PATCH', `${base}/security_compliance`, { token, body: { config: { security_compliance: { password_regex: '.*' } } } }), 403);
    assert.equal((await send(server, 'DELETE', base, { token })).status, 204);
  });

  it('keeps accounts apart; an operator reaches another domain', async () => {
    const other = await server.createAccount('cfg-tenant', 'Tenant#Passw0rd1');
    const { token: otherToken } = await issueToken(server, 'cfg-tenant', 'Tenant#Passw0rd1', 'cfg-tenant');
    assert.equal((await send(server, 'PUT', base, { token, body: { config: CUSTOM } })).status, 201);
    expectError(await send(server, 'GET', base, { token: otherToken }), 403);
    expectError(await send(server, 'PUT', base, { token: otherToken, body: { config: CUSTOM } }), 403);
    expectError(await send(server, 'DELETE', base, { token: otherToken }), 403);
    expectError(await send(server, 'GET', `/v3/domains/${other.account.id}/config`, { token: otherToken }), 404);

    await server.polyiam.services.operators.grant(server.root.account.name, { user: server.root.root.user_name });
    const system = await send(server, 'POST', '/v3/auth/tokens', { body: passwordAuth({ name: server.root.root.user_name, password: server.root.root.password, domain: { name: server.root.account.name } }, { system: { all: true } }) });
    const operator = system.headers.get('x-subject-token')!;
    const otherBase = `/v3/domains/${other.account.id}/config`;
    assert.equal((await send(server, 'PUT', otherBase, { token: operator, body: { config: { identity: { driver: 'ldap' } } } })).status, 201);
    assert.deepEqual(configOf(await send(server, 'GET', otherBase, { token: otherToken })), { identity: { driver: 'ldap' } });
    expectError(await send(server, 'GET', `/v3/domains/${'e'.repeat(32)}/config`, { token: operator }), 404, /could not find domain/);
    // deleting the domain takes its configuration with it
    assert.equal((await send(server, 'PATCH', `/v3/domains/${other.account.id}`, { token: operator, body: { domain: { enabled: false } } })).status, 200);
    assert.equal((await send(server, 'DELETE', `/v3/domains/${other.account.id}`, { token: operator })).status, 204);
    assert.deepEqual(await server.polyiam.store.db.selectFrom('keystone_domain_configs').select('option_name').where('account_id', '=', other.account.id).execute(), []);
    assert.equal((await send(server, 'DELETE', base, { token })).status, 204);
  });

  it('serves security_compliance from the password policy to every user of the domain (official SDK)', async () => {
    const domainId = server.root.account.id;
    const credentials = new GlobalCredentials().withAk(server.root.root.access_key_id).withSk(server.root.root.secret_access_key).withDomainId(domainId);
    const client = IamClient.newBuilder().withCredential(credentials).withEndpoint(server.url).build();
    const shown = (await client.keystoneShowSecurityCompliance(new KeystoneShowSecurityComplianceRequest().withDomainId(domainId))) as unknown as { config: { security_compliance: { password_regex: string; password_regex_description: string } } };
    const regex = new RegExp(shown.config.security_compliance.password_regex);
    // the default policy: 8-32 characters, two classes
    assert.equal(regex.test('Abcdefg1'), true);
    assert.equal(regex.test('abcdefgh'), false);
    assert.equal(regex.test('Ab1'), false);
    assert.match(shown.config.security_compliance.password_regex_description, /8 to 32 characters/);
    const byOption = (await client.keystoneShowSecurityComplianceByOption(new KeystoneShowSecurityComplianceByOptionRequest().withDomainId(domainId).withOption('password_regex_description'))) as unknown as { config: Record<string, string> };
    assert.deepEqual(Object.keys(byOption.config), ['password_regex_description']);

    // Keystone: anyone of the domain may read it (a user with no policy at all here)
    await createUser(server, token, 'plain-user', 'Plain#Passw0rd1');
    const { token: plain } = await issueToken(server, 'plain-user', 'Plain#Passw0rd1');
    const read = await send(server, 'GET', `${base}/security_compliance/password_regex`, { token: plain });
    assert.equal(read.status, 200, read.text);
    expectError(await send(server, 'GET', `${base}/security_compliance/lockout_duration`, { token: plain }), 403, /password_regex and password_regex_description/);
    expectError(await send(server, 'GET', base, { token: plain }), 403);
  });
});
