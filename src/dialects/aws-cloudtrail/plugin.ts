/**
 * AWS CloudTrail (JSON 1.1: `POST /`, `X-Amz-Target: CloudTrail_20131101.<Operation>`, SigV4 service
 * `cloudtrail`) on the same port as the query APIs: the router picks this plugin by the target header
 * (http/server.ts registers the `amzTarget` constraint), every other `POST /` stays with the query API.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DialectServices } from '../../front/services.js';
import { AuthenticationError } from '../../core/errors.js';
import type { CallContext } from '../../core/principal.js';
import { callContext, rejectedCallFacts, toSignedRequest } from '../kit/request.js';
import { CloudTrailError, toJsonError } from './errors.js';
import { parseLookupEvents } from './lookup-events.js';
import { lookupEventOf } from './records.js';

export const DIALECT = 'aws-cloudtrail';
/** the X-Amz-Target prefix of CloudTrail's 2013-11-01 API */
export const TARGET_PREFIX = 'CloudTrail_20131101';
const CONTENT_TYPE = 'application/x-amz-json-1.1';

export async function awsCloudTrailPlugin(app: FastifyInstance, options: { services: DialectServices }): Promise<void> {
  const { services } = options;

  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = target.slice(target.lastIndexOf('.') + 1);
    let ctx: CallContext | undefined;
    // core commands audit themselves; a refusal before one (bad signature, bad input) is audited here
    let inCore = false;
    try {
      if (operation !== 'LookupEvents') throw new CloudTrailError('UnknownOperationException', `\`${operation}\` is not an operation polyiam serves; it serves LookupEvents`);
      const body = readJson(request);
      const signed = toSignedRequest(request);
      try {
        const { principal, signature } = await services.authenticator.authenticate(signed, ['aws-sigv4']);
        if (signature.service !== 'cloudtrail') throw new AuthenticationError('malformed');
        ctx = callContext(request, principal, DIALECT, operation, Object.entries(body));
        void services.accessKeys.markUsed(principal.accessKeyId!, 'cloudtrail', signature.region ?? null);
        const input = parseLookupEvents(body);
        const region = signature.region ?? 'us-east-1';
        if (input.insightsOnly) return send(reply, request, 200, { Events: [] });
        inCore = true;
        const page = await services.auditTrail.lookup(ctx, input.filter, input.limit, input.nextToken);
        inCore = false;
        const account = await services.accounts.findById(principal.accountId);
        const accountNumber = account?.awsAccountId ?? '000000000000';
        return send(reply, request, 200, {
          Events: page.events.map((event) => lookupEventOf(event, accountNumber, region)),
          ...(page.nextToken !== undefined ? { NextToken: page.nextToken } : {}),
        });
      } catch (err) {
        if (!inCore) services.audit.rejected(rejectedCallFacts(request, DIALECT, operation, ctx), err);
        throw err;
      }
    } catch (err) {
      const mapped = toJsonError(err);
      if (mapped.status >= 500) request.log.error({ err }, 'aws-cloudtrail request failed');
      return send(reply, request, mapped.status, { __type: mapped.code, message: mapped.message });
    }
  };

  app.route({ method: 'POST', url: '/', constraints: { amzTarget: TARGET_PREFIX }, handler: handle });
}

function readJson(request: FastifyRequest): Record<string, unknown> {
  const raw = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
  if (raw.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new CloudTrailError('SerializationException', 'the request body is not a JSON object');
}

function send(reply: FastifyReply, request: FastifyRequest, status: number, body: unknown) {
  return reply.code(status).header('content-type', CONTENT_TYPE).header('x-amzn-requestid', request.id).send(JSON.stringify(body));
}
