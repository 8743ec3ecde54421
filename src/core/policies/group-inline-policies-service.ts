import { Actions } from '../authorization/actions.js';
import type { ResourceRef } from '../authorization/authorizer.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { NotFoundError } from '../errors.js';
import type { CallContext } from '../principal.js';
import { requireGroup, type GroupRef } from '../users/groups-service.js';
import type { Group } from '../users/group.js';
import type { PolicySyntax } from './document.js';
import type { GroupInlinePolicy } from './policy.js';
import { validatePolicyDocument } from './validate.js';

function groupResource(accountId: string, ref: GroupRef): ResourceRef {
  return { type: 'group', accountId, ...('id' in ref ? { id: ref.id } : { name: ref.name }) };
}

/**
 * Inline group policies (AWS PutGroupPolicy, GetGroupPolicy, DeleteGroupPolicy, ListGroupPolicies),
 * evaluated for the group's members like their own inline policies. AWS "IAM and AWS STS quotas": 5,120
 * characters for a group's inline policies.
 */
export class GroupInlinePoliciesService {
  constructor(private readonly deps: CoreDeps) {}

  /** @throws access-denied | not-found | invalid-input | limit-exceeded */
  put(ctx: CallContext, ref: GroupRef, input: { name: string; syntax: PolicySyntax; document: string }): Promise<GroupInlinePolicy> {
    const { store, clock } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.putGroupPolicy, groupResource(accountId, ref), async () => {
      validatePolicyDocument(input.document, input.syntax, 'inline-group');
      const stored = await store.transaction(async (tx) => {
        const group = await requireGroup(tx, accountId, ref);
        const now = clock.now();
        await tx.policies.putGroupInline({ groupId: group.id, accountId, name: input.name, syntax: input.syntax, document: input.document, createdAt: now, updatedAt: now });
        const written = await tx.policies.findGroupInline(group.id, input.name);
        if (!written) throw new NotFoundError('inline-policy', input.name);
        return written;
      });
      // the members' compiled policies hold the group id: PrincipalPolicyCache drops them
      this.deps.changes.emit({ kind: 'policy-attachment', id: stored.groupId });
      return stored;
    });
  }

  /** @throws access-denied | not-found (group or policy) */
  get(ctx: CallContext, ref: GroupRef, name: string): Promise<{ group: Group; policy: GroupInlinePolicy }> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.getGroupPolicy, groupResource(accountId, ref), async () => {
      const group = await requireGroup(store, accountId, ref);
      const policy = await store.policies.findGroupInline(group.id, name);
      if (!policy) throw new NotFoundError('inline-policy', name, 'name');
      return { group, policy };
    });
  }

  /** Ordered by lowercased name. @throws access-denied | not-found */
  list(ctx: CallContext, ref: GroupRef): Promise<{ group: Group; policies: GroupInlinePolicy[] }> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listGroupPolicies, groupResource(accountId, ref), async () => {
      const group = await requireGroup(store, accountId, ref);
      return { group, policies: await store.policies.listGroupInline(group.id) };
    });
  }

  /** @throws access-denied | not-found (group or policy) */
  delete(ctx: CallContext, ref: GroupRef, name: string): Promise<void> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.deleteGroupPolicy, groupResource(accountId, ref), async () => {
      const groupId = await store.transaction(async (tx) => {
        const group = await requireGroup(tx, accountId, ref);
        if (!(await tx.policies.deleteGroupInline(group.id, name))) throw new NotFoundError('inline-policy', name, 'name');
        return group.id;
      });
      this.deps.changes.emit({ kind: 'policy-attachment', id: groupId });
    });
  }
}
