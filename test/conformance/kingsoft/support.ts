/**
 * Kingsoft has no Node SDK (STYLE.md), so requests are signed here per its docs and Go SDK:
 * - `simple`: kingsoftcloud/sdk-go `ksyun/common/sign.go` — add Accesskey and SignatureMethod (plus
 *   request.go's Service, Region, SignatureVersion, Timestamp), sort, `QueryEscape(k)=QueryEscape(v)`
 *   with `+` as `%20`, hex HMAC-SHA256 keyed by the secret; sent GET in the query or POST as a form,
 *   encoded like Go `url.Values.Encode` (space as `+`).
 * - `sigv4` / `sigv4-query`: AWS SigV4, service `iam`, region `cn-beijing-6` (docs page 40308), in the
 *   Authorization header or presigned into the query.
 * The string to sign is computed here with node:crypto, not with the server's encoder.
 */
import { createHmac } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import type { TestServer } from '../../support/server.js';
import { send, signRequest, type Keys, type RawRequest, type RawResponse } from '../aws/sigv4.js';

export type { Keys } from '../aws/sigv4.js';

export const VERSION = '2015-11-01';
export const REGION = 'cn-beijing-6';

export const rootKeys = (server: TestServer): Keys => ({ ak: server.root.root.access_key_id, sk: server.root.root.secret_access_key });

/** Go url.QueryEscape with `+` rewritten to `%20`: everything but A-Z a-z 0-9 - _ . ~ is %XX */
const goEscape = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
/** Go url.Values.Encode: sorted by key, QueryEscape (space as `+`) */
const goValuesEncode = (params: Record<string, string>) =>
  Object.keys(params).sort().map((k) => `${goEscape(k).replace(/%20/g, '+')}=${goEscape(params[k]!).replace(/%20/g, '+')}`).join('&');

/** `2006-01-02T15:04:05Z`, request.go's Timestamp */
const goTimestamp = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface KsOptions {
  signing?: 'simple' | 'sigv4' | 'sigv4-query';
  method?: 'GET' | 'POST';
  /** send `Accept: application/json` */
  json?: boolean;
  /** signing time; defaults to now */
  date?: Date;
  /** leave `Version` out */
  noVersion?: boolean;
}

/** The parameters with Kingsoft's simple signature added, as sign.go adds them. */
export function signSimple(keys: Keys, params: Record<string, string>, date = new Date()): Record<string, string> {
  const all: Record<string, string> = {
    Service: 'iam',
    Region: REGION,
    SignatureVersion: '1.0',
    Timestamp: goTimestamp(date),
    ...params,
    Accesskey: keys.ak,
    SignatureMethod: 'HMAC-SHA256',
  };
  const stringToSign = Object.keys(all).sort().map((k) => `${goEscape(k)}=${goEscape(all[k]!)}`).join('&');
  return { ...all, Signature: createHmac('sha256', keys.sk).update(stringToSign).digest('hex') };
}

export async function buildRequest(url: string, keys: Keys, params: Record<string, string>, options: KsOptions = {}): Promise<RawRequest> {
  const full = { ...(options.noVersion ? {} : { Version: VERSION }), ...params };
  const method = options.method ?? 'GET';
  const accept: Record<string, string> = options.json ? { accept: 'application/json' } : {};
  const { hostname, port } = new URL(url);
  switch (options.signing ?? 'simple') {
    case 'simple': {
      const wire = goValuesEncode(signSimple(keys, full, options.date));
      const headers = { host: `${hostname}:${port}`, ...accept };
      return method === 'GET'
        ? { method, path: `/?${wire}`, headers }
        : { method, path: '/', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from(wire) };
    }
    case 'sigv4':
      return method === 'GET'
        ? signRequest(url, keys, { method, region: REGION, query: full, headers: accept, ...(options.date ? { date: options.date } : {}) })
        : signRequest(url, keys, { method, region: REGION, body: goValuesEncode(full), headers: accept, ...(options.date ? { date: options.date } : {}) });
    case 'sigv4-query':
      return signRequest(url, keys, { method: 'GET', region: REGION, query: full, headers: accept, presign: { expiresIn: 900 }, ...(options.date ? { date: options.date } : {}) });
  }
}

export interface KsResponse extends RawResponse {
  /** the parsed XML (root element and all) or JSON body */
  doc: Record<string, unknown>;
}

const xml = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'member' });

/** Signs and sends one Kingsoft call; parses the body as JSON or XML by what the server answered. */
export async function ks(server: TestServer, keys: Keys, params: Record<string, string>, options: KsOptions = {}): Promise<KsResponse> {
  const res = await send(server.url, await buildRequest(server.url, keys, params, options));
  const isJson = String(res.headers['content-type']).startsWith('application/json');
  return { ...res, doc: (isJson ? JSON.parse(res.body) : xml.parse(res.body)) as Record<string, unknown> };
}

/** `Error.Code` of a Kingsoft error, XML or JSON */
export function errorOf(res: KsResponse): { Code?: string; Message?: string; Type?: string } {
  const doc = res.doc as { ErrorResponse?: { Error?: Record<string, string> }; Error?: Record<string, string> };
  return doc.ErrorResponse?.Error ?? doc.Error ?? {};
}

/** `<Action>Result` of an XML success */
export function xmlResult(res: KsResponse, action: string): Record<string, unknown> {
  const response = res.doc[`${action}Response`] as Record<string, unknown> | undefined;
  if (!response) throw new Error(`no ${action}Response in ${res.status} ${res.body}`);
  return (response[`${action}Result`] ?? {}) as Record<string, unknown>;
}
