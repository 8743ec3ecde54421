import type { DecodedAuthorization } from '../../../core/authorization/explanation.js';
import { JsonFields, parseJsonBody } from '../../kit/json-fields.js';
import type { V5Operation } from '../operation.js';
import { ENCODED_MESSAGE } from '../rules.js';

/**
 * STS5 DecodeAuthorizationMessage (api-iam5 "Decoding the Authentication Failure Cause"): POST
 * /v5/decode-authorization-message `{encoded_message}` → 200 `{decoded_message}` (a string), action
 * `sts::decodeAuthorizationMessage`. Served on the v5 port: the same signing, envelope and errors.
 * No npm SDK carries it (@huaweicloud/huaweicloud-sdk-sts is not published).
 */
export const stsOperations: V5Operation[] = [
  {
    name: 'decodeAuthorizationMessage',
    method: 'POST',
    url: '/decode-authorization-message',
    status: 200,
    core: 'authorizationMessages.decode',
    errors: ['missing', 'invalid', 'malformedBody', 'denied'],
    async run({ ctx, body, services }) {
      const input = JsonFields.of(parseJsonBody(body)).onlyKnown(['encoded_message']);
      const decoded = await services.authorizationMessages.decode(ctx, input.requiredString('encoded_message', ENCODED_MESSAGE));
      return { decoded_message: JSON.stringify(renderDecoded(decoded)) };
    },
  },
];

/**
 * The plaintext in Huawei's terms: the docs give its field list nowhere retrieved, so it follows AWS
 * STS DecodedMessage's outline (allowed, explicit deny, matched statements, failures, context) with
 * v5 names (URNs, `iam:users:...V5` actions, `g:` condition keys) and snake_case fields.
 */
function renderDecoded(d: DecodedAuthorization) {
  const statement = (s: DecodedAuthorization['matchedStatements'][number]) => ({
    policy_id: s.policyId,
    policy_name: s.policyName,
    statement_index: s.statementIndex,
    sid: s.sid,
    effect: s.effect,
  });
  return {
    allowed: d.allowed,
    explicit_deny: d.explicitDeny,
    matched_statements: d.matchedStatements.map(statement),
    failures: d.failures.map((f) => ({
      ...statement(f),
      reason: f.outcome,
      ...(f.resource !== undefined ? { resource: f.resource } : {}),
      ...(f.condition
        ? {
            condition: {
              operator: f.condition.operator,
              key: f.condition.key,
              values: f.condition.policyValues,
              request_values: f.condition.requestValues,
              reason: f.condition.reason,
            },
          }
        : {}),
    })),
    context: {
      request_id: d.context.requestId,
      time: d.context.time,
      principal: { urn: d.context.principal.names['huawei-v5'], user_id: d.context.principal.userId, user_name: d.context.principal.userName },
      action: d.context.action.names['huawei-v5'],
      resource: d.context.resource.names['huawei-v5'] ?? '*',
      conditions: d.context.conditions.map((c) => ({ key: `g:${c.key}`, values: c.values })),
    },
  };
}
