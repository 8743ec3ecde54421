/**
 * The core's action names. Issue #2 asks every core command to authorize with the action names of the
 * Huawei IAM v5 docs ("授权项" tables), so those are the canonical names; other dialects' spellings map
 * onto them in the policy engine.
 */
export const Actions = {
  createUser: 'iam:users:createUserV5',
  listUsers: 'iam:users:listUsersV5',
  getUser: 'iam:users:getUserV5',
  updateUser: 'iam:users:updateUserV5',
  deleteUser: 'iam:users:deleteUserV5',
  getUserLastLogin: 'iam:users:showUserLastLoginV5',
  createLoginProfile: 'iam:users:createLoginProfileV5',
  getLoginProfile: 'iam:users:showLoginProfileV5',
  updateLoginProfile: 'iam:users:updateLoginProfileV5',
  deleteLoginProfile: 'iam:users:deleteLoginProfileV5',
  unlockLoginProfile: 'iam:users:unlockLoginProfileV5',
  changePassword: 'iam:users:changePasswordV5',
  createAccessKey: 'iam:credentials:createCredentialV5',
  listAccessKeys: 'iam:credentials:listCredentialsV5',
  updateAccessKey: 'iam:credentials:updateCredentialV5',
  deleteAccessKey: 'iam:credentials:deleteCredentialV5',
  getAccessKeyLastUsed: 'iam:credentials:showAccessKeyLastUsedV5',
  tagUser: 'iam::tagForResourceV5',
  untagUser: 'iam::untagForResourceV5',
  listUserTags: 'iam::listTagsForResourceV5',
  getPasswordPolicy: 'iam:securitypolicies:getPasswordPolicyV5',
  updatePasswordPolicy: 'iam:securitypolicies:updatePasswordPolicyV5',
  // AWS DeleteAccountPasswordPolicy; Huawei v5 has no delete, so this name is polyiam's (synthetic)
  deletePasswordPolicy: 'iam:securitypolicies:deletePasswordPolicyV5',
  getLoginPolicy: 'iam:securitypolicies:getLoginPolicyV5',
  updateLoginPolicy: 'iam:securitypolicies:updateLoginPolicyV5',
  createGroup: 'iam:groups:createGroupV5',
  listGroups: 'iam:groups:listGroupsV5',
  getGroup: 'iam:groups:getGroupV5',
  updateGroup: 'iam:groups:updateGroupV5',
  deleteGroup: 'iam:groups:deleteGroupV5',
  addUserToGroup: 'iam:groups:addUserV5',
  removeUserFromGroup: 'iam:groups:removeUserV5',
  listGroupMembers: 'iam:groups:listUsersV5',
  // Huawei v5 lists a user's groups with ListGroupsV5 `user_id` (authorized as listGroups); the name
  // here is polyiam's, so granting AWS iam:ListGroupsForUser or Keystone's never grants ListGroups
  listGroupsForUser: 'iam:groups:listGroupsForUserV5',
  // Huawei IAM v5 "身份策略管理" and "权限管理" (CreatePolicyV5 ... ListEntitiesForPolicyV5): attaching is
  // authorized on the user or group, as the 授权项 tables name `user *` / `group *` as the resource
  createPolicy: 'iam:policies:createV5',
  getPolicy: 'iam:policies:getV5',
  listPolicies: 'iam:policies:listV5',
  updatePolicy: 'iam:policies:updateV5',
  deletePolicy: 'iam:policies:deleteV5',
  createPolicyVersion: 'iam:policies:createVersionV5',
  getPolicyVersion: 'iam:policies:getVersionV5',
  listPolicyVersions: 'iam:policies:listVersionsV5',
  deletePolicyVersion: 'iam:policies:deleteVersionV5',
  setDefaultPolicyVersion: 'iam:policies:setDefaultVersionV5',
  listEntitiesForPolicy: 'iam:policies:listEntitiesV5',
  attachUserPolicy: 'iam:users:attachPolicyV5',
  detachUserPolicy: 'iam:users:detachPolicyV5',
  listAttachedUserPolicies: 'iam:users:listAttachedPoliciesV5',
  attachGroupPolicy: 'iam:groups:attachPolicyV5',
  detachGroupPolicy: 'iam:groups:detachPolicyV5',
  listAttachedGroupPolicies: 'iam:groups:listAttachedPoliciesV5',
  // Huawei IAM v5 has neither inline user policies nor policy simulation: polyiam names (see
  // ACTION_NAMES `synthetic`), kept distinct so no real Huawei action grants them by accident
  putUserPolicy: 'iam:users:putInlinePolicyV5',
  getUserPolicy: 'iam:users:getInlinePolicyV5',
  deleteUserPolicy: 'iam:users:deleteInlinePolicyV5',
  listUserPolicies: 'iam:users:listInlinePoliciesV5',
  simulatePrincipalPolicy: 'iam:policies:simulatePrincipalPolicyV5',
  simulateCustomPolicy: 'iam:policies:simulateCustomPolicyV5',
  // Keystone projects, roles, grants and the service catalog (issue #16): Huawei IAM v3 has them and
  // v5 does not, so these are the v3 授权项 pattern (`iam:projects:*`, `iam:roles:*`, `iam:permissions:*`)
  createProject: 'iam:projects:createProject',
  listProjects: 'iam:projects:listProjects',
  getProject: 'iam:projects:getProject',
  updateProject: 'iam:projects:updateProject',
  deleteProject: 'iam:projects:deleteProject',
  createKeystoneRole: 'iam:roles:createRole',
  listKeystoneRoles: 'iam:roles:listRoles',
  getKeystoneRole: 'iam:roles:getRole',
  updateKeystoneRole: 'iam:roles:updateRole',
  deleteKeystoneRole: 'iam:roles:deleteRole',
  grantRole: 'iam:permissions:grantRole',
  revokeRole: 'iam:permissions:revokeRole',
  listRoleAssignments: 'iam:permissions:listRoleAssignments',
  listCatalog: 'iam:catalog:listCatalog',
  updateCatalog: 'iam:catalog:updateCatalog',
  // issue #13: roles are Huawei IAM v5 "trust agencies" (委托管理: CreateAgencyV5 ... DeleteAgencyV5,
  // AttachAgencyPolicyV5...); tags and inline policies on roles have no Huawei API (synthetic names)
  createRole: 'iam:agencies:createAgencyV5',
  getRole: 'iam:agencies:getAgencyV5',
  listRoles: 'iam:agencies:listAgenciesV5',
  updateRole: 'iam:agencies:updateAgencyV5',
  updateAssumeRolePolicy: 'iam:agencies:updateTrustPolicyV5',
  // AWS UpdateRoleDescription has its own action; Huawei updates descriptions with UpdateAgencyV5 (synthetic)
  updateRoleDescription: 'iam:agencies:updateAgencyDescriptionV5',
  deleteRole: 'iam:agencies:deleteAgencyV5',
  attachRolePolicy: 'iam:agencies:attachPolicyV5',
  detachRolePolicy: 'iam:agencies:detachPolicyV5',
  listAttachedRolePolicies: 'iam:agencies:listAttachedPoliciesV5',
  putRolePolicy: 'iam:agencies:putInlinePolicyV5',
  getRolePolicy: 'iam:agencies:getInlinePolicyV5',
  deleteRolePolicy: 'iam:agencies:deleteInlinePolicyV5',
  listRolePolicies: 'iam:agencies:listInlinePoliciesV5',
  tagRole: 'iam:agencies:tagAgencyV5',
  untagRole: 'iam:agencies:untagAgencyV5',
  listRoleTags: 'iam:agencies:listAgencyTagsV5',
  // AWS revokes a role's sessions by writing an inline policy (AWSRevokeOlderSessions): PutRolePolicy
  revokeRoleSessions: 'iam:agencies:revokeSessionsV5',
  // inline group policies (AWS PutGroupPolicy...): Huawei v5 has none
  putGroupPolicy: 'iam:groups:putInlinePolicyV5',
  getGroupPolicy: 'iam:groups:getInlinePolicyV5',
  deleteGroupPolicy: 'iam:groups:deleteInlinePolicyV5',
  listGroupPolicies: 'iam:groups:listInlinePoliciesV5',
  // Huawei IAM v5 "MFA设备管理" 授权项 (CreateVirtualMfaDeviceV5 ... ListMfaDevicesV5; UNVERIFIED
  // spelling of the MFA part); resync, get and device tags are AWS's only, so their names are polyiam's
  createMfaDevice: 'iam:mfa:createVirtualMFADeviceV5',
  enableMfaDevice: 'iam:mfa:enableMFADeviceV5',
  disableMfaDevice: 'iam:mfa:disableMFADeviceV5',
  deleteMfaDevice: 'iam:mfa:deleteVirtualMFADeviceV5',
  listMfaDevices: 'iam:mfa:listMFADevicesV5',
  listVirtualMfaDevices: 'iam:mfa:listVirtualMFADevicesV5',
  resyncMfaDevice: 'iam:mfa:resyncMFADeviceV5',
  getMfaDevice: 'iam:mfa:getMFADeviceV5',
  tagMfaDevice: 'iam:mfa:tagMFADeviceV5',
  untagMfaDevice: 'iam:mfa:untagMFADeviceV5',
  listMfaDeviceTags: 'iam:mfa:listMFADeviceTagsV5',
  // Huawei IAM v3.0 OS-USER login protection (v5 has none): polyiam's v5-style names
  getLoginProtection: 'iam:users:showLoginProtectV5',
  updateLoginProtection: 'iam:users:updateLoginProtectV5',
  listLoginProtections: 'iam:users:listLoginProtectsV5',
  // Volcengine GetSecurityConfig / SetSecurityConfig (per-user operation protection): polyiam's v5-style names
  getOperationProtection: 'iam:users:showOperationProtectV5',
  updateOperationProtection: 'iam:users:updateOperationProtectV5',
  // Huawei IAM v3.0 OS-SECURITYPOLICY protect-policy (v5 has none): polyiam's v5-style names
  getProtectPolicy: 'iam:securitypolicies:getProtectPolicyV5',
  updateProtectPolicy: 'iam:securitypolicies:updateProtectPolicyV5',
  // Huawei v3.0 console-acl-policy / api-acl-policy (v5 has them in its login policy): names after v3's pattern
  getAccessControlPolicy: 'iam:securitypolicies:getAclPolicy',
  updateAccessControlPolicy: 'iam:securitypolicies:updateAclPolicy',
  // issue #15, the rest of the AWS IAM API. Huawei IAM v5 has none of these operations: polyiam names
  // (ACTION_NAMES `synthetic` for huawei-v5), kept apart from every real Huawei action
  putUserPermissionsBoundary: 'iam:users:putPermissionsBoundaryV5',
  deleteUserPermissionsBoundary: 'iam:users:deletePermissionsBoundaryV5',
  tagPolicy: 'iam:policies:tagV5',
  untagPolicy: 'iam:policies:untagV5',
  listPolicyTags: 'iam:policies:listTagsV5',
  createAccountAlias: 'iam:accounts:createAliasV5',
  deleteAccountAlias: 'iam:accounts:deleteAliasV5',
  listAccountAliases: 'iam:accounts:listAliasesV5',
  uploadSshPublicKey: 'iam:users:uploadSshPublicKeyV5',
  getSshPublicKey: 'iam:users:getSshPublicKeyV5',
  listSshPublicKeys: 'iam:users:listSshPublicKeysV5',
  updateSshPublicKey: 'iam:users:updateSshPublicKeyV5',
  deleteSshPublicKey: 'iam:users:deleteSshPublicKeyV5',
  uploadSigningCertificate: 'iam:users:uploadSigningCertificateV5',
  listSigningCertificates: 'iam:users:listSigningCertificatesV5',
  updateSigningCertificate: 'iam:users:updateSigningCertificateV5',
  deleteSigningCertificate: 'iam:users:deleteSigningCertificateV5',
  createServiceSpecificCredential: 'iam:users:createServiceSpecificCredentialV5',
  listServiceSpecificCredentials: 'iam:users:listServiceSpecificCredentialsV5',
  resetServiceSpecificCredential: 'iam:users:resetServiceSpecificCredentialV5',
  updateServiceSpecificCredential: 'iam:users:updateServiceSpecificCredentialV5',
  deleteServiceSpecificCredential: 'iam:users:deleteServiceSpecificCredentialV5',
  uploadServerCertificate: 'iam:serverCertificates:uploadV5',
  getServerCertificate: 'iam:serverCertificates:getV5',
  listServerCertificates: 'iam:serverCertificates:listV5',
  updateServerCertificate: 'iam:serverCertificates:updateV5',
  deleteServerCertificate: 'iam:serverCertificates:deleteV5',
  tagServerCertificate: 'iam:serverCertificates:tagV5',
  untagServerCertificate: 'iam:serverCertificates:untagV5',
  listServerCertificateTags: 'iam:serverCertificates:listTagsV5',
  getContextKeysForCustomPolicy: 'iam:policies:getContextKeysForCustomPolicyV5',
  getContextKeysForPrincipalPolicy: 'iam:policies:getContextKeysForPrincipalPolicyV5',
  createOidcProvider: 'iam:oidcProviders:createV5',
  getOidcProvider: 'iam:oidcProviders:getV5',
  listOidcProviders: 'iam:oidcProviders:listV5',
  updateOidcProviderThumbprint: 'iam:oidcProviders:updateThumbprintV5',
  addClientIdToOidcProvider: 'iam:oidcProviders:addClientIdV5',
  removeClientIdFromOidcProvider: 'iam:oidcProviders:removeClientIdV5',
  deleteOidcProvider: 'iam:oidcProviders:deleteV5',
  tagOidcProvider: 'iam:oidcProviders:tagV5',
  untagOidcProvider: 'iam:oidcProviders:untagV5',
  listOidcProviderTags: 'iam:oidcProviders:listTagsV5',
  // issue #15 (0019): role boundaries, instance profiles, SAML providers have no Huawei API (synthetic
  // names); service-linked roles are Huawei v5 service-linked agencies (CreateServiceLinkedAgencyV5...)
  putRolePermissionsBoundary: 'iam:agencies:putPermissionsBoundaryV5',
  deleteRolePermissionsBoundary: 'iam:agencies:deletePermissionsBoundaryV5',
  createInstanceProfile: 'iam:instanceProfiles:createV5',
  getInstanceProfile: 'iam:instanceProfiles:getV5',
  listInstanceProfiles: 'iam:instanceProfiles:listV5',
  deleteInstanceProfile: 'iam:instanceProfiles:deleteV5',
  addRoleToInstanceProfile: 'iam:instanceProfiles:addRoleV5',
  removeRoleFromInstanceProfile: 'iam:instanceProfiles:removeRoleV5',
  listInstanceProfilesForRole: 'iam:instanceProfiles:listForRoleV5',
  tagInstanceProfile: 'iam:instanceProfiles:tagV5',
  untagInstanceProfile: 'iam:instanceProfiles:untagV5',
  listInstanceProfileTags: 'iam:instanceProfiles:listTagsV5',
  createSamlProvider: 'iam:samlProviders:createV5',
  getSamlProvider: 'iam:samlProviders:getV5',
  listSamlProviders: 'iam:samlProviders:listV5',
  updateSamlProvider: 'iam:samlProviders:updateV5',
  deleteSamlProvider: 'iam:samlProviders:deleteV5',
  tagSamlProvider: 'iam:samlProviders:tagV5',
  untagSamlProvider: 'iam:samlProviders:untagV5',
  listSamlProviderTags: 'iam:samlProviders:listTagsV5',
  createServiceLinkedRole: 'iam:agencies:createServiceLinkedAgencyV5',
  deleteServiceLinkedRole: 'iam:agencies:deleteServiceLinkedAgencyV5',
  getServiceLinkedRoleDeletionStatus: 'iam:agencies:getServiceLinkedAgencyDeletionStatusV5',
  // Keystone application credentials (issue #16): no Huawei action names them, so these follow the v3 pattern
  createApplicationCredential: 'iam:applicationCredentials:create',
  listApplicationCredentials: 'iam:applicationCredentials:list',
  getApplicationCredential: 'iam:applicationCredentials:get',
  deleteApplicationCredential: 'iam:applicationCredentials:delete',
  // Keystone domain configuration, policies (opaque blobs) and OAuth1 consumers (issue #16): Keystone's
  // `identity:*_domain_config`, `identity:*_policy`, `identity:*_consumer`; no Huawei action names
  // them, so these follow the v3 pattern
  createDomainConfig: 'iam:domainConfigs:create',
  getDomainConfig: 'iam:domainConfigs:get',
  updateDomainConfig: 'iam:domainConfigs:update',
  deleteDomainConfig: 'iam:domainConfigs:delete',
  createKeystonePolicy: 'iam:keystonePolicies:create',
  listKeystonePolicies: 'iam:keystonePolicies:list',
  getKeystonePolicy: 'iam:keystonePolicies:get',
  updateKeystonePolicy: 'iam:keystonePolicies:update',
  deleteKeystonePolicy: 'iam:keystonePolicies:delete',
  createOauthConsumer: 'iam:oauthConsumers:create',
  listOauthConsumers: 'iam:oauthConsumers:list',
  getOauthConsumer: 'iam:oauthConsumers:get',
  updateOauthConsumer: 'iam:oauthConsumers:update',
  deleteOauthConsumer: 'iam:oauthConsumers:delete',
} as const;

/**
 * Actions of the security token service that core serves. Huawei IAM v5 "DecodeAuthorizationMessage"
 * (POST /v5/decode-authorization-message): 授权项 `sts::decodeAuthorizationMessage`. Kept apart from
 * `Actions`, whose every entry is an `iam` action.
 */
export const StsActions = {
  decodeAuthorizationMessage: 'sts::decodeAuthorizationMessage',
  // Huawei STS AssumeAgency: 授权项 `sts:agencies:assume` (H-STS); AWS sts:AssumeRole
  assumeRole: 'sts:agencies:assume',
  // AWS sts:TagSession, asked with AssumeRole when session tags are passed
  tagSession: 'sts::tagSession',
  // AWS sts:SetSourceIdentity, asked with AssumeRole when SourceIdentity is passed
  setSourceIdentity: 'sts::setSourceIdentity',
  getSessionToken: 'sts::getSessionToken',
} as const;

/**
 * Reading the audit trail (issue #14). Huawei Cloud Trace Service "授权项" `cts:trace:list` (ListTraces);
 * the native `GET /audit/events` has a polyiam action of its own, so granting CloudTrail's never grants it.
 */
export const AuditActions = {
  lookupEvents: 'cts:trace:list',
  listAuditEvents: 'polyiam:audit:listEvents',
} as const;

/**
 * Account-level reports (issue #14): AWS GenerateCredentialReport, GetCredentialReport and
 * GetAccountSummary. Huawei IAM v5 has none of them, so these names are polyiam's.
 */
export const ReportActions = {
  generateCredentialReport: 'iam:reports:generateCredentialReportV5',
  getCredentialReport: 'iam:reports:getCredentialReportV5',
  getAccountSummary: 'iam:reports:getAccountSummaryV5',
  getAccountAuthorizationDetails: 'iam:reports:getAccountAuthorizationDetailsV5',
} as const;

/**
 * Domains for cloud operators (issue #16): Keystone's domain API over polyiam accounts. Huawei IAM has
 * no such API (a Huawei account is made by the cloud, not through IAM), so these names are polyiam's,
 * and no identity policy grants them: only an operator grant does (core/accounts/operators.ts).
 */
export const DomainActions = {
  createDomain: 'polyiam:domains:createDomain',
  listDomains: 'polyiam:domains:listDomains',
  getDomain: 'polyiam:domains:getDomain',
  updateDomain: 'polyiam:domains:updateDomain',
  deleteDomain: 'polyiam:domains:deleteDomain',
} as const;

/** Every action a core command authorizes, by its canonical (Huawei v5) name. */
export type IamAction =
  | (typeof Actions)[keyof typeof Actions]
  | (typeof StsActions)[keyof typeof StsActions]
  | (typeof AuditActions)[keyof typeof AuditActions]
  | (typeof ReportActions)[keyof typeof ReportActions]
  | (typeof DomainActions)[keyof typeof DomainActions];
