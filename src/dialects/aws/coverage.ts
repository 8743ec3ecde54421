/**
 * Writes COVERAGE.md beside this file from the AWS operation table, so the table in the docs is the
 * table in the code. Run: `node --import tsx src/dialects/aws/coverage.ts` (`--check` exits 1 when the
 * file is out of date instead of writing it). test/conformance/aws/coverage.test.ts runs the check.
 */
import { fileURLToPath } from 'node:url';
import { operationsTable, table, type CoverageRow } from '../kit/aws-family/coverage.js';
import { awsDialect } from './dialect.js';
import { runCoverageScript } from '../kit/coverage-file.js';
import { ISSUE_15_ROWS } from './coverage-rows.js';
import { UNSERVED } from './unserved.js';

export const COVERAGE_FILE = fileURLToPath(new URL('./COVERAGE.md', import.meta.url));

const COLUMNS = { parameters: 'Parameters', result: 'Result', errors: 'Errors (code, status)', verifiedBy: 'Verified by' };
type Row = CoverageRow<keyof typeof COLUMNS>;

const row = (parameters: string, result: string, errors: string, sdk: string, cli: string): Row => ({
  parameters,
  result,
  errors,
  verifiedBy: `SDK \`${sdk}Command\`; CLI \`${cli}\``,
});

/** verified by the SDK only (the CLI suite of roles drives assume-role and list-users) */
const sdk = (parameters: string, result: string, errors: string, name: string): Row => ({ parameters, result, errors, verifiedBy: `SDK \`${name}Command\`` });

const ROWS: Record<string, Row> = {
  CreateUser: row('UserName (1-64 `[\\w+=,.@-]+`), Path, PermissionsBoundary (a policy ARN), Tags.member.N', 'User (Path, UserName, UserId `AIDA…`, Arn, CreateDate, PermissionsBoundary, Tags)', 'EntityAlreadyExists 409, ValidationError 400, InvalidInput 400 (duplicate tag keys), LimitExceeded 409 (tags)', 'CreateUser', 'create-user'),
  GetUser: row('UserName (optional: the caller; for the root `arn:aws:iam::<acct>:root`)', 'User (+Tags, PasswordLastUsed, PermissionsBoundary)', 'NoSuchEntity 404 ("The user with name X cannot be found.")', 'GetUser', 'get-user'),
  ListUsers: row('PathPrefix, Marker, MaxItems (1-1000, default 100)', 'Users, IsTruncated, Marker; never the root', 'InvalidInput 400 (marker), ValidationError 400', 'ListUsers', 'list-users --page-size 1'),
  UpdateUser: row('UserName, NewUserName, NewPath', '—', 'NoSuchEntity 404, EntityAlreadyExists 409', 'UpdateUser', 'update-user'),
  DeleteUser: row('UserName', '—', 'DeleteConflict 409 (login profile, access keys, group memberships), NoSuchEntity 404', 'DeleteUser', 'delete-user'),
  CreateLoginProfile: row('UserName (optional: the caller), Password (1-128 `[\\t\\n\\r\\u0020-\\u00FF]+`), PasswordResetRequired', 'LoginProfile (UserName, CreateDate, PasswordResetRequired)', 'EntityAlreadyExists 409 ("Login Profile for user X already exists."), NoSuchEntity 404, PasswordPolicyViolation 400 (every rule broken)', 'CreateLoginProfile', 'create-login-profile'),
  GetLoginProfile: row('UserName (optional)', 'LoginProfile', 'NoSuchEntity 404 ("Login Profile for User X cannot be found.")', 'GetLoginProfile', 'get-login-profile'),
  UpdateLoginProfile: row('UserName, Password, PasswordResetRequired', '—', 'NoSuchEntity 404, PasswordPolicyViolation 400', 'UpdateLoginProfile', 'update-login-profile'),
  DeleteLoginProfile: row('UserName (optional)', '—', 'NoSuchEntity 404', 'DeleteLoginProfile', 'delete-login-profile'),
  ChangePassword: row('OldPassword, NewPassword (the caller\'s own)', '—', 'AccessDenied 403 (old password wrong; AllowUsersToChangePassword off), PasswordPolicyViolation 400 (reuse: "Policy constraint violation with password reuse prevention during password change."), InvalidUserType 400 (the root)', 'ChangePassword', 'change-password'),
  GetAccountPasswordPolicy: row('—', 'PasswordPolicy (every AWS field, ExpirePasswords included)', 'NoSuchEntity 404 ("The Password Policy with domain name <acct> cannot be found.")', 'GetAccountPasswordPolicy', 'get-account-password-policy'),
  UpdateAccountPasswordPolicy: row('MinimumPasswordLength (6-128), RequireSymbols, RequireNumbers, RequireUppercaseCharacters, RequireLowercaseCharacters, AllowUsersToChangePassword, MaxPasswordAge (1-1095), PasswordReusePrevention (1-24), HardExpiry; an omitted field takes the AWS default', '—', 'ValidationError 400', 'UpdateAccountPasswordPolicy', 'update-account-password-policy'),
  DeleteAccountPasswordPolicy: row('—', '—', 'NoSuchEntity 404', 'DeleteAccountPasswordPolicy', 'delete-account-password-policy'),
  CreateAccessKey: row('UserName (optional: the caller)', 'AccessKey (UserName, AccessKeyId, Status, SecretAccessKey, CreateDate)', 'LimitExceeded 409 ("Cannot exceed quota for AccessKeysPerUser: 2"), NoSuchEntity 404', 'CreateAccessKey', 'create-access-key'),
  ListAccessKeys: row('UserName (optional), Marker, MaxItems', 'AccessKeyMetadata, IsTruncated, Marker', 'NoSuchEntity 404', 'ListAccessKeys', 'list-access-keys'),
  GetAccessKeyLastUsed: row('AccessKeyId', 'UserName, AccessKeyLastUsed (LastUsedDate, ServiceName, Region; `N/A` when never used)', 'NoSuchEntity 404', 'GetAccessKeyLastUsed', 'get-access-key-last-used'),
  UpdateAccessKey: row('UserName (optional), AccessKeyId, Status (Active, Inactive)', '—', 'NoSuchEntity 404 ("The Access Key with id X cannot be found."), ValidationError 400', 'UpdateAccessKey', 'update-access-key'),
  DeleteAccessKey: row('UserName (optional), AccessKeyId', '—', 'NoSuchEntity 404', 'DeleteAccessKey', 'delete-access-key'),
  TagUser: row('UserName, Tags.member.N (Key 1-128, Value 0-256)', '—', 'InvalidInput 400 (duplicate keys), LimitExceeded 409 (50), ValidationError 400, NoSuchEntity 404', 'TagUser', 'tag-user'),
  UntagUser: row('UserName, TagKeys.member.N', '—', 'NoSuchEntity 404', 'UntagUser', 'untag-user'),
  CreatePolicy: row('PolicyName (1-128 `[\\w+=,.@-]+`), PolicyDocument (AWS syntax), Path, Description; Tags refused', 'Policy (PolicyName, PolicyId `ANPA…`, Arn, Path, DefaultVersionId, AttachmentCount, PermissionsBoundaryUsageCount, IsAttachable, Description, CreateDate, UpdateDate)', 'MalformedPolicyDocument 400, EntityAlreadyExists 409 ("A policy called X already exists. Duplicate names are not allowed."), LimitExceeded 409, ValidationError 400', 'CreatePolicy', 'create-policy'),
  GetPolicy: row('PolicyArn (`arn:aws:iam::<acct>:policy/…`, `arn:aws:iam::aws:policy/…` for system policies)', 'Policy', 'NoSuchEntity 404 ("Policy <arn> does not exist or is not attachable.")', 'GetPolicy', 'get-policy'),
  ListPolicies: row('Scope (All, AWS, Local), OnlyAttached, PathPrefix, PolicyUsageFilter, Marker, MaxItems', 'Policies (no Description), IsTruncated, Marker', 'ValidationError 400, InvalidInput 400 (marker)', 'ListPolicies', 'list-policies --scope Local'),
  DeletePolicy: row('PolicyArn', '—', 'DeleteConflict 409 (attached; non-default versions), NoSuchEntity 404, InvalidInput 400 (system policy)', 'DeletePolicy', 'delete-policy'),
  CreatePolicyVersion: row('PolicyArn, PolicyDocument, SetAsDefault', 'PolicyVersion (VersionId, IsDefaultVersion, CreateDate)', 'LimitExceeded 409 (5 versions), MalformedPolicyDocument 400, NoSuchEntity 404', 'CreatePolicyVersion', 'create-policy-version'),
  GetPolicyVersion: row('PolicyArn, VersionId', 'PolicyVersion (Document URL-encoded, VersionId, IsDefaultVersion, CreateDate)', 'NoSuchEntity 404', 'GetPolicyVersion', 'get-policy-version'),
  ListPolicyVersions: row('PolicyArn, Marker, MaxItems', 'Versions (newest first, no Document), IsTruncated, Marker', 'NoSuchEntity 404', 'ListPolicyVersions', 'list-policy-versions'),
  DeletePolicyVersion: row('PolicyArn, VersionId', '—', 'DeleteConflict 409 ("Cannot delete the default version of a policy."), NoSuchEntity 404', 'DeletePolicyVersion', 'delete-policy-version'),
  SetDefaultPolicyVersion: row('PolicyArn, VersionId', '—', 'NoSuchEntity 404', 'SetDefaultPolicyVersion', 'set-default-policy-version'),
  AttachUserPolicy: row('UserName, PolicyArn (idempotent)', '—', 'NoSuchEntity 404, LimitExceeded 409 (10 per user)', 'AttachUserPolicy', 'attach-user-policy'),
  DetachUserPolicy: row('UserName, PolicyArn', '—', 'NoSuchEntity 404 (also when not attached)', 'DetachUserPolicy', 'detach-user-policy'),
  ListAttachedUserPolicies: row('UserName, PathPrefix, Marker, MaxItems', 'AttachedPolicies (PolicyName, PolicyArn), IsTruncated, Marker', 'NoSuchEntity 404', 'ListAttachedUserPolicies', 'list-attached-user-policies'),
  AttachGroupPolicy: row('GroupName, PolicyArn', '—', 'NoSuchEntity 404, LimitExceeded 409', 'AttachGroupPolicy', 'attach-group-policy'),
  DetachGroupPolicy: row('GroupName, PolicyArn', '—', 'NoSuchEntity 404', 'DetachGroupPolicy', 'detach-group-policy'),
  ListAttachedGroupPolicies: row('GroupName, PathPrefix, Marker, MaxItems', 'AttachedPolicies, IsTruncated, Marker', 'NoSuchEntity 404', 'ListAttachedGroupPolicies', 'list-attached-group-policies'),
  ListEntitiesForPolicy: row('PolicyArn, EntityFilter (User, Group; Role and the policy filters list nothing), PathPrefix, Marker, MaxItems', 'PolicyGroups, PolicyUsers, PolicyRoles (always empty), IsTruncated, Marker', 'NoSuchEntity 404', 'ListEntitiesForPolicy', 'list-entities-for-policy'),
  PutUserPolicy: row('UserName, PolicyName, PolicyDocument (AWS syntax; 2,048 characters without white space)', '—', 'MalformedPolicyDocument 400, LimitExceeded 409, NoSuchEntity 404', 'PutUserPolicy', 'put-user-policy'),
  GetUserPolicy: row('UserName, PolicyName', 'UserName, PolicyName, PolicyDocument (URL-encoded)', 'NoSuchEntity 404 ("The user policy with name X cannot be found.")', 'GetUserPolicy', 'get-user-policy'),
  DeleteUserPolicy: row('UserName, PolicyName', '—', 'NoSuchEntity 404', 'DeleteUserPolicy', 'delete-user-policy'),
  ListUserPolicies: row('UserName, Marker, MaxItems', 'PolicyNames, IsTruncated, Marker', 'NoSuchEntity 404', 'ListUserPolicies', 'list-user-policies'),
  CreateGroup: row('GroupName (1-128), Path', 'Group (Path, GroupName, GroupId `AGPA…`, Arn, CreateDate)', 'EntityAlreadyExists 409', 'CreateGroup', 'create-group'),
  GetGroup: row('GroupName, Marker, MaxItems', 'Group, Users, IsTruncated, Marker', 'NoSuchEntity 404', 'GetGroup', 'get-group'),
  ListGroups: row('PathPrefix, Marker, MaxItems', 'Groups, IsTruncated, Marker', 'InvalidInput 400 (marker)', 'ListGroups', 'list-groups'),
  DeleteGroup: row('GroupName', '—', 'DeleteConflict 409 (members), NoSuchEntity 404', 'DeleteGroup', 'delete-group'),
  AddUserToGroup: row('GroupName, UserName (idempotent)', '—', 'NoSuchEntity 404', 'AddUserToGroup', 'add-user-to-group'),
  RemoveUserFromGroup: row('GroupName, UserName', '—', 'NoSuchEntity 404', 'RemoveUserFromGroup', 'remove-user-from-group'),
  ListGroupsForUser: row('UserName, Marker, MaxItems', 'Groups, IsTruncated, Marker', 'NoSuchEntity 404', 'ListGroupsForUser', 'list-groups-for-user'),
  SimulatePrincipalPolicy: row('PolicySourceArn (a user, or a role: its attached and inline policies within its boundary, decided as its sessions are; not a group), PolicyInputList.member.N (added to the principal\'s), PermissionsBoundaryPolicyInputList.member.1 (stands in for its boundary), ActionNames.member.N, ResourceArns.member.N (user, group, role, policy, mfa), ResourcePolicy with CallerArn (an Allow naming the caller grants, a Deny wins), ResourceOwner (the caller\'s account), ContextEntries.member.N (ContextKeyName, ContextKeyValues, ContextKeyType), Marker, MaxItems', 'EvaluationResults (EvalActionName, EvalResourceName, EvalDecision allowed/explicitDeny/implicitDeny, MatchedStatements (SourcePolicyId, SourcePolicyType user/group/role/aws-managed/user-managed/resource), MissingContextValues, PermissionsBoundaryDecisionDetail), IsTruncated, Marker', 'NoSuchEntity 404, InvalidInput 400, MalformedPolicyDocument 400', 'SimulatePrincipalPolicy', 'simulate-principal-policy'),
  SimulateCustomPolicy: row('PolicyInputList.member.N (AWS syntax), PermissionsBoundaryPolicyInputList, ActionNames, ResourceArns, ResourcePolicy (needs CallerArn), ResourceOwner, ContextEntries, CallerArn (a user), Marker, MaxItems', 'EvaluationResults (MatchedStatements SourcePolicyId `PolicyInputList.N`), IsTruncated, Marker', 'MalformedPolicyDocument 400, InvalidInput 400', 'SimulateCustomPolicy', 'simulate-custom-policy'),
  ListUserTags: row('UserName, Marker, MaxItems', 'Tags, IsTruncated, Marker', 'NoSuchEntity 404', 'ListUserTags', 'list-user-tags'),
  GenerateCredentialReport: row('(none)', 'State (STARTED, then COMPLETE for 4 hours), Description', '-', 'GenerateCredentialReport', 'generate-credential-report'),
  GetCredentialReport: row('(none)', 'Content (base64 CSV, AWS columns), ReportFormat text/csv, GeneratedTime', 'ReportNotPresent 410, ReportExpired 410', 'GetCredentialReport', 'get-credential-report'),
  GetAccountSummary: row('(none)', 'SummaryMap (Users, Groups, Policies, quotas, AccountAccessKeysPresent, MFA counts 0)', '-', 'GetAccountSummary', '-'),
  GetAccountAuthorizationDetails: row('Filter.member.N (User, Role, Group, LocalManagedPolicy, AWSManagedPolicy), Marker, MaxItems', 'UserDetailList (inline and attached policies, GroupList, PermissionsBoundary, Tags), GroupDetailList, RoleDetailList (trust policy, InstanceProfileList always empty, RoleLastUsed), Policies (PolicyVersionList with URL-encoded documents; AWS managed ones only where attached), IsTruncated, Marker', 'ValidationError 400 (Filter), InvalidInput 400 (marker)', 'GetAccountAuthorizationDetails', 'get-account-authorization-details'),
  // roles (issue #13): test/conformance/aws-roles/
  CreateRole: sdk('RoleName (1-64), AssumeRolePolicyDocument (trust policy: Principal AWS/Service/Federated), Path, Description, MaxSessionDuration (3600-43200), Tags.member.N, PermissionsBoundary; a Path under `/aws-service-role/` refused (InvalidInput "Path prefix \'/aws-service-role/\' can only be used for AWS Service linked Roles")', 'Role (Path, RoleName, RoleId `AROA…`, Arn, CreateDate, AssumeRolePolicyDocument URL-encoded, Description, MaxSessionDuration, Tags)', 'EntityAlreadyExists 409, MalformedPolicyDocument 400, ValidationError 400, LimitExceeded 409', 'CreateRole'),
  GetRole: sdk('RoleName', 'Role (+Tags, RoleLastUsed{LastUsedDate, Region})', 'NoSuchEntity 404 ("The role with name X cannot be found.")', 'GetRole'),
  ListRoles: sdk('PathPrefix, Marker, MaxItems', 'Roles, IsTruncated, Marker', 'InvalidInput 400 (marker)', 'ListRoles'),
  UpdateRole: sdk('RoleName, Description, MaxSessionDuration', '—', 'NoSuchEntity 404, ValidationError 400', 'UpdateRole'),
  UpdateRoleDescription: sdk('RoleName, Description', 'Role', 'NoSuchEntity 404', 'UpdateRoleDescription'),
  UpdateAssumeRolePolicy: sdk('RoleName, PolicyDocument', '—', 'MalformedPolicyDocument 400, NoSuchEntity 404', 'UpdateAssumeRolePolicy'),
  DeleteRole: sdk('RoleName', '—', 'DeleteConflict 409 (attached or inline policies), NoSuchEntity 404', 'DeleteRole'),
  TagRole: sdk('RoleName, Tags.member.N', '—', 'NoSuchEntity 404, LimitExceeded 409, InvalidInput 400', 'TagRole'),
  UntagRole: sdk('RoleName, TagKeys.member.N', '—', 'NoSuchEntity 404', 'UntagRole'),
  ListRoleTags: sdk('RoleName, Marker, MaxItems', 'Tags, IsTruncated, Marker', 'NoSuchEntity 404', 'ListRoleTags'),
  AttachRolePolicy: sdk('RoleName, PolicyArn', '—', 'NoSuchEntity 404, LimitExceeded 409 (10 per role)', 'AttachRolePolicy'),
  DetachRolePolicy: sdk('RoleName, PolicyArn', '—', 'NoSuchEntity 404', 'DetachRolePolicy'),
  ListAttachedRolePolicies: sdk('RoleName, PathPrefix, Marker, MaxItems', 'AttachedPolicies, IsTruncated, Marker', 'NoSuchEntity 404', 'ListAttachedRolePolicies'),
  PutRolePolicy: sdk('RoleName, PolicyName, PolicyDocument (AWS syntax; 10,240 characters)', '—', 'MalformedPolicyDocument 400, NoSuchEntity 404', 'PutRolePolicy'),
  GetRolePolicy: sdk('RoleName, PolicyName', 'RoleName, PolicyName, PolicyDocument (URL-encoded)', 'NoSuchEntity 404 ("The role policy with name X cannot be found.")', 'GetRolePolicy'),
  DeleteRolePolicy: sdk('RoleName, PolicyName', '—', 'NoSuchEntity 404', 'DeleteRolePolicy'),
  ListRolePolicies: sdk('RoleName, Marker, MaxItems', 'PolicyNames, IsTruncated, Marker', 'NoSuchEntity 404', 'ListRolePolicies'),
  PutGroupPolicy: sdk('GroupName, PolicyName, PolicyDocument (AWS syntax; 5,120 characters)', '—', 'MalformedPolicyDocument 400, NoSuchEntity 404', 'PutGroupPolicy'),
  GetGroupPolicy: sdk('GroupName, PolicyName', 'GroupName, PolicyName, PolicyDocument (URL-encoded)', 'NoSuchEntity 404 ("The group policy with name X cannot be found.")', 'GetGroupPolicy'),
  DeleteGroupPolicy: sdk('GroupName, PolicyName', '—', 'NoSuchEntity 404', 'DeleteGroupPolicy'),
  ListGroupPolicies: sdk('GroupName, Marker, MaxItems', 'PolicyNames, IsTruncated, Marker', 'NoSuchEntity 404', 'ListGroupPolicies'),
  // issue #11: virtual MFA devices (test/conformance/aws/mfa-devices.test.ts, mfa-cli.test.ts)
  CreateVirtualMFADevice: row('VirtualMFADeviceName (1-226 `[\\w+=,.@-]+`), Path, Tags.member.N', 'VirtualMFADevice (SerialNumber `arn:aws:iam::<acct>:mfa<path><name>`, Base32StringSeed, QRCodePNG, Tags): the seed and QR only here', 'EntityAlreadyExists 409, ValidationError 400', 'CreateVirtualMFADevice', 'create-virtual-mfa-device --outfile --bootstrap-method'),
  EnableMFADevice: row('UserName, SerialNumber, AuthenticationCode1, AuthenticationCode2 (two consecutive 6-digit codes)', '—', 'InvalidAuthenticationCode 403 (wrong, reversed, stale or reused), EntityAlreadyExists 409 (device in use), LimitExceeded 409 (user has a device), NoSuchEntity 404, ValidationError 400', 'EnableMFADevice', 'enable-mfa-device'),
  ResyncMFADevice: row('UserName, SerialNumber, AuthenticationCode1, AuthenticationCode2 (±10 steps)', '—', 'InvalidAuthenticationCode 403, NoSuchEntity 404', 'ResyncMFADevice', 'resync-mfa-device'),
  DeactivateMFADevice: row('SerialNumber, UserName (optional: the caller)', '—', 'NoSuchEntity 404', 'DeactivateMFADevice', 'deactivate-mfa-device'),
  DeleteVirtualMFADevice: row('SerialNumber', '—', 'DeleteConflict 409 ("MFA Device is still in use."), NoSuchEntity 404', 'DeleteVirtualMFADevice', 'delete-virtual-mfa-device'),
  ListMFADevices: row('UserName (optional), Marker, MaxItems', 'MFADevices (UserName, SerialNumber, EnableDate), IsTruncated, Marker', 'NoSuchEntity 404', 'ListMFADevices', 'list-mfa-devices'),
  ListVirtualMFADevices: row('AssignmentStatus (Assigned, Unassigned, Any), Marker, MaxItems', 'VirtualMFADevices (SerialNumber, User, EnableDate, Tags), IsTruncated, Marker', 'ValidationError 400', 'ListVirtualMFADevices', 'list-virtual-mfa-devices'),
  GetMFADevice: row('SerialNumber', 'UserName, SerialNumber, EnableDate', 'NoSuchEntity 404 ("VirtualMFADevice with serial number X doesn\'t exist.")', 'GetMFADevice', 'get-mfa-device'),
  TagMFADevice: row('SerialNumber, Tags.member.N', '—', 'LimitExceeded 409 (50), NoSuchEntity 404', 'TagMFADevice', 'tag-mfa-device'),
  UntagMFADevice: row('SerialNumber, TagKeys.member.N', '—', 'NoSuchEntity 404', 'UntagMFADevice', 'untag-mfa-device'),
  ListMFADeviceTags: row('SerialNumber, Marker, MaxItems', 'Tags, IsTruncated, Marker', 'NoSuchEntity 404', 'ListMFADeviceTags', 'list-mfa-device-tags'),
  ...ISSUE_15_ROWS,
};

const ENVELOPE: string[][] = [
  ['wrong secret, changed body, `x-amz-content-sha256` not the body\'s hash', 'SignatureDoesNotMatch', '403', 'SDK, CLI, raw (auth.test.ts)'],
  ['credential scope for another service', 'SignatureDoesNotMatch ("Credential should be scoped to correct service: \'iam\'.")', '403', 'raw'],
  ['unknown or inactive key, disabled user', 'InvalidClientTokenId ("The security token included in the request is invalid.")', '403', 'SDK, CLI'],
  ['header-signed more than 15 minutes off', 'SignatureDoesNotMatch ("Signature expired: … (… - 15 min.)" / "Signature not yet current: …")', '403', 'SDK, with the test clock moved'],
  ['presigned, past X-Amz-Expires', 'RequestExpired', '400', 'raw presigned GET'],
  ['no signature / a malformed one', 'MissingAuthenticationToken / IncompleteSignature', '403 / 400', 'raw'],
  ['a caller without rights', 'AccessDenied ("User: <arn> is not authorized to perform: iam:<Action> on resource: <arn> because no identity-based policy allows the iam:<Action> action" / "… with an explicit deny in an identity-based policy"); the sealed explanation in header `x-polyiam-encoded-authorization-message` (AWS IAM\'s body has none), for STS DecodeAuthorizationMessage', '403', 'SDK (policy-scenario.test.ts)'],
  ['unknown Action; missing or unknown Version', 'InvalidAction ("Could not find operation X for version V" / `NO_VERSION_SPECIFIED`)', '400', 'raw (bad-input.test.ts)'],
  ['missing Action', 'MissingAction', '400', 'raw'],
  ['a member constraint broken (length, pattern, range, type, missing)', 'ValidationError ("1 validation error detected: Value at \'userName\' failed to satisfy constraint: Member must …")', '400', 'SDK, CLI, raw'],
  ['a parameter given twice, bad percent-encoding, a list numbered with gaps', 'InvalidParameterValue', '400', 'raw'],
  ['bytes that are not UTF-8; a JSON or other non-form body', 'MalformedQueryString', '400', 'raw'],
  ['a body past the limit', 'RequestEntityTooLarge', '413', 'raw'],
  ['anything unexpected', 'ServiceFailure', '500', '—'],
];

const NOT_SERVED = [
  'Permissions boundaries: a user\'s identity policies grant only what its boundary allows too (an explicit deny in either wins); AccessDenied then says "because no permissions boundary allows …" / "with an explicit deny in a permissions boundary".',
  'Policy documents come back URL-encoded (PolicyVersion Document, GetUserPolicy PolicyDocument), as AWS sends them; the CLI decodes them, SDK callers use decodeURIComponent.',
  'A PolicyArn is resolved by its last segment (names are unique per account); another account\'s ARN is NoSuchEntity. Roles and ResourcePolicy simulation are not served.',
  'System policies appear as AWS managed policies `arn:aws:iam::aws:policy/<Name>` (AdministratorAccess, IAMFullAccess, IAMReadOnlyAccess, IAMUserChangePassword, …).',
  'DeleteUser conflicts on MFA devices arrive with that feature (the core\'s delete blockers); login profiles, access keys, group memberships, policies, signing certificates, SSH public keys and service-specific credentials conflict today.',
  'Service-specific credentials are issued for codecommit.amazonaws.com, cassandra.amazonaws.com and bedrock.amazonaws.com; their passwords are sealed at rest and shown by Create and Reset only.',
  'The XML escapes `&`, `<`, `>` only, as AWS does; characters XML 1.0 cannot carry become U+FFFD.',
];

export function renderCoverage(): string {
  return [
    '# AWS IAM (awsQuery, Version 2010-05-08): coverage',
    '',
    '<!-- Generated by `node --import tsx src/dialects/aws/coverage.ts` from the AWS operation table. Do not edit by hand. -->',
    '',
    'Served at `POST /` (form body) or `GET /?...` on the one polyiam port; picked by `Version=2010-05-08`, and the',
    'fallback for requests that name no known version and carry no other vendor\'s signature. Signing: AWS SigV4',
    '(`AWS4-HMAC-SHA256`, credential scope service `iam`, any region), in the Authorization header or presigned',
    '`X-Amz-*` query, `x-amz-date` (or `Date`), `x-amz-content-sha256` checked when present; 15-minute window.',
    'Responses: XML in `https://iam.amazonaws.com/doc/2010-05-08/`, `<Op>Result` plus `ResponseMetadata/RequestId`,',
    'header `x-amzn-requestid`; dates ISO-8601 UTC with milliseconds. Tests: test/conformance/aws/.',
    '',
    ...operationsTable(awsDialect(), COLUMNS, ROWS),
    '',
    '## Envelope and authentication errors',
    '',
    ...table(['Situation', 'Code', 'Status', 'Verified by'], ENVELOPE),
    '',
    '## Every AWS IAM action',
    '',
    `Every command of @aws-sdk/client-iam (checked by test/conformance/aws/coverage.test.ts): ${awsDialect().operations.size} served, ${Object.keys(UNSERVED).length} not, each with its reason.`,
    'Signing in through identity providers (STS AssumeRoleWithWebIdentity, AssumeRoleWithSAML) is a later step, after roles and the providers themselves.',
    '',
    ...table(
      ['Action', 'Served'],
      [...new Set([...awsDialect().operations.keys(), ...Object.keys(UNSERVED)])].sort().map((action) => [action, UNSERVED[action] === undefined ? 'yes' : `no: ${UNSERVED[action]}`]),
    ),
    '',
    '## Not served / differences',
    '',
    ...NOT_SERVED.map((item) => `- ${item}`),
    '',
  ].join('\n');
}

runCoverageScript(import.meta.url, COVERAGE_FILE, renderCoverage);
