/**
 * Exact-bytes requests for the hostile-input suites: node:http with no client-side rewriting, signed
 * (when keys are given) by each vendor's own signer or, for Huawei, the documented algorithm written
 * out in the conformance support. Every dialect's body and query can carry anything this way:
 * repeated names, prototype names, bytes that are not UTF-8.
 */
import { createHash } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { Signer } from '@volcengine/openapi';
import { signRequest } from '../conformance/aws/sigv4.js';
import { signRaw } from '../conformance/huawei-v5/support.js';

export interface Keys {
  ak: string;
  sk: string;
}

export interface WireRequest {
  method: string;
  /** path and query exactly as sent */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export type Signing = 'sigv4' | 'volc' | 'huawei';

/** one kept-alive connection at a time: a new TCP connection per request would triple the fuzzer's time */
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** Sends exactly these bytes; resolves with whatever came back (status 0 when the socket failed). */
export function sendWire(baseUrl: string, req: WireRequest): Promise<WireResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: hostname, port, method: req.method, path: req.path, headers: req.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

/**
 * A query-API call (`/`) with `query` in the URL and `body` as the form or JSON body, signed with
 * `signing` when keys are given. Query strings are sent as written (already encoded).
 */
export async function queryApiRequest(
  baseUrl: string,
  options: { query: string; body?: Buffer; contentType?: string; keys?: Keys; signing: Signing; region: string; method?: 'GET' | 'POST' },
): Promise<WireRequest> {
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
  const { host } = new URL(baseUrl);
  const path = options.query === '' ? '/' : `/?${options.query}`;
  const headers: Record<string, string> = { host };
  if (options.body !== undefined) headers['content-type'] = options.contentType ?? 'application/x-www-form-urlencoded';
  const body = options.body;
  if (!options.keys) return { method, path, headers, ...(body ? { body } : {}) };
  if (options.signing === 'volc') {
    const signing = {
      region: options.region,
      method,
      pathname: '/',
      params: rawQueryRecord(options.query),
      headers: { ...headers } as Record<string, string>,
      ...(body ? { body: body.toString('latin1') } : {}),
    };
    const signer = new Signer(signing, 'iam', body ? { bodySha256: createHash('sha256').update(body).digest('hex') } : undefined);
    signer.addAuthorization({ accessKeyId: options.keys.ak, secretKey: options.keys.sk });
    return { method, path, headers: signing.headers, ...(body ? { body } : {}) };
  }
  // SigV4 (AWS, STS, Kingsoft): the AWS SDK's own signer; a query it cannot hold as a record (a repeated
  // name) travels in the body instead, which the signature covers by hash
  const signed = await signRequest(baseUrl, options.keys, {
    method,
    region: options.region,
    query: rawQueryRecord(options.query),
    ...(body ? { body, contentType: headers['content-type']! } : {}),
  });
  return { method, path: signed.path, headers: signed.headers, ...(body ? { body } : {}) };
}

/** A Huawei v3/v5 REST call signed with SDK-HMAC-SHA256 when keys are given. */
export function huaweiRequest(baseUrl: string, options: { method: string; path: string; body?: Buffer; keys?: Keys; contentType?: string }): WireRequest {
  const url = new URL(options.path, baseUrl);
  const body = options.body ?? Buffer.alloc(0);
  const base = { 'content-type': options.contentType ?? 'application/json' };
  const headers = options.keys ? signRaw(url, { method: options.method, path: options.path, body, headers: base }, options.keys) : { host: url.host, ...base };
  return { method: options.method, path: options.path, headers: { ...headers, 'content-length': String(body.length) }, body };
}

/** A raw query as a record for signers that take one: decoded leniently, last value wins. */
function rawQueryRecord(query: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of new URLSearchParams(query)) out[k] = v;
  return out;
}
