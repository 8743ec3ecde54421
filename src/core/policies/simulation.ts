import type { Account } from '../accounts/account.js';
import { Actions, type IamAction } from '../authorization/actions.js';
import type { ResourceRef } from '../authorization/authorizer.js';
import { decideCall, type CallAnswer } from '../authorization/decide.js';
import { explain, type DecodedAuthorization, type ExplainedFailure, type ExplainedStatement } from '../authorization/explanation.js';
import { loadPrincipalPolicies } from '../authorization/principal-policies.js';
import { environmentOf, resolveTarget } from '../authorization/request-context.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import { compilePolicySet, type CompiledPolicySet } from '../evaluation/compile.js';
import type { Decision } from '../evaluation/evaluate.js';
import type { ResourceIdentity } from '../evaluation/request.js';
import type { CallContext } from '../principal.js';
import { requireUser, userResource, type UserRef } from '../users/user-ref.js';
import type { Tag, User } from '../users/user.js';
import type { PolicySyntax } from './document.js';
import { readSimulationContext, type SimulatedFacts, type SimulationContext } from './simulation-context.js';
import { validatePolicyDocument } from './validate.js';

export type { SimulationContext } from './simulation-context.js';

/**
 * A resource to simulate against, in the caller's account (AWS `ResourceArns`, parsed by the
 * dialect). Absent: `*`, which only statements with a bare `*` Resource (or none) cover.
 */
export interface SimulationTarget {
  type: ResourceRef['type'];
  name?: string;
  /** the resource's tags; by default an existing user's own */
  tags?: Tag[];
}

interface SimulationInput {
  actions: IamAction[];
  /**
   * AWS PermissionsBoundaryPolicyInputList: a boundary document to simulate with, in `syntax`; for
   * SimulatePrincipalPolicy it stands in for the user's own boundary
   */
  boundaryDocuments?: string[];
  /** the syntax of `boundaryDocuments` */
  boundarySyntax?: PolicySyntax;
  resources?: SimulationTarget[];
  context?: SimulationContext;
}

export interface SimulatePrincipalInput extends SimulationInput {
  user: UserRef;
}

export interface SimulateCustomInput extends SimulationInput {
  /** policy documents, validated like a write in `syntax` */
  documents: string[];
  syntax: PolicySyntax;
  /** whose identity fills `${aws:username}` and the principal keys; the caller by default (AWS CallerArn) */
  caller?: UserRef;
}

/** One action against one resource, decided as enforcement would decide it (AWS EvaluationResult). */
export interface SimulationResult {
  action: IamAction;
  target: ResourceIdentity;
  decision: Decision;
  decidedBy: CallAnswer['decidedBy'];
  matchedStatements: ExplainedStatement[];
  failures: ExplainedFailure[];
  /** whether the permissions boundary allows the action; absent when none applies (AWS PermissionsBoundaryDecisionDetail) */
  allowedByBoundary?: boolean;
  /** every name in every dialect's syntax, and the condition values the request held */
  context: DecodedAuthorization['context'];
}

interface Subject {
  account: Account;
  user: User;
  tags: readonly Tag[];
  set: CompiledPolicySet;
  boundary: CompiledPolicySet | null;
  policyNames: ReadonlyMap<string, string>;
  rules: 'all' | 'policies-only';
}

/** AWS SimulatePrincipalPolicy and SimulateCustomPolicy, on the evaluator and request building enforcement uses. */
export class PolicySimulator {
  constructor(private readonly deps: CoreDeps) {}

  /**
   * How the user's policies (attached, through groups, inline, system) decide each action on each
   * resource. The account root and self-service rules apply, as they do on a real call.
   * @throws access-denied | not-found | invalid-input
   */
  simulatePrincipalPolicy(ctx: CallContext, input: SimulatePrincipalInput): Promise<SimulationResult[]> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.simulatePrincipalPolicy, userResource(accountId, input.user, store), async () => {
      const user = await requireUser(store, accountId, input.user);
      const loaded = await loadPrincipalPolicies(store, accountId, user.id);
      if (!loaded) throw new NotFoundError('user', user.name);
      const boundary = inputBoundary(input) ?? loaded.boundary;
      return this.run(ctx, { ...loaded, boundary, rules: 'all' }, input);
    });
  }

  /**
   * How the given documents alone decide each action on each resource, for the caller's identity.
   * @throws access-denied | not-found | invalid-input | limit-exceeded
   */
  simulateCustomPolicy(ctx: CallContext, input: SimulateCustomInput): Promise<SimulationResult[]> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.simulateCustomPolicy, { type: 'policy', accountId }, async () => {
      if (input.documents.length === 0) throw new InvalidInputError('policyInputList', 'at least one policy document is required');
      const documents = input.documents.map((text, i) => ({ id: `input:${i + 1}`, document: validatePolicyDocument(text, input.syntax, 'managed') }));
      const account = await store.accounts.findById(accountId);
      const user = await requireUser(store, accountId, input.caller ?? { id: ctx.principal.userId });
      if (!account) throw new NotFoundError('account', accountId);
      const policyNames = new Map(documents.map((d) => [d.id, d.id]));
      const tags = await store.users.listTags(user.id);
      return this.run(ctx, { account, user, tags, set: compilePolicySet(documents), boundary: inputBoundary(input), policyNames, rules: 'policies-only' }, input);
    });
  }

  private async run(ctx: CallContext, subject: Subject, input: SimulationInput): Promise<SimulationResult[]> {
    const { store, clock } = this.deps;
    if (input.actions.length === 0) throw new InvalidInputError('actionNames', 'at least one action is required');
    const facts: SimulatedFacts = readSimulationContext(input.context);
    const environment = { ...environmentOf(ctx, clock.now()), ...facts.environment };
    const principalTags = facts.principalTags.length > 0 ? facts.principalTags : subject.tags;
    const results: SimulationResult[] = [];
    for (const target of input.resources ?? [undefined]) {
      const ref: ResourceRef = { type: target?.type ?? 'account', accountId: subject.account.id, ...(target?.name !== undefined ? { name: target.name } : {}) };
      const resolved = await resolveTarget(store, subject.account, ref);
      const resourceTags = async (): Promise<Tag[]> => {
        if (facts.resourceTags.length > 0) return facts.resourceTags;
        if (target?.tags) return target.tags;
        return resolved.userId ? store.users.listTags(resolved.userId) : [];
      };
      for (const action of input.actions) {
        const answer = await decideCall({
          account: subject.account,
          user: subject.user,
          set: subject.set,
          boundary: subject.boundary,
          action,
          target: resolved,
          environment,
          ...(facts.requestTags.length > 0 ? { requestTags: facts.requestTags } : {}),
          resourceTags,
          principalTags: async () => principalTags,
          rules: subject.rules,
          trace: true,
        });
        const decoded = explain({
          request: answer.request,
          ...(answer.result ? { result: answer.result } : {}),
          policyNames: subject.policyNames,
          requestId: ctx.requestId,
          dialect: ctx.dialect,
        });
        results.push({
          action,
          target: resolved.identity,
          decision: answer.decision,
          decidedBy: answer.decidedBy,
          ...(answer.result?.boundaryAllowed !== undefined ? { allowedByBoundary: answer.result.boundaryAllowed } : {}),
          matchedStatements: decoded.matchedStatements,
          failures: decoded.failures,
          context: decoded.context,
        });
      }
    }
    return results;
  }
}

/** The boundary documents of a simulation, validated like a managed policy; null when none were given. @throws invalid-input */
function inputBoundary(input: SimulationInput): CompiledPolicySet | null {
  if (!input.boundaryDocuments || input.boundaryDocuments.length === 0) return null;
  const syntax = input.boundarySyntax ?? 'aws';
  return compilePolicySet(input.boundaryDocuments.map((text, i) => ({ id: `boundary:${i + 1}`, document: validatePolicyDocument(text, syntax, 'managed') })));
}
