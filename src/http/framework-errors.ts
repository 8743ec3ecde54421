import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Polyiam } from '../app/polyiam.js';
import { rejectedCallFacts } from '../dialects/kit/request.js';
import { clientErrorStatus } from '../dialects/kit/wire-errors.js';
import { closeAfterDiscarding } from './discard.js';
import { HttpRefusal, viewOfRawPacket, type RefusalRenderer, type RefusalResponse } from './refusals.js';
import type { RequestView } from '../dialects/kit/request.js';

/**
 * Answers, through `RefusalRenderer`, what the framework refused or what no dialect routed. Refusals are
 * audited like any other refused call; anything else that lands here is a 500 whose detail goes to the
 * log only.
 */
export function sendRefusal(renderer: RefusalRenderer, polyiam: Polyiam, request: FastifyRequest, reply: FastifyReply, err: unknown) {
  const status = clientErrorStatus(err);
  if (status === undefined) request.log.error({ err }, 'request failed');
  const dialect = renderer.dialectName(request);
  polyiam.services.audit.rejected(rejectedCallFacts(request, dialect, `${request.method} ${(request.raw.url ?? '/').split('?')[0]}`, undefined), err);
  const rendered = renderer.render(request, err, request.id);
  return reply.code(rendered.status).headers(rendered.headers).send(rendered.body);
}

/** HPE codes Node's parser raises, as the status a client should read. */
function parserErrorStatus(err: { code?: string }, packet: Buffer | undefined): number {
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW': {
      // the request line itself did not end within the limit: the URL is what is too long
      const lineEnd = packet ? packet.indexOf('\r\n') : -1;
      return lineEnd === -1 || lineEnd > 8192 ? 414 : 431;
    }
    case 'HPE_INVALID_METHOD':
      return 405;
    case 'HPE_REQUEST_TIMEOUT':
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return 408;
    default:
      return 400;
  }
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  431: 'Request Header Fields Too Large',
};

const MESSAGES: Record<number, string> = {
  400: 'the request is not valid HTTP',
  405: 'the request method is not one this server serves',
  408: 'the request took too long to arrive',
  414: 'the request URL is too long',
  431: 'the request headers are too large',
};

/** Node's `clientError`: bytes the parser refused, answered on the raw socket, then closed. */
export function answerParserError(renderer: RefusalRenderer, polyiam: Polyiam, err: Error & { code?: string; rawPacket?: unknown }, socket: Socket): void {
  // the peer is gone (reset, EPIPE): there is nobody to answer
  if (!socket.writable || err.code === 'ECONNRESET' || err.code === 'EPIPE') {
    socket.destroy();
    return;
  }
  const packet = Buffer.isBuffer(err.rawPacket) ? err.rawPacket : undefined;
  const status = parserErrorStatus(err, packet);
  const requestId = polyiam.services.ids.hexId();
  const view = viewOfRawPacket(packet);
  const refusal = new HttpRefusal(status, MESSAGES[status] ?? 'the request is malformed');
  auditRawRefusal(renderer, polyiam, view, socket, requestId, refusal);
  const rendered = renderer.render(view, refusal, requestId);
  // an answer to HEAD has headers only: a body would be read as the start of a next response
  const body = view.method === 'HEAD' ? '' : rendered.body;
  socket.end(`${statusLine(rendered)}${headerLines(rendered)}connection: close\r\n\r\n${body}`);
}

/**
 * Node's `connect` (a CONNECT request): no API tunnels anything, and without a listener Node would drop
 * the socket without a word; it gets a 405 in the envelope its target names instead.
 */
export function answerConnect(renderer: RefusalRenderer, polyiam: Polyiam, req: IncomingMessage, socket: Socket): void {
  const requestId = polyiam.services.ids.hexId();
  const view = { method: 'CONNECT', headers: req.headers, raw: { url: req.url?.startsWith('/') ? req.url : '/' } };
  const refusal = new HttpRefusal(405, MESSAGES[405]!);
  auditRawRefusal(renderer, polyiam, view, socket, requestId, refusal);
  const rendered = renderer.render(view, refusal, requestId);
  socket.end(`${statusLine(rendered)}${headerLines(rendered)}connection: close\r\n\r\n${rendered.body}`);
}

/**
 * Node's `checkContinue`: a client asking before it sends the body. Over the limit it is answered 413
 * at once, in the envelope its path names, and never told to continue; otherwise the request goes on.
 */
export function answerExpectContinue(renderer: RefusalRenderer, polyiam: Polyiam, bodyLimit: number, server: Server, req: IncomingMessage, res: ServerResponse): void {
  const length = Number(req.headers['content-length']);
  if (!(length > bodyLimit)) {
    res.writeContinue();
    server.emit('request', req, res);
    return;
  }
  const requestId = polyiam.services.ids.hexId();
  const view = { method: req.method ?? 'POST', headers: req.headers, raw: { url: req.url ?? '/' } };
  const refusal = new HttpRefusal(413, 'the request body is too large');
  auditRawRefusal(renderer, polyiam, view, req.socket, requestId, refusal);
  const rendered = renderer.render(view, refusal, requestId);
  closeAfterDiscarding(req.socket);
  res.writeHead(rendered.status, { ...rendered.headers, 'content-length': String(Buffer.byteLength(rendered.body)), connection: 'close' });
  res.end(rendered.body);
}

/**
 * A refusal answered before Fastify saw a request is audited like any refused call: no account (nothing
 * was authenticated), the peer's own address (no header is believed from bytes the parser refused, so
 * `POLYIAM_TRUST_PROXY` does not apply), and no parameters (the query was never read).
 */
function auditRawRefusal(renderer: RefusalRenderer, polyiam: Polyiam, view: RequestView, socket: Socket, requestId: string, refusal: HttpRefusal): void {
  const path = (view.raw.url ?? '/').split('?')[0];
  const userAgent = view.headers['user-agent'];
  polyiam.services.audit.rejected(
    {
      requestId,
      dialect: renderer.dialectName(view),
      action: `${view.method} ${path}`,
      sourceIp: socket.remoteAddress ?? null,
      userAgent: typeof userAgent === 'string' ? userAgent : null,
    },
    refusal,
  );
}

function statusLine(rendered: RefusalResponse): string {
  return `HTTP/1.1 ${rendered.status} ${REASONS[rendered.status] ?? 'Bad Request'}\r\n`;
}

function headerLines(rendered: RefusalResponse): string {
  let lines = `content-length: ${Buffer.byteLength(rendered.body)}\r\n`;
  for (const [name, value] of Object.entries(rendered.headers)) lines += `${name}: ${value}\r\n`;
  return lines;
}
