import { Actions } from '../authorization/actions.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { InvalidInputError, LimitExceededError, NotFoundError } from '../errors.js';
import type { Role as KeystoneRole } from '../keystone-roles/role.js';
import type { KeystoneRolesService } from '../keystone-roles/roles-service.js';
import type { ProjectRepository, RoleRepository as KeystoneRoleRepository } from '../projects/ports.js';
import type { CallContext } from '../principal.js';
import { ROLE_LIMITS } from './role.js';
import { requireRole, roleResource } from './role-ref.js';

/** One permission of an agency: a Keystone role on the domain, a project, or (inherited) every project. */
export interface AgencyGrant {
  agencyId: string;
  targetType: 'domain' | 'project';
  /** the account id for a domain grant, the project id for a project grant */
  targetId: string;
  roleId: string;
  /** Huawei OS-INHERIT `inherited_to_projects` */
  inherited: boolean;
}

/**
 * Huawei IAM v3.0 agency permissions (AssociateAgencyWith...Permission, Check..., Remove..., List...):
 * Keystone grants whose holder is an agency, kept with the users' and groups' grants. A grant of a role
 * on the domain attaches the role's system policy to the agency's core role, so the one evaluator
 * decides what the agency's sessions may do; project grants attach nothing (every IAM call is
 * account-wide). Authorized and audited as the role's policy attachments (Huawei v3 授权项
 * `iam:permissions:grantRoleToAgency`, `revokeRoleFromAgency`, `listRolesForAgency`).
 */
export class AgencyGrantsService {
  constructor(
    private readonly deps: CoreDeps,
    private readonly repo: KeystoneRoleRepository,
    private readonly projects: ProjectRepository,
    private readonly roles: KeystoneRolesService,
  ) {}

  /** Idempotent, as Huawei's PUT is. @throws access-denied | not-found | invalid-input | limit-exceeded */
  grant(ctx: CallContext, grant: AgencyGrant): Promise<void> {
    const { store, clock } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.attachRolePolicy, roleResource(accountId, { id: grant.agencyId }), async () => {
      const role = await this.check(accountId, grant);
      // Huawei OS-AGENCY grants: "the role name cannot be secu_admin or te_agency" (blacklist)
      if (role.accountId === null && role.name === 'secu_admin') throw new InvalidInputError('role_id', `the role \`${role.name}\` cannot be granted to an agency`);
      const policyId = grant.targetType === 'domain' && !grant.inherited ? role.systemPolicyId : undefined;
      if (policyId) {
        const attached = await store.roles.listAttached(grant.agencyId);
        if (!attached.some((a) => a.policyId === policyId) && attached.length >= ROLE_LIMITS.attachedPerRole) throw new LimitExceededError('policy', ROLE_LIMITS.attachedPerRole, 'role');
      }
      // TODO(#16): the grant and its policy attachment are two writes, as for users' grants
      await this.repo.grant({ accountId, actorType: 'agency', actorId: grant.agencyId, targetType: grant.targetType, targetId: grant.targetId, roleId: grant.roleId, inherited: grant.inherited, createdAt: clock.now() });
      if (policyId) await store.transaction((tx) => tx.roles.attach({ roleId: grant.agencyId, policyId, accountId, attachedAt: clock.now() }));
      this.changed(accountId, grant.agencyId);
    });
  }

  /** @throws access-denied | not-found (agency, role, or no such grant) */
  revoke(ctx: CallContext, grant: AgencyGrant): Promise<void> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.detachRolePolicy, roleResource(accountId, { id: grant.agencyId }), async () => {
      const role = await this.check(accountId, grant);
      if (!(await this.repo.revoke({ accountId, actorType: 'agency', actorId: grant.agencyId, targetType: grant.targetType, targetId: grant.targetId, roleId: grant.roleId, inherited: grant.inherited }))) {
        throw new NotFoundError('role-assignment', `${grant.roleId} on ${grant.targetType} ${grant.targetId}`);
      }
      const policyId = grant.targetType === 'domain' && !grant.inherited ? role.systemPolicyId : undefined;
      if (policyId) {
        // the policy stays while another domain grant of the agency still carries it
        const remaining = await this.repo.listAssignments(accountId, { actorType: 'agency', actorIds: [grant.agencyId], targetType: 'domain', inherited: false });
        const carried = await Promise.all(remaining.map(async (a) => (await this.roles.require(accountId, a.roleId).catch(() => undefined))?.systemPolicyId === policyId));
        if (!carried.some(Boolean)) await store.transaction((tx) => tx.roles.detach(grant.agencyId, policyId));
      }
      this.changed(accountId, grant.agencyId);
    });
  }

  /** Huawei Check...PermissionForAgency (HEAD): 204 when granted. @throws access-denied | not-found */
  verify(ctx: CallContext, grant: AgencyGrant): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listAttachedRolePolicies, roleResource(accountId, { id: grant.agencyId }), async () => {
      await this.check(accountId, grant);
      const found = await this.repo.listAssignments(accountId, { actorType: 'agency', actorIds: [grant.agencyId], targetType: grant.targetType, targetId: grant.targetId, roleId: grant.roleId, inherited: grant.inherited });
      if (found.length === 0) throw new NotFoundError('role-assignment', `${grant.roleId} on ${grant.targetType} ${grant.targetId}`);
    });
  }

  /** The roles granted to an agency on one target, oldest grant first. @throws access-denied | not-found */
  list(ctx: CallContext, target: Omit<AgencyGrant, 'roleId'>): Promise<KeystoneRole[]> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listAttachedRolePolicies, roleResource(accountId, { id: target.agencyId }), async () => {
      await requireRole(this.deps.store, accountId, { id: target.agencyId });
      await this.checkTarget(accountId, target);
      const rows = await this.repo.listAssignments(accountId, { actorType: 'agency', actorIds: [target.agencyId], targetType: target.targetType, targetId: target.targetId, inherited: target.inherited });
      const roles = await Promise.all(rows.map((r) => this.roles.require(accountId, r.roleId).catch(() => undefined)));
      return roles.filter((r): r is KeystoneRole => r !== undefined);
    });
  }

  /**
   * The Keystone roles a token of the agency carries (Keystone token by `assume_role`): those granted on
   * the domain, or on the project (directly or inherited to every project). Not a command: the token's
   * issue is authorized by the trust policy.
   */
  async tokenRoles(accountId: string, agencyId: string, scope: { type: 'domain' } | { type: 'project'; projectId: string }): Promise<KeystoneRole[]> {
    const rows = await this.repo.listAssignments(accountId, { actorType: 'agency', actorIds: [agencyId] });
    const ids = new Set<string>();
    for (const a of rows) {
      if (scope.type === 'domain' ? a.targetType === 'domain' && !a.inherited : (a.targetType === 'project' && a.targetId === scope.projectId && !a.inherited) || (a.targetType === 'domain' && a.inherited)) ids.add(a.roleId);
    }
    const roles = await Promise.all([...ids].map((id) => this.roles.require(accountId, id).catch(() => undefined)));
    return roles.filter((r): r is KeystoneRole => r !== undefined);
  }

  /** The agency, the target and the Keystone role all exist in the caller's account. @throws not-found */
  private async check(accountId: string, grant: AgencyGrant): Promise<KeystoneRole> {
    await requireRole(this.deps.store, accountId, { id: grant.agencyId });
    await this.checkTarget(accountId, grant);
    return this.roles.require(accountId, grant.roleId);
  }

  private async checkTarget(accountId: string, target: Pick<AgencyGrant, 'targetType' | 'targetId'>): Promise<void> {
    if (target.targetType === 'domain' ? target.targetId !== accountId : !(await this.projects.findById(accountId, target.targetId))) {
      throw new NotFoundError(target.targetType === 'domain' ? 'account' : 'project', target.targetId);
    }
  }

  private changed(accountId: string, agencyId: string): void {
    this.deps.changes.emit({ kind: 'role', id: agencyId });
    this.deps.changes.emit({ kind: 'keystone', id: accountId });
  }
}
