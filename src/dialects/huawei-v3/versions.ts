import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Keystone's version documents. Keystone GET / ("List versions", keystone/api/discovery.py) answers
 * 300 Multiple Choices with `{"versions": {"values": [...]}}`; GET /v3 answers 200 with `{"version"}`.
 * keystoneauth reads one of them before it signs in; tempest's `test_api_discovery` checks `id`,
 * `links`, `media-types`, `status` and `updated` in both.
 */
export function versionDocument(origin: string) {
  return {
    id: 'v3.0',
    status: 'stable',
    updated: '2013-03-06T00:00:00Z',
    links: [{ rel: 'self', href: `${origin}/v3/` }],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v3+json' }],
  };
}

/** The origin clients reach this server at: POLYIAM_PUBLIC_URL behind a proxy, else the Host they addressed. */
export function requestOrigin(request: FastifyRequest, publicUrl: string | undefined): string {
  return publicUrl ?? `${request.protocol}://${request.headers.host ?? request.hostname}`;
}

/**
 * `GET /` with no signature and no query: no query-API client sends that, so it is a
 * Keystone client discovering versions, or a browser. Cheap enough for the hot path: signed requests
 * stop at the first test.
 */
export function isRootDiscovery(request: FastifyRequest): boolean {
  if (request.headers.authorization !== undefined || request.method !== 'GET') return false;
  // any query (an Action, a Kingsoft query signature, a presigned URL) belongs to the query dialects
  const query = request.url.indexOf('?');
  return query === -1 || query === request.url.length - 1;
}

/**
 * Answers a root discovery request: a browser (HTML preferred over JSON) goes to the web console,
 * anything else gets Keystone's version list.
 */
export function answerRootDiscovery(request: FastifyRequest, reply: FastifyReply, publicUrl: string | undefined) {
  if (prefersHtml(String(request.headers.accept ?? ''))) return reply.code(302).header('location', '/console').send();
  const body = { versions: { values: [versionDocument(requestOrigin(request, publicUrl))] } };
  return reply.code(300).header('content-type', 'application/json').header('location', `${requestOrigin(request, publicUrl)}/v3/`).send(JSON.stringify(body));
}

/** `text/html` named before (or without) `application/json`, as browsers send it; `*\/*` alone is JSON. */
function prefersHtml(accept: string): boolean {
  const html = accept.indexOf('text/html');
  if (html === -1) return false;
  const json = accept.indexOf('application/json');
  return json === -1 || html < json;
}
