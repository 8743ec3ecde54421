/**
 * The `openstack` CLI (python3-openstackclient 6.0) on Keystone projects, roles and grants: project
 * create/list/show/set/delete, role create/list, role add/remove with role assignment list, a
 * project-scoped token, and catalog list.
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

interface Who {
  user: string;
  password: string;
  /** project scope by name; domain scope otherwise */
  project?: string;
}

describe('openstack CLI: projects, roles, role assignments, project-scoped tokens', () => {
  let server: TestServer;
  let root: Who;
  let available = true;
  const home = mkdtempSync(join(tmpdir(), 'polyiam-openstack-projects-'));

  async function openstack(who: Who, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
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
  const ok = (r: { code: number; stdout: string; stderr: string }) => {
    assert.equal(r.code, 0, r.stderr);
    return r.stdout;
  };
  const json = <T = Record<string, unknown>>(r: { code: number; stdout: string; stderr: string }) => JSON.parse(ok(r)) as T;

  before(async () => {
    server = await startTestServer();
    root = { user: server.root.root.user_name, password: server.root.root.password };
  });
  after(() => server.close());

  it('project create, list, show, set, delete; a duplicate name is a 409', async (t) => {
    available = requireTool(t, OPENSTACK);
    if (!available) return;
    const made = json(await openstack(root, 'project', 'create', '--description', 'first', '--tag', 'blue', '--domain', server.root.account.name, 'alpha', '-f', 'json'));
    assert.equal(made.name, 'alpha');
    assert.equal(made.domain_id, server.root.account.id);
    assert.equal(made.parent_id, server.root.account.id);
    assert.equal(made.enabled, true);
    json(await openstack(root, 'project', 'create', '--parent', 'alpha', 'beta', '-f', 'json'));
    const listed = json<Array<{ Name: string }>>(await openstack(root, 'project', 'list', '-f', 'json'));
    assert.deepEqual(listed.map((p) => p.Name).sort(), ['alpha', 'beta']);
    const tagged = json<Array<{ Name: string }>>(await openstack(root, 'project', 'list', '--tags', 'blue', '-f', 'json'));
    assert.deepEqual(tagged.map((p) => p.Name), ['alpha']);
    ok(await openstack(root, 'project', 'set', '--description', 'changed', '--disable', 'beta'));
    const beta = json(await openstack(root, 'project', 'show', 'beta', '-f', 'json'));
    assert.equal(beta.description, 'changed');
    assert.equal(beta.enabled, false);
    const dup = await openstack(root, 'project', 'create', 'ALPHA');
    assert.notEqual(dup.code, 0);
    assert.match(dup.stderr, /HTTP 409/);
    ok(await openstack(root, 'project', 'delete', 'beta'));
    assert.equal(json<unknown[]>(await openstack(root, 'project', 'list', '-f', 'json')).length, 1);
  });

  it('role create, role add to a user on a project, role assignment list --names, a project-scoped token', async (t) => {
    if (!available) return t.skip('openstack is not installed');
    ok(await openstack(root, 'project', 'create', 'gamma'));
    ok(await openstack(root, 'user', 'create', '--password', 'Erin#2024pass', 'erin'));
    ok(await openstack(root, 'user', 'set', '--password', 'Erin#2024mine', 'erin'));
    const roles = json<Array<{ Name: string }>>(await openstack(root, 'role', 'list', '-f', 'json'));
    for (const name of ['admin', 'member', 'reader', 'secu_admin']) assert.ok(roles.some((r) => r.Name === name), name);
    json(await openstack(root, 'role', 'create', 'auditor', '-f', 'json'));
    ok(await openstack(root, 'role', 'add', '--project', 'gamma', '--user', 'erin', 'member'));
    const assignments = json<Array<{ Role: string; User: string; Project: string }>>(await openstack(root, 'role', 'assignment', 'list', '--user', 'erin', '--names', '-f', 'json'));
    assert.equal(assignments.length, 1);
    assert.equal(assignments[0]!.Role, 'member');
    assert.match(assignments[0]!.User, /^erin@/);
    assert.match(assignments[0]!.Project, /^gamma@/);
    const erin = { user: 'erin', password: 'Erin#2024mine', project: 'gamma' };
    const token = json(await openstack(erin, 'token', 'issue', '-f', 'json'));
    assert.ok(token.project_id);
    const denied = await openstack({ ...erin, project: 'alpha' }, 'token', 'issue');
    assert.match(denied.stderr, /HTTP 401/);
    ok(await openstack(root, 'role', 'remove', '--project', 'gamma', '--user', 'erin', 'member'));
    assert.equal(json<unknown[]>(await openstack(root, 'role', 'assignment', 'list', '--user', 'erin', '-f', 'json')).length, 0);
  });

  it('catalog list: the identity service in RegionOne', async (t) => {
    if (!available) return t.skip('openstack is not installed');
    const catalog = json<Array<{ Name: string; Type: string; Endpoints: string | unknown[] }>>(await openstack(root, 'catalog', 'list', '-f', 'json'));
    const identity = catalog.find((c) => c.Type === 'identity');
    assert.ok(identity);
    assert.match(JSON.stringify(identity.Endpoints), /RegionOne/);
  });
});
