/**
 * Rows of the protection matrix for the AWS-family query dialects (AWS IAM and Kingsoft share the
 * action names and parameters): each action's parameters, the fixture named the vendor's way.
 */
import { systemContext } from '../../src/core/principal.js';
import { awsApiRows } from './aws-api-rows.js';
import { POLICY_DOCUMENT, type Fixture, type Planned, type Row } from './personas.js';

/** Operations known to authorize under another vendor action, with the reason. */
export const KNOWN_MISNAMED: Record<string, string> = {
  // Kingsoft GetVirtualMFADevice (by user) has no AWS twin: it is authorized as the AWS action it mirrors, iam:GetMFADevice
  GetVirtualMFADevice: 'authorized as iam:GetMFADevice',
};

export type Params = Record<string, string>;

const SERVICE_TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

/** How a vendor spells ARNs: `arn:aws:iam::<12 digits>:` / `krn:ksc:iam::<numeric id>:` */
export interface ArnStyle {
  prefix: string;
  accountNumber(fx: Fixture): string;
}

export function awsFamilyRows(style: ArnStyle): Record<string, Row<Params>> {
  const arn = (fx: Fixture, what: string) => `${style.prefix}${style.accountNumber(fx)}:${what}`;
  const policyArn = (fx: Fixture, name = fx.policy.name) => arn(fx, `policy/${name}`);
  const p = (params: Params): Planned<Params> => ({ req: params });
  return {
    CreateUser: (_p, _fx, n) => p({ UserName: `made-${n}` }),
    // roles (issue #13)
    // trusting a service: a document that names no account, so the foreign root's own role holds no mark of the fixture's
    CreateRole: (_p, _fx, n) => p({ RoleName: `made-${n}`, AssumeRolePolicyDocument: SERVICE_TRUST }),
    GetRole: (_p, fx) => p({ RoleName: fx.role.name }),
    ListRoles: () => p({}),
    UpdateRole: (_p, fx) => p({ RoleName: fx.role.name, MaxSessionDuration: '7200' }),
    UpdateRoleDescription: (_p, fx) => p({ RoleName: fx.role.name, Description: 'changed' }),
    UpdateAssumeRolePolicy: (_p, fx) => p({ RoleName: fx.role.name, PolicyDocument: SERVICE_TRUST }),
    DeleteRole: (_p, fx) => p({ RoleName: fx.bareRole.name }),
    TagRole: (_p, fx) => p({ RoleName: fx.role.name, 'Tags.member.1.Key': 'k', 'Tags.member.1.Value': 'v' }),
    UntagRole: (_p, fx) => p({ RoleName: fx.role.name, 'TagKeys.member.1': 'team' }),
    ListRoleTags: (_p, fx) => p({ RoleName: fx.role.name }),
    AttachRolePolicy: (_p, fx) => p({ RoleName: fx.role.name, PolicyArn: policyArn(fx, fx.spare.name) }),
    DetachRolePolicy: (_p, fx) => p({ RoleName: fx.role.name, PolicyArn: policyArn(fx) }),
    ListAttachedRolePolicies: (_p, fx) => p({ RoleName: fx.role.name }),
    PutRolePolicy: (_p, fx) => p({ RoleName: fx.role.name, PolicyName: 'made', PolicyDocument: POLICY_DOCUMENT }),
    GetRolePolicy: (_p, fx) => p({ RoleName: fx.role.name, PolicyName: 'fx-role-inline' }),
    DeleteRolePolicy: (_p, fx) => p({ RoleName: fx.role.name, PolicyName: 'fx-role-inline' }),
    ListRolePolicies: (_p, fx) => p({ RoleName: fx.role.name }),
    PutGroupPolicy: (_p, fx) => p({ GroupName: fx.group.name, PolicyName: 'made', PolicyDocument: POLICY_DOCUMENT }),
    GetGroupPolicy: (_p, fx) => p({ GroupName: fx.group.name, PolicyName: 'fx-group-inline' }),
    DeleteGroupPolicy: (_p, fx) => p({ GroupName: fx.group.name, PolicyName: 'fx-group-inline' }),
    ListGroupPolicies: (_p, fx) => p({ GroupName: fx.group.name }),
    GetUser: (_p, fx) => p({ UserName: fx.user.name }),
    ListUsers: () => p({}),
    UpdateUser: (_p, fx, n) => p({ UserName: fx.user.name, NewUserName: `renamed-${n}` }),
    DeleteUser: (_p, fx) => p({ UserName: fx.bare.name }),
    CreateLoginProfile: (_p, fx) => p({ UserName: fx.bare.name, Password: 'Fresh#Pass2024' }),
    GetLoginProfile: (_p, fx) => p({ UserName: fx.user.name }),
    UpdateLoginProfile: (_p, fx) => p({ UserName: fx.user.name, PasswordResetRequired: 'true' }),
    DeleteLoginProfile: (_p, fx) => p({ UserName: fx.user.name }),
    ChangePassword(persona, _fx, n) {
      const next = `Changed#${n}Pass`;
      return { req: { OldPassword: persona.password, NewPassword: next }, done: () => void (persona.password = next) };
    },
    GetAccountPasswordPolicy: () => p({}),
    UpdateAccountPasswordPolicy: () => p({ MinimumPasswordLength: '8', AllowUsersToChangePassword: 'true' }),
    DeleteAccountPasswordPolicy: () => p({}),
    CreateAccessKey: (_p, fx) => p({ UserName: fx.user.name }),
    ListAccessKeys: (_p, fx) => p({ UserName: fx.user.name }),
    GetAccessKeyLastUsed: (_p, fx) => p({ AccessKeyId: fx.keyId }),
    UpdateAccessKey: (_p, fx) => p({ UserName: fx.user.name, AccessKeyId: fx.keyId, Status: 'Inactive' }),
    DeleteAccessKey: (_p, fx) => p({ UserName: fx.user.name, AccessKeyId: fx.keyId }),
    TagUser: (_p, fx) => p({ UserName: fx.user.name, 'Tags.member.1.Key': 'k', 'Tags.member.1.Value': 'v' }),
    UntagUser: (_p, fx) => p({ UserName: fx.user.name, 'TagKeys.member.1': 'team' }),
    ListUserTags: (_p, fx) => p({ UserName: fx.user.name }),
    // managed policies
    CreatePolicy: (_p, _fx, n) => p({ PolicyName: `made-${n}`, PolicyDocument: POLICY_DOCUMENT }),
    GetPolicy: (_p, fx) => p({ PolicyArn: policyArn(fx) }),
    ListPolicies: () => p({ Scope: 'Local' }),
    DeletePolicy: (_p, fx) => p({ PolicyArn: policyArn(fx, fx.spare.name) }),
    CreatePolicyVersion: (_p, fx) => p({ PolicyArn: policyArn(fx), PolicyDocument: POLICY_DOCUMENT }),
    GetPolicyVersion: (_p, fx) => p({ PolicyArn: policyArn(fx), VersionId: 'v2' }),
    ListPolicyVersions: (_p, fx) => p({ PolicyArn: policyArn(fx) }),
    DeletePolicyVersion: (_p, fx) => p({ PolicyArn: policyArn(fx), VersionId: 'v2' }),
    SetDefaultPolicyVersion: (_p, fx) => p({ PolicyArn: policyArn(fx), VersionId: 'v2' }),
    AttachUserPolicy: (_p, fx) => p({ UserName: fx.user.name, PolicyArn: policyArn(fx, fx.spare.name) }),
    DetachUserPolicy: (_p, fx) => p({ UserName: fx.user.name, PolicyArn: policyArn(fx) }),
    ListAttachedUserPolicies: (_p, fx) => p({ UserName: fx.user.name }),
    AttachGroupPolicy: (_p, fx) => p({ GroupName: fx.group.name, PolicyArn: policyArn(fx, fx.spare.name) }),
    DetachGroupPolicy: (_p, fx) => p({ GroupName: fx.group.name, PolicyArn: policyArn(fx) }),
    ListAttachedGroupPolicies: (_p, fx) => p({ GroupName: fx.group.name }),
    ListEntitiesForPolicy: (_p, fx) => p({ PolicyArn: policyArn(fx) }),
    // inline user policies
    PutUserPolicy: (_p, fx) => p({ UserName: fx.user.name, PolicyName: 'made', PolicyDocument: POLICY_DOCUMENT }),
    GetUserPolicy: (_p, fx) => p({ UserName: fx.user.name, PolicyName: fx.inlinePolicyName }),
    DeleteUserPolicy: (_p, fx) => p({ UserName: fx.user.name, PolicyName: fx.inlinePolicyName }),
    ListUserPolicies: (_p, fx) => p({ UserName: fx.user.name }),
    // groups
    CreateGroup: (_p, _fx, n) => p({ GroupName: `made-${n}` }),
    GetGroup: (_p, fx) => p({ GroupName: fx.group.name }),
    ListGroups: () => p({}),
    UpdateGroup: (_p, fx) => p({ GroupName: fx.group.name, NewPath: '/changed/' }),
    DeleteGroup: (_p, fx) => p({ GroupName: fx.emptyGroup.name }),
    AddUserToGroup: (_p, fx) => p({ GroupName: fx.group.name, UserName: fx.bare.name }),
    RemoveUserFromGroup: (_p, fx) => p({ GroupName: fx.group.name, UserName: fx.user.name }),
    ListGroupsForUser: (_p, fx) => p({ UserName: fx.user.name }),
    // simulation, and STS where the dialect serves it
    SimulatePrincipalPolicy: (_p, fx) => p({ PolicySourceArn: arn(fx, `user/${fx.user.name}`), 'ActionNames.member.1': 'iam:GetUser' }),
    SimulateCustomPolicy: () => p({ 'PolicyInputList.member.1': POLICY_DOCUMENT, 'ActionNames.member.1': 'iam:GetUser' }),
    DecodeAuthorizationMessage: (_p, fx) => p({ EncodedMessage: fx.encoded }),
    // issue #15
    PutUserPermissionsBoundary: (_p, fx) => p({ UserName: fx.user.name, PermissionsBoundary: policyArn(fx, fx.spare.name) }),
    DeleteUserPermissionsBoundary: (_p, fx) => p({ UserName: fx.user.name }),
    TagPolicy: (_p, fx) => p({ PolicyArn: policyArn(fx), 'Tags.member.1.Key': 'k', 'Tags.member.1.Value': 'v' }),
    UntagPolicy: (_p, fx) => p({ PolicyArn: policyArn(fx), 'TagKeys.member.1': 'k' }),
    ListPolicyTags: (_p, fx) => p({ PolicyArn: policyArn(fx) }),
    CreateAccountAlias: (_p, _fx, n) => p({ AccountAlias: `fx-made-${n}` }),
    async DeleteAccountAlias(_p, fx, n, env) {
      // an alias of the fixture's account to delete, set as its root
      await env.server.polyiam.services.accountAliases.create(systemContext(fx.account.id, 'fixture-root', 'root'), `fx-alias-${n}`);
      return p({ AccountAlias: `fx-alias-${n}` });
    },
    ListAccountAliases: () => p({}),
    ...awsApiRows(),
  };
}
