import { Actions } from '../authorization/actions.js';
import type { ResourceRef } from '../authorization/authorizer.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { AccessDeniedError, NotFoundError } from '../errors.js';
import type { AssignmentQuery, ProjectRepository, RoleRepository } from '../projects/ports.js';
import type { Project } from '../projects/project.js';
import type { CallContext } from '../principal.js';
import type { TokenSubject } from '../tokens/tokens-service.js';
import { BUILTIN_BY_ID, type Role, type RoleAssignment } from './role.js';
import { expand, type KeystoneRolesService } from './roles-service.js';

/** a grant to a user or a group on a domain or project; agencies' grants are core/roles/agency-grants.ts's, system ones system-grants-service.ts's */
export type Grant = Omit<RoleAssignment, 'accountId' | 'createdAt' | 'actorType' | 'targetType'> & { actorType: 'user' | 'group'; targetType: 'domain' | 'project' };

/** id -> name of what a listing names, for Keystone `include_names` */
export interface AssignmentNames {
  roles: Map<string, string>;
  users: Map<string, string>;
  groups: Map<string, string>;
  projects: Map<string, string>;
}

/** One assignment as Keystone's GET /v3/role_assignments lists it; `viaGroupId` when effective through a group. */
export interface AssignmentView extends RoleAssignment {
  viaGroupId?: string;
  /** the role this one was implied by, when listed with implied roles expanded */
  impliedBy?: string;
}

const accountResource = (accountId: string): ResourceRef => ({ type: 'account', accountId });
const ADMIN_ROLES = ['admin', 'secu_admin'].map((name) => [...BUILTIN_BY_ID.values()].find((r) => r.name === name)!.id);

/**
 * Keystone grants (role assignments) of one account: a role given to a user or group on the domain or
 * a project, directly or inherited to projects (Huawei `inherited_to_projects`). A grant of a role on
 * the domain attaches the role's system policy to the holder (role.ts `systemPolicyId`), so the one
 * evaluator decides what it allows on IAM; the roles a token carries come from here too.
 */
export class GrantsService {
  /** effective role ids per user and scope, until any change to the account's grants, groups or roles */
  private readonly effective = new Map<string, Set<string>>();
  /** the roles of each remembered set of ids, gone with the set */
  private readonly resolved = new WeakMap<Set<string>, Role[]>();
  /**
   * Stored grants a listing read, per account and filter, until a change to grants, roles, projects,
   * users, groups or accounts (issue #16: GET /v3/role_assignments of 10,000 in under 20 ms). The same
   * array is handed out until then, so a dialect may keep what it rendered from it (a WeakMap).
   */
  private readonly listed = new Map<string, AssignmentView[]>();
  /** INVARIANT: bumped at every drop, so a listing read across a change remembers nothing */
  private generation = 0;

  constructor(
    private readonly deps: CoreDeps,
    private readonly repo: RoleRepository,
    private readonly projects: ProjectRepository,
    private readonly roles: KeystoneRolesService,
  ) {
    deps.changes.subscribe((change) => {
      if (change.kind === 'keystone' || change.kind === 'group-membership' || change.kind === 'user' || change.kind === 'account') {
        this.effective.clear();
        this.listed.clear();
        this.generation++;
      }
    });
  }

  /** Idempotent, as Keystone's PUT is. @throws access-denied | not-found (actor, target, role) */
  grant(ctx: CallContext, grant: Grant): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.grantRole, accountResource(accountId), async () => {
      const role = await this.check(ctx, grant);
      // TODO(#16): the grant and its policy attachment are two writes; one transaction needs the role
      // repository inside `Repositories`
      const added = await this.repo.grant({ ...grant, accountId, createdAt: this.deps.clock.now() });
      // Only the built-in roles carry a system policy (role.ts `systemPolicyId`). A grant of a custom or
      // a global role attaches nothing: a role's name says nothing the evaluator could decide on (what
      // `deployer` allows is for the services that read the token's roles, as Keystone leaves it to each
      // service's policy), and so no grant of a role can widen what IAM itself allows the holder.
      const policyId = role.systemPolicyId;
      if (added && policyId && grant.targetType === 'domain' && !grant.inherited) {
        await this.deps.store.transaction((tx) => tx.policies.attach({ policyId, target: { type: grant.actorType, id: grant.actorId }, accountId, attachedAt: this.deps.clock.now() }));
      }
      this.changed(accountId, grant.actorId);
    });
  }

  /** @throws access-denied | not-found (no such grant) */
  revoke(ctx: CallContext, grant: Grant): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.revokeRole, accountResource(accountId), async () => {
      const role = await this.roles.require(accountId, grant.roleId);
      if (!(await this.repo.revoke({ ...grant, accountId }))) throw new NotFoundError('role-assignment', `${grant.roleId} on ${grant.targetType} ${grant.targetId}`);
      if (role.systemPolicyId && grant.targetType === 'domain' && !grant.inherited) {
        // the policy stays while another domain grant of the holder still carries it
        const remaining = await this.repo.listAssignments(accountId, { actorIds: [grant.actorId], targetType: 'domain', inherited: false });
        const still = await Promise.all(remaining.map(async (a) => (await this.roles.require(accountId, a.roleId).catch(() => undefined))?.systemPolicyId === role.systemPolicyId));
        if (!still.some(Boolean)) await this.deps.store.transaction((tx) => tx.policies.detach({ type: grant.actorType, id: grant.actorId }, role.systemPolicyId!));
      }
      this.changed(accountId, grant.actorId);
    });
  }

  /** Keystone HEAD/GET of one grant: whether it exists. @throws access-denied | not-found */
  verify(ctx: CallContext, grant: Grant): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listRoleAssignments, accountResource(accountId), async () => {
      const found = await this.repo.listAssignments(accountId, { actorType: grant.actorType, actorIds: [grant.actorId], targetType: grant.targetType, targetId: grant.targetId, roleId: grant.roleId, inherited: grant.inherited });
      if (found.length === 0) throw new NotFoundError('role-assignment', `${grant.roleId} on ${grant.targetType} ${grant.targetId}`);
    });
  }

  /**
   * Keystone GET /v3/role_assignments: stored grants matching `query`; with `effective`, group grants
   * become one row per member, inherited grants one row per project below, and implied roles are added.
   * @throws access-denied
   */
  list(ctx: CallContext, query: AssignmentQuery & { userId?: string; groupId?: string }, effective: boolean): Promise<AssignmentView[]> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listRoleAssignments, accountResource(accountId), async () => {
      const key = `${accountId}/${effective}/${JSON.stringify(query)}`;
      const known = this.listed.get(key);
      if (known) return known;
      const generation = this.generation;
      let rows: AssignmentView[];
      if (!effective) {
        const actorIds = query.userId ?? query.groupId;
        rows = await this.repo.listAssignments(accountId, { ...query, ...(actorIds ? { actorIds: [actorIds], actorType: query.userId ? 'user' : 'group' } : {}) });
      } else {
        rows = await this.effectiveAssignments(accountId, query);
      }
      if (generation === this.generation) {
        if (this.listed.size >= 256) this.listed.delete(this.listed.keys().next().value as string);
        this.listed.set(key, rows);
      }
      return rows;
    });
  }

  /**
   * The names of the users, groups, projects and roles `rows` name (Keystone `include_names`), each read
   * once by id: only what the listing shows, whatever the account's size.
   */
  async namesOf(accountId: string, rows: readonly AssignmentView[]): Promise<AssignmentNames> {
    const { store } = this.deps;
    const ids = (pick: (row: AssignmentView) => string | undefined) => [...new Set(rows.map(pick).filter((id): id is string => id !== undefined))];
    const read = async <T>(list: string[], find: (id: string) => Promise<T | undefined>, nameOf: (found: T) => string) => {
      const names = new Map<string, string>();
      for (const id of list) {
        const found = await find(id);
        if (found !== undefined) names.set(id, nameOf(found));
      }
      return names;
    };
    const roles = new Map((await this.roles.all(accountId)).map((r) => [r.id, r.name]));
    const users = await read(ids((r) => (r.actorType === 'user' ? r.actorId : undefined)), (id) => store.users.findById(accountId, id), (u) => u.name);
    const groups = await read(ids((r) => (r.actorType === 'group' ? r.actorId : undefined)), (id) => store.groups.findById(accountId, id), (g) => g.name);
    const projects = await read(ids((r) => (r.targetType === 'project' ? r.targetId : undefined)), (id) => this.projects.findById(accountId, id), (p) => p.name);
    const account = await store.accounts.findById(accountId);
    if (account) projects.set(accountId, account.name);
    return { roles, users, groups, projects };
  }

  /** Lists grants of a user's or group's roles on one target (GET /v3/projects/{p}/users/{u}/roles). @throws access-denied */
  listOn(ctx: CallContext, actor: Pick<Grant, 'actorType' | 'actorId'>, target: Pick<Grant, 'targetType' | 'targetId'>, inherited: boolean): Promise<Role[]> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listRoleAssignments, accountResource(accountId), async () => {
      await this.checkTarget(accountId, target);
      const rows = await this.repo.listAssignments(accountId, { actorType: actor.actorType, actorIds: [actor.actorId], targetType: target.targetType, targetId: target.targetId, inherited });
      return Promise.all(rows.map((r) => this.roles.require(accountId, r.roleId)));
    });
  }

  /** Whether the holder may scope a token to the project: an administrator always, anyone else with a role on it. */
  async mayScopeTo(subject: TokenSubject, project: Project): Promise<boolean> {
    return subject.isAdmin || (await this.tokenRoles(subject, { type: 'project', project })).length > 0;
  }

  /** The roles a token scoped to the domain or a project carries, implied ones included. */
  async tokenRoles(subject: TokenSubject, scope: { type: 'domain' } | { type: 'project'; project: Project }): Promise<Role[]> {
    // a client validates the same token many times: the resolved roles are kept with the role ids
    const ids = await this.roleIdsOn(subject, scope);
    const known = this.resolved.get(ids);
    if (known) return known;
    const accountId = subject.account.id;
    // Keystone strips domain-specific roles from tokens (assignment/core.py `_strip_domain_roles`):
    // they only stand for what they imply
    const roles = (await Promise.all([...ids].map((id) => this.roles.require(accountId, id).catch(() => undefined)))).filter((r): r is Role => r !== undefined && !r.isDomainRole);
    this.resolved.set(ids, roles);
    return roles;
  }

  /** The ids of the projects a user holds a role on (directly, through a group, or inherited). */
  async projectIdsOf(accountId: string, userId: string): Promise<string[]> {
    const rows = await this.effectiveAssignments(accountId, { userId });
    const ids = new Set(rows.filter((r) => r.targetType === 'project').map((r) => r.targetId));
    return [...ids];
  }

  private async roleIdsOn(subject: TokenSubject, scope: { type: 'domain' } | { type: 'project'; project: Project }): Promise<Set<string>> {
    const accountId = subject.account.id;
    const key = `${accountId}:${subject.user.id}:${scope.type === 'domain' ? '' : scope.project.id}`;
    const known = this.effective.get(key);
    if (known) return known;
    const actorIds = [subject.user.id, ...(await this.deps.store.groups.listGroupsForUser(subject.user.id)).map((g) => g.id)];
    const direct = await this.repo.listAssignments(accountId, { actorIds });
    const ids: string[] = [];
    if (scope.type === 'domain') {
      for (const a of direct) if (a.targetType === 'domain' && !a.inherited) ids.push(a.roleId);
    } else {
      const chain = await this.ancestors(accountId, scope.project);
      for (const a of direct) {
        if (a.targetType === 'project' && a.targetId === scope.project.id && !a.inherited) ids.push(a.roleId);
        else if (a.inherited && (a.targetType === 'domain' || chain.includes(a.targetId))) ids.push(a.roleId);
      }
    }
    // SECURITY: the account's administrators (root, `admin` group) hold Keystone admin wherever they scope
    if (subject.isAdmin) ids.push(...ADMIN_ROLES);
    const result = expand(ids, await this.roles.implications(accountId));
    if (this.effective.size > 10_000) this.effective.clear();
    this.effective.set(key, result);
    return result;
  }

  private async effectiveAssignments(accountId: string, query: AssignmentQuery & { userId?: string; groupId?: string }): Promise<AssignmentView[]> {
    let actorIds: string[] | undefined;
    if (query.userId) actorIds = [query.userId, ...(await this.deps.store.groups.listGroupsForUser(query.userId)).map((g) => g.id)];
    else if (query.groupId) actorIds = [query.groupId];
    const stored = await this.repo.listAssignments(accountId, { ...(actorIds ? { actorIds } : {}), ...(query.roleId ? {} : {}) });
    const projects = await this.projects.list(accountId, {});
    const views: AssignmentView[] = [];
    for (const a of stored) {
      const members = a.actorType === 'group' && !query.groupId ? await this.deps.store.groups.listMembers(a.actorId) : [a.actorId];
      const targets: Array<Pick<RoleAssignment, 'targetType' | 'targetId'>> = !a.inherited
        ? [{ targetType: a.targetType, targetId: a.targetId }]
        : projects.filter((p) => a.targetType === 'domain' || isBelow(projects, p, a.targetId)).map((p) => ({ targetType: 'project' as const, targetId: p.id }));
      for (const member of members) {
        if (query.userId && a.actorType === 'group' && member !== query.userId) continue;
        for (const target of targets) {
          const actor = a.actorType === 'group' && !query.groupId ? { actorType: 'user' as const, actorId: member, viaGroupId: a.actorId } : { actorType: a.actorType, actorId: a.actorId };
          views.push({ ...a, ...actor, ...target, inherited: false });
        }
      }
    }
    const implications = await this.roles.implications(accountId);
    const expanded: AssignmentView[] = [];
    for (const v of views) {
      expanded.push(v);
      for (const implied of expand([v.roleId], implications)) if (implied !== v.roleId) expanded.push({ ...v, roleId: implied, impliedBy: v.roleId });
    }
    // Keystone lists effective assignments without domain-specific roles (`strip_domain_roles`); a role
    // not seen here is another domain's, implied through an operator's cross-domain implication
    const seen = new Map((await this.roles.all(accountId)).map((r) => [r.id, r]));
    return expanded.filter(
      (v) =>
        seen.get(v.roleId)?.isDomainRole === false &&
        (query.roleId === undefined || v.roleId === query.roleId) &&
        (query.targetType === undefined || v.targetType === query.targetType) &&
        (query.targetId === undefined || v.targetId === query.targetId),
    );
  }

  private async ancestors(accountId: string, project: Project): Promise<string[]> {
    const chain: string[] = [];
    let cursor = project.parentId;
    while (cursor !== null && chain.length < 10) {
      chain.push(cursor);
      cursor = (await this.projects.findById(accountId, cursor))?.parentId ?? null;
    }
    return chain;
  }

  /**
   * The actor and the target exist in the caller's account, and the role is built-in, global or the
   * account's own. A cloud operator naming another domain's role gets Keystone's 403
   * `DomainSpecificRoleMismatch` (assignment/core.py `create_grant`); anyone else a 404, as another
   * account's role does not exist for it. @throws not-found | access-denied
   */
  private async check(ctx: CallContext, grant: Grant): Promise<Role> {
    const accountId = ctx.principal.accountId;
    const actor = grant.actorType === 'user' ? await this.deps.store.users.findById(accountId, grant.actorId) : await this.deps.store.groups.findById(accountId, grant.actorId);
    if (!actor) throw new NotFoundError(grant.actorType, grant.actorId);
    await this.checkTarget(accountId, grant);
    const role = await this.roles.reachable(ctx, grant.roleId);
    if (role.accountId !== null && role.accountId !== accountId) {
      const rule = grant.targetType === 'project' ? `project \`${grant.targetId}\` must be in the same domain as the role \`${role.id}\` being assigned` : `domain \`${grant.targetId}\` must be the domain of the role \`${role.id}\` being assigned`;
      throw new AccessDeniedError(Actions.grantRole, `role/${role.id}`, 'not-allowed', { rule });
    }
    return role;
  }

  private async checkTarget(accountId: string, target: Pick<Grant, 'targetType' | 'targetId'>): Promise<void> {
    if (target.targetType === 'domain' ? target.targetId !== accountId : !(await this.projects.findById(accountId, target.targetId))) {
      throw new NotFoundError(target.targetType === 'domain' ? 'account' : 'project', target.targetId);
    }
  }

  private changed(accountId: string, actorId: string): void {
    this.deps.changes.emit({ kind: 'keystone', id: accountId });
    this.deps.changes.emit({ kind: 'policy-attachment', id: actorId });
  }
}

/** Whether `project` is below `ancestorId` in the tree (not the ancestor itself). */
function isBelow(projects: Project[], project: Project, ancestorId: string): boolean {
  let cursor = project.parentId;
  for (let depth = 0; cursor !== null && depth < 10; depth += 1) {
    if (cursor === ancestorId) return true;
    cursor = projects.find((p) => p.id === cursor)?.parentId ?? null;
  }
  return false;
}
