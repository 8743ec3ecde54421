/**
 * @see #15 "the simulator takes boundaries into account": SimulatePrincipalPolicy with a role ARN
 * (attached and inline policies, the role's permissions boundary, PermissionsBoundaryPolicyInputList,
 * PolicyInputList) answers what a session of the role is allowed on real calls; ResourcePolicy with
 * CallerArn; through @aws-sdk/client-iam, client-sts and the aws CLI.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteUserCommand,
  GetUserCommand,
  IAMClient,
  IAMServiceException,
  ListGroupsCommand,
  ListRolesCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
  type EvaluationResult,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { startTestServer, type TestServer } from '../../support/server.js';
import { requireTool } from '../../support/tools.js';
import { AWS, awsCli, ok } from '../aws/cli.js';
import { awsClient, createUserWithKey, expectAwsError, rootKeys, type Keys } from '../aws/support.js';
import { sessionIam, stsClient, trust } from './support.js';

const doc = (...statements: Array<Record<string, unknown>>) => JSON.stringify({ Version: '2012-10-17', Statement: statements.map((s) => ({ Resource: '*', ...s })) });
const decisions = (results: EvaluationResult[] | undefined) => Object.fromEntries((results ?? []).map((r) => [`${r.EvalActionName} ${r.EvalResourceName}`, r.EvalDecision]));

describe('aws SimulatePrincipalPolicy for roles through the official SDK and CLI', () => {
  let server: TestServer;
  let acct: string;
  let root: IAMClient;
  let alice: Keys;
  const roleArn = (name: string) => `arn:aws:iam::${acct}:role/${name}`;
  const userArn = (name: string) => `arn:aws:iam::${acct}:user/${name}`;

  before(async () => {
    server = await startTestServer();
    acct = (await server.polyiam.services.accounts.findById(server.root.account.id))!.awsAccountId;
    root = awsClient(server, rootKeys(server));
    alice = await createUserWithKey(root, 'alice');
    await root.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'assume', PolicyDocument: doc({ Effect: 'Allow', Action: 'sts:AssumeRole' }) }));
    await root.send(new CreateUserCommand({ UserName: 'target' }));
    // the role: everything on IAM attached, an inline Deny of DeleteUser, and a boundary of reads and user deletes
    const everything = (await root.send(new CreatePolicyCommand({ PolicyName: 'everything', PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:*' }) }))).Policy!.Arn!;
    const boundary = (await root.send(new CreatePolicyCommand({ PolicyName: 'reads', PolicyDocument: doc({ Effect: 'Allow', Action: ['iam:List*', 'iam:Get*', 'iam:DeleteUser'] }) }))).Policy!.Arn!;
    await root.send(new CreateRoleCommand({ RoleName: 'ops', AssumeRolePolicyDocument: trust({ AWS: acct }), PermissionsBoundary: boundary }));
    await root.send(new AttachRolePolicyCommand({ RoleName: 'ops', PolicyArn: everything }));
    await root.send(new PutRolePolicyCommand({ RoleName: 'ops', PolicyName: 'no-deletes', PolicyDocument: doc({ Effect: 'Deny', Action: 'iam:DeleteUser', Resource: userArn('target') }) }));
  });
  after(() => server.close());

  it('a role ARN is simulated as its sessions are decided on real calls', async () => {
    const actions = ['iam:ListUsers', 'iam:GetUser', 'iam:ListGroups', 'iam:CreateUser', 'iam:DeleteUser'];
    const resources = [userArn('target'), userArn('alice'), userArn('acme')];
    const simulated = await root.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: roleArn('ops'), ActionNames: actions, ResourceArns: resources }));
    const got = decisions(simulated.EvaluationResults);
    assert.equal(got[`iam:ListUsers ${userArn('target')}`], 'allowed');
    assert.equal(got[`iam:CreateUser ${userArn('alice')}`], 'implicitDeny', 'outside the boundary');
    assert.equal(got[`iam:DeleteUser ${userArn('target')}`], 'explicitDeny', 'the inline Deny');
    assert.equal(got[`iam:DeleteUser ${userArn('acme')}`], 'implicitDeny', 'the account root user');
    const deny = simulated.EvaluationResults!.find((r) => r.EvalActionName === 'iam:DeleteUser' && r.EvalResourceName === userArn('target'))!;
    assert.deepEqual(deny.MatchedStatements!.map((s) => [s.SourcePolicyId, s.SourcePolicyType]), [['no-deletes', 'role']]);
    const outside = simulated.EvaluationResults!.find((r) => r.EvalActionName === 'iam:CreateUser')!;
    assert.equal(outside.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary, false);

    // the same actions, signed by a session of the role: allowed exactly where the simulator said so
    const { Credentials } = await stsClient(server, alice).send(new AssumeRoleCommand({ RoleArn: roleArn('ops'), RoleSessionName: 'check' }));
    const session = sessionIam(server, Credentials!);
    const realCall = async (action: string, user: string): Promise<string> => {
      const send = {
        'iam:ListUsers': () => session.send(new ListUsersCommand({})),
        'iam:GetUser': () => session.send(new GetUserCommand({ UserName: user })),
        'iam:ListGroups': () => session.send(new ListGroupsCommand({})),
        // a name that exists: allowed would conflict, denied is refused before
        'iam:CreateUser': () => session.send(new CreateUserCommand({ UserName: user })),
        // refused either way when allowed: `alice` has policies (DeleteConflict), the root is not deletable
        'iam:DeleteUser': () => session.send(new DeleteUserCommand({ UserName: user })),
      }[action]!;
      try {
        await send();
        return 'allowed';
      } catch (err) {
        assert.ok(err instanceof IAMServiceException);
        return err.name === 'AccessDenied' || err.name === 'AccessDeniedException' ? 'denied' : 'allowed';
      }
    };
    for (const action of actions) {
      for (const resource of resources) {
        const user = resource.slice(resource.lastIndexOf('/') + 1);
        // a real call of a collection action (ListUsers, ListGroups) names no user: compare with the simulation of `*`
        if ((action === 'iam:ListUsers' || action === 'iam:ListGroups') && user !== 'target') continue;
        if (action === 'iam:DeleteUser' && user === 'target') continue; // would delete it when allowed; checked as explicitDeny above
        const expected = got[`${action} ${resource}`] === 'allowed' ? 'allowed' : 'denied';
        assert.equal(await realCall(action, user), expected, `${action} on ${user}`);
      }
    }
    await expectAwsError(session.send(new DeleteUserCommand({ UserName: 'target' })), 'AccessDenied', 403);
  });

  it('PermissionsBoundaryPolicyInputList stands in for the role boundary; PolicyInputList adds documents', async () => {
    const wider = await root.send(new SimulatePrincipalPolicyCommand({
      PolicySourceArn: roleArn('ops'),
      ActionNames: ['iam:CreateUser', 'iam:ListUsers'],
      PermissionsBoundaryPolicyInputList: [doc({ Effect: 'Allow', Action: 'iam:CreateUser' })],
    }));
    assert.deepEqual(decisions(wider.EvaluationResults), { 'iam:CreateUser *': 'allowed', 'iam:ListUsers *': 'implicitDeny' });
    const extra = await root.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: roleArn('ops'), ActionNames: ['iam:ListRoles'], PolicyInputList: [doc({ Effect: 'Deny', Action: 'iam:ListRoles' })] }));
    assert.equal(extra.EvaluationResults![0]!.EvalDecision, 'explicitDeny');
    assert.equal(extra.EvaluationResults![0]!.MatchedStatements![0]!.SourcePolicyId, 'PolicyInputList.1');
    await root.send(new ListRolesCommand({}));
  });

  it('refuses a role that does not exist and a source that is neither a user nor a role', async () => {
    await expectAwsError(root.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: roleArn('ghost'), ActionNames: ['iam:ListUsers'] })), 'NoSuchEntityException', 404, /ghost/);
    await expectAwsError(root.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${acct}:instance-profile/x`, ActionNames: ['iam:ListUsers'] })), 'InvalidInputException', 400);
  });

  it('ResourcePolicy: an Allow naming CallerArn grants, a Deny wins, and a resource policy needs a caller', async () => {
    const grants = doc({ Effect: 'Allow', Principal: { AWS: userArn('alice') }, Action: 'iam:GetUser' });
    const custom = await root.send(new SimulateCustomPolicyCommand({
      PolicyInputList: [doc({ Effect: 'Allow', Action: 'iam:ListUsers' })],
      ActionNames: ['iam:GetUser', 'iam:ListUsers'],
      ResourcePolicy: grants,
      CallerArn: userArn('alice'),
    }));
    assert.deepEqual(decisions(custom.EvaluationResults), { 'iam:GetUser *': 'allowed', 'iam:ListUsers *': 'allowed' });
    assert.deepEqual(custom.EvaluationResults![0]!.MatchedStatements!.map((s) => [s.SourcePolicyId, s.SourcePolicyType]), [['ResourcePolicy', 'resource']]);
    // naming someone else grants nothing
    const other = await root.send(new SimulateCustomPolicyCommand({ PolicyInputList: [doc({ Effect: 'Allow', Action: 'iam:ListUsers' })], ActionNames: ['iam:GetUser'], ResourcePolicy: grants, CallerArn: userArn('target') }));
    assert.equal(other.EvaluationResults![0]!.EvalDecision, 'implicitDeny');
    const denies = doc({ Effect: 'Deny', Principal: { AWS: acct }, Action: 'iam:ListUsers' });
    const principal = await root.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: roleArn('ops'), ActionNames: ['iam:ListUsers'], ResourcePolicy: denies, CallerArn: userArn('alice') }));
    assert.equal(principal.EvaluationResults![0]!.EvalDecision, 'explicitDeny');
    await expectAwsError(root.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: roleArn('ops'), ActionNames: ['iam:ListUsers'], ResourcePolicy: denies })), 'InvalidInputException', 400, /caller/);
    await expectAwsError(root.send(new SimulateCustomPolicyCommand({ PolicyInputList: [grants], ActionNames: ['iam:GetUser'], CallerArn: roleArn('ops') })), 'InvalidInputException', 400);
    await expectAwsError(
      root.send(new SimulateCustomPolicyCommand({ PolicyInputList: [doc({ Effect: 'Allow', Action: 'iam:GetUser' })], ActionNames: ['iam:GetUser'], ResourcePolicy: doc({ Effect: 'Allow', Action: 'iam:GetUser' }), CallerArn: userArn('alice') })),
      'MalformedPolicyDocumentException',
      400,
    );
  });

  it('aws iam simulate-principal-policy with a role ARN', async (t) => {
    if (!requireTool(t, AWS)) return;
    const iam = awsCli(() => server.url);
    const out = ok(await iam('iam', rootKeys(server), 'simulate-principal-policy', '--policy-source-arn', roleArn('ops'), '--action-names', 'iam:ListUsers', 'iam:CreateUser')) as { EvaluationResults: EvaluationResult[] };
    assert.deepEqual(decisions(out.EvaluationResults), { 'iam:ListUsers *': 'allowed', 'iam:CreateUser *': 'implicitDeny' });
    assert.equal(out.EvaluationResults[1]!.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary, false);
  });
});
