import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DialectServices } from '../../app/services.js';
import { detectScheme } from '../../auth/signing/index.js';
import type { SignedRequest } from '../../auth/signing/signed-request.js';
import { isIamError } from '../../core/errors.js';
import type { CallContext } from '../../core/principal.js';
import type { QueryDialect, Rendered, RenderContext } from './query-dialect.js';
import { decodeUtf8, flattenJson, parseFormEncoded, QueryParams } from './query-params.js';
import { callContext, rejectedCallFacts, toSignedRequest } from './request.js';
import { WireValidationError } from './wire-errors.js';


export interface QueryApiOptions {
  services: DialectServices;
  dialects: QueryDialect[];
  /** renders errors when no dialect can be told from the request (no Version, no known signature) */
  fallback: QueryDialect;
}

/**
 * One endpoint, `/`, for every query-style API (`Action` + `Version`): AWS, Kingsoft, Volcengine, STS.
 * DESIGN.md "One request": the dialect is picked by `Version`, and where that is absent or unknown, by
 * the signature scheme; then the action is looked up, the signature verified, and the operation run.
 */
export async function queryApiPlugin(app: FastifyInstance, options: QueryApiOptions): Promise<void> {
  const { services, dialects, fallback } = options;

  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
    const context: RenderContext = { requestId: request.id, request, now: services.clock.now() };
    let dialect: QueryDialect | undefined;
    let ctx: CallContext | undefined;
    try {
      const signed = toSignedRequest(request);
      // picked first from a lenient read, so input the strict parser refuses is answered in the
      // envelope of the dialect the request names, not the fallback's
      dialect = pickDialect(dialects, fallback, looseVersion(signed), signed);
      const pairs = parseFormEncoded(decodeUtf8(Buffer.from(signed.rawQuery, 'latin1'), 'query'), 'query');
      const body = formOrJson(request, signed);
      const version = [...pairs, ...body.form].find(([k]) => k === 'Version')?.[1];
      dialect = pickDialect(dialects, fallback, version, signed);
      const params = new QueryParams([...pairs, ...body.form, ...(body.json !== undefined && dialect.acceptsJsonBody ? flattenJson(body.json) : [])]);
      if (body.json !== undefined && !dialect.acceptsJsonBody) throw new WireValidationError('Content-Type', 'JSON bodies are not accepted by this API', 'malformed-body');
      context.action = params.get('Action');
      if (version !== undefined) context.version = version;
      if (version === undefined) throw new WireValidationError('Version', 'is required', 'missing');
      if (!dialect.versions.includes(version)) throw new WireValidationError('Version', `\`${version}\` is not a supported version`, 'unsupported-version');
      const action = context.action;
      if (action === undefined || action === '') throw new WireValidationError('Action', 'is required', 'missing');
      const operation = dialect.operations.get(action);
      if (!operation) throw new WireValidationError('Action', `\`${action}\` is not a valid action for version \`${version}\``, 'unknown-operation');
      const { principal, signature } = await authenticate(services, request, signed, dialect, action);
      if (signature.region !== undefined) context.region = signature.region;
      ctx = callContext(request, principal, dialect.name);
      void services.accessKeys.markUsed(principal.accessKeyId!, 'iam');
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
function guessDialect(request: FastifyRequest, dialects: QueryDialect[], fallback: QueryDialect, context: RenderContext): QueryDialect {
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

async function authenticate(services: DialectServices, request: FastifyRequest, signed: SignedRequest, dialect: QueryDialect, action: string) {
  try {
    const authenticated = await services.authenticator.authenticate(signed, dialect.schemes);
    dialect.checkSignature?.(authenticated.signature);
    return authenticated;
  } catch (err) {
    services.audit.rejected(rejectedCallFacts(request, dialect.name, action ?? 'unknown', undefined), err);
    throw err;
  }
}

/** `Version` from the query, else from the body, read leniently (never throws; strict parsing follows) */
function looseVersion(signed: SignedRequest): string | undefined {
  const fromQuery = new URLSearchParams(signed.rawQuery).get('Version');
  if (fromQuery !== null) return fromQuery;
  return new URLSearchParams(signed.body.toString('latin1')).get('Version') ?? undefined;
}

function pickDialect(dialects: QueryDialect[], fallback: QueryDialect, version: string | undefined, signed: SignedRequest): QueryDialect {
  const byVersion = version === undefined ? undefined : dialects.find((d) => d.versions.includes(version));
  if (byVersion) return byVersion;
  const parsed = detectScheme(signed);
  const scheme = parsed !== null && typeof parsed === 'object' ? parsed.scheme : undefined;
  return dialects.find((d) => d.ownsScheme(scheme)) ?? fallback;
}

/** Form bodies are read as parameters; a JSON body is kept for the dialects that accept one. */
function formOrJson(request: FastifyRequest, signed: SignedRequest): { form: Array<[string, string]>; json?: unknown } {
  if (signed.body.length === 0) return { form: [] };
  const type = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const text = decodeUtf8(signed.body, 'body');
  if (type === 'application/json') {
    try {
      const json: unknown = JSON.parse(text);
      if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('not an object');
      return { form: [], json };
    } catch {
      throw new WireValidationError('body', 'is not a JSON object', 'malformed-body');
    }
  }
  if (type === 'application/x-www-form-urlencoded' || type === '') return { form: parseFormEncoded(text, 'body') };
  throw new WireValidationError('Content-Type', `\`${type}\` is not accepted; send application/x-www-form-urlencoded`, 'malformed-body');
}

function send(reply: FastifyReply, rendered: Rendered) {
  reply.code(rendered.status).header('content-type', rendered.contentType);
  for (const [name, value] of Object.entries(rendered.headers ?? {})) reply.header(name, value);
  return reply.send(rendered.body);
}
