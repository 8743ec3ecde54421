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
  UNSIGNED_PAYLOAD,
  type AwsParsedSignature,
  type QueryParam,
  type SignatureFailure,
  type SignedRequest,
  type SigningSecret,
} from './signed-request.js';

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
 */
export function parseAwsSignature(req: SignedRequest): AwsParsedSignature | SignatureFailure | null {
  const authorization = splitAuthorization(req);
  // AWS: '+' in a query is a space (aws-sdk-go's signer reads URL.Query()); the JS SDK sends %2B / %20
  const query = parseQuery(req.rawQuery, { plusAsSpace: true });
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
  const single = (key: string): string | undefined | 'duplicate' => {
    const values = query.filter((p) => p.key === key);
    return values.length > 1 ? 'duplicate' : values[0]?.value;
  };
  const algorithm = single('X-Amz-Algorithm');
  const credential = single('X-Amz-Credential');
  const signedHeaderList = single('X-Amz-SignedHeaders');
  const signatures = query.filter((p) => p.key.toLowerCase() === 'x-amz-signature');
  const date = single('X-Amz-Date');
  const securityToken = single('X-Amz-Security-Token');
  const expires = single('X-Amz-Expires');
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

  return hideSensitive({
    scheme: 'aws-sigv4',
    form: raw.form,
    accessKeyId,
    signedAt,
    region,
    service,
    signature,
    signedHeaders,
    requestDate: raw.requestDate,
    credentialScope: parts.slice(1).join('/'),
    ...(raw.securityToken !== undefined && { securityToken: raw.securityToken }),
    ...(expiresAt !== undefined && { expiresAt }),
  });
}

/** true when `parsed.signature` matches this request under `secret` */
export function verifyAwsSignature(req: SignedRequest, parsed: AwsParsedSignature, secret: SigningSecret): boolean {
  const query = parseQuery(req.rawQuery, { plusAsSpace: true });
  if (query === null) return false;
  const key = awsSigningKey(revealSecret(secret), parsed.requestDate.slice(0, 8), parsed.region, parsed.service);
  return payloadHashCandidates(req, parsed).some((payloadHash) => {
    const canonical = awsCanonicalRequest(req, parsed, query, payloadHash);
    const stringToSign = `${ALGORITHM}\n${parsed.requestDate}\n${parsed.credentialScope}\n${sha256Hex(canonical)}`;
    return timingSafeEqualHex(hmac(key, stringToSign).toString('hex'), parsed.signature);
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
  return [
    req.method,
    canonicalUri(req.path),
    canonicalQuery(signed, 'encoded'),
    // SigV4 "canonical headers": trim, and collapse inner runs of spaces to one (@smithy does the same)
    canonicalHeaderBlock(req, parsed.signedHeaders, (v) => v.replace(/[ \t\r\n]+/g, ' ').trim()),
    parsed.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
}

/**
 * @smithy getCanonicalPath for every service but S3: remove empty, `.` and `..` segments, then
 * URI-encode the wire path (already encoded once) again, keeping `/`. For IAM's `POST /` it is `/`.
 */
function canonicalUri(path: string): string {
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
