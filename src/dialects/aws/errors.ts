import { detectScheme } from '../../auth/signing/index.js';
import { awsAccessDeniedMessage } from '../../core/authorization/denial.js';
import { assertNever, isIamError, type AccessDeniedError, type AnyIamError, type AuthenticationError } from '../../core/errors.js';
import { SelfManagementRefusedError } from '../../core/login-protection/self-management.js';
import { MalformedPolicyDocumentError } from '../../core/policies/validate.js';
import { CredentialMaterialError } from '../../core/user-credentials/user-credential.js';
import { CustomSuffixNotAllowedError, ReservedRolePathError, UnmodifiableEntityError } from '../../core/roles/service-linked-role.js';
import type { CallRecord } from '../kit/aws-family/calls.js';
import type { WireError } from '../kit/aws-family/envelope.js';
import { AwsFamilyError, awsMemberPath, MemberConstraintError } from '../kit/aws-family/errors.js';
import { basicIsoDate, describeViolations } from '../kit/aws-family/messages.js';
import type { RenderContext } from '../kit/query-dialect.js';
import { toSignedRequest } from '../kit/request.js';
import { clientErrorStatus, WireValidationError } from '../kit/wire-errors.js';
import { rootArn, userArn } from './shapes.js';

const SKEW_MINUTES = 15;

/**
 * AWS IAM error codes and messages (IAM API reference "Errors" of each action and "Common Errors"), so
 * that @aws-sdk/client-iam raises its typed exceptions: the SDK maps `<Code>` to a class only when it
 * equals the modelled code (NoSuchEntity -> NoSuchEntityException), so codes are exact.
 */
export function toAwsError(err: unknown, context: RenderContext, record: CallRecord | undefined): WireError {
  if (err instanceof AwsFamilyError) return { status: err.status, code: err.code, message: err.message };
  if (err instanceof MemberConstraintError) {
    return { status: 400, code: 'ValidationError', message: `1 validation error detected: Value at '${awsMemberPath(err.field)}' failed to satisfy constraint: ${err.constraint}` };
  }
  if (err instanceof WireValidationError) return fromWireError(err, context);
  if (isIamError(err)) return fromIamError(err, context, record);
  const status = clientErrorStatus(err);
  if (status === 413) return { status, code: 'RequestEntityTooLarge', message: 'Request body is too large.' };
  if (status !== undefined) return { status, code: 'MalformedQueryString', message: 'The request could not be read.' };
  // AWS ServiceFailure (500): "The request processing has failed because of an unknown error, exception or failure."
  return { status: 500, code: 'ServiceFailure', message: 'The request processing has failed because of an unknown error, exception or failure.' };
}

function fromWireError(err: WireValidationError, context: RenderContext): WireError {
  const version = context.version ?? 'NO_VERSION_SPECIFIED';
  switch (err.problem) {
    case 'unknown-operation':
    case 'unsupported-version':
      return { status: 400, code: 'InvalidAction', message: `Could not find operation ${context.action ?? ''} for version ${version}` };
    case 'missing':
      if (err.field === 'Action') return { status: 400, code: 'MissingAction', message: 'Missing Action' };
      if (err.field === 'Version') return { status: 400, code: 'InvalidAction', message: `Could not find operation ${context.action ?? ''} for version NO_VERSION_SPECIFIED` };
      return { status: 400, code: 'MissingParameter', message: `The request must contain the parameter ${err.field}` };
    case 'malformed-body':
      return { status: 400, code: 'MalformedQueryString', message: `The request body could not be read: ${err.reason}` };
    case 'invalid':
      if (err.field === 'query' || err.field === 'body') return { status: 400, code: 'MalformedQueryString', message: `The ${err.field} ${err.reason}` };
      return { status: 400, code: 'InvalidParameterValue', message: `Invalid value for parameter ${err.field}: ${err.reason}` };
    default:
      return assertNever(err.problem);
  }
}

function fromIamError(err: AnyIamError, context: RenderContext, record: CallRecord | undefined): WireError {
  switch (err.kind) {
    case 'not-found':
      return { status: 404, code: 'NoSuchEntity', message: notFoundMessage(err.entity, err.id, err.by, record) };
    case 'already-exists':
      // CreatePolicy: "A policy called X already exists. Duplicate names are not allowed."
      if (err.entity === 'policy') return { status: 409, code: 'EntityAlreadyExists', message: `A policy called ${err.id} already exists. Duplicate names are not allowed.` };
      if (err.entity === 'login-profile') return { status: 409, code: 'EntityAlreadyExists', message: `Login Profile for user ${targetName(record)} already exists.` };
      if (err.entity === 'mfa-device') {
        return record?.params.has('VirtualMFADeviceName')
          ? { status: 409, code: 'EntityAlreadyExists', message: 'MFADevice entity at the same path and name already exists.' }
          : { status: 409, code: 'EntityAlreadyExists', message: 'MFA Device is already in use.' };
      }
      if (err.entity === 'ssh-public-key') return { status: 400, code: 'DuplicateSSHPublicKey', message: 'The SSH public key is already associated with the specified IAM user.' };
      if (err.entity === 'signing-certificate') return { status: 409, code: 'DuplicateCertificate', message: 'The certificate is already uploaded for the specified IAM user.' };
      if (err.entity === 'server-certificate') return { status: 409, code: 'EntityAlreadyExists', message: `The Server Certificate with name ${err.id} already exists.` };
      if (err.entity === 'oidc-provider') return { status: 409, code: 'EntityAlreadyExists', message: `Provider with url https://${err.id} already exists.` };
      if (err.entity === 'account-alias') return { status: 409, code: 'EntityAlreadyExists', message: `The account alias ${err.id} already exists.` };
      if (err.entity === 'instance-profile') return { status: 409, code: 'EntityAlreadyExists', message: `Instance Profile ${err.id} already exists.` };
      if (err.entity === 'saml-provider') return { status: 409, code: 'EntityAlreadyExists', message: `SAMLProvider ${err.id} already exists.` };
      if (err.entity === 'role' && record?.params.has('AWSServiceName')) {
        return { status: 400, code: 'InvalidInput', message: `Service role name ${err.id} has been taken in this account, please try a different suffix.` };
      }
      return { status: 409, code: 'EntityAlreadyExists', message: `${capitalised(err.entity)} with name ${err.id} already exists.` };
    case 'delete-conflict':
      return { status: 409, code: 'DeleteConflict', message: deleteConflictMessage(err.blockers[0]) };
    case 'limit-exceeded':
      if (err.entity === 'access-key') return { status: 409, code: 'LimitExceeded', message: `Cannot exceed quota for AccessKeysPerUser: ${err.limit}` };
      if (err.entity === 'ssh-public-key') return { status: 409, code: 'LimitExceeded', message: `Cannot exceed quota for PublicKeysPerUser: ${err.limit}` };
      if (err.entity === 'signing-certificate') return { status: 409, code: 'LimitExceeded', message: `Cannot exceed quota for SigningCertificatesPerUser: ${err.limit}` };
      if (err.entity === 'service-specific-credential') return { status: 409, code: 'LimitExceeded', message: `Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: ${err.limit}` };
      if (err.entity === 'server-certificate') return { status: 409, code: 'LimitExceeded', message: `Cannot exceed quota for ServerCertificatesPerAccount: ${err.limit}` };
      if (err.entity === 'oidc-provider' && err.scope === 'client ids') return { status: 409, code: 'LimitExceeded', message: `Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: ${err.limit}` };
      if (err.entity === 'oidc-provider' && err.scope === 'thumbprints') return { status: 409, code: 'LimitExceeded', message: `Cannot exceed quota for ThumbprintsPerOpenIdConnectProvider: ${err.limit}` };
      if (err.entity === 'oidc-provider') return { status: 409, code: 'LimitExceeded', message: `Cannot exceed quota for OpenIdConnectProvidersPerAccount: ${err.limit}` };
      if (err.entity === 'tag') return { status: 409, code: 'LimitExceeded', message: `The number of tags has reached the maximum limit of ${err.limit}.` };
      if (err.entity === 'mfa-device') return { status: 409, code: 'LimitExceeded', message: `Cannot exceed quota for MFADevicesPerUser: ${err.limit}` };
      if (err.entity === 'instance-profile' && err.scope === 'roles') return { status: 409, code: 'LimitExceeded', message: `Cannot exceed quota for InstanceSessionsPerInstanceProfile: ${err.limit}` };
      if (err.entity === 'instance-profile') return { status: 409, code: 'LimitExceeded', message: `Cannot exceed quota for InstanceProfilesPerAccount: ${err.limit}` };
      if (err.entity === 'saml-provider') return { status: 409, code: 'LimitExceeded', message: `Cannot exceed quota for SAMLProvidersPerAccount: ${err.limit}` };
      if (err.entity === 'policy-version') {
        return { status: 409, code: 'LimitExceeded', message: `A managed policy can have up to ${err.limit} versions. Before you create a new version, you must delete an existing version.` };
      }
      if (err.entity === 'policy' && err.scope === 'document size') return { status: 409, code: 'LimitExceeded', message: `Cannot exceed quota for PolicySize: ${err.limit}` };
      if (err.entity === 'policy' && err.scope === 'user') return { status: 409, code: 'LimitExceeded', message: `Cannot exceed quota for PoliciesPerUser: ${err.limit}` };
      if (err.entity === 'policy' && err.scope === 'group') return { status: 409, code: 'LimitExceeded', message: `Cannot exceed quota for PoliciesPerGroup: ${err.limit}` };
      if (err.entity === 'policy' && err.scope === 'role') return { status: 409, code: 'LimitExceeded', message: `Cannot exceed quota for PoliciesPerRole: ${err.limit}` };
      if (err.entity === 'role') return { status: 409, code: 'LimitExceeded', message: `Cannot exceed quota for RolesPerAccount: ${err.limit}` };
      if (err.entity === 'policy' && err.scope === 'account') return { status: 409, code: 'LimitExceeded', message: `Cannot exceed quota for PoliciesPerAccount: ${err.limit}` };
      return { status: 409, code: 'LimitExceeded', message: `Cannot exceed quota for ${err.entity}s per ${err.scope}: ${err.limit}` };
    case 'invalid-input':
      if (err instanceof CredentialMaterialError) return materialError(err);
      // AWS: a service-linked role changes only through its service
      if (err instanceof UnmodifiableEntityError) return { status: 400, code: 'UnmodifiableEntity', message: `Cannot perform the operation on the protected role '${err.roleName}' - this role is only modifiable by AWS` };
      // CreateRole with Path `/aws-service-role/...` (as AWS words it)
      if (err instanceof ReservedRolePathError) return { status: 400, code: 'InvalidInput', message: "Path prefix '/aws-service-role/' can only be used for AWS Service linked Roles" };
      if (err instanceof CustomSuffixNotAllowedError) return { status: 400, code: 'InvalidInput', message: `Custom suffix is not allowed for ${err.service}` };
      if (err.field === 'samlMetadataDocument') return { status: 400, code: 'InvalidInput', message: `Could not parse metadata: ${err.reason.replace(/^could not parse metadata: /, '')}` };
      // CreatePolicy, CreatePolicyVersion, PutUserPolicy, SimulateCustomPolicy: the document's first problem
      if (err instanceof MalformedPolicyDocumentError) return { status: 400, code: 'MalformedPolicyDocument', message: capitalisedSentence(err.reason) };
      if (err.field === 'tags') return { status: 400, code: 'InvalidInput', message: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.' };
      if (err.field === 'marker') return { status: 400, code: 'InvalidInput', message: 'Invalid Marker: it was not returned by a previous page of this list.' };
      if (err.field === 'oldPassword') return { status: 403, code: 'AccessDenied', message: 'The old password was incorrect.' };
      // EnableMFADevice, ResyncMFADevice: InvalidAuthenticationCode (403), for a wrong, stale or reused code alike
      if (err.field === 'authenticationCode') return { status: 403, code: 'InvalidAuthenticationCode', message: 'Authentication code for device is not valid.' };
      return { status: 400, code: 'InvalidInput', message: err.message };
    case 'password-policy':
      // AWS wording for a reused password; otherwise its generic sentence, then every rule broken
      if (err.violations.every((v) => v.rule === 'reuse')) {
        return { status: 400, code: 'PasswordPolicyViolation', message: 'Policy constraint violation with password reuse prevention during password change.' };
      }
      return { status: 400, code: 'PasswordPolicyViolation', message: `Password does not conform to the account password policy. It must ${describeViolations(err.violations)}.` };
    case 'access-denied':
      // the account's protect policy (allow_user), not a policy, refused the caller something about itself
      if (err instanceof SelfManagementRefusedError) return { status: 403, code: 'AccessDenied', message: capitalisedSentence(err.message) };
      return { status: 403, code: 'AccessDenied', message: accessDeniedMessage(err, context, record) };
    case 'authentication-failed':
      return authenticationError(err, context);
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

function notFoundMessage(entity: string, id: string, by: 'id' | 'name', record: CallRecord | undefined): string {
  switch (entity) {
    case 'user':
      return `The user with name ${by === 'name' ? id : (record?.principal.userName ?? id)} cannot be found.`;
    case 'login-profile':
      return `Login Profile for User ${id} cannot be found.`;
    case 'access-key':
      return `The Access Key with id ${id} cannot be found.`;
    case 'password-policy':
      return `The Password Policy with domain name ${id} cannot be found.`;
    case 'policy':
      // GetPolicy...: "Policy arn:aws:iam::123456789012:policy/x does not exist or is not attachable."
      return `Policy ${record?.params.get('PolicyArn') ?? record?.params.get('PermissionsBoundary') ?? id} does not exist or is not attachable.`;
    case 'policy-version':
      return `Policy ${record?.params.get('PolicyArn') ?? ''} version ${id} does not exist or is not attachable.`;
    case 'inline-policy':
      if (record?.params.get('RoleName') !== undefined) return `The role policy with name ${id} cannot be found.`;
      if (record?.params.get('GroupName') !== undefined) return `The group policy with name ${id} cannot be found.`;
      return `The user policy with name ${id} cannot be found.`;
    case 'role':
      return `The role with name ${id} cannot be found.`;
    case 'group':
      return `The group with name ${id} cannot be found.`;
    case 'mfa-device':
      return `VirtualMFADevice with serial number ${record?.params.get('SerialNumber') ?? id} doesn't exist.`;
    case 'account-alias':
      return `The account alias ${id} cannot be found.`;
    case 'ssh-public-key':
      return `The Public Key with id ${id} cannot be found.`;
    case 'signing-certificate':
      return `The Certificate with id ${id} cannot be found.`;
    case 'service-specific-credential':
      return `No such credential ${id} exists.`;
    case 'server-certificate':
      return `The Server Certificate with name ${id} cannot be found.`;
    case 'oidc-provider':
      return `OpenIDConnect Provider not found for arn ${record?.params.get('OpenIDConnectProviderArn') ?? id}`;
    case 'instance-profile':
      return `Instance Profile ${id} cannot be found.`;
    case 'saml-provider':
      return `SAMLProvider not found for arn ${record?.params.get('SAMLProviderArn') ?? id}`;
    case 'role-deletion-task':
      return `Deletion task ${id} cannot be found.`;
    default:
      return `The ${entity} with name ${id} cannot be found.`;
  }
}

/** AWS DeleteUser names the first thing still attached */
function deleteConflictMessage(blocker: string | undefined): string {
  switch (blocker) {
    case 'login-profile':
      return 'Cannot delete entity, must delete login profile first.';
    case 'access-keys':
      return 'Cannot delete entity, must delete access keys first.';
    case 'group-memberships':
      return 'Cannot delete entity, must remove users from group first.';
    case 'policies':
      return 'Cannot delete entity, must detach all policies first.';
    case 'mfa-devices':
      return 'Cannot delete entity, must delete MFA device first.';
    case 'signing-certificates':
      return 'Cannot delete entity, must delete signing certificates first.';
    case 'ssh-public-keys':
      return 'Cannot delete entity, must delete SSH public keys first.';
    case 'service-specific-credentials':
      return 'Cannot delete entity, must delete service specific credentials first.';
    case 'policy-attachments':
      return 'Cannot delete a policy attached to entities.';
    case 'policy-versions':
      return "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.";
    case 'default-version':
      return 'Cannot delete the default version of a policy.';
    case 'enabled-mfa-device':
      return 'MFA Device is still in use.';
    case 'instance-profile-roles':
      return 'Cannot delete entity, must remove roles from instance profile first.';
    default:
      return 'Cannot delete entity, the account root user cannot be deleted.';
  }
}

/**
 * IAM User Guide, "Troubleshooting access denied error messages": `User: <arn> is not authorized to
 * perform: iam:<Action> on resource: <arn> because no identity-based policy allows the iam:<Action>
 * action` (or `with an explicit deny in an identity-based policy`), with the evaluator's names.
 */
function accessDeniedMessage(err: AccessDeniedError, context: RenderContext, record: CallRecord | undefined): string {
  if (err.principal) return awsAccessDeniedMessage(err, 'aws');
  // refused before any policy was read (another account's resource): the caller from the call record
  const action = `iam:${context.action ?? 'Unknown'}`;
  if (!record) return `User is not authorized to perform: ${action}`;
  const { principal, account } = record;
  const caller = principal.isRoot ? rootArn(account) : userArn(account, { path: '/', name: principal.userName });
  const resource = err.resource;
  const target = resource.startsWith('user/') ? userArn(account, { path: '/', name: resource.slice('user/'.length) }) : '*';
  return `User: ${caller} is not authorized to perform: ${action} on resource: ${target} because no identity-based policy allows the ${action} action`;
}

/**
 * SECURITY: one code per family of reasons, as AWS answers them, and nothing more: an unknown, inactive
 * or disabled key are all InvalidClientTokenId, so a caller cannot tell which keys exist.
 */
function authenticationError(err: AuthenticationError, context: RenderContext): WireError {
  switch (err.reason) {
    case 'missing':
      return { status: 403, code: 'MissingAuthenticationToken', message: 'Request is missing Authentication Token' };
    case 'malformed': {
      const service = signedService(context);
      if (service !== undefined && service !== 'iam') {
        return { status: 403, code: 'SignatureDoesNotMatch', message: `Credential should be scoped to correct service: 'iam'. ` };
      }
      return { status: 400, code: 'IncompleteSignature', message: 'The request signature does not conform to AWS standards.' };
    }
    case 'bad-signature':
      return {
        status: 403,
        code: 'SignatureDoesNotMatch',
        message: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      };
    case 'clock-skew':
      return skewError(context);
    case 'token-expired':
      // temporary credentials past their Expiration (AWS Common Errors: ExpiredToken)
      return { status: 403, code: 'ExpiredToken', message: 'The security token included in the request is expired' };
    default:
      return { status: 403, code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' };
  }
}

/** Header-signed: SignatureDoesNotMatch "Signature expired: ..."; presigned: RequestExpired (AWS Common Errors). */
function skewError(context: RenderContext): WireError {
  const parsed = detectScheme(toSignedRequest(context.request));
  if (parsed === null || typeof parsed !== 'object' || parsed.scheme !== 'aws-sigv4' || parsed.form === 'query' || context.now === undefined) {
    return { status: 400, code: 'RequestExpired', message: 'Request has expired.' };
  }
  const now = context.now;
  const window = SKEW_MINUTES * 60_000;
  const signed = basicIsoDate(parsed.signedAt);
  const message = parsed.signedAt < now
    ? `Signature expired: ${signed} is now earlier than ${basicIsoDate(now - window)} (${basicIsoDate(now)} - ${SKEW_MINUTES} min.)`
    : `Signature not yet current: ${signed} is still later than ${basicIsoDate(now + window)} (${basicIsoDate(now)} + ${SKEW_MINUTES} min.)`;
  return { status: 403, code: 'SignatureDoesNotMatch', message };
}

function signedService(context: RenderContext): string | undefined {
  const parsed = detectScheme(toSignedRequest(context.request));
  return parsed !== null && typeof parsed === 'object' && parsed.scheme === 'aws-sigv4' ? parsed.service : undefined;
}

/** Key and certificate material AWS refuses, each with its own code (UploadSSHPublicKey, UploadSigningCertificate, UploadServerCertificate...) */
function materialError(err: CredentialMaterialError): WireError {
  switch (err.problem) {
    case 'invalid-public-key':
      return { status: 400, code: 'InvalidPublicKey', message: 'The public key is malformed or otherwise invalid.' };
    case 'unrecognized-public-key-encoding':
      return { status: 400, code: 'UnrecognizedPublicKeyEncoding', message: 'The public key encoding format is unsupported or unrecognized.' };
    case 'duplicate-ssh-public-key':
      return { status: 400, code: 'DuplicateSSHPublicKey', message: 'The SSH public key is already associated with the specified IAM user.' };
    case 'malformed-certificate':
      return { status: 400, code: 'MalformedCertificate', message: `Unable to parse certificate. Please ensure the certificate is in PEM format (${err.reason}).` };
    case 'invalid-certificate':
      return { status: 400, code: 'InvalidCertificate', message: 'The certificate is not valid.' };
    case 'duplicate-certificate':
      return { status: 409, code: 'DuplicateCertificate', message: 'The certificate is already uploaded for the specified IAM user.' };
    case 'key-pair-mismatch':
      return { status: 400, code: 'KeyPairMismatch', message: 'The private key did not match the public key provided.' };
    case 'unsupported-service':
      return { status: 404, code: 'NotSupportedService', message: 'The specified service is not supported.' };
    default:
      return assertNever(err.problem);
  }
}

function targetName(record: CallRecord | undefined): string {
  return record?.params.get('UserName') ?? record?.principal.userName ?? '';
}

function capitalised(entity: string): string {
  const words = entity.split('-').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** a core problem message (lowercase, no period) as an AWS sentence */
function capitalisedSentence(text: string): string {
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return sentence.endsWith('.') ? sentence : `${sentence}.`;
}
