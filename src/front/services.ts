import type { AccessKeysService } from '../core/access-keys/access-keys-service.js';
import type { AccountsService } from '../core/accounts/accounts-service.js';
import type { AuditService } from '../core/audit/audit-service.js';
import type { AuditTrailService } from '../core/audit/audit-trail-service.js';
import type { AccountReportsService } from '../core/reports/account-reports-service.js';
import type { CredentialsService } from '../core/credentials/sign-in.js';
import type { LoginProfilesService } from '../core/login-profiles/login-profiles-service.js';
import type { PasswordPolicyService } from '../core/password-policy/password-policy-service.js';
import type { AuthorizationMessages } from '../core/authorization/authorization-messages.js';
import type { PolicyAttachmentsService } from '../core/policies/attachments-service.js';
import type { InlinePoliciesService } from '../core/policies/inline-policies-service.js';
import type { PoliciesService } from '../core/policies/policies-service.js';
import type { PolicySimulator } from '../core/policies/simulation.js';
import type { UserExtrasService } from '../core/keystone-users/user-extras.js';
import type { CatalogAdminService } from '../core/catalog/catalog-service.js';
import type { ProjectsService } from '../core/projects/projects-service.js';
import type { GrantsService } from '../core/keystone-roles/grants-service.js';
import type { SystemGrantsService } from '../core/keystone-roles/system-grants-service.js';
import type { KeystoneRolesService } from '../core/keystone-roles/roles-service.js';
import type { Clock, IdGenerator } from '../core/ports.js';
import type { GroupsService } from '../core/users/groups-service.js';
import type { UsersService } from '../core/users/users-service.js';
import type { PermissionsBoundariesService } from '../core/users/permissions-boundaries-service.js';
import type { PolicyTagsService } from '../core/policies/policy-tags-service.js';
import type { AccountAliasesService } from '../core/accounts/account-aliases-service.js';
import type { UserCredentialsService } from '../core/user-credentials/user-credentials-service.js';
import type { ServerCertificatesService } from '../core/user-credentials/server-certificates-service.js';
import type { ContextKeyNamesService } from '../core/policies/context-key-names.js';
import type { OidcProvidersService } from '../core/identity-providers/oidc-providers-service.js';
import type { RoleBoundariesService } from '../core/roles/role-boundaries-service.js';
import type { InstanceProfilesService } from '../core/instance-profiles/instance-profiles-service.js';
import type { SamlProvidersService } from '../core/identity-providers/saml-providers-service.js';
import type { ServiceLinkedRolesService } from '../core/roles/service-linked-roles-service.js';
import type { RequestAuthenticator } from '../auth/request-authenticator.js';
import type { TokenService } from '../auth/tokens/token-service.js';
import type { RolesService } from '../core/roles/roles-service.js';
import type { RoleInlinePoliciesService } from '../core/roles/role-inline-policies.js';
import type { AssumeRoleService } from '../core/roles/assume-role.js';
import type { SessionTokenService } from '../core/roles/session-token.js';
import type { UserTemporaryCredentialsService } from '../core/roles/user-temporary-credentials.js';
import type { GroupInlinePoliciesService } from '../core/policies/group-inline-policies-service.js';
import type { MfaDevicesService } from '../core/mfa/mfa-devices-service.js';
import type { LoginPolicyService } from '../core/login-protection/login-policy-service.js';
import type { LoginProtectionService } from '../core/login-protection/login-protection-service.js';
import type { OperationProtectionService } from '../core/login-protection/operation-protection-service.js';
import type { ProtectPolicyService } from '../core/login-protection/protect-policy-service.js';
import type { AgenciesService } from '../core/roles/agencies.js';
import type { AgencyGrantsService } from '../core/roles/agency-grants.js';
import type { SessionCredentials } from '../core/roles/session-credentials.js';
import type { DomainsService } from '../core/accounts/domains-service.js';
import type { OperatorsService } from '../core/accounts/operators.js';
import type { KeystoneCredentialsService } from '../core/keystone-credentials/credentials-service.js';
import type { ApplicationCredentialsService } from '../core/keystone-credentials/application-credentials-service.js';
import type { EndpointGroupsService } from '../core/catalog/endpoint-groups.js';
import type { AccessControlService, AllowListGate } from '../core/login-protection/access-control-service.js';
import type { DomainConfigsService } from '../core/domain-configs/domain-configs-service.js';
import type { PolicyBlobsService } from '../core/keystone-policies/policy-blobs-service.js';
import type { OauthConsumersService } from '../core/oauth-consumers/consumers-service.js';

/** Everything a dialect may call: core services and the request authenticator, never the store. */
export interface DialectServices {
  accounts: AccountsService;
  users: UsersService;
  loginProfiles: LoginProfilesService;
  passwordPolicy: PasswordPolicyService;
  credentials: CredentialsService;
  accessKeys: AccessKeysService;
  audit: AuditService;
  authenticator: RequestAuthenticator;
  /** groups and membership (Huawei v3 / Keystone groups) */
  groups: GroupsService;
  /** customer managed and system identity policies, their versions (issue #5) */
  policies: PoliciesService;
  /** attaching policies to users and groups, and who holds what */
  policyAttachments: PolicyAttachmentsService;
  /** inline user policies (AWS PutUserPolicy...) */
  inlinePolicies: InlinePoliciesService;
  /** AWS SimulatePrincipalPolicy / SimulateCustomPolicy */
  simulator: PolicySimulator;
  /** decoding the encoded authorization message of a 403 (AWS STS, Huawei STS5) */
  authorizationMessages: AuthorizationMessages;
  /** Keystone-style tokens (Huawei v3 X-Auth-Token) */
  tokens: TokenService;
  /** reading the audit trail: CloudTrail LookupEvents, GET /audit/events (issue #14) */
  auditTrail: AuditTrailService;
  /** AWS GenerateCredentialReport / GetCredentialReport / GetAccountSummary */
  accountReports: AccountReportsService;
  clock: Clock;
  ids: IdGenerator & { requestId(): string };
  /** Keystone projects (Huawei v3 KeystoneCreateProject..., issue #16) */
  projects: ProjectsService;
  /** Keystone roles and implied roles */
  keystoneRoles: KeystoneRolesService;
  /** Keystone role assignments on the domain and its projects; the roles tokens carry */
  grants: GrantsService;
  /** roles, agencies (issue #13) */
  roles: RolesService;
  /** inline role policies (AWS PutRolePolicy...) */
  roleInlinePolicies: RoleInlinePoliciesService;
  /** temporary credentials of roles (AWS STS AssumeRole, Volcengine AssumeRole, Huawei agencies) */
  assumeRole: AssumeRoleService;
  /** inline group policies (AWS PutGroupPolicy...) */
  groupInlinePolicies: GroupInlinePoliciesService;
  /** virtual MFA devices (issue #11) */
  mfaDevices: MfaDevicesService;
  /** the account login policy: lockout, failure window, session timeout, validity (issue #11) */
  loginPolicy: LoginPolicyService;
  /** per-user login protection, one record for every dialect (issue #11) */
  loginProtection: LoginProtectionService;
  /** per-user operation protection: Volcengine SecurityConfig, Kingsoft OpenSecurityProtection (issue #11) */
  operationProtection: OperationProtectionService;
  /** the account-wide operation protection policy: Huawei v3.0 OS-SECURITYPOLICY protect-policy (issue #12) */
  protectPolicy: ProtectPolicyService;
  /** Huawei console-acl-policy / api-acl-policy */
  accessControl: AccessControlService;
  /** where IAM users may sign in and call from (the console asks it at sign-in) */
  allowLists: AllowListGate;
  /** users' permissions boundaries (AWS PutUserPermissionsBoundary...), issue #15 */
  permissionsBoundaries: PermissionsBoundariesService;
  /** tags of customer managed policies (AWS TagPolicy...), issue #15 */
  policyTags: PolicyTagsService;
  /** AWS account aliases, issue #15 */
  accountAliases: AccountAliasesService;
  /** users' SSH public keys, signing certificates, service-specific credentials (AWS), issue #15 */
  userCredentials: UserCredentialsService;
  /** AWS server certificates, issue #15 */
  serverCertificates: ServerCertificatesService;
  /** AWS GetContextKeysForCustomPolicy / GetContextKeysForPrincipalPolicy, issue #15 */
  contextKeyNames: ContextKeyNamesService;
  /** OpenID Connect providers as data (AWS), issue #15 */
  oidcProviders: OidcProvidersService;
  /** temporary credentials with the caller's own rights (AWS STS GetSessionToken), issue #13 */
  sessionTokens: SessionTokenService;
  /** Huawei v3.0 agencies on the core roles (issue #13) */
  agencies: AgenciesService;
  /** Keystone roles granted to agencies on the domain and its projects (issue #13) */
  agencyGrants: AgencyGrantsService;
  /** temporary credentials presented as a token (Huawei agency tokens from `assume_role`, issue #13) */
  sessionCredentials: SessionCredentials;
  /** Keystone regions, services and endpoints; the catalog in tokens (issue #16) */
  catalog: CatalogAdminService;
  /** Keystone users' extra attributes (POLYIAM_V3_RULES=keystone), issue #16 */
  userExtras: UserExtrasService;
  /** roles' permissions boundaries (AWS PutRolePermissionsBoundary...), issue #15 */
  roleBoundaries: RoleBoundariesService;
  /** AWS instance profiles, issue #15 */
  instanceProfiles: InstanceProfilesService;
  /** SAML providers as data (AWS), issue #15 */
  samlProviders: SamlProvidersService;
  /** service-linked roles (AWS CreateServiceLinkedRole...), issue #15 */
  serviceLinkedRoles: ServiceLinkedRolesService;
  /** temporary AK/SK of the caller itself (Huawei CreateTemporaryAccessKeyByToken), issue #13 */
  userTemporaryCredentials: UserTemporaryCredentialsService;
  /** Keystone domains (polyiam accounts) for cloud operators, issue #16 */
  domains: DomainsService;
  /** cloud operator grants (`polyiam operator grant`), issue #16 */
  operators: OperatorsService;
  /** Keystone `/v3/credentials` and OS-EC2 credentials on the core access keys (issue #16) */
  keystoneCredentials: KeystoneCredentialsService;
  /** Keystone application credentials and their `application_credential` auth method (issue #16) */
  applicationCredentials: ApplicationCredentialsService;
  /** Keystone OS-EP-FILTER endpoint groups (issue #16) */
  endpointGroups: EndpointGroupsService;
  /** Keystone domain configuration (`/v3/domains/{id}/config`), issue #16 */
  domainConfigs: DomainConfigsService;
  /** Keystone policies: opaque blobs (`/v3/policies`), issue #16 */
  policyBlobs: PolicyBlobsService;
  /** Keystone OAuth1 consumers (`/v3/OS-OAUTH1/consumers`), issue #16 */
  oauthConsumers: OauthConsumersService;
  /** Keystone system role assignments (`/v3/system/...`), cloud operators only (issue #16) */
  systemGrants: SystemGrantsService;
}
