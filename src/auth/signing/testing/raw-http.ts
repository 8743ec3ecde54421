/**
 * Test support: turns a raw HTTP/1.1 request, as transcribed in the reference captures, into the
 * `SignedRequest` a server would build from Node's IncomingMessage, and derives tampered copies.
 * Imported only by tests.
 */
import assert from 'node:assert/strict';
import { encodeRfc3986, parseQuery, type SignedRequest } from '../signed-request.js';

/** one captured request: the raw HTTP text and the canonical request the capture's check computed */
export interface Capture {
  name: string;
  canonicalRequest: string;
  raw: string;
}

/**
 * Request line, `Name: value` headers (names lower-cased and values trimmed, as Node does), a blank
 * line, then the body exactly as written. Asserts Content-Length so a transcription slip fails loudly.
 */
export function parseRawHttp(raw: string): SignedRequest {
  const text = raw.replace(/^\n/, '');
  const blank = text.indexOf('\n\n');
  const head = blank === -1 ? text.trimEnd() : text.slice(0, blank);
  const body = Buffer.from(blank === -1 ? '' : text.slice(blank + 2), 'utf8');
  const [requestLine, ...headerLines] = head.split('\n');
  const [method, target] = requestLine.split(' ');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1).trim();
    // Node joins repeated headers with ', '
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  if (headers['content-length'] !== undefined) {
    assert.equal(body.length, Number(headers['content-length']), 'fixture body length matches Content-Length');
  }
  const question = target.indexOf('?');
  return {
    method,
    path: question === -1 ? target : target.slice(0, question),
    rawQuery: question === -1 ? '' : target.slice(question + 1),
    headers,
    body,
  };
}

export function withHeader(req: SignedRequest, name: string, value: string | undefined): SignedRequest {
  return { ...req, headers: { ...req.headers, [name]: value } };
}

/** flips the lowest bit of the body's first byte, or adds a byte to an empty body */
export function withChangedBody(req: SignedRequest): SignedRequest {
  if (req.body.length === 0) return { ...req, body: Buffer.from('x') };
  const body = Buffer.from(req.body);
  body[0] ^= 1;
  return { ...req, body };
}

/** appends `x` to the first query value, or adds `x=1` when there is no query */
export function withChangedQuery(req: SignedRequest): SignedRequest {
  const params = parseQuery(req.rawQuery, { plusAsSpace: true });
  assert.ok(params !== null);
  if (params.length === 0) return { ...req, rawQuery: 'x=1' };
  params[0] = { key: params[0].key, value: `${params[0].value}x` };
  return { ...req, rawQuery: params.map((p) => `${encodeRfc3986(p.key)}=${encodeRfc3986(p.value)}`).join('&') };
}

/** changes one signed header: a basic-ISO date gets one second later, anything else gets `x` appended */
export function withChangedHeader(req: SignedRequest, name: string): SignedRequest {
  const value = req.headers[name];
  assert.equal(typeof value, 'string', `header ${name} is present`);
  const text = value as string;
  const changed = /^\d{8}T\d{6}Z$/.test(text)
    ? `${text.slice(0, 13)}${String((Number(text.slice(13, 15)) + 1) % 60).padStart(2, '0')}Z`
    : `${text}x`;
  return withHeader(req, name, changed);
}

interface Scheme<P> {
  parse(req: SignedRequest): P | string | null;
  verify(req: SignedRequest, parsed: P, secret: string): boolean;
}

/** parse + verify as a server would: true only for an authentic request */
export function isAccepted<P>(scheme: Scheme<P>, req: SignedRequest, secret: string): boolean {
  const parsed = scheme.parse(req);
  return typeof parsed === 'object' && parsed !== null && scheme.verify(req, parsed, secret);
}

/**
 * Asserts the request verifies with `secret`, and is refused with a wrong secret, a changed body
 * byte, a changed signed header (`signedHeader`) and a changed query value.
 */
export function assertAuthenticAndTamperProof<P>(
  scheme: Scheme<P>,
  req: SignedRequest,
  secret: string,
  signedHeader: string,
): void {
  assert.equal(isAccepted(scheme, req, secret), true, 'verifies with the documented secret');
  assert.equal(isAccepted(scheme, req, `${secret}x`), false, 'refused with a wrong secret');
  assert.equal(isAccepted(scheme, withChangedBody(req), secret), false, 'refused after a body byte changes');
  assert.equal(isAccepted(scheme, withChangedHeader(req, signedHeader), secret), false, `refused after ${signedHeader} changes`);
  assert.equal(isAccepted(scheme, withChangedQuery(req), secret), false, 'refused after a query value changes');
}
