/**
 * The `openstack` CLI (python3-openstackclient 6.0) on Keystone OS-EP-FILTER endpoint groups: create
 * from a filters file, list, show, set, delete; a filter key Keystone does not know is a 400.
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
import { rootToken, send } from './support.js';

const OPENSTACK = existsSync('/usr/bin/openstack') ? '/usr/bin/openstack' : 'openstack';
const run = promisify(execFile);

describe('openstack CLI: endpoint groups', () => {
  let server: TestServer;
  const home = mkdtempSync(join(tmpdir(), 'polyiam-openstack-epgroups-'));

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

  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('endpoint group create/list/show/set/delete', async (t) => {
    if (!requireTool(t, OPENSTACK)) return;
    const service = JSON.parse(await openstack('service', 'create', '--name', 'nova', 'compute', '-f', 'json')) as { id: string };
    const filters = join(home, 'filters.json');
    writeFileSync(filters, JSON.stringify({ service_id: service.id, interface: 'public' }));
    const made = JSON.parse(await openstack('endpoint', 'group', 'create', '--description', 'computes', 'compute-public', filters, '-f', 'json')) as Record<string, unknown>;
    assert.equal(made.name, 'compute-public');
    assert.deepEqual(made.filters, { service_id: service.id, interface: 'public' });
    const listed = JSON.parse(await openstack('endpoint', 'group', 'list', '-f', 'json')) as Array<Record<string, unknown>>;
    assert.deepEqual(listed.map((g) => g.Name), ['compute-public']);
    await openstack('endpoint', 'group', 'set', '--name', 'computes', '--description', 'all computes', String(made.id));
    const shown = JSON.parse(await openstack('endpoint', 'group', 'show', String(made.id), '-f', 'json')) as Record<string, unknown>;
    assert.equal(shown.name, 'computes');
    assert.equal(shown.description, 'all computes');
    assert.deepEqual(shown.filters, { service_id: service.id, interface: 'public' });

    const token = await rootToken(server);
    const bad = await send(server, 'POST', '/v3/OS-EP-FILTER/endpoint_groups', { token, body: { endpoint_group: { name: 'x', filters: { colour: 'blue' } } } });
    assert.equal(bad.status, 400, bad.text);
    assert.equal((await send(server, 'HEAD', `/v3/OS-EP-FILTER/endpoint_groups/${String(made.id)}`, { token })).status, 200);

    await openstack('endpoint', 'group', 'delete', String(made.id));
    assert.deepEqual(JSON.parse(await openstack('endpoint', 'group', 'list', '-f', 'json')), []);
    assert.equal((await send(server, 'HEAD', `/v3/OS-EP-FILTER/endpoint_groups/${String(made.id)}`, { token })).status, 404);
  });
});
