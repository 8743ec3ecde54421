/**
 * Protection matrix, Volcengine IAM (Version 2018-01-01): every action of the Volcengine dialect's
 * table, a GET signed by @volcengine/openapi's own `Signer` (the Volcengine suite's `rawSigned`).
 */
import { queryDialects } from '../../src/http/query-dialects.js';
import { rawSigned } from '../conformance/volcengine/support.js';
import { describeMatrix } from './matrix.js';
import { type Planned, type Row } from './personas.js';

type Params = Record<string, string>;
const dialect = queryDialects.find((d) => d.name === 'volcengine')!;
const p = (params: Params): Planned<Params> => ({ req: params });

/** Volcengine policy syntax: no Version (the documented example) */
const VOLC_DOCUMENT = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: ['iam:GetUser'], Resource: ['*'] }] });

const rows: Record<string, Row<Params>> = {
  CreateUser: (_p, _fx, n) => p({ UserName: `made-${n}` }),
  GetUser: (_p, fx) => p({ UserName: fx.user.name }),
  ListUsers: () => p({}),
  UpdateUser: (_p, fx) => p({ UserName: fx.user.name, NewDescription: 'changed' }),
  // DeleteUser does not cascade: the bare user
  DeleteUser: (_p, fx) => p({ UserName: fx.bare.name }),
  CreateLoginProfile: (_p, fx) => p({ UserName: fx.bare.name, Password: 'Fresh#Pass2024', LoginAllowed: 'true' }),
  GetLoginProfile: (_p, fx) => p({ UserName: fx.user.name }),
  UpdateLoginProfile: (_p, fx) => p({ UserName: fx.user.name, PasswordResetRequired: 'true' }),
  DeleteLoginProfile: (_p, fx) => p({ UserName: fx.user.name }),
  // issue #11: operation protection; a record exists before it is read
  SetSecurityConfig: (_p, fx) => p({ UserName: fx.user.name, SafeAuthType: 'vmfa', SafeAuthExemptDuration: '10' }),
  async GetSecurityConfig(_p, fx, _n, env) {
    const { systemContext } = await import('../../src/core/principal.js');
    const root = systemContext(env.server.root.account.id, env.server.root.root.user_id, env.server.root.root.user_name);
    await env.server.polyiam.services.operationProtection.set(root, { id: fx.user.id }, { methods: ['vmfa'] });
    return p({ UserName: fx.user.name });
  },
  // the account's console IP allow list; every address, so the matrix's own calls stay allowed
  UpdateAllowedIPAddresses: () => p({ EnableIPList: 'true', 'IPList.1.IP': '0.0.0.0/0', 'IPList.1.Description': 'all' }),
  GetAllowedIPAddresses: () => p({}),
  CreateAccessKey: (_p, fx) => p({ UserName: fx.user.name }),
  ListAccessKeys: (_p, fx) => p({ UserName: fx.user.name }),
  GetAccessKeyLastUsed: (_p, fx) => p({ AccessKeyId: fx.keyId, UserName: fx.user.name }),
  UpdateAccessKey: (_p, fx) => p({ UserName: fx.user.name, AccessKeyId: fx.keyId, Status: 'inactive' }),
  DeleteAccessKey: (_p, fx) => p({ UserName: fx.user.name, AccessKeyId: fx.keyId }),
  TagResources: (_p, fx) => p({ ResourceType: 'User', 'ResourceNames.1': fx.user.name, 'Tags.1.Key': 'k', 'Tags.1.Value': 'v' }),
  UntagResources: (_p, fx) => p({ ResourceType: 'User', 'ResourceNames.1': fx.user.name, 'TagKeys.1': 'team' }),
  ListTagsForResources: (_p, fx) => p({ ResourceType: 'User', 'ResourceNames.1': fx.user.name }),
  ChangePassword(persona, _fx, n) {
    const next = `Changed#${n}Pass`;
    return { req: { OldPassword: persona.password, NewPassword: next }, done: () => void (persona.password = next) };
  },
  GetPasswordPolicy: () => p({}),
  UpdatePasswordPolicy: () => p({ MinimumPasswordLength: '8', AllowUsersToChangePassword: 'true' }),
  // policies, by name and type; the fixture's are custom
  CreatePolicy: (_p, _fx, n) => p({ PolicyName: `made-${n}`, PolicyDocument: VOLC_DOCUMENT }),
  GetPolicy: (_p, fx) => p({ PolicyName: fx.policy.name, PolicyType: 'Custom' }),
  ListPolicies: () => p({}),
  UpdatePolicy: (_p, fx) => p({ PolicyName: fx.policy.name, NewDescription: 'changed' }),
  DeletePolicy: (_p, fx) => p({ PolicyName: fx.spare.name }),
  AttachUserPolicy: (_p, fx) => p({ UserName: fx.user.name, PolicyName: fx.spare.name, PolicyType: 'Custom' }),
  DetachUserPolicy: (_p, fx) => p({ UserName: fx.user.name, PolicyName: fx.policy.name, PolicyType: 'Custom' }),
  ListAttachedUserPolicies: (_p, fx) => p({ UserName: fx.user.name }),
  ListEntitiesForPolicy: (_p, fx) => p({ PolicyName: fx.policy.name, PolicyType: 'Custom' }),
  AttachUserGroupPolicy: (_p, fx) => p({ UserGroupName: fx.group.name, PolicyName: fx.spare.name, PolicyType: 'Custom' }),
  DetachUserGroupPolicy: (_p, fx) => p({ UserGroupName: fx.group.name, PolicyName: fx.policy.name, PolicyType: 'Custom' }),
  ListAttachedUserGroupPolicies: (_p, fx) => p({ UserGroupName: fx.group.name }),
  // user groups (issue #15): the fixture's groups; DeleteGroup takes the empty one
  CreateGroup: (_p, _fx, n) => p({ UserGroupName: `made-${n}` }),
  GetGroup: (_p, fx) => p({ UserGroupName: fx.group.name }),
  ListGroups: () => p({}),
  UpdateGroup: (_p, fx) => p({ UserGroupName: fx.group.name, NewDescription: 'changed' }),
  DeleteGroup: (_p, fx) => p({ UserGroupName: fx.emptyGroup.name }),
  AddUserToGroup: (_p, fx) => p({ UserGroupName: fx.emptyGroup.name, UserName: fx.bare.name }),
  RemoveUserFromGroup: (_p, fx) => p({ UserGroupName: fx.group.name, UserName: fx.user.name }),
  ListGroupsForUser: (_p, fx) => p({ UserName: fx.user.name }),
  ListUsersForGroup: (_p, fx) => p({ UserGroupName: fx.group.name }),
  // roles (issue #13): the fixture's roles
  CreateRole: (_p, _fx, n) => p({ RoleName: `made-${n}`, TrustPolicyDocument: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Principal: { Service: ['ecs'] } }] }) }),
  GetRole: (_p, fx) => p({ RoleName: fx.role.name }),
  ListRoles: () => p({}),
  UpdateRole: (_p, fx) => p({ RoleName: fx.role.name, Description: 'changed' }),
  DeleteRole: (_p, fx) => p({ RoleName: fx.bareRole.name }),
  AttachRolePolicy: (_p, fx) => p({ RoleName: fx.role.name, PolicyName: fx.spare.name, PolicyType: 'Custom' }),
  DetachRolePolicy: (_p, fx) => p({ RoleName: fx.role.name, PolicyName: fx.policy.name, PolicyType: 'Custom' }),
  ListAttachedRolePolicies: (_p, fx) => p({ RoleName: fx.role.name }),
  // signed for `sts` (see send); the fixture role trusts p-reader by name and the account
  AssumeRole: (_p, fx) => p({ RoleTrn: `trn:iam::${fx.account.numericId}:role/${fx.role.name}`, RoleSessionName: 'matrix' }),
  // issue #14: the account summary (Go SDK api_get_account_summary.go)
  GetAccountSummary: () => p({}),
};

describeMatrix<Params>({
  dialect: 'volcengine',
  operations: [...dialect.operations.keys()],
  rows,
  vendorActions: { syntax: 'volcengine', name: (action) => (action === 'AssumeRole' ? 'sts:AssumeRole' : `iam:${action}`) },
  // the trust policy decides AssumeRole (test/protection/aws-sts.test.ts has the same row)
  expectations: { AssumeRole: { root: 'deny', admin: 'deny', reader: 'allow', nobody: 'deny', disabled: 'refused', foreign: 'isolated' } },
  async send(env, persona, params, action) {
    const service = action === 'AssumeRole' ? 'sts' : 'iam';
    const res = await rawSigned(env.server, persona.keys, { method: 'GET', service, query: new URLSearchParams({ Action: action, Version: '2018-01-01', ...params }).toString() });
    return { status: res.status, text: JSON.stringify(res.body) };
  },
});
