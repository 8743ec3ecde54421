import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Polyiam } from '../app/polyiam.js';
import { huaweiV3Plugin, v30Operations } from '../dialects/huawei-v3/plugin.js';
import { huaweiV5Plugin } from '../dialects/huawei-v5/plugin.js';
import { queryApiPlugin } from '../dialects/kit/query-plugin.js';
import { queryDialects } from './query-dialects.js';
import { lazyChildLogger } from './logger.js';
import { registerMetrics } from './metrics.js';
import { registerTestRoutes } from './test-routes.js';
import { registerTestOutboxRoutes } from './test-outbox-routes.js';

export interface ServerOptions {
  logger: Logger;
  /** extra plugins (dialects added by later features) mounted beside the built-in ones */
}

/**
 * The Fastify server: one port for every dialect. Bodies are kept as raw bytes (signatures cover them)
 * and each dialect parses them with its own rules and error envelope.
 */
export async function buildServer(polyiam: Polyiam, options: ServerOptions): Promise<FastifyInstance> {
  const { config } = polyiam;
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
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // A request whose headers are too large never reaches a route: answer it in JSON, not a bare 431
    clientErrorHandler: (err: NodeJS.ErrnoException, socket: Socket) => {
      if (!socket.writable) return socket.destroy();
      const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
      const status = tooLarge ? 431 : 400;
      // every response carries a request id, this one too, though no route ever saw the request
      const requestId = randomBytes(16).toString('hex');
      const body = JSON.stringify({
        error_code: tooLarge ? 'APIGW.0201' : 'IAM.0011',
        error_msg: tooLarge ? 'request headers too large' : 'malformed HTTP request',
        request_id: requestId,
      });
      socket.end(
        `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/json\r\nX-Request-Id: ${requestId}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
  });

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
    done(null, payload);
  });

  registerMetrics(app);
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

  await app.register(huaweiV3Plugin, { prefix: '/v3', services: polyiam.services, bodyLimit: config.bodyLimit });
  await app.register(huaweiV3Plugin, { prefix: '/v3.0', services: polyiam.services, bodyLimit: config.bodyLimit, operations: v30Operations, pathPrefix: '/v3.0' });
  await app.register(huaweiV5Plugin, { prefix: '/v5', services: polyiam.services });
  const [fallback] = queryDialects;
  if (fallback) await app.register(queryApiPlugin, { services: polyiam.services, dialects: queryDialects, fallback });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error_code: 'APIGW.0101', error_msg: `no API at \`${request.method} ${request.url.split('?')[0]}\``, request_id: request.id }),
  );
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) request.log.error({ err }, 'request failed');
    return reply.code(status).send({ error_code: status === 413 ? 'APIGW.0201' : status === 500 ? 'PAP5.0005' : 'IAM.0011', error_msg: status === 500 ? 'internal server error' : err.message, request_id: request.id });
  });
  return app;
}
