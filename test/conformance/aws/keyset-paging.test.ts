/**
 * @see #17 AWS ListRoles, ListGroups (with and without PathPrefix) and ListPolicies page by keyset in the
 * store. Through @aws-sdk/client-iam's paginators (Marker/MaxItems followed by the SDK): every row once,
 * in order; a page that ends at the last row says IsTruncated false; a Marker whose row was deleted since
 * continues after its place.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  ListGroupsCommand,
  ListRolesCommand,
  paginateListGroups,
  paginateListPolicies,
  paginateListRoles,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient, expectAwsError, rootKeys } from './support.js';

const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const DOC = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }] });
const pad = (i: number) => String(i).padStart(2, '0');

async function collect<T>(pages: AsyncIterable<T>, items: (page: T) => string[]): Promise<{ names: string[]; pages: number }> {
  const names: string[] = [];
  let count = 0;
  for await (const page of pages) {
    count++;
    names.push(...items(page));
  }
  return { names, pages: count };
}

describe('aws keyset paging through @aws-sdk/client-iam paginators', () => {
  let server: TestServer;
  let client: IAMClient;

  before(async () => {
    server = await startTestServer();
    client = awsClient(server, rootKeys(server));
    for (let i = 0; i < 10; i++) {
      await client.send(new CreateRoleCommand({ RoleName: `role-${pad(i)}`, AssumeRolePolicyDocument: TRUST, Path: i % 2 ? '/odd/' : '/' }));
      await client.send(new CreateGroupCommand({ GroupName: `group-${pad(i)}`, Path: i % 2 ? '/odd/' : '/' }));
      await client.send(new CreatePolicyCommand({ PolicyName: `policy-${pad(i)}`, PolicyDocument: DOC, Path: i % 2 ? '/odd/' : '/' }));
    }
  });
  after(() => server.close());

  it('ListRoles: pages of 3 to the end, every role once in order; PathPrefix filters before paging', async () => {
    const all = await collect(paginateListRoles({ client, pageSize: 3 }, {}), (p) => (p.Roles ?? []).map((r) => r.RoleName!));
    assert.deepEqual(all.names, Array.from({ length: 10 }, (_, i) => `role-${pad(i)}`));
    assert.equal(all.pages, 4);
    const odd = await collect(paginateListRoles({ client, pageSize: 2 }, { PathPrefix: '/odd/' }), (p) => (p.Roles ?? []).map((r) => r.RoleName!));
    assert.deepEqual(odd.names, ['role-01', 'role-03', 'role-05', 'role-07', 'role-09']);
    assert.equal(odd.pages, 3);
  });

  it('ListGroups with PathPrefix pages in the store: full pages, every group once', async () => {
    const odd = await collect(paginateListGroups({ client, pageSize: 2 }, { PathPrefix: '/odd/' }), (p) => (p.Groups ?? []).map((g) => g.GroupName!));
    assert.deepEqual(odd.names, ['group-01', 'group-03', 'group-05', 'group-07', 'group-09']);
    assert.equal(odd.pages, 3);
    const first = await client.send(new ListGroupsCommand({ PathPrefix: '/odd/', MaxItems: 2 }));
    assert.equal(first.Groups!.length, 2);
    assert.equal(first.IsTruncated, true);
  });

  it('ListPolicies Scope=Local and Scope=All: every policy once, in order, across pages', async () => {
    const local = await collect(paginateListPolicies({ client, pageSize: 4 }, { Scope: 'Local' }), (p) => (p.Policies ?? []).map((x) => x.PolicyName!));
    assert.deepEqual(local.names, Array.from({ length: 10 }, (_, i) => `policy-${pad(i)}`));
    const all = await collect(paginateListPolicies({ client, pageSize: 50 }, { Scope: 'All' }), (p) => (p.Policies ?? []).map((x) => x.PolicyName!));
    assert.equal(new Set(all.names).size, all.names.length);
    assert.deepEqual(all.names, [...all.names].sort((a, b) => Buffer.compare(Buffer.from(a.toLowerCase()), Buffer.from(b.toLowerCase()))));
    for (let i = 0; i < 10; i++) assert.ok(all.names.includes(`policy-${pad(i)}`));
    const odd = await collect(paginateListPolicies({ client, pageSize: 2 }, { Scope: 'Local', PathPrefix: '/odd/' }), (p) => (p.Policies ?? []).map((x) => x.PolicyName!));
    assert.deepEqual(odd.names, ['policy-01', 'policy-03', 'policy-05', 'policy-07', 'policy-09']);
  });

  it('a page ending at the last row is not truncated; a Marker whose role was deleted continues after it', async () => {
    const whole = await client.send(new ListRolesCommand({ MaxItems: 10 }));
    assert.equal(whole.Roles!.length, 10);
    assert.equal(whole.IsTruncated, false);
    assert.equal(whole.Marker, undefined);
    const first = await client.send(new ListRolesCommand({ MaxItems: 3 }));
    assert.deepEqual(first.Roles!.map((r) => r.RoleName), ['role-00', 'role-01', 'role-02']);
    await client.send(new DeleteRoleCommand({ RoleName: 'role-02' }));
    await client.send(new DeleteRoleCommand({ RoleName: 'role-03' }));
    const next = await client.send(new ListRolesCommand({ MaxItems: 3, Marker: first.Marker! }));
    assert.deepEqual(next.Roles!.map((r) => r.RoleName), ['role-04', 'role-05', 'role-06']);
    await expectAwsError(client.send(new ListRolesCommand({ Marker: 'bm90LWEtbWFya2Vy' })), 'InvalidInputException', 400);
  });
});
