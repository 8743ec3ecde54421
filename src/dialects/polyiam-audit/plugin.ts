/**
 * polyiam's own audit API: `GET /audit/events`, JSON, for people and scripts that speak no vendor's
 * dialect. Signed like any AWS call (SigV4, any service name) or with a Keystone token
 * (`X-Auth-Token`), authorized with `polyiam:ListAuditEvents` (core `polyiam:audit:listEvents`), and
 * scoped to the caller's account. Filters: since, until, user, action, outcome, resource; keyset paging
 * with `limit` and `next_token`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DialectServices } from '../../front/services.js';
import { AuditActions } from '../../core/authorization/actions.js';
import type { AuditFilter } from '../../core/audit/audit-trail-service.js';
import { viewOfEvent } from '../../core/audit/event-view.js';
import { isIamError } from '../../core/errors.js';
import type { CallContext, Principal } from '../../core/principal.js';
import { callContext, queryPairs, rejectedCallFacts, toSignedRequest } from '../kit/request.js';
import { WireValidationError } from '../kit/wire-errors.js';

const DIALECT = 'native';
const OPERATION = 'ListAuditEvents';
const OUTCOMES = ['success', 'denied', 'failed'];

export async function polyiamAuditPlugin(app: FastifyInstance, options: { services: DialectServices }): Promise<void> {
  const { services } = options;

  app.get('/audit/events', async (request, reply) => {
    let ctx: CallContext | undefined;
    let inCore = false;
    try {
      const query = singleValued(request);
      const { principal, sessionId } = await authenticate(services, request);
      ctx = callContext(request, principal, DIALECT, OPERATION, Object.entries(query));
      if (sessionId !== undefined) ctx.sessionId = sessionId;
      const { filter, limit, nextToken } = parseQuery(query, services.clock.now());
      inCore = true;
      const page = await services.auditTrail.lookup(ctx, filter, limit, nextToken, AuditActions.listAuditEvents);
      return send(reply, request, 200, { events: page.events.map(viewOfEvent), ...(page.nextToken !== undefined ? { next_token: page.nextToken } : {}) });
    } catch (err) {
      if (!inCore) services.audit.rejected(rejectedCallFacts(request, DIALECT, OPERATION, ctx), err);
      const [status, code, message] = mapError(err);
      if (status >= 500) request.log.error({ err }, 'audit api request failed');
      return send(reply, request, status, { error: { code, message }, request_id: request.id });
    }
  });
}

/** a Keystone token (its audit id is the event's session id) or a SigV4 signature */
async function authenticate(services: DialectServices, request: FastifyRequest): Promise<{ principal: Principal; sessionId?: string }> {
  const token = request.headers['x-auth-token'];
  if (typeof token === 'string') {
    const authenticated = await services.tokens.authenticate(token);
    return { principal: authenticated.principal, sessionId: authenticated.claims.tokenId };
  }
  return { principal: (await services.authenticator.authenticate(toSignedRequest(request), ['aws-sigv4'])).principal };
}

function singleValued(request: FastifyRequest): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of queryPairs(request)) {
    if (key in query) throw new WireValidationError(key, 'is given more than once');
    query[key] = value;
  }
  return query;
}

const KNOWN = new Set(['since', 'until', 'user', 'action', 'outcome', 'resource', 'limit', 'next_token']);

function parseQuery(query: Record<string, string>, now: number): { filter: AuditFilter; limit: number; nextToken: string | undefined } {
  for (const key of Object.keys(query)) if (!KNOWN.has(key)) throw new WireValidationError(key, `is not a filter; use ${[...KNOWN].join(', ')}`);
  const filter: AuditFilter = {};
  if (query.since !== undefined) filter.from = timeOf('since', query.since, now);
  if (query.until !== undefined) filter.to = timeOf('until', query.until, now);
  if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) throw new WireValidationError('until', 'is before `since`');
  if (query.user !== undefined) filter.userName = query.user;
  if (query.action !== undefined) {
    if (query.action.includes(':')) filter.action = query.action;
    else filter.operation = query.action;
  }
  if (query.resource !== undefined) {
    if (query.resource.includes('/')) filter.resource = query.resource;
    else filter.resourceName = query.resource;
  }
  if (query.outcome !== undefined) {
    if (query.outcome === 'failed-or-denied') filter.outcome = 'not-success';
    else if (OUTCOMES.includes(query.outcome)) filter.outcome = query.outcome as 'success' | 'denied' | 'failed';
    else throw new WireValidationError('outcome', `\`${query.outcome}\` is not one of success, denied, failed, failed-or-denied`);
  }
  let limit = 100;
  if (query.limit !== undefined) {
    if (!/^\d+$/.test(query.limit) || Number(query.limit) < 1 || Number(query.limit) > 1000) throw new WireValidationError('limit', 'must be from 1 to 1000');
    limit = Number(query.limit);
  }
  return { filter, limit, nextToken: query.next_token };
}

/** an ISO-8601 time, epoch milliseconds, or a duration back from now (`1h`, `7d`) */
function timeOf(name: string, text: string, now: number): number {
  const duration = /^(\d+)([smhd])$/.exec(text);
  if (duration) return now - Number(duration[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[duration[2] as 's']!;
  if (/^\d{10,}$/.test(text)) return Number(text);
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new WireValidationError(name, `\`${text}\` is not a time (2026-12-01T00:00:00Z), epoch milliseconds or a duration (1h)`);
  return at;
}

function mapError(err: unknown): [number, string, string] {
  if (err instanceof WireValidationError) return [400, 'InvalidParameter', err.message];
  if (!isIamError(err)) return [500, 'InternalError', 'an internal error occurred'];
  switch (err.kind) {
    case 'authentication-failed':
      // SECURITY: one answer for every reason; the reason is in the audit event and the log
      return [401, 'AuthenticationFailed', 'the request could not be authenticated'];
    case 'access-denied':
    case 'disabled':
    case 'mfa-required':
      return [403, 'AccessDenied', err.message];
    case 'invalid-input':
      return [400, 'InvalidParameter', err.message];
    case 'expired':
      return [401, 'AuthenticationFailed', 'the token has expired'];
    case 'not-found':
    case 'already-exists':
    case 'delete-conflict':
    case 'limit-exceeded':
    case 'password-policy':
    case 'precondition-failed':
      return [400, 'InvalidParameter', err.message];
  }
}

function send(reply: FastifyReply, request: FastifyRequest, status: number, body: unknown) {
  return reply.code(status).header('content-type', 'application/json').header('x-request-id', request.id).send(JSON.stringify(body));
}
