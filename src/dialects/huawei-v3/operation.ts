import type { FastifyRequest } from 'fastify';
import type { DialectServices } from '../../front/services.js';
import type { AuthenticatedToken } from '../../auth/tokens/token-service.js';
import type { CallContext } from '../../core/principal.js';

/** the dialect name in call contexts and audit events */
export const DIALECT = 'huawei-v3';

export interface V3Call {
  /** the authenticated caller; absent only on routes with `auth: 'none'` */
  ctx: CallContext | undefined;
  /** the caller's token, when it authenticated with X-Auth-Token rather than AK/SK */
  token: AuthenticatedToken | undefined;
  params: Record<string, string | undefined>;
  /** decoded query pairs, repeated keys kept */
  query: Array<[string, string]>;
  body: Buffer;
  services: DialectServices;
  request: FastifyRequest;
  /** `http://host:port`, for `links` and the token catalog */
  origin: string;
  /** whose validation rules /v3 users follow (POLYIAM_V3_RULES) */
  rules: 'huawei' | 'keystone';
}

export interface V3Result {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** a JSON body written out as it is produced (a whole Keystone list, list-paging.ts), instead of `body` */
  stream?: AsyncIterable<string>;
  /** a body already serialized (a listing rendered once and kept, grants.ts), instead of `body` */
  json?: Buffer;
}

/**
 * Who may call an operation:
 * - `none`: anyone (it authenticates by itself, like POST /v3/auth/tokens, or shows nothing secret)
 * - `required`: an X-Auth-Token with full rights, or an AK/SK signature
 * - `password-change`: also a token issued for changing an expired or temporary password
 */
export type V3Access = 'none' | 'required' | 'password-change';

/** One row of the v3 table: the SDK method name, its route, who may call it, and one call into core. */
export interface V3Operation {
  /** the `IamClient` method of @huaweicloud/huaweicloud-sdk-iam v3 (or the Keystone API name where the SDK has none) */
  name: string;
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** under /v3 */
  url: string;
  access: V3Access;
  run(call: V3Call): Promise<V3Result>;
}

/** The caller of an authenticated operation. */
export function callerOf(call: V3Call): CallContext {
  if (!call.ctx) throw new Error('operation needs an authenticated caller');
  return call.ctx;
}

/** Keystone `links` of the collection the request listed: its own URL, and no other page. */
export function listLinks(call: V3Call): { self: string; previous: null; next: null } {
  return { self: `${call.origin}${call.request.url}`, previous: null, next: null };
}
