import type { Role } from '../roles/role.js';
import { Actions } from '../authorization/actions.js';
import type { ResourceRef } from '../authorization/authorizer.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { LimitExceededError, NotFoundError } from '../errors.js';
import type { Repositories } from '../ports.js';
import type { CallContext } from '../principal.js';
import { requireGroup, type GroupRef } from '../users/groups-service.js';
import type { Group } from '../users/group.js';
import { requireUser, userResource, type UserRef } from '../users/user-ref.js';
import type { User } from '../users/user.js';
import { findPolicy, policyResource, requirePolicy, viewOf, type PolicyRef, type PolicyView } from './policy-ref.js';
import { POLICY_LIMITS, type AttachmentTarget } from './policy.js';

/** A policy attached to a user or group, with when it was attached (Huawei `attached_at`, Volcengine AttachDate). */
export interface AttachedPolicyView {
  policy: PolicyView;
  attachedAt: number;
}

export interface PolicyEntities {
  policy: PolicyView;
  users: Array<{ user: User; attachedAt: number }>;
  groups: Array<{ group: Group; attachedAt: number }>;
  /** roles the policy is attached to or bounds (issue #15) */
  roles: Array<{ role: Role; attachedAt: number }>;
}

/** Attaching managed and system policies to users and groups, and reading who holds what. */
export class PolicyAttachmentsService {
  constructor(private readonly deps: CoreDeps) {}

  /**
   * Idempotent, as AWS AttachUserPolicy is. Authorized on the user (Huawei `iam:users:attachPolicyV5`
   * names `user *` as its resource).
   * @throws access-denied | not-found | limit-exceeded
   */
  attachToUser(ctx: CallContext, user: UserRef, policy: PolicyRef): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.attachUserPolicy, userResource(accountId, user, this.deps.store), () =>
      this.attach(accountId, async (tx) => ({ type: 'user', id: (await requireUser(tx, accountId, user)).id }), policy),
    );
  }

  /** @throws access-denied | not-found (user, policy, or the policy is not attached) */
  detachFromUser(ctx: CallContext, user: UserRef, policy: PolicyRef): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.detachUserPolicy, userResource(accountId, user, this.deps.store), () =>
      this.detach(accountId, async (tx) => ({ type: 'user', id: (await requireUser(tx, accountId, user)).id }), policy),
    );
  }

  /** @throws access-denied | not-found | limit-exceeded */
  attachToGroup(ctx: CallContext, group: GroupRef, policy: PolicyRef): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.attachGroupPolicy, groupResource(accountId, group), () =>
      this.attach(accountId, async (tx) => ({ type: 'group', id: (await requireGroup(tx, accountId, group)).id }), policy),
    );
  }

  /** @throws access-denied | not-found */
  detachFromGroup(ctx: CallContext, group: GroupRef, policy: PolicyRef): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.detachGroupPolicy, groupResource(accountId, group), () =>
      this.detach(accountId, async (tx) => ({ type: 'group', id: (await requireGroup(tx, accountId, group)).id }), policy),
    );
  }

  /** The managed and system policies attached to the user itself (not through groups), oldest first. @throws access-denied | not-found */
  listForUser(ctx: CallContext, user: UserRef): Promise<{ user: User; policies: AttachedPolicyView[] }> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listAttachedUserPolicies, userResource(accountId, user, store), async () => {
      const found = await requireUser(store, accountId, user);
      return { user: found, policies: await this.attachedTo(accountId, { type: 'user', id: found.id }) };
    });
  }

  /** @throws access-denied | not-found */
  listForGroup(ctx: CallContext, group: GroupRef): Promise<{ group: Group; policies: AttachedPolicyView[] }> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listAttachedGroupPolicies, groupResource(accountId, group), async () => {
      const found = await requireGroup(store, accountId, group);
      return { group: found, policies: await this.attachedTo(accountId, { type: 'group', id: found.id }) };
    });
  }

  /** Users, groups and roles of the caller's account a policy is attached to (AWS ListEntitiesForPolicy). @throws access-denied | not-found */
  listEntities(ctx: CallContext, policy: PolicyRef, filter: { type?: 'user' | 'group' | 'role'; usage?: 'permissions-policy' | 'permissions-boundary' } = {}): Promise<PolicyEntities> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listEntitiesForPolicy, policyResource(accountId, policy), async () => {
      const resolved = await requirePolicy(store, accountId, policy);
      const entities = await store.policies.listEntities(accountId, resolved.policy.id);
      const bounded = await store.users.listByPermissionsBoundary(accountId, resolved.policy.id);
      const roleAttachments = await store.roles.listRolesForPolicy(accountId, resolved.policy.id);
      const boundedRoles = await store.roleBoundaries.listRoleIds(accountId, resolved.policy.id);
      const result: PolicyEntities = { policy: viewOf(resolved, entities.length + roleAttachments.length, bounded.length + boundedRoles.length), users: [], groups: [], roles: [] };
      // roles: attached ones (oldest first), then those it bounds; each once
      if (filter.type === undefined || filter.type === 'role') {
        const roleIds = new Map<string, number>();
        if (filter.usage !== 'permissions-boundary') for (const a of roleAttachments) roleIds.set(a.roleId, a.attachedAt);
        if (filter.usage !== 'permissions-policy') for (const id of boundedRoles) if (!roleIds.has(id)) roleIds.set(id, 0);
        for (const [id, attachedAt] of roleIds) {
          const role = await store.roles.findById(accountId, id);
          if (role) result.roles.push({ role, attachedAt: attachedAt || role.updatedAt });
        }
      }
      // AWS ListEntitiesForPolicy PolicyUsageFilter: permissions policies (attachments), boundaries, or both when absent
      if (filter.usage !== 'permissions-policy' && (filter.type === undefined || filter.type === 'user')) {
        for (const user of bounded) result.users.push({ user, attachedAt: user.updatedAt });
      }
      for (const { target, attachedAt } of filter.usage === 'permissions-boundary' ? [] : entities) {
        if (filter.type !== undefined && filter.type !== target.type) continue;
        if (target.type === 'user') {
          if (result.users.some((u) => u.user.id === target.id)) continue;
          const user = await store.users.findById(accountId, target.id);
          if (user) result.users.push({ user, attachedAt });
        } else {
          const group = await store.groups.findById(accountId, target.id);
          if (group) result.groups.push({ group, attachedAt });
        }
      }
      return result;
    });
  }

  private async attach(accountId: string, targetOf: (tx: Repositories) => Promise<AttachmentTarget>, policy: PolicyRef): Promise<void> {
    const { store, clock } = this.deps;
    const target = await store.transaction(async (tx) => {
      const found = await targetOf(tx);
      const resolved = await requirePolicy(tx, accountId, policy);
      const attached = await tx.policies.listAttached(found);
      if (attached.some((a) => a.policyId === resolved.policy.id)) return found;
      // AWS "IAM and AWS STS quotas": managed policies attached to an IAM user / group
      const limit = found.type === 'user' ? POLICY_LIMITS.attachedPerUser : POLICY_LIMITS.attachedPerGroup;
      if (attached.length >= limit) throw new LimitExceededError('policy', limit, found.type);
      await tx.policies.attach({ policyId: resolved.policy.id, target: found, accountId, attachedAt: clock.now() });
      return found;
    });
    this.deps.changes.emit({ kind: 'policy-attachment', id: target.id });
  }

  private async detach(accountId: string, targetOf: (tx: Repositories) => Promise<AttachmentTarget>, policy: PolicyRef): Promise<void> {
    const target = await this.deps.store.transaction(async (tx) => {
      const found = await targetOf(tx);
      const resolved = await requirePolicy(tx, accountId, policy);
      if (!(await tx.policies.detach(found, resolved.policy.id))) {
        throw 'id' in policy ? new NotFoundError('policy', policy.id, 'id') : new NotFoundError('policy', policy.name, 'name');
      }
      return found;
    });
    this.deps.changes.emit({ kind: 'policy-attachment', id: target.id });
  }

  private async attachedTo(accountId: string, target: AttachmentTarget): Promise<AttachedPolicyView[]> {
    const { store } = this.deps;
    const counts = await store.policies.attachmentCounts(accountId);
    const out: AttachedPolicyView[] = [];
    for (const a of await store.policies.listAttached(target)) {
      const resolved = await findPolicy(store, accountId, { id: a.policyId });
      if (resolved) out.push({ policy: viewOf(resolved, counts.get(a.policyId) ?? 0), attachedAt: a.attachedAt });
    }
    return out;
  }
}

function groupResource(accountId: string, ref: GroupRef): ResourceRef {
  return { type: 'group', accountId, ...('id' in ref ? { id: ref.id } : { name: ref.name }) };
}
