/**
 * The neutral request shape every signature scheme verifies, the parse results, and the helpers the
 * schemes share. Pure code over `node:crypto`: no Fastify, no I/O, no clock (callers pass `now`).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { SecretAccessKey } from '../../core/secrets.js';

export interface SignedRequest {
  /** upper-case HTTP method */
  method: string;
  /** raw path as received on the wire, without the query string (still percent-encoded) */
  path: string;
  /** raw query string as received, without '?', '' if none */
  rawQuery: string;
  /** lower-case names, as Node's IncomingMessage gives them */
  headers: Record<string, string | string[] | undefined>;
  /** exact body bytes ('' body = empty buffer) */
  body: Buffer;
}

/**
 * Why a request carrying a signature was refused before (or instead of) checking the HMAC:
 * - `malformed`: a signature part is present but unparseable or inconsistent
 * - `missing`: the scheme was recognised but its date or signature value is absent
 * - `bad-signature`: a declared content hash does not match the body
 * - `expired`: the signing time is outside the accepted window (see `checkFreshness`)
 */
export type SignatureFailure = 'malformed' | 'bad-signature' | 'expired' | 'missing';

export type SignatureScheme = 'huawei-sdk-hmac' | 'aws-sigv4' | 'volc-hmac' | 'ksyun-simple';

/** one decoded query or form parameter, in wire order */
export interface QueryParam {
  key: string;
  value: string;
}

interface ParsedSignatureBase {
  scheme: SignatureScheme;
  accessKeyId: string;
  /** epoch ms */
  signedAt: number;
  region?: string;
  service?: string;
  /** SECURITY: non-enumerable (see `hideSensitive`), so logging the parse result cannot leak it */
  securityToken?: string;
  /** presigned AWS only: epoch ms after which the request is refused */
  expiresAt?: number;
  /** the client's claimed signature, lower-case hex; SECURITY: non-enumerable like `securityToken` */
  signature: string;
}

interface HeaderListSignature extends ParsedSignatureBase {
  /** the client's SignedHeaders list, validated and in its order */
  signedHeaders: string[];
  /** the date header (X-Sdk-Date, x-amz-date, X-Date) exactly as sent; it is part of the string to sign */
  requestDate: string;
}

export interface HuaweiParsedSignature extends HeaderListSignature {
  scheme: 'huawei-sdk-hmac';
}

export interface AwsParsedSignature extends HeaderListSignature {
  scheme: 'aws-sigv4';
  form: 'header' | 'query';
  region: string;
  service: string;
  /** `<YYYYMMDD>/<region>/<service>/aws4_request` */
  credentialScope: string;
}

export interface VolcParsedSignature extends HeaderListSignature {
  scheme: 'volc-hmac';
  region: string;
  service: string;
  /** `<YYYYMMDD>/<region>/<service>/request` */
  credentialScope: string;
}

export interface KsyunParsedSignature extends ParsedSignatureBase {
  scheme: 'ksyun-simple';
}

/** what a parser extracts before the secret is known; pass it back to the same scheme's verifier */
export type ParsedSignature = HuaweiParsedSignature | AwsParsedSignature | VolcParsedSignature | KsyunParsedSignature;

export type SigningSecret = string | SecretAccessKey;

export const DEFAULT_SKEW_MS = 15 * 60 * 1000;
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

export function revealSecret(secret: SigningSecret): string {
  return typeof secret === 'string' ? secret : secret.reveal();
}

/**
 * RFC 3986 §2.3 strict encoding: only `A-Z a-z 0-9 - _ . ~` stay raw, everything else becomes
 * upper-case `%XX` of its UTF-8 bytes. `encodeURIComponent` alone leaves `! ' ( ) *` raw, which is
 * exactly what Node `querystring` sends and what none of the vendors sign (huawei-iam.md §2.6).
 */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** percent-decodes one component; null when an escape is malformed or the bytes are not UTF-8 */
export function decodeComponent(raw: string, plusAsSpace: boolean): string | null {
  try {
    const decoded = decodeURIComponent(plusAsSpace ? raw.replace(/\+/g, ' ') : raw);
    return LONE_SURROGATE.test(decoded) ? null : decoded;
  } catch {
    return null;
  }
}

/**
 * Splits a raw query (or form body) on `&` and `=` and decodes each side. Empty pieces are skipped
 * and a piece without `=` has value ''. Returns null if any escape is malformed.
 * `plusAsSpace`: Go `url.Values.Encode` and Python `urlencode` send a space as `+`, while every client
 * in the captures sends a literal plus as `%2B`; pick what the scheme's clients do, and make the
 * dialect decode its parameters the same way so the signed meaning is the executed meaning.
 */
export function parseQuery(raw: string, options: { plusAsSpace: boolean }): QueryParam[] | null {
  const params: QueryParam[] = [];
  for (const piece of raw.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const key = decodeComponent(eq === -1 ? piece : piece.slice(0, eq), options.plusAsSpace);
    const value = decodeComponent(eq === -1 ? '' : piece.slice(eq + 1), options.plusAsSpace);
    if (key === null || value === null) return null;
    params.push({ key, value });
  }
  return params;
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `enc(k)=enc(v)` pairs joined by `&`, sorted by key then value in plain code-unit order.
 * `sortOn` says which form is compared, because the SDKs differ: AWS (@smithy/signature-v4
 * `getCanonicalQuery`) sorts the encoded keys; Huawei (`AKSKSigner.CanonicalQueryString`), Volcengine
 * (`sign.js` `sortParams`) and Kingsoft (Go `sign.go`) sort the decoded keys. The two orders differ
 * only for keys such as `a.` vs `a/` (`%2F` sorts before `.`).
 */
export function canonicalQuery(params: readonly QueryParam[], sortOn: 'encoded' | 'decoded'): string {
  const rows = params.map((p) => ({
    key: p.key,
    value: p.value,
    encodedKey: encodeRfc3986(p.key),
    encodedValue: encodeRfc3986(p.value),
  }));
  rows.sort((a, b) =>
    sortOn === 'encoded'
      ? compareCodeUnits(a.encodedKey, b.encodedKey) || compareCodeUnits(a.encodedValue, b.encodedValue)
      : compareCodeUnits(a.key, b.key) || compareCodeUnits(a.value, b.value),
  );
  return rows.map((r) => `${r.encodedKey}=${r.encodedValue}`).join('&');
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/**
 * SECURITY: signatures are compared with `crypto.timingSafeEqual`, so the time taken does not reveal
 * how many leading characters of a forged signature were right. Only the length may leak, and it is
 * public (64 hex characters for every scheme here).
 */
export function timingSafeEqualHex(expected: string, actual: string): boolean {
  if (typeof actual !== 'string') return false;
  const a = Buffer.from(expected.toLowerCase(), 'utf8');
  const b = Buffer.from(actual.toLowerCase(), 'utf8');
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}

const BASIC_ISO_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** ISO 8601 basic `YYYYMMDDTHHMMSSZ` (X-Sdk-Date, X-Date, x-amz-date) → epoch ms; null if invalid */
export function parseBasicIsoDate(value: string): number | null {
  const m = BASIC_ISO_DATE.exec(value);
  if (m === null) return null;
  return utcFields(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/** epoch ms of UTC calendar fields, or null for an impossible date such as Feb 30 or 24:00 */
export function utcFields(y: number, mo: number, d: number, h: number, mi: number, s: number): number | null {
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59) return null;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Date.UTC rolls Feb 30 into March and maps years 0-99 to 1900+; the round trip catches both
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.getTime();
}

/** true when the signing time is within `windowMs` of `now`, in either direction */
export function isWithinSkew(signedAt: number, now: number, windowMs = DEFAULT_SKEW_MS): boolean {
  return Math.abs(now - signedAt) <= windowMs;
}

/**
 * Clock check for a parsed signature. AWS presigned requests are valid from `signedAt` (less the skew
 * window) until `expiresAt` (X-Amz-Expires); every other request must be within the skew window
 * (AWS 15 min → RequestExpired, Volcengine InvalidTimestamp; README surprise 15).
 */
export function checkFreshness(parsed: ParsedSignature, now: number, windowMs = DEFAULT_SKEW_MS): 'expired' | null {
  if (parsed.expiresAt !== undefined) {
    return parsed.signedAt - windowMs <= now && now <= parsed.expiresAt ? null : 'expired';
  }
  return isWithinSkew(parsed.signedAt, now, windowMs) ? null : 'expired';
}

/** a header's value; Node only gives arrays for `set-cookie`, joined here with `,` as SigV4 says */
export function headerValue(req: SignedRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** the first space-separated token of `Authorization` (the algorithm) and the rest */
export function splitAuthorization(req: SignedRequest): { algorithm: string; rest: string } | null {
  const value = headerValue(req, 'authorization');
  if (value === undefined) return null;
  const space = value.indexOf(' ');
  return space === -1 ? { algorithm: value, rest: '' } : { algorithm: value.slice(0, space), rest: value.slice(space + 1) };
}

/** `A=x, B=y, C=z` → map; null on a part without `=` or a repeated name (ambiguous) */
export function parseAuthorizationParams(rest: string): Map<string, string> | null {
  const params = new Map<string, string>();
  for (const part of rest.split(',')) {
    const trimmed = part.trim();
    const eq = trimmed.indexOf('=');
    if (eq <= 0 || params.has(trimmed.slice(0, eq))) return null;
    params.set(trimmed.slice(0, eq), trimmed.slice(eq + 1));
  }
  return params;
}

const HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;

/**
 * The client's `SignedHeaders` list, validated: lower-case tokens, no duplicates, every one present
 * in the request. Null otherwise: a signed header the server cannot see can never be verified.
 */
export function parseSignedHeaders(list: string, req: SignedRequest): string[] | null {
  const names = list.split(';');
  if (new Set(names).size !== names.length) return null;
  for (const name of names) {
    if (!HEADER_NAME.test(name) || headerValue(req, name) === undefined) return null;
  }
  return names;
}

/** `name:value\n` per signed header, in the client's order; `normalise` rewrites each value */
export function canonicalHeaderBlock(req: SignedRequest, names: readonly string[], normalise = (v: string) => v): string {
  return names.map((name) => `${name}:${normalise(headerValue(req, name) ?? '')}\n`).join('');
}

export function isSha256Hex(value: string): boolean {
  return /^[0-9a-fA-F]{64}$/.test(value);
}

/**
 * Whether a declared content hash (x-amz-content-sha256, X-Sdk-Content-Sha256, X-Content-Sha256)
 * really covers the body. SECURITY: `UNSIGNED-PAYLOAD` is honoured only for an empty body. On these
 * APIs the body carries the action and its parameters (AWS query protocol, Volcengine and Kingsoft
 * forms), so an unsigned non-empty body would let anyone replaying a captured request within the
 * skew window rewrite it, for example turn ListUsers into CreateAccessKey.
 */
export function isDeclaredPayloadHashValid(declared: string, body: Buffer, allowUnsigned: boolean): boolean {
  if (allowUnsigned && declared === UNSIGNED_PAYLOAD) return body.length === 0;
  return isSha256Hex(declared) && declared.toLowerCase() === sha256Hex(body);
}

/**
 * SECURITY: makes `signature` and `securityToken` non-enumerable, so `JSON.stringify`, pino and
 * `util.inspect` skip them (STYLE: no signatures or session tokens in logs). They stay readable.
 */
export function hideSensitive<T extends ParsedSignature>(parsed: T): T {
  Object.defineProperty(parsed, 'signature', { enumerable: false });
  if (parsed.securityToken !== undefined) Object.defineProperty(parsed, 'securityToken', { enumerable: false });
  return parsed;
}

/** lower-case 64-hex signature, or null */
export function normaliseSignature(value: string | undefined): string | null {
  return value !== undefined && isSha256Hex(value) ? value.toLowerCase() : null;
}
