/**
 * Kingsoft Cloud's simple HMAC-SHA256 parameter signature (kingsoft-iam.md, Signing item 2).
 *
 * Confirmed in the public Go SDK kingsoftcloud/sdk-go (read through code search):
 * - `ksyun/common/sign.go` `signRequest`: sets `Accesskey=<AK>` and `SignatureMethod=<method>`
 *   (client default "HMAC-SHA256", `ksyun/common/client.go` `Init`), deletes `Signature`, then signs
 *   EVERY remaining parameter. `getStringToSign`: keys `sort.Strings`-ed, `url.QueryEscape(k)=
 *   url.QueryEscape(v)` with `+`→`%20`, joined by `&`. `Sign`: hex HMAC-SHA256 keyed by the SK; it
 *   ignores the method label, so the algorithm is always HMAC-SHA256.
 * - `ksyun/common/http/request.go` (the version paired with sign.go) `HandleCommonParams` adds
 *   `Service`, `Action`, `Version`, `Region`, `SignatureVersion=1.0`, `SignatureMethod=HMAC-SHA256`
 *   and `Timestamp` formatted `2006-01-02T15:04:05Z` (UTC, no fraction). GET puts all parameters,
 *   Signature included, in the query via `url.Values.Encode` (space as `+`); POST sends them as an
 *   `application/x-www-form-urlencoded` body and no query.
 * - Later SDK versions switched to SigV4 (aws-sdk-go `v4.Signer`), which `aws-sigv4.ts` verifies.
 *   One intermediate version's HandleCommonParams adds no Timestamp; such requests are refused here.
 */
import {
  canonicalQuery,
  headerValue,
  hmac,
  macMatchesHex,
  normaliseSignature,
  parseQuery,
  utcFields,
  type KsyunParsedSignature,
  type QueryParam,
  type SignatureFailure,
  type SignedRequest,
  type SigningSecret,
  withSensitive,
} from './signed-request.js';
import { secretHmacKey } from './signing-crypto.js';

const ACCESS_KEY_PARAM = 'Accesskey';
const SIGNATURE_PARAM = 'Signature';
/** sign.go declares `SHA256 = "HmacSHA256"` besides the client default label "HMAC-SHA256" */
const METHOD_LABELS = ['HMAC-SHA256', 'HmacSHA256'];

/**
 * Reads the `Accesskey`, `Signature`, `SignatureMethod` and `Timestamp` parameters from the query
 * and the form body. Null when no `Accesskey` parameter is present. `query`: the request's query
 * already parsed by the caller (`detectScheme` parses it once for the AWS presign check and this).
 */
export function parseKsyunSignature(
  req: SignedRequest,
  query = parseQuery(req.rawQuery, { plusAsSpace: true }),
): KsyunParsedSignature | SignatureFailure | null {
  const params = ksyunParams(req, query);
  if (params === null) {
    const raw = `${req.rawQuery}&${isFormBody(req) ? req.body.toString('latin1') : ''}`;
    return raw.includes(`${ACCESS_KEY_PARAM}=`) ? 'malformed' : null;
  }
  const byKey = new Map<string, string>();
  let hasDuplicate = false;
  for (const { key, value } of params) {
    hasDuplicate ||= byKey.has(key);
    byKey.set(key, value);
  }
  const accessKeyId = byKey.get(ACCESS_KEY_PARAM);
  if (accessKeyId === undefined) return null;
  // Go's params are a map[string]string, so a repeated key never comes from the SDK; refusing it
  // keeps the value the dialect reads identical to the one that was signed
  if (hasDuplicate || accessKeyId === '') return 'malformed';

  const rawSignature = byKey.get(SIGNATURE_PARAM);
  if (rawSignature === undefined) return 'missing';
  const signature = normaliseSignature(rawSignature);
  const method = byKey.get('SignatureMethod');
  const timestamp = byKey.get('Timestamp');
  if (signature === null || method === undefined || !METHOD_LABELS.includes(method) || timestamp === undefined) {
    return 'malformed';
  }
  const signedAt = parseKsyunTimestamp(timestamp);
  if (signedAt === null) return 'malformed';

  const region = byKey.get('Region');
  const service = byKey.get('Service');
  const visible = {
    scheme: 'ksyun-simple' as const,
    accessKeyId,
    signedAt,
    ...(region !== undefined && { region }),
    ...(service !== undefined && { service }),
  };
  return withSensitive<KsyunParsedSignature>(visible, signature, undefined);
}

/** true when `parsed.signature` matches this request under `secret` */
export function verifyKsyunSignature(req: SignedRequest, parsed: KsyunParsedSignature, secret: SigningSecret): boolean {
  const stringToSign = ksyunStringToSign(req);
  if (stringToSign === null) return false;
  return macMatchesHex(hmac(secretHmacKey(secret), stringToSign), parsed.signature);
}

/**
 * sign.go getStringToSign over every parameter but `Signature`. Go's QueryEscape keeps only
 * `A-Z a-z 0-9 - _ . ~` and escapes the rest as upper-case `%XX` (space as `+`, rewritten to `%20`),
 * which is exactly the strict RFC 3986 encoder. Keys are unique (enforced at parse), so the value
 * tie-break never applies. Go sorts by bytes and JS by UTF-16 code units; they differ only for
 * non-BMP characters in keys, which no Kingsoft parameter name has.
 */
export function ksyunStringToSign(req: SignedRequest): string | null {
  const params = ksyunParams(req, parseQuery(req.rawQuery, { plusAsSpace: true }));
  if (params === null) return null;
  return canonicalQuery(params.filter((p) => p.key !== SIGNATURE_PARAM), 'decoded');
}

/** one decoder for every request: without `stream: true` each `decode` call starts afresh */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Query parameters (`query`, already parsed by the caller) plus form-body parameters, both decoded
 * with `+` as space (Go url.Values.Encode)
 */
function ksyunParams(req: SignedRequest, query: QueryParam[] | null): QueryParam[] | null {
  if (query === null) return null;
  if (!isFormBody(req) || req.body.length === 0) return query;
  let text: string;
  try {
    text = STRICT_UTF8.decode(req.body);
  } catch {
    return null;
  }
  const form = parseQuery(text, { plusAsSpace: true });
  return form === null ? null : [...query, ...form];
}

function isFormBody(req: SignedRequest): boolean {
  const contentType = headerValue(req, 'content-type') ?? '';
  return contentType.split(';')[0].trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

const EXTENDED_ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * `Timestamp`: the SDK sends `2006-01-02T15:04:05Z`; an offset or a fraction is also read, and
 * all-digit values are taken as epoch seconds. Null for anything else.
 */
export function parseKsyunTimestamp(value: string): number | null {
  if (/^\d{1,11}$/.test(value)) return Number(value) * 1000;
  const m = EXTENDED_ISO.exec(value);
  if (m === null) return null;
  const fields = utcFields(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  if (fields === null) return null;
  const zone = m[7];
  if (zone === 'Z') return fields;
  const offsetHours = Number(zone.slice(1, 3));
  const offsetMinutes = Number(zone.slice(4, 6));
  if (offsetHours > 23 || offsetMinutes > 59) return null;
  const offsetMs = (offsetHours * 60 + offsetMinutes) * 60 * 1000;
  return zone.startsWith('+') ? fields - offsetMs : fields + offsetMs;
}
