import { Actions } from '../authorization/actions.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { DeleteConflictError, InvalidInputError, LimitExceededError, NotFoundError, type DeleteBlocker } from '../errors.js';
import type { PolicySyntax } from '../policies/document.js';
import { findPolicy, requirePolicy, viewOf, type PolicyRef, type PolicyView } from '../policies/policy-ref.js';
import type { CallContext } from '../principal.js';
import type { ListQuery, Page, Repositories, RoleListFilter } from '../ports.js';
import { OffsetPages } from '../users/offset-pages.js';
import type { Tag } from '../users/user.js';
import { ROLE_LIMITS, type Role } from './role.js';
import { requireRole, roleResource, type RoleRef } from './role-ref.js';
import { parseTrustPolicy } from './trust-policy.js';
import { isServiceLinked, ReservedRolePathError, SERVICE_ROLE_PATH, UnmodifiableEntityError } from './service-linked-role.js';
import { resolveBoundary } from '../users/permissions-boundaries-service.js';

export interface CreateRoleInput {
  name: string;
  /** AWS path, `/` by default */
  path?: string;
  description?: string;
  trustPolicy: string;
  /** the syntax the trust policy is written in: the calling dialect's */
  syntax: PolicySyntax;
  /** seconds; 3,600 by default */
  maxSessionDuration?: number;
  tags?: Tag[];
  /** AWS CreateRole PermissionsBoundary: set in the same transaction as the role */
  permissionsBoundary?: PolicyRef;
}

export interface UpdateRoleInput {
  description?: string;
  maxSessionDuration?: number;
}

export interface AttachedRolePolicy {
  policy: PolicyView;
  attachedAt: number;
}

/**
 * Roles (issue #13): create, read, change the trust policy, delete, tags, and the policies that give a
 * role its rights. Every write drops the role's cached state on every node through a `role` change,
 * which is also what makes a revocation or a deletion refuse the role's sessions at once.
 */
export class RolesService {
  /** where offset pages start (Volcengine ListRoles Offset); role deletes and renames announce `role` */
  private readonly offsets: OffsetPages;

  constructor(private readonly deps: CoreDeps) {
    this.offsets = new OffsetPages(deps.clock, deps.changes, { kinds: ['role', 'account'] });
  }

  /** @throws access-denied | already-exists | invalid-input (MalformedPolicyDocumentError) | limit-exceeded */
  create(ctx: CallContext, input: CreateRoleInput): Promise<{ role: Role; tags: Tag[] }> {
    const accountId = ctx.principal.accountId;
    const tags = input.tags ?? [];
    return runCommand(
      this.deps,
      ctx,
      Actions.createRole,
      { type: 'role', accountId, name: input.name },
      () => {
        if (input.path?.startsWith(SERVICE_ROLE_PATH)) throw new ReservedRolePathError();
        // a create announces no change: every remembered offset after its name moves
        this.offsets.clear();
        return insertRole(this.deps, accountId, input);
      },
      tags.length > 0 ? { requestTags: tags } : undefined,
    );
  }

  /** @throws access-denied | not-found */
  get(ctx: CallContext, ref: RoleRef): Promise<{ role: Role; tags: Tag[] }> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.getRole, roleResource(accountId, ref), async () => {
      const role = await requireRole(store, accountId, ref);
      return { role, tags: await store.roles.listTags(role.id) };
    });
  }

  /**
   * One page of the account's roles by lowercased name, a keyset seek in the store (issue #17); with
   * `offset` (Volcengine ListRoles), also `total`. @throws access-denied | invalid-input (marker)
   */
  listPage(ctx: CallContext, query: RoleListFilter & ListQuery): Promise<Page<Role> & { total?: number }> {
    const accountId = ctx.principal.accountId;
    const { store } = this.deps;
    return runCommand(this.deps, ctx, Actions.listRoles, { type: 'role', accountId }, async () => {
      const { limit, marker: _m, offset, ...filter } = query;
      if (offset === undefined) return store.roles.list(accountId, query);
      const scope = `${accountId}/${JSON.stringify(filter)}`;
      const page = await this.offsets.page(scope, offset, limit, (at) => store.roles.list(accountId, { ...filter, ...at }));
      return { ...page, total: await this.offsets.total(scope, () => store.roles.countMatching(accountId, filter)) };
    });
  }

  /** Every role, ordered by lowercased name (at most the quota's 1,000). @throws access-denied */
  list(ctx: CallContext, pathPrefix?: string): Promise<Role[]> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listRoles, { type: 'role', accountId }, () => this.deps.store.roles.listAll(accountId, pathPrefix));
  }

  /** @throws access-denied | not-found | invalid-input */
  update(ctx: CallContext, ref: RoleRef, input: UpdateRoleInput, options: { descriptionOnly?: boolean } = {}): Promise<Role> {
    const accountId = ctx.principal.accountId;
    // AWS UpdateRoleDescription is authorized as iam:UpdateRoleDescription, UpdateRole as iam:UpdateRole
    const action = options.descriptionOnly ? Actions.updateRoleDescription : Actions.updateRole;
    return runCommand(this.deps, ctx, action, roleResource(accountId, ref), async () => {
      checkDuration(input.maxSessionDuration);
      return this.change(accountId, ref, (role) => ({
        ...role,
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.maxSessionDuration !== undefined ? { maxSessionDuration: input.maxSessionDuration } : {}),
      }));
    });
  }

  /** @throws access-denied | not-found | invalid-input (MalformedPolicyDocumentError) */
  updateTrustPolicy(ctx: CallContext, ref: RoleRef, trustPolicy: string, syntax: PolicySyntax): Promise<Role> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.updateAssumeRolePolicy, roleResource(accountId, ref), async () => {
      parseTrustPolicy(trustPolicy, syntax);
      return this.change(accountId, ref, (role) => ({ ...role, trustPolicy, trustSyntax: syntax }));
    });
  }

  /**
   * Refuses every session of the role issued before now (AWS console "Revoke active sessions", which
   * writes the AWSRevokeOlderSessions policy; here a time on the role row, checked on every call).
   * @throws access-denied | not-found
   */
  revokeSessions(ctx: CallContext, ref: RoleRef): Promise<Role> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.revokeRoleSessions, roleResource(accountId, ref), () =>
      this.change(accountId, ref, (role) => ({ ...role, sessionsRevokedBefore: this.deps.clock.now() })),
    );
  }

  /** AWS DeleteRole: DeleteConflict while managed or inline policies remain. @throws access-denied | not-found | delete-conflict */
  delete(ctx: CallContext, ref: RoleRef): Promise<void> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.deleteRole, roleResource(accountId, ref), async () => {
      const role = await store.transaction(async (tx) => {
        const found = await requireRole(tx, accountId, ref);
        // AWS DeleteRole: a service-linked role is deleted through DeleteServiceLinkedRole only
        if (isServiceLinked(found)) throw new UnmodifiableEntityError(found.name);
        const blockers: DeleteBlocker[] = [];
        if ((await tx.instanceProfiles.listForRole(found.id)).length > 0) blockers.push('instance-profile-roles');
        if ((await tx.roles.listAttached(found.id)).length > 0 || (await tx.roles.listInline(found.id)).length > 0) blockers.push('policies');
        if (blockers.length > 0) throw new DeleteConflictError('role', found.name, blockers);
        await tx.roles.delete(accountId, found.id);
        return found;
      });
      this.announce(role.id);
    });
  }

  /** @throws access-denied | not-found | limit-exceeded */
  attachPolicy(ctx: CallContext, ref: RoleRef, policy: PolicyRef): Promise<void> {
    const { store, clock } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.attachRolePolicy, roleResource(accountId, ref), async () => {
      const role = await store.transaction(async (tx) => {
        const found = await requireRole(tx, accountId, ref);
        const resolved = await requirePolicy(tx, accountId, policy);
        const attached = await tx.roles.listAttached(found.id);
        if (attached.some((a) => a.policyId === resolved.policy.id)) return found;
        if (attached.length >= ROLE_LIMITS.attachedPerRole) throw new LimitExceededError('policy', ROLE_LIMITS.attachedPerRole, 'role');
        await tx.roles.attach({ roleId: found.id, policyId: resolved.policy.id, accountId, attachedAt: clock.now() });
        return found;
      });
      this.announce(role.id);
    });
  }

  /** @throws access-denied | not-found (role, policy, or the policy is not attached) */
  detachPolicy(ctx: CallContext, ref: RoleRef, policy: PolicyRef): Promise<void> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.detachRolePolicy, roleResource(accountId, ref), async () => {
      const role = await store.transaction(async (tx) => {
        const found = await requireRole(tx, accountId, ref);
        const resolved = await requirePolicy(tx, accountId, policy);
        if (!(await tx.roles.detach(found.id, resolved.policy.id))) {
          throw 'id' in policy ? new NotFoundError('policy', policy.id, 'id') : new NotFoundError('policy', policy.name, 'name');
        }
        return found;
      });
      this.announce(role.id);
    });
  }

  /** Oldest first. @throws access-denied | not-found */
  listAttachedPolicies(ctx: CallContext, ref: RoleRef): Promise<{ role: Role; policies: AttachedRolePolicy[] }> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listAttachedRolePolicies, roleResource(accountId, ref), async () => {
      const role = await requireRole(store, accountId, ref);
      const counts = await store.policies.attachmentCounts(accountId);
      const policies: AttachedRolePolicy[] = [];
      for (const a of await store.roles.listAttached(role.id)) {
        const resolved = await findPolicy(store, accountId, { id: a.policyId });
        if (resolved) policies.push({ policy: viewOf(resolved, counts.get(a.policyId) ?? 0), attachedAt: a.attachedAt });
      }
      return { role, policies };
    });
  }

  /** @throws access-denied | not-found | limit-exceeded | invalid-input */
  tag(ctx: CallContext, ref: RoleRef, tags: Tag[]): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.tagRole, roleResource(accountId, ref), async () => {
      checkTagSet(tags);
      const role = await this.deps.store.transaction(async (tx) => {
        const found = await requireRole(tx, accountId, ref);
        const keys = new Set((await tx.roles.listTags(found.id)).map((t) => t.key.toLowerCase()));
        for (const t of tags) keys.add(t.key.toLowerCase());
        if (keys.size > ROLE_LIMITS.tagsPerRole) throw new LimitExceededError('tag', ROLE_LIMITS.tagsPerRole, 'role');
        await tx.roles.putTags(found.id, tags);
        return found;
      });
      this.announce(role.id);
    }, { requestTags: tags });
  }

  /** Removing a key that is not there is not an error (AWS UntagRole). @throws access-denied | not-found */
  untag(ctx: CallContext, ref: RoleRef, keys: string[]): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.untagRole, roleResource(accountId, ref), async () => {
      const role = await this.deps.store.transaction(async (tx) => {
        const found = await requireRole(tx, accountId, ref);
        await tx.roles.removeTags(found.id, keys);
        return found;
      });
      this.announce(role.id);
    });
  }

  /** @throws access-denied | not-found */
  listTags(ctx: CallContext, ref: RoleRef): Promise<Tag[]> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listRoleTags, roleResource(accountId, ref), async () => store.roles.listTags((await requireRole(store, accountId, ref)).id));
  }

  /** Records that a session of the role signed a request; best effort, at most once a second per role. */
  async markUsed(roleId: string, region: string | null): Promise<void> {
    const now = this.deps.clock.now();
    const previous = this.lastMarked.get(roleId);
    if (previous !== undefined && now >= previous && now - previous < 1_000) return;
    if (this.lastMarked.size >= 10_000) this.lastMarked.clear();
    this.lastMarked.set(roleId, now);
    await this.deps.store.roles.touchLastUsed(roleId, now, region).catch(() => undefined);
  }

  private readonly lastMarked = new Map<string, number>();

  private async change(accountId: string, ref: RoleRef, next: (role: Role) => Role): Promise<Role> {
    const updated = await this.deps.store.transaction(async (tx: Repositories) => {
      const role = await requireRole(tx, accountId, ref);
      const changed = { ...next(role), updatedAt: this.deps.clock.now() };
      await tx.roles.update(changed);
      return changed;
    });
    this.announce(updated.id);
    return updated;
  }

  /** INVARIANT: after the commit, so no node reloads the role before the change is visible to it */
  private announce(roleId: string): void {
    this.deps.changes.emit({ kind: 'role', id: roleId });
  }
}

/**
 * Writes a new role, inside a command that has authorized it (AWS CreateRole, Huawei CreateAgency).
 * @throws already-exists | invalid-input (MalformedPolicyDocumentError) | limit-exceeded
 */
export async function insertRole(deps: CoreDeps, accountId: string, input: CreateRoleInput): Promise<{ role: Role; tags: Tag[] }> {
  const { store, clock, ids } = deps;
  const tags = input.tags ?? [];
  parseTrustPolicy(input.trustPolicy, input.syntax);
  checkDuration(input.maxSessionDuration);
  checkTagSet(tags);
  const now = clock.now();
  const role: Role = {
    id: ids.hexId(),
    accountId,
    name: input.name,
    path: input.path ?? '/',
    description: input.description ?? '',
    trustPolicy: input.trustPolicy,
    trustSyntax: input.syntax,
    maxSessionDuration: input.maxSessionDuration ?? ROLE_LIMITS.defaultSessionDuration,
    awsId: ids.awsRoleId(),
    numericId: ids.numericId(),
    createdAt: now,
    updatedAt: now,
    sessionsRevokedBefore: null,
    lastUsedAt: null,
    lastUsedRegion: null,
  };
  await store.transaction(async (tx) => {
    if ((await tx.roles.count(accountId)) >= ROLE_LIMITS.rolesPerAccount) throw new LimitExceededError('role', ROLE_LIMITS.rolesPerAccount, 'account');
    await tx.roles.create(role);
    await tx.roles.putTags(role.id, tags);
    if (input.permissionsBoundary) await tx.roleBoundaries.put(accountId, role.id, await resolveBoundary(tx, accountId, input.permissionsBoundary));
  });
  return { role, tags: [...tags].sort((a, b) => (a.key.toLowerCase() < b.key.toLowerCase() ? -1 : 1)) };
}

/** AWS CreateRole / UpdateRole MaxSessionDuration: 3,600..43,200 seconds. */
function checkDuration(seconds: number | undefined): void {
  if (seconds === undefined) return;
  if (!Number.isInteger(seconds) || seconds < ROLE_LIMITS.minSessionDuration || seconds > ROLE_LIMITS.maxSessionDuration) {
    throw new InvalidInputError('maxSessionDuration', `must be from ${ROLE_LIMITS.minSessionDuration} to ${ROLE_LIMITS.maxSessionDuration} seconds`);
  }
}

/** Tag keys are unique case-insensitively within one request (AWS TagRole). */
function checkTagSet(tags: Tag[]): void {
  const seen = new Set<string>();
  for (const tag of tags) {
    const key = tag.key.toLowerCase();
    if (seen.has(key)) throw new InvalidInputError('tags', `duplicate tag key \`${tag.key}\``);
    seen.add(key);
  }
  if (tags.length > ROLE_LIMITS.tagsPerRole) throw new LimitExceededError('tag', ROLE_LIMITS.tagsPerRole, 'role');
}
