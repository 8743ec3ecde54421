import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DialectServices } from '../../front/services.js';
import type { AuthenticatedRequest } from '../../auth/request-authenticator.js';
import { detectScheme } from '../../auth/signing/index.js';
import type { SignedRequest } from '../../auth/signing/signed-request.js';
import { isIamError } from '../../core/errors.js';
import type { CallContext } from '../../core/principal.js';
import type { QueryDialect, Rendered, RenderContext } from './query-dialect.js';
import { decodeQueryText, decodeUtf8, flattenJson, parseFormEncoded, QueryParams } from './query-params.js';
import { callContext, rejectedCallFacts, toSignedRequest, type RequestView } from './request.js';
import { WireValidationError } from './wire-errors.js';


export interface QueryApiOptions {
  services: DialectServices;
  dialects: QueryDialect[];
  /** renders errors when no dialect can be told from the request (no Version, no known signature) */
  fallback: QueryDialect;
  /** answers the requests at `/` that are not query-API calls (`claims` says which), e.g. Keystone's version list */
  root?: { claims(request: FastifyRequest): boolean; answer(request: FastifyRequest, reply: FastifyReply): unknown };
}

/**
 * One endpoint, `/`, for every query-style API (`Action` + `Version`): AWS, Kingsoft, Volcengine, STS.
 * DESIGN.md "One request": the dialect is picked by `Version`, and where that is absent or unknown, by
 * the signature scheme; then the action is looked up, the signature verified, and the operation run.
 */
export async function queryApiPlugin(app: FastifyInstance, options: QueryApiOptions): Promise<void> {
  const { services, dialects, fallback, root } = options;

  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
    if (root !== undefined && root.claims(request)) return root.answer(request, reply);
    const context: RenderContext = { requestId: request.id, request, now: services.clock.now() };
    let dialect: QueryDialect | undefined;
    let ctx: CallContext | undefined;
    try {
      const signed = toSignedRequest(request);
      let pairs: Array<[string, string]>;
      let json: unknown;
      try {
        // one strict read of the query and the body, into one list
        pairs = parseFormEncoded(decodeQueryText(signed.rawQuery), 'query');
        json = readBody(request, signed, pairs);
      } catch (err) {
        // input the strict parser refuses is answered in the envelope of the dialect the request names,
        // read leniently, not in the fallback's
        dialect = pickDialect(dialects, fallback, looseVersion(signed), signed);
        throw err;
      }
      const version = firstValue(pairs, 'Version');
      dialect = pickDialect(dialects, fallback, version, signed);
      if (json !== undefined && dialect.acceptsJsonBody) flattenJson(json, '', pairs);
      const params = new QueryParams(pairs);
      if (json !== undefined && !dialect.acceptsJsonBody) throw new WireValidationError('Content-Type', 'JSON bodies are not accepted by this API', 'malformed-body');
      context.action = params.get('Action');
      if (version !== undefined) context.version = version;
      if (version === undefined) throw new WireValidationError('Version', 'is required', 'missing');
      if (!dialect.versions.includes(version)) throw new WireValidationError('Version', `\`${version}\` is not a supported version`, 'unsupported-version');
      const action = context.action;
      if (action === undefined || action === '') throw new WireValidationError('Action', 'is required', 'missing');
      const operation = dialect.operations.get(action);
      if (!operation) throw new WireValidationError('Action', `\`${action}\` is not a valid action for version \`${version}\``, 'unknown-operation');
      // inline rather than a helper: one async frame fewer on every request
      let authenticated: AuthenticatedRequest;
      try {
        authenticated = await services.authenticator.authenticate(signed, dialect.schemes);
        dialect.checkSignature?.(authenticated.signature);
      } catch (err) {
        services.audit.rejected(rejectedCallFacts(request, dialect.name, action, undefined), err);
        throw err;
      }
      const { principal, signature } = authenticated;
      if (signature.region !== undefined) context.region = signature.region;
      ctx = callContext(request, principal, dialect.name, action, params);
      // a role session's use is the role's RoleLastUsed; its temporary key is stored nowhere
      if (principal.session) void services.roles.markUsed(principal.session.roleId, signature.region ?? null);
      else void services.accessKeys.markUsed(principal.accessKeyId!, signature.service ?? 'iam', signature.region ?? null);
      const result = await operation.run({ ctx, params, services, request, signature });
      return send(reply, dialect.renderSuccess(result, context));
    } catch (err) {
      // refused before the dialect was known (bytes that are not UTF-8, a repeated key): the raw query
      // still says which dialect's envelope the client reads
      dialect ??= guessDialect(request, dialects, fallback, context);
      // core commands and authentication audit themselves; what remains never reached either
      if (!isIamError(err)) services.audit.rejected(rejectedCallFacts(request, dialect.name, context.action ?? 'unknown', ctx), err);
      const rendered = dialect.renderError(err, context);
      if (rendered.status >= 500) request.log.error({ err }, `${dialect.name} request failed`);
      return send(reply, rendered);
    }
  };

  // Errors Fastify raises before the handler runs (a body past the limit, a bad Content-Length) are
  // rendered in the envelope of the dialect the query names, not in another dialect's error format.
  app.setErrorHandler((err, request, reply) => {
    const context: RenderContext = { requestId: request.id, request, now: services.clock.now() };
    const dialect = guessDialect(request, dialects, fallback, context);
    services.audit.rejected(rejectedCallFacts(request, dialect.name, context.action ?? 'unknown', undefined), err);
    const rendered = dialect.renderError(err, context);
    if (rendered.status >= 500) request.log.error({ err }, `${dialect.name} request failed`);
    return send(reply, rendered);
  });

  app.route({ method: ['GET', 'POST'], url: '/', handler: handle });
}

/**
 * The dialect a request names, read leniently (URLSearchParams never throws) for rendering an error
 * found before the strict parse could pick it; fills in `Action` and `Version` for the envelope.
 */
export function guessDialect(request: RequestView, dialects: QueryDialect[], fallback: QueryDialect, context: RenderContext): QueryDialect {
  try {
    const signed = toSignedRequest(request);
    const query = new URLSearchParams(signed.rawQuery);
    const version = query.get('Version') ?? undefined;
    if (version !== undefined) context.version ??= version;
    const action = query.get('Action') ?? undefined;
    if (action !== undefined) context.action ??= action;
    return pickDialect(dialects, fallback, version, signed);
  } catch {
    // the request itself is unreadable: the fallback dialect renders the original error
    return fallback;
  }
}

function pickDialect(dialects: QueryDialect[], fallback: QueryDialect, version: string | undefined, signed: SignedRequest): QueryDialect {
  const byVersion = version === undefined ? undefined : dialects.find((d) => d.versions.includes(version));
  if (byVersion) return byVersion;
  const parsed = detectScheme(signed);
  const scheme = parsed !== null && typeof parsed === 'object' ? parsed.scheme : undefined;
  return dialects.find((d) => d.ownsScheme(scheme)) ?? fallback;
}

/** `Version` from the query, else from the body, read leniently (never throws), for a request the strict read refused */
function looseVersion(signed: SignedRequest): string | undefined {
  const fromQuery = new URLSearchParams(signed.rawQuery).get('Version');
  if (fromQuery !== null) return fromQuery;
  return new URLSearchParams(signed.body.toString('latin1')).get('Version') ?? undefined;
}

/** the value of the first pair named `name`: the query's before the body's, as they were appended */
function firstValue(pairs: Array<[string, string]>, name: string): string | undefined {
  for (const pair of pairs) if (pair[0] === name) return pair[1];
  return undefined;
}

/**
 * A form body's parameters are appended to `pairs`; a JSON body is returned, for the dialects that
 * accept one (flattened once the dialect is known).
 */
function readBody(request: FastifyRequest, signed: SignedRequest, pairs: Array<[string, string]>): unknown {
  if (signed.body.length === 0) return undefined;
  const full = String(request.headers['content-type'] ?? '');
  const semicolon = full.indexOf(';');
  const type = (semicolon === -1 ? full : full.slice(0, semicolon)).trim().toLowerCase();
  const text = decodeUtf8(signed.body, 'body');
  if (type === 'application/json') {
    try {
      const json: unknown = JSON.parse(text);
      if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('not an object');
      return json;
    } catch {
      throw new WireValidationError('body', 'is not a JSON object', 'malformed-body');
    }
  }
  if (type === 'application/x-www-form-urlencoded' || type === '') {
    parseFormEncoded(text, 'body', pairs);
    return undefined;
  }
  throw new WireValidationError('Content-Type', `\`${type}\` is not accepted; send application/x-www-form-urlencoded`, 'malformed-body');
}

function send(reply: FastifyReply, rendered: Rendered) {
  reply.code(rendered.status).header('content-type', rendered.contentType);
  const headers = rendered.headers;
  if (headers !== undefined) for (const name in headers) reply.header(name, headers[name]!);
  return reply.send(rendered.body);
}
