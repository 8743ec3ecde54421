import { awsAccessDeniedMessage } from '../../core/authorization/denial.js';
import { assertNever, isIamError, type AccessDeniedError, type AnyIamError, type AuthenticationError } from '../../core/errors.js';
import { SelfManagementRefusedError } from '../../core/login-protection/self-management.js';
import { MalformedPolicyDocumentError } from '../../core/policies/validate.js';
import { InvalidAuthenticationCodeError } from '../../core/mfa/errors.js';
import type { CallRecord } from '../kit/aws-family/calls.js';
import type { WireError } from '../kit/aws-family/envelope.js';
import { AwsFamilyError, MemberConstraintError } from '../kit/aws-family/errors.js';
import { describeViolations } from '../kit/aws-family/messages.js';
import type { RenderContext } from '../kit/query-dialect.js';
import { clientErrorStatus, WireValidationError } from '../kit/wire-errors.js';
import { rootKrn, userKrn } from './shapes.js';

/** seed (docs page 1414): "An value must be supplied for the input parameter %s." */
const missingValue = (field: string): WireError => ({ status: 400, code: 'InvalidParameterValue', message: `An value must be supplied for the input parameter ${field}.` });
/** seed: "An invalid or out-of-range value was supplied for the input parameter %s." */
const invalidValue = (field: string): WireError => ({ status: 400, code: 'InvalidParameterValue', message: `An invalid or out-of-range value was supplied for the input parameter ${field}.` });
const rejectedEntity = (entity: string, status = 404, code = 'NoSuchEntity'): WireError => ({ status, code, message: `The request was rejected because it referenced '${entity}' that does not exist.` });

/**
 * Kingsoft IAM errors: the seed's codes and statuses where it names them (InvalidParameterValue 400,
 * UserNoSuchEntity 404, EntityAlreadyExists 409, PasswordPolicyViolation 400) and CreateUser's
 * MissingParameter (docs page 1); for the rest the AWS codes Kingsoft's API mirrors (COVERAGE.md).
 */
export function toKingsoftError(err: unknown, context: RenderContext, record: CallRecord | undefined): WireError {
  if (err instanceof AwsFamilyError) return { status: err.status, code: err.code, message: err.message };
  if (err instanceof MemberConstraintError) {
    // CreateUser (docs page 1): an absent UserName is MissingParameter, naming it
    if (err.constraint === 'Member must not be null' && context.action === 'CreateUser') {
      return { status: 400, code: 'MissingParameter', message: `A required parameter for the specified action is not supplied: ${err.field}.` };
    }
    return err.problem === 'missing' ? missingValue(err.field) : invalidValue(err.field);
  }
  if (err instanceof WireValidationError) return fromWireError(err, context);
  if (isIamError(err)) return fromIamError(err, context, record);
  const status = clientErrorStatus(err);
  if (status === 413) return { status, code: 'RequestEntityTooLarge', message: 'The request body is too large.' };
  if (status !== undefined) return { status, code: 'MalformedQueryString', message: 'The request could not be read.' };
  return { status: 500, code: 'InternalFailure', message: 'The request processing has failed because of an unknown error.' };
}

function fromWireError(err: WireValidationError, context: RenderContext): WireError {
  switch (err.problem) {
    case 'unknown-operation':
      return { status: 400, code: 'InvalidAction', message: `The action ${context.action ?? ''} is not valid for version ${context.version ?? ''}.` };
    case 'unsupported-version':
      return invalidValue('Version');
    case 'missing':
      if (err.field === 'Action') return { status: 400, code: 'MissingAction', message: 'The request is missing an action.' };
      return missingValue(err.field);
    case 'malformed-body':
      return { status: 400, code: 'MalformedQueryString', message: `The request body could not be read: ${err.reason}` };
    case 'invalid':
      if (err.field === 'query' || err.field === 'body') return { status: 400, code: 'MalformedQueryString', message: `The ${err.field} ${err.reason}` };
      return invalidValue(err.field);
    default:
      return assertNever(err.problem);
  }
}

function fromIamError(err: AnyIamError, context: RenderContext, record: CallRecord | undefined): WireError {
  switch (err.kind) {
    case 'not-found':
      // seed: a missing user is UserNoSuchEntity, "referenced 'User' that does not exist"
      if (err.entity === 'user') return rejectedEntity('User', 404, 'UserNoSuchEntity');
      if (err.entity === 'login-profile') return rejectedEntity('LoginProfile');
      if (err.entity === 'access-key') return rejectedEntity('AccessKey');
      if (err.entity === 'password-policy') return rejectedEntity('PasswordPolicy');
      if (err.entity === 'policy') return rejectedEntity('Policy');
      if (err.entity === 'policy-version') return rejectedEntity('PolicyVersion');
      if (err.entity === 'inline-policy') return rejectedEntity('UserPolicy');
      if (err.entity === 'group') return rejectedEntity('Group');
      if (err.entity === 'mfa-device') return rejectedEntity('VirtualMFADevice');
      if (err.entity === 'role') return rejectedEntity('Role');
      return rejectedEntity(err.entity);
    case 'already-exists':
      return { status: 409, code: 'EntityAlreadyExists', message: 'The request was rejected because it attempted to create a resource that already exists' };
    case 'delete-conflict':
      return { status: 409, code: 'DeleteConflict', message: `The request was rejected because it attempted to delete a resource that has attached subordinate entities: ${err.blockers.join(', ')}` };
    case 'limit-exceeded':
      return {
        status: 409,
        code: 'LimitExceeded',
        message: `The request was rejected because it attempted to create resources beyond the current account limits: ${err.entity === 'access-key' ? 'AccessKeysPerUser' : `${err.entity}s per ${err.scope}`} ${err.limit}`,
      };
    case 'invalid-input':
      // AWS-LIKE: Kingsoft's policy APIs mirror AWS's MalformedPolicyDocument
      if (err instanceof MalformedPolicyDocumentError) return { status: 400, code: 'MalformedPolicyDocument', message: `The policy document is malformed: ${err.reason}` };
      if (err.field === 'tags') return invalidValue('Tags');
      if (err.field === 'marker') return invalidValue('Marker');
      if (err.field === 'oldPassword') return invalidValue('OldPassword');
      // AWS-LIKE (login-protection.md §5: undocumented for Kingsoft): a wrong, stale or reused code
      if (err instanceof InvalidAuthenticationCodeError) return { status: 403, code: 'InvalidAuthenticationCode', message: 'Authentication code for device is not valid.' };
      return { status: 400, code: 'InvalidInput', message: err.message };
    case 'password-policy':
      return {
        status: 400,
        code: 'PasswordPolicyViolation',
        message: `The request was rejected because the provided password did not meet the requirements imposed by the account password policy: it must ${describeViolations(err.violations)}`,
      };
    case 'access-denied':
      // the account's protect policy (allow_user), not a policy, refused the caller something about itself
      if (err instanceof SelfManagementRefusedError) return { status: 403, code: 'AccessDenied', message: `${err.message.charAt(0).toUpperCase()}${err.message.slice(1)}.` };
      return { status: 403, code: 'AccessDenied', message: accessDeniedMessage(err, context, record) };
    case 'authentication-failed':
      return authenticationError(err);
    case 'mfa-required':
      return { status: 403, code: 'AccessDenied', message: 'Multi-factor authentication is required for this operation.' };
    case 'expired':
      return { status: 403, code: 'AccessDenied', message: 'The password has expired and can only be reset by an administrator.' };
    case 'disabled':
      return { status: 403, code: 'AccessDenied', message: `The ${err.entity} is disabled.` };
    case 'precondition-failed':
      return { status: 409, code: 'EntityTemporarilyUnmodifiable', message: err.message };
    default:
      return assertNever(err);
  }
}

/** AWS's wording with Kingsoft's names (KRNs), from the evaluator's rendering of the denial */
function accessDeniedMessage(err: AccessDeniedError, context: RenderContext, record: CallRecord | undefined): string {
  if (err.principal) return awsAccessDeniedMessage(err, 'kingsoft');
  const resource = err.resource;
  const action = `iam:${context.action ?? 'Unknown'}`;
  if (!record) return `User is not authorized to perform: ${action}`;
  const { principal, account } = record;
  const caller = principal.isRoot ? rootKrn(account) : userKrn(account, { path: '/', name: principal.userName });
  const target = resource.startsWith('user/') ? userKrn(account, { path: '/', name: resource.slice('user/'.length) }) : '*';
  return `User: ${caller} is not authorized to perform: ${action} on resource: ${target}`;
}

/** SECURITY: as AWS, one code per family of reasons: an unknown, inactive or disabled key look alike. */
function authenticationError(err: AuthenticationError): WireError {
  switch (err.reason) {
    case 'missing':
      return { status: 403, code: 'MissingAuthenticationToken', message: 'The request must be signed with a valid access key.' };
    case 'malformed':
      return { status: 400, code: 'IncompleteSignature', message: 'The request signature does not conform to the Kingsoft Cloud signing rules.' };
    case 'bad-signature':
      return { status: 403, code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided. Check your secret access key and signing method.' };
    case 'clock-skew':
      return { status: 400, code: 'RequestExpired', message: 'The request has expired: its signing time is more than 15 minutes from the server time.' };
    default:
      return { status: 403, code: 'InvalidClientTokenId', message: 'The access key ID provided does not exist in our records.' };
  }
}
