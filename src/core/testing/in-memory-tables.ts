/**
 * The rows of the in-memory store, shaped like the SQL tables so the fake enforces the same keys,
 * unique constraints, foreign keys and cascades as the real schema (src/store/migrations).
 */
import type { AccessKey } from '../access-keys/access-key.js';
import type { Account } from '../accounts/account.js';
import { AlreadyExistsError, InvalidInputError, type EntityKind } from '../errors.js';
import type { LoginProfile } from '../login-profiles/login-profile.js';
import type { PasswordPolicySettings } from '../password-policy/password-policy.js';
import type { GroupInlinePolicy, InlinePolicy, ManagedPolicy, PolicyAttachment, PolicyVersion } from '../policies/policy.js';
import type { Group } from '../users/group.js';
import type { Role, RoleAttachment, RoleInlinePolicy } from '../roles/role.js';
import type { Tag, User } from '../users/user.js';
import type { UserCredential } from '../user-credentials/user-credential.js';
import type { ServerCertificate } from '../user-credentials/server-certificate.js';
import type { OidcProvider } from '../identity-providers/identity-provider.js';
import type { InstanceProfile } from '../instance-profiles/instance-profile.js';
import type { SamlProvider } from '../identity-providers/saml-provider.js';
import type { RoleDeletionTask } from '../roles/service-linked-role.js';

export interface MembershipRow {
  groupId: string;
  userId: string;
  addedAt: number;
}

export interface PasswordHistoryRow {
  userId: string;
  hash: string;
  at: number;
}

export interface Tables {
  accounts: Map<string, Account>;
  users: Map<string, User>;
  /** user id -> lowercased key -> tag (primary key user_id, key_lower) */
  userTags: Map<string, Map<string, Tag>>;
  loginProfiles: Map<string, LoginProfile>;
  /** in insertion order, like rowids */
  passwordHistory: PasswordHistoryRow[];
  passwordPolicies: Map<string, PasswordPolicySettings>;
  accessKeys: Map<string, AccessKey>;
  groups: Map<string, Group>;
  /** `${groupId}/${userId}` -> row (primary key group_id, user_id) */
  groupMembers: Map<string, MembershipRow>;
  policies: Map<string, ManagedPolicy>;
  /** `${policyId}/${versionId}` -> row (primary key policy_id, version_id) */
  policyVersions: Map<string, PolicyVersion>;
  /** `${userId}/${policyId}` -> row (primary key user_id, policy_id) */
  userPolicyAttachments: Map<string, PolicyAttachment>;
  /** `${groupId}/${policyId}` -> row (primary key group_id, policy_id) */
  groupPolicyAttachments: Map<string, PolicyAttachment>;
  /** `${userId}/${lowercased name}` -> row (primary key user_id, name_lower) */
  inlinePolicies: Map<string, InlinePolicy>;
  /** `${groupId}/${lowercased name}` -> row */
  groupInlinePolicies: Map<string, GroupInlinePolicy>;
  roles: Map<string, Role>;
  /** role id -> lowercased key -> tag */
  roleTags: Map<string, Map<string, Tag>>;
  /** `${roleId}/${policyId}` -> row */
  rolePolicyAttachments: Map<string, RoleAttachment>;
  /** `${roleId}/${lowercased name}` -> row */
  roleInlinePolicies: Map<string, RoleInlinePolicy>;
  /** `${kind}/${resourceId}` -> lowercased key -> tag (primary key resource_kind, resource_id, key_lower) */
  resourceTags: Map<string, Map<string, Tag>>;
  /** account id -> alias (primary key account_id; alias unique) */
  accountAliases: Map<string, string>;
  /** id -> row (unique user_id, kind, fingerprint); cascades with its user */
  userCredentials: Map<string, UserCredential>;
  /** id -> row (unique account_id, lowercased name) */
  serverCertificates: Map<string, ServerCertificate>;
  /** id -> row (unique account_id, url) */
  oidcProviders: Map<string, OidcProvider>;
  /** issue #15 (0019): role id -> boundary policy id; instance profiles, SAML providers, deletion tasks by id */
  roleBoundaries: Map<string, { accountId: string; policyId: string }>;
  instanceProfiles: Map<string, InstanceProfile>;
  samlProviders: Map<string, SamlProvider>;
  roleDeletionTasks: Map<string, RoleDeletionTask>;
}

/** The store swaps `tables` for a snapshot on rollback; repositories always read through the holder. */
export interface TablesHolder {
  tables: Tables;
}

export function emptyTables(): Tables {
  return {
    accounts: new Map(),
    users: new Map(),
    userTags: new Map(),
    loginProfiles: new Map(),
    passwordHistory: [],
    passwordPolicies: new Map(),
    accessKeys: new Map(),
    groups: new Map(),
    groupMembers: new Map(),
    policies: new Map(),
    policyVersions: new Map(),
    userPolicyAttachments: new Map(),
    groupPolicyAttachments: new Map(),
    inlinePolicies: new Map(),
    groupInlinePolicies: new Map(),
    roles: new Map(),
    roleTags: new Map(),
    rolePolicyAttachments: new Map(),
    roleInlinePolicies: new Map(),
    resourceTags: new Map(),
    accountAliases: new Map(),
    userCredentials: new Map(),
    serverCertificates: new Map(),
    oidcProviders: new Map(),
    roleBoundaries: new Map(),
    instanceProfiles: new Map(),
    samlProviders: new Map(),
    roleDeletionTasks: new Map(),
  };
}

/** Rows go in and out as copies, as they would through SQL: a caller mutating one changes nothing stored. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}

/**
 * The databases sort text bytewise: SQLite's BINARY collation, and the `C` collation that migration
 * 0002 puts on PostgreSQL's sort columns. UTF-8 byte order is code point order, which differs from
 * JavaScript's UTF-16 `<` for characters beyond the BMP.
 */
export function compareBytewise(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** What the SQL engines raise for a missing parent row; the real store does not translate it either. */
export class ForeignKeyViolation extends Error {
  constructor(table: string, column: string) {
    super(`foreign key constraint failed: ${table}.${column}`);
  }
}

export function requireParent(exists: boolean, table: string, column: string): void {
  if (!exists) throw new ForeignKeyViolation(table, column);
}

/** Throws the core's already-exists when any other row holds one of the unique values. */
export function checkUnique<R>(
  rows: Iterable<R>,
  candidate: R,
  isSameRow: (row: R) => boolean,
  uniqueKeys: Array<(row: R) => string | number>,
  entity: EntityKind,
  id: string,
): void {
  for (const row of rows) {
    if (isSameRow(row)) continue;
    for (const key of uniqueKeys) {
      if (key(row) === key(candidate)) throw new AlreadyExistsError(entity, id);
    }
  }
}

/** Keyset markers in the store's format: the last sort key, base64url-encoded (opaque to callers). */
export function encodeMarker(sortKey: string): string {
  return Buffer.from(`k:${sortKey}`, 'utf8').toString('base64url');
}

export function decodeMarker(marker: string): string {
  const text = Buffer.from(marker, 'base64url').toString('utf8');
  if (!text.startsWith('k:')) throw new InvalidInputError('marker', 'is not a marker from a previous page');
  return text.slice(2);
}

/** The store's paging: sort by key, keyset after the marker, then offset, then one row more than asked. */
export function pageOf<T>(rows: T[], sortKey: (row: T) => string, query: { limit: number; marker?: string; offset?: number }): { items: T[]; nextMarker?: string } {
  const sorted = [...rows].sort((a, b) => compareBytewise(sortKey(a), sortKey(b)));
  const after = query.marker === undefined ? undefined : decodeMarker(query.marker);
  const remaining = after === undefined ? sorted : sorted.filter((row) => compareBytewise(sortKey(row), after) > 0);
  const window = remaining.slice(query.offset ?? 0, (query.offset ?? 0) + query.limit + 1);
  const items = window.slice(0, query.limit).map(copy);
  const last = items[items.length - 1];
  return window.length > query.limit && last ? { items, nextMarker: encodeMarker(sortKey(last)) } : { items };
}
