import { assertNever, isIamError, type AnyIamError } from '../../core/errors.js';
import { clientErrorStatus, WireValidationError } from '../kit/wire-errors.js';

export interface V5Error {
  status: number;
  body: { error_code: string; error_msg: string; request_id: string; encoded_authorization_message?: string };
}

/**
 * Huawei IAM v5 error envelope `{error_code, error_msg, request_id}`. Documented codes are used where
 * the v5 docs give one (PAP5.0001 access denied, PAP5.0003 quota, PAP5.0010 marker, PAP5.0033
 * duplicate key; APIGW.0301 bad authentication from the API gateway; IAM.0004/0007/0011/0072 from the
 * classic IAM table); the rest are listed in COVERAGE.md.
 */
export function toV5Error(err: unknown, requestId: string): V5Error {
  const make = (status: number, code: string, msg: string): V5Error => ({ status, body: { error_code: code, error_msg: msg, request_id: requestId } });
  if (err instanceof WireValidationError) {
    if (err.field === 'marker') return make(400, 'PAP5.0010', `invalid marker: ${err.reason}`);
    switch (err.problem) {
      case 'missing':
        return make(400, 'IAM.0072', `'${err.field}' is a required property`);
      case 'malformed-body':
        return make(400, 'IAM.0011', `request body is invalid: ${err.reason}`);
      default:
        return make(400, 'IAM.0007', `request parameter \`${err.field}\` is invalid: ${err.reason}`);
    }
  }
  if (isIamError(err)) return fromIamError(err, make);
  const status = clientErrorStatus(err);
  if (status === 413) return make(413, 'APIGW.0201', 'request body too large');
  if (status === 415) return make(415, 'IAM.0011', 'unsupported content type');
  if (status !== undefined) return make(status, 'IAM.0011', 'request is invalid');
  return make(500, 'PAP5.0005', 'internal server error');
}

function fromIamError(err: AnyIamError, make: (status: number, code: string, msg: string) => V5Error): V5Error {
  switch (err.kind) {
    case 'not-found':
      return make(404, 'IAM.0004', `could not find ${err.entity}: ${err.id}`);
    case 'already-exists':
      return make(409, 'PAP5.0009', `${err.entity} \`${err.id}\` already exists`);
    case 'delete-conflict':
      return make(409, 'PAP5.0009', err.message);
    case 'limit-exceeded':
      return make(409, 'PAP5.0003', `${err.entity}s per ${err.scope} limit exceeded`);
    case 'invalid-input':
      if (err.field === 'marker') return make(400, 'PAP5.0010', 'invalid marker');
      if (err.field === 'tags') return make(400, 'PAP5.0033', err.message);
      return make(400, 'IAM.0007', err.message);
    case 'password-policy':
      return make(400, 'PAP5.0020', err.message);
    case 'access-denied':
      return make(403, 'PAP5.0001', `access denied: ${err.action} on ${err.resource}`);
    case 'authentication-failed':
      // SECURITY: one message whatever the reason; the reason is in the audit log
      return make(401, 'APIGW.0301', 'incorrect IAM authentication information');
    case 'mfa-required':
      return make(403, 'PAP5.0001', 'access denied: login protection verification required');
    case 'expired':
      return make(403, 'PAP5.0001', `access denied: ${err.what} expired`);
    case 'disabled':
      return make(403, 'PAP5.0001', `access denied: ${err.message}`);
    case 'precondition-failed':
      return make(409, 'PAP5.0009', err.message);
    default:
      return assertNever(err);
  }
}
