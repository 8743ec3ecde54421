import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestServer } from '../../support/server.js';

export const OPENSTACK = existsSync('/usr/bin/openstack') ? '/usr/bin/openstack' : 'openstack';
const run = promisify(execFile);

/**
 * `openstack <args>` as the cloud `cloud` of `home`'s clouds.yaml (HOME is the CLI's only config):
 * the parsed `-f json` output, null for a command that prints nothing.
 */
export function openstackIn(home: string): (cloud: string, ...args: string[]) => Promise<unknown> {
  return async (cloud, ...args) => {
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, OS_CLOUD: cloud };
    const { stdout } = await run(OPENSTACK, args, { env, timeout: 120_000, cwd: home });
    return stdout.trim() === '' ? null : JSON.parse(stdout);
  };
}

/**
 * A clouds.yaml in `home` with two clouds: `operator`, the server's first account root made a cloud
 * operator and scoped to the system (`system_scope: all`), and `tenant`, the root of a second account
 * `tenant` scoped to its own domain (issue #16).
 */
export async function operatorAndTenantClouds(server: TestServer, home: string): Promise<void> {
  await server.polyiam.services.operators.grant(server.root.account.name, { user: server.root.root.user_name });
  const tenant = await server.createAccount('tenant', 'Tenant#Passw0rd1');
  const auth = (user: string, password: string, domain: string) =>
    [`      auth_url: ${server.url}/v3`, `      username: ${user}`, `      password: "${password}"`, `      user_domain_name: ${domain}`].join('\n');
  mkdirSync(join(home, '.config', 'openstack'), { recursive: true });
  writeFileSync(
    join(home, '.config', 'openstack', 'clouds.yaml'),
    [
      'clouds:',
      '  operator:',
      '    identity_api_version: 3',
      '    region_name: RegionOne',
      '    auth:',
      auth(server.root.root.user_name, server.root.root.password, server.root.account.name),
      '      system_scope: all',
      '  tenant:',
      '    identity_api_version: 3',
      '    region_name: RegionOne',
      '    auth:',
      auth('tenant', 'Tenant#Passw0rd1', tenant.account.name),
      `      domain_name: ${tenant.account.name}`,
      '',
    ].join('\n'),
  );
}
