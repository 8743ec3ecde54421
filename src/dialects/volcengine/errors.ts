import { assertNever, isIamError, type AnyIamError, type AuthenticationFailure, type DeleteBlocker, type EntityKind } from '../../core/errors.js';
import { SelfManagementRefusedError } from '../../core/login-protection/self-management.js';
import { renderDenial } from '../../core/authorization/denial.js';
import { MalformedPolicyDocumentError } from '../../core/policies/validate.js';
import { clientErrorStatus, WireValidationError } from '../kit/wire-errors.js';
import { POLICY_FIELD_NAMES } from './rules.js';
import { ownEntry } from '../kit/own.js';

/** What goes into `ResponseMetadata.Error` (`Code`, `CodeN`, `Message`) and the HTTP status beside it. */
export interface VolcError {
  status: number;
  code: string;
  /** the gateway's numeric code (common error table); 0 for IAM business errors, which publish none */
  codeN: number;
  message: string;
}

export interface CatalogueEntry {
  status: number;
  codeN: number;
  /** `gateway` (common error table), `iam` (IAM table, docs 6257/64992) or `polyiam` (named here, no published code) */
  source: 'gateway' | 'iam' | 'polyiam';
  when: string;
}

/** Every code this dialect answers, with its status and `CodeN`; COVERAGE.md is generated from it. */
export const VOLC_ERROR_CODES = {
  MissingParameter: { status: 400, codeN: 100002, source: 'gateway', when: '`Action` or `Version` is missing' },
  MissingAuthenticationToken: { status: 401, codeN: 100003, source: 'gateway', when: 'no `Authorization` header' },
  MissingSignature: { status: 401, codeN: 100005, source: 'gateway', when: 'an `HMAC-SHA256` Authorization that cannot be read, or another scheme' },
  InvalidTimestamp: { status: 400, codeN: 100006, source: 'gateway', when: '`X-Date` more than 15 minutes from the server clock' },
  InvalidActionOrVersion: { status: 404, codeN: 100008, source: 'gateway', when: 'an unknown `Action`, or a `Version` other than 2018-01-01' },
  InvalidAccessKey: { status: 401, codeN: 100009, source: 'gateway', when: 'an unknown or inactive access key, or its user is disabled' },
  SignatureDoesNotMatch: { status: 401, codeN: 100010, source: 'gateway', when: 'the signature, a signed header, the body hash or the service `iam` does not match' },
  AccessDenied: { status: 403, codeN: 100013, source: 'gateway', when: 'the caller may not perform the action' },
  ServiceFailure: { status: 500, codeN: 0, source: 'iam', when: 'anything unexpected; details only in the server log' },
  ParameterNotFound: { status: 400, codeN: 0, source: 'iam', when: 'a required parameter is missing' },
  InvalidJsonStruct: { status: 400, codeN: 0, source: 'iam', when: 'a JSON body that is not a JSON object' },
  InvalidLimit: { status: 400, codeN: 0, source: 'iam', when: '`Limit` is not an integer from 1 to 1000' },
  InvalidOffset: { status: 400, codeN: 0, source: 'iam', when: '`Offset` is not a non-negative integer' },
  InvalidUserName: { status: 400, codeN: 0, source: 'iam', when: '`UserName` is malformed (also given twice)' },
  InvalidNewUserName: { status: 400, codeN: 0, source: 'iam', when: '`NewUserName` is malformed' },
  InvalidDisplayName: { status: 400, codeN: 0, source: 'iam', when: '`DisplayName` is malformed' },
  InvalidNewDisplayName: { status: 400, codeN: 0, source: 'iam', when: '`NewDisplayName` is malformed' },
  InvalidDescription: { status: 400, codeN: 0, source: 'iam', when: '`Description` is over 255 characters' },
  InvalidNewDescription: { status: 400, codeN: 0, source: 'iam', when: '`NewDescription` is over 255 characters' },
  InvalidEmail: { status: 400, codeN: 0, source: 'iam', when: '`Email` is not an address' },
  InvalidNewEmail: { status: 400, codeN: 0, source: 'iam', when: '`NewEmail` is not an address' },
  InvalidMobilePhone: { status: 400, codeN: 0, source: 'iam', when: '`MobilePhone` is not a phone number' },
  InvalidNewMobilePhone: { status: 400, codeN: 0, source: 'iam', when: '`NewMobilePhone` is not a phone number' },
  InvalidPassword: { status: 400, codeN: 0, source: 'iam', when: 'a password breaks the password policy (every broken rule is named)' },
  PasswordNotMatch: { status: 403, codeN: 0, source: 'iam', when: 'ChangePassword with a wrong `OldPassword`' },
  UserNotExist: { status: 404, codeN: 0, source: 'iam', when: 'no such IAM user in the account (the root, 主账号, is not one)' },
  UserAlreadyExists: { status: 409, codeN: 0, source: 'iam', when: 'the name is taken, case-insensitively' },
  UserDeleteConflictWithAccessKey: { status: 409, codeN: 0, source: 'iam', when: 'DeleteUser while the user has access keys' },
  UserDeleteConflictWithPolicy: { status: 409, codeN: 0, source: 'iam', when: 'DeleteUser while policies are attached' },
  UserDeleteConflictWithGroup: { status: 409, codeN: 0, source: 'polyiam', when: 'DeleteUser while the user is in a group' },
  UserDeleteConflictWithLoginProfile: { status: 409, codeN: 0, source: 'polyiam', when: 'DeleteUser while the user has a login profile' },
  UserDeleteConflictWithMfaDevice: { status: 409, codeN: 0, source: 'polyiam', when: 'DeleteUser while the user has an MFA device' },
  LoginProfileAlreadyExist: { status: 409, codeN: 0, source: 'iam', when: 'the user already has a login profile' },
  LoginProfileNotExist: { status: 404, codeN: 0, source: 'iam', when: 'the user has no login profile' },
  SecurityConfigNotExist: { status: 404, codeN: 0, source: 'iam', when: 'GetSecurityConfig for a user whose operation protection was never set (6257/1343923)' },
  InvalidAccessKeyId: { status: 400, codeN: 0, source: 'iam', when: '`AccessKeyId` / `AccessKeyID` is malformed' },
  InvalidAccessKeyStatus: { status: 400, codeN: 0, source: 'iam', when: '`Status` is not `active` or `inactive`' },
  AccessKeyNotExist: { status: 404, codeN: 0, source: 'iam', when: 'no such key for that user' },
  AccessKeyLimitExceeded: { status: 409, codeN: 0, source: 'iam', when: 'a third access key for one user' },
  AccountNotExist: { status: 404, codeN: 0, source: 'iam', when: 'the caller\'s account is gone' },
  TagLimitExceeded: { status: 409, codeN: 0, source: 'polyiam', when: 'more than 50 tags on a user' },
  InvalidParameter: { status: 400, codeN: 0, source: 'polyiam', when: 'any other malformed, repeated or unknown parameter; non-UTF-8 bytes; an out-of-range SafeAuth* value' },
  RequestEntityTooLarge: { status: 413, codeN: 0, source: 'polyiam', when: 'a body over the server\'s limit' },
  PreconditionFailed: { status: 409, codeN: 0, source: 'polyiam', when: 'ChangePassword within the policy\'s minimum password age' },
  GroupNotExist: { status: 404, codeN: 0, source: 'polyiam', when: 'no such group' },
  PolicyNotExist: { status: 404, codeN: 0, source: 'polyiam', when: 'no such policy' },
  ResourceNotExist: { status: 404, codeN: 0, source: 'polyiam', when: 'any other entity that does not exist' },
  GroupAlreadyExists: { status: 409, codeN: 0, source: 'polyiam', when: 'the group name is taken' },
  PolicyAlreadyExists: { status: 409, codeN: 0, source: 'polyiam', when: 'the policy name is taken' },
  ResourceAlreadyExists: { status: 409, codeN: 0, source: 'polyiam', when: 'any other entity that already exists' },
  LimitExceeded: { status: 409, codeN: 0, source: 'polyiam', when: 'any other quota' },
  MalformedPolicyDocument: { status: 400, codeN: 0, source: 'polyiam', when: 'a policy document that is not a valid Volcengine policy (each problem names its statement and field), or is too large' },
  PolicyDeleteConflict: { status: 409, codeN: 0, source: 'polyiam', when: 'DeletePolicy while the policy is attached to users or groups' },
  RoleNotExist: { status: 404, codeN: 0, source: 'polyiam', when: 'no such role (issue #13)' },
  RoleAlreadyExists: { status: 409, codeN: 0, source: 'polyiam', when: 'the role name is taken' },
  RoleDeleteConflict: { status: 409, codeN: 0, source: 'polyiam', when: 'DeleteRole while policies are attached to the role' },
} as const satisfies Record<string, CatalogueEntry>;

export type VolcErrorCode = keyof typeof VOLC_ERROR_CODES;

/** The error `code` with the status and `CodeN` the catalogue gives it. */
function make(code: VolcErrorCode, message: string): VolcError {
  const entry: CatalogueEntry = VOLC_ERROR_CODES[code];
  return { status: entry.status, code, codeN: entry.codeN, message };
}

/** IAM error table (docs 6257/64992): the `Invalid<Parameter>` code each parameter has. */
const INVALID_PARAMETER_CODES: Record<string, VolcErrorCode> = {
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
  if (err instanceof MalformedPolicyDocumentError) {
    const problems = err.problems.map((p) => (p.path === '' ? p.message : `\`${p.path}\`: ${p.message}`));
    return make('MalformedPolicyDocument', `the policy document is malformed: ${problems.join('; ')}`);
  }
  if (isIamError(err)) return fromIamError(err);
  const status = clientErrorStatus(err);
  if (status === 413) return make('RequestEntityTooLarge', 'the request body is too large');
  if (status !== undefined) return make('InvalidParameter', 'the request is malformed');
  return make('ServiceFailure', 'the request processing has failed because of an unknown error');
}

function fromWireError(err: WireValidationError): VolcError {
  switch (err.problem) {
    case 'unknown-operation':
    case 'unsupported-version':
      // common error InvalidActionOrVersion: "Could not find operation %s for version %s."
      return make('InvalidActionOrVersion', err.message);
    case 'missing':
      if (err.field === 'Action' || err.field === 'Version') return make('MissingParameter', `the request is missing the \`${err.field}\` parameter`);
      return make('ParameterNotFound', `parameter \`${err.field}\` is required, but not found`);
    case 'malformed-body':
      return make(err.field === 'body' ? 'InvalidJsonStruct' : 'InvalidParameter', err.message);
    case 'invalid':
      return make(ownEntry(INVALID_PARAMETER_CODES, err.field) ?? 'InvalidParameter', err.message);
    default:
      return assertNever(err.problem);
  }
}

function fromIamError(err: AnyIamError): VolcError {
  switch (err.kind) {
    case 'not-found':
      return notFound(err.entity, err.id);
    case 'already-exists':
      if (err.entity === 'user') return make('UserAlreadyExists', `user \`${err.id}\` already exists`);
      if (err.entity === 'login-profile') return make('LoginProfileAlreadyExist', `login profile for user \`${err.id}\` already exists`);
      return make(err.entity === 'group' ? 'GroupAlreadyExists' : err.entity === 'policy' ? 'PolicyAlreadyExists' : err.entity === 'role' ? 'RoleAlreadyExists' : 'ResourceAlreadyExists', `${err.entity} \`${err.id}\` already exists`);
    case 'delete-conflict':
      if (err.entity === 'policy' || err.entity === 'policy-version') return make('PolicyDeleteConflict', `cannot delete policy \`${err.id}\` while it is still attached`);
      if (err.entity === 'role') return make('RoleDeleteConflict', `cannot delete role \`${err.id}\` while policies are attached to it`);
      return deleteConflict(err.id, err.blockers);
    case 'limit-exceeded':
      if (err.entity === 'access-key') return make('AccessKeyLimitExceeded', `exceed account accessKey quota: ${err.limit}`);
      if (err.entity === 'policy' && err.scope === 'document size') return make('MalformedPolicyDocument', `the policy document is over the size limit of ${err.limit}`);
      return make(err.entity === 'tag' ? 'TagLimitExceeded' : 'LimitExceeded', `cannot exceed ${err.limit} ${err.entity}s per ${err.scope}`);
    case 'invalid-input':
      return invalidInput(err.field, err.reason);
    case 'password-policy': {
      const rules = err.violations.map((v) => (v.limit === undefined ? v.rule : `${v.rule} (${v.limit})`)).join(', ');
      return make('InvalidPassword', `given password does not satisfy the password policy: ${rules}`);
    }
    case 'access-denied': {
      // the account's protect policy (allow_user), not a policy, refused the caller something about itself
      if (err instanceof SelfManagementRefusedError) return make('AccessDenied', err.message);
      // common error AccessDenied 100013: "User is not authorized to perform: %s on resource: %s.",
      // both named as a Volcengine policy names them (`iam:CreateLoginProfile`, a TRN)
      const { action, resource } = renderDenial(err, 'volcengine');
      return make('AccessDenied', `user is not authorized to perform: \`${action}\` on resource: \`${resource ?? err.resource}\``);
    }
    case 'authentication-failed':
      return authenticationFailed(err.reason);
    case 'mfa-required':
      return make('AccessDenied', 'login protection verification is required');
    case 'expired':
      if (err.what === 'password') return make('AccessDenied', 'the password has expired; an administrator must reset it');
      return make('InvalidTimestamp', `the ${err.what} has expired`);
    case 'disabled':
      return make('AccessDenied', `${err.entity} \`${err.id}\` is disabled`);
    case 'precondition-failed':
      return make('PreconditionFailed', err.message);
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
      return make('MissingAuthenticationToken', 'the request is missing an authentication token');
    case 'malformed':
      return make('MissingSignature', 'the request is missing a valid HMAC-SHA256 signature');
    case 'clock-skew':
    case 'token-expired':
      return make('InvalidTimestamp', 'the signature of the request has expired');
    case 'unknown-key':
    case 'inactive-key':
    case 'user-disabled':
      return make('InvalidAccessKey', 'the access key included in the request is invalid');
    case 'bad-signature':
    case 'bad-credentials':
    case 'locked':
    case 'token-invalid':
    case 'token-revoked':
    case 'second-factor-required':
      return make('SignatureDoesNotMatch', 'the request signature we calculated does not match the signature you provided');
    default:
      return assertNever(reason);
  }
}

function notFound(entity: EntityKind, id: string): VolcError {
  switch (entity) {
    case 'user':
      return make('UserNotExist', `user \`${id}\` cannot be found`);
    case 'login-profile':
      return make('LoginProfileNotExist', `login profile for user \`${id}\` does not exist`);
    case 'access-key':
      return make('AccessKeyNotExist', `the access key \`${id}\` cannot be found`);
    case 'account':
      return make('AccountNotExist', `account \`${id}\` cannot be found`);
    case 'operation-protection':
      return make('SecurityConfigNotExist', `the security config of user \`${id}\` does not exist`);
    default:
      return make(entity === 'group' ? 'GroupNotExist' : entity === 'policy' ? 'PolicyNotExist' : entity === 'role' ? 'RoleNotExist' : 'ResourceNotExist', `${entity} \`${id}\` cannot be found`);
  }
}

/**
 * IAM table: UserDeleteConflictWithAccessKey / ...WithPolicy (409). A login profile or a group
 * membership still attached has no published code; polyiam names them the same way (COVERAGE.md).
 */
function deleteConflict(name: string, blockers: DeleteBlocker[]): VolcError {
  if (blockers.includes('root-user')) return make('AccessDenied', 'the account root user cannot be deleted');
  const order: Array<[DeleteBlocker, VolcErrorCode]> = [
    ['access-keys', 'UserDeleteConflictWithAccessKey'],
    ['policies', 'UserDeleteConflictWithPolicy'],
    ['group-memberships', 'UserDeleteConflictWithGroup'],
    ['login-profile', 'UserDeleteConflictWithLoginProfile'],
    ['mfa-devices', 'UserDeleteConflictWithMfaDevice'],
  ];
  const code = order.find(([blocker]) => blockers.includes(blocker))?.[1] ?? 'UserDeleteConflictWithPolicy';
  return make(code, `cannot delete user \`${name}\` while it still has ${blockers.join(', ')}`);
}

function invalidInput(field: string, reason: string): VolcError {
  // ChangePassword with a wrong old password: IAM table PasswordNotMatch 403
  if (field === 'oldPassword') return make('PasswordNotMatch', 'the old password you provided does not match');
  const wire = ownEntry(CORE_FIELD_NAMES, field) ?? field;
  const code: VolcErrorCode = wire === 'NewUserName' ? 'InvalidNewUserName' : wire === 'UserName' ? 'InvalidUserName' : 'InvalidParameter';
  return make(code, `invalid \`${wire}\`: ${reason}`);
}
