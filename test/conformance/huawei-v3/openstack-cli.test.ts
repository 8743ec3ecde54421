/**
 * The `openstack` CLI from Debian's python3-openstackclient (6.0, installed by .ci/run) against a real
 * server on loopback: keystoneauth discovers /v3, signs in with the password method, finds the
 * identity endpoint in the token's catalog and drives the users and groups API. `/usr/bin/openstack`
 * by absolute path where it exists, like the AWS CLI test.
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
import { send } from './support.js';

const OPENSTACK = existsSync('/usr/bin/openstack') ? '/usr/bin/openstack' : 'openstack';
const run = promisify(execFile);

interface Credentials {
  user: string;
  password: string;
  /** domain scope; unscoped when false */
  scoped?: boolean;
}

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

describe('openstack CLI (python3-openstackclient 6.0) against polyiam', () => {
  let server: TestServer;
  let root: Credentials;
  let available = true;
  const home = mkdtempSync(join(tmpdir(), 'polyiam-openstack-'));

  /** `openstack <args>` with only OS_* settings from here (no clouds.yaml); never throws */
  async function openstack(who: Credentials, ...args: string[]): Promise<CliResult> {
    const domain = server.root.account.name;
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      OS_AUTH_TYPE: 'password',
      OS_AUTH_URL: `${server.url}/v3`,
      OS_IDENTITY_API_VERSION: '3',
      OS_USERNAME: who.user,
      OS_PASSWORD: who.password,
      OS_USER_DOMAIN_NAME: domain,
      ...(who.scoped === false ? {} : { OS_DOMAIN_NAME: domain }),
    };
    try {
      const { stdout, stderr } = await run(OPENSTACK, args, { env, timeout: 120_000 });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const failure = err as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof failure.code === 'number' ? failure.code : -1, stdout: failure.stdout ?? '', stderr: failure.stderr ?? String(err) };
    }
  }

  const ok = (result: CliResult): string => {
    assert.equal(result.code, 0, result.stderr);
    return result.stdout;
  };
  const json = (result: CliResult): Record<string, unknown> => JSON.parse(ok(result)) as Record<string, unknown>;
  const fails = (result: CliResult, message: RegExp) => {
    assert.notEqual(result.code, 0, `the CLI should have failed: ${result.stdout}`);
    assert.match(result.stderr, message);
  };

  before(async () => {
    server = await startTestServer();
    root = { user: server.root.root.user_name, password: server.root.root.password };
  });
  after(() => server.close());

  it('openstack token issue: domain-scoped and unscoped, as the root (the user named after its account)', async (t) => {
    available = requireTool(t, OPENSTACK);
    if (!available) return;
    const scoped = json(await openstack(root, 'token', 'issue', '-f', 'json'));
    assert.equal(scoped.user_id, server.root.root.user_id);
    assert.equal(scoped.domain_id, server.root.account.id);
    assert.match(String(scoped.id), /^[A-Za-z0-9_-]{100,}$/);
    assert.ok(Date.parse(String(scoped.expires)) > Date.now());
    const unscoped = json(await openstack({ ...root, scoped: false }, 'token', 'issue', '-f', 'json'));
    assert.equal(unscoped.user_id, server.root.root.user_id);
    assert.equal(unscoped.domain_id, undefined);
  });

  it('openstack user create --password, user list, user show, user set, user delete', async (t) => {
    if (!available) return t.skip('openstack is not installed');
    const created = json(await openstack(root, 'user', 'create', '--password', 'Alice#2024pw', '--description', 'made by the CLI', '--domain', server.root.account.name, 'alice', '-f', 'json'));
    assert.equal(created.name, 'alice');
    assert.equal(created.domain_id, server.root.account.id);
    assert.equal(created.description, 'made by the CLI');
    assert.equal(created.enabled, true);
    assert.equal(created.pwd_status, true, 'created with a password: it must be changed first');

    const listed = JSON.parse(ok(await openstack(root, 'user', 'list', '-f', 'json'))) as Array<{ ID: string; Name: string }>;
    assert.deepEqual(listed.map((u) => u.Name).sort(), ['acme', 'alice']);
    const inDomain = JSON.parse(ok(await openstack(root, 'user', 'list', '--domain', server.root.account.name, '-f', 'json'))) as Array<{ Name: string }>;
    assert.equal(inDomain.length, 2);

    const shown = json(await openstack(root, 'user', 'show', 'alice', '-f', 'json'));
    assert.equal(shown.id, created.id);

    ok(await openstack(root, 'user', 'set', '--description', 'changed', '--disable', 'alice'));
    const changed = json(await openstack(root, 'user', 'show', String(created.id), '-f', 'json'));
    assert.equal(changed.description, 'changed');
    assert.equal(changed.enabled, false);
    ok(await openstack(root, 'user', 'set', '--enable', '--name', 'alice2', 'alice'));
    assert.equal(json(await openstack(root, 'user', 'show', 'alice2', '-f', 'json')).enabled, true);

    fails(await openstack(root, 'user', 'create', 'ACME'), /HTTP 409/);
    fails(await openstack(root, 'user', 'create', '--password', 'short', 'weak'), /password policy.*HTTP 400/);

    ok(await openstack(root, 'user', 'delete', 'alice2'));
    fails(await openstack(root, 'user', 'show', 'alice2'), /No user with a name or ID of 'alice2' exists/);
  });

  it('openstack group create, group add user, group contains user', async (t) => {
    if (!available) return t.skip('openstack is not installed');
    ok(await openstack(root, 'user', 'create', 'bob'));
    ok(await openstack(root, 'user', 'create', 'carol'));
    const group = json(await openstack(root, 'group', 'create', '--description', 'developers', 'devs', '-f', 'json'));
    assert.equal(group.name, 'devs');
    assert.equal(group.domain_id, server.root.account.id);
    ok(await openstack(root, 'group', 'add', 'user', 'devs', 'bob'));
    const contains = await openstack(root, 'group', 'contains', 'user', 'devs', 'bob');
    assert.match(ok(contains) + contains.stderr, /bob in group devs/);
    const missing = await openstack(root, 'group', 'contains', 'user', 'devs', 'carol');
    assert.match(missing.stdout + missing.stderr, /carol not in group devs/);
    fails(await openstack(root, 'group', 'create', 'DEVS'), /HTTP 409/);
  });

  it('openstack user password set: a new user changes the password it was given, then signs in fully', async (t) => {
    if (!available) return t.skip('openstack is not installed');
    ok(await openstack(root, 'user', 'create', '--password', 'Dave#2024temp', 'dave'));
    const dave = { user: 'dave', password: 'Dave#2024temp' };
    fails(await openstack(dave, 'user', 'list'), /must be changed.*HTTP 403/);
    ok(await openstack(dave, 'user', 'password', 'set', '--original-password', 'Dave#2024temp', '--password', 'Dave#2024mine'));
    fails(await openstack(dave, 'token', 'issue'), /HTTP 401/);
    const mine = json(await openstack({ user: 'dave', password: 'Dave#2024mine' }, 'token', 'issue', '-f', 'json'));
    assert.equal(mine.user_id, json(await openstack(root, 'user', 'show', 'dave', '-f', 'json')).id);
    fails(await openstack({ user: 'dave', password: 'Dave#2024mine' }, 'user', 'list'), /not authorized.*HTTP 403/);
  });

  it('openstack token revoke: the revoked token stops working', async (t) => {
    if (!available) return t.skip('openstack is not installed');
    const issued = json(await openstack(root, 'token', 'issue', '-f', 'json'));
    const token = String(issued.id);
    assert.equal((await send(server, 'GET', '/v3/users', { token })).status, 200);
    ok(await openstack(root, 'token', 'revoke', token));
    assert.equal((await send(server, 'GET', '/v3/users', { token })).status, 401);
  });
});
