/**
 * The `openstack` CLI (python3-openstackclient 6.0) on Keystone credentials: `ec2 credentials
 * create/list/show/delete` (by the root and by a user with no permission, on its own), `credential
 * create/list/show/set/delete` (ec2 and totp), and an EC2 credential signing AWS IAM calls (the AWS SDK).
 * @see #16
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ListAccessKeysCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../../support/server.js';
import { requireTool } from '../../support/tools.js';
import { awsClient, rootKeys } from '../aws/support.js';

const OPENSTACK = existsSync('/usr/bin/openstack') ? '/usr/bin/openstack' : 'openstack';
const run = promisify(execFile);

interface Who {
  user: string;
  password: string;
  project?: string;
}
type Out = { code: number; stdout: string; stderr: string };

describe('openstack CLI: EC2 credentials and /v3/credentials on the core access keys', () => {
  let server: TestServer;
  let root: Who;
  let erin: Who;
  let available = true;
  const home = mkdtempSync(join(tmpdir(), 'polyiam-openstack-credentials-'));

  async function openstack(who: Who, ...args: string[]): Promise<Out> {
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
      OS_REGION_NAME: 'RegionOne',
      ...(who.project ? { OS_PROJECT_NAME: who.project, OS_PROJECT_DOMAIN_NAME: domain } : { OS_DOMAIN_NAME: domain }),
    };
    try {
      const { stdout, stderr } = await run(OPENSTACK, args, { env, timeout: 120_000 });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const failure = err as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof failure.code === 'number' ? failure.code : -1, stdout: failure.stdout ?? '', stderr: failure.stderr ?? String(err) };
    }
  }
  const ok = (r: Out) => {
    assert.equal(r.code, 0, r.stderr);
    return r.stdout;
  };
  const json = <T = Record<string, unknown>>(r: Out) => JSON.parse(ok(r)) as T;

  before(async () => {
    server = await startTestServer({ v3Rules: 'keystone' });
    root = { user: server.root.root.user_name, password: server.root.root.password };
    erin = { user: 'erin', password: 'Erin#2024pass', project: 'ops' };
  });
  after(() => server.close());

  it('ec2 credentials create for the root signs AWS IAM calls, and is one of its access keys', async (t) => {
    available = requireTool(t, OPENSTACK);
    if (!available) return;
    ok(await openstack(root, 'project', 'create', 'ops'));
    ok(await openstack(root, 'user', 'create', '--password', erin.password, '--project', 'ops', 'erin'));
    ok(await openstack(root, 'role', 'add', '--project', 'ops', '--user', 'erin', 'member'));

    const made = json(await openstack(root, 'ec2', 'credentials', 'create', '--project', 'ops', '-f', 'json'));
    const access = String(made.access);
    assert.ok(access.length > 0 && String(made.secret).length > 0);
    assert.equal(made.project_id, (json(await openstack(root, 'project', 'show', 'ops', '-f', 'json')) as { id: string }).id);

    const iam = awsClient(server, { ak: access, sk: String(made.secret) });
    const users = await iam.send(new ListUsersCommand({}));
    assert.ok(users.Users?.some((u) => u.UserName === 'erin'));
    const keys = await awsClient(server, rootKeys(server)).send(new ListAccessKeysCommand({}));
    assert.ok(keys.AccessKeyMetadata?.some((k) => k.AccessKeyId === access));

    const listed = json<Array<Record<string, unknown>>>(await openstack(root, 'ec2', 'credentials', 'list', '-f', 'json'));
    assert.deepEqual(listed.map((c) => c.Access), [access]);
    const shown = json(await openstack(root, 'ec2', 'credentials', 'show', access, '-f', 'json'));
    assert.equal(shown.secret, made.secret);

    ok(await openstack(root, 'ec2', 'credentials', 'delete', access));
    assert.deepEqual(json<unknown[]>(await openstack(root, 'ec2', 'credentials', 'list', '-f', 'json')), []);
    await assert.rejects(iam.send(new ListUsersCommand({})), (err: Error) => err.name === 'InvalidClientTokenId');
  });

  it('a user with no permission manages its own EC2 credentials, and nobody else\'s', async (t) => {
    if (!available) return t.skip('openstack is not installed');
    const made = json(await openstack(erin, 'ec2', 'credentials', 'create', '-f', 'json'));
    const listed = json<Array<Record<string, unknown>>>(await openstack(erin, 'ec2', 'credentials', 'list', '-f', 'json'));
    assert.deepEqual(listed.map((c) => c.Access), [made.access]);
    const other = await openstack(erin, 'ec2', 'credentials', 'create', '--user', server.root.root.user_name);
    assert.notEqual(other.code, 0);
    // the CLI looks the user up by name first: reading another user is what erin may not do
    assert.match(other.stderr, /HTTP 403|No user with a name or ID/);
    ok(await openstack(erin, 'ec2', 'credentials', 'delete', String(made.access)));
    assert.deepEqual(json<unknown[]>(await openstack(erin, 'ec2', 'credentials', 'list', '-f', 'json')), []);
  });

  it('credential create/list/show/set/delete: an ec2 blob is an access key, a totp blob is kept sealed', async (t) => {
    if (!available) return t.skip('openstack is not installed');
    const blob = JSON.stringify({ access: 'erin-cli-access-1', secret: 'Secret-of-erin-1' });
    const ec2 = json(await openstack(root, 'credential', 'create', '--type', 'ec2', '--project', 'ops', 'erin', blob, '-f', 'json'));
    assert.equal(ec2.type, 'ec2');
    // Keystone's id of an ec2 credential: the sha256 of its access id
    assert.equal(ec2.id, createHash('sha256').update('erin-cli-access-1').digest('hex'));
    const totp = json(await openstack(root, 'credential', 'create', '--type', 'totp', 'erin', 'JBSWY3DPEHPK3PXP', '-f', 'json'));
    assert.equal(totp.blob, 'JBSWY3DPEHPK3PXP');

    const all = json<Array<Record<string, unknown>>>(await openstack(root, 'credential', 'list', '-f', 'json'));
    assert.deepEqual(all.map((c) => c.Type).sort(), ['ec2', 'totp']);
    const onlyEc2 = json<Array<Record<string, unknown>>>(await openstack(root, 'credential', 'list', '--type', 'ec2', '-f', 'json'));
    assert.deepEqual(onlyEc2.map((c) => c.ID), [ec2.id]);

    const iam = awsClient(server, { ak: 'erin-cli-access-1', sk: 'Secret-of-erin-1' });
    // erin has no IAM permission: a refusal, not a bad signature, proves the key signs
    await assert.rejects(iam.send(new ListUsersCommand({})), (err: Error) => err.name === 'AccessDenied');

    const next = JSON.stringify({ access: 'erin-cli-access-2', secret: 'Secret-of-erin-2' });
    ok(await openstack(root, 'credential', 'set', '--type', 'ec2', '--data', next, '--project', 'ops', '--user', 'erin', String(ec2.id)));
    const shown = json(await openstack(root, 'credential', 'show', String(ec2.id), '-f', 'json'));
    assert.equal(JSON.parse(String(shown.blob)).access, 'erin-cli-access-2');
    await assert.rejects(iam.send(new ListUsersCommand({})), (err: Error) => err.name === 'InvalidClientTokenId');

    ok(await openstack(root, 'credential', 'delete', String(ec2.id), String(totp.id)));
    assert.deepEqual(json<unknown[]>(await openstack(root, 'credential', 'list', '-f', 'json')), []);
    const missing = await openstack(root, 'credential', 'show', String(ec2.id));
    assert.match(missing.stderr, /HTTP 404|Could not find resource/);
  });
});
