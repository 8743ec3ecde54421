/**
 * The hashing, HMAC and comparison the schemes share, and the per-secret key material that makes a
 * signed request cost one hash and one HMAC: `createHmac` with a string key encodes and imports the
 * key again on every call (about a fifth of the HMAC's cost here), and SigV4 / Volcengine derive their
 * signing key with four more HMACs. Both are kept per secret object, as the AWS SDKs keep derived keys
 * client-side (@smithy/signature-v4 `signingKeyCache`).
 */
import * as nodeCrypto from 'node:crypto';
import { createHash, createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { SecretAccessKey } from '../../core/secrets.js';

export type SigningSecret = string | SecretAccessKey;

export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export function revealSecret(secret: SigningSecret): string {
  return typeof secret === 'string' ? secret : secret.reveal();
}

/**
 * `crypto.hash` (Node 20.12+, package.json allows 20.6): one native call instead of a Hash object,
 * about half the cost for the short canonical requests here. Read off the namespace so an older Node
 * gets `undefined` instead of failing to link.
 */
const oneShotHash: typeof nodeCrypto.hash | undefined = nodeCrypto.hash;

export function sha256Hex(data: string | Buffer): string {
  // the empty body of every GET: its hash is a constant
  if (data.length === 0) return EMPTY_SHA256;
  return oneShotHash !== undefined ? oneShotHash('sha256', data, 'hex') : createHash('sha256').update(data).digest('hex');
}

export function hmac(key: string | Buffer | KeyObject, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

interface KeyMaterial {
  /** the secret imported once as an HMAC key */
  raw?: KeyObject;
  /** derived signing keys by scheme and scope */
  scoped?: Map<string, KeyObject>;
}

/**
 * SECURITY: keyed by the `SecretAccessKey` object, never by the secret's text, so an entry lives as
 * long as the SigningKeyCache holds that object (a rotated or deleted key drops it) and nothing here
 * can be listed or logged. A `KeyObject` prints as `SecretKeyObject { type: 'secret', ... }`.
 * Plain-string secrets (tests, tools) are not cached.
 */
const materials = new WeakMap<SecretAccessKey, KeyMaterial>();
/** one key serves a (date, region, service) for a day; a handful covers a client using several regions */
const MAX_SCOPES_PER_SECRET = 16;

function materialOf(secret: SecretAccessKey): KeyMaterial {
  let material = materials.get(secret);
  if (material === undefined) {
    material = {};
    materials.set(secret, material);
  }
  return material;
}

/** the HMAC key for a scheme keyed by the raw secret (Huawei, Kingsoft simple) */
export function secretHmacKey(secret: SigningSecret): string | KeyObject {
  if (typeof secret === 'string') return secret;
  const material = materialOf(secret);
  material.raw ??= importKey(Buffer.from(secret.reveal(), 'utf8'));
  return material.raw;
}

/**
 * The HMAC key `derive` makes from the raw secret for one scope, made once per secret object and scope.
 * `scope` must name the scheme and every derivation input without ambiguity (see `scopeId`).
 */
export function scopedHmacKey(secret: SigningSecret, scope: string, derive: (raw: string) => Buffer): Buffer | KeyObject {
  if (typeof secret === 'string') return derive(secret);
  const material = materialOf(secret);
  material.scoped ??= new Map();
  let key = material.scoped.get(scope);
  if (key === undefined) {
    if (material.scoped.size >= MAX_SCOPES_PER_SECRET) material.scoped.clear();
    key = importKey(derive(secret.reveal()));
    material.scoped.set(scope, key);
  }
  return key;
}

/** `createSecretKey` keeps its own copy, so the transient bytes are wiped rather than left to the GC */
function importKey(bytes: Buffer): KeyObject {
  try {
    return createSecretKey(bytes);
  } finally {
    bytes.fill(0);
  }
}

/** an unambiguous cache id for a derivation: lengths first, so `a/b` + `c` never meets `a` + `b/c` */
export function scopeId(scheme: string, date: string, region: string, service: string): string {
  return `${scheme}:${date.length}:${region.length}:${date}${region}${service}`;
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

/**
 * `timingSafeEqualHex(mac.toString('hex'), claimedHex)` without encoding the MAC and lower-casing both
 * sides: the claim is decoded instead. Same answer: hex decoding stops at the first pair that is not
 * hex, so a claim of exactly twice the MAC's length decodes to the MAC's length only if it is all hex,
 * in either case. SECURITY: constant-time like `timingSafeEqualHex`; only the (public) length leaks.
 */
export function macMatchesHex(mac: Buffer, claimedHex: string): boolean {
  if (typeof claimedHex !== 'string' || claimedHex.length !== mac.length * 2) return false;
  const claimed = Buffer.from(claimedHex, 'hex');
  return claimed.length === mac.length && timingSafeEqual(mac, claimed);
}
