import { Actions } from '../authorization/actions.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { findPolicy, viewOf, type PolicyRef, type PolicyView } from '../policies/policy-ref.js';
import type { CallContext } from '../principal.js';
import { resolveBoundary } from '../users/permissions-boundaries-service.js';
import type { Role } from './role.js';
import { requireRole, roleResource, type RoleRef } from './role-ref.js';
import { isServiceLinked, UnmodifiableEntityError } from './service-linked-role.js';

/**
 * A role's permissions boundary (AWS PutRolePermissionsBoundary / DeleteRolePermissionsBoundary): a
 * managed or system policy that caps what the role's policies grant its sessions. Every write
 * announces a `role` change after its commit, which drops the role's compiled policies on every node,
 * so a session signs its next call under the new boundary.
 */
export class RoleBoundariesService {
  constructor(private readonly deps: CoreDeps) {}

  /** Sets or replaces the boundary. @throws access-denied | not-found (role, policy) | invalid-input (a service-linked role) */
  put(ctx: CallContext, ref: RoleRef, policy: PolicyRef): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.putRolePermissionsBoundary, roleResource(accountId, ref), async () => {
      const role = await this.deps.store.transaction(async (tx) => {
        const found = await requireRole(tx, accountId, ref);
        // AWS: a service-linked role's permissions are the service's to set (UnmodifiableEntity)
        if (isServiceLinked(found)) throw new UnmodifiableEntityError(found.name);
        await tx.roleBoundaries.put(accountId, found.id, await resolveBoundary(tx, accountId, policy));
        return found;
      });
      this.deps.changes.emit({ kind: 'role', id: role.id });
    });
  }

  /** Removes the boundary; a role without one is left as it is. @throws access-denied | not-found | invalid-input (a service-linked role) */
  delete(ctx: CallContext, ref: RoleRef): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.deleteRolePermissionsBoundary, roleResource(accountId, ref), async () => {
      const role = await this.deps.store.transaction(async (tx) => {
        const found = await requireRole(tx, accountId, ref);
        if (isServiceLinked(found)) throw new UnmodifiableEntityError(found.name);
        await tx.roleBoundaries.remove(found.id);
        return found;
      });
      this.deps.changes.emit({ kind: 'role', id: role.id });
    });
  }

  /**
   * The policy bounding a role, as CreateRole and GetRole show it (AWS `PermissionsBoundary`). Not a
   * command: it is part of the answer of a role read that was already authorized.
   */
  async boundaryOf(role: Role): Promise<PolicyView | undefined> {
    const { store } = this.deps;
    const policyId = await store.roleBoundaries.find(role.id);
    if (policyId === undefined) return undefined;
    const resolved = await findPolicy(store, role.accountId, { id: policyId });
    return resolved && viewOf(resolved, 0);
  }
}
