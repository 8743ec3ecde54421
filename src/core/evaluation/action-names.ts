import { Actions, AuditActions, ReportActions, StsActions, type IamAction } from '../authorization/actions.js';
import type { PolicySyntax } from '../policies/document.js';

/** One core action's name in each vendor's policy language. */
export interface ActionNames {
  /** Huawei IAM v5 "授权项", the canonical core name */
  huaweiV5: IamAction;
  /** Huawei IAM v3 (role/policy `Version 1.1`) "授权项", where v3 has the operation */
  huaweiV3: string | null;
  aws: string;
  /** Kingsoft mirrors AWS IAM's action names (docs: "Action names mirror AWS IAM") */
  kingsoft: string;
  volcengine: string;
  /**
   * True when a vendor has no API of its own for the action and the name is polyiam's: it stays
   * distinct so that granting a real action never grants it by accident, and `iam:*` still covers it.
   */
  synthetic?: readonly ('aws' | 'kingsoft' | 'volcengine' | 'huawei-v5')[];
}

/** a Keystone concept no other dialect has */
const NOT_ELSEWHERE = ['aws', 'kingsoft', 'volcengine', 'huawei-v5'] as const;

type Row = readonly [aws: string, volcengine: string, huaweiV3: string | null, synthetic?: ActionNames['synthetic']];

/**
 * AWS names: Service Authorization Reference for IAM. Volcengine: "API list" of IAM (reference
 * volcengine-iam.md §4), with TagResources/UntagResources/ListTagsForResources for tags. Huawei v3:
 * "授权项" tables of the IAM API reference; the users rows are documented, the others follow the
 * same pattern (UNVERIFIED).
 */
const ROWS: Record<keyof typeof Actions, Row> = {
  createUser: ['iam:CreateUser', 'iam:CreateUser', 'iam:users:createUser'],
  listUsers: ['iam:ListUsers', 'iam:ListUsers', 'iam:users:listUsers'],
  getUser: ['iam:GetUser', 'iam:GetUser', 'iam:users:getUser'],
  updateUser: ['iam:UpdateUser', 'iam:UpdateUser', 'iam:users:updateUser'],
  deleteUser: ['iam:DeleteUser', 'iam:DeleteUser', 'iam:users:deleteUser'],
  // AWS and Volcengine answer "last sign-in" in GetUser (AWS PasswordLastUsed)
  getUserLastLogin: ['iam:GetUser', 'iam:GetUser', 'iam:users:getUser'],
  createLoginProfile: ['iam:CreateLoginProfile', 'iam:CreateLoginProfile', null],
  getLoginProfile: ['iam:GetLoginProfile', 'iam:GetLoginProfile', null],
  updateLoginProfile: ['iam:UpdateLoginProfile', 'iam:UpdateLoginProfile', null],
  deleteLoginProfile: ['iam:DeleteLoginProfile', 'iam:DeleteLoginProfile', null],
  // unlocking changes the login profile's lock state: an UpdateLoginProfile where no unlock API exists
  unlockLoginProfile: ['iam:UpdateLoginProfile', 'iam:UpdateLoginProfile', null],
  changePassword: ['iam:ChangePassword', 'iam:ChangePassword', null, ['volcengine']],
  createAccessKey: ['iam:CreateAccessKey', 'iam:CreateAccessKey', 'iam:credentials:createCredential'],
  listAccessKeys: ['iam:ListAccessKeys', 'iam:ListAccessKeys', 'iam:credentials:listCredentials'],
  updateAccessKey: ['iam:UpdateAccessKey', 'iam:UpdateAccessKey', 'iam:credentials:updateCredential'],
  deleteAccessKey: ['iam:DeleteAccessKey', 'iam:DeleteAccessKey', 'iam:credentials:deleteCredential'],
  getAccessKeyLastUsed: ['iam:GetAccessKeyLastUsed', 'iam:GetAccessKeyLastUsed', null],
  tagUser: ['iam:TagUser', 'iam:TagResources', null],
  untagUser: ['iam:UntagUser', 'iam:UntagResources', null],
  listUserTags: ['iam:ListUserTags', 'iam:ListTagsForResources', null],
  getPasswordPolicy: [
    'iam:GetAccountPasswordPolicy',
    'iam:GetPasswordPolicy',
    'iam:securitypolicies:getPasswordPolicy',
    ['volcengine'],
  ],
  updatePasswordPolicy: [
    'iam:UpdateAccountPasswordPolicy',
    'iam:UpdatePasswordPolicy',
    'iam:securitypolicies:updatePasswordPolicy',
    ['volcengine'],
  ],
  // only AWS (and Kingsoft) delete the policy; granting an update never grants the delete
  deletePasswordPolicy: ['iam:DeleteAccountPasswordPolicy', 'iam:DeletePasswordPolicy', null, ['volcengine', 'huawei-v5']],
  getLoginPolicy: [
    'iam:GetLoginPolicy',
    'iam:GetLoginPolicy',
    'iam:securitypolicies:getLoginPolicy',
    ['aws', 'kingsoft', 'volcengine'],
  ],
  updateLoginPolicy: [
    'iam:UpdateLoginPolicy',
    'iam:UpdateLoginPolicy',
    'iam:securitypolicies:updateLoginPolicy',
    ['aws', 'kingsoft', 'volcengine'],
  ],
  createGroup: ['iam:CreateGroup', 'iam:CreateGroup', 'iam:groups:createGroup'],
  listGroups: ['iam:ListGroups', 'iam:ListGroups', 'iam:groups:listGroups'],
  getGroup: ['iam:GetGroup', 'iam:GetGroup', 'iam:groups:getGroup'],
  updateGroup: ['iam:UpdateGroup', 'iam:UpdateGroup', 'iam:groups:updateGroup'],
  deleteGroup: ['iam:DeleteGroup', 'iam:DeleteGroup', 'iam:groups:deleteGroup'],
  addUserToGroup: ['iam:AddUserToGroup', 'iam:AddUserToGroup', 'iam:permissions:addUserToGroup'],
  removeUserFromGroup: ['iam:RemoveUserFromGroup', 'iam:RemoveUserFromGroup', 'iam:permissions:removeUserFromGroup'],
  // AWS lists a group's members in GetGroup; Volcengine has ListUsersForGroup
  listGroupMembers: ['iam:GetGroup', 'iam:ListUsersForGroup', null],
  // Keystone "查询IAM用户所属用户组" (KeystoneListGroupsForUser) follows the v3 users pattern (UNVERIFIED)
  listGroupsForUser: ['iam:ListGroupsForUser', 'iam:ListGroupsForUser', 'iam:users:listGroupsForUser', ['huawei-v5']],
  // Volcengine "API list": policies are managed by name and have no versions, so the version actions
  // keep AWS's names there (synthetic); AWS has no call that edits a description (Huawei UpdatePolicyV5)
  createPolicy: ['iam:CreatePolicy', 'iam:CreatePolicy', null],
  getPolicy: ['iam:GetPolicy', 'iam:GetPolicy', null],
  listPolicies: ['iam:ListPolicies', 'iam:ListPolicies', null],
  updatePolicy: ['iam:UpdatePolicy', 'iam:UpdatePolicy', null, ['aws', 'kingsoft']],
  deletePolicy: ['iam:DeletePolicy', 'iam:DeletePolicy', null],
  createPolicyVersion: ['iam:CreatePolicyVersion', 'iam:CreatePolicyVersion', null, ['volcengine']],
  getPolicyVersion: ['iam:GetPolicyVersion', 'iam:GetPolicyVersion', null, ['volcengine']],
  listPolicyVersions: ['iam:ListPolicyVersions', 'iam:ListPolicyVersions', null, ['volcengine']],
  deletePolicyVersion: ['iam:DeletePolicyVersion', 'iam:DeletePolicyVersion', null, ['volcengine']],
  setDefaultPolicyVersion: ['iam:SetDefaultPolicyVersion', 'iam:SetDefaultPolicyVersion', null, ['volcengine']],
  listEntitiesForPolicy: ['iam:ListEntitiesForPolicy', 'iam:ListEntitiesForPolicy', null],
  attachUserPolicy: ['iam:AttachUserPolicy', 'iam:AttachUserPolicy', null],
  detachUserPolicy: ['iam:DetachUserPolicy', 'iam:DetachUserPolicy', null],
  listAttachedUserPolicies: ['iam:ListAttachedUserPolicies', 'iam:ListAttachedUserPolicies', null],
  // Volcengine calls groups "user groups": AttachUserGroupPolicy, ListAttachedUserGroupPolicies
  attachGroupPolicy: ['iam:AttachGroupPolicy', 'iam:AttachUserGroupPolicy', null],
  detachGroupPolicy: ['iam:DetachGroupPolicy', 'iam:DetachUserGroupPolicy', null],
  listAttachedGroupPolicies: ['iam:ListAttachedGroupPolicies', 'iam:ListAttachedUserGroupPolicies', null],
  // inline user policies are AWS's (PutUserPolicy...); Huawei v5 and Volcengine have none
  putUserPolicy: ['iam:PutUserPolicy', 'iam:PutUserPolicy', null, ['volcengine', 'huawei-v5']],
  getUserPolicy: ['iam:GetUserPolicy', 'iam:GetUserPolicy', null, ['volcengine', 'huawei-v5']],
  deleteUserPolicy: ['iam:DeleteUserPolicy', 'iam:DeleteUserPolicy', null, ['volcengine', 'huawei-v5']],
  listUserPolicies: ['iam:ListUserPolicies', 'iam:ListUserPolicies', null, ['volcengine', 'huawei-v5']],
  simulatePrincipalPolicy: ['iam:SimulatePrincipalPolicy', 'iam:SimulatePrincipalPolicy', null, ['volcengine', 'huawei-v5']],
  simulateCustomPolicy: ['iam:SimulateCustomPolicy', 'iam:SimulateCustomPolicy', null, ['volcengine', 'huawei-v5']],
  // Keystone projects, roles, grants, catalog (issue #16): only Huawei v3 has them; the other names are
  // polyiam's, shaped so AWS-syntax `iam:Get*` / `iam:List*` (IAMReadOnlyAccess) reach the reads
  createProject: ['iam:CreateProject', 'iam:CreateProject', 'iam:projects:createProject', NOT_ELSEWHERE],
  listProjects: ['iam:ListProjects', 'iam:ListProjects', 'iam:projects:listProjects', NOT_ELSEWHERE],
  getProject: ['iam:GetProject', 'iam:GetProject', 'iam:projects:getProject', NOT_ELSEWHERE],
  updateProject: ['iam:UpdateProject', 'iam:UpdateProject', 'iam:projects:updateProject', NOT_ELSEWHERE],
  deleteProject: ['iam:DeleteProject', 'iam:DeleteProject', 'iam:projects:deleteProject', NOT_ELSEWHERE],
  createKeystoneRole: ['iam:CreateKeystoneRole', 'iam:CreateKeystoneRole', 'iam:roles:createRole', NOT_ELSEWHERE],
  listKeystoneRoles: ['iam:ListKeystoneRoles', 'iam:ListKeystoneRoles', 'iam:roles:listRoles', NOT_ELSEWHERE],
  getKeystoneRole: ['iam:GetKeystoneRole', 'iam:GetKeystoneRole', 'iam:roles:getRole', NOT_ELSEWHERE],
  updateKeystoneRole: ['iam:UpdateKeystoneRole', 'iam:UpdateKeystoneRole', 'iam:roles:updateRole', NOT_ELSEWHERE],
  deleteKeystoneRole: ['iam:DeleteKeystoneRole', 'iam:DeleteKeystoneRole', 'iam:roles:deleteRole', NOT_ELSEWHERE],
  grantRole: ['iam:GrantKeystoneRole', 'iam:GrantKeystoneRole', 'iam:permissions:grantRole', NOT_ELSEWHERE],
  revokeRole: ['iam:RevokeKeystoneRole', 'iam:RevokeKeystoneRole', 'iam:permissions:revokeRole', NOT_ELSEWHERE],
  listRoleAssignments: ['iam:ListRoleAssignments', 'iam:ListRoleAssignments', 'iam:permissions:listRoleAssignments', NOT_ELSEWHERE],
  listCatalog: ['iam:ListCatalog', 'iam:ListCatalog', 'iam:catalog:listCatalog', NOT_ELSEWHERE],
  updateCatalog: ['iam:UpdateCatalog', 'iam:UpdateCatalog', 'iam:catalog:updateCatalog', NOT_ELSEWHERE],
  // Volcengine "API list" role actions (CreateRole ... ListAttachedRolePolicies); Huawei v3 OS-AGENCY
  // "授权项" iam:agencies:* (UNVERIFIED beyond the pattern of the users rows)
  createRole: ['iam:CreateRole', 'iam:CreateRole', 'iam:agencies:createAgency'],
  getRole: ['iam:GetRole', 'iam:GetRole', 'iam:agencies:getAgency'],
  listRoles: ['iam:ListRoles', 'iam:ListRoles', 'iam:agencies:listAgencies'],
  updateRole: ['iam:UpdateRole', 'iam:UpdateRole', 'iam:agencies:updateAgency'],
  updateAssumeRolePolicy: ['iam:UpdateAssumeRolePolicy', 'iam:UpdateRole', 'iam:agencies:updateAgency'],
  updateRoleDescription: ['iam:UpdateRoleDescription', 'iam:UpdateRole', 'iam:agencies:updateAgency', ['huawei-v5']],
  deleteRole: ['iam:DeleteRole', 'iam:DeleteRole', 'iam:agencies:deleteAgency'],
  attachRolePolicy: ['iam:AttachRolePolicy', 'iam:AttachRolePolicy', 'iam:permissions:grantRoleToAgency'],
  detachRolePolicy: ['iam:DetachRolePolicy', 'iam:DetachRolePolicy', 'iam:permissions:revokeRoleFromAgency'],
  listAttachedRolePolicies: ['iam:ListAttachedRolePolicies', 'iam:ListAttachedRolePolicies', 'iam:permissions:listRolesForAgency'],
  putRolePolicy: ['iam:PutRolePolicy', 'iam:PutRolePolicy', null, ['volcengine', 'huawei-v5']],
  getRolePolicy: ['iam:GetRolePolicy', 'iam:GetRolePolicy', null, ['volcengine', 'huawei-v5']],
  deleteRolePolicy: ['iam:DeleteRolePolicy', 'iam:DeleteRolePolicy', null, ['volcengine', 'huawei-v5']],
  listRolePolicies: ['iam:ListRolePolicies', 'iam:ListRolePolicies', null, ['volcengine', 'huawei-v5']],
  tagRole: ['iam:TagRole', 'iam:TagResources', null, ['huawei-v5']],
  untagRole: ['iam:UntagRole', 'iam:UntagResources', null, ['huawei-v5']],
  listRoleTags: ['iam:ListRoleTags', 'iam:ListTagsForResources', null, ['huawei-v5']],
  // AWS's console revokes with PutRolePolicy (AWSRevokeOlderSessions); granting that grants this
  revokeRoleSessions: ['iam:PutRolePolicy', 'iam:PutRolePolicy', null, ['volcengine', 'huawei-v5']],
  putGroupPolicy: ['iam:PutGroupPolicy', 'iam:PutGroupPolicy', null, ['volcengine', 'huawei-v5']],
  getGroupPolicy: ['iam:GetGroupPolicy', 'iam:GetGroupPolicy', null, ['volcengine', 'huawei-v5']],
  deleteGroupPolicy: ['iam:DeleteGroupPolicy', 'iam:DeleteGroupPolicy', null, ['volcengine', 'huawei-v5']],
  listGroupPolicies: ['iam:ListGroupPolicies', 'iam:ListGroupPolicies', null, ['volcengine', 'huawei-v5']],
  // AWS Service Authorization Reference (IAM): the MFA actions. Volcengine has no MFA-device API
  // (login-protection.md §4): AWS's names there, synthetic. Huawei v3 "授权项" of OS-MFA (UNVERIFIED).
  createMfaDevice: ['iam:CreateVirtualMFADevice', 'iam:CreateVirtualMFADevice', 'iam:mfa:createVirtualMFADevice', ['volcengine']],
  enableMfaDevice: ['iam:EnableMFADevice', 'iam:EnableMFADevice', 'iam:mfa:bindMFADevice', ['volcengine']],
  disableMfaDevice: ['iam:DeactivateMFADevice', 'iam:DeactivateMFADevice', 'iam:mfa:unbindMFADevice', ['volcengine']],
  deleteMfaDevice: ['iam:DeleteVirtualMFADevice', 'iam:DeleteVirtualMFADevice', 'iam:mfa:deleteVirtualMFADevice', ['volcengine']],
  listMfaDevices: ['iam:ListMFADevices', 'iam:ListMFADevices', 'iam:mfa:listVirtualMFADevices', ['volcengine']],
  listVirtualMfaDevices: ['iam:ListVirtualMFADevices', 'iam:ListVirtualMFADevices', 'iam:mfa:listVirtualMFADevices', ['volcengine']],
  resyncMfaDevice: ['iam:ResyncMFADevice', 'iam:ResyncMFADevice', null, ['volcengine', 'huawei-v5']],
  getMfaDevice: ['iam:GetMFADevice', 'iam:GetMFADevice', 'iam:mfa:getVirtualMFADevice', ['volcengine', 'huawei-v5']],
  tagMfaDevice: ['iam:TagMFADevice', 'iam:TagMFADevice', null, ['volcengine', 'huawei-v5']],
  untagMfaDevice: ['iam:UntagMFADevice', 'iam:UntagMFADevice', null, ['volcengine', 'huawei-v5']],
  listMfaDeviceTags: ['iam:ListMFADeviceTags', 'iam:ListMFADeviceTags', null, ['volcengine', 'huawei-v5']],
  // login protection: Huawei v3.0 OS-USER; Volcengine sets it through UpdateLoginProfile SafeAuth*,
  // AWS has no API for it (console only)
  getLoginProtection: ['iam:GetLoginProtection', 'iam:GetLoginProfile', 'iam:users:getUserLoginProtect', ['aws', 'kingsoft', 'huawei-v5']],
  updateLoginProtection: ['iam:UpdateLoginProtection', 'iam:UpdateLoginProfile', 'iam:users:updateUserLoginProtect', ['aws', 'kingsoft', 'huawei-v5']],
  listLoginProtections: ['iam:ListLoginProtections', 'iam:ListLoginProtections', 'iam:users:listUserLoginProtects', ['aws', 'kingsoft', 'volcengine', 'huawei-v5']],
  // Volcengine 6257/1343923, 6257/1339620; Kingsoft sets it through UpdateLoginProfile OpenSecurityProtection
  getOperationProtection: ['iam:GetLoginProfile', 'iam:GetSecurityConfig', null, ['huawei-v5']],
  updateOperationProtection: ['iam:UpdateLoginProfile', 'iam:SetSecurityConfig', null, ['huawei-v5']],
  // Huawei v3 "授权项" of ShowDomainProtectPolicy / UpdateDomainProtectPolicy (UNVERIFIED, the login-policy pattern)
  getProtectPolicy: ['iam:GetProtectPolicy', 'iam:GetProtectPolicy', 'iam:securitypolicies:getProtectPolicy', ['aws', 'kingsoft', 'volcengine', 'huawei-v5']],
  updateProtectPolicy: ['iam:UpdateProtectPolicy', 'iam:UpdateProtectPolicy', 'iam:securitypolicies:updateProtectPolicy', ['aws', 'kingsoft', 'volcengine', 'huawei-v5']],
  // Huawei v3 "授权项" of Show/UpdateDomainConsoleAclPolicy and Show/UpdateDomainApiAclPolicy (iam_19_0001)
  getAccessControlPolicy: ['iam:GetAccessControlPolicy', 'iam:GetAllowedIPAddresses', 'iam:securitypolicies:getDomainAclPolicy', ['aws', 'kingsoft', 'huawei-v5']],
  updateAccessControlPolicy: ['iam:UpdateAccessControlPolicy', 'iam:UpdateAllowedIPAddresses', 'iam:securitypolicies:updateDomainAclPolicy', ['aws', 'kingsoft', 'huawei-v5']],
  // issue #15: AWS-only operations; Volcengine and Huawei v5 have no such API (their SDKs list none)
  putUserPermissionsBoundary: ['iam:PutUserPermissionsBoundary', 'iam:PutUserPermissionsBoundary', null, ['volcengine', 'huawei-v5']],
  deleteUserPermissionsBoundary: ['iam:DeleteUserPermissionsBoundary', 'iam:DeleteUserPermissionsBoundary', null, ['volcengine', 'huawei-v5']],
  tagPolicy: ['iam:TagPolicy', 'iam:TagPolicy', null, ['volcengine', 'huawei-v5']],
  untagPolicy: ['iam:UntagPolicy', 'iam:UntagPolicy', null, ['volcengine', 'huawei-v5']],
  listPolicyTags: ['iam:ListPolicyTags', 'iam:ListPolicyTags', null, ['volcengine', 'huawei-v5']],
  createAccountAlias: ['iam:CreateAccountAlias', 'iam:CreateAccountAlias', null, ['volcengine', 'huawei-v5']],
  deleteAccountAlias: ['iam:DeleteAccountAlias', 'iam:DeleteAccountAlias', null, ['volcengine', 'huawei-v5']],
  listAccountAliases: ['iam:ListAccountAliases', 'iam:ListAccountAliases', null, ['volcengine', 'huawei-v5']],
  uploadSshPublicKey: ['iam:UploadSSHPublicKey', 'iam:UploadSSHPublicKey', null, ['volcengine', 'huawei-v5']],
  getSshPublicKey: ['iam:GetSSHPublicKey', 'iam:GetSSHPublicKey', null, ['volcengine', 'huawei-v5']],
  listSshPublicKeys: ['iam:ListSSHPublicKeys', 'iam:ListSSHPublicKeys', null, ['volcengine', 'huawei-v5']],
  updateSshPublicKey: ['iam:UpdateSSHPublicKey', 'iam:UpdateSSHPublicKey', null, ['volcengine', 'huawei-v5']],
  deleteSshPublicKey: ['iam:DeleteSSHPublicKey', 'iam:DeleteSSHPublicKey', null, ['volcengine', 'huawei-v5']],
  uploadSigningCertificate: ['iam:UploadSigningCertificate', 'iam:UploadSigningCertificate', null, ['volcengine', 'huawei-v5']],
  listSigningCertificates: ['iam:ListSigningCertificates', 'iam:ListSigningCertificates', null, ['volcengine', 'huawei-v5']],
  updateSigningCertificate: ['iam:UpdateSigningCertificate', 'iam:UpdateSigningCertificate', null, ['volcengine', 'huawei-v5']],
  deleteSigningCertificate: ['iam:DeleteSigningCertificate', 'iam:DeleteSigningCertificate', null, ['volcengine', 'huawei-v5']],
  createServiceSpecificCredential: ['iam:CreateServiceSpecificCredential', 'iam:CreateServiceSpecificCredential', null, ['volcengine', 'huawei-v5']],
  listServiceSpecificCredentials: ['iam:ListServiceSpecificCredentials', 'iam:ListServiceSpecificCredentials', null, ['volcengine', 'huawei-v5']],
  resetServiceSpecificCredential: ['iam:ResetServiceSpecificCredential', 'iam:ResetServiceSpecificCredential', null, ['volcengine', 'huawei-v5']],
  updateServiceSpecificCredential: ['iam:UpdateServiceSpecificCredential', 'iam:UpdateServiceSpecificCredential', null, ['volcengine', 'huawei-v5']],
  deleteServiceSpecificCredential: ['iam:DeleteServiceSpecificCredential', 'iam:DeleteServiceSpecificCredential', null, ['volcengine', 'huawei-v5']],
  uploadServerCertificate: ['iam:UploadServerCertificate', 'iam:UploadServerCertificate', null, ['volcengine', 'huawei-v5']],
  getServerCertificate: ['iam:GetServerCertificate', 'iam:GetServerCertificate', null, ['volcengine', 'huawei-v5']],
  listServerCertificates: ['iam:ListServerCertificates', 'iam:ListServerCertificates', null, ['volcengine', 'huawei-v5']],
  updateServerCertificate: ['iam:UpdateServerCertificate', 'iam:UpdateServerCertificate', null, ['volcengine', 'huawei-v5']],
  deleteServerCertificate: ['iam:DeleteServerCertificate', 'iam:DeleteServerCertificate', null, ['volcengine', 'huawei-v5']],
  tagServerCertificate: ['iam:TagServerCertificate', 'iam:TagServerCertificate', null, ['volcengine', 'huawei-v5']],
  untagServerCertificate: ['iam:UntagServerCertificate', 'iam:UntagServerCertificate', null, ['volcengine', 'huawei-v5']],
  listServerCertificateTags: ['iam:ListServerCertificateTags', 'iam:ListServerCertificateTags', null, ['volcengine', 'huawei-v5']],
  getContextKeysForCustomPolicy: ['iam:GetContextKeysForCustomPolicy', 'iam:GetContextKeysForCustomPolicy', null, ['volcengine', 'huawei-v5']],
  getContextKeysForPrincipalPolicy: ['iam:GetContextKeysForPrincipalPolicy', 'iam:GetContextKeysForPrincipalPolicy', null, ['volcengine', 'huawei-v5']],
  createOidcProvider: ['iam:CreateOpenIDConnectProvider', 'iam:CreateOpenIDConnectProvider', null, ['volcengine', 'huawei-v5']],
  getOidcProvider: ['iam:GetOpenIDConnectProvider', 'iam:GetOpenIDConnectProvider', null, ['volcengine', 'huawei-v5']],
  listOidcProviders: ['iam:ListOpenIDConnectProviders', 'iam:ListOpenIDConnectProviders', null, ['volcengine', 'huawei-v5']],
  updateOidcProviderThumbprint: ['iam:UpdateOpenIDConnectProviderThumbprint', 'iam:UpdateOpenIDConnectProviderThumbprint', null, ['volcengine', 'huawei-v5']],
  addClientIdToOidcProvider: ['iam:AddClientIDToOpenIDConnectProvider', 'iam:AddClientIDToOpenIDConnectProvider', null, ['volcengine', 'huawei-v5']],
  removeClientIdFromOidcProvider: ['iam:RemoveClientIDFromOpenIDConnectProvider', 'iam:RemoveClientIDFromOpenIDConnectProvider', null, ['volcengine', 'huawei-v5']],
  deleteOidcProvider: ['iam:DeleteOpenIDConnectProvider', 'iam:DeleteOpenIDConnectProvider', null, ['volcengine', 'huawei-v5']],
  tagOidcProvider: ['iam:TagOpenIDConnectProvider', 'iam:TagOpenIDConnectProvider', null, ['volcengine', 'huawei-v5']],
  untagOidcProvider: ['iam:UntagOpenIDConnectProvider', 'iam:UntagOpenIDConnectProvider', null, ['volcengine', 'huawei-v5']],
  listOidcProviderTags: ['iam:ListOpenIDConnectProviderTags', 'iam:ListOpenIDConnectProviderTags', null, ['volcengine', 'huawei-v5']],
  // issue #15 (0019): AWS-only but for service-linked roles, which Huawei v5 has as service-linked agencies
  putRolePermissionsBoundary: ['iam:PutRolePermissionsBoundary', 'iam:PutRolePermissionsBoundary', null, ['volcengine', 'huawei-v5']],
  deleteRolePermissionsBoundary: ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteRolePermissionsBoundary', null, ['volcengine', 'huawei-v5']],
  createInstanceProfile: ['iam:CreateInstanceProfile', 'iam:CreateInstanceProfile', null, ['volcengine', 'huawei-v5']],
  getInstanceProfile: ['iam:GetInstanceProfile', 'iam:GetInstanceProfile', null, ['volcengine', 'huawei-v5']],
  listInstanceProfiles: ['iam:ListInstanceProfiles', 'iam:ListInstanceProfiles', null, ['volcengine', 'huawei-v5']],
  deleteInstanceProfile: ['iam:DeleteInstanceProfile', 'iam:DeleteInstanceProfile', null, ['volcengine', 'huawei-v5']],
  addRoleToInstanceProfile: ['iam:AddRoleToInstanceProfile', 'iam:AddRoleToInstanceProfile', null, ['volcengine', 'huawei-v5']],
  removeRoleFromInstanceProfile: ['iam:RemoveRoleFromInstanceProfile', 'iam:RemoveRoleFromInstanceProfile', null, ['volcengine', 'huawei-v5']],
  listInstanceProfilesForRole: ['iam:ListInstanceProfilesForRole', 'iam:ListInstanceProfilesForRole', null, ['volcengine', 'huawei-v5']],
  tagInstanceProfile: ['iam:TagInstanceProfile', 'iam:TagInstanceProfile', null, ['volcengine', 'huawei-v5']],
  untagInstanceProfile: ['iam:UntagInstanceProfile', 'iam:UntagInstanceProfile', null, ['volcengine', 'huawei-v5']],
  listInstanceProfileTags: ['iam:ListInstanceProfileTags', 'iam:ListInstanceProfileTags', null, ['volcengine', 'huawei-v5']],
  createSamlProvider: ['iam:CreateSAMLProvider', 'iam:CreateSAMLProvider', null, ['volcengine', 'huawei-v5']],
  getSamlProvider: ['iam:GetSAMLProvider', 'iam:GetSAMLProvider', null, ['volcengine', 'huawei-v5']],
  listSamlProviders: ['iam:ListSAMLProviders', 'iam:ListSAMLProviders', null, ['volcengine', 'huawei-v5']],
  updateSamlProvider: ['iam:UpdateSAMLProvider', 'iam:UpdateSAMLProvider', null, ['volcengine', 'huawei-v5']],
  deleteSamlProvider: ['iam:DeleteSAMLProvider', 'iam:DeleteSAMLProvider', null, ['volcengine', 'huawei-v5']],
  tagSamlProvider: ['iam:TagSAMLProvider', 'iam:TagSAMLProvider', null, ['volcengine', 'huawei-v5']],
  untagSamlProvider: ['iam:UntagSAMLProvider', 'iam:UntagSAMLProvider', null, ['volcengine', 'huawei-v5']],
  listSamlProviderTags: ['iam:ListSAMLProviderTags', 'iam:ListSAMLProviderTags', null, ['volcengine', 'huawei-v5']],
  createServiceLinkedRole: ['iam:CreateServiceLinkedRole', 'iam:CreateServiceLinkedRole', null, ['volcengine']],
  deleteServiceLinkedRole: ['iam:DeleteServiceLinkedRole', 'iam:DeleteServiceLinkedRole', null, ['volcengine']],
  getServiceLinkedRoleDeletionStatus: ['iam:GetServiceLinkedRoleDeletionStatus', 'iam:GetServiceLinkedRoleDeletionStatus', null, ['volcengine']],
  // Keystone application credentials (issue #16)
  createApplicationCredential: ['iam:CreateApplicationCredential', 'iam:CreateApplicationCredential', 'iam:applicationCredentials:create', NOT_ELSEWHERE],
  listApplicationCredentials: ['iam:ListApplicationCredentials', 'iam:ListApplicationCredentials', 'iam:applicationCredentials:list', NOT_ELSEWHERE],
  getApplicationCredential: ['iam:GetApplicationCredential', 'iam:GetApplicationCredential', 'iam:applicationCredentials:get', NOT_ELSEWHERE],
  deleteApplicationCredential: ['iam:DeleteApplicationCredential', 'iam:DeleteApplicationCredential', 'iam:applicationCredentials:delete', NOT_ELSEWHERE],
  // Keystone domain configuration, policies and OAuth1 consumers (issue #16): only Huawei v3 serves them
  createDomainConfig: ['iam:CreateDomainConfig', 'iam:CreateDomainConfig', 'iam:domainConfigs:create', NOT_ELSEWHERE],
  getDomainConfig: ['iam:GetDomainConfig', 'iam:GetDomainConfig', 'iam:domainConfigs:get', NOT_ELSEWHERE],
  updateDomainConfig: ['iam:UpdateDomainConfig', 'iam:UpdateDomainConfig', 'iam:domainConfigs:update', NOT_ELSEWHERE],
  deleteDomainConfig: ['iam:DeleteDomainConfig', 'iam:DeleteDomainConfig', 'iam:domainConfigs:delete', NOT_ELSEWHERE],
  createKeystonePolicy: ['iam:CreateKeystonePolicy', 'iam:CreateKeystonePolicy', 'iam:keystonePolicies:create', NOT_ELSEWHERE],
  listKeystonePolicies: ['iam:ListKeystonePolicies', 'iam:ListKeystonePolicies', 'iam:keystonePolicies:list', NOT_ELSEWHERE],
  getKeystonePolicy: ['iam:GetKeystonePolicy', 'iam:GetKeystonePolicy', 'iam:keystonePolicies:get', NOT_ELSEWHERE],
  updateKeystonePolicy: ['iam:UpdateKeystonePolicy', 'iam:UpdateKeystonePolicy', 'iam:keystonePolicies:update', NOT_ELSEWHERE],
  deleteKeystonePolicy: ['iam:DeleteKeystonePolicy', 'iam:DeleteKeystonePolicy', 'iam:keystonePolicies:delete', NOT_ELSEWHERE],
  createOauthConsumer: ['iam:CreateOAuthConsumer', 'iam:CreateOAuthConsumer', 'iam:oauthConsumers:create', NOT_ELSEWHERE],
  listOauthConsumers: ['iam:ListOAuthConsumers', 'iam:ListOAuthConsumers', 'iam:oauthConsumers:list', NOT_ELSEWHERE],
  getOauthConsumer: ['iam:GetOAuthConsumer', 'iam:GetOAuthConsumer', 'iam:oauthConsumers:get', NOT_ELSEWHERE],
  updateOauthConsumer: ['iam:UpdateOAuthConsumer', 'iam:UpdateOAuthConsumer', 'iam:oauthConsumers:update', NOT_ELSEWHERE],
  deleteOauthConsumer: ['iam:DeleteOAuthConsumer', 'iam:DeleteOAuthConsumer', 'iam:oauthConsumers:delete', NOT_ELSEWHERE],
};

/** AWS STS `sts:DecodeAuthorizationMessage`; Volcengine has no decode API (synthetic there). */
const STS_ROWS: Record<keyof typeof StsActions, Row> = {
  decodeAuthorizationMessage: ['sts:DecodeAuthorizationMessage', 'sts:DecodeAuthorizationMessage', null, ['volcengine']],
  // AWS STS AssumeRole; Volcengine STS AssumeRole (V-AR: sub-users need `sts:AssumeRole`)
  assumeRole: ['sts:AssumeRole', 'sts:AssumeRole', null],
  tagSession: ['sts:TagSession', 'sts:TagSession', null, ['volcengine', 'huawei-v5']],
  setSourceIdentity: ['sts:SetSourceIdentity', 'sts:SetSourceIdentity', null, ['volcengine', 'huawei-v5']],
  getSessionToken: ['sts:GetSessionToken', 'sts:GetSessionToken', null, ['volcengine', 'huawei-v5']],
};

/**
 * AWS CloudTrail LookupEvents (`cloudtrail:LookupEvents`; Volcengine's Cloud Trail names it the same);
 * the native audit API's action is polyiam's everywhere.
 */
const AUDIT_ROWS: Record<keyof typeof AuditActions, Row> = {
  lookupEvents: ['cloudtrail:LookupEvents', 'cloudtrail:LookupEvents', null],
  listAuditEvents: ['polyiam:ListAuditEvents', 'polyiam:ListAuditEvents', null, ['aws', 'kingsoft', 'volcengine', 'huawei-v5']],
};

/** AWS IAM's account reports; Volcengine has GetAccountSummary only, Huawei v5 none of them by these names (synthetic there). */
const REPORT_ROWS: Record<keyof typeof ReportActions, Row> = {
  generateCredentialReport: ['iam:GenerateCredentialReport', 'iam:GenerateCredentialReport', null, ['volcengine', 'huawei-v5']],
  getCredentialReport: ['iam:GetCredentialReport', 'iam:GetCredentialReport', null, ['volcengine', 'huawei-v5']],
  getAccountSummary: ['iam:GetAccountSummary', 'iam:GetAccountSummary', null, ['huawei-v5']],
  getAccountAuthorizationDetails: ['iam:GetAccountAuthorizationDetails', 'iam:GetAccountAuthorizationDetails', null, ['volcengine', 'huawei-v5']],
};

/** Every core action keyed by its canonical (Huawei v5) name. Shared names keep the first row. */
export const ACTION_NAMES: ReadonlyMap<IamAction, ActionNames> = (() => {
  const table = new Map<IamAction, ActionNames>();
  const rows: Array<[IamAction, Row]> = [
    ...(Object.entries(ROWS) as [keyof typeof Actions, Row][]).map(([key, row]): [IamAction, Row] => [Actions[key], row]),
    ...(Object.entries(STS_ROWS) as [keyof typeof StsActions, Row][]).map(([key, row]): [IamAction, Row] => [StsActions[key], row]),
    ...(Object.entries(AUDIT_ROWS) as [keyof typeof AuditActions, Row][]).map(([key, row]): [IamAction, Row] => [AuditActions[key], row]),
    ...(Object.entries(REPORT_ROWS) as [keyof typeof ReportActions, Row][]).map(([key, row]): [IamAction, Row] => [ReportActions[key], row]),
  ];
  for (const [huaweiV5, [aws, volcengine, huaweiV3, synthetic]] of rows) {
    if (table.has(huaweiV5)) continue;
    table.set(huaweiV5, { huaweiV5, huaweiV3, aws, kingsoft: aws, volcengine, ...(synthetic ? { synthetic } : {}) });
  }
  return table;
})();

/** The name a statement written in `syntax` must match for `action`. */
export function actionNameIn(syntax: PolicySyntax, action: IamAction): string {
  const names = ACTION_NAMES.get(action);
  if (!names) return action;
  switch (syntax) {
    case 'aws':
      return names.aws;
    case 'kingsoft':
      return names.kingsoft;
    case 'huawei-v5':
      return names.huaweiV5;
    case 'volcengine':
      return names.volcengine;
  }
}

/**
 * The core actions a vendor action name stands for, case-insensitively (AWS SimulatePrincipalPolicy
 * `ActionNames` are vendor names). One name may stand for several core actions (AWS `iam:GetUser` is
 * both getUser and getUserLastLogin); the first is the one the vendor's own API authorizes.
 */
export function coreActionsNamed(syntax: PolicySyntax, name: string): IamAction[] {
  const wanted = name.toLowerCase();
  const found: IamAction[] = [];
  for (const action of ACTION_NAMES.keys()) if (actionNameIn(syntax, action).toLowerCase() === wanted) found.push(action);
  return found;
}
