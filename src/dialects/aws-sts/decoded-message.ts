import type { DecodedAuthorization, ExplainedFailure, ExplainedStatement } from '../../core/authorization/explanation.js';

/**
 * AWS STS DecodeAuthorizationMessage `DecodedMessage`: a JSON text with `allowed`, `explicitDeny`,
 * `matchedStatements.items`, `failures.items` and `context` (principal, action, resource, conditions
 * as `{key, values.items[].value}`), as the STS API reference's example shows it. Names are AWS's;
 * a statement written in another syntax keeps its own names (`g:ResourceTag/team` for Huawei v5).
 */
export function renderDecodedMessage(decoded: DecodedAuthorization): string {
  const { context } = decoded;
  return JSON.stringify({
    allowed: decoded.allowed,
    explicitDeny: decoded.explicitDeny,
    matchedStatements: { items: decoded.matchedStatements.map(statement) },
    failures: { items: decoded.failures.map(failure) },
    context: {
      principal: { id: context.principal.userId, name: context.principal.userName, arn: context.principal.names.aws },
      action: context.action.names.aws,
      resource: context.resource.names.aws ?? '*',
      conditions: {
        items: context.conditions.map((c) => ({ key: `aws:${c.key}`, values: { items: c.values.map((value) => ({ value })) } })),
      },
    },
  });
}

function statement(s: ExplainedStatement) {
  return {
    statementId: s.sid ?? '',
    effect: s.effect.toUpperCase(),
    source: { policyId: s.policyId, policyName: s.policyName, statementIndex: s.statementIndex, syntax: s.syntax },
  };
}

/** polyiam's addition: why a statement whose action matched did not apply (the failed condition and the value seen) */
function failure(f: ExplainedFailure) {
  return {
    ...statement(f),
    reason: f.outcome,
    ...(f.resource !== undefined ? { resource: f.resource } : {}),
    ...(f.condition
      ? {
          condition: {
            operator: f.condition.operator,
            key: f.condition.key,
            policyValues: f.condition.policyValues,
            requestValues: f.condition.requestValues,
            reason: f.condition.reason,
          },
        }
      : {}),
  };
}
