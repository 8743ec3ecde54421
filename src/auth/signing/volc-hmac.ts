/**
 * Volcengine OpenAPI `HMAC-SHA256`, a SigV4 variant, as implemented by `@volcengine/openapi`
 * `lib/base/sign.js` and described in volcengine-iam.md §2 (CAPTURE-verified in
 * volcengine-captures.md). Differences from SigV4: no "AWS4" key prefix, terminator `request`,
 * date header `X-Date`, body hash header `X-Content-Sha256`.
 */
import {
  canonicalHeaderBlock,
  canonicalQuery,
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
  type SignatureFailure,
  type SignedRequest,
  type SigningSecret,
  type VolcParsedSignature,
  withSensitive,
} from './signed-request.js';
import { scopedHmacKey, scopeId } from './signing-crypto.js';

const ALGORITHM = 'HMAC-SHA256';
const DATE_HEADER = 'x-date';
const CONTENT_SHA256_HEADER = 'x-content-sha256';

/**
 * Reads `Authorization: HMAC-SHA256 Credential=<AK>/<YYYYMMDD>/<region>/<service>/request,
 * SignedHeaders=<list>, Signature=<hex>` and `X-Date`. Null without such an Authorization header.
 * `authorization`: the header already split by the caller (`detectScheme`), so it is split once.
 */
export function parseVolcSignature(
  req: SignedRequest,
  authorization = splitAuthorization(req),
): VolcParsedSignature | SignatureFailure | null {
  if (authorization === null || authorization.algorithm !== ALGORITHM) return null;
  const params = parseAuthorizationParams(authorization.rest);
  const credential = params?.get('Credential');
  const signedHeaderList = params?.get('SignedHeaders');
  const signature = normaliseSignature(params?.get('Signature'));
  if (credential === undefined || signedHeaderList === undefined || signature === null) return 'malformed';

  const requestDate = headerValue(req, DATE_HEADER);
  if (requestDate === undefined) return 'missing';
  const signedAt = parseBasicIsoDate(requestDate);
  if (signedAt === null) return 'malformed';

  const parts = credential.split('/');
  if (parts.length !== 5 || parts.some((p) => p === '') || parts[4] !== 'request') return 'malformed';
  const [accessKeyId, scopeDate, region, service] = parts;
  // sign.js credentialString: the scope date is `datetime.substr(0, 8)` of X-Date
  if (scopeDate !== requestDate.slice(0, 8)) return 'malformed';

  // volcengine-iam.md §2.3: the JS SDK signs only x-date (+x-content-sha256, +x-security-token);
  // other SDKs add host. So take the client's list as is and never require host
  const signedHeaders = parseSignedHeaders(signedHeaderList, req);
  if (signedHeaders === null) return 'malformed';
  if (parseQuery(req.rawQuery, { plusAsSpace: true }) === null) return 'malformed';

  const declaredHash = headerValue(req, CONTENT_SHA256_HEADER);
  if (declaredHash !== undefined && !isDeclaredPayloadHashValid(declaredHash, req.body, false)) {
    return 'bad-signature';
  }

  const securityToken = headerValue(req, 'x-security-token');
  const credentialScope = parts.slice(1).join('/');
  const visible = { scheme: 'volc-hmac' as const, accessKeyId, signedAt, region, service, signedHeaders, requestDate, credentialScope };
  return withSensitive<VolcParsedSignature>(visible, signature, securityToken);
}

/** true when `parsed.signature` matches this request under `secret` */
export function verifyVolcSignature(req: SignedRequest, parsed: VolcParsedSignature, secret: SigningSecret): boolean {
  const canonical = volcCanonicalRequest(req, parsed);
  if (canonical === null) return false;
  const stringToSign = `${ALGORITHM}\n${parsed.requestDate}\n${parsed.credentialScope}\n${sha256Hex(canonical)}`;
  const date = parsed.requestDate.slice(0, 8);
  const { region, service } = parsed;
  // derived once per secret and scope, not four HMACs per request (signing-crypto.ts)
  const scope = scopeId(ALGORITHM, date, region, service);
  const key = scopedHmacKey(secret, scope, (raw) => volcSigningKey(raw, date, region, service));
  return macMatchesHex(hmac(key, stringToSign), parsed.signature);
}

/** sign.js getSigningKey: `HMAC(SK, date) → region → service → "request"`, no prefix on the SK */
export function volcSigningKey(secret: string, date: string, region: string, service: string): Buffer {
  let key = hmac(secret, date);
  for (const part of [region, service, 'request']) key = hmac(key, part);
  return key;
}

export function volcCanonicalRequest(req: SignedRequest, parsed: VolcParsedSignature): string | null {
  // The SDK sends `!` raw (`Pa%24%24w0rd!x`) but signs `%21`: decode then strictly re-encode.
  // `+` is a space here: the Node SDK never sends it raw, the Go and Python SDKs send spaces as `+`
  const query = parseQuery(req.rawQuery, { plusAsSpace: true });
  if (query === null) return null;
  const declared = headerValue(req, CONTENT_SHA256_HEADER);
  if (declared !== undefined && !isDeclaredPayloadHashValid(declared, req.body, false)) return null;
  // sign.js sortParams sorts the decoded keys, queryParamsToString encodes with uriEscape
  const canonicalQueryString = canonicalQuery(query, 'decoded');
  const headerBlock = canonicalHeaderBlock(req, parsed.signedHeaders, canonicalHeaderValue);
  // sign.js hexEncodedBodyHash: the X-Content-Sha256 value, else sha256 of the (empty) body
  const payloadHash = declared ?? sha256Hex(req.body);
  // sign.js canonicalString pushes `pathname` as is (the OpenAPI path is always `/`)
  return `${req.method}\n${req.path}\n${canonicalQueryString}\n${headerBlock}\n${parsed.signedHeaders.join(';')}\n${payloadHash}`;
}

/** a run the collapse below would rewrite: two blanks in a row, or a blank other than a space */
const COLLAPSIBLE = /\s{2}|[^\S ]/;

/**
 * sign.js canonicalHeaderValues: `/\s+/g` → ' ', then trimmed. Most values have at most single
 * spaces, which the collapse leaves as they are, so it is skipped for them.
 */
function canonicalHeaderValue(value: string): string {
  return (COLLAPSIBLE.test(value) ? value.replace(/\s+/g, ' ') : value).trim();
}
