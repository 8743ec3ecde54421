/**
 * @see #15 "the same file for Volcengine, from their SDKs' operation lists": the user-group actions of
 * volcengine-go-sdk service/iam (CreateGroup ... ListAttachedUserGroupPolicies) on the core's groups,
 * through @volcengine/openapi; a group's attached policy governs its members' real calls.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { iam } from '@volcengine/openapi';
import { startTestServer, type TestServer } from '../../support/server.js';
import { failed, ok, rootKeys, volc, volcClient } from './support.js';

const VOLC_TIME = /^\d{8}T\d{6}Z$/;
const doc = (action: string) => JSON.stringify({ Statement: [{ Effect: 'Allow', Action: [action], Resource: ['*'] }] });

interface WireGroup {
  UserGroupName: string;
  Description: string;
  CreateDate: string;
}

describe('volcengine user groups through @volcengine/openapi', () => {
  let server: TestServer;
  let root: iam.IamService;

  before(async () => {
    server = await startTestServer();
    root = volcClient(server, rootKeys(server));
  });
  after(() => server.close());

  it('CreateGroup / GetGroup / ListGroups / UpdateGroup / DeleteGroup, over each transport', async () => {
    const created = ok<{ UserGroup: WireGroup }>(await volc(root, 'CreateGroup', { UserGroupName: 'ops', Description: 'operators' }, 'form'));
    assert.equal(created.UserGroup.UserGroupName, 'ops');
    assert.match(created.UserGroup.CreateDate, VOLC_TIME);
    failed(await volc(root, 'CreateGroup', { UserGroupName: 'OPS' }, 'json'), 'GroupAlreadyExists');
    failed(await volc(root, 'CreateGroup', { UserGroupName: 'bad name!' }), 'InvalidParameter');
    // a display name is refused, not dropped: the core keeps none for groups
    failed(await volc(root, 'CreateGroup', { UserGroupName: 'shown', DisplayName: 'Shown' }), 'InvalidDisplayName');
    failed(await volc(root, 'GetGroup', { UserGroupName: 'shown' }), 'GroupNotExist');

    assert.equal(ok<{ UserGroup: WireGroup }>(await volc(root, 'GetGroup', { UserGroupName: 'ops' })).UserGroup.Description, 'operators');
    ok(await volc(root, 'CreateGroup', { UserGroupName: 'devs' }, 'json'));
    const listed = ok<{ UserGroups: WireGroup[]; Total: number; Limit: number; Offset: number }>(await volc(root, 'ListGroups', { Query: 'oper' }));
    assert.deepEqual(listed.UserGroups.map((g) => g.UserGroupName), ['ops']);
    const firstPage = ok<{ UserGroups: WireGroup[]; Total: number }>(await volc(root, 'ListGroups', { Limit: 1, Offset: 0 }));
    assert.equal(firstPage.UserGroups.length, 1);
    assert.ok(firstPage.Total >= 2);

    ok(await volc(root, 'UpdateGroup', { UserGroupName: 'devs', NewUserGroupName: 'developers', NewDescription: 'builders' }, 'form'));
    assert.equal(ok<{ UserGroup: WireGroup }>(await volc(root, 'GetGroup', { UserGroupName: 'developers' })).UserGroup.Description, 'builders');
    failed(await volc(root, 'UpdateGroup', { UserGroupName: 'developers', NewUserGroupName: 'ops' }), 'GroupAlreadyExists');
    ok(await volc(root, 'DeleteGroup', { UserGroupName: 'developers' }));
    failed(await volc(root, 'DeleteGroup', { UserGroupName: 'developers' }), 'GroupNotExist');
  });

  it('members and attached policies: a group policy governs its members on real calls', async () => {
    ok(await volc(root, 'CreateGroup', { UserGroupName: 'readers' }));
    ok(await volc(root, 'CreateUser', { UserName: 'rita' }));
    const key = ok<{ AccessKey: { AccessKeyId: string; SecretAccessKey: string } }>(await volc(root, 'CreateAccessKey', { UserName: 'rita' })).AccessKey;
    const rita = volcClient(server, { ak: key.AccessKeyId, sk: key.SecretAccessKey });
    failed(await rita.ListUsers({}), 'AccessDenied', 100013);

    ok(await volc(root, 'CreatePolicy', { PolicyName: 'ListThem', PolicyDocument: doc('iam:ListUsers') }));
    ok(await volc(root, 'AttachUserGroupPolicy', { UserGroupName: 'readers', PolicyName: 'ListThem', PolicyType: 'Custom' }, 'json'));
    const attached = ok<{ AttachedPolicyMetadata: Array<{ PolicyName: string; PolicyType: string; AttachDate: string }> }>(await volc(root, 'ListAttachedUserGroupPolicies', { UserGroupName: 'readers' }));
    assert.deepEqual(attached.AttachedPolicyMetadata.map((p) => [p.PolicyName, p.PolicyType]), [['ListThem', 'Custom']]);
    const entities = ok<{ PolicyUserGroups: Array<{ UserGroupName: string; AttachDate: string }> }>(await volc(root, 'ListEntitiesForPolicy', { PolicyName: 'ListThem', PolicyType: 'Custom' }));
    assert.deepEqual(entities.PolicyUserGroups.map((g) => g.UserGroupName), ['readers']);
    assert.match(entities.PolicyUserGroups[0]!.AttachDate, VOLC_TIME);
    failed(await volc(root, 'AttachUserGroupPolicy', { UserGroupName: 'nobody', PolicyName: 'ListThem', PolicyType: 'Custom' }), 'GroupNotExist');

    ok(await volc(root, 'AddUserToGroup', { UserGroupName: 'readers', UserName: 'rita' }, 'form'));
    failed(await volc(root, 'AddUserToGroup', { UserGroupName: 'readers', UserName: 'ghost' }), 'UserNotExist');
    const groups = ok<{ UserGroups: Array<{ UserGroupName: string }> }>(await volc(root, 'ListGroupsForUser', { UserName: 'rita' }));
    assert.deepEqual(groups.UserGroups.map((g) => g.UserGroupName), ['readers']);
    const members = ok<{ Users: Array<{ UserName: string }> }>(await volc(root, 'ListUsersForGroup', { UserGroupName: 'readers' }));
    assert.deepEqual(members.Users.map((u) => u.UserName), ['rita']);
    ok(await rita.ListUsers({}));

    ok(await volc(root, 'DetachUserGroupPolicy', { UserGroupName: 'readers', PolicyName: 'ListThem', PolicyType: 'Custom' }));
    failed(await rita.ListUsers({}), 'AccessDenied', 100013);
    ok(await volc(root, 'RemoveUserFromGroup', { UserGroupName: 'readers', UserName: 'rita' }));
    assert.deepEqual(ok<{ UserGroups: unknown[] }>(await volc(root, 'ListGroupsForUser', { UserName: 'rita' })).UserGroups, []);
    failed(await volc(root, 'RemoveUserFromGroup', { UserGroupName: 'readers', UserName: 'rita' }), 'UserNotExist');
  });
});
