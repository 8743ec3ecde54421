/**
 * @see #14 AWS GetAccountAuthorizationDetails through @aws-sdk/client-iam and `aws iam
 * get-account-authorization-details`: users with inline and attached policies, groups, tags and a
 * permissions boundary; groups; roles with their trust policy; policies with every version's
 * document URL-encoded; Filter and MaxItems/Marker paging; bad Filter and Marker refused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetAccountAuthorizationDetailsCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  type GetAccountAuthorizationDetailsCommandOutput,
} from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../../support/server.js';
import { requireTool } from '../../support/tools.js';
import { AWS, awsCli, ok } from './cli.js';
import { awsClient, expectAwsError, rootKeys, type Keys } from './support.js';

const doc = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

describe('AWS GetAccountAuthorizationDetails', () => {
  let server: TestServer;
  let root: Keys;
  let account: string;
  const cli = awsCli(() => server.url);
  before(async () => {
    server = await startTestServer();
    root = rootKeys(server);
    const iam = awsClient(server, root);
    const policy = (await iam.send(new CreatePolicyCommand({ PolicyName: 'aad-read', Path: '/team/', PolicyDocument: doc('iam:Get*'), Description: 'reads' }))).Policy!;
    account = policy.Arn!.split(':')[4]!;
    await iam.send(new CreatePolicyVersionCommand({ PolicyArn: policy.Arn!, PolicyDocument: doc('iam:List*'), SetAsDefault: true }));
    await iam.send(new CreateUserCommand({ UserName: 'aad-alice', Tags: [{ Key: 'team', Value: 'blue' }] }));
    await iam.send(new CreateUserCommand({ UserName: 'aad-bob' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'aad-alice', PolicyName: 'own', PolicyDocument: doc('iam:GetUser') }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'aad-alice', PolicyArn: policy.Arn! }));
    await iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'aad-alice', PermissionsBoundary: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
    await iam.send(new CreateGroupCommand({ GroupName: 'aad-ops' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'aad-ops', UserName: 'aad-alice' }));
    await iam.send(new PutGroupPolicyCommand({ GroupName: 'aad-ops', PolicyName: 'ops-inline', PolicyDocument: doc('iam:ListGroups') }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'aad-ops', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
    await iam.send(new CreateRoleCommand({ RoleName: 'aad-role', AssumeRolePolicyDocument: TRUST, Tags: [{ Key: 'tier', Value: 'web' }] }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'aad-role', PolicyName: 'role-inline', PolicyDocument: doc('s3:GetObject') }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'aad-role', PolicyArn: policy.Arn! }));
  });
  after(() => server.close());

  it('answers users, groups, roles and policies with their relationships and URL-encoded documents', async () => {
    const out = await awsClient(server, root).send(new GetAccountAuthorizationDetailsCommand({}));
    assert.equal(out.IsTruncated, false);
    assert.deepEqual(out.UserDetailList!.map((u) => u.UserName).sort(), ['aad-alice', 'aad-bob'], 'IAM users only, not the root');
    const alice = out.UserDetailList!.find((u) => u.UserName === 'aad-alice')!;
    assert.match(alice.UserId!, /^AIDA/);
    assert.equal(alice.Arn, `arn:aws:iam::${account}:user/aad-alice`);
    assert.deepEqual(alice.UserPolicyList, [{ PolicyName: 'own', PolicyDocument: encodeURIComponent(doc('iam:GetUser')) }]);
    assert.deepEqual(alice.GroupList, ['aad-ops']);
    assert.deepEqual(alice.AttachedManagedPolicies, [{ PolicyName: 'aad-read', PolicyArn: `arn:aws:iam::${account}:policy/team/aad-read` }]);
    assert.deepEqual(alice.PermissionsBoundary, { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' });
    assert.deepEqual(alice.Tags, [{ Key: 'team', Value: 'blue' }]);
    const bob = out.UserDetailList!.find((u) => u.UserName === 'aad-bob')!;
    assert.deepEqual([bob.UserPolicyList ?? [], bob.GroupList ?? [], bob.AttachedManagedPolicies ?? []], [[], [], []]);

    const ops = out.GroupDetailList!.find((g) => g.GroupName === 'aad-ops')!;
    assert.deepEqual(ops.GroupPolicyList, [{ PolicyName: 'ops-inline', PolicyDocument: encodeURIComponent(doc('iam:ListGroups')) }]);
    assert.deepEqual(ops.AttachedManagedPolicies, [{ PolicyName: 'IAMReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }]);

    const role = out.RoleDetailList!.find((r) => r.RoleName === 'aad-role')!;
    assert.match(role.RoleId!, /^AROA/);
    assert.equal(decodeURIComponent(role.AssumeRolePolicyDocument!), TRUST);
    assert.deepEqual(role.InstanceProfileList, []);
    assert.deepEqual(role.RolePolicyList, [{ PolicyName: 'role-inline', PolicyDocument: encodeURIComponent(doc('s3:GetObject')) }]);
    assert.deepEqual(role.AttachedManagedPolicies!.map((p) => p.PolicyName), ['aad-read']);
    assert.deepEqual(role.Tags, [{ Key: 'tier', Value: 'web' }]);

    const local = out.Policies!.find((p) => p.PolicyName === 'aad-read')!;
    assert.equal(local.Path, '/team/');
    assert.equal(local.DefaultVersionId, 'v2');
    assert.equal(local.AttachmentCount, 2, 'a user and a role');
    assert.equal(local.Description, 'reads');
    assert.deepEqual(
      local.PolicyVersionList!.map((v) => [v.VersionId, v.IsDefaultVersion, decodeURIComponent(v.Document!)]),
      [['v1', false, doc('iam:Get*')], ['v2', true, doc('iam:List*')]],
    );
    const managed = out.Policies!.find((p) => p.PolicyName === 'IAMReadOnlyAccess')!;
    assert.equal(managed.Arn, 'arn:aws:iam::aws:policy/IAMReadOnlyAccess');
    assert.equal(managed.AttachmentCount, 1);
    assert.equal(managed.PermissionsBoundaryUsageCount, 1);
    assert.equal(managed.PolicyVersionList!.length, 1);
    assert.ok(JSON.parse(decodeURIComponent(managed.PolicyVersionList![0]!.Document!)).Statement);
    // only the AWS managed policies in use appear (SecurityAdministrator: the account's `admin` group)
    assert.deepEqual(out.Policies!.filter((p) => p.Arn!.startsWith('arn:aws:iam::aws:')).map((p) => p.PolicyName).sort(), ['IAMReadOnlyAccess', 'SecurityAdministrator']);
  });

  it('filters by entity type and pages with MaxItems and Marker', async () => {
    const iam = awsClient(server, root);
    const roles = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role', 'AWSManagedPolicy'] }));
    assert.deepEqual([roles.UserDetailList, roles.GroupDetailList], [[], []]);
    assert.deepEqual(roles.RoleDetailList!.map((r) => r.RoleName), ['aad-role']);
    assert.deepEqual(roles.Policies!.map((p) => p.PolicyName).sort(), ['IAMReadOnlyAccess', 'SecurityAdministrator']);

    const whole = await iam.send(new GetAccountAuthorizationDetailsCommand({}));
    const names = (o: GetAccountAuthorizationDetailsCommandOutput) => [
      ...o.UserDetailList!.map((u) => `user:${u.UserName}`), ...o.GroupDetailList!.map((g) => `group:${g.GroupName}`),
      ...o.RoleDetailList!.map((r) => `role:${r.RoleName}`), ...o.Policies!.map((p) => `policy:${p.PolicyName}`),
    ];
    const paged: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await iam.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 2, ...(marker ? { Marker: marker } : {}) }));
      assert.ok(names(page).length <= 2);
      paged.push(...names(page));
      marker = page.IsTruncated ? page.Marker : undefined;
      pages++;
    } while (marker);
    assert.ok(pages >= 3);
    assert.deepEqual(paged, names(whole));
    assert.deepEqual(paged.slice(0, 2), ['user:aad-alice', 'user:aad-bob'], 'users first, as AWS orders them');
  });

  it('refuses an unknown Filter value, MaxItems out of range and a forged Marker', async () => {
    const iam = awsClient(server, root);
    await expectAwsError(iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Bucket' as 'User'] })), 'ValidationError', 400, /filter/);
    await expectAwsError(iam.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 0 })), 'ValidationError', 400);
    await expectAwsError(iam.send(new GetAccountAuthorizationDetailsCommand({ Marker: 'Zm9yZ2Vk' })), 'InvalidInputException', 400);
  });

  it('aws iam get-account-authorization-details pages through everything and decodes the documents', async (t) => {
    if (!requireTool(t, AWS)) return;
    const out = ok(await cli('iam', root, 'get-account-authorization-details', '--page-size', '2')) as {
      UserDetailList: Array<{ UserName: string; UserPolicyList: Array<{ PolicyDocument: unknown }> }>;
      RoleDetailList: Array<{ RoleName: string; AssumeRolePolicyDocument: unknown }>;
      Policies: Array<{ PolicyName: string }>;
    };
    assert.deepEqual(out.UserDetailList.map((u) => u.UserName).sort(), ['aad-alice', 'aad-bob']);
    assert.deepEqual(out.UserDetailList.find((u) => u.UserName === 'aad-alice')!.UserPolicyList[0]!.PolicyDocument, JSON.parse(doc('iam:GetUser')));
    assert.deepEqual(out.RoleDetailList[0]!.AssumeRolePolicyDocument, JSON.parse(TRUST));
    assert.ok(out.Policies.some((p) => p.PolicyName === 'aad-read'));
    const users = ok(await cli('iam', root, 'get-account-authorization-details', '--filter', 'User')) as { GroupDetailList: unknown[]; UserDetailList: unknown[] };
    assert.deepEqual([users.UserDetailList.length, users.GroupDetailList.length], [2, 0]);
  });
});
