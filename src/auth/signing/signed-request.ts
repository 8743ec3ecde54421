/**
 * The neutral request shape every signature scheme verifies, the parse results, and the helpers the
 * schemes share. Pure code over `node:crypto`: no Fastify, no I/O, no clock (callers pass `now`).
 */
import { sha256Hex } from './signing-crypto.js';

// Moved to their own files to keep this one readable; re-exported so importers need not change.
export {
  EMPTY_SHA256,
  hmac,
  macMatchesHex,
  revealSecret,
  sha256Hex,
  timingSafeEqualHex,
  type SigningSecret,
} from './signing-crypto.js';
export { canonicalQuery, decodeComponent, encodeRfc3986, parseQuery, type QueryParam } from './uri-encoding.js';

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

export const DEFAULT_SKEW_MS = 15 * 60 * 1000;
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

const BASIC_ISO_DATE = /^\d{8}T\d{6}Z$/;

/** the number written by the ASCII digits `value[from..to)` (the caller has checked they are digits) */
function digitsAt(value: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + value.charCodeAt(i) - 48;
  return n;
}

/** ISO 8601 basic `YYYYMMDDTHHMMSSZ` (X-Sdk-Date, X-Date, x-amz-date) → epoch ms; null if invalid */
export function parseBasicIsoDate(value: string): number | null {
  // fields read by position, not through capture groups: no match array and six substrings per request
  if (!BASIC_ISO_DATE.test(value)) return null;
  return utcFields(
    digitsAt(value, 0, 4),
    digitsAt(value, 4, 6),
    digitsAt(value, 6, 8),
    digitsAt(value, 9, 11),
    digitsAt(value, 11, 13),
    digitsAt(value, 13, 15),
  );
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
  // own headers only: Node's header object has a prototype, and a client may sign a header named
  // `constructor` it never sends (#9)
  if (!Object.hasOwn(req.headers, name)) return undefined;
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

/** printable ASCII other than space: a character `String.prototype.trim` never removes */
const isPlain = (code: number) => code > 0x20 && code < 0x7f;

/** `A=x, B=y, C=z` → map; null on a part without `=` or a repeated name (ambiguous) */
export function parseAuthorizationParams(rest: string): Map<string, string> | null {
  const params = new Map<string, string>();
  let start = 0;
  for (;;) {
    const comma = rest.indexOf(',', start);
    const end = comma === -1 ? rest.length : comma;
    // each part trimmed; the SDKs' `, ` leaves one space, skipped without calling trim (same result)
    const from = start < end && rest.charCodeAt(start) === 0x20 ? start + 1 : start;
    const simple = from < end && isPlain(rest.charCodeAt(from)) && isPlain(rest.charCodeAt(end - 1));
    const trimmed = simple ? rest.slice(from, end) : rest.slice(start, end).trim();
    const eq = trimmed.indexOf('=');
    if (eq <= 0) return null;
    const name = trimmed.slice(0, eq);
    if (params.has(name)) return null;
    params.set(name, trimmed.slice(eq + 1));
    if (comma === -1) return params;
    start = comma + 1;
  }
}

/** `;`-separated lower-case header-name tokens, none empty */
const HEADER_NAME_LIST = /^[a-z0-9!#$%&'*+.^_`|~-]+(?:;[a-z0-9!#$%&'*+.^_`|~-]+)*$/;

/**
 * The client's `SignedHeaders` list, validated: lower-case tokens, no duplicates, every one present
 * in the request. Null otherwise: a signed header the server cannot see can never be verified.
 */
export function parseSignedHeaders(list: string, req: SignedRequest): string[] | null {
  // every check only decides null or not, so the cheapest go first: one match for the whole list
  if (!HEADER_NAME_LIST.test(list)) return null;
  const names = list.split(';');
  if (hasDuplicate(names)) return null;
  for (const name of names) {
    if (headerValue(req, name) === undefined) return null;
  }
  return names;
}

/** a short list is scanned pairwise rather than copied into a Set; a long one (hostile) uses the Set */
function hasDuplicate(names: readonly string[]): boolean {
  if (names.length > 16) return new Set(names).size !== names.length;
  for (let i = 1; i < names.length; i++) if (names.lastIndexOf(names[i], i - 1) !== -1) return true;
  return false;
}

/** `name:value\n` per signed header, in the client's order; `normalise` rewrites each value */
export function canonicalHeaderBlock(req: SignedRequest, names: readonly string[], normalise?: (v: string) => string): string {
  let block = '';
  for (const name of names) {
    const value = headerValue(req, name) ?? '';
    block += `${name}:${normalise === undefined ? value : normalise(value)}\n`;
  }
  return block;
}

const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

export function isSha256Hex(value: string): boolean {
  return SHA256_HEX.test(value);
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

/**
 * `hideSensitive` for a parse result being built: adds `signature` and, if present, `securityToken`
 * as non-enumerable properties (same descriptors: writable, configurable). SECURITY: as above. Adding a
 * hidden property costs about half of turning a visible one hidden, and this runs on every request.
 */
export function withSensitive<T extends ParsedSignature>(
  visible: Omit<T, 'signature' | 'securityToken'>,
  signature: string,
  securityToken: string | undefined,
): T {
  Object.defineProperty(visible, 'signature', { value: signature, writable: true, configurable: true, enumerable: false });
  if (securityToken !== undefined) {
    Object.defineProperty(visible, 'securityToken', { value: securityToken, writable: true, configurable: true, enumerable: false });
  }
  return visible as T;
}

/** lower-case 64-hex signature, or null */
export function normaliseSignature(value: string | undefined): string | null {
  return value !== undefined && isSha256Hex(value) ? value.toLowerCase() : null;
}
