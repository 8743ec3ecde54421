/**
 * Raw SigV4-signed requests for what the SDK and CLI will not send (bad input, presigned URLs, other
 * scopes), signed by the AWS SDK's own signer, `@smithy/signature-v4`. Shared by the AWS and Kingsoft
 * suites and the benchmark.
 */
import { request as httpRequest } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest } from '@smithy/types';
import { NodeSha256 } from '../../../src/auth/signing/testing/node-sha256.js';


export interface Keys {
  ak: string;
  sk: string;
  /** temporary credentials: signed as X-Amz-Security-Token (header, or query when presigned) */
  token?: string;
}

export interface SignOptions {
  region?: string;
  service?: string;
  /** signing time; defaults to now */
  date?: Date;
  method?: 'GET' | 'POST';
  /** query parameters, in the order given */
  query?: Record<string, string>;
  /** raw body bytes (form-encoded unless `contentType` says otherwise) */
  body?: Buffer | string;
  contentType?: string;
  headers?: Record<string, string>;
  /** presign into the query (`X-Amz-*`) instead of an Authorization header */
  presign?: { expiresIn: number };
  /** false: leave out x-amz-content-sha256 (the signer adds it by default) */
  applyChecksum?: boolean;
}

export interface RawRequest {
  method: string;
  /** path and query exactly as sent */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** RFC 3986, as @smithy/querystring-builder escapes keys and values */
export const encode = (value: string): string => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export const form = (params: Record<string, string>): string => Object.entries(params).map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');

/** Signs a request to `url` (`http://127.0.0.1:<port>`) with SigV4, as the SDK would. */
export async function signRequest(url: string, keys: Keys, options: SignOptions = {}): Promise<RawRequest> {
  const { hostname, port } = new URL(url);
  const body = options.body === undefined ? undefined : Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body, 'utf8');
  const headers: Record<string, string> = { host: `${hostname}:${port}`, ...(options.headers ?? {}) };
  if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/x-www-form-urlencoded';
  const request: HttpRequest = {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    protocol: 'http:',
    hostname,
    port: Number(port),
    path: '/',
    query: options.query ?? {},
    headers,
    ...(body !== undefined ? { body: new Uint8Array(body) } : {}),
  };
  const signer = new SignatureV4({
    credentials: { accessKeyId: keys.ak, secretAccessKey: keys.sk, ...(keys.token !== undefined ? { sessionToken: keys.token } : {}) },
    region: options.region ?? 'us-east-1',
    service: options.service ?? 'iam',
    sha256: NodeSha256,
    applyChecksum: options.applyChecksum ?? true,
  });
  const signingDate = options.date ?? new Date();
  const signed = options.presign
    ? await signer.presign(request, { signingDate, expiresIn: options.presign.expiresIn })
    : await signer.sign(request, { signingDate });
  const query = Object.entries(signed.query ?? {}).map(([k, v]) => `${encode(k)}=${encode(String(v))}`).join('&');
  return { method: signed.method, path: query ? `/?${query}` : '/', headers: signed.headers, ...(body !== undefined ? { body } : {}) };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends the exact bytes of a request (node:http, no client-side rewriting). */
export function send(url: string, raw: RawRequest): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, method: raw.method, path: raw.path, headers: raw.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (raw.body !== undefined) req.end(raw.body);
    else req.end();
  });
}
