import type { CoreDeps } from '../deps.js';
import { NotFoundError } from '../errors.js';
import type { RoleRepository } from '../projects/ports.js';
import { BUILTIN_ROLES, SYSTEM_TARGET } from '../keystone-roles/role.js';

/** Keystone's `admin`: held on the system, it makes an operator (Keystone's cloud admin) */
const SYSTEM_ADMIN_ID = BUILTIN_ROLES.find((r) => r.name === 'admin')!.id;
import type { Account } from './account.js';
import type { CallContext } from '../principal.js';

/**
 * One operator grant (Keystone `system` role assignment, issue #16): a user of an account, or the
 * holders of a Keystone role on that account's domain (Keystone policy.v3cloudsample `cloud_admin`:
 * the `admin` role on the admin domain). Only the server's owner makes them, with `polyiam operator
 * grant`; no API does. (A Keystone system assignment of `admin`, which operators make through the API,
 * makes an operator too: see `isOperator`.)
 */
export interface OperatorGrant {
  accountId: string;
  kind: 'user' | 'role';
  /** a user id, or a Keystone role id */
  subjectId: string;
  grantedAt: number;
}

/** Storage of operator grants (store/repositories/operators.ts). */
export interface OperatorRepository {
  /** false when the grant was already there */
  add(grant: OperatorGrant): Promise<boolean>;
  remove(accountId: string, kind: OperatorGrant['kind'], subjectId: string): Promise<boolean>;
  list(): Promise<OperatorGrant[]>;
  /** read from the database, never a cache: it decides an operator's reach per use */
  forAccount(accountId: string): Promise<OperatorGrant[]>;
  /** the account holding the user, group, project or (custom, domain-specific) role with this id (ids are unique across accounts) */
  accountOwning(kind: 'user' | 'group' | 'project' | 'role', id: string): Promise<string | undefined>;
}

/** A grant as `polyiam operator list` shows it, with names. */
export interface OperatorView extends OperatorGrant {
  accountName: string;
  subjectName: string;
}

/**
 * Cloud operators: who may get system-scoped tokens and tokens scoped to any domain, and so create,
 * change, disable and delete domains (accounts). Whether a user is one is read from the database at
 * every use of such a token, so a revoked grant, a removed role or a disabled user stops it at once
 * on every node.
 */
export class OperatorsService {
  constructor(
    private readonly deps: CoreDeps,
    private readonly repo: OperatorRepository,
    private readonly roles: RoleRepository,
  ) {}

  /** `polyiam operator grant`. @throws not-found (account, user, role) */
  async grant(accountName: string, subject: { user: string } | { role: string }): Promise<{ grant: OperatorGrant; added: boolean }> {
    const account = await this.account(accountName);
    const grant: OperatorGrant = { accountId: account.id, ...(await this.subjectOf(account, subject)), grantedAt: this.deps.clock.now() };
    return { grant, added: await this.repo.add(grant) };
  }

  /** `polyiam operator revoke`: false when there was no such grant. @throws not-found */
  async revoke(accountName: string, subject: { user: string } | { role: string }): Promise<boolean> {
    const account = await this.account(accountName);
    const { kind, subjectId } = await this.subjectOf(account, subject);
    return this.repo.remove(account.id, kind, subjectId);
  }

  /** `polyiam operator list` */
  async list(): Promise<OperatorView[]> {
    const views: OperatorView[] = [];
    for (const grant of await this.repo.list()) {
      const account = await this.deps.store.fresh.accounts.findById(grant.accountId);
      if (!account) continue;
      const subjectName =
        grant.kind === 'user'
          ? ((await this.deps.store.fresh.users.findById(account.id, grant.subjectId))?.name ?? grant.subjectId)
          : (BUILTIN_ROLES.find((r) => r.id === grant.subjectId) ?? (await this.roles.findById(account.id, grant.subjectId)))?.name ?? grant.subjectId;
      views.push({ ...grant, accountName: account.name, subjectName });
    }
    return views;
  }

  /**
   * Whether the user is an operator now: named by a grant, or holding (directly or through a group) a
   * granted role on its domain, or the built-in `admin` on the system (a Keystone system role
   * assignment, core/keystone-roles/system-grants-service.ts). Read from the database. A disabled
   * account has no operators.
   */
  async isOperator(accountId: string, userId: string): Promise<boolean> {
    const fresh = this.deps.store.fresh;
    const [grants, systemAdmins] = await Promise.all([this.repo.forAccount(accountId), this.roles.listAssignments(accountId, { targetType: 'system', targetId: SYSTEM_TARGET, roleId: SYSTEM_ADMIN_ID })]);
    if (grants.length === 0 && systemAdmins.length === 0) return false;
    const [account, user] = await Promise.all([fresh.accounts.findById(accountId), fresh.users.findById(accountId, userId)]);
    if (!account?.enabled || !user?.enabled) return false;
    if (grants.some((g) => g.kind === 'user' && g.subjectId === userId)) return true;
    const roleIds = new Set(grants.filter((g) => g.kind === 'role').map((g) => g.subjectId));
    if (roleIds.size === 0 && systemAdmins.length === 0) return false;
    const actorIds = [userId, ...(await fresh.groups.listGroupsForUser(userId)).map((g) => g.id)];
    if (systemAdmins.some((a) => actorIds.includes(a.actorId))) return true;
    if (roleIds.size === 0) return false;
    const held = await this.roles.listAssignments(accountId, { actorIds });
    return held.some((a) => a.targetType === 'domain' && !a.inherited && roleIds.has(a.roleId));
  }

  /**
   * The caller as an operator, or undefined when it is not one: a token already scoped by an operator
   * carries it; otherwise (a token on its own domain, an access key) the grant is read now, as Keystone's
   * cloud admin is the admin of the admin domain whatever its token's scope (policy.v3cloudsample).
   */
  async asOperator(ctx: CallContext): Promise<CallContext | undefined> {
    const principal = ctx.principal;
    if (principal.operator) return ctx;
    if (principal.session || principal.userSession) return undefined;
    if (!(await this.isOperator(principal.accountId, principal.userId))) return undefined;
    const account = await this.deps.store.fresh.accounts.findById(principal.accountId);
    if (!account) return undefined;
    return { ...ctx, principal: { ...principal, operator: { accountId: account.id, accountName: account.name, userId: principal.userId, userName: principal.userName } } };
  }

  /**
   * The domain an operator reaches through the id of a user, group or project of it (Keystone's admin
   * reads `GET /v3/groups/{id}` of any domain): the caller acting in that domain, or undefined when the
   * caller is no operator or there is no such entity.
   */
  async reachOwnerOf(ctx: CallContext, kind: 'user' | 'group' | 'project' | 'role', id: string): Promise<CallContext | undefined> {
    const operator = await this.asOperator(ctx);
    if (!operator) return undefined;
    const accountId = await this.repo.accountOwning(kind, id);
    if (accountId === undefined || accountId === ctx.principal.accountId) return undefined;
    return { ...operator, principal: { ...operator.principal, accountId, isRoot: true } };
  }

  private async account(name: string): Promise<Account> {
    const account = await this.deps.store.fresh.accounts.findByName(name);
    if (!account) throw new NotFoundError('account', name);
    return account;
  }

  private async subjectOf(account: Account, subject: { user: string } | { role: string }): Promise<Pick<OperatorGrant, 'kind' | 'subjectId'>> {
    if ('user' in subject) {
      const user = await this.deps.store.fresh.users.findByName(account.id, subject.user);
      if (!user) throw new NotFoundError('user', subject.user);
      return { kind: 'user', subjectId: user.id };
    }
    const wanted = subject.role.toLowerCase();
    const role = BUILTIN_ROLES.find((r) => r.name.toLowerCase() === wanted) ?? (await this.roles.list(account.id)).find((r) => r.name.toLowerCase() === wanted);
    if (!role) throw new NotFoundError('role', subject.role);
    return { kind: 'role', subjectId: role.id };
  }
}
