/**
 * @see #13
 * AWS IAM role operations through @aws-sdk/client-iam against a real server: CRUD, paths and paging,
 * trust policy updates, attached and inline policies, tags, DeleteConflict, and the refusals.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  UpdateRoleDescriptionCommand,
} from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient, expectAwsError, ISO, rootKeys } from '../aws/support.js';
import { trust } from './support.js';


describe('aws iam roles through the official SDK', () => {
  let server: TestServer;
  let acct: string;

  before(async () => {
    server = await startTestServer();
    acct = (await server.polyiam.services.accounts.findById(server.root.account.id))!.awsAccountId;
  });
  after(() => server.close());

  it('CreateRole, GetRole (URL-encoded trust policy, tags, RoleLastUsed), UpdateRole, UpdateRoleDescription, UpdateAssumeRolePolicy', async () => {
    const iam = awsClient(server, rootKeys(server));
    const document = trust({ AWS: acct });
    const created = await iam.send(new CreateRoleCommand({ RoleName: 'deployer', Path: '/ci/', AssumeRolePolicyDocument: document, Description: 'ci', MaxSessionDuration: 7200, Tags: [{ Key: 'team', Value: 'ops' }] }));
    assert.equal(created.Role!.Arn, `arn:aws:iam::${acct}:role/ci/deployer`);
    assert.match(created.Role!.RoleId!, /^AROA[A-Z0-9]{17}$/);
    assert.equal(decodeURIComponent(created.Role!.AssumeRolePolicyDocument!), document);
    const got = await iam.send(new GetRoleCommand({ RoleName: 'DEPLOYER' }));
    assert.equal(got.Role!.RoleName, 'deployer');
    assert.equal(got.Role!.MaxSessionDuration, 7200);
    assert.equal(got.Role!.Description, 'ci');
    assert.deepEqual(got.Role!.Tags, [{ Key: 'team', Value: 'ops' }]);
    assert.match(got.Role!.CreateDate!.toISOString(), ISO);
    assert.deepEqual(got.Role!.RoleLastUsed, {});
    await iam.send(new UpdateRoleCommand({ RoleName: 'deployer', MaxSessionDuration: 43200 }));
    const described = await iam.send(new UpdateRoleDescriptionCommand({ RoleName: 'deployer', Description: 'new' }));
    assert.equal(described.Role!.Description, 'new');
    assert.equal(described.Role!.MaxSessionDuration, 43200);
    const next = trust({ AWS: `arn:aws:iam::${acct}:user/alice` });
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'deployer', PolicyDocument: next }));
    assert.equal(decodeURIComponent((await iam.send(new GetRoleCommand({ RoleName: 'deployer' }))).Role!.AssumeRolePolicyDocument!), next);
  });

  it('refusals: duplicate name, unknown role, malformed trust policy, principal of no known form, duration out of range', async () => {
    const iam = awsClient(server, rootKeys(server));
    await iam.send(new CreateRoleCommand({ RoleName: 'dup', AssumeRolePolicyDocument: trust({ AWS: acct }) }));
    await expectAwsError(iam.send(new CreateRoleCommand({ RoleName: 'DUP', AssumeRolePolicyDocument: trust({ AWS: acct }) })), 'EntityAlreadyExistsException', 409, 'Role with name DUP already exists.');
    await expectAwsError(iam.send(new GetRoleCommand({ RoleName: 'nobody' })), 'NoSuchEntityException', 404, 'The role with name nobody cannot be found.');
    await expectAwsError(iam.send(new CreateRoleCommand({ RoleName: 'bad', AssumeRolePolicyDocument: '{"Statement":' })), 'MalformedPolicyDocumentException', 400);
    await expectAwsError(iam.send(new CreateRoleCommand({ RoleName: 'bad', AssumeRolePolicyDocument: trust({ AWS: 'someone' }) })), 'MalformedPolicyDocumentException', 400, /invalid principal in policy/i);
    await expectAwsError(iam.send(new CreateRoleCommand({ RoleName: 'bad', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] }) })), 'MalformedPolicyDocumentException', 400);
    await expectAwsError(iam.send(new CreateRoleCommand({ RoleName: 'bad', AssumeRolePolicyDocument: trust({ AWS: acct }), MaxSessionDuration: 100 })), 'ValidationError', 400, /greater than or equal to 3600/);
    await expectAwsError(iam.send(new GetRoleCommand({ RoleName: 'bad' })), 'NoSuchEntityException', 404);
  });

  it('ListRoles filters by PathPrefix and pages with Marker', async () => {
    const iam = awsClient(server, rootKeys(server));
    for (const name of ['p-a', 'p-b', 'p-c']) await iam.send(new CreateRoleCommand({ RoleName: name, Path: '/paged/', AssumeRolePolicyDocument: trust({ AWS: acct }) }));
    const first = await iam.send(new ListRolesCommand({ PathPrefix: '/paged/', MaxItems: 2 }));
    assert.deepEqual(first.Roles!.map((r) => r.RoleName), ['p-a', 'p-b']);
    assert.equal(first.IsTruncated, true);
    const second = await iam.send(new ListRolesCommand({ PathPrefix: '/paged/', MaxItems: 2, Marker: first.Marker }));
    assert.deepEqual(second.Roles!.map((r) => r.RoleName), ['p-c']);
    assert.equal(second.IsTruncated, false);
  });

  it('attached and inline policies; DeleteRole is DeleteConflict until they are gone', async () => {
    const iam = awsClient(server, rootKeys(server));
    await iam.send(new CreateRoleCommand({ RoleName: 'worker', AssumeRolePolicyDocument: trust({ AWS: acct }) }));
    const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: 'read-users', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }] }) }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'worker', PolicyArn: Policy!.Arn }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'worker', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'worker' }));
    assert.deepEqual(attached.AttachedPolicies!.map((p) => p.PolicyArn).sort(), [Policy!.Arn, 'arn:aws:iam::aws:policy/IAMReadOnlyAccess'].sort());
    const inline = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:DeleteUser', Resource: '*' }] });
    await iam.send(new PutRolePolicyCommand({ RoleName: 'worker', PolicyName: 'no-delete', PolicyDocument: inline }));
    assert.deepEqual((await iam.send(new ListRolePoliciesCommand({ RoleName: 'worker' }))).PolicyNames, ['no-delete']);
    const got = await iam.send(new GetRolePolicyCommand({ RoleName: 'worker', PolicyName: 'no-delete' }));
    assert.equal(decodeURIComponent(got.PolicyDocument!), inline);
    await expectAwsError(iam.send(new DeleteRoleCommand({ RoleName: 'worker' })), 'DeleteConflictException', 409, 'Cannot delete entity, must detach all policies first.');
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'worker', PolicyArn: Policy!.Arn }));
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'worker', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
    await expectAwsError(iam.send(new DeleteRoleCommand({ RoleName: 'worker' })), 'DeleteConflictException', 409);
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'worker', PolicyName: 'no-delete' }));
    await expectAwsError(iam.send(new GetRolePolicyCommand({ RoleName: 'worker', PolicyName: 'no-delete' })), 'NoSuchEntityException', 404, 'The role policy with name no-delete cannot be found.');
    await iam.send(new DeleteRoleCommand({ RoleName: 'worker' }));
    await expectAwsError(iam.send(new GetRoleCommand({ RoleName: 'worker' })), 'NoSuchEntityException', 404);
  });

  it('TagRole, UntagRole, ListRoleTags', async () => {
    const iam = awsClient(server, rootKeys(server));
    await iam.send(new CreateRoleCommand({ RoleName: 'tagged', AssumeRolePolicyDocument: trust({ AWS: acct }) }));
    await iam.send(new TagRoleCommand({ RoleName: 'tagged', Tags: [{ Key: 'b', Value: '2' }, { Key: 'a', Value: '1' }] }));
    await iam.send(new UntagRoleCommand({ RoleName: 'tagged', TagKeys: ['b'] }));
    assert.deepEqual((await iam.send(new ListRoleTagsCommand({ RoleName: 'tagged' }))).Tags, [{ Key: 'a', Value: '1' }]);
  });
});
