/**
 * Entry point for the dialects' auth hooks: find which signature scheme a request uses, then verify
 * it once the access key's secret has been looked up. Typical flow:
 *   const parsed = detectScheme(req);           // null → no signature; string → refuse
 *   checkFreshness(parsed, clock.now());         // 'expired' → refuse
 *   verifySignature(req, parsed, secret);        // false → refuse (SignatureDoesNotMatch & co)
 * A dialect should also check `parsed.scheme` (and `service` for AWS) is one it speaks.
 */
import { parseAwsSignature, verifyAwsSignature } from './aws-sigv4.js';
import { parseHuaweiSignature, verifyHuaweiSignature } from './huawei-sdk-hmac.js';
import { parseKsyunSignature, verifyKsyunSignature } from './ksyun-simple.js';
import {
  parseQuery,
  splitAuthorization,
  type ParsedSignature,
  type SignatureFailure,
  type SignedRequest,
  type SigningSecret,
} from './signed-request.js';
import { parseVolcSignature, verifyVolcSignature } from './volc-hmac.js';

export { parseAwsSignature, verifyAwsSignature } from './aws-sigv4.js';
export { parseHuaweiSignature, verifyHuaweiSignature } from './huawei-sdk-hmac.js';
export { parseKsyunSignature, verifyKsyunSignature } from './ksyun-simple.js';
export { parseVolcSignature, verifyVolcSignature } from './volc-hmac.js';
export {
  checkFreshness,
  DEFAULT_SKEW_MS,
  isWithinSkew,
  parseQuery,
  type AwsParsedSignature,
  type HuaweiParsedSignature,
  type KsyunParsedSignature,
  type ParsedSignature,
  type QueryParam,
  type SignatureFailure,
  type SignatureScheme,
  type SignedRequest,
  type SigningSecret,
  type VolcParsedSignature,
} from './signed-request.js';

/**
 * Picks the scheme from the Authorization algorithm token, or, without an Authorization header, from
 * the presigned `X-Amz-*` or Kingsoft `Accesskey` parameters. Null when the request carries no
 * signature of any scheme here (including an Authorization header of some other kind, e.g. a token).
 */
export function detectScheme(req: SignedRequest): ParsedSignature | SignatureFailure | null {
  const authorization = splitAuthorization(req);
  if (authorization !== null) {
    // each parser is handed the split header rather than splitting it again
    switch (authorization.algorithm) {
      case 'SDK-HMAC-SHA256':
        return parseHuaweiSignature(req, authorization);
      case 'AWS4-HMAC-SHA256':
        return parseAwsSignature(req, authorization);
      case 'HMAC-SHA256':
        return parseVolcSignature(req, authorization);
      default:
        return null;
    }
  }
  // no Authorization header: presigned AWS or Kingsoft parameters, both read from one parse of the query
  const query = parseQuery(req.rawQuery, { plusAsSpace: true });
  return parseAwsSignature(req, null, query) ?? parseKsyunSignature(req, query);
}

/** dispatches to the scheme's verifier; `parsed` must come from `detectScheme` on this same `req` */
export function verifySignature(req: SignedRequest, parsed: ParsedSignature, secret: SigningSecret): boolean {
  switch (parsed.scheme) {
    case 'huawei-sdk-hmac':
      return verifyHuaweiSignature(req, parsed, secret);
    case 'aws-sigv4':
      return verifyAwsSignature(req, parsed, secret);
    case 'volc-hmac':
      return verifyVolcSignature(req, parsed, secret);
    case 'ksyun-simple':
      return verifyKsyunSignature(req, parsed, secret);
    default:
      return assertNever(parsed);
  }
}

function assertNever(value: never): never {
  throw new TypeError(`unhandled signature scheme \`${String((value as { scheme?: unknown }).scheme)}\``);
}
