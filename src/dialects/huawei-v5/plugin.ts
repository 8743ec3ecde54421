import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DialectServices } from '../../front/services.js';
import { isIamError } from '../../core/errors.js';
import type { CallContext } from '../../core/principal.js';
import { callContext, queryPairs, rejectedCallFacts, toSignedRequest } from '../kit/request.js';
import { emptyRecord } from '../kit/own.js';
import { WireValidationError } from '../kit/wire-errors.js';
import { toV5Error } from './errors.js';
import type { V5Operation } from './operation.js';
import { accessKeyOperations } from './operations/access-keys.js';
import { loginProfileOperations } from './operations/login-profiles.js';
import { passwordOperations } from './operations/passwords.js';
import { tagOperations } from './operations/tags.js';
import { userOperations } from './operations/users.js';
import { attachmentOperations } from './operations/attachments.js';
import { groupOperations } from './operations/groups.js';
import { policyOperations } from './operations/policies.js';
import { stsOperations } from './operations/sts.js';
import { agencyOperations } from './operations/agencies.js';
import { serviceLinkedAgencyOperations } from './operations/service-linked-agencies.js';
import { accountSummaryOperations } from './operations/account-summary.js';
import { mfaOperations } from './operations/mfa.js';

export const DIALECT = 'huawei-v5';

/** last_used_at is exact to this much: a key used again within it is not written again */

export const v5Operations: V5Operation[] = [
  ...userOperations,
  ...loginProfileOperations,
  ...accessKeyOperations,
  ...passwordOperations,
  ...tagOperations,
  ...groupOperations,
  ...policyOperations,
  ...attachmentOperations,
  ...agencyOperations,
  ...serviceLinkedAgencyOperations,
  ...mfaOperations,
  ...accountSummaryOperations,
];

/** Served on the v5 port but not by the IAM SDK's `IamClient`: STS5 DecodeAuthorizationMessage. */
export const sts5Operations: V5Operation[] = stsOperations;

/** Huawei IAM v5 (REST JSON under /v5, SDK-HMAC-SHA256 AK/SK signing). Mount with prefix `/v5`. */
export async function huaweiV5Plugin(app: FastifyInstance, options: { services: DialectServices }): Promise<void> {
  const { services } = options;
  const contexts = new WeakMap<FastifyRequest, CallContext>();

  app.setErrorHandler((err, request, reply) => {
    const mapped = toV5Error(err, request.id);
    if (mapped.status >= 500) request.log.error({ err }, 'huawei-v5 request failed');
    // core commands and the auth hook audit their own failures; what remains never reached either
    if (!isIamError(err)) services.audit.rejected(rejectedCallFacts(request, DIALECT, operationName(request), contexts.get(request)), err);
    return send(reply, mapped.status, mapped.body);
  });

  app.setNotFoundHandler((request, reply) => {
    // API gateway code for a path no API is published on
    return send(reply, 404, { error_code: 'APIGW.0101', error_msg: `the API \`${request.method} ${request.url.split('?')[0]}\` does not exist`, request_id: request.id });
  });

  // Authenticate after the body is read: the signature covers its exact bytes.
  app.addHook('preHandler', async (request) => {
    try {
      const { principal } = await services.authenticator.authenticate(toSignedRequest(request), ['huawei-sdk-hmac']);
      contexts.set(request, callContext(request, principal, DIALECT, operationName(request)));
      // a temporary AK/SK with X-Security-Token (issue #13) marks its role used, not a long-term key
      if (principal.session) void services.roles.markUsed(principal.session.roleId, null);
      else void services.accessKeys.markUsed(principal.accessKeyId!, 'iam');
    } catch (err) {
      services.audit.rejected(rejectedCallFacts(request, DIALECT, operationName(request), undefined), err);
      throw err;
    }
  });

  for (const operation of [...v5Operations, ...sts5Operations]) {
    app.route({
      method: operation.method,
      url: operation.url,
      config: { operation: operation.name },
      handler: async (request, reply) => {
        const result = await operation.run({
          ctx: contexts.get(request)!,
          params: request.params as Record<string, string>,
          query: singleValuedQuery(request),
          body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
          services,
        });
        return result === undefined ? reply.code(operation.status).send() : send(reply, operation.status, result);
      },
    });
  }
}

function send(reply: FastifyReply, status: number, body: unknown) {
  return reply.code(status).header('content-type', 'application/json;charset=utf-8').send(JSON.stringify(body));
}

function operationName(request: FastifyRequest): string {
  const config = request.routeOptions.config as { operation?: string } | undefined;
  return config?.operation ?? `${request.method} ${request.url.split('?')[0]}`;
}

/** v5 query parameters are single-valued; a repeated one is refused rather than guessed at. */
function singleValuedQuery(request: FastifyRequest): Record<string, string> {
  // no prototype: a parameter named `constructor` is a parameter like any other (#9)
  const query = emptyRecord<string>();
  for (const [key, value] of queryPairs(request)) {
    if (Object.hasOwn(query, key)) throw new WireValidationError(key, 'is given more than once');
    query[key] = value;
  }
  return query;
}
