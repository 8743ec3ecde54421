import { SystemPolicyIds, type SystemPolicyId } from '../policies/system-policies.js';

/**
 * A role (Keystone; Huawei v3 "roles", KeystoneListPermissions): a name granted to users and groups on
 * the account (Keystone domain) or one of its projects. Built-in roles live in code and are the same
 * in every account; a global role (Keystone `domain_id: null`, made by a cloud operator) is stored once
 * and seen in every account like a built-in one; custom roles belong to one account (Huawei: an
 * account's own; Keystone: a domain-specific role when made with a `domain_id`).
 */
export interface Role {
  /** 32 lowercase hex, unique across the server */
  id: string;
  /** null for a built-in or a global role */
  accountId: string | null;
  /** a global role of the server, made by a cloud operator (issue #16); false for built-in and custom roles */
  isGlobal: boolean;
  name: string;
  description: string;
  /** Keystone domain-specific role (`domain_id` set at creation): its `domain_id` is the account's */
  isDomainRole: boolean;
  /** Huawei `display_name`, for the built-in system roles */
  displayName?: string;
  /**
   * The system policy a grant of this role on the domain attaches to its holder, so the one evaluator
   * decides what the role allows on IAM (issue #16). Project grants attach nothing: every IAM call is
   * account-wide, so a project grant can never widen one.
   */
  systemPolicyId?: SystemPolicyId;
  createdAt: number;
}

/** A role that implies another (Keystone implied roles): holding `priorId` also grants `impliedId`. */
export interface RoleImplication {
  /** '' for a global implication (its prior role is a global one): seen in every account */
  accountId: string;
  priorId: string;
  impliedId: string;
}

/** One grant (Keystone role assignment). `inherited`: Keystone OS-INHERIT / Huawei `inherited_to_projects`. */
export interface RoleAssignment {
  accountId: string;
  actorType: 'user' | 'group' | 'agency';
  actorId: string;
  /** `system`: Keystone's system role assignment (`/v3/system/...`), made by cloud operators only */
  targetType: 'domain' | 'project' | 'system';
  /** the account id for a domain grant, the project id for a project grant, `system` for a system one */
  targetId: string;
  roleId: string;
  inherited: boolean;
  createdAt: number;
}

/**
 * Stable 32-hex ids of the built-in roles, the same on every server (clients compare ids across
 * tokens); `secu_admin` keeps the id domain-scoped tokens carried before roles could be granted.
 */
const BUILTIN_IDS: Record<string, string> = {
  admin: '7c1681b82e42d0212d0772c83c062a0a',
  member: '317cc55c01149f0049ff36456fafd2a3',
  reader: '1a84de4ba68b46c20481b1b954d6b23a',
  secu_admin: '6f3c1b1e9a2d4c0b8e7f5a4d3c2b1a09',
  te_admin: '17569fa4426b64ae2f555eacf9d1f8a6',
  readonly: '92ca8f7f2dfe5663af59fc47badfa7bc',
};

function builtinId(name: string): string {
  return BUILTIN_IDS[name]!;
}

function builtin(name: string, description: string, systemPolicyId?: SystemPolicyId, displayName?: string): Role {
  return {
    id: builtinId(name),
    accountId: null,
    isGlobal: false,
    name,
    description,
    isDomainRole: false,
    ...(displayName ? { displayName } : {}),
    ...(systemPolicyId ? { systemPolicyId } : {}),
    createdAt: 0,
  };
}

/**
 * Keystone's default roles (keystone-manage bootstrap: `admin` implies `member` implies `reader`) and
 * Huawei IAM's system roles (KeystoneListPermissions: `secu_admin` Security Administrator, `te_admin`
 * Tenant Administrator, `readonly` Tenant Guest). On IAM, admin and secu_admin are the Security
 * Administrator, reader is IAM read-only; the others reach other services, not IAM.
 */
export const BUILTIN_ROLES: readonly Role[] = [
  builtin('admin', 'Keystone administrator', SystemPolicyIds.securityAdministrator),
  builtin('member', 'Keystone member'),
  builtin('reader', 'Keystone reader', SystemPolicyIds.iamReadOnlyAccess),
  builtin('secu_admin', 'Security Administrator: all operations on IAM', SystemPolicyIds.securityAdministrator, 'Security Administrator'),
  builtin('te_admin', 'Tenant Administrator: all services except IAM', undefined, 'Tenant Administrator'),
  builtin('readonly', 'Tenant Guest: read-only access to all services except IAM', undefined, 'Tenant Guest'),
];

/** Keystone bootstrap's implications among the default roles. */
export const BUILTIN_IMPLICATIONS: ReadonlyArray<{ priorId: string; impliedId: string }> = [
  { priorId: builtinId('admin'), impliedId: builtinId('member') },
  { priorId: builtinId('member'), impliedId: builtinId('reader') },
];

export const BUILTIN_BY_ID: ReadonlyMap<string, Role> = new Map(BUILTIN_ROLES.map((role) => [role.id, role]));

/** Keystone role names: 1 to 255 characters. */
export const MAX_ROLE_NAME = 255;

/** Whether the role is one of the built-in ones (they cannot be changed nor deleted). */
export function isBuiltinRole(role: Pick<Role, 'id'>): boolean {
  return BUILTIN_BY_ID.has(role.id);
}

/** Keystone's target id of system role assignments (assignment/core.py `_SYSTEM_SCOPE_TOKEN`). */
export const SYSTEM_TARGET = 'system';
