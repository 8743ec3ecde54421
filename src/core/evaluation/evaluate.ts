import { formatContextKey } from '../policies/document.js';
import { matchesResources, type CompiledPolicySet, type StatementRef } from './compile.js';
import type { EvaluationRequest } from './request.js';
import { RequestScope } from './scope.js';

/**
 * AWS "Policy evaluation logic" for identity policies, which Huawei and Volcengine document alike:
 * an explicit Deny wins, otherwise an Allow allows, otherwise the request is implicitly denied.
 */
export type Decision = 'allow' | 'explicit-deny' | 'implicit-deny';

export interface ConditionTrace {
  operator: string;
  key: string;
  /** the key in the internal key space, e.g. `PrincipalTag/team` */
  internalKey: string;
  policyValues: readonly string[];
  /** what the request held for the key; null when absent */
  requestValues: readonly string[] | null;
  reason: 'not-satisfied' | 'unresolved-variable';
}

/** What happened to one statement whose Action/NotAction covered the request's action. */
export type StatementTrace =
  | { statement: StatementRef; outcome: 'matched' }
  | { statement: StatementRef; outcome: 'resource-mismatch'; resource: string | null }
  | { statement: StatementRef; outcome: 'condition-failed'; condition: ConditionTrace };

export interface EvaluationResult {
  decision: Decision;
  isAllowed: boolean;
  /** the matching Deny statements for an explicit deny, the matching Allow statements for an allow */
  deciding: readonly StatementRef[];
  /** every statement whose action matched, in policy order; empty when tracing is off */
  trace: readonly StatementTrace[];
}

export interface EvaluateOptions {
  /** record per-statement outcomes (default true); `deciding` is always filled */
  trace?: boolean;
}

/**
 * Decides one request against a compiled policy set. Pure: reads only its arguments. Every
 * applicable statement is visited, so `deciding` names all the statements that decided.
 */
export function evaluate(set: CompiledPolicySet, request: EvaluationRequest, options: EvaluateOptions = {}): EvaluationResult {
  const tracing = options.trace !== false;
  const scope = new RequestScope(request);
  const denies: StatementRef[] = [];
  const allows: StatementRef[] = [];
  const trace: StatementTrace[] = [];
  for (const statement of set.forAction(request.action)) {
    if (!matchesResources(statement, scope)) {
      if (tracing) trace.push({ statement: statement.ref, outcome: 'resource-mismatch', resource: scope.resourceIn(statement.syntax) });
      continue;
    }
    let failed = -1;
    const conditions = statement.conditions;
    for (let i = 0; i < conditions.length; i++) {
      if (!conditions[i].test(scope)) {
        failed = i;
        break;
      }
    }
    if (failed >= 0) {
      if (tracing) {
        const condition = conditions[failed];
        const { clause } = condition;
        trace.push({
          statement: statement.ref,
          outcome: 'condition-failed',
          condition: {
            operator: clause.operator,
            key: clause.key,
            internalKey: formatContextKey(clause.contextKey),
            policyValues: clause.values,
            requestValues: condition.seen(scope),
            reason: condition.isUnresolved(scope) ? 'unresolved-variable' : 'not-satisfied',
          },
        });
      }
      continue;
    }
    (statement.effect === 'Deny' ? denies : allows).push(statement.ref);
    if (tracing) trace.push({ statement: statement.ref, outcome: 'matched' });
  }
  if (denies.length > 0) return { decision: 'explicit-deny', isAllowed: false, deciding: denies, trace };
  if (allows.length > 0) return { decision: 'allow', isAllowed: true, deciding: allows, trace };
  return { decision: 'implicit-deny', isAllowed: false, deciding: [], trace };
}
