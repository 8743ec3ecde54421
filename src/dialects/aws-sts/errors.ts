import { awsAccessDeniedMessage } from '../../core/authorization/denial.js';
import { assertNever, isIamError, type AnyIamError, type AuthenticationError } from '../../core/errors.js';
import type { WireError } from '../kit/aws-family/envelope.js';
import { AwsFamilyError, awsMemberPath, MemberConstraintError } from '../kit/aws-family/errors.js';
import type { RenderContext } from '../kit/query-dialect.js';
import { clientErrorStatus, WireValidationError } from '../kit/wire-errors.js';
import { MalformedPolicyDocumentError } from '../../core/policies/validate.js';
import { MfaAuthenticationError } from '../../core/roles/mfa-proof.js';
import { SessionCredentialsRefusedError } from '../../core/roles/session-token.js';

/** AWS STS's AccessDenied messages for a failed SerialNumber + TokenCode check (as the aws CLI prints them) */
const MFA_FAILED: Record<MfaAuthenticationError['problem'], string> = {
  'invalid-code': 'MultiFactorAuthentication failed with invalid MFA one time pass code.',
  'unknown-device': 'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.',
  incomplete: 'MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.',
};

/**
 * AWS STS errors (STS API reference "Common Errors" and DecodeAuthorizationMessage's
 * InvalidAuthorizationMessageException), coded exactly so @aws-sdk/client-sts raises its typed classes.
 */
export function toStsError(err: unknown, context: RenderContext): WireError {
  if (err instanceof AwsFamilyError) return { status: err.status, code: err.code, message: err.message };
  if (err instanceof MemberConstraintError) {
    return { status: 400, code: 'ValidationError', message: `1 validation error detected: Value at '${awsMemberPath(err.field)}' failed to satisfy constraint: ${err.constraint}` };
  }
  if (err instanceof WireValidationError) return fromWireError(err, context);
  if (isIamError(err)) return fromIamError(err);
  const status = clientErrorStatus(err);
  if (status === 413) return { status, code: 'RequestEntityTooLarge', message: 'Request body is too large.' };
  if (status !== undefined) return { status, code: 'MalformedQueryString', message: 'The request could not be read.' };
  return { status: 500, code: 'InternalFailure', message: 'The request processing has failed because of an unknown error, exception or failure.' };
}

function fromWireError(err: WireValidationError, context: RenderContext): WireError {
  switch (err.problem) {
    case 'unknown-operation':
    case 'unsupported-version':
      return { status: 400, code: 'InvalidAction', message: `Could not find operation ${context.action ?? ''} for version ${context.version ?? 'NO_VERSION_SPECIFIED'}` };
    case 'missing':
      if (err.field === 'Action') return { status: 400, code: 'MissingAction', message: 'Missing Action' };
      return { status: 400, code: 'MissingParameter', message: `The request must contain the parameter ${err.field}` };
    case 'malformed-body':
      return { status: 400, code: 'MalformedQueryString', message: `The request body could not be read: ${err.reason}` };
    case 'invalid':
      return { status: 400, code: 'InvalidParameterValue', message: `Invalid value for parameter ${err.field}: ${err.reason}` };
    default:
      return assertNever(err.problem);
  }
}

function fromIamError(err: AnyIamError): WireError {
  switch (err.kind) {
    case 'access-denied':
      if (err instanceof MfaAuthenticationError) return { status: 403, code: 'AccessDenied', message: MFA_FAILED[err.problem] };
      if (err instanceof SessionCredentialsRefusedError) return { status: 403, code: 'AccessDenied', message: 'Cannot call GetSessionToken with session credentials' };
      return { status: 403, code: 'AccessDenied', message: err.principal ? awsAccessDeniedMessage(err, 'aws') : 'User is not authorized to perform this operation.' };
    case 'invalid-input':
      // DecodeAuthorizationMessage: "The error returned if the message passed to DecodeAuthorizationMessage was invalid."
      if (err.field === 'encodedMessage') return { status: 400, code: 'InvalidAuthorizationMessageException', message: 'The message provided is not a valid encoded authorization message.' };
      // AssumeRole Policy: "The request was rejected because the policy document was malformed"
      if (err instanceof MalformedPolicyDocumentError) return { status: 400, code: 'MalformedPolicyDocument', message: `The policy document is malformed: ${err.reason}` };
      // AssumeRole DurationSeconds (A-AR): ValidationError
      if (err.field === 'durationSeconds') {
        return { status: 400, code: 'ValidationError', message: err.reason.includes('MaxSessionDuration') ? 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.' : err.reason.includes('chaining') ? 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.' : err.reason.includes('at most') ? `1 validation error detected: Value at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 129600` : `1 validation error detected: Value at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900` };
      }
      return { status: 400, code: 'InvalidParameterValue', message: err.message };
    case 'authentication-failed':
      return authenticationError(err);
    case 'limit-exceeded':
      // AssumeRole Policy over its packed size (A-AR PackedPolicyTooLarge)
      if (err.entity === 'policy' && err.scope === 'document size') return { status: 400, code: 'PackedPolicyTooLarge', message: 'Packed size of consolidated session policies and session tags exceeds 100% of the allowed size' };
      return { status: 400, code: 'InvalidParameterValue', message: err.message };
    case 'not-found':
    case 'already-exists':
    case 'delete-conflict':
    case 'password-policy':
    case 'mfa-required':
    case 'expired':
    case 'disabled':
    case 'precondition-failed':
      return { status: 400, code: 'InvalidParameterValue', message: err.message };
    default:
      return assertNever(err);
  }
}

/** SECURITY: as IAM, one code per family of reasons, so a caller cannot tell which keys exist. */
function authenticationError(err: AuthenticationError): WireError {
  switch (err.reason) {
    case 'missing':
      return { status: 403, code: 'MissingAuthenticationToken', message: 'Request is missing Authentication Token' };
    case 'malformed':
      return { status: 400, code: 'IncompleteSignature', message: 'The request signature does not conform to AWS standards.' };
    case 'bad-signature':
      return {
        status: 403,
        code: 'SignatureDoesNotMatch',
        message: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      };
    case 'clock-skew':
      return { status: 403, code: 'SignatureDoesNotMatch', message: 'Signature expired: the request was signed more than 15 minutes from the server time.' };
    case 'token-expired':
      // @aws-sdk/client-sts models ExpiredTokenException (400) for this wire code
      return { status: 400, code: 'ExpiredTokenException', message: 'The security token included in the request is expired' };
    default:
      return { status: 403, code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' };
  }
}
