import { Actions } from '../authorization/actions.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { LimitExceededError } from '../errors.js';
import type { CallContext } from '../principal.js';
import { checkTagSet } from '../users/users-service.js';
import { MAX_TAGS_PER_USER, type Tag } from '../users/user.js';
import { policyResource, requireCustomPolicy, type PolicyRef } from './policy-ref.js';

/**
 * Tags of customer managed policies (AWS TagPolicy, UntagPolicy, ListPolicyTags), with the users' tag
 * rules: at most 50, keys unique case-insensitively. AWS managed (system) policies take no tags.
 */
export class PolicyTagsService {
  constructor(private readonly deps: CoreDeps) {}

  /** Ordered by lowercased key. @throws access-denied | not-found | invalid-input (a system policy) */
  list(ctx: CallContext, ref: PolicyRef): Promise<Tag[]> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listPolicyTags, policyResource(accountId, ref), async () => {
      const policy = await requireCustomPolicy(store, accountId, ref);
      return store.resourceTags.list('policy', policy.id);
    });
  }

  /** Adds or overwrites by key. @throws access-denied | not-found | invalid-input | limit-exceeded */
  tag(ctx: CallContext, ref: PolicyRef, tags: Tag[]): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.tagPolicy, policyResource(accountId, ref), () =>
      this.deps.store.transaction(async (tx) => {
        checkTagSet(tags, 'policy');
        const policy = await requireCustomPolicy(tx, accountId, ref);
        const keys = new Set((await tx.resourceTags.list('policy', policy.id)).map((t) => t.key.toLowerCase()));
        for (const t of tags) keys.add(t.key.toLowerCase());
        if (keys.size > MAX_TAGS_PER_USER) throw new LimitExceededError('tag', MAX_TAGS_PER_USER, 'policy');
        await tx.resourceTags.put('policy', policy.id, tags);
      }),
    { requestTags: tags });
  }

  /** Removing a key that is not there is not an error (AWS UntagPolicy). @throws access-denied | not-found */
  untag(ctx: CallContext, ref: PolicyRef, keys: string[]): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.untagPolicy, policyResource(accountId, ref), () =>
      this.deps.store.transaction(async (tx) => {
        const policy = await requireCustomPolicy(tx, accountId, ref);
        await tx.resourceTags.remove('policy', policy.id, keys);
      }),
    );
  }
}
