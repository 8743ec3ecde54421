/**
 * @see #13
 * A customer managed policy attached to a role counts as in use: ListEntitiesForPolicy answers it in
 * PolicyRoles (EntityFilter Role too), and DeletePolicy is DeleteConflict until it is detached.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AttachRolePolicyCommand, CreatePolicyCommand, CreateRoleCommand, DeletePolicyCommand, DetachRolePolicyCommand, GetPolicyCommand, ListEntitiesForPolicyCommand } from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient, expectAwsError, rootKeys } from '../aws/support.js';
import { trust } from './support.js';

describe('managed policies attached to roles', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('ListEntitiesForPolicy lists the role; DeletePolicy is DeleteConflict until detached', async () => {
    const iam = awsClient(server, rootKeys(server));
    const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: 'for-roles', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }] }) }));
    const { Role } = await iam.send(new CreateRoleCommand({ RoleName: 'holder', Path: '/svc/', AssumeRolePolicyDocument: trust({ Service: 'ec2.amazonaws.com' }) }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'holder', PolicyArn: Policy!.Arn! }));
    const all = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: Policy!.Arn! }));
    assert.deepEqual(all.PolicyRoles, [{ RoleName: 'holder', RoleId: Role!.RoleId }]);
    assert.deepEqual(all.PolicyUsers ?? [], []);
    assert.deepEqual((await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: Policy!.Arn!, EntityFilter: 'User' }))).PolicyRoles ?? [], []);
    assert.equal((await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: Policy!.Arn!, EntityFilter: 'Role', PathPrefix: '/svc/' }))).PolicyRoles?.length, 1);
    assert.equal((await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: Policy!.Arn!, EntityFilter: 'Role', PathPrefix: '/other/' }))).PolicyRoles?.length ?? 0, 0);
    await expectAwsError(iam.send(new DeletePolicyCommand({ PolicyArn: Policy!.Arn! })), 'DeleteConflictException', 409);
    assert.ok(await iam.send(new GetPolicyCommand({ PolicyArn: Policy!.Arn! })), 'nothing deleted');
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'holder', PolicyArn: Policy!.Arn! }));
    await iam.send(new DeletePolicyCommand({ PolicyArn: Policy!.Arn! }));
  });
});
