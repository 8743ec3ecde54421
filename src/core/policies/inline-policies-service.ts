import { Actions } from '../authorization/actions.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { NotFoundError } from '../errors.js';
import type { CallContext } from '../principal.js';
import { requireUser, userResource, type UserRef } from '../users/user-ref.js';
import type { User } from '../users/user.js';
import type { PolicySyntax } from './document.js';
import type { InlinePolicy } from './policy.js';
import { validatePolicyDocument } from './validate.js';

export interface PutInlinePolicyInput {
  name: string;
  syntax: PolicySyntax;
  document: string;
}

/**
 * Inline user policies (AWS PutUserPolicy, GetUserPolicy, DeleteUserPolicy, ListUserPolicies; Kingsoft
 * alike). Huawei IAM v5 and Volcengine have none, but the policies govern every dialect's calls.
 */
export class InlinePoliciesService {
  constructor(private readonly deps: CoreDeps) {}

  /**
   * Creates or replaces the user's policy of that name. AWS "IAM and AWS STS quotas": an inline user
   * policy is at most 2,048 characters without white space.
   * @throws access-denied | not-found | invalid-input | limit-exceeded
   */
  put(ctx: CallContext, user: UserRef, input: PutInlinePolicyInput): Promise<InlinePolicy> {
    const { store, clock } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.putUserPolicy, userResource(accountId, user, store), async () => {
      validatePolicyDocument(input.document, input.syntax, 'inline-user');
      const stored = await store.transaction(async (tx) => {
        const found = await requireUser(tx, accountId, user);
        const now = clock.now();
        await tx.policies.putInline({ userId: found.id, accountId, name: input.name, syntax: input.syntax, document: input.document, createdAt: now, updatedAt: now });
        const written = await tx.policies.findInline(found.id, input.name);
        if (!written) throw new NotFoundError('inline-policy', input.name);
        return written;
      });
      this.deps.changes.emit({ kind: 'policy-attachment', id: stored.userId });
      return stored;
    });
  }

  /** @throws access-denied | not-found (user or policy) */
  get(ctx: CallContext, user: UserRef, name: string): Promise<{ user: User; policy: InlinePolicy }> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.getUserPolicy, userResource(accountId, user, store), async () => {
      const found = await requireUser(store, accountId, user);
      const policy = await store.policies.findInline(found.id, name);
      if (!policy) throw new NotFoundError('inline-policy', name, 'name');
      return { user: found, policy };
    });
  }

  /** Ordered by lowercased name. @throws access-denied | not-found */
  list(ctx: CallContext, user: UserRef): Promise<{ user: User; policies: InlinePolicy[] }> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listUserPolicies, userResource(accountId, user, store), async () => {
      const found = await requireUser(store, accountId, user);
      return { user: found, policies: await store.policies.listInline(found.id) };
    });
  }

  /** @throws access-denied | not-found (user or policy) */
  delete(ctx: CallContext, user: UserRef, name: string): Promise<void> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.deleteUserPolicy, userResource(accountId, user, store), async () => {
      const found = await requireUser(store, accountId, user);
      await store.transaction(async (tx) => {
        if (!(await tx.policies.deleteInline(found.id, name))) throw new NotFoundError('inline-policy', name, 'name');
      });
      this.deps.changes.emit({ kind: 'policy-attachment', id: found.id });
    });
  }
}
