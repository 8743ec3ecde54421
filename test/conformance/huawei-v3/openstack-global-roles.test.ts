/**
 * The `openstack` CLI (python3-openstackclient 6.0) on Keystone global roles (issue #16): a cloud
 * operator (system-scoped cloud) runs `role create` without a domain and `role add --domain/--project
 * ... --user/--group` on another domain's users and groups, `role assignment list --names`, and
 * `role add --system all`; the tenant's own admin grants the role too, and cannot delete it (the
 * refusals and the tenant's listings are global-roles.test.ts's, by HTTP, to keep this one short).
 * @see #16
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../support/server.js';
import { requireTool } from '../../support/tools.js';
import { OPENSTACK, openstackIn, operatorAndTenantClouds } from './openstack.js';

type Row = Record<string, unknown>;

describe('openstack CLI: global roles granted across domains, and system role assignments', () => {
  let server: TestServer;
  const home = mkdtempSync(join(tmpdir(), 'polyiam-openstack-global-roles-'));

  const openstack = openstackIn(home);

  before(async () => {
    server = await startTestServer({ v3Rules: 'keystone' });
    await operatorAndTenantClouds(server, home);
  });
  after(() => server.close());

  it('role create as an operator, role add on another domain, assignment list --names, role add --system all', async (t) => {
    if (!requireTool(t, OPENSTACK)) return;
    const created = (await openstack('operator', 'role', 'create', '--description', 'ships code', 'deployer', '-f', 'json')) as Row;
    assert.equal(created.domain_id, null);
    // the tenant's people, made by the tenant's own admin
    await openstack('tenant', 'user', 'create', '--password', 'Dev#Passw0rd12', 'dev', '-f', 'json');
    await openstack('tenant', 'group', 'create', 'devs', '-f', 'json');
    await openstack('tenant', 'project', 'create', 'apps', '-f', 'json');
    // the operator grants the global role in the tenant's domain, naming it
    await openstack('operator', 'role', 'add', '--domain', 'tenant', '--user', 'dev', '--user-domain', 'tenant', 'deployer');
    await openstack('operator', 'role', 'add', '--project', 'apps', '--project-domain', 'tenant', '--group', 'devs', '--group-domain', 'tenant', 'deployer');
    // the tenant's admin grants it too (the CLI finds it by name in the tenant's role list)
    await openstack('tenant', 'role', 'add', '--project', 'apps', '--user', 'dev', 'deployer');
    const rows = (await openstack('operator', 'role', 'assignment', 'list', '--names', '--user', 'dev', '--user-domain', 'tenant', '-f', 'json')) as Row[];
    assert.deepEqual(rows.map((r) => [r.Role, r.User, r.Project, r.Domain]).sort(), [
      ['deployer', 'dev@tenant', '', 'tenant'],
      ['deployer', 'dev@tenant', 'apps@tenant', ''],
    ]);
    // only the operator deletes it
    await assert.rejects(openstack('tenant', 'role', 'delete', 'deployer'), /403|cloud operator/);

    // system role assignments, made by the operator only
    await openstack('operator', 'role', 'add', '--system', 'all', '--user', 'dev', '--user-domain', 'tenant', 'reader');
    const system = (await openstack('operator', 'role', 'assignment', 'list', '--names', '--system', 'all', '--user', 'dev', '--user-domain', 'tenant', '-f', 'json')) as Row[];
    assert.deepEqual(system.map((r) => [r.Role, r.User, r.System]), [['reader', 'dev@tenant', 'all']]);
    await openstack('operator', 'role', 'remove', '--system', 'all', '--user', 'dev', '--user-domain', 'tenant', 'reader');

    await openstack('operator', 'role', 'delete', 'deployer');
    const after = (await openstack('tenant', 'role', 'assignment', 'list', '--user', 'dev', '-f', 'json')) as Row[];
    assert.deepEqual(after, []);
  });
});
