import { Actions } from '../authorization/actions.js';
import { loadPrincipalPolicies } from '../authorization/principal-policies.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import { compilePolicySet, type CompiledPolicySet } from '../evaluation/compile.js';
import type { CallContext } from '../principal.js';
import { requireUser, userResource, type UserRef } from '../users/user-ref.js';
import type { PolicySyntax } from './document.js';
import { validatePolicyDocument } from './validate.js';

/**
 * AWS GetContextKeysForCustomPolicy / GetContextKeysForPrincipalPolicy: the condition keys a set of
 * policies reads, from Condition blocks and from `${...}` policy variables, each once (the first
 * spelling, compared case-insensitively as AWS compares key names).
 */
export class ContextKeyNamesService {
  constructor(private readonly deps: CoreDeps) {}

  /** @throws access-denied | invalid-input (malformed documents) */
  forCustomPolicy(ctx: CallContext, documents: string[], syntax: PolicySyntax): Promise<string[]> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.getContextKeysForCustomPolicy, { type: 'policy', accountId }, async () => keysOf([compileDocuments(documents, syntax)]));
  }

  /** The user's policies (attached, through groups, inline) and any extra documents. @throws access-denied | not-found | invalid-input */
  forPrincipalPolicy(ctx: CallContext, user: UserRef, documents: string[], syntax: PolicySyntax): Promise<string[]> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.getContextKeysForPrincipalPolicy, userResource(accountId, user, store), async () => {
      const extra = compileDocuments(documents, syntax);
      const found = await requireUser(store, accountId, user);
      const loaded = await loadPrincipalPolicies(store, accountId, found.id);
      if (!loaded) throw new NotFoundError('user', found.name);
      return keysOf([loaded.set, extra]);
    });
  }
}

function compileDocuments(documents: string[], syntax: PolicySyntax): CompiledPolicySet {
  return compilePolicySet(documents.map((text, i) => ({ id: `input:${i + 1}`, document: validatePolicyDocument(text, syntax, 'managed') })));
}

const VARIABLE = /\$\{([^}]+)\}/g;

function keysOf(sets: CompiledPolicySet[]): string[] {
  const seen = new Map<string, string>();
  const add = (key: string) => {
    const lower = key.toLowerCase();
    if (!seen.has(lower)) seen.set(lower, key);
  };
  for (const set of sets) {
    for (const statement of set.statements) {
      for (const pattern of statement.resources?.patterns ?? []) for (const m of pattern.written.matchAll(VARIABLE)) add(m[1]!);
      for (const condition of statement.conditions) {
        add(condition.clause.key);
        for (const value of condition.clause.values) for (const m of value.matchAll(VARIABLE)) add(m[1]!);
      }
    }
  }
  if (seen.size > 10_000) throw new InvalidInputError('policyInputList', 'too many context keys');
  return [...seen.values()];
}
