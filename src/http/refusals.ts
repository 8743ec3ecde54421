import type { DialectServices } from '../front/services.js';
import { toKeystoneError } from '../dialects/huawei-v3/errors.js';
import { openstackRequestId } from '../dialects/huawei-v3/plugin.js';
import { toV30Error } from '../dialects/huawei-v3/v30-errors.js';
import { toV5Error } from '../dialects/huawei-v5/errors.js';
import type { QueryDialect, RenderContext } from '../dialects/kit/query-dialect.js';
import { guessDialect } from '../dialects/kit/query-plugin.js';
import type { RequestView } from '../dialects/kit/request.js';

/**
 * A request the framework (Fastify or Node's HTTP parser) refused before any dialect routed it: a path
 * that is not valid percent-encoded UTF-8, a header block or URL over the limit, a method nobody serves,
 * a body over the limit announced with `Expect: 100-continue`. Dialects render it by its 4xx status only
 * (`clientErrorStatus`), so no framework code or message ever reaches a client.
 */
export class HttpRefusal extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

export interface RefusalResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * The dialects a path names: Keystone under /v3, Huawei's v3.0 extensions (OS-MFA, OS-USER, ...) under
 * /v3.0, v5 under /v5, a query dialect anywhere else.
 */
export type PathDialect = 'huawei-v3' | 'huawei-v3.0' | 'huawei-v5' | 'query';

export function pathDialect(url: string): PathDialect {
  if (url.startsWith('/v3') && (url.length === 3 || '/?'.includes(url[3]!))) return 'huawei-v3';
  if (url.startsWith('/v3.0') && (url.length === 5 || '/?'.includes(url[5]!))) return 'huawei-v3.0';
  if (url.startsWith('/v5') && (url.length === 3 || '/?'.includes(url[3]!))) return 'huawei-v5';
  return 'query';
}

/**
 * The one place that decides the envelope of an answer no dialect's own handler gave: the dialect the
 * path names (/v3, /v5), else the query dialect the `Version`, or failing that the signature, names,
 * else AWS (the first query dialect), as for any query call that names no dialect. Every answer carries
 * the request id header, and Keystone's `X-Openstack-Request-Id` under /v3.
 */
export class RefusalRenderer {
  constructor(
    private readonly services: DialectServices,
    private readonly queryDialects: QueryDialect[],
    private readonly bodyLimit: number,
  ) {}

  /** the dialect name the answer is rendered in, for the audit log */
  dialectName(view: RequestView): string {
    const kind = pathDialect(view.raw.url ?? '/');
    // the v3.0 routes are the v3 plugin's, which audits them as `huawei-v3`
    if (kind === 'huawei-v3.0') return 'huawei-v3';
    if (kind !== 'query') return kind;
    return guessDialect(view, this.queryDialects, this.fallback(), { requestId: '', request: view }).name;
  }

  render(view: RequestView, err: unknown, requestId: string): RefusalResponse {
    switch (pathDialect(view.raw.url ?? '/')) {
      case 'huawei-v3': {
        const mapped = toKeystoneError(err, requestId, this.bodyLimit);
        return {
          status: mapped.status,
          headers: { ...mapped.headers, 'content-type': 'application/json', 'x-openstack-request-id': openstackRequestId(requestId), 'x-request-id': requestId },
          body: JSON.stringify(mapped.body),
        };
      }
      case 'huawei-v3.0': {
        const mapped = toV30Error(err, requestId, this.bodyLimit);
        return {
          status: mapped.status,
          headers: { ...mapped.headers, 'content-type': 'application/json', 'x-openstack-request-id': openstackRequestId(requestId), 'x-request-id': requestId },
          body: JSON.stringify(mapped.body),
        };
      }
      case 'huawei-v5': {
        const mapped = toV5Error(err, requestId);
        return { status: mapped.status, headers: { 'content-type': 'application/json;charset=utf-8', 'x-request-id': requestId }, body: JSON.stringify(mapped.body) };
      }
      case 'query': {
        const context: RenderContext = { requestId, request: view, now: this.services.clock.now() };
        const dialect = guessDialect(view, this.queryDialects, this.fallback(), context);
        const rendered = dialect.renderError(err, context);
        return { status: rendered.status, headers: { ...rendered.headers, 'content-type': rendered.contentType, 'x-request-id': requestId }, body: rendered.body };
      }
    }
  }

  private fallback(): QueryDialect {
    return this.queryDialects[0]!;
  }
}

/**
 * What can be read of a request Node's parser refused, from the bytes it was handed: the request line
 * and whatever header lines are complete. Enough to pick the envelope (path, `Version`, a signature's
 * scheme, Kingsoft's `Accept`); never trusted for anything else.
 */
export function viewOfRawPacket(packet: Buffer | undefined): RequestView {
  const text = packet ? packet.subarray(0, 64 * 1024).toString('latin1') : '';
  const lines = text.split('\r\n');
  const [method = 'GET', url = '/'] = (lines[0] ?? '').split(' ');
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const line of lines.slice(1)) {
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { method, headers, raw: { url: url.startsWith('/') ? url : '/' } };
}
