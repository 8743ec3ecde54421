/**
 * Table types for Kysely. Booleans are 0/1 integers and times are epoch-millisecond integers on both
 * engines, so one migration and one repository serve SQLite and PostgreSQL alike.
 */
export interface AccountsTable {
  id: string;
  name: string;
  name_lower: string;
  aws_account_id: string;
  numeric_id: number;
  created_at: number;
  /** Keystone domain `enabled` (migration 0021): 0 stops every credential of the account */
  enabled: number;
  description: string;
}

export interface UsersTable {
  id: string;
  account_id: string;
  name: string;
  name_lower: string;
  path: string;
  description: string;
  display_name: string;
  email: string;
  phone: string;
  enabled: number;
  is_root: number;
  aws_id: string;
  numeric_id: number;
  created_at: number;
  updated_at: number;
  password_last_used_at: number | null;
  permissions_boundary_id: string | null;
}

export interface UserTagsTable {
  user_id: string;
  tag_key: string;
  key_lower: string;
  tag_value: string;
}

export interface LoginProfilesTable {
  user_id: string;
  account_id: string;
  password_hash: string;
  password_reset_required: number;
  login_allowed: number;
  password_changed_at: number;
  created_at: number;
  updated_at: number;
  last_login_at: number | null;
  last_login_ip: string | null;
  failed_attempts: number;
  locked_until: number | null;
  protection_enabled: number;
  protection_methods: string;
  exempt_required: number;
  exempt_unit: string;
  exempt_duration: number;
}

export interface PasswordHistoryTable {
  user_id: string;
  password_hash: string;
  created_at: number;
}

export interface PasswordPoliciesTable {
  account_id: string;
  settings: string;
  updated_at: number;
}

export interface AccessKeysTable {
  id: string;
  user_id: string;
  account_id: string;
  sealed_secret: string;
  status: string;
  created_at: number;
  updated_at: number;
  last_used_at: number | null;
  last_used_service: string | null;
  last_used_region: string | null;
  /** migration 0028: Huawei v3.0 permanent access key `description`; null when none was given */
  description: string | null;
}

export interface GroupsTable {
  id: string;
  account_id: string;
  name: string;
  name_lower: string;
  path: string;
  description: string;
  aws_id: string;
  numeric_id: number;
  created_at: number;
  updated_at: number;
}

export interface GroupMembersTable {
  group_id: string;
  user_id: string;
  added_at: number;
}

export interface AuditEventsTable {
  id: string;
  at: number;
  account_id: string | null;
  request_id: string;
  dialect: string;
  action: string;
  resource: string | null;
  outcome: string;
  error_kind: string | null;
  reason: string | null;
  principal_user_id: string | null;
  access_key_id: string | null;
  source_ip: string | null;
  user_name: string | null;
  caller_type: string | null;
  auth_method: string | null;
  session_id: string | null;
  user_agent: string | null;
  operation: string | null;
  read_only: number;
  parameters: string | null;
}

export interface ChangeLogTable {
  id: string;
  at: number;
  node_id: string;
  kind: string;
  entity_id: string;
}

export interface PoliciesTable {
  id: string;
  account_id: string;
  name: string;
  name_lower: string;
  path: string;
  description: string;
  syntax: string;
  default_version_id: string;
  latest_version: number;
  aws_id: string;
  created_at: number;
  updated_at: number;
}

export interface PolicyVersionsTable {
  policy_id: string;
  version_id: string;
  version_number: number;
  document: string;
  created_at: number;
}

export interface UserPolicyAttachmentsTable {
  user_id: string;
  policy_id: string;
  account_id: string;
  attached_at: number;
}

export interface GroupPolicyAttachmentsTable {
  group_id: string;
  policy_id: string;
  account_id: string;
  attached_at: number;
}

export interface UserInlinePoliciesTable {
  user_id: string;
  account_id: string;
  name: string;
  name_lower: string;
  syntax: string;
  document: string;
  created_at: number;
  updated_at: number;
}

export interface RolesTable {
  id: string;
  account_id: string;
  name: string;
  name_lower: string;
  path: string;
  description: string;
  trust_policy: string;
  trust_syntax: string;
  max_session_duration: number;
  aws_id: string;
  numeric_id: number;
  created_at: number;
  updated_at: number;
  sessions_revoked_before: number | null;
  last_used_at: number | null;
  last_used_region: string | null;
}

export interface RoleTagsTable {
  role_id: string;
  tag_key: string;
  key_lower: string;
  tag_value: string;
}

export interface RolePolicyAttachmentsTable {
  role_id: string;
  policy_id: string;
  account_id: string;
  attached_at: number;
}

export interface RoleInlinePoliciesTable {
  role_id: string;
  account_id: string;
  name: string;
  name_lower: string;
  syntax: string;
  document: string;
  created_at: number;
  updated_at: number;
}

export interface GroupInlinePoliciesTable {
  group_id: string;
  account_id: string;
  name: string;
  name_lower: string;
  syntax: string;
  document: string;
  created_at: number;
  updated_at: number;
}

/** issue #15 (migration 0011): tags of policies, server certificates, identity providers */
export interface ResourceTagsTable {
  resource_kind: string;
  resource_id: string;
  tag_key: string;
  key_lower: string;
  tag_value: string;
}

/** issue #15 (migration 0011): AWS account aliases, one per account, unique across the server */
export interface AccountAliasesTable {
  account_id: string;
  alias: string;
}

/** issue #15 (migration 0011): SSH public keys, signing certificates, service-specific credentials */
export interface UserCredentialsTable {
  id: string;
  kind: string;
  user_id: string;
  account_id: string;
  status: string;
  body: string;
  fingerprint: string;
  service_name: string;
  service_user_name: string;
  sealed_secret: string | null;
  created_at: number;
  updated_at: number;
}

/** issue #15 (migration 0011): AWS server certificates */
export interface ServerCertificatesTable {
  id: string;
  account_id: string;
  name: string;
  name_lower: string;
  path: string;
  body: string;
  chain: string | null;
  sealed_private_key: string;
  expires_at: number;
  uploaded_at: number;
  updated_at: number;
}

/** issue #15 (migration 0011): OpenID Connect providers; client ids and thumbprints as JSON arrays */
export interface OidcProvidersTable {
  id: string;
  account_id: string;
  url: string;
  client_ids: string;
  thumbprints: string;
  created_at: number;
  updated_at: number;
}

export interface Database {
  accounts: AccountsTable;
  users: UsersTable;
  user_tags: UserTagsTable;
  login_profiles: LoginProfilesTable;
  password_history: PasswordHistoryTable;
  password_policies: PasswordPoliciesTable;
  access_keys: AccessKeysTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  audit_events: AuditEventsTable;
  change_log: ChangeLogTable;
  policies: PoliciesTable;
  policy_versions: PolicyVersionsTable;
  user_policy_attachments: UserPolicyAttachmentsTable;
  group_policy_attachments: GroupPolicyAttachmentsTable;
  user_inline_policies: UserInlinePoliciesTable;
  roles: RolesTable;
  role_tags: RoleTagsTable;
  role_policy_attachments: RolePolicyAttachmentsTable;
  role_inline_policies: RoleInlinePoliciesTable;
  group_inline_policies: GroupInlinePoliciesTable;
  projects: ProjectsTable;
  keystone_roles: KeystoneRolesTable;
  keystone_role_implications: RoleImplicationsTable;
  role_assignments: RoleAssignmentsTable;
  user_default_projects: UserDefaultProjectsTable;
  catalog_regions: CatalogRegionsTable;
  catalog_services: CatalogServicesTable;
  catalog_endpoints: CatalogEndpointsTable;
  system_operators: SystemOperatorsTable;
  keystone_user_extras: KeystoneUserExtrasTable;
  keystone_credentials: KeystoneCredentialsTable;
  keystone_app_credentials: KeystoneAppCredentialsTable;
  keystone_endpoint_groups: KeystoneEndpointGroupsTable;
  keystone_domain_configs: KeystoneDomainConfigsTable;
  keystone_policies: KeystonePoliciesTable;
  keystone_oauth_consumers: KeystoneOauthConsumersTable;
  resource_tags: ResourceTagsTable;
  account_aliases: AccountAliasesTable;
  user_credentials: UserCredentialsTable;
  server_certificates: ServerCertificatesTable;
  oidc_providers: OidcProvidersTable;
  role_permissions_boundaries: RolePermissionsBoundariesTable;
  instance_profiles: InstanceProfilesTable;
  saml_providers: SamlProvidersTable;
  role_deletion_tasks: RoleDeletionTasksTable;
}

/** issue #15, migration 0019 */
export interface RolePermissionsBoundariesTable {
  role_id: string;
  account_id: string;
  policy_id: string;
}

export interface InstanceProfilesTable {
  id: string;
  account_id: string;
  name: string;
  name_lower: string;
  path: string;
  aws_id: string;
  role_id: string | null;
  created_at: number;
}

export interface SamlProvidersTable {
  id: string;
  account_id: string;
  name: string;
  name_lower: string;
  metadata: string;
  valid_until: number | null;
  created_at: number;
  updated_at: number;
}

export interface RoleDeletionTasksTable {
  id: string;
  account_id: string;
  role_name: string;
  status: string;
  created_at: number;
}

/** Keystone projects, roles, grants and default projects (migration 0012, issue #16) */
export interface ProjectsTable {
  id: string;
  account_id: string;
  name: string;
  name_lower: string;
  description: string;
  enabled: number;
  parent_id: string | null;
  /** JSON array of strings */
  tags: string;
  created_at: number;
  updated_at: number;
}

export interface KeystoneRolesTable {
  id: string;
  account_id: string;
  name: string;
  name_lower: string;
  description: string;
  domain_role: number;
  created_at: number;
}

export interface RoleImplicationsTable {
  account_id: string;
  prior_role_id: string;
  implied_role_id: string;
}

export interface RoleAssignmentsTable {
  account_id: string;
  actor_type: string;
  actor_id: string;
  target_type: string;
  target_id: string;
  role_id: string;
  inherited: number;
  created_at: number;
}

export interface UserDefaultProjectsTable {
  user_id: string;
  account_id: string;
  project_id: string;
}

/** Keystone's service catalog and system operators (migration 0020, issue #16) */
export interface CatalogRegionsTable {
  account_id: string;
  id: string;
  description: string;
  parent_region_id: string | null;
}

export interface CatalogServicesTable {
  id: string;
  account_id: string;
  type: string;
  name: string;
  description: string;
  enabled: number;
}

export interface CatalogEndpointsTable {
  id: string;
  account_id: string;
  service_id: string;
  region_id: string | null;
  interface: string;
  url: string;
  enabled: number;
}

export interface SystemOperatorsTable {
  account_id: string;
  /** `user` (subject_id: a user id) or `role` (subject_id: a Keystone role id held on the domain); migration 0021 */
  kind: string;
  subject_id: string;
  granted_at: number;
}

export interface KeystoneUserExtrasTable {
  user_id: string;
  account_id: string;
  /** JSON object */
  extras: string;
}

/** Keystone credentials and application credentials (migration 0022, issue #16) */
export interface KeystoneCredentialsTable {
  id: string;
  account_id: string;
  user_id: string;
  project_id: string | null;
  type: string;
  sealed_blob: string;
  access_key_id: string | null;
  created_at: number;
}

export interface KeystoneAppCredentialsTable {
  id: string;
  account_id: string;
  user_id: string;
  name: string;
  description: string | null;
  secret_hash: string;
  project_id: string;
  roles: string;
  unrestricted: number;
  expires_at: number | null;
  access_rules: string;
  created_at: number;
}

export interface KeystoneEndpointGroupsTable {
  id: string;
  account_id: string;
  name: string;
  description: string;
  filters: string;
}

/** Keystone domain configuration options (migration 0025): `value` is JSON text, sealed when `sensitive` is 1 */
export interface KeystoneDomainConfigsTable {
  account_id: string;
  group_name: string;
  option_name: string;
  value: string;
  sensitive: number;
}

export interface KeystonePoliciesTable {
  id: string;
  account_id: string;
  type: string;
  blob: string;
  created_at: number;
}

export interface KeystoneOauthConsumersTable {
  id: string;
  account_id: string;
  description: string | null;
  sealed_secret: string;
  created_at: number;
}
