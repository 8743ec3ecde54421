/**
 * The `openstack` CLI (Debian python3-openstackclient 6.0) against a real server on loopback for the
 * service catalog of issue #16: region, service and endpoint create/list/show/delete, `catalog list`
 * showing what was added, and the keystone user rules' extra attributes through `user create`.
 * @see #16
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { startTestServer, type TestServer } from '../../support/server.js';
import { requireTool } from '../../support/tools.js';

const OPENSTACK = existsSync('/usr/bin/openstack') ? '/usr/bin/openstack' : 'openstack';
const run = promisify(execFile);

describe('openstack CLI: regions, services, endpoints and the catalog', () => {
  let server: TestServer;
  const home = mkdtempSync(join(tmpdir(), 'polyiam-openstack-catalog-'));

  /** `openstack <args> -f json` as the account's root with a domain-scoped token */
  async function openstack(...args: string[]): Promise<unknown> {
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
    const { stdout } = await run(OPENSTACK, [...args, '-f', 'json'], { env, timeout: 120_000 });
    return stdout.trim() === '' ? null : JSON.parse(stdout);
  }
  async function openstackNoOutput(...args: string[]): Promise<void> {
    const domain = server.root.account.name;
    await run(OPENSTACK, args, {
      timeout: 120_000,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: home,
        OS_AUTH_TYPE: 'password',
        OS_AUTH_URL: `${server.url}/v3`,
        OS_IDENTITY_API_VERSION: '3',
        OS_USERNAME: server.root.root.user_name,
        OS_PASSWORD: server.root.root.password,
        OS_USER_DOMAIN_NAME: domain,
        OS_DOMAIN_NAME: domain,
      },
    });
  }

  before(async () => {
    server = await startTestServer({ v3Rules: 'keystone' });
  });
  after(() => server.close());

  it('region create, service create, endpoint create/list/show, catalog list/show, then deletes', async (t) => {
    if (!requireTool(t, OPENSTACK)) return;
    const region = (await openstack('region', 'create', '--description', 'second site', 'RegionTwo')) as Record<string, unknown>;
    assert.equal(region.region, 'RegionTwo');
    const service = (await openstack('service', 'create', '--name', 'nova', '--description', 'servers', 'compute')) as Record<string, unknown>;
    assert.equal(service.type, 'compute');
    assert.equal(service.enabled, true);
    const endpoint = (await openstack('endpoint', 'create', '--region', 'RegionTwo', 'compute', 'public', 'https://nova.example/v2.1')) as Record<string, unknown>;
    assert.equal(endpoint.service_id, service.id);
    assert.equal(endpoint.region, 'RegionTwo');
    assert.equal(endpoint.interface, 'public');

    const endpoints = (await openstack('endpoint', 'list', '--service', 'compute')) as Array<Record<string, unknown>>;
    assert.deepEqual(
      endpoints.map((e) => [e['Service Name'], e.Interface, e.URL, e.Region]),
      [['nova', 'public', 'https://nova.example/v2.1', 'RegionTwo']],
    );
    const shown = (await openstack('endpoint', 'show', String(endpoint.id))) as Record<string, unknown>;
    assert.equal(shown.url, 'https://nova.example/v2.1');

    const catalog = (await openstack('catalog', 'list')) as Array<Record<string, unknown>>;
    assert.deepEqual(catalog.map((s) => s.Type).sort(), ['compute', 'identity']);
    const compute = (await openstack('catalog', 'show', 'compute')) as Record<string, unknown>;
    assert.deepEqual((compute.endpoints as Array<Record<string, unknown>>).map((e) => [e.region, e.interface, e.url]), [['RegionTwo', 'public', 'https://nova.example/v2.1']]);

    await openstackNoOutput('endpoint', 'delete', String(endpoint.id));
    await openstackNoOutput('service', 'delete', 'compute');
    await openstackNoOutput('region', 'delete', 'RegionTwo');
    assert.deepEqual(await openstack('endpoint', 'list'), []);
    assert.deepEqual(((await openstack('region', 'list')) as unknown[]).length, 0);
  });

  it('user create --email keeps it, and openstack user show returns it', async (t) => {
    if (!requireTool(t, OPENSTACK)) return;
    const user = (await openstack('user', 'create', '--email', 'dana@example.com', '--password', 'Dana#2024pw', 'dana')) as Record<string, unknown>;
    assert.equal(user.email, 'dana@example.com');
    assert.equal(((await openstack('user', 'show', 'dana')) as Record<string, unknown>).email, 'dana@example.com');
  });
});
