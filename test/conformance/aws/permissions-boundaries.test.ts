/**
 * @see #15 Users' permissions boundaries through @aws-sdk/client-iam: set on CreateUser or with
 * PutUserPermissionsBoundary, shown in GetUser, enforced on every call (the identity policies AND the
 * boundary must allow; an explicit deny in either wins), listed by ListEntitiesForPolicy and
 * ListPolicies with PolicyUsageFilter, weighed by the simulator.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AttachUserPolicyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateUserCommand,
  DeletePolicyCommand,
  DeleteUserPermissionsBoundaryCommand,
  GetPolicyCommand,
  GetUserCommand,
  IAMClient,
  ListEntitiesForPolicyCommand,
  ListGroupsCommand,
  ListPoliciesCommand,
  ListUsersCommand,
  PutUserPermissionsBoundaryCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient, createUserWithKey, expectAwsError, rootKeys } from './support.js';

const doc = (statements: Array<{ Effect: string; Action: string | string[] }>) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements.map((s) => ({ ...s, Resource: '*' })) });

describe('aws permissions boundaries through the official SDK', () => {
  let server: TestServer;
  let root: IAMClient;
  let acct: string;
  const arn = (name: string) => `arn:aws:iam::${acct}:policy/${name}`;

  before(async () => {
    server = await startTestServer();
    root = awsClient(server, rootKeys(server));
    acct = (await server.polyiam.services.accounts.findById(server.root.account.id))!.awsAccountId;
    await root.send(new CreatePolicyCommand({ PolicyName: 'everything', PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:*' }]) }));
    await root.send(new CreatePolicyCommand({ PolicyName: 'read-users', PolicyDocument: doc([{ Effect: 'Allow', Action: ['iam:ListUsers', 'iam:GetUser'] }]) }));
    await root.send(new CreatePolicyCommand({ PolicyName: 'deny-get', PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:*' }, { Effect: 'Deny', Action: 'iam:GetUser' }]) }));
  });
  after(() => server.close());

  it('CreateUser with PermissionsBoundary shows it in CreateUser and GetUser; the user may do only what both allow', async () => {
    const created = await root.send(new CreateUserCommand({ UserName: 'bounded', PermissionsBoundary: arn('read-users') }));
    assert.deepEqual(created.User?.PermissionsBoundary, { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: arn('read-users') });
    const got = await root.send(new GetUserCommand({ UserName: 'bounded' }));
    assert.equal(got.User?.PermissionsBoundary?.PermissionsBoundaryArn, arn('read-users'));

    await root.send(new CreateUserCommand({ UserName: 'bounded-caller' }));
    await root.send(new AttachUserPolicyCommand({ UserName: 'bounded-caller', PolicyArn: arn('everything') }));
    const { CreateLoginProfileCommand, CreateAccessKeyCommand } = await import('@aws-sdk/client-iam');
    await root.send(new CreateLoginProfileCommand({ UserName: 'bounded-caller', Password: 'Us3r-Passw0rd!' }));
    const key = (await root.send(new CreateAccessKeyCommand({ UserName: 'bounded-caller' }))).AccessKey!;
    const caller = awsClient(server, { ak: key.AccessKeyId!, sk: key.SecretAccessKey! });
    // without a boundary its iam:* policy allows ListGroups
    await caller.send(new ListGroupsCommand({}));
    await root.send(new PutUserPermissionsBoundaryCommand({ UserName: 'bounded-caller', PermissionsBoundary: arn('read-users') }));
    // the boundary allows ListUsers, the identity policy too: allowed
    await caller.send(new ListUsersCommand({}));
    // the identity policy allows ListGroups but the boundary does not
    await expectAwsError(caller.send(new ListGroupsCommand({})), 'AccessDenied', 403, /because no permissions boundary allows the iam:ListGroups action/);
    // a deny in the boundary wins over the identity policy's allow
    await root.send(new PutUserPermissionsBoundaryCommand({ UserName: 'bounded-caller', PermissionsBoundary: arn('deny-get') }));
    await expectAwsError(caller.send(new GetUserCommand({ UserName: 'bounded' })), 'AccessDenied', 403, /with an explicit deny in a permissions boundary/);
    await caller.send(new ListGroupsCommand({}));
    // removed: the identity policies alone decide again
    await root.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'bounded-caller' }));
    await caller.send(new GetUserCommand({ UserName: 'bounded' }));
    assert.equal((await root.send(new GetUserCommand({ UserName: 'bounded-caller' }))).User?.PermissionsBoundary, undefined);
    // a boundary grants nothing by itself: a user with no identity policy stays denied
    const bare = await createUserWithKey(root, 'bare-bounded');
    await root.send(new PutUserPermissionsBoundaryCommand({ UserName: 'bare-bounded', PermissionsBoundary: arn('everything') }));
    await expectAwsError(awsClient(server, bare).send(new ListUsersCommand({})), 'AccessDenied', 403, /because no identity-based policy allows the iam:ListUsers action/);
  });

  it('a new default version of the boundary policy applies at once (the compiled principal is dropped)', async () => {
    await root.send(new CreatePolicyCommand({ PolicyName: 'moving-bound', PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:ListUsers' }]) }));
    const keys = await createUserWithKey(root, 'moving-caller');
    await root.send(new AttachUserPolicyCommand({ UserName: 'moving-caller', PolicyArn: arn('everything') }));
    await root.send(new PutUserPermissionsBoundaryCommand({ UserName: 'moving-caller', PermissionsBoundary: arn('moving-bound') }));
    const caller = awsClient(server, keys);
    await caller.send(new ListUsersCommand({}));
    await expectAwsError(caller.send(new ListGroupsCommand({})), 'AccessDenied', 403);
    await root.send(new CreatePolicyVersionCommand({ PolicyArn: arn('moving-bound'), PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:ListGroups' }]), SetAsDefault: true }));
    await caller.send(new ListGroupsCommand({}));
    await expectAwsError(caller.send(new ListUsersCommand({})), 'AccessDenied', 403, /no permissions boundary allows/);
  });

  it('a system (AWS managed) policy can be a boundary', async () => {
    await root.send(new CreateUserCommand({ UserName: 'sys-bounded', PermissionsBoundary: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
    const got = await root.send(new GetUserCommand({ UserName: 'sys-bounded' }));
    assert.equal(got.User?.PermissionsBoundary?.PermissionsBoundaryArn, 'arn:aws:iam::aws:policy/IAMReadOnlyAccess');
  });

  it('refusals: unknown user or policy, missing parameters; nothing stored from a refused CreateUser', async () => {
    await expectAwsError(root.send(new PutUserPermissionsBoundaryCommand({ UserName: 'nobody', PermissionsBoundary: arn('everything') })), 'NoSuchEntityException', 404, 'The user with name nobody cannot be found.');
    await root.send(new CreateUserCommand({ UserName: 'pb-target' }));
    await expectAwsError(
      root.send(new PutUserPermissionsBoundaryCommand({ UserName: 'pb-target', PermissionsBoundary: arn('missing') })),
      'NoSuchEntityException',
      404,
      `Policy ${arn('missing')} does not exist or is not attachable.`,
    );
    await expectAwsError(root.send(new PutUserPermissionsBoundaryCommand({ UserName: 'pb-target', PermissionsBoundary: 'short' })), 'ValidationError', 400, /permissionsBoundary' failed to satisfy constraint: Member must have length greater than or equal to 20/);
    await expectAwsError(root.send(new CreateUserCommand({ UserName: 'never-made', PermissionsBoundary: arn('missing') })), 'NoSuchEntityException', 404);
    await expectAwsError(root.send(new GetUserCommand({ UserName: 'never-made' })), 'NoSuchEntityException', 404);
    await expectAwsError(root.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'nobody' })), 'NoSuchEntityException', 404);
  });

  it('ListEntitiesForPolicy PolicyUsageFilter, ListPolicies PolicyUsageFilter, PermissionsBoundaryUsageCount; DeletePolicy refuses a boundary in use', async () => {
    await root.send(new CreatePolicyCommand({ PolicyName: 'bound-only', PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:GetUser' }]) }));
    await root.send(new CreateUserCommand({ UserName: 'le-bounded', PermissionsBoundary: arn('bound-only') }));
    await root.send(new CreateUserCommand({ UserName: 'le-attached' }));
    await root.send(new AttachUserPolicyCommand({ UserName: 'le-attached', PolicyArn: arn('bound-only') }));
    const names = async (filter?: 'PermissionsPolicy' | 'PermissionsBoundary') =>
      ((await root.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn('bound-only'), ...(filter ? { PolicyUsageFilter: filter } : {}) }))).PolicyUsers ?? []).map((u) => u.UserName).sort();
    assert.deepEqual(await names('PermissionsBoundary'), ['le-bounded']);
    assert.deepEqual(await names('PermissionsPolicy'), ['le-attached']);
    assert.deepEqual(await names(), ['le-attached', 'le-bounded']);
    const policy = (await root.send(new GetPolicyCommand({ PolicyArn: arn('bound-only') }))).Policy!;
    assert.equal(policy.PermissionsBoundaryUsageCount, 1);
    assert.equal(policy.AttachmentCount, 1);
    const boundaries = (await root.send(new ListPoliciesCommand({ Scope: 'Local', PolicyUsageFilter: 'PermissionsBoundary' }))).Policies!.map((p) => p.PolicyName);
    assert.deepEqual(boundaries, ['bound-only', 'everything', 'moving-bound', 'read-users']);
    await expectAwsError(root.send(new ListPoliciesCommand({ PolicyUsageFilter: 'Other' as 'PermissionsPolicy' })), 'ValidationError', 400, /Enum \[PermissionsPolicy, PermissionsBoundary\]/);
    await expectAwsError(root.send(new DeletePolicyCommand({ PolicyArn: arn('read-users') })), 'DeleteConflictException', 409, 'Cannot delete a policy attached to entities.');
  });

  it('the simulator weighs the user\'s boundary, and PermissionsBoundaryPolicyInputList', async () => {
    await root.send(new CreateUserCommand({ UserName: 'sim-bounded', PermissionsBoundary: arn('read-users') }));
    await root.send(new AttachUserPolicyCommand({ UserName: 'sim-bounded', PolicyArn: arn('everything') }));
    const principal = await root.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${acct}:user/sim-bounded`, ActionNames: ['iam:ListUsers', 'iam:ListGroups'] }));
    const decided = Object.fromEntries(principal.EvaluationResults!.map((r) => [r.EvalActionName, [r.EvalDecision, r.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary]]));
    assert.deepEqual(decided, { 'iam:ListUsers': ['allowed', true], 'iam:ListGroups': ['implicitDeny', false] });
    const custom = await root.send(new SimulateCustomPolicyCommand({
      PolicyInputList: [doc([{ Effect: 'Allow', Action: 'iam:*' }])],
      PermissionsBoundaryPolicyInputList: [doc([{ Effect: 'Allow', Action: 'iam:ListGroups' }])],
      ActionNames: ['iam:ListUsers', 'iam:ListGroups'],
    }));
    assert.deepEqual(custom.EvaluationResults!.map((r) => r.EvalDecision), ['implicitDeny', 'allowed']);
  });
});
