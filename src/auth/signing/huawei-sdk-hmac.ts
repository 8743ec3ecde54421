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
  hideSensitive,
  hmac,
  isDeclaredPayloadHashValid,
  normaliseSignature,
  parseAuthorizationParams,
  parseBasicIsoDate,
  parseQuery,
  parseSignedHeaders,
  revealSecret,
  sha256Hex,
  splitAuthorization,
  timingSafeEqualHex,
  type HuaweiParsedSignature,
  type SignatureFailure,
  type SignedRequest,
  type SigningSecret,
} from './signed-request.js';

const ALGORITHM = 'SDK-HMAC-SHA256';
const DATE_HEADER = 'x-sdk-date';
const CONTENT_SHA256_HEADER = 'x-sdk-content-sha256';

/**
 * Reads `Authorization: SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<list>, Signature=<hex>` and
 * `X-Sdk-Date`. Returns null when there is no `SDK-HMAC-SHA256` Authorization header at all.
 */
export function parseHuaweiSignature(req: SignedRequest): HuaweiParsedSignature | SignatureFailure | null {
  const authorization = splitAuthorization(req);
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
  return hideSensitive({
    scheme: 'huawei-sdk-hmac',
    accessKeyId,
    signedAt,
    signature,
    signedHeaders,
    requestDate,
    ...(securityToken !== undefined && { securityToken }),
  });
}

/** true when `parsed.signature` is the HMAC of this request under `secret` */
export function verifyHuaweiSignature(
  req: SignedRequest,
  parsed: HuaweiParsedSignature,
  secret: SigningSecret,
): boolean {
  const stringToSign = huaweiStringToSign(req, parsed);
  if (stringToSign === null) return false;
  const expected = hmac(revealSecret(secret), stringToSign).toString('hex');
  return timingSafeEqualHex(expected, parsed.signature);
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
  return [
    req.method,
    uri,
    // AKSKSigner.CanonicalQueryString: `keys.sort()` on decoded keys, array values `.sort()`ed
    canonicalQuery(query, 'decoded'),
    // AKSKSigner.buildCanonicalHeaders: `name:value\n`, values NOT trimmed or collapsed
    canonicalHeaderBlock(req, parsed.signedHeaders),
    parsed.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
}

/**
 * AKSKSigner.CanonicalURI: each `/`-separated segment strictly encoded, then a trailing `/` appended
 * (`/v3/users` → `/v3/users/`). The SDK encodes the raw path-parameter value, and axios sends it
 * percent-encoded, so the wire segments are decoded first; `+` in a path is a literal plus.
 */
function canonicalUri(path: string): string | null {
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
