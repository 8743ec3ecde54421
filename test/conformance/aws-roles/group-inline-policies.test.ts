/**
 * @see #13
 * Inline group policies through @aws-sdk/client-iam: Put/Get/List/DeleteGroupPolicy, and a member's
 * calls governed by them like its own inline policies.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AddUserToGroupCommand, CreateGroupCommand, DeleteGroupPolicyCommand, GetGroupPolicyCommand, ListGroupPoliciesCommand, ListUsersCommand, PutGroupPolicyCommand } from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient, createUserWithKey, expectAwsError, rootKeys } from '../aws/support.js';

describe('aws iam inline group policies through the official SDK', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('a group inline policy grants its members; Get returns it URL-encoded; Delete takes the grant away', async () => {
    const iam = awsClient(server, rootKeys(server));
    const carol = awsClient(server, await createUserWithKey(iam, 'carol'));
    await iam.send(new CreateGroupCommand({ GroupName: 'readers' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'readers', UserName: 'carol' }));
    await expectAwsError(carol.send(new ListUsersCommand({})), 'AccessDenied', 403);
    const document = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }] });
    await iam.send(new PutGroupPolicyCommand({ GroupName: 'readers', PolicyName: 'list', PolicyDocument: document }));
    assert.ok((await carol.send(new ListUsersCommand({}))).Users!.length > 0);
    const got = await iam.send(new GetGroupPolicyCommand({ GroupName: 'readers', PolicyName: 'LIST' }));
    assert.deepEqual([got.GroupName, got.PolicyName, decodeURIComponent(got.PolicyDocument!)], ['readers', 'list', document]);
    assert.deepEqual((await iam.send(new ListGroupPoliciesCommand({ GroupName: 'readers' }))).PolicyNames, ['list']);
    await iam.send(new DeleteGroupPolicyCommand({ GroupName: 'readers', PolicyName: 'list' }));
    await expectAwsError(carol.send(new ListUsersCommand({})), 'AccessDenied', 403);
    await expectAwsError(iam.send(new GetGroupPolicyCommand({ GroupName: 'readers', PolicyName: 'list' })), 'NoSuchEntityException', 404, 'The group policy with name list cannot be found.');
    await expectAwsError(iam.send(new PutGroupPolicyCommand({ GroupName: 'nobody', PolicyName: 'x', PolicyDocument: document })), 'NoSuchEntityException', 404);
    await expectAwsError(iam.send(new PutGroupPolicyCommand({ GroupName: 'readers', PolicyName: 'x', PolicyDocument: '{' })), 'MalformedPolicyDocumentException', 400);
  });
});
