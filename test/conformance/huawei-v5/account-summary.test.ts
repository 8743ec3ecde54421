/**
 * @see #14 Huawei IAM v5 GetAccountSummaryV5 (GET /v5/account-summary) through the official SDK: the
 * account's counts (users with the root, groups, custom policies, agencies) and the quotas polyiam
 * applies; a user without the permission is refused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetAccountSummaryV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/GetAccountSummaryV5Request.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { call, createUser, createUserWithKey, expectSdkError, rootKeys, v5Client } from './support.js';

describe('Huawei v5 getAccountSummaryV5', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('counts the account entities and states the quotas', async () => {
    const client = v5Client(server, rootKeys(server));
    const before = await call(client.getAccountSummaryV5(new GetAccountSummaryV5Request()));
    await createUser(client, 'summary-one');
    await createUser(client, 'summary-two');
    const after = (await call(client.getAccountSummaryV5(new GetAccountSummaryV5Request()))) as Record<string, number>;
    const was = before as Record<string, number>;
    assert.equal(after.users, was.users! + 2);
    assert.ok(was.users! >= 1, 'the root user counts');
    assert.equal(after.groups, was.groups);
    assert.equal(after.agencies, 0);
    assert.equal(after.agencies_quota, 1000);
    assert.equal(after.policy_size_quota, 6144);
    assert.equal(after.versions_per_policy_quota, 5);
    assert.equal(after.attached_policies_per_user_quota, 10);
    assert.equal(after.attached_policies_per_group_quota, 10);
    assert.equal(after.attached_policies_per_agency_quota, 10);
    assert.equal(typeof after.policies_quota, 'number');
    assert.equal(after.policies, 0);
  });

  it('refuses a user without the permission', async () => {
    const root = v5Client(server, rootKeys(server));
    const { keys } = await createUserWithKey(root, 'summary-reader');
    await expectSdkError(v5Client(server, keys).getAccountSummaryV5(new GetAccountSummaryV5Request()), 403, 'PAP5.0001');
  });
});
