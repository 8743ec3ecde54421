/**
 * @see #13
 * The audit record of a call made with temporary credentials names the role, the session and who assumed
 * it: CloudTrail LookupEvents (@aws-sdk/client-cloudtrail) answers `userIdentity.type` AssumedRole with the
 * session's ARN and `sessionContext.sessionIssuer` the role, for allowed and denied calls alike.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { AttachRolePolicyCommand, CreateRoleCommand, CreateUserCommand, GetRoleCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient, createUserWithKey, expectAwsError, rootKeys, type Keys } from '../aws/support.js';
import { sessionIam, stsClient, trust } from './support.js';

interface Identity {
  type: string;
  arn?: string;
  principalId?: string;
  accessKeyId?: string;
  sessionContext?: { sessionIssuer: Record<string, string>; attributes: Record<string, string>; assumedBy: Record<string, string> };
}

describe('audit of calls made with temporary credentials', () => {
  let server: TestServer;
  let acct: string;
  let alice: Keys;

  before(async () => {
    server = await startTestServer();
    acct = (await server.polyiam.services.accounts.findById(server.root.account.id))!.awsAccountId;
    const iam = awsClient(server, rootKeys(server));
    alice = await createUserWithKey(iam, 'alice');
    await iam.send(new CreateRoleCommand({ RoleName: 'auditor', Path: '/ops/', AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${acct}:user/alice` }) }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'auditor', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
  });
  after(() => server.close());

  it('LookupEvents by the temporary key: AssumedRole, the session ARN, the role as sessionIssuer, alice as the assumer', async () => {
    const out = await stsClient(server, alice).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${acct}:role/ops/auditor`, RoleSessionName: 'audit-sess' }));
    const c = out.Credentials!;
    await sessionIam(server, c).send(new ListUsersCommand({}));
    await expectAwsError(sessionIam(server, c).send(new CreateUserCommand({ UserName: 'nope' })), 'AccessDenied', 403);
    await server.polyiam.services.audit.flush();
    const trail = new CloudTrailClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: server.root.root.access_key_id, secretAccessKey: server.root.root.secret_access_key }, maxAttempts: 1 });
    const { Events } = await trail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'AccessKeyId', AttributeValue: c.AccessKeyId! }] }));
    const names = (Events ?? []).map((e) => e.EventName).sort();
    assert.deepEqual(names, ['CreateUser', 'ListUsers']);
    const role = (await awsClient(server, rootKeys(server)).send(new GetRoleCommand({ RoleName: 'auditor' }))).Role!;
    for (const event of Events ?? []) {
      const record = JSON.parse(event.CloudTrailEvent!) as { userIdentity: Identity; errorCode?: string };
      const id = record.userIdentity;
      assert.equal(id.type, 'AssumedRole');
      assert.equal(id.arn, `arn:aws:sts::${acct}:assumed-role/auditor/audit-sess`);
      assert.equal(id.principalId, `${role.RoleId}:audit-sess`);
      assert.equal(id.accessKeyId, c.AccessKeyId);
      assert.deepEqual(id.sessionContext!.sessionIssuer, { type: 'Role', principalId: role.RoleId, arn: `arn:aws:iam::${acct}:role/ops/auditor`, accountId: acct, userName: 'auditor' });
      assert.equal(id.sessionContext!.attributes.mfaAuthenticated, 'false');
      assert.equal(id.sessionContext!.assumedBy.userName, 'alice');
      assert.equal(record.errorCode, event.EventName === 'CreateUser' ? 'AccessDenied' : undefined);
      // the token never reaches the trail
      assert.equal(event.CloudTrailEvent!.includes(c.SessionToken!), false);
    }
  });
});
