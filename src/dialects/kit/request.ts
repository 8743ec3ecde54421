import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { SignedRequest } from '../../auth/signing/signed-request.js';
import type { CallFacts } from '../../core/audit/audit-service.js';
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

export function callContext(request: FastifyRequest, principal: Principal, dialect: string): CallContext {
  return {
    principal,
    requestId: request.id,
    dialect,
    sourceIp: request.ip ?? null,
    secureTransport: request.protocol === 'https',
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
  };
}
