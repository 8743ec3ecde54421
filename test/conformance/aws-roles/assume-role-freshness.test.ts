/**
 * @see #13
 * AssumeRole reads the role through the role cache (no database read per call): a change to the trust
 * policy counts at once, and a role deleted and made again under the same name is the new role.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateRoleCommand, DeleteRoleCommand, GetRoleCommand, UpdateAssumeRolePolicyCommand, type IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSServiceException } from '@aws-sdk/client-sts';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient, createUserWithKey, rootKeys, type Keys } from '../aws/support.js';
import { stsClient, trust } from './support.js';

const expectDenied = (promise: Promise<unknown>) =>
  assert.rejects(promise, (err) => {
    assert.ok(err instanceof STSServiceException, String(err));
    assert.equal(err.name, 'AccessDenied');
    assert.equal(err.$metadata.httpStatusCode, 403);
    return true;
  });

describe('AssumeRole sees role changes at once', () => {
  let server: TestServer;
  let iam: IAMClient;
  let alice: Keys;
  let acct: string;

  const assume = () => stsClient(server, alice).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${acct}:role/fresh`, RoleSessionName: 'fresh' }));

  before(async () => {
    server = await startTestServer();
    iam = awsClient(server, rootKeys(server));
    alice = await createUserWithKey(iam, 'alice');
    acct = (await server.polyiam.services.accounts.findById(server.root.account.id))!.awsAccountId;
  });
  after(() => server.close());

  it('a trust policy no longer naming the caller refuses the next call; a role made again is the new one', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'fresh', AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${acct}:user/alice` }) }));
    const first = await assume();
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'fresh', PolicyDocument: trust({ AWS: `arn:aws:iam::${acct}:user/nobody-else` }) }));
    await expectDenied(assume());
    await iam.send(new DeleteRoleCommand({ RoleName: 'fresh' }));
    await expectDenied(assume());
    await iam.send(new CreateRoleCommand({ RoleName: 'fresh', AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${acct}:user/alice` }) }));
    const again = await assume();
    const roleId = (await iam.send(new GetRoleCommand({ RoleName: 'fresh' }))).Role!.RoleId!;
    assert.equal(again.AssumedRoleUser!.AssumedRoleId, `${roleId}:fresh`);
    assert.notEqual(again.AssumedRoleUser!.AssumedRoleId, first.AssumedRoleUser!.AssumedRoleId);
  });
});
