/**
 * Keystone global roles and system role assignments (issue #16), by hand-written HTTP for what
 * openstackclient does not send or cannot show (the 403s and 400s, a tenant's view, deletion across
 * accounts): a role a cloud operator makes without `domain_id` is seen and granted in every account;
 * a non-operator's role stays its account's; a domain-specific role stays in its domain.
 * @see #16
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../support/server.js';
import { createUser, expectError, issueToken, send, type Json } from './support.js';

interface WireRole {
  id: string;
  name: string;
  domain_id: string | null;
}

describe('huawei-v3 Keystone global roles', () => {
  let server: TestServer;
  let operator: string;
  let tenant: string;
  let tenantId: string;

  const role = (body: Json) => body.role as WireRole;
  const roles = (body: Json) => body.roles as WireRole[];

  before(async () => {
    server = await startTestServer({ v3Rules: 'keystone' });
    await server.polyiam.services.operators.grant(server.root.account.name, { user: server.root.root.user_name });
    operator = (await issueToken(server, server.root.root.user_name, server.root.root.password)).token;
    const made = await server.createAccount('tenant', 'Tenant#Passw0rd1');
    tenantId = made.account.id;
    tenant = (await issueToken(server, 'tenant', 'Tenant#Passw0rd1', 'tenant')).token;
  });
  after(() => server.close());

  it('an operator makes a global role: every account lists, shows and grants it, and its tokens and include_names carry it', async () => {
    const created = await send(server, 'POST', '/v3/roles', { token: operator, body: { role: { name: 'deployer', description: 'ships' } } });
    assert.equal(created.status, 201, created.text);
    const global = role(created.body);
    assert.equal(global.domain_id, null);
    // the tenant sees it like a built-in role, in the list and by id
    assert.ok(roles((await send(server, 'GET', '/v3/roles', { token: tenant })).body).some((r) => r.id === global.id));
    assert.equal(role((await send(server, 'GET', `/v3/roles/${global.id}`, { token: tenant })).body).name, 'deployer');
    // the tenant's admin grants it on its own project, to its own user
    const user = await createUser(server, tenant, 'dev', 'Dev#Passw0rd12');
    const project = (await send(server, 'POST', '/v3/projects', { token: tenant, body: { project: { name: 'apps' } } })).body.project as { id: string };
    assert.equal((await send(server, 'PUT', `/v3/projects/${project.id}/users/${user.id}/roles/${global.id}`, { token: tenant })).status, 204);
    assert.equal((await send(server, 'PUT', `/v3/domains/${tenantId}/users/${user.id}/roles/${global.id}`, { token: tenant })).status, 204);
    const scoped = await send(server, 'POST', '/v3/auth/tokens', {
      body: { auth: { identity: { methods: ['password'], password: { user: { id: user.id, password: 'Dev#Passw0rd12' } } }, scope: { project: { id: project.id } } } },
    });
    assert.equal(scoped.status, 201, scoped.text);
    assert.deepEqual((scoped.body.token as unknown as { roles: WireRole[] }).roles.map((r) => r.name), ['deployer']);
    const listed = await send(server, 'GET', `/v3/role_assignments?user.id=${user.id}&include_names`, { token: tenant });
    const rows = listed.body.role_assignments as unknown as Array<{ role: { id: string; name: string }; scope: Record<string, { name: string }> }>;
    assert.deepEqual(rows.map((r) => [r.role.name, Object.keys(r.scope)[0]]).sort(), [['deployer', 'domain'], ['deployer', 'project']]);
    assert.equal(rows.find((r) => r.scope.project)!.scope.project!.name, 'apps');
    // the grant attaches no policy: the user may still not list users
    const devToken = (await issueToken(server, 'dev', 'Dev#Passw0rd12', 'tenant')).token;
    expectError(await send(server, 'GET', '/v3/users', { token: devToken }), 403);

    // only an operator changes or deletes it (Keystone's 403 to a domain's admin)
    expectError(await send(server, 'PATCH', `/v3/roles/${global.id}`, { token: tenant, body: { role: { name: 'mine' } } }), 403, /cloud operator/);
    expectError(await send(server, 'DELETE', `/v3/roles/${global.id}`, { token: tenant }), 403, /cloud operator/);
    assert.equal(role((await send(server, 'PATCH', `/v3/roles/${global.id}`, { token: operator, body: { role: { description: 'ships code' } } })).body).name, 'deployer');
    // deleting it takes its grants in every account
    assert.equal((await send(server, 'DELETE', `/v3/roles/${global.id}`, { token: operator })).status, 204);
    assert.deepEqual((await send(server, 'GET', `/v3/role_assignments?user.id=${user.id}`, { token: tenant })).body.role_assignments, []);
    expectError(await send(server, 'GET', `/v3/roles/${global.id}`, { token: tenant }), 404, /could not find role/);
  });

  it("a non-operator's role is its account's own; a domain-specific role is refused outside its domain", async () => {
    const own = role((await send(server, 'POST', '/v3/roles', { token: tenant, body: { role: { name: 'tenant-only' } } })).body);
    assert.equal(own.domain_id, null);
    assert.ok(!roles((await send(server, 'GET', '/v3/roles', { token: operator })).body).some((r) => r.id === own.id));
    // a global role's name is taken for an account's own role, not for a domain-specific one (Keystone)
    assert.equal((await send(server, 'POST', '/v3/roles', { token: operator, body: { role: { name: 'auditor' } } })).status, 201);
    expectError(await send(server, 'POST', '/v3/roles', { token: tenant, body: { role: { name: 'Auditor' } } }), 409);
    expectError(await send(server, 'POST', '/v3/roles', { token: operator, body: { role: { name: 'auditor' } } }), 409);

    // the operator makes a domain-specific role of the tenant's domain
    const scoped = await send(server, 'POST', '/v3/roles', { token: operator, body: { role: { name: 'tenant-scoped', domain_id: tenantId } } });
    assert.equal(scoped.status, 201, scoped.text);
    const domainRole = role(scoped.body);
    assert.equal(domainRole.domain_id, tenantId);
    assert.deepEqual(roles((await send(server, 'GET', `/v3/roles?domain_id=${tenantId}`, { token: operator })).body).map((r) => r.id), [domainRole.id]);
    // granted in the operator's own domain: Keystone's 403 DomainSpecificRoleMismatch
    const home = server.root.account.id;
    const homeUser = await createUser(server, operator, 'home-user', 'Home#Passw0rd12');
    expectError(await send(server, 'PUT', `/v3/domains/${home}/users/${homeUser.id}/roles/${domainRole.id}`, { token: operator }), 403, /must be the domain of the role/);
    const homeProject = (await send(server, 'POST', '/v3/projects', { token: operator, body: { project: { name: 'ops' } } })).body.project as { id: string };
    expectError(await send(server, 'PUT', `/v3/projects/${homeProject.id}/users/${homeUser.id}/roles/${domainRole.id}`, { token: operator }), 403, /must be in the same domain as the role/);
    // a non-operator naming another account's role learns nothing of it: 404
    const tenantUser = await createUser(server, tenant, 'ops-dev', 'OpsDev#Passw0rd1');
    expectError(await send(server, 'PUT', `/v3/domains/${tenantId}/users/${tenantUser.id}/roles/${'0'.repeat(32)}`, { token: tenant }), 404, /could not find role/);
    const homeRole = role((await send(server, 'POST', '/v3/roles', { token: operator, body: { role: { name: 'home-only', domain_id: home } } })).body);
    expectError(await send(server, 'PUT', `/v3/domains/${tenantId}/users/${tenantUser.id}/roles/${homeRole.id}`, { token: tenant }), 404, /could not find role/);
    // in its own domain it is granted, and stripped from effective listings and tokens (Keystone)
    assert.equal((await send(server, 'PUT', `/v3/domains/${tenantId}/users/${tenantUser.id}/roles/${domainRole.id}`, { token: tenant })).status, 204);
    assert.equal(((await send(server, 'GET', `/v3/role_assignments?user.id=${tenantUser.id}`, { token: tenant })).body.role_assignments as unknown[]).length, 1);
    assert.deepEqual((await send(server, 'GET', `/v3/role_assignments?user.id=${tenantUser.id}&effective`, { token: tenant })).body.role_assignments, []);

    // implied roles: a global role implies no domain-specific one, and nothing implies admin (Keystone 403s)
    const auditor = roles((await send(server, 'GET', '/v3/roles?name=auditor', { token: operator })).body)[0]!;
    expectError(await send(server, 'PUT', `/v3/roles/${auditor.id}/implies/${domainRole.id}`, { token: operator }), 403, /global role cannot imply a domain-specific role/);
    expectError(await send(server, 'PUT', `/v3/roles/${auditor.id}/implies/7c1681b82e42d0212d0772c83c062a0a`, { token: operator }), 403, /cannot be an implied role/);
    // the operator's global implication is the tenant's too; the tenant may not remove it
    assert.equal((await send(server, 'PUT', `/v3/roles/${auditor.id}/implies/1a84de4ba68b46c20481b1b954d6b23a`, { token: operator })).status, 201);
    assert.equal((await send(server, 'HEAD', `/v3/roles/${auditor.id}/implies/1a84de4ba68b46c20481b1b954d6b23a`, { token: tenant })).status, 204);
    expectError(await send(server, 'DELETE', `/v3/roles/${auditor.id}/implies/1a84de4ba68b46c20481b1b954d6b23a`, { token: tenant }), 403);
    // a domain-specific role implies a global one (Keystone allows it)
    assert.equal((await send(server, 'PUT', `/v3/roles/${domainRole.id}/implies/${auditor.id}`, { token: tenant })).status, 201);
  });

  it('system role assignments: an operator grants, checks, lists and revokes them; system admin makes an operator', async () => {
    const reader = '1a84de4ba68b46c20481b1b954d6b23a';
    const admin = '7c1681b82e42d0212d0772c83c062a0a';
    const user = await createUser(server, tenant, 'sysop', 'Sysop#Passw0rd12');
    // anyone but an operator is refused, even the domain's own admin
    expectError(await send(server, 'PUT', `/v3/system/users/${user.id}/roles/${reader}`, { token: tenant }), 403, /cloud operator/);
    expectError(await send(server, 'GET', `/v3/system/users/${user.id}/roles`, { token: tenant }), 403);
    // the operator reaches the tenant's user by its id
    assert.equal((await send(server, 'PUT', `/v3/system/users/${user.id}/roles/${reader}`, { token: operator })).status, 204);
    assert.equal((await send(server, 'HEAD', `/v3/system/users/${user.id}/roles/${reader}`, { token: operator })).status, 204);
    assert.deepEqual(roles((await send(server, 'GET', `/v3/system/users/${user.id}/roles`, { token: operator })).body).map((r) => r.name), ['reader']);
    const rows = (await send(server, 'GET', `/v3/role_assignments?scope.system=all&user.id=${user.id}&include_names`, { token: operator })).body.role_assignments as unknown as Array<{ scope: unknown; role: { name: string }; links: { assignment: string } }>;
    assert.deepEqual(rows.map((r) => [r.role.name, r.scope]), [['reader', { system: { all: true } }]]);
    assert.match(rows[0]!.links.assignment, new RegExp(`/v3/system/users/${user.id}/roles/${reader}$`));
    // bad input: an unknown role, another domain's role (Keystone's 400), an unknown user
    expectError(await send(server, 'PUT', `/v3/system/users/${user.id}/roles/${'0'.repeat(32)}`, { token: operator }), 404, /could not find role/);
    const domainRole = role((await send(server, 'POST', '/v3/roles', { token: operator, body: { role: { name: 'sys-domain', domain_id: tenantId } } })).body);
    expectError(await send(server, 'PUT', `/v3/system/users/${user.id}/roles/${domainRole.id}`, { token: operator }), 400, /domain-specific role in a system assignment/);
    expectError(await send(server, 'PUT', `/v3/system/users/${'0'.repeat(32)}/roles/${reader}`, { token: operator }), 404, /could not find user/);

    // `admin` on the system, here through a group, makes the holder an operator until it is revoked
    const group = (await send(server, 'POST', '/v3/groups', { token: tenant, body: { group: { name: 'cloud-admins' } } })).body.group as { id: string };
    assert.equal((await send(server, 'PUT', `/v3/groups/${group.id}/users/${user.id}`, { token: tenant })).status, 204);
    const systemAuth = { auth: { identity: { methods: ['password'], password: { user: { id: user.id, password: 'Sysop#Passw0rd12' } } }, scope: { system: { all: true } } } };
    expectError(await send(server, 'POST', '/v3/auth/tokens', { body: systemAuth }), 401, /no access to the system/);
    assert.equal((await send(server, 'PUT', `/v3/system/groups/${group.id}/roles/${admin}`, { token: operator })).status, 204);
    const issued = await send(server, 'POST', '/v3/auth/tokens', { body: systemAuth });
    assert.equal(issued.status, 201, issued.text);
    assert.deepEqual((issued.body.token as unknown as { roles: WireRole[] }).roles.map((r) => r.name).sort(), ['admin', 'member', 'reader']);
    const sysToken = issued.headers.get('x-subject-token')!;
    assert.equal((await send(server, 'GET', '/v3/domains', { token: sysToken })).status, 200);
    assert.equal((await send(server, 'DELETE', `/v3/system/groups/${group.id}/roles/${admin}`, { token: operator })).status, 204);
    expectError(await send(server, 'GET', '/v3/domains', { token: sysToken }), 401);
    expectError(await send(server, 'DELETE', `/v3/system/groups/${group.id}/roles/${admin}`, { token: operator }), 404);
    assert.equal((await send(server, 'DELETE', `/v3/system/users/${user.id}/roles/${reader}`, { token: operator })).status, 204);
    assert.deepEqual(roles((await send(server, 'GET', `/v3/system/users/${user.id}/roles`, { token: operator })).body), []);
  });
});
