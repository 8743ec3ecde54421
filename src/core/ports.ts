/**
 * What the core needs from the outside world. `store/` and `crypto/` implement these; `app/` wires them.
 * Each repository documents the error kinds it raises; driver errors never cross this line.
 */
import type { Account, AccountChanges } from './accounts/account.js';
import type { AccessKey } from './access-keys/access-key.js';
import type { AuditEvent } from './audit/audit-event.js';
import type { Group } from './users/group.js';
import type { LoginProfile } from './login-profiles/login-profile.js';
import type { PasswordPolicySettings } from './password-policy/password-policy.js';
import type { AttachmentTarget, GroupInlinePolicy, InlinePolicy, ManagedPolicy, PolicyAttachment, PolicyVersion } from './policies/policy.js';
import type { Tag, User } from './users/user.js';
import type { PlainPassword } from './secrets.js';
import type { Change } from './change-feed.js';
import type { Role, RoleAttachment, RoleInlinePolicy } from './roles/role.js';
import type { InstanceProfile } from './instance-profiles/instance-profile.js';
import type { SamlProvider } from './identity-providers/saml-provider.js';
import type { RoleDeletionTask } from './roles/service-linked-role.js';
import type { UserCredential, UserCredentialKind } from './user-credentials/user-credential.js';
import type { ServerCertificate } from './user-credentials/server-certificate.js';
import type { OidcProvider } from './identity-providers/identity-provider.js';

export interface Page<T> {
  items: T[];
  /** opaque continuation for the next page; absent on the last page */
  nextMarker?: string;
}

export interface ListQuery {
  limit: number;
  /** keyset continuation from a previous page (exclusive) */
  marker?: string;
  /** offset paging, for dialects that page by offset (Volcengine Limit/Offset) */
  offset?: number;
}

export interface AccountRepository {
  /** @throws already-exists when the name is taken */
  create(account: Account): Promise<void>;
  findById(id: string): Promise<Account | undefined>;
  findByName(name: string): Promise<Account | undefined>;
  /** by the number ARNs and TRNs name it with: the AWS 12-digit id, or the Volcengine/Kingsoft integer id */
  findByNumber(number: string): Promise<Account | undefined>;
  count(): Promise<number>;
  /** AWS ListAccountAliases: the account's alias, if it has one */
  findAlias(accountId: string): Promise<string | undefined>;
  /** the account an alias names (aliases are unique across the server) */
  findByAlias(alias: string): Promise<Account | undefined>;
  /** sets or replaces the account's one alias. @throws already-exists when another account has it */
  setAlias(accountId: string, alias: string): Promise<void>;
  /** false when the account has no such alias */
  deleteAlias(accountId: string, alias: string): Promise<boolean>;
  /** every account, by name (Keystone GET /v3/domains for an operator; issue #16) */
  list(): Promise<Account[]>;
  /** @throws already-exists when the new name is taken; false when there is no such account */
  update(id: string, changes: AccountChanges): Promise<boolean>;
  /** the account and everything it holds but its audit trail; false when there is no such account */
  deleteWithContent(id: string): Promise<boolean>;
}

/** what a group listing keeps (issue #17: filtered in SQL, so a page is a keyset seek) */
export interface GroupListFilter {
  /** exact, case-insensitive (Keystone `name`) */
  name?: string;
  /** AWS ListGroups PathPrefix, case-sensitive */
  pathPrefix?: string;
  /** case-insensitive substring of the name or description (Volcengine ListGroups Query) */
  textContains?: string;
  /** without `marker`: continue after this lowercased name, exclusive (Keystone `marker`) */
  afterName?: string;
}

/** what a role listing keeps */
export interface RoleListFilter {
  /** AWS ListRoles PathPrefix, case-sensitive */
  pathPrefix?: string;
  /** case-insensitive substring of the name or description (Volcengine ListRoles Query) */
  textContains?: string;
}

export interface UserListQuery extends ListQuery {
  pathPrefix?: string;
  groupId?: string;
  /** case-insensitive substring of the name, display name or description (Volcengine ListUsers Query: "模糊查询。可按用户名、显示名或备注查询") */
  textContains?: string;
  /** exact, case-insensitive name filter (Keystone `name`) */
  name?: string;
  enabled?: boolean;
  includeRoot?: boolean;
  /** without `marker`: continue after this lowercased name, exclusive (a row a dialect names, Keystone `marker`) */
  afterName?: string;
}

export interface UserRepository {
  /** @throws already-exists when the name is taken in the account (case-insensitively) */
  create(user: User): Promise<void>;
  findById(accountId: string, id: string): Promise<User | undefined>;
  findByName(accountId: string, name: string): Promise<User | undefined>;
  /** by the integer id Volcengine names users with (`ID`) */
  findByNumericId(accountId: string, numericId: number): Promise<User | undefined>;
  list(accountId: string, query: UserListQuery): Promise<Page<User>>;
  count(accountId: string, query: Omit<UserListQuery, 'limit' | 'marker' | 'offset'>): Promise<number>;
  /** @throws already-exists when a rename collides */
  update(user: User): Promise<void>;
  /** AWS PasswordLastUsed; a single-column write so it never races a rename */
  touchPasswordLastUsed(userId: string, at: number): Promise<void>;
  /** removes the user and its tags; returns false when nothing was deleted */
  delete(accountId: string, id: string): Promise<boolean>;
  listTags(userId: string): Promise<Tag[]>;
  /** upserts by key */
  putTags(userId: string, tags: Tag[]): Promise<void>;
  removeTags(userId: string, keys: string[]): Promise<void>;
  /** the users of the account whose permissions boundary is the policy, by lowercased name (AWS ListEntitiesForPolicy PermissionsBoundary) */
  listByPermissionsBoundary(accountId: string, policyId: string): Promise<User[]>;
  /** policy id -> number of users it bounds, for the policies used as a boundary in the account (AWS PermissionsBoundaryUsageCount) */
  permissionsBoundaryCounts(accountId: string): Promise<Map<string, number>>;
}

export interface LoginProfileRepository {
  /** @throws already-exists when the user has one */
  create(profile: LoginProfile): Promise<void>;
  find(userId: string): Promise<LoginProfile | undefined>;
  update(profile: LoginProfile): Promise<void>;
  delete(userId: string): Promise<boolean>;
  /**
   * INVARIANT: one atomic UPDATE ... RETURNING, so parallel wrong guesses each see a distinct count
   * and none can slip past the lockout threshold.
   */
  recordFailedSignIn(userId: string, threshold: number, lockedUntil: number): Promise<{ failedAttempts: number; lockedUntil: number | null }>;
  /** resets the failure count only if the profile is not locked at `now`; false when it is locked */
  recordSuccessfulSignIn(userId: string, now: number, ip: string | null): Promise<boolean>;
  /** clears a lock that ended at or before `now` (and its failure count) */
  clearExpiredLock(userId: string, now: number): Promise<void>;
  /** admin unlock */
  unlock(userId: string): Promise<void>;
  addPasswordHistory(userId: string, hash: string, at: number): Promise<void>;
  /** newest first */
  listPasswordHistory(userId: string, limit: number): Promise<string[]>;
}

export interface PasswordPolicyRepository {
  find(accountId: string): Promise<PasswordPolicySettings | undefined>;
  put(accountId: string, settings: PasswordPolicySettings): Promise<void>;
  delete(accountId: string): Promise<boolean>;
}

export interface AccessKeyRepository {
  /** @throws already-exists on an id collision */
  create(key: AccessKey): Promise<void>;
  /** global lookup by key id, used to authenticate a signed request */
  findById(id: string): Promise<AccessKey | undefined>;
  listByUser(userId: string): Promise<AccessKey[]>;
  countByUser(userId: string): Promise<number>;
  updateStatus(id: string, status: AccessKey['status'], at: number): Promise<void>;
  delete(id: string): Promise<boolean>;
  touchLastUsed(id: string, at: number, service: string, region: string | null): Promise<void>;
  /** Huawei v3.0 UpdatePermanentAccessKey `description` */
  updateDescription(id: string, description: string, at: number): Promise<void>;
}

export interface GroupRepository {
  /** @throws already-exists when the name is taken in the account */
  create(group: Group): Promise<void>;
  findById(accountId: string, id: string): Promise<Group | undefined>;
  findByName(accountId: string, name: string): Promise<Group | undefined>;
  list(accountId: string, query: GroupListFilter & ListQuery): Promise<Page<Group>>;
  /** how many groups the filter keeps (Volcengine ListGroups `Total`) */
  count(accountId: string, filter: GroupListFilter): Promise<number>;
  /** @throws already-exists when a rename collides */
  update(group: Group): Promise<void>;
  delete(accountId: string, id: string): Promise<boolean>;
  /** idempotent */
  addMember(groupId: string, userId: string, at: number): Promise<void>;
  removeMember(groupId: string, userId: string): Promise<boolean>;
  isMember(groupId: string, userId: string): Promise<boolean>;
  listMembers(groupId: string): Promise<string[]>;
  listGroupsForUser(userId: string): Promise<Group[]>;
  countGroupsForUser(userId: string): Promise<number>;
}

/**
 * Customer managed policies with their versions, attachments of managed and system policies to users
 * and groups, and inline user policies. Deleting a user or group removes its attachments and inline
 * policies; deleting a policy removes its versions (but not attachments: callers refuse to delete an
 * attached policy).
 */
export interface PolicyRepository {
  /** the policy and its first version, together. @throws already-exists when the name is taken in the account (case-insensitively) */
  create(policy: ManagedPolicy, firstVersion: PolicyVersion): Promise<void>;
  findById(accountId: string, id: string): Promise<ManagedPolicy | undefined>;
  findByName(accountId: string, name: string): Promise<ManagedPolicy | undefined>;
  /** every policy of the account, ordered by lowercased name (bounded by the per-account quota) */
  listAll(accountId: string): Promise<ManagedPolicy[]>;
  /**
   * one keyset page by lowercased name (issue #17: lists page in SQL); `pathPrefix` is case-sensitive;
   * `fromName` starts the first page at that lowercased name, inclusive (core's merge with system policies)
   */
  list(accountId: string, query: ListQuery & { pathPrefix?: string; fromName?: string }): Promise<Page<ManagedPolicy>>;
  count(accountId: string): Promise<number>;
  /** rewrites description, default version, latest version number and update time */
  update(policy: ManagedPolicy): Promise<void>;
  /** removes the policy and its versions; false when nothing was deleted */
  delete(accountId: string, id: string): Promise<boolean>;
  /** @throws already-exists when the version id is taken */
  addVersion(version: PolicyVersion): Promise<void>;
  findVersion(policyId: string, versionId: string): Promise<PolicyVersion | undefined>;
  /** oldest first (by version number) */
  listVersions(policyId: string): Promise<PolicyVersion[]>;
  deleteVersion(policyId: string, versionId: string): Promise<boolean>;
  /** idempotent: false when it was already attached (the first time is kept) */
  attach(attachment: PolicyAttachment): Promise<boolean>;
  detach(target: AttachmentTarget, policyId: string): Promise<boolean>;
  /** the target's attachments, oldest first */
  listAttached(target: AttachmentTarget): Promise<PolicyAttachment[]>;
  countAttached(target: AttachmentTarget): Promise<number>;
  /** the users and groups of `accountId` a policy is attached to, oldest first */
  listEntities(accountId: string, policyId: string): Promise<PolicyAttachment[]>;
  /** policy id -> number of users and groups it is attached to, for the policies attached anywhere in the account */
  attachmentCounts(accountId: string): Promise<Map<string, number>>;
  /** creates or replaces by (user, name case-insensitively); the creation time of a replaced one is kept */
  putInline(policy: InlinePolicy): Promise<void>;
  findInline(userId: string, name: string): Promise<InlinePolicy | undefined>;
  /** ordered by lowercased name */
  listInline(userId: string): Promise<InlinePolicy[]>;
  deleteInline(userId: string, name: string): Promise<boolean>;
  /** inline group policies (AWS PutGroupPolicy), like the user ones; deleting the group removes them */
  putGroupInline(policy: GroupInlinePolicy): Promise<void>;
  findGroupInline(groupId: string, name: string): Promise<GroupInlinePolicy | undefined>;
  listGroupInline(groupId: string): Promise<GroupInlinePolicy[]>;
  deleteGroupInline(groupId: string, name: string): Promise<boolean>;
}

/**
 * Roles with their tags, attached policies and inline policies (issue #13). Deleting a role removes its
 * tags, attachments and inline policies with it; callers refuse while policies are attached (AWS
 * DeleteRole: DeleteConflict).
 */
export interface RoleRepository {
  /** @throws already-exists when the name is taken in the account (case-insensitively) */
  create(role: Role): Promise<void>;
  findById(accountId: string, id: string): Promise<Role | undefined>;
  findByName(accountId: string, name: string): Promise<Role | undefined>;
  /** by the integer id Volcengine shows */
  findByNumericId(accountId: string, numericId: number): Promise<Role | undefined>;
  /** every role of the account whose path starts with `pathPrefix`, ordered by lowercased name (bounded by the quota) */
  listAll(accountId: string, pathPrefix?: string): Promise<Role[]>;
  count(accountId: string): Promise<number>;
  /** one keyset page by lowercased name (issue #17: lists page in SQL, never load whole) */
  list(accountId: string, query: RoleListFilter & ListQuery): Promise<Page<Role>>;
  /** how many roles the filter keeps (Volcengine ListRoles `Total`) */
  countMatching(accountId: string, filter: RoleListFilter): Promise<number>;
  /** rewrites description, trust policy, max session duration, revocation time and update time */
  update(role: Role): Promise<void>;
  /** a single-column write, so it never races an update: AWS RoleLastUsed */
  touchLastUsed(id: string, at: number, region: string | null): Promise<void>;
  /** removes the role with its tags, attachments and inline policies; false when nothing was deleted */
  delete(accountId: string, id: string): Promise<boolean>;
  listTags(roleId: string): Promise<Tag[]>;
  /** upserts by key (case-insensitively) */
  putTags(roleId: string, tags: Tag[]): Promise<void>;
  removeTags(roleId: string, keys: string[]): Promise<void>;
  /** idempotent: false when it was already attached */
  attach(attachment: RoleAttachment): Promise<boolean>;
  detach(roleId: string, policyId: string): Promise<boolean>;
  /** oldest first, then by policy id */
  listAttached(roleId: string): Promise<RoleAttachment[]>;
  /** the roles of `accountId` a policy is attached to, oldest first */
  listRolesForPolicy(accountId: string, policyId: string): Promise<RoleAttachment[]>;
  /** creates or replaces by (role, name case-insensitively); the creation time of a replaced one is kept */
  putInline(policy: RoleInlinePolicy): Promise<void>;
  findInline(roleId: string, name: string): Promise<RoleInlinePolicy | undefined>;
  /** ordered by lowercased name */
  listInline(roleId: string): Promise<RoleInlinePolicy[]>;
  deleteInline(roleId: string, name: string): Promise<boolean>;
  /** policy id -> number of the account's roles it is attached to (AWS AttachmentCount, issue #15) */
  attachmentCounts(accountId: string): Promise<Map<string, number>>;
}

/** What carries tags besides users (AWS TagPolicy, TagServerCertificate, TagOpenIDConnectProvider, TagSAMLProvider). */
export type TaggedResourceKind = 'policy' | 'server-certificate' | 'oidc-provider' | 'saml-provider' | 'instance-profile';

/**
 * Tags of resources other than users, keyed by the resource's kind and id. No foreign key (one table
 * serves every kind): deleting a resource removes its tags in the same transaction (`removeAll`).
 */
export interface ResourceTagRepository {
  /** ordered by lowercased key */
  list(kind: TaggedResourceKind, resourceId: string): Promise<Tag[]>;
  /** upserts by key, case-insensitively */
  put(kind: TaggedResourceKind, resourceId: string, tags: Tag[]): Promise<void>;
  remove(kind: TaggedResourceKind, resourceId: string, keys: string[]): Promise<void>;
  removeAll(kind: TaggedResourceKind, resourceId: string): Promise<void>;
}

/** SSH public keys, signing certificates and service-specific credentials of users (issue #15). */
export interface UserCredentialRepository {
  /** @throws already-exists when the user already holds the same material (same kind and fingerprint) */
  create(credential: UserCredential): Promise<void>;
  find(userId: string, kind: UserCredentialKind, id: string): Promise<UserCredential | undefined>;
  /** oldest first */
  listByUser(userId: string, kind: UserCredentialKind): Promise<UserCredential[]>;
  countByUser(userId: string, kind: UserCredentialKind): Promise<number>;
  /** rewrites status, sealed secret and update time */
  update(credential: UserCredential): Promise<void>;
  delete(userId: string, kind: UserCredentialKind, id: string): Promise<boolean>;
}

/** Server certificates of an account (issue #15). */
export interface ServerCertificateRepository {
  /** @throws already-exists when the name is taken in the account (case-insensitively) */
  create(certificate: ServerCertificate): Promise<void>;
  findByName(accountId: string, name: string): Promise<ServerCertificate | undefined>;
  /** ordered by lowercased name */
  list(accountId: string): Promise<ServerCertificate[]>;
  count(accountId: string): Promise<number>;
  /** rewrites name, path and update time. @throws already-exists when a rename collides */
  update(certificate: ServerCertificate): Promise<void>;
  delete(accountId: string, id: string): Promise<boolean>;
}

/** OpenID Connect providers of an account (issue #15). */
export interface OidcProviderRepository {
  /** @throws already-exists when the account has a provider for the URL */
  create(provider: OidcProvider): Promise<void>;
  find(accountId: string, url: string): Promise<OidcProvider | undefined>;
  /** ordered by URL */
  list(accountId: string): Promise<OidcProvider[]>;
  /** rewrites client ids, thumbprints and update time */
  update(provider: OidcProvider): Promise<void>;
  delete(accountId: string, url: string): Promise<boolean>;
}

/** Roles' permissions boundaries (AWS PutRolePermissionsBoundary), one row per role; deleted with the role. */
export interface RoleBoundaryRepository {
  /** the policy id bounding the role, if any */
  find(roleId: string): Promise<string | undefined>;
  /** sets or replaces */
  put(accountId: string, roleId: string, policyId: string): Promise<void>;
  remove(roleId: string): Promise<boolean>;
  /** the ids of the account's roles the policy bounds */
  listRoleIds(accountId: string, policyId: string): Promise<string[]>;
  /** policy id -> number of roles it bounds (AWS PermissionsBoundaryUsageCount) */
  counts(accountId: string): Promise<Map<string, number>>;
}

/** Instance profiles of an account (AWS CreateInstanceProfile), each holding at most one role. */
export interface InstanceProfileRepository {
  /** @throws already-exists when the name is taken in the account (case-insensitively) */
  create(profile: InstanceProfile): Promise<void>;
  findByName(accountId: string, name: string): Promise<InstanceProfile | undefined>;
  /** ordered by lowercased name */
  list(accountId: string, pathPrefix?: string): Promise<InstanceProfile[]>;
  count(accountId: string): Promise<number>;
  /** the profiles holding the role, ordered by lowercased name */
  listForRole(roleId: string): Promise<InstanceProfile[]>;
  /** a conditional write: sets the role only while the profile holds none; false when it holds one */
  addRole(profileId: string, roleId: string): Promise<boolean>;
  /** clears the role only when it is `roleId`; false otherwise */
  removeRole(profileId: string, roleId: string): Promise<boolean>;
  delete(accountId: string, id: string): Promise<boolean>;
}

/** SAML providers of an account (AWS CreateSAMLProvider). */
export interface SamlProviderRepository {
  /** @throws already-exists when the name is taken in the account (case-insensitively) */
  create(provider: SamlProvider): Promise<void>;
  findByName(accountId: string, name: string): Promise<SamlProvider | undefined>;
  /** ordered by lowercased name */
  list(accountId: string): Promise<SamlProvider[]>;
  /** rewrites metadata, validity and update time */
  update(provider: SamlProvider): Promise<void>;
  delete(accountId: string, id: string): Promise<boolean>;
}

/** AWS DeleteServiceLinkedRole's tasks, for GetServiceLinkedRoleDeletionStatus. */
export interface RoleDeletionTaskRepository {
  create(task: RoleDeletionTask): Promise<void>;
  find(accountId: string, id: string): Promise<RoleDeletionTask | undefined>;
}

export interface Repositories {
  accounts: AccountRepository;
  users: UserRepository;
  loginProfiles: LoginProfileRepository;
  passwordPolicies: PasswordPolicyRepository;
  accessKeys: AccessKeyRepository;
  groups: GroupRepository;
  policies: PolicyRepository;
  roles: RoleRepository;
  /** issue #15: tags of policies, server certificates and identity providers */
  resourceTags: ResourceTagRepository;
  userCredentials: UserCredentialRepository;
  serverCertificates: ServerCertificateRepository;
  oidcProviders: OidcProviderRepository;
  /** issue #15: role permissions boundaries, instance profiles, SAML providers, service-linked role deletions */
  roleBoundaries: RoleBoundaryRepository;
  instanceProfiles: InstanceProfileRepository;
  samlProviders: SamlProviderRepository;
  roleDeletionTasks: RoleDeletionTaskRepository;
}

/** Every write of a command happens inside one `transaction`; reads may use the repositories directly. */
export interface Store extends Repositories {
  /** the database as it is now, past any read cache: for reads that decide a credential check */
  readonly fresh: Repositories;
  transaction<T>(work: (tx: Repositories) => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
}

export interface TransactionOptions {
  /**
   * The changes the work made, asked for once it has succeeded: a store shared by several nodes
   * announces them to the others inside the same transaction, just before COMMIT (so a rolled-back
   * transaction announces nothing, and a committed one cannot lose its announcement). One process alone
   * ignores it.
   */
  announce?: () => readonly Change[];
}

export interface Clock {
  /** UTC epoch milliseconds */
  now(): number;
}

export interface PasswordHasher {
  /** argon2id; runs off the event loop */
  hash(password: PlainPassword): Promise<string>;
  verify(hash: string, password: PlainPassword): Promise<boolean>;
  /** SECURITY: burns the same time as a real verify, for unknown users */
  verifyDummy(password: PlainPassword): Promise<false>;
}

/** Authenticated encryption for secrets that must be read back (access-key secrets, TOTP seeds). */
export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

export interface IdGenerator {
  /** 32 lowercase hex: the canonical id of accounts, users, groups */
  hexId(): string;
  /**
   * 32 lowercase hex ordered by time: 48 bits of epoch milliseconds then 80 random bits (the ULID
   * layout). For append-only records (audit events): new keys land at the end of the index.
   */
  timeOrderedId(at: number): string;
  /** AWS-style unique id: `AIDA` + 17 upper-case alphanumerics */
  awsUserId(): string;
  /** AWS role id: `AROA` + 17 upper-case alphanumerics */
  awsRoleId(): string;
  /** a temporary access key id: `ASIA` + 16 upper-case alphanumerics (AWS "IAM identifiers") */
  temporaryAccessKeyId(): string;
  /** a positive integer id for dialects with numeric ids (Volcengine) */
  numericId(): number;
  /** 12 digits, the AWS-style account number */
  awsAccountId(): string;
  accessKeyId(): string;
  secretAccessKey(): string;
  /** a password that satisfies any policy up to 32 characters */
  password(): string;
}

export interface AuditSink {
  /** must not throw and must not block the caller; durable within a short flush interval */
  record(event: AuditEvent): void;
  flush(): Promise<void>;
  /** stores one event now, outside any batch; resolves once it is durable */
  writeNow(event: AuditEvent): Promise<void>;
}
