import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DialectServices } from '../../front/services.js';
import type { AuthenticatedToken } from '../../auth/tokens/token-service.js';
import { AuthenticationError, isIamError } from '../../core/errors.js';
import type { CallContext } from '../../core/principal.js';
import { callContext, queryPairs, rejectedCallFacts, toSignedRequest } from '../kit/request.js';
import { KeystoneHttpError, toKeystoneError } from './errors.js';
import { DIALECT, type V3Operation } from './operation.js';
import { discoveryOperations } from './operations/discovery.js';
import { groupOperations } from './operations/groups.js';
import { grantOperations } from './operations/grants.js';
import { systemGrantOperations } from './operations/system-grants.js';
import { projectOperations } from './operations/projects.js';
import { roleOperations } from './operations/roles.js';
import { tokenOperations } from './operations/tokens.js';
import { userOperations } from './operations/users.js';
import { requestOrigin } from './versions.js';
import { mfaOperations } from './operations/mfa.js';
import { agencyOperations } from './operations/agencies.js';
import { securityTokenOperations } from './operations/security-tokens.js';
import { quotaOperations } from './operations/quotas.js';
import { catalogOperations } from './operations/catalog.js';
import { aclPolicyOperations } from './operations/acl-policy.js';
import { passwordPolicyOperations } from './operations/password-policy.js';
import { protectPolicyOperations } from './operations/protect-policy.js';
import { domainOperations } from './operations/domains.js';
import { reachOwnerOf } from './operations/operator-scope.js';
import { credentialOperations } from './operations/credentials.js';
import { applicationCredentialOperations } from './operations/application-credentials.js';
import { endpointGroupOperations } from './operations/endpoint-groups.js';
import { domainConfigOperations } from './operations/domain-config.js';
import { policyOperations } from './operations/policies.js';
import { oauthConsumerOperations } from './operations/oauth-consumers.js';
import { permanentAccessKeyOperations } from './operations/permanent-access-keys.js';
import { osUserOperations } from './operations/os-users.js';

export { DIALECT };

export const v3Operations: V3Operation[] = [...discoveryOperations, ...tokenOperations, ...userOperations, ...groupOperations, ...projectOperations, ...roleOperations, ...grantOperations, ...catalogOperations, ...domainOperations, ...credentialOperations, ...applicationCredentialOperations, ...endpointGroupOperations, ...domainConfigOperations, ...policyOperations, ...oauthConsumerOperations, ...systemGrantOperations];

/** Huawei IAM v3.0 (OS-MFA, OS-USER, OS-SECURITYPOLICY): the same machinery, mounted with prefix `/v3.0` */
export const v30Operations: V3Operation[] = [...mfaOperations, ...agencyOperations, ...securityTokenOperations, ...quotaOperations, ...protectPolicyOperations, ...passwordPolicyOperations, ...aclPolicyOperations, ...permanentAccessKeyOperations, ...osUserOperations];

/** How a mount answers refusals: Keystone's envelope under /v3, Huawei's `error_code`/`error_msg` under /v3.0. */
export type V3ErrorRenderer = (err: unknown, requestId: string, bodyLimit?: number) => { status: number; body: unknown; headers?: Record<string, string> };

interface Caller {
  ctx: CallContext;
  token: AuthenticatedToken | undefined;
}

/**
 * Huawei IAM v3, the Keystone-compatible API: X-Auth-Token (or the SDK's AK/SK signature), Keystone
 * bodies and errors, `X-Openstack-Request-Id` on every response. Mount with prefix `/v3`.
 */
export async function huaweiV3Plugin(app: FastifyInstance, options: { services: DialectServices; bodyLimit?: number; publicUrl?: string | undefined; rules?: 'huawei' | 'keystone'; operations?: V3Operation[]; pathPrefix?: string; errors?: V3ErrorRenderer }): Promise<void> {
  const { services } = options;
  const renderError: V3ErrorRenderer = options.errors ?? toKeystoneError;
  const operations = options.operations ?? v3Operations;
  const callers = new WeakMap<FastifyRequest, Caller>();
  const routes = routeTable(operations, options.pathPrefix ?? '/v3');

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-openstack-request-id', openstackRequestId(request.id));
  });

  app.setErrorHandler((err, request, reply) => {
    const mapped = renderError(err, request.id, options.bodyLimit);
    if (mapped.status >= 500) request.log.error({ err }, 'huawei-v3 request failed');
    // core commands and the auth hook audit their own failures; what remains never reached either
    if (!isIamError(err)) services.audit.rejected(rejectedCallFacts(request, DIALECT, actionOf(request), callers.get(request)?.ctx), err);
    for (const [name, value] of Object.entries(mapped.headers ?? {})) reply.header(name, value);
    return send(reply, mapped.status, mapped.body);
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const allowed = routes.allowedMethods(path);
    const err =
      allowed.length > 0
        ? new KeystoneHttpError(405, `the method \`${request.method}\` is not allowed for \`${path}\`; allowed: ${allowed.join(', ')}`, { allow: allowed.join(', ') })
        : new KeystoneHttpError(404, `the API \`${request.method} ${path}\` does not exist`);
    services.audit.rejected(rejectedCallFacts(request, DIALECT, actionOf(request), undefined), err);
    const mapped = renderError(err, request.id);
    for (const [name, value] of Object.entries(mapped.headers ?? {})) reply.header(name, value);
    return send(reply, mapped.status, mapped.body);
  });

  // Authenticate after the body is read: an AK/SK signature covers its exact bytes.
  app.addHook('preHandler', async (request) => {
    const operation = operationOf(request);
    if (!operation || operation.access === 'none') return;
    try {
      callers.set(request, await authenticate(services, request, operation));
    } catch (err) {
      services.audit.rejected(rejectedCallFacts(request, DIALECT, actionOf(request), undefined), err);
      throw err;
    }
  });

  for (const operation of operations) {
    app.route({
      method: operation.method,
      url: operation.url,
      // GET /v3/auth/tokens has a HEAD of its own, with its own meaning
      exposeHeadRoute: !routes.hasExplicitHead(operation.url),
      config: { operation },
      handler: async (request, reply) => {
        const caller = callers.get(request);
        const call = {
          ctx: caller?.ctx,
          token: caller?.token,
          params: request.params as Record<string, string>,
          query: queryPairs(request),
          body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
          services,
          request,
          origin: requestOrigin(request, options.publicUrl),
          rules: options.rules ?? 'huawei',
        };
        const result = await operation.run(call).catch(async (err: unknown) => {
          // a cloud operator naming another domain's user, group or project by id acts in that domain (issue #16)
          const reached = isNotFound(err) ? await reachOwnerOf(call) : undefined;
          if (!reached) throw err;
          return operation.run({ ...call, ctx: reached });
        });
        for (const [name, value] of Object.entries(result.headers ?? {})) reply.header(name, value);
        if (result.json !== undefined) return reply.code(result.status).header('content-type', 'application/json').send(result.json);
        if (result.stream !== undefined) return reply.code(result.status).header('content-type', 'application/json').send(Readable.from(result.stream));
        return result.body === undefined ? reply.code(result.status).send() : send(reply, result.status, result.body);
      },
    });
  }
}

/** X-Auth-Token when present, else the Huawei SDK's AK/SK signature. @throws authentication-failed */
async function authenticate(services: DialectServices, request: FastifyRequest, operation: V3Operation): Promise<Caller> {
  const token = request.headers['x-auth-token'];
  // an agency token (Keystone token by `assume_role`, issue #13) is a sealed session token: it has dots,
  // a Keystone token of this server never does
  if (typeof token === 'string' && token.includes('.')) {
    const { principal } = await services.sessionCredentials.resolveToken(token);
    return { ctx: callContext(request, principal, DIALECT, actionOf(request)), token: undefined };
  }
  if (token !== undefined) {
    const authenticated = await services.tokens.authenticate(Array.isArray(token) ? token.join(',') : token);
    if (authenticated.claims.passwordChangeOnly && operation.access !== 'password-change') {
      throw new KeystoneHttpError(
        403,
        `the password of user \`${authenticated.subject.user.name}\` must be changed before this token can be used for anything else: POST /v3/users/${authenticated.subject.user.id}/password`,
      );
    }
    // the token's audit id (Keystone `audit_ids`), never the token: the audit trail's session id
    const ctx = callContext(request, authenticated.principal, DIALECT, actionOf(request));
    ctx.sessionId = authenticated.claims.tokenId;
    return { ctx, token: authenticated };
  }
  if (request.headers.authorization === undefined) throw new AuthenticationError('missing');
  const { principal } = await services.authenticator.authenticate(toSignedRequest(request), ['huawei-sdk-hmac']);
  // a temporary AK/SK with X-Security-Token (issue #13) marks its agency used, not a long-term key
  if (principal.session) void services.roles.markUsed(principal.session.roleId, null);
  else void services.accessKeys.markUsed(principal.accessKeyId!, 'iam');
  return { ctx: callContext(request, principal, DIALECT, actionOf(request)), token: undefined };
}

function operationOf(request: FastifyRequest): V3Operation | undefined {
  return (request.routeOptions.config as { operation?: V3Operation } | undefined)?.operation;
}

function send(reply: FastifyReply, status: number, body: unknown) {
  return reply.code(status).header('content-type', 'application/json').send(JSON.stringify(body));
}

/** Keystone's request ids look like `req-<uuid>`: the server's request id, spelled that way. */
export function openstackRequestId(id: string): string {
  const hex = /^[0-9a-f]{32}$/.test(id) ? id : id.replace(/[^0-9a-f]/g, '').padEnd(32, '0').slice(0, 32);
  return `req-${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The table's paths as patterns, to tell "no such API" (404) from "not with this method" (405). */
function routeTable(operations: V3Operation[], pathPrefix: string) {
  const patterns = new Map<string, { regex: RegExp; methods: Set<string> }>();
  for (const op of operations) {
    const entry = patterns.get(op.url) ?? { regex: new RegExp(`^${pathPrefix.replace('.', '\\.')}${op.url.replace(/:[a-z_]+/g, '[^/]+').replace(/\/$/, '')}/?$`), methods: new Set<string>() };
    entry.methods.add(op.method);
    patterns.set(op.url, entry);
  }
  for (const entry of patterns.values()) if (entry.methods.has('GET')) entry.methods.add('HEAD');
  return {
    allowedMethods(path: string): string[] {
      for (const entry of patterns.values()) if (entry.regex.test(path)) return [...entry.methods].sort();
      return [];
    },
    hasExplicitHead(url: string): boolean {
      return operations.some((op) => op.url === url && op.method === 'HEAD');
    },
  };
}

/** the SDK operation name for the audit log, or the method and path when no route matched */
function actionOf(request: FastifyRequest): string {
  return operationOf(request)?.name ?? `${request.method} ${request.url.split('?')[0]}`;
}

/** a 404 of the core or of the dialect */
function isNotFound(err: unknown): boolean {
  return (isIamError(err) && err.kind === 'not-found') || (err instanceof KeystoneHttpError && err.status === 404);
}
