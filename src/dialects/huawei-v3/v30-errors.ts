import { isIamError } from '../../core/errors.js';
import { InvalidAuthenticationCodeError } from '../../core/mfa/errors.js';
import { ownEntry } from '../kit/own.js';
import { WireValidationError } from '../kit/wire-errors.js';
import { KeystoneHttpError, toKeystoneError } from './errors.js';
import { v30CodeOf } from './v30-codes.js';

/**
 * Huawei's own envelope, which the v3.0 extension APIs (OS-MFA, OS-USER, OS-SECURITYPOLICY) answer
 * with instead of Keystone's: `{"error_code": "IAM.0004", "error_msg": "..."}` (api-iam iam_08_0014..0021,
 * iam_17_0005 response examples). The Huawei SDK reads `error_code`/`error_msg` into its exception's
 * `errorCode`/`errorMsg` (huaweicloud-sdk-core exception/ExceptionUtil.js); the request id travels in
 * the `X-Request-Id` header, as on Huawei's v3.0 responses.
 */
export interface V30Error {
  status: number;
  body: { error_code: string; error_msg: string };
  headers?: Record<string, string>;
}

/**
 * The one catalogue of v3.0 error codes. IAM.0001-0007, 0011 and 0072 are Huawei's documented codes
 * with the statuses of their examples (api-iam "Error Codes" iam_02_0006 and the v3.0 API pages:
 * 401 IAM.0001, 403 IAM.0002/0003, 404 IAM.0004, 409 IAM.0005, 500 IAM.0006, 400 IAM.0007/0011/0072);
 * APIGW.* are the API gateway's, which Huawei puts in front of every API.
 */
export const V30_ERRORS = {
  missing: { status: 400, code: 'IAM.0072', when: 'a required field or query parameter is missing' },
  invalid: { status: 400, code: 'IAM.0007', when: 'a parameter is invalid (type, length, pattern, range), a wrong, reused or expired authentication code, a method with no destination on file' },
  malformedBody: { status: 400, code: 'IAM.0011', when: 'the body is not the JSON object the operation takes, or not JSON' },
  authentication: { status: 401, code: 'IAM.0001', when: 'no, a bad or an expired token or signature (one message whatever the reason)' },
  forbidden: { status: 403, code: 'IAM.0002', when: 'a token only good for changing its password, used for anything else' },
  denied: { status: 403, code: 'IAM.0003', when: 'the caller\'s policies do not allow the action, or another domain is named' },
  notFound: { status: 404, code: 'IAM.0004', when: 'the user, device or login-protection record does not exist in the caller\'s domain' },
  noApi: { status: 404, code: 'APIGW.0101', when: 'no API at this path' },
  methodNotAllowed: { status: 405, code: 'APIGW.0101', when: 'the path exists with other methods (`Allow` names them)' },
  conflict: { status: 409, code: 'IAM.0005', when: 'the entity already exists (a second device for a user, a name taken), or is still in use (a bound device deleted)' },
  tooLarge: { status: 413, code: 'APIGW.0201', when: 'the body is larger than the server limit' },
  internal: { status: 500, code: 'IAM.0006', when: 'an unexpected server error (no detail, see the log)' },
  unavailable: { status: 503, code: 'IAM.0006', when: 'the database cannot be reached right now (`Retry-After`)' },
} as const;

export type V30ErrorName = keyof typeof V30_ERRORS;

/** Core names its fields in camelCase; a v3.0 client must see the wire name it sent. */
const WIRE_FIELDS: Record<string, string> = {
  verificationMethod: 'verification_method',
  userId: 'user_id',
  serialNumber: 'serial_number',
  lockoutThreshold: 'login_failed_times',
  lockoutMinutes: 'lockout_duration',
  failureWindowMinutes: 'period_with_login_failures',
  sessionTimeoutMinutes: 'session_timeout',
  accountValidityDays: 'account_validity_period',
  customSignInMessage: 'custom_info_for_login',
  durationSeconds: 'duration_seconds',
  // OS-USER UpdateUser `name` (the root user keeps its name)
  newName: 'name',
};

const CODE_FIELDS = { first: 'authentication_code_first', second: 'authentication_code_second', code: 'authentication_code' } as const;

/**
 * Maps anything thrown while serving a /v3.0 request to Huawei's envelope. The status and message are
 * Keystone's mapping (one rule for both: authentication says one thing whatever went wrong, 500 says
 * nothing but the request id); the code is the documented one for that status and cause.
 */
export function toV30Error(err: unknown, requestId: string, bodyLimit?: number): V30Error {
  const keystone = toKeystoneError(err, requestId, bodyLimit);
  const name = errorName(err, keystone.status);
  const message = isIamError(err) && err.kind === 'invalid-input' ? invalidInputMessage(err) : keystone.body.error.message;
  // an operation's own documented code (OS-USER 1100-1118, the access-key quota)
  const coded = v30CodeOf(err);
  if (coded) return { status: coded.status, body: { error_code: coded.code, error_msg: coded.message ?? message }, ...(keystone.headers ? { headers: keystone.headers } : {}) };
  return {
    status: keystone.status,
    body: { error_code: V30_ERRORS[name].code, error_msg: message },
    ...(keystone.headers ? { headers: keystone.headers } : {}),
  };
}

function errorName(err: unknown, status: number): V30ErrorName {
  if (err instanceof WireValidationError) return err.problem === 'missing' ? 'missing' : err.problem === 'malformed-body' ? 'malformedBody' : 'invalid';
  if (err instanceof KeystoneHttpError) {
    if (status === 404) return 'noApi';
    if (status === 405) return 'methodNotAllowed';
  }
  if (isIamError(err) && err.kind === 'access-denied') return 'denied';
  switch (status) {
    case 400:
      return isIamError(err) ? 'invalid' : 'malformedBody';
    case 401:
      return 'authentication';
    case 403:
      return 'forbidden';
    case 404:
      return 'notFound';
    case 405:
      return 'methodNotAllowed';
    case 409:
      return 'conflict';
    case 413:
      return 'tooLarge';
    case 415:
      return 'malformedBody';
    case 503:
      return 'unavailable';
    default:
      return status < 500 ? 'invalid' : 'internal';
  }
}

/** Huawei words it "Request parameter %(key)s is invalid."; the reason says what to fix, never the value of a code. */
function invalidInputMessage(err: { field: string; reason: string }): string {
  const field = err instanceof InvalidAuthenticationCodeError ? CODE_FIELDS[err.which] : (ownEntry(WIRE_FIELDS, err.field) ?? err.field);
  return `request parameter \`${field}\` is invalid: ${err.reason}`;
}
