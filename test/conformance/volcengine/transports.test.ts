import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { iam, sts } from '@volcengine/openapi';
import { volcengineOperations } from '../../../src/dialects/volcengine/dialect.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { ok, rootKeys, TRANSPORTS, volc, volcClient, type Keys } from './support.js';

/**
 * volcengine-iam.md §1: the npm IamService wraps only ListUsers, so callers build every other action with
 * `createAPI` (GET, query), `createUrlEncodeAPI` (POST form) or `createJSONAPI` (POST JSON). Every
 * action of the table runs here through each of the three, in a full lifecycle.
 */
describe('volcengine: every action through each SDK transport', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  for (const transport of TRANSPORTS) {
    it(`the whole table through ${transport}`, async () => {
      const root = volcClient(server, rootKeys(server));
      const run = async (action: string, data: Record<string, unknown>, client = root) => {
        seen.add(action);
        return ok(await volc<Record<string, any>>(client, action, data, transport));
      };
      const seen = new Set<string>();
      const name = `t-${transport}`;
      await run('CreateUser', { UserName: name, DisplayName: 'Transport', 'Tags.1.Key': 'via', 'Tags.1.Value': transport });
      assert.equal((await run('GetUser', { UserName: name })).User.DisplayName, 'Transport');
      assert.ok((await run('ListUsers', { Query: name })).UserMetadata.some((u: { UserName: string }) => u.UserName === name));
      assert.equal((await run('UpdateUser', { UserName: name, NewDescription: transport })).User.Description, transport);
      await run('CreateLoginProfile', { UserName: name, Password: 'Str0ng#Pass', LoginAllowed: true, SafeAuthFlag: true, SafeAuthType: 'email' });
      assert.equal((await run('GetLoginProfile', { UserName: name })).LoginProfile.SafeAuthType, 'email');
      assert.equal((await run('UpdateLoginProfile', { UserName: name, PasswordResetRequired: true })).LoginProfile.PasswordResetRequired, true);
      const key = (await run('CreateAccessKey', { UserName: name })).AccessKey;
      assert.equal((await run('ListAccessKeys', { UserName: name })).AccessKeyMetadata.length, 1);
      await run('UpdateAccessKey', { UserName: name, AccessKeyId: key.AccessKeyId, Status: 'active' });
      assert.deepEqual((await run('GetAccessKeyLastUsed', { UserName: name, AccessKeyId: key.AccessKeyId })).AccessKeyLastUsed, {});
      await run('TagResources', { ResourceType: 'User', 'ResourceNames.1': name, 'Tags.1.Key': 'team', 'Tags.1.Value': 'iam' });
      assert.equal((await run('ListTagsForResources', { ResourceType: 'User', 'ResourceNames.1': name })).ResourceTags.length, 2);
      await run('UntagResources', { ResourceType: 'User', 'ResourceNames.1': name, 'TagKeys.1': 'team' });
      assert.equal((await run('GetPasswordPolicy', {})).PasswordPolicy.AllowUsersToChangePassword, true);
      await run('UpdatePasswordPolicy', { AllowUsersToChangePassword: true });
      const asUser: Keys = { ak: key.AccessKeyId, sk: key.SecretAccessKey };
      await run('ChangePassword', { OldPassword: 'Str0ng#Pass', NewPassword: 'N3w#Passw0rd' }, volcClient(server, asUser));
      const policyName = `p-${transport}`;
      const document = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: ['iam:GetUser'], Resource: ['*'] }] });
      assert.equal((await run('CreatePolicy', { PolicyName: policyName, PolicyDocument: document })).Policy.PolicyType, 'Custom');
      assert.equal((await run('GetPolicy', { PolicyName: policyName, PolicyType: 'Custom' })).Policy.PolicyDocument, document);
      assert.ok((await run('ListPolicies', { Scope: 'Custom' })).PolicyMetadata.some((p: { PolicyName: string }) => p.PolicyName === policyName));
      assert.equal((await run('UpdatePolicy', { PolicyName: policyName, NewDescription: transport })).Policy.Description, transport);
      await run('AttachUserPolicy', { UserName: name, PolicyName: policyName, PolicyType: 'Custom' });
      assert.equal((await run('ListAttachedUserPolicies', { UserName: name })).AttachedPolicyMetadata.length, 1);
      assert.equal((await run('ListEntitiesForPolicy', { PolicyName: policyName, PolicyType: 'Custom' })).PolicyUsers[0].UserName, name);
      await run('DetachUserPolicy', { UserName: name, PolicyName: policyName, PolicyType: 'Custom' });
      await run('DeletePolicy', { PolicyName: policyName });
      // roles and STS AssumeRole (issue #13): the user's key assumes a role that trusts it, signed for `sts`
      const acct = (await server.polyiam.services.accounts.findById(server.root.account.id))!.numericId;
      const roleName = `r-${transport}`;
      await run('CreateRole', { RoleName: roleName, TrustPolicyDocument: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Principal: { IAM: [`trn:iam::${acct}:user/${name}`] } }] }) });
      assert.equal((await run('GetRole', { RoleName: roleName })).Role.RoleName, roleName);
      await run('UpdateRole', { RoleName: roleName, Description: transport });
      assert.ok((await run('ListRoles', {})).RoleMetadata.some((r: { RoleName: string }) => r.RoleName === roleName));
      await run('AttachRolePolicy', { RoleName: roleName, PolicyName: 'IAMReadOnlyAccess', PolicyType: 'System' });
      assert.equal((await run('ListAttachedRolePolicies', { RoleName: roleName })).AttachedPolicyMetadata.length, 1);
      // StsService signs with service `sts`; it has the same createAPI / createUrlEncodeAPI / createJSONAPI
      const stsClient = new sts.StsService({ host: `127.0.0.1:${server.port}`, protocol: 'http:', region: 'cn-north-1', accessKeyId: key.AccessKeyId, secretKey: key.SecretAccessKey, serviceName: 'sts' }) as unknown as iam.IamService;
      assert.ok((await run('AssumeRole', { RoleTrn: `trn:iam::${acct}:role/${roleName}`, RoleSessionName: 'transport' }, stsClient)).Credentials.SessionToken);
      await run('DetachRolePolicy', { RoleName: roleName, PolicyName: 'IAMReadOnlyAccess', PolicyType: 'System' });
      await run('DeleteRole', { RoleName: roleName });
      await run('SetSecurityConfig', { UserName: name, SafeAuthType: 'vmfa', SafeAuthExemptDuration: 10 });
      assert.equal((await run('GetSecurityConfig', { UserName: name })).SafeAuthExemptDuration, 10);
      // the account: its summary (issue #14) and the console IP allow list (issue #11), every address so the run goes on
      assert.equal(typeof (await run('GetAccountSummary', {})).SummaryMap.UsersUsage, 'number');
      await run('UpdateAllowedIPAddresses', { EnableIPList: true, 'IPList.1.IP': '0.0.0.0/0', 'IPList.1.Description': transport });
      assert.equal((await run('GetAllowedIPAddresses', {})).IPList[0].Description, transport);
      // user groups (issue #15)
      const groupName = `g-${transport}`;
      assert.equal((await run('CreateGroup', { UserGroupName: groupName, Description: transport })).UserGroup.UserGroupName, groupName);
      assert.equal((await run('GetGroup', { UserGroupName: groupName })).UserGroup.Description, transport);
      assert.ok((await run('ListGroups', { Query: groupName })).UserGroups.some((g: { UserGroupName: string }) => g.UserGroupName === groupName));
      await run('UpdateGroup', { UserGroupName: groupName, NewDescription: `${transport}!` });
      await run('AddUserToGroup', { UserGroupName: groupName, UserName: name });
      assert.equal((await run('ListGroupsForUser', { UserName: name })).UserGroups[0].UserGroupName, groupName);
      assert.equal((await run('ListUsersForGroup', { UserGroupName: groupName })).Users[0].UserName, name);
      await run('AttachUserGroupPolicy', { UserGroupName: groupName, PolicyName: 'IAMReadOnlyAccess', PolicyType: 'System' });
      assert.equal((await run('ListAttachedUserGroupPolicies', { UserGroupName: groupName })).AttachedPolicyMetadata.length, 1);
      await run('DetachUserGroupPolicy', { UserGroupName: groupName, PolicyName: 'IAMReadOnlyAccess', PolicyType: 'System' });
      await run('RemoveUserFromGroup', { UserGroupName: groupName, UserName: name });
      await run('DeleteGroup', { UserGroupName: groupName });
      await run('DeleteAccessKey', { UserName: name, AccessKeyId: key.AccessKeyId });
      await run('DeleteLoginProfile', { UserName: name });
      await run('DeleteUser', { UserName: name });
      assert.deepEqual([...seen].sort(), volcengineOperations.map((op) => op.action).sort(), 'every action of the table ran');
    });
  }
});
