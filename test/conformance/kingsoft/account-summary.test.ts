/**
 * @see #14 Kingsoft GetAccountSummary (kscore model iam/2015-11-01: GET, no parameters), signed by hand
 * as the Go SDK and SigV4 sign (Kingsoft has no Node SDK): `SummaryMap` in JSON (an object, as kscore
 * returns it) and in XML (AWS's `entry` pairs), counts read from the one core, refusals in Kingsoft's
 * envelope. Kingsoft has no credential report or authorization-details action (kscore model, Go SDK).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { startTestServer, type TestServer } from '../../support/server.js';
import { errorOf, ks, rootKeys, type Keys } from './support.js';

type Json = Record<string, unknown>;

describe('kingsoft GetAccountSummary', () => {
  let server: TestServer;
  let root: Keys;
  const summary = async (keys: Keys, options: Parameters<typeof ks>[3] = {}) => {
    const res = await ks(server, keys, { Action: 'GetAccountSummary' }, { json: true, ...options });
    assert.equal(res.status, 200, res.body);
    const result = res.doc.GetAccountSummaryResult as { SummaryMap: Record<string, number> };
    assert.equal(res.doc.RequestId, (res.doc.ResponseMetadata as Json).RequestId);
    return result.SummaryMap;
  };

  before(async () => {
    server = await startTestServer();
    root = rootKeys(server);
  });
  after(() => server.close());

  it('answers GetAccountSummaryResult.SummaryMap in JSON with the counts and quotas polyiam keeps', async () => {
    const before = await summary(root);
    assert.equal(before.Users, 0);
    assert.equal(before.AccountAccessKeysPresent, 1);
    assert.equal(before.AccessKeysPerUserQuota, 2);
    assert.equal(before.AttachedPoliciesPerRoleQuota, 10);
    for (const value of Object.values(before)) assert.equal(typeof value, 'number');
    for (const key of ['Roles', 'RolesQuota', 'Policies', 'PoliciesQuota', 'VersionsPerPolicyQuota', 'Groups', 'MFADevices', 'MFADevicesInUse', 'AccountMFAEnabled']) {
      assert.ok(key in before, `SummaryMap.${key}`);
    }
    const created = await ks(server, root, { Action: 'CreateUser', UserName: 'summary-kate' }, { json: true });
    assert.equal(created.status, 200, created.body);
    const role = await ks(server, root, { Action: 'CreateRole', RoleName: 'summary-role', TrustAccounts: '2000000001' }, { json: true });
    assert.equal(role.status, 200, role.body);
    const after = await summary(root, { signing: 'sigv4', method: 'POST' });
    assert.deepEqual([after.Users, after.Roles], [before.Users! + 1, before.Roles! + 1]);
  });

  it('answers the same map in XML as AWS does: SummaryMap entries of key and value', async () => {
    const res = await ks(server, root, { Action: 'GetAccountSummary' });
    assert.equal(res.status, 200, res.body);
    assert.match(String(res.headers['content-type']), /^application\/xml/);
    const parsed = new XMLParser({ isArray: (name) => name === 'entry' }).parse(res.body) as {
      GetAccountSummaryResponse: { GetAccountSummaryResult: { SummaryMap: { entry: { key: string; value: number }[] } } };
    };
    const entries = parsed.GetAccountSummaryResponse.GetAccountSummaryResult.SummaryMap.entry;
    const map = new Map(entries.map((e) => [e.key, e.value]));
    assert.equal(map.get('AccessKeysPerUserQuota'), 2);
    assert.equal(map.get('Users'), (await summary(root)).Users);
  });

  it('refuses a user without iam:GetAccountSummary with AccessDenied, and the credential report (not in the kscore model) is InvalidAction', async () => {
    assert.equal((await ks(server, root, { Action: 'CreateUser', UserName: 'summary-nobody' }, { json: true })).status, 200);
    const key = await ks(server, root, { Action: 'CreateAccessKey', UserName: 'summary-nobody' }, { json: true });
    const access = (key.doc.CreateAccessKeyResult as { AccessKey: { AccessKeyId: string; SecretAccessKey: string } }).AccessKey;
    const denied = await ks(server, { ak: access.AccessKeyId, sk: access.SecretAccessKey }, { Action: 'GetAccountSummary' }, { json: true });
    assert.equal(denied.status, 403, denied.body);
    assert.equal(errorOf(denied).Code, 'AccessDenied');
    assert.match(errorOf(denied).Message ?? '', /iam:GetAccountSummary/);
    // the kscore model has no credential report: not served under Kingsoft's Version
    const report = await ks(server, root, { Action: 'GenerateCredentialReport' }, { json: true });
    assert.equal(report.status, 400, report.body);
    assert.equal(errorOf(report).Code, 'InvalidAction');
  });
});
