/**
 * Huawei Cloud `SDK-HMAC-SHA256` (API Gateway AK/SK signing), as implemented by the Node SDK's
 * `@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js` and described in huawei-iam.md §2
 * (CAPTURE-verified in huawei-captures.md). Key = the raw SK, no date/region derivation.
 */
import {
  canonicalHeaderBlock,
  canonicalQuery,
  decodeComponent,
  encodeRfc3986,
  headerValue,
  hmac,
  isDeclaredPayloadHashValid,
  macMatchesHex,
  normaliseSignature,
  parseAuthorizationParams,
  parseBasicIsoDate,
  parseQuery,
  parseSignedHeaders,
  sha256Hex,
  splitAuthorization,
  type HuaweiParsedSignature,
  type SignatureFailure,
  type SignedRequest,
  type SigningSecret,
  withSensitive,
} from './signed-request.js';
import { secretHmacKey } from './signing-crypto.js';
import { isUnreservedPath } from './uri-encoding.js';

const ALGORITHM = 'SDK-HMAC-SHA256';
const DATE_HEADER = 'x-sdk-date';
const CONTENT_SHA256_HEADER = 'x-sdk-content-sha256';

/**
 * Reads `Authorization: SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<list>, Signature=<hex>` and
 * `X-Sdk-Date`. Returns null when there is no `SDK-HMAC-SHA256` Authorization header at all.
 * `authorization`: the header already split by the caller (`detectScheme`), so it is split once.
 */
export function parseHuaweiSignature(
  req: SignedRequest,
  authorization = splitAuthorization(req),
): HuaweiParsedSignature | SignatureFailure | null {
  if (authorization === null || authorization.algorithm !== ALGORITHM) return null;
  const params = parseAuthorizationParams(authorization.rest);
  const accessKeyId = params?.get('Access');
  const signedHeaderList = params?.get('SignedHeaders');
  const signature = normaliseSignature(params?.get('Signature'));
  if (!accessKeyId || signedHeaderList === undefined || signature === null) return 'malformed';

  const requestDate = headerValue(req, DATE_HEADER);
  if (requestDate === undefined) return 'missing';
  const signedAt = parseBasicIsoDate(requestDate);
  if (signedAt === null) return 'malformed';

  // huawei-iam.md §2.2: the SDK always signs X-Sdk-Date; without it the date would be unauthenticated
  const signedHeaders = parseSignedHeaders(signedHeaderList, req);
  if (signedHeaders === null || !signedHeaders.includes(DATE_HEADER)) return 'malformed';
  if (canonicalUri(req.path) === null || parseQuery(req.rawQuery, { plusAsSpace: true }) === null) {
    return 'malformed';
  }
  const declaredHash = headerValue(req, CONTENT_SHA256_HEADER);
  if (declaredHash !== undefined && !isDeclaredPayloadHashValid(declaredHash, req.body, true)) {
    return 'bad-signature';
  }

  const securityToken = headerValue(req, 'x-security-token');
  const visible = { scheme: 'huawei-sdk-hmac' as const, accessKeyId, signedAt, signedHeaders, requestDate };
  return withSensitive<HuaweiParsedSignature>(visible, signature, securityToken);
}

/** true when `parsed.signature` is the HMAC of this request under `secret` */
export function verifyHuaweiSignature(
  req: SignedRequest,
  parsed: HuaweiParsedSignature,
  secret: SigningSecret,
): boolean {
  const stringToSign = huaweiStringToSign(req, parsed);
  if (stringToSign === null) return false;
  return macMatchesHex(hmac(secretHmacKey(secret), stringToSign), parsed.signature);
}

/** `SDK-HMAC-SHA256\n<X-Sdk-Date>\n<hex sha256(canonical request)>` (huawei-iam.md §2.8) */
export function huaweiStringToSign(req: SignedRequest, parsed: HuaweiParsedSignature): string | null {
  const canonical = huaweiCanonicalRequest(req, parsed);
  return canonical === null ? null : `${ALGORITHM}\n${parsed.requestDate}\n${sha256Hex(canonical)}`;
}

export function huaweiCanonicalRequest(req: SignedRequest, parsed: HuaweiParsedSignature): string | null {
  const uri = canonicalUri(req.path);
  // The Node SDK sends the query with `querystring.stringify` (leaves `!'()*` raw) but signs it
  // strictly encoded, so decode then re-encode. `+` never reaches the wire raw from the Node SDK
  // (it sends `%2B`); the Go SDK's url.Values.Encode sends a space as `+`.
  const query = parseQuery(req.rawQuery, { plusAsSpace: true });
  if (uri === null || query === null) return null;
  const payloadHash = payloadHashFor(req);
  if (payloadHash === null) return null;
  // AKSKSigner.CanonicalQueryString: `keys.sort()` on decoded keys, array values `.sort()`ed
  const canonicalQueryString = canonicalQuery(query, 'decoded');
  // AKSKSigner.buildCanonicalHeaders: `name:value\n`, values NOT trimmed or collapsed
  const headerBlock = canonicalHeaderBlock(req, parsed.signedHeaders);
  return `${req.method}\n${uri}\n${canonicalQueryString}\n${headerBlock}\n${parsed.signedHeaders.join(';')}\n${payloadHash}`;
}

/**
 * AKSKSigner.CanonicalURI: each `/`-separated segment strictly encoded, then a trailing `/` appended
 * (`/v3/users` → `/v3/users/`). The SDK encodes the raw path-parameter value, and axios sends it
 * percent-encoded, so the wire segments are decoded first; `+` in a path is a literal plus.
 */
function canonicalUri(path: string): string | null {
  // unreserved segments decode and re-encode to themselves, so the loop below would return them as is
  if (isUnreservedPath(path)) return path.endsWith('/') ? path : `${path}/`;
  const segments: string[] = [];
  for (const raw of path.split('/')) {
    const decoded = decodeComponent(raw, false);
    if (decoded === null) return null;
    segments.push(encodeRfc3986(decoded));
  }
  const joined = segments.join('/');
  return joined.endsWith('/') ? joined : `${joined}/`;
}

/**
 * AKSKSigner.buildPayloadHash: the `X-Sdk-Content-Sha256` value literally when present, otherwise
 * sha256 of the exact body bytes. The declared value must also match the body (see
 * `isDeclaredPayloadHashValid`); the SDK only sets it to UNSIGNED-PAYLOAD for non-JSON uploads.
 */
function payloadHashFor(req: SignedRequest): string | null {
  const declared = headerValue(req, CONTENT_SHA256_HEADER);
  if (declared === undefined) return sha256Hex(req.body);
  return isDeclaredPayloadHashValid(declared, req.body, true) ? declared : null;
}
