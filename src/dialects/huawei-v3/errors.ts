import { assertNever, isIamError, type AnyIamError, type PasswordViolation } from '../../core/errors.js';
import { SelfManagementRefusedError } from '../../core/login-protection/self-management.js';
import { clientErrorStatus, WireValidationError } from '../kit/wire-errors.js';

/** Keystone's error body: `{"error": {"code": 404, "title": "Not Found", "message": "..."}}`. */
export interface KeystoneError {
  status: number;
  body: { error: { code: number; title: string; message: string } };
  headers?: Record<string, string>;
}

/** Keystone's titles (keystone/exception.py), one per status this dialect answers with. */
const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** An error this dialect decides by itself (scope refused, method not allowed, a change-only token). */
export class KeystoneHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Node's codes for a database (or anything else) that cannot be reached right now. */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'SQLITE_BUSY', '57P01', '57P03', '53300']);

/**
 * Maps anything thrown while serving a /v3 request to Keystone's envelope. Messages name the problem
 * (style: lowercase, input in backticks), except for authentication, which says one thing whatever
 * went wrong (the reason is in the audit log), and 500, which says nothing but the request id.
 */
export function toKeystoneError(err: unknown, requestId: string, bodyLimit?: number): KeystoneError {
  if (err instanceof KeystoneHttpError) return make(err.status, err.message, err.headers);
  if (err instanceof WireValidationError) return make(400, wireMessage(err));
  if (isIamError(err)) return fromIamError(err);
  const status = clientErrorStatus(err);
  if (status === 413) return make(413, bodyLimit ? `the request body is larger than the limit of ${bodyLimit} bytes` : 'the request body is too large');
  if (status === 415) return make(415, 'the request body must be JSON');
  if (status !== undefined) return make(TITLES[status] ? status : 400, 'the request is malformed');
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) {
    return make(503, `the service is temporarily unavailable, try again later (request \`${requestId}\`)`, { 'retry-after': '1' });
  }
  return make(500, `an unexpected error prevented the server from fulfilling the request (request \`${requestId}\`)`);
}

function wireMessage(err: WireValidationError): string {
  switch (err.problem) {
    case 'missing':
      return `\`${err.field}\` is a required property`;
    case 'malformed-body':
      return `the request body is invalid: ${err.reason}`;
    default:
      return `invalid input for field \`${err.field}\`: ${err.reason}`;
  }
}

function fromIamError(err: AnyIamError): KeystoneError {
  switch (err.kind) {
    case 'not-found':
      return make(404, `could not find ${err.entity} \`${err.id}\``);
    case 'already-exists':
      return make(409, `conflict occurred attempting to store ${err.entity}: \`${err.id}\` already exists in the domain`);
    case 'delete-conflict':
      return make(409, err.message);
    case 'limit-exceeded':
      return make(409, err.message);
    case 'invalid-input':
      // Keystone POST /v3/users/{user_id}/password: a wrong original password is 401
      if (err.field === 'oldPassword') return make(401, 'the original password is incorrect', authenticateHeader());
      return make(400, err.message);
    case 'password-policy':
      return make(400, `the password does not satisfy the password policy: ${err.violations.map(describeViolation).join('; ')}`);
    case 'access-denied':
      // a Keystone rule outside policies (a domain-specific role granted in another domain, ...): its words
      if (err.rule !== undefined) return make(403, err.rule);
      // the account's protect policy (allow_user) refused an IAM user something about itself: 403, on
      // /v3.0 `IAM.0003` (v30-errors.ts), as Huawei answers what an account setting does not allow
      if (err instanceof SelfManagementRefusedError) return make(403, err.message);
      return make(403, `you are not authorized to perform the requested action: \`${err.action}\` on \`${err.resource}\``);
    case 'authentication-failed':
      // SECURITY: one message whatever the reason (unknown user, wrong password, locked, disabled,
      // bad or revoked token); the reason goes to the audit log only
      return make(401, 'the request you have made requires authentication', authenticateHeader());
    case 'mfa-required':
      return make(401, 'login protection verification is required', authenticateHeader());
    case 'expired':
      return err.what === 'password'
        ? make(401, 'the password has expired and must be reset by an administrator', authenticateHeader())
        : make(401, `the ${err.what} has expired`, authenticateHeader());
    case 'disabled':
      return make(401, err.message, authenticateHeader());
    case 'precondition-failed':
      // Keystone answers a too-early password change (minimum password age) with 400
      return make(400, err.message);
    default:
      return assertNever(err);
  }
}

function describeViolation(v: PasswordViolation): string {
  switch (v.rule) {
    case 'min-length':
      return `at least ${v.limit} characters`;
    case 'max-length':
      return `at most ${v.limit} characters`;
    case 'char-classes':
      return `at least ${v.limit} of upper-case letters, lower-case letters, digits and special characters`;
    case 'require-uppercase':
      return 'an upper-case letter';
    case 'require-lowercase':
      return 'a lower-case letter';
    case 'require-numbers':
      return 'a digit';
    case 'require-symbols':
      return 'a special character';
    case 'not-user-name':
      return 'not the user name or the user name reversed';
    case 'consecutive-identical-chars':
      return `at most ${v.limit} identical characters in a row`;
    case 'reuse':
      return `not one of the last ${v.limit} passwords`;
    case 'invalid-characters':
      return 'only printable ASCII characters';
    default:
      return assertNever(v.rule);
  }
}

/** Keystone's 401 names where to authenticate (`WWW-Authenticate: Keystone uri=...`); the path is enough here. */
export function authenticateHeader(): Record<string, string> {
  return { 'www-authenticate': 'Keystone uri="/v3"' };
}

function make(status: number, message: string, headers?: Record<string, string>): KeystoneError {
  return { status, body: { error: { code: status, title: TITLES[status] ?? 'Error', message } }, ...(headers ? { headers } : {}) };
}
