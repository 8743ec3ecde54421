/**
 * The `openstack` CLI (Debian python3-openstackclient 6.0) as a cloud operator with a system-scoped
 * cloud in clouds.yaml (`system_scope: all`): domain create, list, show, set --disable, delete
 * (issue #16); and the same commands refused to a tenant's own admin.
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

describe('openstack CLI: domains as a system-scoped operator', () => {
  let server: TestServer;
  const home = mkdtempSync(join(tmpdir(), 'polyiam-openstack-domains-'));

  const openstack = openstackIn(home);

  before(async () => {
    server = await startTestServer({ v3Rules: 'keystone' });
    await operatorAndTenantClouds(server, home);
  });
  after(() => server.close());

  it('domain create, list, show, set --disable, delete', async (t) => {
    if (!requireTool(t, OPENSTACK)) return;
    const created = (await openstack('operator', 'domain', 'create', '--description', 'second tenant', 'north', '-f', 'json')) as Record<string, unknown>;
    assert.equal(created.name, 'north');
    assert.equal(created.enabled, true);
    assert.equal(created.description, 'second tenant');
    const listed = (await openstack('operator', 'domain', 'list', '-f', 'json')) as Array<Record<string, unknown>>;
    assert.deepEqual(listed.map((d) => d.Name).sort(), [server.root.account.name, 'north', 'tenant'].sort());
    const shown = (await openstack('operator', 'domain', 'show', 'north', '-f', 'json')) as Record<string, unknown>;
    assert.equal(shown.id, created.id);
    // Keystone refuses to delete an enabled domain: the CLI reports the 403
    await assert.rejects(openstack('operator', 'domain', 'delete', 'north'), /disable it first|403/);
    await openstack('operator', 'domain', 'set', '--disable', 'north');
    assert.equal(((await openstack('operator', 'domain', 'show', 'north', '-f', 'json')) as Record<string, unknown>).enabled, false);
    await openstack('operator', 'domain', 'delete', 'north');
    const after = (await openstack('operator', 'domain', 'list', '-f', 'json')) as Array<Record<string, unknown>>;
    assert.ok(!after.some((d) => d.Name === 'north'));
  });

  it("refuses domain create to a tenant's own root and lists only its own domain", async (t) => {
    if (!requireTool(t, OPENSTACK)) return;
    await assert.rejects(openstack('tenant', 'domain', 'create', 'sneaky', '-f', 'json'), /403|not authorized/);
    const listed = (await openstack('tenant', 'domain', 'list', '-f', 'json')) as Array<Record<string, unknown>>;
    assert.deepEqual(listed.map((d) => d.Name), ['tenant']);
  });
});
