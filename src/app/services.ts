import type { AccessKeysService } from '../core/access-keys/access-keys-service.js';
import type { AccountsService } from '../core/accounts/accounts-service.js';
import type { AuditService } from '../core/audit/audit-service.js';
import type { CredentialsService } from '../core/credentials/sign-in.js';
import type { LoginProfilesService } from '../core/login-profiles/login-profiles-service.js';
import type { PasswordPolicyService } from '../core/password-policy/password-policy-service.js';
import type { AuthorizationMessages } from '../core/authorization/authorization-messages.js';
import type { PolicyAttachmentsService } from '../core/policies/attachments-service.js';
import type { InlinePoliciesService } from '../core/policies/inline-policies-service.js';
import type { PoliciesService } from '../core/policies/policies-service.js';
import type { PolicySimulator } from '../core/policies/simulation.js';
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
import type { RequestAuthenticator } from '../auth/request-authenticator.js';
import type { TokenService } from '../auth/tokens/token-service.js';

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
  clock: Clock;
  ids: IdGenerator & { requestId(): string };
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
}
