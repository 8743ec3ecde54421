/**
 * @see #17 Volcengine ListRoles, ListPolicies and ListGroups page by Limit/Offset; they no longer read the
 * whole list and slice it: the store seeks by keyset (core/users/offset-pages.ts remembers where each
 * served page ends) and counts `Total`. Through @volcengine/openapi: a walk sees every row once in
 * order, a page ending at the last row, a deep offset asked first, a delete seen in the next page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { iam } from '@volcengine/openapi';
import { startTestServer, type TestServer } from '../../support/server.js';
import { ok, volc, volcClient } from './support.js';

const doc = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: ['iam:GetUser'], Resource: ['*'] }] });
const pad = (i: number) => String(i).padStart(2, '0');

interface Walk {
  action: string;
  /** the list's key in `Result` and the name field of its items */
  items: string;
  name: string;
  params?: Record<string, unknown>;
}

describe('volcengine ListRoles, ListPolicies, ListGroups: Limit/Offset walks through @volcengine/openapi', () => {
  let server: TestServer;
  let client: iam.IamService;
  let account: string;

  before(async () => {
    server = await startTestServer();
    const other = await server.createAccount('lists');
    client = volcClient(server, { ak: other.root.access_key_id, sk: other.root.secret_access_key });
    account = String((await server.polyiam.services.accounts.findById(other.account.id))!.numericId);
    const trust = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Principal: { IAM: [`trn:iam::${account}:root`] } }] });
    for (let i = 0; i < 12; i++) {
      ok(await volc(client, 'CreateRole', { RoleName: `r${pad(i)}`, TrustPolicyDocument: trust, Description: i % 3 === 0 ? 'Deploys builds' : '' }));
      ok(await volc(client, 'CreatePolicy', { PolicyName: `p${pad(i)}`, PolicyDocument: doc }));
      ok(await volc(client, 'CreateGroup', { UserGroupName: `g${pad(i)}`, Description: i % 3 === 0 ? 'Deploys builds' : '' }));
    }
  });
  after(() => server.close());

  const page = async (walk: Walk, offset: number, limit: number) => {
    const result = ok<Record<string, unknown>>(await volc(client, walk.action, { ...walk.params, Limit: limit, Offset: offset }));
    return { names: (result[walk.items] as Array<Record<string, string>>).map((item) => item[walk.name]!), total: result.Total as number, limit: result.Limit, offset: result.Offset };
  };

  const walks: Walk[] = [
    { action: 'ListRoles', items: 'RoleMetadata', name: 'RoleName' },
    { action: 'ListPolicies', items: 'PolicyMetadata', name: 'PolicyName', params: { Scope: 'Custom' } },
    { action: 'ListGroups', items: 'UserGroups', name: 'UserGroupName' },
  ];

  for (const walk of walks) {
    it(`${walk.action}: a walk by Offset sees every row once in order; the last page ends at the last row; a deep offset first`, async () => {
      const prefix = walk.name === 'RoleName' ? 'r' : walk.name === 'PolicyName' ? 'p' : 'g';
      // every account has the `admin` group (Security Administrator rights)
      const all = [...(prefix === 'g' ? ['admin'] : []), ...Array.from({ length: 12 }, (_, i) => `${prefix}${pad(i)}`)];
      const seen: string[] = [];
      for (let offset = 0; offset < all.length; offset += 4) {
        const got = await page(walk, offset, 4);
        assert.equal(got.total, all.length);
        assert.equal(got.limit, 4);
        assert.equal(got.offset, offset);
        seen.push(...got.names);
      }
      assert.deepEqual(seen, all);
      assert.deepEqual((await page(walk, all.length, 4)).names, []);
      assert.deepEqual((await page(walk, 9, 2)).names, all.slice(9, 11));
      assert.deepEqual((await page(walk, 9, 2)).names, all.slice(9, 11));
    });
  }

  it('a delete shows in the next page and Total at once', async () => {
    const roles = walks[0]!;
    assert.deepEqual((await page(roles, 4, 2)).names, ['r04', 'r05']);
    ok(await volc(client, 'DeleteRole', { RoleName: 'r01' }));
    const after = await page(roles, 4, 2);
    assert.deepEqual(after.names, ['r05', 'r06']);
    assert.equal(after.total, 11);
    const groups = walks[2]!;
    assert.deepEqual((await page(groups, 4, 2)).names, ['g03', 'g04']);
    ok(await volc(client, 'DeleteGroup', { UserGroupName: 'g01' }));
    assert.deepEqual((await page(groups, 4, 2)).names, ['g04', 'g05']);
    ok(await volc(client, 'CreateGroup', { UserGroupName: 'g01a' }));
    assert.deepEqual((await page(groups, 4, 2)).names, ['g03', 'g04']);
  });

  it('Query filters in the store before paging, with its own Total', async () => {
    const roles = await page({ ...walks[0]!, params: { Query: 'BUILDS' } }, 0, 2);
    assert.deepEqual(roles.names, ['r00', 'r03']);
    assert.equal(roles.total, 4);
    const groups = await page({ ...walks[2]!, params: { Query: 'builds' } }, 2, 2);
    assert.deepEqual(groups.names, ['g06', 'g09']);
    assert.equal(groups.total, 4);
  });

  it('ListPolicies without Scope pages system and custom policies together, by name', async () => {
    const whole: string[] = [];
    let total = 0;
    for (let offset = 0; ; offset += 50) {
      const got = await page({ action: 'ListPolicies', items: 'PolicyMetadata', name: 'PolicyName' }, offset, 50);
      total = got.total;
      whole.push(...got.names);
      if (got.names.length < 50) break;
    }
    assert.equal(whole.length, total);
    assert.equal(new Set(whole).size, whole.length);
    assert.ok(whole.includes('p00') && whole.includes('p11'));
    const sorted = [...whole].sort((a, b) => Buffer.compare(Buffer.from(a.toLowerCase()), Buffer.from(b.toLowerCase())));
    assert.deepEqual(whole, sorted);
  });
});
