import { Actions, type IamAction } from '../authorization/actions.js';
import type { ResourceRef } from '../authorization/authorizer.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { AccessDeniedError, InvalidInputError, NotFoundError } from '../errors.js';
import type { RoleRepository } from '../projects/ports.js';
import type { CallContext } from '../principal.js';
import { isBuiltinRole, SYSTEM_TARGET, type Role } from './role.js';
import { expand, type KeystoneRolesService } from './roles-service.js';

/** A user or group of the caller's account (the domain an operator acts in) holding a role on the system. */
export interface SystemGrant {
  actorType: 'user' | 'group';
  actorId: string;
  roleId: string;
}

/**
 * Keystone system role assignments (`/v3/system/users/{u}/roles/{r}`, `/v3/system/groups/{g}/roles/{r}`,
 * issue #16). Only cloud operators make, check and list them (Keystone's `system_admin`/`system_reader`
 * policies): anyone else is refused. They are rows of the role assignments with the target `system`,
 * in the account of the user or group, so they go with the user, the group, the role or the account.
 *
 * A system assignment of the built-in `admin` makes its holder (directly or through a group) a cloud
 * operator, as an operator grant does (core/accounts/operators.ts `isOperator`, read at each use): it
 * is Keystone's cloud admin (`role:admin and system_scope:all`). `polyiam operator grant` stays how the
 * first operator is made; an operator may then make others through the API, and revoking the
 * assignment ends it at once. Other roles on the system grant nothing in polyiam but are listed and
 * carried by the holder's system-scoped tokens.
 */
export class SystemGrantsService {
  constructor(
    private readonly deps: CoreDeps,
    private readonly repo: RoleRepository,
    private readonly roles: KeystoneRolesService,
  ) {}

  /** Idempotent (Keystone's PUT). @throws access-denied | not-found | invalid-input (a domain's role) */
  grant(ctx: CallContext, grant: SystemGrant): Promise<void> {
    return this.command(ctx, Actions.grantRole, grant, async (accountId) => {
      await this.requireActor(accountId, grant);
      const role = await this.roles.reachable(ctx, grant.roleId);
      // Keystone assignment/core.py `create_system_grant_for_user`: a ValidationError (400); an account's
      // own (Huawei) role is as much one domain's as a domain-specific one
      if (role.accountId !== null) throw new InvalidInputError('role_id', `role \`${role.id}\` is a domain-specific role: unable to use a domain-specific role in a system assignment`);
      await this.repo.grant({ ...this.row(accountId, grant), createdAt: this.deps.clock.now() });
      this.changed(accountId, grant.actorId);
    });
  }

  /** @throws access-denied | not-found (no such assignment) */
  revoke(ctx: CallContext, grant: SystemGrant): Promise<void> {
    return this.command(ctx, Actions.revokeRole, grant, async (accountId) => {
      if (!(await this.repo.revoke(this.row(accountId, grant)))) throw new NotFoundError('role-assignment', `${grant.roleId} on the system`);
      this.changed(accountId, grant.actorId);
    });
  }

  /** Keystone HEAD/GET of one system assignment. @throws access-denied | not-found */
  verify(ctx: CallContext, grant: SystemGrant): Promise<void> {
    return this.command(ctx, Actions.listRoleAssignments, grant, async (accountId) => {
      const found = await this.repo.listAssignments(accountId, { actorType: grant.actorType, actorIds: [grant.actorId], targetType: 'system', roleId: grant.roleId });
      if (found.length === 0) throw new NotFoundError('role-assignment', `${grant.roleId} on the system`);
    });
  }

  /** The roles a user or group holds on the system. @throws access-denied | not-found (the actor) */
  list(ctx: CallContext, actor: Omit<SystemGrant, 'roleId'>): Promise<Role[]> {
    return this.command(ctx, Actions.listRoleAssignments, { ...actor, roleId: '' }, async (accountId) => {
      await this.requireActor(accountId, actor);
      const rows = await this.repo.listAssignments(accountId, { actorType: actor.actorType, actorIds: [actor.actorId], targetType: 'system' });
      const roles = await Promise.all(rows.map((r) => this.roles.require(accountId, r.roleId).catch(() => undefined)));
      return roles.filter((r): r is Role => r !== undefined);
    });
  }

  /** The roles a system-scoped token of the user carries besides `admin`: its system assignments, direct or through a group, implied ones included. */
  async heldBy(accountId: string, userId: string): Promise<Role[]> {
    const actorIds = [userId, ...(await this.deps.store.groups.listGroupsForUser(userId)).map((g) => g.id)];
    const rows = await this.repo.listAssignments(accountId, { actorIds, targetType: 'system' });
    if (rows.length === 0) return [];
    const byId = new Map((await this.roles.all(accountId)).map((r) => [r.id, r]));
    const implications = await this.roles.implications(accountId);
    return [...expand(rows.map((r) => r.roleId), implications)].flatMap((id) => {
      const role = byId.get(id);
      return role && (role.isGlobal || isBuiltinRole(role)) ? [role] : [];
    });
  }

  private row(accountId: string, grant: SystemGrant) {
    return { accountId, actorType: grant.actorType, actorId: grant.actorId, targetType: 'system' as const, targetId: SYSTEM_TARGET, roleId: grant.roleId, inherited: false };
  }

  private async requireActor(accountId: string, actor: Omit<SystemGrant, 'roleId'>): Promise<void> {
    const found = actor.actorType === 'user' ? await this.deps.store.users.findById(accountId, actor.actorId) : await this.deps.store.groups.findById(accountId, actor.actorId);
    if (!found) throw new NotFoundError(actor.actorType, actor.actorId);
  }

  /** An operator's call, decided by its operator grant as domain calls are; anyone else is refused and audited. */
  private async command<T>(ctx: CallContext, action: IamAction, grant: SystemGrant, work: (accountId: string) => Promise<T>): Promise<T> {
    const accountId = ctx.principal.accountId;
    const resource: ResourceRef = { type: 'account', accountId, id: `system/${grant.actorType}s/${grant.actorId}` };
    if (!ctx.principal.operator) {
      const described = `system/${grant.actorType}s/${grant.actorId}`;
      const refused = new AccessDeniedError(action, described, 'not-allowed', { rule: 'only a cloud operator may grant, check or list roles on the system' });
      this.deps.audit.failure(ctx, action, described, refused);
      throw refused;
    }
    return runCommand(this.deps, ctx, action, resource, () => work(accountId), undefined, { grantedBy: 'operator' });
  }

  private changed(accountId: string, actorId: string): void {
    this.deps.changes.emit({ kind: 'keystone', id: accountId });
    this.deps.changes.emit({ kind: 'policy-attachment', id: actorId });
  }
}
