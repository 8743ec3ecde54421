/**
 * The `openstack` CLI (python3-openstackclient 6.0) on Keystone application credentials: a user with
 * no IAM permission makes, lists, shows and deletes its own; `token issue` with `auth_type:
 * v3applicationcredential` (clouds.yaml) gets a token of the credential's project and roles; the
 * credential's tokens die with it, with its user's disabling and at its expiry.
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
import { issueToken, rootToken, send } from './support.js';

const OPENSTACK = existsSync('/usr/bin/openstack') ? '/usr/bin/openstack' : 'openstack';
const run = promisify(execFile);
type Out = { code: number; stdout: string; stderr: string };

describe('openstack CLI: application credentials and their tokens', () => {
  let server: TestServer;
  let available = true;
  const home = mkdtempSync(join(tmpdir(), 'polyiam-openstack-appcred-'));
  const erin = { user: 'erin', password: 'Erin#2024pass', project: 'ops' };

  async function openstack(env: Record<string, string>, ...args: string[]): Promise<Out> {
    try {
      const { stdout, stderr } = await run(OPENSTACK, args, { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, ...env }, timeout: 120_000, cwd: home });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const failure = err as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof failure.code === 'number' ? failure.code : -1, stdout: failure.stdout ?? '', stderr: failure.stderr ?? String(err) };
    }
  }
  const asUser = (who: { user: string; password: string; project?: string }) => {
    const domain = server.root.account.name;
    return {
      OS_AUTH_TYPE: 'password',
      OS_AUTH_URL: `${server.url}/v3`,
      OS_IDENTITY_API_VERSION: '3',
      OS_USERNAME: who.user,
      OS_PASSWORD: who.password,
      OS_USER_DOMAIN_NAME: domain,
      OS_REGION_NAME: 'RegionOne',
      ...(who.project ? { OS_PROJECT_NAME: who.project, OS_PROJECT_DOMAIN_NAME: domain } : { OS_DOMAIN_NAME: domain }),
    };
  };
  /** a clouds.yaml entry `appcred` with the credential (keystoneauth's v3applicationcredential) */
  const asCredential = (id: string, secret: string) => {
    writeFileSync(
      join(home, 'clouds.yaml'),
      `clouds:\n  appcred:\n    auth_type: v3applicationcredential\n    auth:\n      auth_url: ${server.url}/v3\n      application_credential_id: ${id}\n      application_credential_secret: "${secret}"\n    identity_api_version: 3\n    region_name: RegionOne\n`,
    );
    return { OS_CLOUD: 'appcred' };
  };
  const ok = (r: Out) => {
    assert.equal(r.code, 0, r.stderr);
    return r.stdout;
  };
  const json = <T = Record<string, unknown>>(r: Out) => JSON.parse(ok(r)) as T;

  before(async () => {
    server = await startTestServer({ v3Rules: 'keystone' });
  });
  after(() => server.close());

  it('a user makes its own credential with a subset of its roles; a token by it has the project and those roles', async (t) => {
    available = requireTool(t, OPENSTACK);
    if (!available) return;
    const root = asUser({ user: server.root.root.user_name, password: server.root.root.password });
    ok(await openstack(root, 'project', 'create', 'ops'));
    ok(await openstack(root, 'user', 'create', '--password', erin.password, 'erin'));
    ok(await openstack(root, 'role', 'add', '--project', 'ops', '--user', 'erin', 'member'));
    ok(await openstack(root, 'role', 'create', 'auditor'));
    ok(await openstack(root, 'role', 'add', '--project', 'ops', '--user', 'erin', 'auditor'));

    const made = json(await openstack(asUser(erin), 'application', 'credential', 'create', '--role', 'auditor', '--description', 'ci', 'deploy', '-f', 'json'));
    assert.equal(made.name, 'deploy');
    assert.ok(String(made.secret).length >= 64);
    const listed = json<Array<Record<string, unknown>>>(await openstack(asUser(erin), 'application', 'credential', 'list', '-f', 'json'));
    assert.deepEqual(listed.map((c) => c.Name), ['deploy']);
    const shown = json(await openstack(asUser(erin), 'application', 'credential', 'show', 'deploy', '-f', 'json'));
    assert.equal(shown.secret, undefined);
    const dup = await openstack(asUser(erin), 'application', 'credential', 'create', 'deploy');
    assert.match(dup.stderr, /HTTP 409/);

    const token = json(await openstack(asCredential(String(made.id), String(made.secret)), 'token', 'issue', '-f', 'json'));
    const project = json(await openstack(root, 'project', 'show', 'ops', '-f', 'json'));
    assert.equal(token.project_id, project.id);
    const validated = await send(server, 'GET', '/v3/auth/tokens', { token: String(token.id), subject: String(token.id) });
    assert.equal(validated.status, 200, validated.text);
    const body = validated.body.token as unknown as { methods: string[]; roles: Array<{ name: string }>; application_credential: { id: string; restricted: boolean } };
    assert.deepEqual(body.methods, ['application_credential']);
    assert.deepEqual(body.roles.map((r) => r.name), ['auditor']);
    assert.equal(body.application_credential.id, made.id);
    assert.equal(body.application_credential.restricted, true);

    // a restricted credential's token makes no credential (Keystone)
    const again = await send(server, 'POST', `/v3/users/${String(made.user_id ?? shown.user_id)}/application_credentials`, { token: String(token.id), body: { application_credential: { name: 'nested' } } });
    assert.equal(again.status, 403, again.text);

    ok(await openstack(asUser(erin), 'application', 'credential', 'delete', 'deploy'));
    // its token dies with it, at once
    const after = await send(server, 'GET', '/v3/auth/projects', { token: String(token.id) });
    assert.equal(after.status, 401, after.text);
    const refused = await openstack(asCredential(String(made.id), String(made.secret)), 'token', 'issue');
    assert.match(refused.stderr, /HTTP 401/);
  });

  it('a wrong secret, a disabled user and an expired credential are refused; nobody makes one for another user', async (t) => {
    if (!available) return t.skip('openstack is not installed');
    const erinToken = await issueToken(server, 'erin', erin.password, server.root.account.name, false);
    const scoped = await send(server, 'POST', '/v3/auth/tokens', { body: { auth: { identity: { methods: ['token'], token: { id: erinToken.token } }, scope: { project: { name: 'ops', domain: { name: server.root.account.name } } } } } });
    assert.equal(scoped.status, 201, scoped.text);
    const token = scoped.headers.get('x-subject-token')!;
    const userId = erinToken.body.user.id;
    // tempest sends Python's naive `isoformat()`, microseconds included, and expects it back unchanged
    const soon = new Date(server.polyiam.testClock!.now() + 60_000).toISOString().replace('Z', '123');
    const made = await send(server, 'POST', `/v3/users/${userId}/application_credentials`, { token, body: { application_credential: { name: 'short', expires_at: soon, secret: 'my-own-secret' } } });
    assert.equal(made.status, 201, made.text);
    const cred = made.body.application_credential as unknown as { id: string; expires_at: string; secret: string; roles: unknown[] };
    assert.equal(cred.expires_at, soon);
    assert.equal(cred.secret, 'my-own-secret');
    const auth = (secret: string) => ({ auth: { identity: { methods: ['application_credential'], application_credential: { id: cred.id, secret } } } });
    assert.equal((await send(server, 'POST', '/v3/auth/tokens', { body: auth('wrong-secret') })).status, 401);
    const good = await send(server, 'POST', '/v3/auth/tokens', { body: auth('my-own-secret') });
    assert.equal(good.status, 201, good.text);
    const byName = await send(server, 'POST', '/v3/auth/tokens', { body: { auth: { identity: { methods: ['application_credential'], application_credential: { name: 'short', secret: 'my-own-secret', user: { name: 'erin', domain: { name: server.root.account.name } } } } } } });
    assert.equal(byName.status, 201, byName.text);

    const root = await rootToken(server);
    const forOther = await send(server, 'POST', `/v3/users/${userId}/application_credentials`, { token: root, body: { application_credential: { name: 'by-root' } } });
    assert.equal(forOther.status, 403, forOther.text);

    server.polyiam.testClock!.advance(61_000);
    assert.equal((await send(server, 'POST', '/v3/auth/tokens', { body: auth('my-own-secret') })).status, 401);
    assert.equal((await send(server, 'GET', '/v3/auth/projects', { token: good.headers.get('x-subject-token')! })).status, 401);

    const lasting = await send(server, 'POST', `/v3/users/${userId}/application_credentials`, { token, body: { application_credential: { name: 'lasting', secret: 'lasting-secret' } } });
    assert.equal(lasting.status, 201, lasting.text);
    const lastingId = (lasting.body.application_credential as unknown as { id: string }).id;
    const disabled = await send(server, 'PATCH', `/v3/users/${userId}`, { token: root, body: { user: { enabled: false } } });
    assert.equal(disabled.status, 200, disabled.text);
    const refused = await send(server, 'POST', '/v3/auth/tokens', { body: { auth: { identity: { methods: ['application_credential'], application_credential: { id: lastingId, secret: 'lasting-secret' } } } } });
    assert.equal(refused.status, 401, refused.text);
  });
});
