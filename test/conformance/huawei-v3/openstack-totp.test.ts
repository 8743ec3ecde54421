/**
 * @see #11
 * The `openstack` CLI (python3-openstackclient 6.0, keystoneauth1) signing in with a password and a
 * TOTP code: keystoneauth's `v3multifactor` plugin with `auth_methods: [v3password, v3totp]`. That
 * option has no list type on the command line (`--os-auth-methods v3password,v3totp` is read letter by
 * letter: "The plugin v could not be found"), so it comes from a clouds.yaml, as a YAML list; the code
 * from `--os-passcode`. keystoneauth's TOTP method names the user by `name` and `domain`, where the
 * Huawei SDK sends its `id`: both are served.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { systemContext } from '../../../src/core/principal.js';
import { PlainPassword } from '../../../src/core/secrets.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { requireTool } from '../../support/tools.js';
import { codeAt, consecutiveCodes } from '../../support/totp.js';

const OPENSTACK = '/usr/bin/openstack';
const run = promisify(execFile);
const PASSWORD = 'OsMfa#Pass2024';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

describe('openstack CLI: a token by password + TOTP (v3multifactor), a wrong or reused code refused', () => {
  let server: TestServer;
  let seed: string;
  let userId: string;
  const home = mkdtempSync(join(tmpdir(), 'polyiam-openstack-totp-'));
  const cloudsFile = join(home, 'clouds.yaml');
  const now = () => server.polyiam.testClock!.now();

  /** `openstack --os-cloud <cloud> [--os-passcode code] token issue -f json`, with only this clouds.yaml; never throws */
  async function tokenIssue(cloud: 'mfa' | 'password-only', passcode?: string): Promise<CliResult> {
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, OS_CLIENT_CONFIG_FILE: cloudsFile };
    const args = ['--os-cloud', cloud, ...(passcode === undefined ? [] : ['--os-passcode', passcode]), 'token', 'issue', '-f', 'json'];
    try {
      const { stdout, stderr } = await run(OPENSTACK, args, { env, timeout: 120_000 });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const failure = err as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof failure.code === 'number' ? failure.code : -1, stdout: failure.stdout ?? '', stderr: failure.stderr ?? String(err) };
    }
  }

  const refused = (result: CliResult) => {
    assert.notEqual(result.code, 0, `the CLI should have failed: ${result.stdout}`);
    assert.match(result.stderr, /HTTP 401/);
  };

  before(async () => {
    server = await startTestServer();
    const services = server.polyiam.services;
    const ctx = systemContext(server.root.account.id, server.root.root.user_id, server.root.root.user_name);
    const user = await services.users.create(ctx, { name: 'osmfa' });
    userId = user.id;
    await services.loginProfiles.create(ctx, { id: user.id }, { password: new PlainPassword(PASSWORD), passwordResetRequired: false });
    const created = await services.mfaDevices.create(ctx, { name: 'osmfa-phone', label: 'osmfa-phone', forUser: { id: user.id } });
    seed = created.base32Seed;
    await services.mfaDevices.enable(ctx, { id: user.id }, { id: created.device.id }, ...consecutiveCodes(seed, now()));
    await services.loginProtection.update(ctx, { id: user.id }, { enabled: true, method: 'vmfa' });
    const domain = server.root.account.name;
    const auth = (indent: string) => [`auth_url: ${server.url}/v3`, 'username: osmfa', `password: '${PASSWORD}'`, `user_domain_name: ${domain}`, `domain_name: ${domain}`].map((l) => `${indent}${l}`);
    writeFileSync(
      cloudsFile,
      [
        'clouds:',
        '  mfa:',
        '    auth_type: v3multifactor',
        '    identity_api_version: 3',
        '    auth:',
        '      auth_methods: [v3password, v3totp]',
        ...auth('      '),
        '  password-only:',
        '    auth_type: v3password',
        '    identity_api_version: 3',
        '    auth:',
        ...auth('      '),
        '',
      ].join('\n'),
    );
    // the binding spent this step's and the next one's codes: sign in two steps later
    server.polyiam.testClock!.advance(60_000);
  });
  after(() => server.close());

  it('a wrong code is 401; the right one issues a domain token; the same code again is 401; the password alone is 401', async (t) => {
    if (!requireTool(t, OPENSTACK)) return;
    refused(await tokenIssue('mfa', codeAt(seed, now()) === '000000' ? '111111' : '000000'));
    const code = codeAt(seed, now());
    const issued = await tokenIssue('mfa', code);
    assert.equal(issued.code, 0, issued.stderr);
    const token = JSON.parse(issued.stdout) as { user_id: string; domain_id: string; id: string };
    assert.equal(token.user_id, userId);
    assert.equal(token.domain_id, server.root.account.id);
    const view = await server.polyiam.services.tokens.authenticate(token.id);
    assert.deepEqual(view.claims.methods, ['password', 'totp'], 'the token records both methods');
    assert.equal(view.principal.mfaAuthenticated, true);
    refused(await tokenIssue('mfa', code));
    refused(await tokenIssue('password-only'));
  });
});
