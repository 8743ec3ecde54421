import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Polyiam } from '../app/polyiam.js';
import { huaweiV3Plugin, v30Operations } from '../dialects/huawei-v3/plugin.js';
import { toV30Error } from '../dialects/huawei-v3/v30-errors.js';
import { answerRootDiscovery, isRootDiscovery } from '../dialects/huawei-v3/versions.js';
import { huaweiV5Plugin } from '../dialects/huawei-v5/plugin.js';
import { queryApiPlugin } from '../dialects/kit/query-plugin.js';
import { awsCloudTrailPlugin } from '../dialects/aws-cloudtrail/plugin.js';
import { amzTargetConstraint } from './amz-target.js';
import { polyiamAuditPlugin } from '../dialects/polyiam-audit/plugin.js';
import { queryDialects } from './query-dialects.js';
import { consolePlugin } from '../console/plugin.js';
import type { MfaDevices } from '../console/mfa-devices.js';
import { lazyChildLogger } from './logger.js';
import { registerChangeNotifyMetrics, registerMetrics } from './metrics.js';
import { registerTestRoutes } from './test-routes.js';
import { closeAfterDiscarding } from './discard.js';
import { answerConnect, answerExpectContinue, answerParserError, sendRefusal } from './framework-errors.js';
import { HttpRefusal, RefusalRenderer } from './refusals.js';

/** HTTPS from PEM files, read once at start. */
function readTls(tls: { certFile: string; keyFile: string }): { cert: Buffer; key: Buffer } {
  return { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) };
}
import { registerTestOutboxRoutes } from './test-outbox-routes.js';

export interface ServerOptions {
  logger: Logger;
  /** the console's virtual MFA devices (issue #11's service behind the console's adapter) */
  consoleMfa?: MfaDevices;
  /** extra plugins (dialects added by later features) mounted beside the built-in ones */
}

/**
 * The Fastify server: one port for every dialect. Bodies are kept as raw bytes (signatures cover them)
 * and each dialect parses them with its own rules and error envelope.
 */
export async function buildServer(polyiam: Polyiam, options: ServerOptions): Promise<FastifyInstance> {
  const { config } = polyiam;
  const renderer = new RefusalRenderer(polyiam.services, queryDialects, config.bodyLimit);
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    bodyLimit: config.bodyLimit,
    // SECURITY: never trust a client-chosen request id; it would let one forge audit correlations
    requestIdHeader: false,
    // the non-deprecated spelling of `disableRequestLogging` (fastify 5 warns on stderr for the old one)
    logController: new LogController({ disableRequestLogging: !config.accessLog }),
    // 32 hex from the id generator's bulk-filled random pool (a UUID would cost a CSPRNG call per request)
    genReqId: () => polyiam.services.ids.hexId(),
    childLoggerFactory: (logger, bindings, childOptions) => lazyChildLogger(logger as unknown as Logger, bindings, childOptions) as unknown as FastifyBaseLogger,
    routerOptions: { maxParamLength: 512 },
    // SECURITY: the one decision on X-Forwarded-For/-Proto: request.ip and request.protocol, and through
    // them audit source IPs, sign-in records, aws:SourceIp/g:SourceIp and aws:SecureTransport, believe
    // the headers only from these peers (none by default)
    trustProxy: config.trustProxy,
    ...(config.tls ? { https: readTls(config.tls) } : {}),
    // While draining, a request that reaches a connection still open is served (its answer closes the
    // connection, see onSend below) rather than given Fastify's own 503 body, which no dialect's client
    // can read; new connections are refused by the closed listener.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    // Node's parser refused the bytes (header block or URL too long, a method it does not know): no
    // route ever saw the request, but the answer is still in the envelope its path or Action names
    clientErrorHandler: (err: Error & { code?: string; rawPacket?: unknown }, socket: Socket) => answerParserError(renderer, polyiam, err, socket),
    // a path that is not percent-encoded UTF-8, a path parameter over maxParamLength
    frameworkErrors: (err, request, reply) => {
      const refusal = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? new HttpRefusal(414, 'a path segment is too long') : new HttpRefusal(400, 'the request path is not valid percent-encoded UTF-8');
      return sendRefusal(renderer, polyiam, request, reply, refusal);
    },
  });
  app.server.on('connect', (req: IncomingMessage, socket: Socket) => answerConnect(renderer, polyiam, req, socket));
  app.server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => answerExpectContinue(renderer, polyiam, config.bodyLimit, app.server, req, res));

  // before any route: find-my-way re-inserts every route already registered when a strategy is added
  // (#17: ~350 routes inserted twice at every start)
  app.addConstraintStrategy(amzTargetConstraint);

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  // While the server drains (SIGTERM), a response to a request already in flight closes its connection:
  // otherwise close() waits for each client's keep-alive timeout before the process can exit.
  let draining = false;
  app.addHook('preClose', async () => {
    draining = true;
  });
  // callback-style hooks: on the hot path an async hook costs a promise per request
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    if (draining) reply.header('connection', 'close');
    // a body over the limit: the client may still be writing it (see discard.ts)
    if (reply.statusCode === 413) {
      reply.header('connection', 'close');
      closeAfterDiscarding(request.raw.socket);
    }
    // SQLite group commit: an answer leaves once every commit before it is on disk (store/group-commit.ts),
    // so nothing a client was told, or read, can be lost to a power cut; a read with no write pending
    // waits for nothing
    const durable = polyiam.store.durable();
    if (durable === undefined) done(null, payload);
    else durable.then(() => done(null, payload), (err: Error) => done(err));
  });

  const metrics = registerMetrics(app);
  if (polyiam.changeNotifications) registerChangeNotifyMetrics(metrics, polyiam.changeNotifications);
  if (polyiam.testClock) registerTestRoutes(app, polyiam.testClock);
  if (polyiam.testOutbox) registerTestOutboxRoutes(app, polyiam.testOutbox);

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await polyiam.store.accounts.count();
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });

  await app.register(huaweiV3Plugin, { prefix: '/v3', services: polyiam.services, bodyLimit: config.bodyLimit, publicUrl: config.publicUrl, rules: config.v3Rules ?? 'huawei' });
  await app.register(huaweiV3Plugin, { prefix: '/v3.0', services: polyiam.services, bodyLimit: config.bodyLimit, publicUrl: config.publicUrl, rules: config.v3Rules ?? 'huawei', operations: v30Operations, pathPrefix: '/v3.0', errors: toV30Error });
  await app.register(huaweiV5Plugin, { prefix: '/v5', services: polyiam.services });
  await app.register(consolePlugin, { prefix: '/console', services: polyiam.services, sessions: polyiam.consoleSessions, ...(options.consoleMfa ? { mfa: options.consoleMfa } : {}) });
  await app.register(awsCloudTrailPlugin, { services: polyiam.services });
  await app.register(polyiamAuditPlugin, { services: polyiam.services });
  const [fallback] = queryDialects;
  // issue #16: an unsigned GET / without an Action is a Keystone client (or a browser) discovering versions
  const root = { claims: isRootDiscovery, answer: (request: FastifyRequest, reply: FastifyReply) => answerRootDiscovery(request, reply, config.publicUrl) };
  if (fallback) await app.register(queryApiPlugin, { services: polyiam.services, dialects: queryDialects, fallback, root });

  // Anything no dialect plugin routed (`PUT /`, `/nowhere`) and errors of the server's own routes
  app.setNotFoundHandler((request, reply) => sendRefusal(renderer, polyiam, request, reply, new HttpRefusal(404, `no API at \`${request.method} ${request.url.split('?')[0]}\``)));
  app.setErrorHandler((err: FastifyError, request, reply) => sendRefusal(renderer, polyiam, request, reply, err));
  return app;
}
