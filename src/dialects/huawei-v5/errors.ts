import { assertNever, isIamError, type AnyIamError, type PasswordViolation } from '../../core/errors.js';
import { SelfManagementRefusedError } from '../../core/login-protection/self-management.js';
import { MalformedPolicyDocumentError } from '../../core/policies/validate.js';
import { clientErrorStatus, WireValidationError } from '../kit/wire-errors.js';
import { ownEntry } from '../kit/own.js';

export interface V5Error {
  status: number;
  body: { error_code: string; error_msg: string; request_id: string; encoded_authorization_message?: string };
}

/**
 * The one catalogue of v5 error codes this dialect answers with. Documented codes are used where the v5
 * docs give one (api-iam5 ErrorCode: PAP5.0001 access denied, PAP5.0003 quota, PAP5.0010 invalid marker,
 * PAP5.0033 duplicate key; APIGW.* from the API gateway). The docs defer parameter errors to the classic
 * IAM codes (IAM.0004/0007/0011/0072); the rest are ours and listed in COVERAGE.md.
 */
export const V5_ERRORS = {
  missing: { status: 400, code: 'IAM.0072', when: 'a required field is missing' },
  invalid: { status: 400, code: 'IAM.0007', when: 'a parameter has the wrong type, length, pattern or range' },
  malformedBody: { status: 400, code: 'IAM.0011', when: 'the body is not the JSON the operation takes' },
  marker: { status: 400, code: 'PAP5.0010', when: 'the marker is not one this server issued' },
  malformedPolicy: { status: 400, code: 'PAP5.0011', when: 'the policy document is not a valid v5 identity policy (each problem names its statement and field), or is too large' },
  duplicateKey: { status: 400, code: 'PAP5.0033', when: 'a tag key is given twice' },
  passwordPolicy: { status: 400, code: 'PAP5.0020', when: 'the password breaks the account password policy' },
  authentication: { status: 401, code: 'APIGW.0301', when: 'unsigned, badly signed, expired, unknown or inactive key' },
  denied: { status: 403, code: 'PAP5.0001', when: 'the caller may not perform the action' },
  notFound: { status: 404, code: 'IAM.0004', when: 'the user (or its login profile, key, agency) does not exist in the caller\'s account' },
  noApi: { status: 404, code: 'APIGW.0101', when: 'no API at this method and path' },
  conflict: { status: 409, code: 'PAP5.0009', when: 'the entity already exists or cannot be deleted' },
  quota: { status: 409, code: 'PAP5.0003', when: 'a quota is reached (2 access keys or 50 tags per user, attached policies per user or group, custom policies per account)' },
  versionQuota: { status: 409, code: 'PAP5.0028', when: 'a sixth version of one policy ("versions per policy limit exceeded")' },
  tooLarge: { status: 413, code: 'APIGW.0201', when: 'the body is larger than the server limit' },
  internal: { status: 500, code: 'PAP5.0005', when: 'an unexpected server error (no detail, see the log)' },
} as const;

export type V5ErrorName = keyof typeof V5_ERRORS;

/** Raised by the dialect for resources polyiam does not hold at all (trust agencies). */
export class V5ResourceNotFoundError extends Error {
  constructor(readonly resourceType: string, readonly id: string) {
    super(`could not find ${resourceType}: ${id}`);
  }
}

/** Core names its fields in camelCase; a v5 client must see the wire name it sent. */
const WIRE_FIELDS: Record<string, string> = {
  newName: 'new_user_name',
  userId: 'user_id',
  oldPassword: 'old_password',
  newPassword: 'new_password',
  minimumLength: 'minimum_password_length',
  maximumLength: 'maximum_password_length',
  minimumCharClasses: 'password_char_combination',
  maxConsecutiveIdenticalChars: 'maximum_consecutive_identical_chars',
  maxAgeDays: 'password_validity_period',
  minimumAgeMinutes: 'minimum_password_age',
  reusePrevention: 'password_reuse_prevention',
  encodedMessage: 'encoded_message',
  policy: 'policy_id',
  name: 'group_name',
  group: 'group_id',
};

/** Huawei IAM v5 error envelope `{error_code, error_msg, request_id}` for any error a request raised. */
export function toV5Error(err: unknown, requestId: string): V5Error {
  const make = (name: V5ErrorName, msg: string): V5Error => ({
    status: V5_ERRORS[name].status,
    body: { error_code: V5_ERRORS[name].code, error_msg: msg, request_id: requestId },
  });
  if (err instanceof WireValidationError) {
    if (err.field === 'marker') return make('marker', `invalid marker: ${err.reason}`);
    switch (err.problem) {
      case 'missing':
        return make('missing', `'${err.field}' is a required property`);
      case 'malformed-body':
        return make('malformedBody', `request body is invalid: ${err.reason}`);
      default:
        return make('invalid', `request parameter \`${err.field}\` is invalid: ${err.reason}`);
    }
  }
  if (err instanceof V5ResourceNotFoundError) return make('notFound', err.message);
  if (err instanceof MalformedPolicyDocumentError) {
    // every problem, each naming its statement and field, so a client can fix them all at once
    const problems = err.problems.map((p) => (p.path === '' ? p.message : `\`${p.path}\`: ${p.message}`));
    return make('malformedPolicy', `malformed policy document: ${problems.join('; ')}`);
  }
  if (isIamError(err)) return fromIamError(err, make);
  const status = clientErrorStatus(err);
  if (status === 413) return make('tooLarge', 'request body too large');
  if (status === 415) return { ...make('malformedBody', 'unsupported content type'), status };
  // the API gateway's code for a request too large, its header block included
  if (status === 431) return { ...make('tooLarge', 'request headers too large'), status };
  // other framework 4xx (bad content length, aborted body): keep the status, never the framework text
  if (status !== undefined) return { ...make('malformedBody', 'request is invalid'), status };
  // SECURITY: no message, no stack: the error itself goes to the server log only
  return make('internal', 'internal server error');
}

function fromIamError(err: AnyIamError, make: (name: V5ErrorName, msg: string) => V5Error): V5Error {
  switch (err.kind) {
    case 'not-found':
      return make('notFound', `could not find ${err.entity}: ${err.id}`);
    case 'already-exists':
      return make('conflict', `${err.entity} \`${err.id}\` already exists`);
    case 'delete-conflict':
      return make('conflict', err.message);
    case 'limit-exceeded':
      if (err.entity === 'policy' && err.scope === 'document size') return make('malformedPolicy', `malformed policy document: it is over the size limit of ${err.limit}`);
      if (err.entity === 'policy-version') return make('versionQuota', `versions per policy limit exceeded: ${err.limit}`);
      return make('quota', `${err.entity}s per ${err.scope} limit exceeded: ${err.limit}`);
    case 'invalid-input': {
      if (err.field === 'marker') return make('marker', 'invalid marker');
      if (err.field === 'tags') return make('duplicateKey', err.reason);
      const field = ownEntry(WIRE_FIELDS, err.field) ?? err.field;
      return make('invalid', `request parameter \`${field}\` is invalid: ${err.reason}`);
    }
    case 'password-policy':
      return make('passwordPolicy', `the password does not meet the password policy: ${err.violations.map(describeViolation).join('; ')}`);
    case 'access-denied': {
      if (err instanceof SelfManagementRefusedError) return make('denied', `access denied: ${err.message}`);
      // api-iam5 403: `encoded_authorization_message`, "decrypted using the STS5 decryption API"
      const denied = make('denied', `access denied: ${err.action} on ${err.resource}`);
      return err.encodedMessage === undefined ? denied : { ...denied, body: { ...denied.body, encoded_authorization_message: err.encodedMessage } };
    }
    case 'authentication-failed':
      // SECURITY: one message whatever the reason; the reason is in the audit log
      return make('authentication', 'incorrect IAM authentication information');
    case 'mfa-required':
      return make('denied', 'access denied: login protection verification required');
    case 'expired':
      return make('denied', `access denied: ${err.what} expired`);
    case 'disabled':
      return make('denied', `access denied: ${err.message}`);
    case 'precondition-failed':
      // ChangePasswordV5 lists 200/400/403/404 only: a too-early change is a bad request there
      return make('invalid', err.message);
    default:
      return assertNever(err);
  }
}

/** Every broken rule in words, so a client can fix them all at once. */
function describeViolation(v: PasswordViolation): string {
  switch (v.rule) {
    case 'min-length':
      return `at least ${v.limit} characters`;
    case 'max-length':
      return `at most ${v.limit} characters`;
    case 'char-classes':
      return `at least ${v.limit} of uppercase letters, lowercase letters, digits and special characters`;
    case 'require-uppercase':
      return 'an uppercase letter';
    case 'require-lowercase':
      return 'a lowercase letter';
    case 'require-numbers':
      return 'a digit';
    case 'require-symbols':
      return 'a special character';
    case 'not-user-name':
      return 'not the user name or the user name reversed';
    case 'consecutive-identical-chars':
      return `no character more than ${v.limit} times in a row`;
    case 'reuse':
      return `not one of the last ${v.limit} passwords`;
    case 'invalid-characters':
      return 'printable ASCII characters only';
    default:
      return assertNever(v.rule);
  }
}
