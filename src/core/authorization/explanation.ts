import { actionNameIn } from '../evaluation/action-names.js';
import type { StatementRef } from '../evaluation/compile.js';
import type { ConditionTrace, Decision, EvaluationResult } from '../evaluation/evaluate.js';
import type { EvaluationRequest } from '../evaluation/request.js';
import { renderPrincipal, renderResource } from '../evaluation/resource-names.js';
import { POLICY_SYNTAXES, type PolicySyntax } from '../policies/document.js';
import type { Tag } from '../users/user.js';
import type { IamAction } from './actions.js';

/** One statement named for people: the policy's name beside its id. */
export interface ExplainedStatement {
  policyId: string;
  policyName: string;
  statementIndex: number;
  sid: string | null;
  effect: 'Allow' | 'Deny';
  syntax: PolicySyntax;
}

/** A statement whose action matched but which did not apply, and why. */
export interface ExplainedFailure extends ExplainedStatement {
  outcome: 'resource-mismatch' | 'condition-failed';
  /** for a resource mismatch: the request's resource in the statement's syntax */
  resource?: string | null;
  /** for a failed condition: the operator, key, the policy's values and the values the request held */
  condition?: ConditionTrace;
}

/**
 * Why a call was decided as it was, shaped after AWS STS DecodeAuthorizationMessage's DecodedMessage
 * (`allowed`, `explicitDeny`, `matchedStatements`, `failures`, `context`), with every name given in
 * each dialect's syntax so any dialect can show it.
 */
export interface DecodedAuthorization {
  allowed: boolean;
  explicitDeny: boolean;
  decision: Decision;
  /** `root-only`: no policy was consulted, the target was the account root user */
  decidedBy: 'policies' | 'root-only';
  /** the statements that decided: the Deny ones of an explicit deny, the Allow ones of an allow */
  matchedStatements: ExplainedStatement[];
  failures: ExplainedFailure[];
  context: {
    requestId: string;
    dialect: string;
    /** ISO-8601 */
    time: string;
    principal: { accountId: string; userId: string; userName: string; isRoot: boolean; names: Record<PolicySyntax, string> };
    action: { name: IamAction; names: Record<PolicySyntax, string> };
    resource: { type: string; name: string | null; names: Record<PolicySyntax, string | null> };
    /** the request's condition keys (internal names, e.g. `ResourceTag/team`) and their values */
    conditions: Array<{ key: string; values: string[] }>;
  };
}

export interface ExplainInput {
  request: EvaluationRequest;
  /** absent when the decision came before any policy (root-only) */
  result?: EvaluationResult;
  policyNames: ReadonlyMap<string, string>;
  requestId: string;
  dialect: string;
}

function perSyntax<T>(render: (syntax: PolicySyntax) => T): Record<PolicySyntax, T> {
  return Object.fromEntries(POLICY_SYNTAXES.map((s) => [s, render(s)])) as Record<PolicySyntax, T>;
}

function tagEntries(prefix: string, tags: readonly Tag[] | undefined): Array<{ key: string; values: string[] }> {
  return (tags ?? []).map((t) => ({ key: `${prefix}/${t.key}`, values: [t.value] }));
}

/** What the request held for the condition keys polyiam knows, as the explanation shows them. */
function requestConditions(request: EvaluationRequest): Array<{ key: string; values: string[] }> {
  const { principal, environment } = request;
  const out: Array<{ key: string; values: string[] }> = [];
  if (!principal.isRoot) out.push({ key: 'UserName', values: [principal.userName] });
  out.push({ key: 'UserId', values: [principal.userId] });
  out.push({ key: 'PrincipalAccount', values: [principal.account.id] });
  out.push({ key: 'CurrentTime', values: [new Date(environment.currentTime).toISOString()] });
  if (environment.sourceIp !== null) out.push({ key: 'SourceIp', values: [environment.sourceIp] });
  out.push({ key: 'SecureTransport', values: [String(environment.secureTransport)] });
  if (environment.mfaPresent !== null) out.push({ key: 'MultiFactorAuthPresent', values: [String(environment.mfaPresent)] });
  if (request.requestTags && request.requestTags.length > 0) out.push({ key: 'TagKeys', values: request.requestTags.map((t) => t.key) });
  out.push(...tagEntries('RequestTag', request.requestTags), ...tagEntries('ResourceTag', request.resourceTags), ...tagEntries('PrincipalTag', principal.tags));
  return out;
}

export function explain(input: ExplainInput): DecodedAuthorization {
  const { request, result, policyNames } = input;
  const named = (ref: StatementRef): ExplainedStatement => ({
    policyId: ref.policyId,
    policyName: policyNames.get(ref.policyId) ?? ref.policyId,
    statementIndex: ref.statementIndex,
    sid: ref.sid,
    effect: ref.effect,
    syntax: ref.syntax,
  });
  const failures: ExplainedFailure[] = [];
  for (const t of result?.trace ?? []) {
    if (t.outcome === 'resource-mismatch') failures.push({ ...named(t.statement), outcome: t.outcome, resource: t.resource });
    else if (t.outcome === 'condition-failed') failures.push({ ...named(t.statement), outcome: t.outcome, condition: t.condition });
  }
  const decision: Decision = result?.decision ?? 'implicit-deny';
  return {
    allowed: decision === 'allow',
    explicitDeny: decision === 'explicit-deny',
    decision,
    decidedBy: result ? 'policies' : 'root-only',
    matchedStatements: (result?.deciding ?? []).map(named),
    failures,
    context: {
      requestId: input.requestId,
      dialect: input.dialect,
      time: new Date(request.environment.currentTime).toISOString(),
      principal: {
        accountId: request.principal.account.id,
        userId: request.principal.userId,
        userName: request.principal.userName,
        isRoot: request.principal.isRoot,
        names: perSyntax((s) => renderPrincipal(s, request.principal)),
      },
      action: { name: request.action, names: perSyntax((s) => actionNameIn(s, request.action)) },
      resource: { type: request.resource.type, name: request.resource.name ?? null, names: perSyntax((s) => renderResource(s, request.resource)) },
      conditions: requestConditions(request),
    },
  };
}
