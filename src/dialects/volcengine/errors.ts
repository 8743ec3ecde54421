import { assertNever, isIamError, type AnyIamError, type AuthenticationFailure, type DeleteBlocker, type EntityKind } from '../../core/errors.js';
import { clientErrorStatus, WireValidationError } from '../kit/wire-errors.js';
import { POLICY_FIELD_NAMES } from './operations/passwords.js';

/** What goes into `ResponseMetadata.Error` (`Code`, `CodeN`, `Message`) and the HTTP status beside it. */
export interface VolcError {
  status: number;
  code: string;
  /** the gateway's numeric code (common error table); 0 for IAM business errors, which publish none */
  codeN: number;
  message: string;
}

const make = (status: number, code: string, message: string, codeN = 0): VolcError => ({ status, code, codeN, message });

/** IAM error table (docs 6257/64992): the `Invalid<Parameter>` code each parameter has. */
const INVALID_PARAMETER_CODES: Record<string, string> = {
  UserName: 'InvalidUserName',
  NewUserName: 'InvalidNewUserName',
  DisplayName: 'InvalidDisplayName',
  NewDisplayName: 'InvalidNewDisplayName',
  Description: 'InvalidDescription',
  NewDescription: 'InvalidNewDescription',
  Email: 'InvalidEmail',
  NewEmail: 'InvalidNewEmail',
  MobilePhone: 'InvalidMobilePhone',
  NewMobilePhone: 'InvalidNewMobilePhone',
  Password: 'InvalidPassword',
  OldPassword: 'InvalidPassword',
  NewPassword: 'InvalidPassword',
  Limit: 'InvalidLimit',
  Offset: 'InvalidOffset',
  AccessKeyId: 'InvalidAccessKeyId',
  AccessKeyID: 'InvalidAccessKeyId',
  Status: 'InvalidAccessKeyStatus',
};

/** Core invalid-input fields under the Volcengine parameter names the client sent. */
const CORE_FIELD_NAMES: Record<string, string> = {
  exemptDuration: 'SafeAuthExemptDuration',
  protectionMethods: 'SafeAuthType',
  newName: 'NewUserName',
  enabled: 'UserName',
  userId: 'UserName',
  tags: 'Tags',
  ...POLICY_FIELD_NAMES,
};

/**
 * Maps any error to Volcengine's: the gateway's common codes (with `CodeN`) for routing and signature
 * failures, the IAM table's codes (docs 6257/64992) for the rest. Codes polyiam had to name itself
 * are listed in COVERAGE.md.
 */
export function toVolcError(err: unknown): VolcError {
  if (err instanceof WireValidationError) return fromWireError(err);
  if (isIamError(err)) return fromIamError(err);
  const status = clientErrorStatus(err);
  if (status === 413) return make(413, 'RequestEntityTooLarge', 'the request body is too large');
  if (status !== undefined) return make(status, 'InvalidParameter', 'the request is malformed');
  return make(500, 'ServiceFailure', 'the request processing has failed because of an unknown error');
}

function fromWireError(err: WireValidationError): VolcError {
  switch (err.problem) {
    case 'unknown-operation':
    case 'unsupported-version':
      // common error InvalidActionOrVersion: "Could not find operation %s for version %s."
      return make(404, 'InvalidActionOrVersion', err.message, 100008);
    case 'missing':
      if (err.field === 'Action' || err.field === 'Version') return make(400, 'MissingParameter', `the request is missing the \`${err.field}\` parameter`, 100002);
      return make(400, 'ParameterNotFound', `parameter \`${err.field}\` is required, but not found`);
    case 'malformed-body':
      return make(400, err.field === 'body' ? 'InvalidJsonStruct' : 'InvalidParameter', err.message);
    case 'invalid':
      return make(400, INVALID_PARAMETER_CODES[err.field] ?? 'InvalidParameter', err.message);
    default:
      return assertNever(err.problem);
  }
}

function fromIamError(err: AnyIamError): VolcError {
  switch (err.kind) {
    case 'not-found':
      return notFound(err.entity, err.id);
    case 'already-exists':
      if (err.entity === 'user') return make(409, 'UserAlreadyExists', `user \`${err.id}\` already exists`);
      if (err.entity === 'login-profile') return make(409, 'LoginProfileAlreadyExist', `login profile for user \`${err.id}\` already exists`);
      return make(409, `${entityCode(err.entity)}AlreadyExists`, `${err.entity} \`${err.id}\` already exists`);
    case 'delete-conflict':
      return deleteConflict(err.id, err.blockers);
    case 'limit-exceeded':
      if (err.entity === 'access-key') return make(409, 'AccessKeyLimitExceeded', `exceed account accessKey quota: ${err.limit}`);
      return make(409, `${entityCode(err.entity)}LimitExceeded`, `cannot exceed ${err.limit} ${err.entity}s per ${err.scope}`);
    case 'invalid-input':
      return invalidInput(err.field, err.reason);
    case 'password-policy': {
      const rules = err.violations.map((v) => (v.limit === undefined ? v.rule : `${v.rule} (${v.limit})`)).join(', ');
      return make(400, 'InvalidPassword', `given password does not satisfy the password policy: ${rules}`);
    }
    case 'access-denied':
      // common error AccessDenied 100013: "User is not authorized to perform: %s on resource: %s."
      return make(403, 'AccessDenied', `user is not authorized to perform: \`${err.action}\` on resource: \`${err.resource}\``, 100013);
    case 'authentication-failed':
      return authenticationFailed(err.reason);
    case 'mfa-required':
      return make(403, 'AccessDenied', 'login protection verification is required', 100013);
    case 'expired':
      if (err.what === 'password') return make(403, 'AccessDenied', 'the password has expired; an administrator must reset it', 100013);
      return make(400, 'InvalidTimestamp', `the ${err.what} has expired`, 100006);
    case 'disabled':
      return make(403, 'AccessDenied', `${err.entity} \`${err.id}\` is disabled`, 100013);
    case 'precondition-failed':
      return make(409, 'PreconditionFailed', err.message);
    default:
      return assertNever(err);
  }
}

/**
 * Gateway common errors: MissingAuthenticationToken 100003/401, MissingSignature 100005/401,
 * InvalidTimestamp 100006/400 (signature expired), InvalidAccessKey 100009/401,
 * SignatureDoesNotMatch 100010/401. The reason itself stays in the audit log.
 */
function authenticationFailed(reason: AuthenticationFailure): VolcError {
  switch (reason) {
    case 'missing':
      return make(401, 'MissingAuthenticationToken', 'the request is missing an authentication token', 100003);
    case 'malformed':
      return make(401, 'MissingSignature', 'the request is missing a valid HMAC-SHA256 signature', 100005);
    case 'clock-skew':
    case 'token-expired':
      return make(400, 'InvalidTimestamp', 'the signature of the request has expired', 100006);
    case 'unknown-key':
    case 'inactive-key':
    case 'user-disabled':
      return make(401, 'InvalidAccessKey', 'the access key included in the request is invalid', 100009);
    case 'bad-signature':
    case 'bad-credentials':
    case 'locked':
    case 'token-invalid':
    case 'token-revoked':
      return make(401, 'SignatureDoesNotMatch', 'the request signature we calculated does not match the signature you provided', 100010);
    default:
      return assertNever(reason);
  }
}

function notFound(entity: EntityKind, id: string): VolcError {
  switch (entity) {
    case 'user':
      return make(404, 'UserNotExist', `user \`${id}\` cannot be found`);
    case 'login-profile':
      return make(404, 'LoginProfileNotExist', `login profile for user \`${id}\` does not exist`);
    case 'access-key':
      return make(404, 'AccessKeyNotExist', `the access key \`${id}\` cannot be found`);
    case 'account':
      return make(404, 'AccountNotExist', `account \`${id}\` cannot be found`);
    default:
      return make(404, `${entityCode(entity)}NotExist`, `${entity} \`${id}\` cannot be found`);
  }
}

/**
 * IAM table: UserDeleteConflictWithAccessKey / ...WithPolicy (409). A login profile or a group
 * membership still attached has no published code; polyiam names them the same way (COVERAGE.md).
 */
function deleteConflict(name: string, blockers: DeleteBlocker[]): VolcError {
  if (blockers.includes('root-user')) return make(403, 'AccessDenied', 'the account root user cannot be deleted', 100013);
  const order: Array<[DeleteBlocker, string]> = [
    ['access-keys', 'UserDeleteConflictWithAccessKey'],
    ['policies', 'UserDeleteConflictWithPolicy'],
    ['group-memberships', 'UserDeleteConflictWithGroup'],
    ['login-profile', 'UserDeleteConflictWithLoginProfile'],
    ['mfa-devices', 'UserDeleteConflictWithMfaDevice'],
  ];
  const code = order.find(([blocker]) => blockers.includes(blocker))?.[1] ?? 'UserDeleteConflict';
  return make(409, code, `cannot delete user \`${name}\` while it still has ${blockers.join(', ')}`);
}

function invalidInput(field: string, reason: string): VolcError {
  // ChangePassword with a wrong old password: IAM table PasswordNotMatch 403
  if (field === 'oldPassword') return make(403, 'PasswordNotMatch', 'the old password you provided does not match');
  const wire = CORE_FIELD_NAMES[field] ?? field;
  const code = wire === 'NewUserName' ? 'InvalidNewUserName' : wire === 'UserName' ? 'InvalidUserName' : 'InvalidParameter';
  return make(400, code, `invalid \`${wire}\`: ${reason}`);
}

/** `login-profile` → `LoginProfile`, for codes the IAM table does not list. */
function entityCode(entity: EntityKind): string {
  return entity.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());
}
