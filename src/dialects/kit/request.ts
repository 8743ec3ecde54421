import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { SignedRequest } from '../../auth/signing/signed-request.js';
import type { CallFacts } from '../../core/audit/audit-service.js';
import { jsonLeaves, type AuditParameterSource } from '../../core/audit/parameters.js';
import type { CallContext, Principal } from '../../core/principal.js';

/**
 * What the kit reads of a request to verify or to answer it: a routed FastifyRequest has it, and so does
 * a request the framework refused before routing (bad URL, header block too large), seen from its bytes.
 */
export interface RequestView {
  method: string;
  headers: IncomingHttpHeaders;
  raw: { url?: string | undefined };
  body?: unknown;
}

/** The exact bytes and headers of a request, for signature verification. */
export function toSignedRequest(request: RequestView): SignedRequest {
  const url = request.raw.url ?? '/';
  const q = url.indexOf('?');
  return {
    method: request.method.toUpperCase(),
    path: q === -1 ? url : url.slice(0, q),
    rawQuery: q === -1 ? '' : url.slice(q + 1),
    headers: request.headers,
    body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
  };
}

/**
 * The call context of an authenticated request. `operation` (the action in the dialect's words) and
 * `parameters` (its parsed input, read lazily) are for the audit trail, which keeps only allow-listed
 * parameters (core/audit/parameters.ts); by default the JSON body and the path parameters.
 */
export function callContext(
  request: FastifyRequest,
  principal: Principal,
  dialect: string,
  operation?: string,
  parameters: AuditParameterSource = requestParameters(request),
): CallContext {
  const userAgent = request.headers['user-agent'];
  return {
    principal,
    requestId: request.id,
    dialect,
    sourceIp: request.ip ?? null,
    secureTransport: request.protocol === 'https',
    userAgent: userAgent ?? null,
    operation: operation ?? `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`,
    parameters,
  };
}

/** A REST request's path parameters, query and JSON body as (name, value) pairs, read when iterated. */
export function requestParameters(request: FastifyRequest): AuditParameterSource {
  return {
    *[Symbol.iterator]() {
      yield* jsonLeaves(request.params);
      yield* jsonLeaves(request.query);
      const body = request.body;
      if (body !== undefined && body !== null && !Buffer.isBuffer(body)) yield* jsonLeaves(body);
      else if (Buffer.isBuffer(body) && body.length > 0 && body.length < 65_536 && body[0] === 0x7b) {
        try {
          yield* jsonLeaves(JSON.parse(body.toString('utf8')));
        } catch {
          // not JSON: nothing of it is kept
        }
      }
    },
  };
}

/** Keys in a raw query string, decoded; a key given twice is kept twice so dialects can refuse it. */
export function queryPairs(request: FastifyRequest): Array<[string, string]> {
  const url = request.raw.url ?? '/';
  const q = url.indexOf('?');
  if (q === -1) return [];
  return [...new URLSearchParams(url.slice(q + 1)).entries()];
}

/** What the audit log records about a call that failed before (or outside) a core command. */
export function rejectedCallFacts(request: FastifyRequest, dialect: string, action: string, ctx: CallContext | undefined): CallFacts {
  return {
    requestId: request.id,
    dialect,
    action,
    sourceIp: request.ip,
    accountId: ctx?.principal.accountId ?? null,
    principalUserId: ctx?.principal.userId ?? null,
    accessKeyId: ctx?.principal.accessKeyId ?? null,
    userName: ctx?.principal.userName ?? null,
    userAgent: request.headers['user-agent'] ?? null,
    operation: ctx?.operation ?? action,
    parameters: ctx?.parameters ?? requestParameters(request),
  };
}
