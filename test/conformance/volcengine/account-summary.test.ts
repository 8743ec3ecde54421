/**
 * @see #14 Volcengine GetAccountSummary through the official `@volcengine/openapi` (createAPI and the
 * form and JSON transports): `Result.SummaryMap` with the members of the Go SDK's
 * SummaryMapForGetAccountSummaryOutput polyiam has a figure for, counts from the one core, and
 * AccessDenied for a user without `iam:GetAccountSummary`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../support/server.js';
import { failed, ok, rootKeys, TRANSPORTS, volc, volcClient } from './support.js';

type SummaryMap = Record<string, number>;

describe('volcengine GetAccountSummary through the official SDK', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('answers Result.SummaryMap with usage and quotas, on every transport', async () => {
    const root = volcClient(server, rootKeys(server));
    const before = ok(await volc<{ SummaryMap: SummaryMap }>(root, 'GetAccountSummary')).SummaryMap;
    assert.equal(before.UsersUsage, 0);
    assert.equal(before.AccessKeysPerUserQuota, 2);
    assert.equal(before.PolicySize, 6144);
    for (const key of ['GroupsUsage', 'RolesUsage', 'RolesQuota', 'PoliciesUsage', 'PoliciesQuota', 'AttachedPoliciesPerUserQuota', 'AttachedPoliciesPerGroupQuota', 'AttachedPoliciesPerRoleQuota']) {
      assert.equal(typeof before[key], 'number', `SummaryMap.${key}`);
    }
    // quotas polyiam does not keep are left out (every member of the Go SDK struct is omitempty)
    assert.equal(before.AttachedSystemPoliciesPerUserQuota, undefined);
    ok(await volc(root, 'CreateUser', { UserName: 'summary-vera' }));
    ok(await volc(root, 'CreateGroup', { UserGroupName: 'summary-group' }));
    for (const transport of TRANSPORTS) {
      const after = ok(await volc<{ SummaryMap: SummaryMap }>(root, 'GetAccountSummary', {}, transport)).SummaryMap;
      assert.deepEqual([after.UsersUsage, after.GroupsUsage], [before.UsersUsage! + 1, before.GroupsUsage! + 1], transport);
    }
  });

  it('refuses an unknown parameter and a user without the action', async () => {
    const root = volcClient(server, rootKeys(server));
    failed(await volc(root, 'GetAccountSummary', { Marker: 'x' }), 'InvalidParameter');
    ok(await volc(root, 'CreateUser', { UserName: 'summary-nobody' }));
    const key = ok(await volc<{ AccessKey: { AccessKeyId: string; SecretAccessKey: string } }>(root, 'CreateAccessKey', { UserName: 'summary-nobody' })).AccessKey;
    failed(await volc(volcClient(server, { ak: key.AccessKeyId, sk: key.SecretAccessKey }), 'GetAccountSummary'), 'AccessDenied', 100013);
  });
});
