/**
 * @see #17 Keystone GET /v3/users and /v3/groups never hold the whole list: unpaged (what the Huawei SDK
 * and the openstack CLI ask) the list streams out a store page at a time, the same document as before;
 * with Keystone's `limit`/`marker` (Keystone 2025.1 pagination, which no SDK here sends: raw HTTP) one
 * page, `links.next` and `"truncated": true` while more remain, and Keystone's 404 for a marker that
 * names no row.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { GlobalCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import { IamClient, KeystoneListGroupsRequest, KeystoneListUsersRequest } from '@huaweicloud/huaweicloud-sdk-iam/v3/public-api.js';
import { systemContext } from '../../../src/core/principal.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { requireTool } from '../../support/tools.js';
import { expectError, rootToken, send, type Json } from './support.js';

const require = createRequire(import.meta.url);
(require('@huaweicloud/huaweicloud-sdk-core/logger/log4jLogger') as { Logger4jInstance: { level: string } }).Logger4jInstance.level = 'off';
const OPENSTACK = existsSync('/usr/bin/openstack') ? '/usr/bin/openstack' : 'openstack';

/** more than two store pages of 500, so the unpaged list streams */
const USERS = 1_050;
const GROUPS = 12;

type Page = Json & { links: { self: string; previous: null; next: string | null }; truncated?: boolean };

describe('huawei-v3 lists: streamed whole, or paged by Keystone limit/marker', () => {
  let server: TestServer;
  let token: string;
  let client: IamClient;
  /** every user's name, in the list's order (lowercased name; the root among them) */
  let expected: string[];
  let groupNames: string[];

  before(async () => {
    server = await startTestServer();
    const ctx = systemContext(server.root.account.id, server.root.root.user_id, server.root.root.user_name);
    const { users, groups } = server.polyiam.services;
    for (let i = 0; i < USERS; i++) await users.create(ctx, { name: `user-${String(i).padStart(4, '0')}` });
    for (let i = 0; i < GROUPS; i++) await groups.create(ctx, { name: `team-${String(i).padStart(2, '0')}` });
    expected = [server.root.root.user_name, ...Array.from({ length: USERS }, (_, i) => `user-${String(i).padStart(4, '0')}`)].sort((a, b) =>
      Buffer.compare(Buffer.from(a.toLowerCase()), Buffer.from(b.toLowerCase())),
    );
    groupNames = (await groups.list(ctx, { limit: 1000 })).items.map((g) => g.name);
    token = await rootToken(server);
    const credentials = new GlobalCredentials().withAk(server.root.root.access_key_id).withSk(server.root.root.secret_access_key).withDomainId(server.root.account.id);
    client = IamClient.newBuilder().withCredential(credentials).withEndpoint(server.url).build();
  });
  after(() => server.close());

  const get = async (path: string) => (await send(server, 'GET', path, { token })).body as Page;

  it('the Huawei SDK keystoneListUsers gets every user of a streamed list, in order, with Keystone links', async () => {
    const listed = (await client.keystoneListUsers(new KeystoneListUsersRequest())) as unknown as Page & { httpStatusCode: number };
    assert.equal(listed.httpStatusCode, 200);
    assert.deepEqual(listed.users!.map((u) => u.name), expected);
    assert.deepEqual(listed.links, { self: `${server.url}/v3/users`, previous: null, next: null });
    assert.equal(listed.truncated, undefined);
    const reply = await send(server, 'GET', '/v3/users', { token });
    assert.equal(reply.headers.get('content-type'), 'application/json');
    assert.equal(reply.headers.get('transfer-encoding'), 'chunked', 'written out as it is read, not buffered whole');
  });

  it('the Huawei SDK keystoneListGroups: a list of one store page answers as before', async () => {
    const listed = (await client.keystoneListGroups(new KeystoneListGroupsRequest())) as unknown as Page & { httpStatusCode: number };
    assert.deepEqual(listed.groups!.map((g) => g.name), groupNames);
    const reply = await send(server, 'GET', '/v3/groups', { token });
    assert.equal(reply.headers.get('content-length'), String(Buffer.byteLength(reply.text)));
  });

  it('the openstack CLI lists every user of the streamed list', async (t) => {
    if (!requireTool(t, OPENSTACK)) return;
    const domain = server.root.account.name;
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: mkdtempSync(join(tmpdir(), 'polyiam-openstack-')),
      OS_AUTH_TYPE: 'password',
      OS_AUTH_URL: `${server.url}/v3`,
      OS_IDENTITY_API_VERSION: '3',
      OS_USERNAME: server.root.root.user_name,
      OS_PASSWORD: server.root.root.password,
      OS_USER_DOMAIN_NAME: domain,
      OS_DOMAIN_NAME: domain,
    };
    const { stdout } = await promisify(execFile)(OPENSTACK, ['user', 'list', '-f', 'json'], { env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
    const names = (JSON.parse(stdout) as Array<{ Name: string }>).map((u) => u.Name);
    assert.deepEqual(names, expected);
  });

  it('limit pages follow links.next to the end: each page full, truncated until the last, nothing twice', async () => {
    const seen: string[] = [];
    let path: string | null = '/v3/users?limit=400';
    let pages = 0;
    while (path !== null) {
      const page: Page = await get(path);
      pages++;
      seen.push(...page.users!.map((u) => u.name));
      if (page.links.next === null) {
        assert.equal(page.truncated, undefined);
        path = null;
      } else {
        assert.equal(page.users!.length, 400);
        assert.equal(page.truncated, true);
        const next = new URL(page.links.next);
        assert.equal(next.searchParams.get('marker'), page.users!.at(-1)!.id, 'Keystone: the marker is the id of the last entry');
        assert.equal(next.searchParams.get('limit'), '400');
        path = `${next.pathname}${next.search}`;
      }
    }
    assert.equal(pages, 3);
    assert.deepEqual(seen, expected);
  });

  it('a page ending at the last row has no next link; limit is capped at Keystone max_db_limit (1000)', async () => {
    const whole = await get(`/v3/users?limit=${expected.length}`);
    assert.equal(whole.users!.length, expected.length === 1051 ? 1000 : expected.length);
    const lastFull = await get(`/v3/users?limit=${expected.length - 1000}&marker=${(await get('/v3/users?limit=1000')).users!.at(-1)!.id}`);
    assert.deepEqual(lastFull.users!.map((u) => u.name), expected.slice(1000));
    assert.equal(lastFull.links.next, null);
    assert.equal(lastFull.truncated, undefined);
    const capped = await get('/v3/users?limit=5000');
    assert.equal(capped.users!.length, 1000);
    assert.equal(capped.truncated, true);
  });

  it('a marker continues after its row when rows after it were deleted; a deleted marker is Keystone 404', async () => {
    const ctx = systemContext(server.root.account.id, server.root.root.user_id, server.root.root.user_name);
    const first = await get('/v3/groups?limit=3');
    assert.deepEqual(first.groups!.map((g) => g.name), groupNames.slice(0, 3));
    await server.polyiam.services.groups.delete(ctx, { name: groupNames[3]! }, { cascade: true });
    const second = await get(`/v3/groups?limit=3&marker=${first.groups!.at(-1)!.id}`);
    assert.deepEqual(second.groups!.map((g) => g.name), groupNames.slice(4, 7));
    await server.polyiam.services.groups.delete(ctx, { name: groupNames[6]! }, { cascade: true });
    const gone = await send(server, 'GET', `/v3/groups?limit=3&marker=${second.groups!.at(-1)!.id}`, { token });
    expectError(gone, 404, /marker `[0-9a-f]+` could not be found/);
  });

  it('role_assignments include_names names a user past the account\'s first 1,000; a new grant shows at once', async () => {
    const ctx = systemContext(server.root.account.id, server.root.root.user_id, server.root.root.user_name);
    const { users, grants, keystoneRoles } = server.polyiam.services;
    const last = (await users.list(ctx, { limit: 1, name: 'user-1049' })).items[0]!;
    const member = (await keystoneRoles.all(server.root.account.id)).find((r) => r.name === 'member')!;
    const before = (await get('/v3/role_assignments?include_names=true')).role_assignments as unknown[];
    await grants.grant(ctx, { actorType: 'user', actorId: last.id, targetType: 'domain', targetId: server.root.account.id, roleId: member.id, inherited: false });
    const listed = (await get('/v3/role_assignments?include_names=true')).role_assignments as Array<{ user?: { id: string; name: string }; role: { name: string } }>;
    assert.equal(listed.length, before.length + 1);
    const row = listed.find((a) => a.user?.id === last.id);
    assert.equal(row?.user?.name, 'user-1049');
    assert.equal(row?.role.name, 'member');
  });

  it('filters apply before paging; a bad limit is a 400', async () => {
    const named = await get('/v3/users?name=USER-0007&limit=1');
    assert.deepEqual(named.users!.map((u) => u.name), ['user-0007']);
    assert.equal(named.links.next, null);
    expectError(await send(server, 'GET', '/v3/users?limit=ten', { token }), 400, /limit/);
    expectError(await send(server, 'GET', '/v3/users?marker=', { token }), 400, /marker/);
  });
});
