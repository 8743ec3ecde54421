import { Actions, type IamAction } from '../authorization/actions.js';
import type { ResourceRef } from '../authorization/authorizer.js';
import { decideCall, decideRoleCall, type CallAnswer } from '../authorization/decide.js';
import { explain, type DecodedAuthorization, type ExplainedFailure, type ExplainedStatement } from '../authorization/explanation.js';
import { environmentOf, principalIdentity, resolveTarget } from '../authorization/request-context.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import { compilePolicySet } from '../evaluation/compile.js';
import type { Decision } from '../evaluation/evaluate.js';
import type { ResourceIdentity } from '../evaluation/request.js';
import type { CallContext } from '../principal.js';
import { roleResource, type RoleRef } from '../roles/role-ref.js';
import type { TrustPolicy } from '../roles/trust-policy.js';
import { requireUser, userResource, type UserRef } from '../users/user-ref.js';
import type { Tag } from '../users/user.js';
import type { PolicySyntax } from './document.js';
import { readSimulationContext, type SimulatedFacts, type SimulationContext } from './simulation-context.js';
import {
  decideResourcePolicy,
  inputBoundary,
  inputDocuments,
  parseResourcePolicy,
  requireTrustCaller,
  roleSubject,
  userSubject,
  withCaller,
  type Subject,
} from './simulation-subjects.js';

export type { SimulationContext } from './simulation-context.js';

/**
 * A resource to simulate against, in the caller's account (AWS `ResourceArns`, parsed by the
 * dialect). Absent: `*`, which only statements with a bare `*` Resource (or none) cover.
 */
export interface SimulationTarget {
  type: ResourceRef['type'];
  name?: string;
  /** the resource's tags; by default an existing user's or role's own */
  tags?: Tag[];
}

interface SimulationInput {
  actions: IamAction[];
  /**
   * AWS PermissionsBoundaryPolicyInputList: a boundary document to simulate with, in `boundarySyntax`;
   * for SimulatePrincipalPolicy it stands in for the user's or role's own boundary
   */
  boundaryDocuments?: string[];
  /** the syntax of `boundaryDocuments` */
  boundarySyntax?: PolicySyntax;
  resources?: SimulationTarget[];
  context?: SimulationContext;
  /** AWS ResourcePolicy: a resource-based policy weighed with the identity policies, in `resourcePolicySyntax` */
  resourcePolicy?: string;
  resourcePolicySyntax?: PolicySyntax;
  /**
   * AWS CallerArn: whose identity fills `${aws:username}`, the principal keys and a resource policy's
   * `Principal`; by default the simulated user (SimulatePrincipalPolicy) or the caller (SimulateCustomPolicy)
   */
  caller?: UserRef;
}

/** AWS PolicySourceArn: a user or a role, with extra documents (PolicyInputList) added to its own. */
export type SimulatePrincipalInput = SimulationInput &
  ({ user: UserRef } | { role: RoleRef }) & {
    /** AWS SimulatePrincipalPolicy PolicyInputList: "additional policy documents to include in the simulation", in `syntax` */
    documents?: string[];
    syntax?: PolicySyntax;
  };

export interface SimulateCustomInput extends SimulationInput {
  /** policy documents, validated like a write in `syntax` */
  documents: string[];
  syntax: PolicySyntax;
}

/** One action against one resource, decided as enforcement would decide it (AWS EvaluationResult). */
export interface SimulationResult {
  action: IamAction;
  target: ResourceIdentity;
  decision: Decision;
  /** `resource-policy`: the ResourcePolicy given decided it (an Allow naming the caller, or a Deny) */
  decidedBy: CallAnswer['decidedBy'] | 'resource-policy';
  matchedStatements: ExplainedStatement[];
  failures: ExplainedFailure[];
  /** whether the permissions boundary allows the action; absent when none applies (AWS PermissionsBoundaryDecisionDetail) */
  allowedByBoundary?: boolean;
  /** every name in every dialect's syntax, and the condition values the request held */
  context: DecodedAuthorization['context'];
}

/** The policy id a ResourcePolicy's statements are named by in results. */
export const RESOURCE_POLICY_ID = 'resource-policy';

/** AWS SimulatePrincipalPolicy and SimulateCustomPolicy, on the evaluator and request building enforcement uses. */
export class PolicySimulator {
  constructor(private readonly deps: CoreDeps) {}

  /**
   * How a user's policies (attached, through groups, inline, system) or a role's (attached, inline)
   * decide each action on each resource, within their permissions boundary. The account root and
   * self-service rules apply, as they do on a real call; a role is decided as its sessions are.
   * @throws access-denied | not-found | invalid-input
   */
  simulatePrincipalPolicy(ctx: CallContext, input: SimulatePrincipalInput): Promise<SimulationResult[]> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    const resource = 'role' in input ? roleResource(accountId, input.role) : userResource(accountId, input.user, store);
    return runCommand(this.deps, ctx, Actions.simulatePrincipalPolicy, resource, async () => {
      let subject = 'role' in input ? await roleSubject(store, accountId, input.role) : await userSubject(store, accountId, input.user);
      if (input.caller) subject = await withCaller(store, subject, input.caller);
      const extra = input.documents && input.documents.length > 0 ? inputDocuments(input.documents, input.syntax ?? 'aws', 'input') : [];
      const names = new Map(subject.policyNames);
      for (const d of extra) names.set(d.id, d.id);
      const boundary = inputBoundary(input.boundaryDocuments, input.boundarySyntax ?? 'aws') ?? subject.boundary;
      return this.run(ctx, { ...subject, set: subject.set.extendedWith(extra), boundary, policyNames: names }, input);
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
      const documents = inputDocuments(input.documents, input.syntax, 'input');
      const account = await store.accounts.findById(accountId);
      if (!account) throw new NotFoundError('account', accountId);
      const user = await requireUser(store, accountId, input.caller ?? { id: ctx.principal.userId });
      const tags = await store.users.listTags(user.id);
      const subject: Subject = {
        account,
        kind: 'custom',
        user,
        identity: principalIdentity(account, user, tags),
        // AWS: a ResourcePolicy needs CallerArn, "so that the policy's Principal element has a value to use"
        trustCaller: input.caller ? { account: principalIdentity(account, user, []).account, user: { name: user.name } } : null,
        set: compilePolicySet(documents),
        boundary: inputBoundary(input.boundaryDocuments, input.boundarySyntax ?? 'aws'),
        policyNames: new Map(documents.map((d) => [d.id, d.id])),
        inlineType: 'user',
        rules: 'policies-only',
      };
      return this.run(ctx, subject, input);
    });
  }

  private async run(ctx: CallContext, subject: Subject, input: SimulationInput): Promise<SimulationResult[]> {
    const { store, clock } = this.deps;
    if (input.actions.length === 0) throw new InvalidInputError('actionNames', 'at least one action is required');
    const facts: SimulatedFacts = readSimulationContext(input.context);
    const resourcePolicy: TrustPolicy | null = input.resourcePolicy === undefined ? null : parseResourcePolicy(input.resourcePolicy, input.resourcePolicySyntax ?? 'aws');
    const trustCaller = resourcePolicy ? requireTrustCaller(subject) : null;
    const environment = { ...environmentOf(ctx, clock.now()), ...facts.environment };
    const identity = facts.principalTags.length > 0 ? { ...subject.identity, tags: facts.principalTags } : subject.identity;
    const results: SimulationResult[] = [];
    for (const target of input.resources ?? [undefined]) {
      const ref: ResourceRef = { type: target?.type ?? 'account', accountId: subject.account.id, ...(target?.name !== undefined ? { name: target.name } : {}) };
      const resolved = await resolveTarget(store, subject.account, ref);
      const resourceTags = async (): Promise<Tag[]> => {
        if (facts.resourceTags.length > 0) return facts.resourceTags;
        if (target?.tags) return target.tags;
        if (resolved.userId) return store.users.listTags(resolved.userId);
        if (ref.type !== 'role' || ref.name === undefined) return [];
        const role = await store.roles.findByName(subject.account.id, ref.name);
        return role ? store.roles.listTags(role.id) : [];
      };
      for (const action of input.actions) {
        const question = {
          account: subject.account,
          set: subject.set,
          boundary: subject.boundary,
          action,
          target: resolved,
          environment,
          ...(facts.requestTags.length > 0 ? { requestTags: facts.requestTags } : {}),
          resourceTags,
          trace: true,
        };
        const answer =
          subject.user && subject.kind !== 'role'
            ? await decideCall({ ...question, user: subject.user, principalTags: async () => identity.tags, rules: subject.rules })
            : await decideRoleCall({ ...question, principal: identity });
        const decoded = explain({
          request: answer.request,
          ...(answer.result ? { result: answer.result } : {}),
          policyNames: subject.policyNames,
          requestId: ctx.requestId,
          dialect: ctx.dialect,
        });
        const result: SimulationResult = {
          action,
          target: resolved.identity,
          decision: answer.decision,
          decidedBy: answer.decidedBy,
          ...(answer.result?.boundaryAllowed !== undefined ? { allowedByBoundary: answer.result.boundaryAllowed } : {}),
          matchedStatements: decoded.matchedStatements,
          failures: decoded.failures,
          context: decoded.context,
        };
        results.push(resourcePolicy && trustCaller && answer.decidedBy === 'policies' ? withResourcePolicy(result, decideResourcePolicy(resourcePolicy, trustCaller, answer.request), resourcePolicy.syntax) : result);
      }
    }
    return results;
  }
}

/**
 * AWS "Policy evaluation logic", within one account: an explicit Deny anywhere wins; otherwise the
 * request is allowed when the identity policies (within the boundary) or a resource policy naming the
 * caller allow it ("resource-based policies that grant permissions to an IAM user ARN are not limited
 * by an implicit deny in an identity-based policy or permissions boundary").
 */
function withResourcePolicy(result: SimulationResult, answer: ReturnType<typeof decideResourcePolicy>, syntax: PolicySyntax): SimulationResult {
  if (result.decision === 'explicit-deny' || answer.answer === 'none') return result;
  if (answer.answer === 'allow' && result.decision === 'allow') return result;
  const effect = answer.answer === 'allow' ? 'Allow' : 'Deny';
  const statement: ExplainedStatement = { policyId: RESOURCE_POLICY_ID, policyName: 'ResourcePolicy', statementIndex: answer.statementIndex, sid: null, effect, syntax };
  return { ...result, decision: answer.answer === 'allow' ? 'allow' : 'explicit-deny', decidedBy: 'resource-policy', matchedStatements: [statement] };
}
