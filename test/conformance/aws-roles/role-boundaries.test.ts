/**
 * @see #15 Role permissions boundaries through @aws-sdk/client-iam and client-sts: CreateRole
 * PermissionsBoundary, Put/DeleteRolePermissionsBoundary, GetRole, ListEntitiesForPolicy and
 * ListPolicies with PolicyUsageFilter, and an assumed-role session held to both its policies and the
 * boundary.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  DeletePolicyCommand,
  DeleteRolePermissionsBoundaryCommand,
  GetRoleCommand,
  ListEntitiesForPolicyCommand,
  ListGroupsCommand,
  ListPoliciesCommand,
  ListRolesCommand,
  ListUsersCommand,
  PutRolePermissionsBoundaryCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient, createUserWithKey, expectAwsError, rootKeys, type Keys } from '../aws/support.js';
import { sessionIam, stsClient, trust } from './support.js';

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const onlyListUsers = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }] });

describe('aws role permissions boundaries through the official SDK', () => {
  let server: TestServer;
  let acct: string;
  let alice: Keys;

  before(async () => {
    server = await startTestServer();
    acct = (await server.polyiam.services.accounts.findById(server.root.account.id))!.awsAccountId;
    const iam = awsClient(server, rootKeys(server));
    alice = await createUserWithKey(iam, 'alice');
    const allowAssume = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] });
    await iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'assume', PolicyDocument: allowAssume }));
  });
  after(() => server.close());

  it('a session of a bounded role gets only what both allow; the boundary shows in GetRole and in ListEntitiesForPolicy', async () => {
    const iam = awsClient(server, rootKeys(server));
    const boundary = (await iam.send(new CreatePolicyCommand({ PolicyName: 'only-list-users', PolicyDocument: onlyListUsers }))).Policy!.Arn!;
    const created = await iam.send(new CreateRoleCommand({ RoleName: 'bounded', AssumeRolePolicyDocument: trust({ AWS: acct }), PermissionsBoundary: boundary }));
    assert.deepEqual(created.Role!.PermissionsBoundary, { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: boundary });
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'bounded', PolicyArn: ADMIN }));
    assert.equal((await iam.send(new GetRoleCommand({ RoleName: 'bounded' }))).Role!.PermissionsBoundary!.PermissionsBoundaryArn, boundary);
    // ListRoles leaves PermissionsBoundary out, as AWS does
    assert.equal((await iam.send(new ListRolesCommand({}))).Roles!.find((r) => r.RoleName === 'bounded')!.PermissionsBoundary, undefined);

    const { Credentials } = await stsClient(server, alice).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${acct}:role/bounded`, RoleSessionName: 's1' }));
    const session = sessionIam(server, Credentials!);
    await session.send(new ListUsersCommand({}));
    // AdministratorAccess allows ListGroups; the boundary does not
    await expectAwsError(session.send(new ListGroupsCommand({})), 'AccessDenied', 403, /no permissions boundary allows/);

    const entities = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: boundary, PolicyUsageFilter: 'PermissionsBoundary' }));
    assert.deepEqual(entities.PolicyRoles!.map((r) => r.RoleName), ['bounded']);
    assert.deepEqual((await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: boundary, PolicyUsageFilter: 'PermissionsPolicy' }))).PolicyRoles, []);
    assert.deepEqual((await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: ADMIN, EntityFilter: 'Role' }))).PolicyRoles!.map((r) => r.RoleName), ['bounded']);
    const inUse = await iam.send(new ListPoliciesCommand({ Scope: 'Local', PolicyUsageFilter: 'PermissionsBoundary' }));
    assert.deepEqual(inUse.Policies!.map((p) => [p.PolicyName, p.PermissionsBoundaryUsageCount]), [['only-list-users', 1]]);
    const attached = await iam.send(new ListPoliciesCommand({ Scope: 'AWS', OnlyAttached: true }));
    assert.ok(attached.Policies!.some((p) => p.PolicyName === 'AdministratorAccess' && p.AttachmentCount === 1), 'a role attachment counts');
    await expectAwsError(iam.send(new DeletePolicyCommand({ PolicyArn: boundary })), 'DeleteConflictException', 409, 'Cannot delete a policy attached to entities.');

    // removing the boundary applies to the same session's next call
    await iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: 'bounded' }));
    assert.equal((await iam.send(new GetRoleCommand({ RoleName: 'bounded' }))).Role!.PermissionsBoundary, undefined);
    await session.send(new ListGroupsCommand({}));
    // and setting it again narrows it at once
    await iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'bounded', PermissionsBoundary: boundary }));
    await expectAwsError(session.send(new ListGroupsCommand({})), 'AccessDenied', 403);
  });

  it('refusals: unknown role or policy, a malformed ARN', async () => {
    const iam = awsClient(server, rootKeys(server));
    await iam.send(new CreateRoleCommand({ RoleName: 'plain', AssumeRolePolicyDocument: trust({ AWS: acct }) }));
    const missing = `arn:aws:iam::${acct}:policy/nope`;
    await expectAwsError(iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'plain', PermissionsBoundary: missing })), 'NoSuchEntityException', 404, `Policy ${missing} does not exist or is not attachable.`);
    await expectAwsError(iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'ghost', PermissionsBoundary: ADMIN })), 'NoSuchEntityException', 404, 'The role with name ghost cannot be found.');
    await expectAwsError(iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: 'ghost' })), 'NoSuchEntityException', 404);
    await expectAwsError(iam.send(new CreateRoleCommand({ RoleName: 'r2', AssumeRolePolicyDocument: trust({ AWS: acct }), PermissionsBoundary: missing })), 'NoSuchEntityException', 404);
    // nothing stored from the refused create
    await expectAwsError(iam.send(new GetRoleCommand({ RoleName: 'r2' })), 'NoSuchEntityException', 404);
    await expectAwsError(iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'plain', PermissionsBoundary: 'not-an-arn' })), 'ValidationError', 400);
  });
});
