/**
 * Issue #5's policy APIs through @aws-sdk/client-iam: managed policies and versions, attachments to
 * users and groups, inline user policies, the simulations, and their main errors, with AWS's codes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateUserCommand,
  DeleteGroupCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteUserPolicyCommand,
  DetachGroupPolicyCommand,
  DetachUserPolicyCommand,
  GetGroupCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetUserPolicyCommand,
  IAMClient,
  ListAttachedGroupPoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListEntitiesForPolicyCommand,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  ListPoliciesCommand,
  ListPolicyVersionsCommand,
  ListUserPoliciesCommand,
  PutUserPolicyCommand,
  RemoveUserFromGroupCommand,
  SetDefaultPolicyVersionCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient, createUserWithKey, expectAwsError, rootKeys } from './support.js';

const doc = (action: string, effect = 'Allow', resource = '*') => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: effect, Action: action, Resource: resource }] });

describe('aws policy APIs through the official SDK', () => {
  let server: TestServer;
  let root: IAMClient;
  let acct: string;
  const arn = (name: string) => `arn:aws:iam::${acct}:policy/${name}`;

  before(async () => {
    server = await startTestServer();
    root = awsClient(server, rootKeys(server));
    acct = (await server.polyiam.services.accounts.findById(server.root.account.id))!.awsAccountId;
    await root.send(new CreateUserCommand({ UserName: 'dave' }));
  });
  after(() => server.close());

  it('CreatePolicy answers the AWS Policy shape; GetPolicy and GetPolicyVersion (URL-encoded document) read it back', async () => {
    const text = doc('iam:GetUser');
    const { Policy } = await root.send(new CreatePolicyCommand({ PolicyName: 'read-users', PolicyDocument: text, Description: 'reads users', Path: '/team/' }));
    assert.equal(Policy?.PolicyName, 'read-users');
    assert.match(Policy!.PolicyId!, /^ANPA[A-Z0-9]{17}$/);
    assert.equal(Policy?.Arn, `arn:aws:iam::${acct}:policy/team/read-users`);
    assert.equal(Policy?.Path, '/team/');
    assert.equal(Policy?.DefaultVersionId, 'v1');
    assert.equal(Policy?.AttachmentCount, 0);
    assert.equal(Policy?.PermissionsBoundaryUsageCount, 0);
    assert.equal(Policy?.IsAttachable, true);
    assert.equal(Policy?.Description, 'reads users');
    assert.ok(Policy?.CreateDate instanceof Date && Policy.UpdateDate instanceof Date);
    const got = await root.send(new GetPolicyCommand({ PolicyArn: Policy!.Arn }));
    assert.equal(got.Policy?.PolicyId, Policy?.PolicyId);
    const { PolicyVersion } = await root.send(new GetPolicyVersionCommand({ PolicyArn: Policy!.Arn, VersionId: 'v1' }));
    assert.equal(PolicyVersion?.IsDefaultVersion, true);
    assert.equal(decodeURIComponent(PolicyVersion!.Document!), text);
  });

  it('CreatePolicy errors: MalformedPolicyDocument, EntityAlreadyExists, ValidationError', async () => {
    await expectAwsError(root.send(new CreatePolicyCommand({ PolicyName: 'bad', PolicyDocument: '{"Statement": 3}' })), 'MalformedPolicyDocumentException', 400);
    await root.send(new CreatePolicyCommand({ PolicyName: 'dup', PolicyDocument: doc('iam:GetUser') }));
    await expectAwsError(root.send(new CreatePolicyCommand({ PolicyName: 'dup', PolicyDocument: doc('iam:GetUser') })), 'EntityAlreadyExistsException', 409, 'A policy called dup already exists. Duplicate names are not allowed.');
    await expectAwsError(root.send(new CreatePolicyCommand({ PolicyName: 'no spaces', PolicyDocument: doc('iam:GetUser') })), 'ValidationError', 400);
    await expectAwsError(root.send(new GetPolicyCommand({ PolicyArn: arn('missing') })), 'NoSuchEntityException', 404, `Policy ${arn('missing')} does not exist or is not attachable.`);
  });

  it('ListPolicies: Scope AWS shows the system policies under arn:aws:iam::aws:policy/, Local the account\'s, OnlyAttached, paging', async () => {
    const system = await root.send(new ListPoliciesCommand({ Scope: 'AWS' }));
    const admin = system.Policies?.find((p) => p.PolicyName === 'AdministratorAccess');
    assert.equal(admin?.Arn, 'arn:aws:iam::aws:policy/AdministratorAccess');
    assert.ok(system.Policies?.every((p) => p.Arn!.startsWith('arn:aws:iam::aws:policy/')));
    const local = await root.send(new ListPoliciesCommand({ Scope: 'Local' }));
    assert.ok(local.Policies?.every((p) => p.Arn!.startsWith(`arn:aws:iam::${acct}:policy/`)));
    assert.ok(local.Policies!.length >= 2);
    const page1 = await root.send(new ListPoliciesCommand({ Scope: 'Local', MaxItems: 1 }));
    assert.equal(page1.IsTruncated, true);
    const page2 = await root.send(new ListPoliciesCommand({ Scope: 'Local', MaxItems: 1, Marker: page1.Marker }));
    assert.notEqual(page2.Policies?.[0]?.PolicyName, page1.Policies?.[0]?.PolicyName);
    const attached = await root.send(new ListPoliciesCommand({ OnlyAttached: true }));
    // each account starts with its `admin` group holding SecurityAdministrator
    assert.deepEqual(attached.Policies?.map((p) => p.PolicyName), ['SecurityAdministrator']);
    await expectAwsError(root.send(new ListPoliciesCommand({ Scope: 'Nope' as 'All' })), 'ValidationError', 400);
  });

  it('versions: CreatePolicyVersion, ListPolicyVersions, SetDefaultPolicyVersion, DeletePolicyVersion and their conflicts', async () => {
    const p = arn('team/read-users');
    const v2 = await root.send(new CreatePolicyVersionCommand({ PolicyArn: p, PolicyDocument: doc('iam:List*'), SetAsDefault: true }));
    assert.equal(v2.PolicyVersion?.VersionId, 'v2');
    assert.equal(v2.PolicyVersion?.IsDefaultVersion, true);
    const { Versions } = await root.send(new ListPolicyVersionsCommand({ PolicyArn: p }));
    assert.deepEqual(Versions?.map((v) => [v.VersionId, v.IsDefaultVersion]), [['v2', true], ['v1', false]]);
    await expectAwsError(root.send(new DeletePolicyVersionCommand({ PolicyArn: p, VersionId: 'v2' })), 'DeleteConflictException', 409, 'Cannot delete the default version of a policy.');
    await expectAwsError(root.send(new DeletePolicyCommand({ PolicyArn: p })), 'DeleteConflictException', 409);
    await root.send(new SetDefaultPolicyVersionCommand({ PolicyArn: p, VersionId: 'v1' }));
    await root.send(new DeletePolicyVersionCommand({ PolicyArn: p, VersionId: 'v2' }));
    await expectAwsError(root.send(new GetPolicyVersionCommand({ PolicyArn: p, VersionId: 'v2' })), 'NoSuchEntityException', 404);
    for (let i = 0; i < 4; i++) await root.send(new CreatePolicyVersionCommand({ PolicyArn: p, PolicyDocument: doc('iam:GetUser') }));
    await expectAwsError(root.send(new CreatePolicyVersionCommand({ PolicyArn: p, PolicyDocument: doc('iam:GetUser') })), 'LimitExceededException', 409, /up to 5 versions/);
  });

  it('attachments to users and groups, ListEntitiesForPolicy, and DeletePolicy refused while attached', async () => {
    const p = arn('dup');
    await root.send(new AttachUserPolicyCommand({ UserName: 'dave', PolicyArn: p }));
    await root.send(new AttachUserPolicyCommand({ UserName: 'dave', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
    const attached = await root.send(new ListAttachedUserPoliciesCommand({ UserName: 'dave' }));
    assert.deepEqual(attached.AttachedPolicies, [{ PolicyName: 'dup', PolicyArn: p }, { PolicyName: 'IAMReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }]);
    await root.send(new CreateGroupCommand({ GroupName: 'ops' }));
    await root.send(new AttachGroupPolicyCommand({ GroupName: 'ops', PolicyArn: p }));
    assert.deepEqual((await root.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'ops' }))).AttachedPolicies, [{ PolicyName: 'dup', PolicyArn: p }]);
    const entities = await root.send(new ListEntitiesForPolicyCommand({ PolicyArn: p }));
    assert.deepEqual(entities.PolicyUsers?.map((u) => u.UserName), ['dave']);
    assert.deepEqual(entities.PolicyGroups?.map((g) => g.GroupName), ['ops']);
    assert.equal((await root.send(new GetPolicyCommand({ PolicyArn: p }))).Policy?.AttachmentCount, 2);
    await expectAwsError(root.send(new DeletePolicyCommand({ PolicyArn: p })), 'DeleteConflictException', 409, 'Cannot delete a policy attached to entities.');
    await expectAwsError(root.send(new AttachUserPolicyCommand({ UserName: 'nobody', PolicyArn: p })), 'NoSuchEntityException', 404);
    await expectAwsError(root.send(new AttachUserPolicyCommand({ UserName: 'dave', PolicyArn: arn('missing') })), 'NoSuchEntityException', 404);
    await root.send(new DetachUserPolicyCommand({ UserName: 'dave', PolicyArn: p }));
    await root.send(new DetachGroupPolicyCommand({ GroupName: 'ops', PolicyArn: p }));
    await expectAwsError(root.send(new DetachUserPolicyCommand({ UserName: 'dave', PolicyArn: p })), 'NoSuchEntityException', 404);
    await root.send(new DeletePolicyCommand({ PolicyArn: p }));
  });

  it('groups: CreateGroup, AddUserToGroup, GetGroup, ListGroups, ListGroupsForUser, DeleteGroup conflicts', async () => {
    const { Group } = await root.send(new CreateGroupCommand({ GroupName: 'devs', Path: '/eng/' }));
    assert.equal(Group?.Arn, `arn:aws:iam::${acct}:group/eng/devs`);
    assert.match(Group!.GroupId!, /^AGPA/);
    await expectAwsError(root.send(new CreateGroupCommand({ GroupName: 'devs' })), 'EntityAlreadyExistsException', 409);
    await root.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'dave' }));
    const got = await root.send(new GetGroupCommand({ GroupName: 'devs' }));
    assert.deepEqual(got.Users?.map((u) => u.UserName), ['dave']);
    assert.ok((await root.send(new ListGroupsCommand({ PathPrefix: '/eng/' }))).Groups?.some((g) => g.GroupName === 'devs'));
    await root.send(new CreateGroupCommand({ GroupName: 'pager' }));
    await root.send(new AddUserToGroupCommand({ GroupName: 'pager', UserName: 'dave' }));
    const forDave = await root.send(new ListGroupsForUserCommand({ UserName: 'dave' }));
    assert.deepEqual(forDave.Groups?.map((g) => [g.GroupName, g.Arn]).sort(), [
      ['devs', `arn:aws:iam::${acct}:group/eng/devs`],
      ['pager', `arn:aws:iam::${acct}:group/pager`],
    ]);
    const firstPage = await root.send(new ListGroupsForUserCommand({ UserName: 'dave', MaxItems: 1 }));
    assert.equal(firstPage.Groups?.length, 1);
    assert.equal(firstPage.IsTruncated, true);
    const secondPage = await root.send(new ListGroupsForUserCommand({ UserName: 'dave', MaxItems: 1, Marker: firstPage.Marker }));
    assert.equal(secondPage.IsTruncated, false);
    assert.notEqual(secondPage.Groups?.[0]?.GroupName, firstPage.Groups?.[0]?.GroupName);
    await expectAwsError(root.send(new ListGroupsForUserCommand({ UserName: 'nobody-here' })), 'NoSuchEntityException', 404);
    await root.send(new RemoveUserFromGroupCommand({ GroupName: 'pager', UserName: 'dave' }));
    await root.send(new DeleteGroupCommand({ GroupName: 'pager' }));
    await expectAwsError(root.send(new DeleteGroupCommand({ GroupName: 'devs' })), 'DeleteConflictException', 409);
    await root.send(new RemoveUserFromGroupCommand({ GroupName: 'devs', UserName: 'dave' }));
    await root.send(new DeleteGroupCommand({ GroupName: 'devs' }));
    await expectAwsError(root.send(new GetGroupCommand({ GroupName: 'devs' })), 'NoSuchEntityException', 404, 'The group with name devs cannot be found.');
  });

  it('inline user policies: PutUserPolicy, GetUserPolicy (URL-encoded), ListUserPolicies, DeleteUserPolicy', async () => {
    const text = doc('iam:ListUsers');
    await root.send(new PutUserPolicyCommand({ UserName: 'dave', PolicyName: 'lister', PolicyDocument: text }));
    const got = await root.send(new GetUserPolicyCommand({ UserName: 'dave', PolicyName: 'lister' }));
    assert.equal(got.UserName, 'dave');
    assert.equal(decodeURIComponent(got.PolicyDocument!), text);
    assert.deepEqual((await root.send(new ListUserPoliciesCommand({ UserName: 'dave' }))).PolicyNames, ['lister']);
    await expectAwsError(root.send(new PutUserPolicyCommand({ UserName: 'dave', PolicyName: 'x', PolicyDocument: '{' })), 'MalformedPolicyDocumentException', 400);
    await root.send(new DeleteUserPolicyCommand({ UserName: 'dave', PolicyName: 'lister' }));
    await expectAwsError(root.send(new GetUserPolicyCommand({ UserName: 'dave', PolicyName: 'lister' })), 'NoSuchEntityException', 404, 'The user policy with name lister cannot be found.');
  });

  it('a statement naming an AWS managed policy by its arn:aws:iam::aws:policy/ ARN covers that system policy only', async () => {
    const keys = await createUserWithKey(root, 'managed-reader');
    const readOnly = 'arn:aws:iam::aws:policy/IAMReadOnlyAccess';
    await root.send(new PutUserPolicyCommand({ UserName: 'managed-reader', PolicyName: 'one-managed', PolicyDocument: doc('iam:GetPolicy', 'Allow', readOnly) }));
    const asUser = awsClient(server, keys);
    assert.equal((await asUser.send(new GetPolicyCommand({ PolicyArn: readOnly }))).Policy?.Arn, readOnly);
    await expectAwsError(asUser.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/IAMFullAccess' })), 'AccessDenied', 403, /on resource: arn:aws:iam::aws:policy\/IAMFullAccess/);
    const simulated = await root.send(
      new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${acct}:user/managed-reader`, ActionNames: ['iam:GetPolicy'], ResourceArns: [readOnly] }),
    );
    assert.equal(simulated.EvaluationResults?.[0]?.EvalDecision, 'allowed');
  });

  it('SimulatePrincipalPolicy and SimulateCustomPolicy answer EvaluationResults with allowed / explicitDeny / implicitDeny', async () => {
    await createUserWithKey(root, 'sim');
    await root.send(new PutUserPolicyCommand({ UserName: 'sim', PolicyName: 'allow-get', PolicyDocument: doc('iam:GetUser') }));
    const principal = await root.send(
      new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${acct}:user/sim`, ActionNames: ['iam:GetUser', 'iam:DeleteUser'], ResourceArns: [`arn:aws:iam::${acct}:user/dave`] }),
    );
    assert.deepEqual(principal.EvaluationResults?.map((r) => [r.EvalActionName, r.EvalResourceName, r.EvalDecision]), [
      ['iam:GetUser', `arn:aws:iam::${acct}:user/dave`, 'allowed'],
      ['iam:DeleteUser', `arn:aws:iam::${acct}:user/dave`, 'implicitDeny'],
    ]);
    assert.equal(principal.EvaluationResults?.[0]?.MatchedStatements?.[0]?.SourcePolicyId, 'allow-get');
    const custom = await root.send(
      new SimulateCustomPolicyCommand({ PolicyInputList: [doc('iam:*'), doc('iam:DeleteUser', 'Deny')], ActionNames: ['iam:CreateUser', 'iam:DeleteUser'] }),
    );
    assert.deepEqual(custom.EvaluationResults?.map((r) => [r.EvalActionName, r.EvalResourceName, r.EvalDecision]), [
      ['iam:CreateUser', '*', 'allowed'],
      ['iam:DeleteUser', '*', 'explicitDeny'],
    ]);
    assert.equal(custom.EvaluationResults?.[1]?.MatchedStatements?.[0]?.SourcePolicyId, 'PolicyInputList.2');
  });
});
