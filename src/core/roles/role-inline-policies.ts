import { Actions } from '../authorization/actions.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { NotFoundError } from '../errors.js';
import type { PolicySyntax } from '../policies/document.js';
import { validatePolicyDocument } from '../policies/validate.js';
import type { CallContext } from '../principal.js';
import type { Role, RoleInlinePolicy } from './role.js';
import { requireRole, roleResource, type RoleRef } from './role-ref.js';

/** Inline role policies (AWS PutRolePolicy, GetRolePolicy, DeleteRolePolicy, ListRolePolicies). */
export class RoleInlinePoliciesService {
  constructor(private readonly deps: CoreDeps) {}

  /** Creates or replaces the role's policy of that name. @throws access-denied | not-found | invalid-input | limit-exceeded */
  put(ctx: CallContext, ref: RoleRef, input: { name: string; syntax: PolicySyntax; document: string }): Promise<RoleInlinePolicy> {
    const { store, clock } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.putRolePolicy, roleResource(accountId, ref), async () => {
      validatePolicyDocument(input.document, input.syntax, 'inline-role');
      const stored = await store.transaction(async (tx) => {
        const role = await requireRole(tx, accountId, ref);
        const now = clock.now();
        await tx.roles.putInline({ roleId: role.id, accountId, name: input.name, syntax: input.syntax, document: input.document, createdAt: now, updatedAt: now });
        const written = await tx.roles.findInline(role.id, input.name);
        if (!written) throw new NotFoundError('inline-policy', input.name);
        return written;
      });
      this.deps.changes.emit({ kind: 'role', id: stored.roleId });
      return stored;
    });
  }

  /** @throws access-denied | not-found (role or policy) */
  get(ctx: CallContext, ref: RoleRef, name: string): Promise<{ role: Role; policy: RoleInlinePolicy }> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.getRolePolicy, roleResource(accountId, ref), async () => {
      const role = await requireRole(store, accountId, ref);
      const policy = await store.roles.findInline(role.id, name);
      if (!policy) throw new NotFoundError('inline-policy', name, 'name');
      return { role, policy };
    });
  }

  /** Ordered by lowercased name. @throws access-denied | not-found */
  list(ctx: CallContext, ref: RoleRef): Promise<{ role: Role; policies: RoleInlinePolicy[] }> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listRolePolicies, roleResource(accountId, ref), async () => {
      const role = await requireRole(store, accountId, ref);
      return { role, policies: await store.roles.listInline(role.id) };
    });
  }

  /** @throws access-denied | not-found (role or policy) */
  delete(ctx: CallContext, ref: RoleRef, name: string): Promise<void> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.deleteRolePolicy, roleResource(accountId, ref), async () => {
      const roleId = await store.transaction(async (tx) => {
        const role = await requireRole(tx, accountId, ref);
        if (!(await tx.roles.deleteInline(role.id, name))) throw new NotFoundError('inline-policy', name, 'name');
        return role.id;
      });
      this.deps.changes.emit({ kind: 'role', id: roleId });
    });
  }
}
