/**
 * AWS Signature Version 4 (`AWS4-HMAC-SHA256`), header and presigned-query forms, as a server
 * verifies it. Follows aws-iam-query.md §3 (CAPTURE-verified) and the reference signer
 * `@smithy/signature-v4` (`getCanonicalPath`, `getCanonicalQuery`, `getCanonicalHeaders`,
 * `getPayloadHash`). The service is not hard-coded: callers check `service` ('iam', 'sts', ...).
 * Kingsoft also accepts this scheme (kingsoft-iam.md, Signing item 1).
 */
import {
  canonicalHeaderBlock,
  canonicalQuery,
  EMPTY_SHA256,
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
  UNSIGNED_PAYLOAD,
  type AwsParsedSignature,
  type QueryParam,
  type SignatureFailure,
  type SignedRequest,
  type SigningSecret,
  withSensitive,
} from './signed-request.js';
import { scopedHmacKey, scopeId } from './signing-crypto.js';

const ALGORITHM = 'AWS4-HMAC-SHA256';
const CONTENT_SHA256_HEADER = 'x-amz-content-sha256';
/** @smithy/signature-v4 MAX_PRESIGNED_TTL: presigned URLs live at most one week */
const MAX_EXPIRES_SECONDS = 7 * 24 * 60 * 60;
const PRESIGN_PARAMS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature'];

interface RawAuth {
  form: 'header' | 'query';
  credential: string;
  signedHeaderList: string;
  signature: string | undefined;
  requestDate: string | undefined;
  securityToken: string | undefined;
  expires: string | undefined;
}

/**
 * Parses either `Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...`
 * or the presigned `X-Amz-*` query parameters. Null when the request carries neither.
 * `authorization` and `query`: the header split and the query parsed by the caller (`detectScheme`
 * hands over what it already has, so nothing is done twice).
 */
export function parseAwsSignature(
  req: SignedRequest,
  authorization = splitAuthorization(req),
  // AWS: '+' in a query is a space (aws-sdk-go's signer reads URL.Query()); the JS SDK sends %2B / %20
  query = parseQuery(req.rawQuery, { plusAsSpace: true }),
): AwsParsedSignature | SignatureFailure | null {
  const isPresigned = query === null
    ? req.rawQuery.includes('X-Amz-')
    : query.some((p) => PRESIGN_PARAMS.includes(p.key));
  const isHeaderForm = authorization?.algorithm === ALGORITHM;
  if (!isHeaderForm && !isPresigned) return null;
  // AWS "Add the signature to the request": the signing information goes in the header or the
  // query string, never both; accepting both would leave it ambiguous which one was checked
  if (query === null || (isPresigned && authorization !== null)) return 'malformed';

  const raw = isHeaderForm ? readHeaderForm(req, authorization.rest) : readQueryForm(req, query);
  return raw === 'malformed' ? raw : finishParse(req, raw);
}

function readHeaderForm(req: SignedRequest, rest: string): RawAuth | 'malformed' {
  const params = parseAuthorizationParams(rest);
  const credential = params?.get('Credential');
  const signedHeaderList = params?.get('SignedHeaders');
  if (credential === undefined || signedHeaderList === undefined) return 'malformed';
  return {
    form: 'header',
    credential,
    signedHeaderList,
    signature: params?.get('Signature'),
    // AWS "Handling dates in Signature Version 4": x-amz-date wins over Date
    requestDate: headerValue(req, 'x-amz-date') ?? headerValue(req, 'date'),
    securityToken: headerValue(req, 'x-amz-security-token'),
    expires: undefined,
  };
}

function readQueryForm(req: SignedRequest, query: readonly QueryParam[]): RawAuth | 'malformed' {
  const algorithm = single(query, 'X-Amz-Algorithm');
  const credential = single(query, 'X-Amz-Credential');
  const signedHeaderList = single(query, 'X-Amz-SignedHeaders');
  const signatures = query.filter((p) => p.key.toLowerCase() === 'x-amz-signature');
  const date = single(query, 'X-Amz-Date');
  const securityToken = single(query, 'X-Amz-Security-Token');
  const expires = single(query, 'X-Amz-Expires');
  if (
    algorithm !== ALGORITHM || credential === undefined || credential === 'duplicate' ||
    signedHeaderList === undefined || signedHeaderList === 'duplicate' || signatures.length > 1 ||
    date === 'duplicate' || securityToken === 'duplicate' || expires === 'duplicate'
  ) {
    return 'malformed';
  }
  return {
    form: 'query',
    credential,
    signedHeaderList,
    signature: signatures[0]?.value,
    // kingsoft-iam.md Signing 1: X-Amz-Date is optional and falls back to the Date header
    requestDate: date ?? headerValue(req, 'date'),
    securityToken: securityToken ?? headerValue(req, 'x-amz-security-token'),
    expires,
  };
}

/**
 * The one value of `key`, or 'duplicate'. A module function rather than a closure in `readQueryForm`:
 * under tsx (which `bin/polyiam.js` runs) esbuild's keepNames renames every such closure on creation.
 */
function single(query: readonly QueryParam[], key: string): string | undefined | 'duplicate' {
  const values = query.filter((p) => p.key === key);
  return values.length > 1 ? 'duplicate' : values[0]?.value;
}

function finishParse(req: SignedRequest, raw: RawAuth): AwsParsedSignature | SignatureFailure {
  if (raw.signature === undefined || raw.requestDate === undefined) return 'missing';
  const signature = normaliseSignature(raw.signature);
  const signedAt = parseBasicIsoDate(raw.requestDate);
  if (signature === null || signedAt === null) return 'malformed';

  // Credential = <AK>/<YYYYMMDD>/<region>/<service>/aws4_request
  const parts = raw.credential.split('/');
  if (parts.length !== 5 || parts.some((p) => p === '') || parts[4] !== 'aws4_request') return 'malformed';
  const [accessKeyId, scopeDate, region, service] = parts;
  if (scopeDate !== raw.requestDate.slice(0, 8)) return 'malformed';

  const signedHeaders = parseSignedHeaders(raw.signedHeaderList, req);
  if (signedHeaders === null) return 'malformed';

  let expiresAt: number | undefined;
  if (raw.expires !== undefined) {
    if (!/^\d{1,7}$/.test(raw.expires)) return 'malformed';
    const seconds = Number(raw.expires);
    if (seconds < 1 || seconds > MAX_EXPIRES_SECONDS) return 'malformed';
    expiresAt = signedAt + seconds * 1000;
  }

  const declaredHash = headerValue(req, CONTENT_SHA256_HEADER);
  if (declaredHash !== undefined && !isDeclaredPayloadHashValid(declaredHash, req.body, true)) {
    return 'bad-signature';
  }

  const visible = {
    scheme: 'aws-sigv4' as const,
    form: raw.form,
    accessKeyId,
    signedAt,
    region,
    service,
    signedHeaders,
    requestDate: raw.requestDate,
    credentialScope: parts.slice(1).join('/'),
    ...(expiresAt !== undefined && { expiresAt }),
  };
  return withSensitive<AwsParsedSignature>(visible, signature, raw.securityToken);
}

/** true when `parsed.signature` matches this request under `secret` */
export function verifyAwsSignature(req: SignedRequest, parsed: AwsParsedSignature, secret: SigningSecret): boolean {
  const query = parseQuery(req.rawQuery, { plusAsSpace: true });
  if (query === null) return false;
  const date = parsed.requestDate.slice(0, 8);
  const { region, service } = parsed;
  // derived once per secret and scope, not four HMACs per request (signing-crypto.ts)
  const scope = scopeId(ALGORITHM, date, region, service);
  const key = scopedHmacKey(secret, scope, (raw) => awsSigningKey(raw, date, region, service));
  return payloadHashCandidates(req, parsed).some((payloadHash) => {
    const canonical = awsCanonicalRequest(req, parsed, query, payloadHash);
    const stringToSign = `${ALGORITHM}\n${parsed.requestDate}\n${parsed.credentialScope}\n${sha256Hex(canonical)}`;
    return macMatchesHex(hmac(key, stringToSign), parsed.signature);
  });
}

/** `HMAC("AWS4"+SK, date) → region → service → "aws4_request"` (aws-iam-query.md §3) */
export function awsSigningKey(secret: string, date: string, region: string, service: string): Buffer {
  let key = hmac(`AWS4${secret}`, date);
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
  return key;
}

export function awsCanonicalRequest(
  req: SignedRequest,
  parsed: AwsParsedSignature,
  query: readonly QueryParam[],
  payloadHash: string,
): string {
  // @smithy getCanonicalQuery drops X-Amz-Signature (case-insensitively) and sorts encoded keys
  const signed = parsed.form === 'query' ? query.filter((p) => p.key.toLowerCase() !== 'x-amz-signature') : query;
  const uri = canonicalUri(req.path);
  const canonicalQueryString = canonicalQuery(signed, 'encoded');
  const headerBlock = canonicalHeaderBlock(req, parsed.signedHeaders, canonicalHeaderValue);
  return `${req.method}\n${uri}\n${canonicalQueryString}\n${headerBlock}\n${parsed.signedHeaders.join(';')}\n${payloadHash}`;
}

/** a run the collapse below would rewrite: two blanks in a row, or a blank other than a space */
const COLLAPSIBLE = /[ \t\r\n]{2}|[\t\r\n]/;

/**
 * SigV4 "canonical headers": trim, and collapse inner runs of spaces to one (@smithy does the same).
 * Most values have at most single spaces, which the collapse leaves as they are, so it is skipped.
 */
function canonicalHeaderValue(value: string): string {
  return (COLLAPSIBLE.test(value) ? value.replace(/[ \t\r\n]+/g, ' ') : value).trim();
}

/**
 * @smithy getCanonicalPath for every service but S3: remove empty, `.` and `..` segments, then
 * URI-encode the wire path (already encoded once) again, keeping `/`. For IAM's `POST /` it is `/`.
 */
function canonicalUri(path: string): string {
  // IAM, STS and Kingsoft always post to `/`
  if (path === '/') return path;
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return `${path.startsWith('/') ? '/' : ''}${segments.map(encodeRfc3986).join('/')}${trailing}`;
}

/**
 * The payload hashes the client may have signed. A declared x-amz-content-sha256 is used as is
 * (already checked against the body at parse time). Otherwise the header form signs sha256(body);
 * a presigned request signs sha256(body), or UNSIGNED-PAYLOAD (S3 style) which is accepted only
 * with an empty body (SECURITY: see `isDeclaredPayloadHashValid`).
 */
function payloadHashCandidates(req: SignedRequest, parsed: AwsParsedSignature): string[] {
  const declared = headerValue(req, CONTENT_SHA256_HEADER);
  if (declared !== undefined) {
    return isDeclaredPayloadHashValid(declared, req.body, true) ? [declared] : [];
  }
  if (parsed.form === 'query' && req.body.length === 0) return [EMPTY_SHA256, UNSIGNED_PAYLOAD];
  return [sha256Hex(req.body)];
}
