import { compilePolicySet, type CompiledPolicySet } from '../evaluation/compile.js';
import { evaluate, type Decision } from '../evaluation/evaluate.js';
import type { EvaluationRequest } from '../evaluation/request.js';
import type { PolicySyntax } from '../policies/document.js';
import { parsePolicyDocument } from '../policies/parse.js';
import type { CallContext } from '../principal.js';
import type { Tag } from '../users/user.js';
import { DENY_ALL } from './role-policies.js';

const MAX_COMPILED = 10_000;

/**
 * The session policy of a user's temporary credentials (Huawei CreateTemporaryAccessKeyByToken
 * `auth.identity.policy`): "the permissions are the intersection of the original token's and the
 * policy's". The caller's own decision is made first; this one must allow too, and its Deny wins.
 * Compiled once per temporary key: the policy is sealed in the token, so a key never changes policy.
 */
export class UserSessionPolicies {
  private readonly compiled = new Map<string, CompiledPolicySet>();

  /** The session policy's own decision, or `allow` when the credentials carry none. */
  async decide(ctx: CallContext, request: EvaluationRequest, resourceTags?: () => Promise<readonly Tag[]>): Promise<Decision> {
    const facts = ctx.principal.userSession;
    if (facts?.policy === undefined) return 'allow';
    const set = this.setOf(ctx.principal.accessKeyId ?? facts.policy, facts.policy, facts.policySyntax ?? 'aws');
    const asked = resourceTags && request.resourceTags === undefined && set.needsResourceTags(request.action) ? { ...request, resourceTags: await resourceTags() } : request;
    return evaluate(set, asked, { trace: false }).decision;
  }

  private setOf(key: string, text: string, syntax: PolicySyntax): CompiledPolicySet {
    let set = this.compiled.get(key);
    if (set) return set;
    const parsed = parsePolicyDocument(text, syntax, { kind: 'session' });
    // SECURITY: a session policy that no longer parses (a newer server wrote it) narrows to nothing
    const document = parsed.ok ? parsed.value : DENY_ALL.ok ? DENY_ALL.value : null;
    set = compilePolicySet(document ? [{ id: 'session', document }] : []);
    if (this.compiled.size >= MAX_COMPILED) this.compiled.clear();
    this.compiled.set(key, set);
    return set;
  }
}
