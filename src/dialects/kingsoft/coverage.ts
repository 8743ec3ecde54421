/**
 * Writes COVERAGE.md beside this file from the Kingsoft operation table, so the table in the docs is
 * the table in the code. Run: `node --import tsx src/dialects/kingsoft/coverage.ts` (`--check` exits 1
 * when the file is out of date instead of writing it). test/conformance/kingsoft/coverage.test.ts runs it.
 */
import { fileURLToPath } from 'node:url';
import { operationsTable, table, type CoverageRow } from '../kit/aws-family/coverage.js';
import { kingsoftDialect } from './dialect.js';
import { runCoverageScript } from '../kit/coverage-file.js';

export const COVERAGE_FILE = fileURLToPath(new URL('./COVERAGE.md', import.meta.url));

const COLUMNS = { parameters: 'Parameters', result: 'Result (JSON key where it differs)', errors: 'Errors', source: 'Source' };
type Row = CoverageRow<keyof typeof COLUMNS>;
const row = (parameters: string, result: string, errors: string, source: string): Row => ({ parameters, result, errors, source });

const ROWS: Record<string, Row> = {
  CreateUser: row('UserName (1-64 `[\\w+=,.@-]+`), RealName, Phone, Email, Remark, Password (also makes the login profile), PasswordResetRequired (0/1)', 'CreateUserResult.User (UserId, Path, UserName, RealName, CreateDate, Phone, Email, Remark, Krn, PasswordResetRequired, EnableMFA, UpdateDate)', 'MissingParameter 400 (no UserName), InvalidParameterValue 400, EntityAlreadyExists 409, PasswordPolicyViolation 400 (nothing created)', 'DOCS, GO-SDK'),
  GetUser: row('UserName (optional: the caller)', 'GetUserResult with the user\'s fields directly, plus Id (GO-SDK)', 'UserNoSuchEntity 404', 'GO-SDK'),
  ListUsers: row('Marker, MaxItems, AccessKey (the key\'s owner)', 'ListUsersResult (JSON `ListUserResult`): Users.Member, IsTruncated, Marker; never the root', 'InvalidParameterValue 400', 'GO-SDK'),
  UpdateUser: row('UserName, NewUserName, NewRealName, NewEmail, NewPhone, NewRemark', 'UpdateUserResult.User', 'UserNoSuchEntity 404, EntityAlreadyExists 409', 'GO-SDK'),
  DeleteUser: row('UserName', '—', 'DeleteConflict 409, UserNoSuchEntity 404', 'GO-SDK; conflicts AWS-LIKE'),
  CreateLoginProfile: row('UserName, Password (1-128 `[:graph:]+`), PasswordResetRequired (present = true), OpenLoginProtection, OpenSecurityProtection (GO-SDK CreateUser/UpdateLoginProfile switches: true/false, 1/0)', 'CreateLoginProfileResult.LoginProfile (PasswordResetRequired as `"false"`, UserName, CreateDate)', 'InvalidParameterValue 400 ("An value must be supplied…" / "An invalid or out-of-range value…", naming it), UserNoSuchEntity 404, EntityAlreadyExists 409, PasswordPolicyViolation 400', 'SEED (golden test); switches GO-SDK'),
  GetLoginProfile: row('UserName, NotCheckPassword (accepted; no password is ever shown)', 'GetLoginProfileResult (JSON `CreateLoginProfileResult`, as GO-SDK).LoginProfile (PasswordResetRequired a bool, +LastLoginDate, LastLoginIp, ConsoleLogin, OpenLoginProtection and OpenSecurityProtection as ints 0/1)', 'NoSuchEntity 404', 'GO-SDK'),
  UpdateLoginProfile: row('UserName, Password, PasswordResetRequired, OpenLoginProtection (MFA at console sign-in: the core login protection, method vmfa), OpenSecurityProtection (MFA before sensitive operations: the core operation protection), ViewAllProject (accepted, no effect)', 'UpdateLoginProfileResult (JSON `CreateLoginProfileResult`).LoginProfile (+OpenLoginProtection, and OpenSecurityProtection when the call set it, as strings `"true"`/`"false"`)', 'NoSuchEntity 404, PasswordPolicyViolation 400, InvalidParameterValue 400', 'GO-SDK'),
  DeleteLoginProfile: row('UserName', '—', 'NoSuchEntity 404', 'AWS-LIKE'),
  ChangePassword: row('OldPassword, NewPassword (the caller\'s own)', '—', 'InvalidParameterValue 400 (OldPassword wrong), AccessDenied 403 (AllowUsersToChangePassword off), PasswordPolicyViolation 400, InvalidUserType 400 (the root)', 'GO-SDK parameters; errors AWS-LIKE'),
  GetAccountPasswordPolicy: row('—', 'PasswordPolicy (the AWS fields)', 'NoSuchEntity 404', 'AWS-LIKE'),
  UpdateAccountPasswordPolicy: row('the AWS fields', '—', 'InvalidParameterValue 400', 'AWS-LIKE'),
  DeleteAccountPasswordPolicy: row('—', '—', 'NoSuchEntity 404', 'AWS-LIKE'),
  CreateAccessKey: row('UserName (optional)', 'CreateAccessKeyResult.AccessKey', 'LimitExceeded 409 (2 per user), UserNoSuchEntity 404', 'GO-SDK'),
  ListAccessKeys: row('UserName (optional), Marker, MaxItems', 'ListAccessKeysResult (JSON `ListAccessKeyResult`).AccessKeyMetadata.Member', 'UserNoSuchEntity 404', 'GO-SDK'),
  GetAccessKeyLastUsed: row('AccessKeyId', 'UserName, AccessKeyLastUsed (LastUsedDate, ServiceName, Region)', 'NoSuchEntity 404', 'AWS-LIKE'),
  UpdateAccessKey: row('UserName, AccessKeyId, Status (Active, Inactive)', '—', 'NoSuchEntity 404, InvalidParameterValue 400', 'GO-SDK'),
  DeleteAccessKey: row('UserName, AccessKeyId', '—', 'NoSuchEntity 404', 'GO-SDK'),
  TagUser: row('UserName, Tags.member.N.Key / .Value', '—', 'InvalidParameterValue 400, LimitExceeded 409', 'AWS-LIKE'),
  UntagUser: row('UserName, TagKeys.member.N', '—', 'UserNoSuchEntity 404', 'AWS-LIKE'),
  CreatePolicy: row('PolicyName, PolicyDocument (Kingsoft = AWS syntax, `krn:ksc:iam::…` resources), Path, Description', 'CreatePolicyResult.Policy (AWS fields, Arn a KRN)', 'MalformedPolicyDocument 400, EntityAlreadyExists 409, LimitExceeded 409', 'AWS-LIKE'),
  GetPolicy: row('PolicyArn (`krn:ksc:iam::<account>:policy/<name>`, system `krn:ksc:iam::ksc:policy/<name>`)', 'GetPolicyResult.Policy', 'NoSuchEntity 404', 'AWS-LIKE'),
  ListPolicies: row('Scope (All, AWS, Local), OnlyAttached, PathPrefix, Marker, MaxItems', 'ListPoliciesResult.Policies', 'InvalidParameterValue 400', 'AWS-LIKE'),
  DeletePolicy: row('PolicyArn', '—', 'DeleteConflict 409, NoSuchEntity 404', 'AWS-LIKE'),
  CreatePolicyVersion: row('PolicyArn, PolicyDocument, SetAsDefault', 'CreatePolicyVersionResult.PolicyVersion', 'LimitExceeded 409, MalformedPolicyDocument 400', 'AWS-LIKE'),
  GetPolicyVersion: row('PolicyArn, VersionId', 'GetPolicyVersionResult.PolicyVersion (Document URL-encoded)', 'NoSuchEntity 404', 'AWS-LIKE'),
  ListPolicyVersions: row('PolicyArn, Marker, MaxItems', 'ListPolicyVersionsResult.Versions', 'NoSuchEntity 404', 'AWS-LIKE'),
  DeletePolicyVersion: row('PolicyArn, VersionId', '—', 'DeleteConflict 409, NoSuchEntity 404', 'AWS-LIKE'),
  SetDefaultPolicyVersion: row('PolicyArn, VersionId', '—', 'NoSuchEntity 404', 'AWS-LIKE'),
  AttachUserPolicy: row('UserName, PolicyArn', '—', 'UserNoSuchEntity 404, NoSuchEntity 404, LimitExceeded 409', 'AWS-LIKE'),
  DetachUserPolicy: row('UserName, PolicyArn', '—', 'NoSuchEntity 404', 'AWS-LIKE'),
  ListAttachedUserPolicies: row('UserName, PathPrefix, Marker, MaxItems', 'AttachedPolicies (PolicyName, PolicyArn)', 'UserNoSuchEntity 404', 'AWS-LIKE'),
  AttachGroupPolicy: row('GroupName, PolicyArn', '—', 'NoSuchEntity 404', 'AWS-LIKE'),
  DetachGroupPolicy: row('GroupName, PolicyArn', '—', 'NoSuchEntity 404', 'AWS-LIKE'),
  ListAttachedGroupPolicies: row('GroupName, PathPrefix, Marker, MaxItems', 'AttachedPolicies', 'NoSuchEntity 404', 'AWS-LIKE'),
  ListEntitiesForPolicy: row('PolicyArn, EntityFilter, PathPrefix, Marker, MaxItems', 'PolicyGroups, PolicyUsers, PolicyRoles', 'NoSuchEntity 404', 'AWS-LIKE'),
  PutUserPolicy: row('UserName, PolicyName, PolicyDocument', '—', 'MalformedPolicyDocument 400, UserNoSuchEntity 404', 'AWS-LIKE'),
  GetUserPolicy: row('UserName, PolicyName', 'UserName, PolicyName, PolicyDocument (URL-encoded)', 'NoSuchEntity 404', 'AWS-LIKE'),
  DeleteUserPolicy: row('UserName, PolicyName', '—', 'NoSuchEntity 404', 'AWS-LIKE'),
  ListUserPolicies: row('UserName, Marker, MaxItems', 'PolicyNames', 'UserNoSuchEntity 404', 'AWS-LIKE'),
  CreateGroup: row('GroupName, Path', 'Group (Path, GroupName, GroupId, Arn a KRN, CreateDate)', 'EntityAlreadyExists 409', 'AWS-LIKE'),
  GetGroup: row('GroupName, Marker, MaxItems', 'Group, Users', 'NoSuchEntity 404', 'AWS-LIKE'),
  ListGroups: row('PathPrefix, Marker, MaxItems', 'Groups', 'InvalidParameterValue 400', 'AWS-LIKE'),
  DeleteGroup: row('GroupName', '—', 'DeleteConflict 409, NoSuchEntity 404', 'AWS-LIKE'),
  AddUserToGroup: row('GroupName, UserName', '—', 'NoSuchEntity 404, UserNoSuchEntity 404', 'AWS-LIKE'),
  RemoveUserFromGroup: row('GroupName, UserName', '—', 'NoSuchEntity 404', 'AWS-LIKE'),
  ListGroupsForUser: row('UserName, Marker, MaxItems', 'Groups', 'UserNoSuchEntity 404', 'AWS-LIKE'),
  SimulatePrincipalPolicy: row('PolicySourceArn, ActionNames.member.N, ResourceArns.member.N, ContextEntries.member.N', 'EvaluationResults (EvalActionName, EvalResourceName, EvalDecision, MatchedStatements)', 'NoSuchEntity 404, InvalidInput 400', 'AWS-LIKE'),
  SimulateCustomPolicy: row('PolicyInputList.member.N, ActionNames, ResourceArns, ContextEntries, CallerArn', 'EvaluationResults', 'MalformedPolicyDocument 400, InvalidInput 400', 'AWS-LIKE'),
  ListUserTags: row('UserName, Marker, MaxItems', 'ListUserTagsResult.Tags', 'UserNoSuchEntity 404', 'AWS-LIKE'),
  // issue #11: the kscore model (iam/2015-11-01) lists Create/DeleteVirtualMFADevice; the Go SDK does not
  CreateVirtualMFADevice: row('VirtualMFADeviceName (1-64 `[\\w+=,.@-]+`)', 'CreateVirtualMFADeviceResult.VirtualMFADevice (SerialNumber `krn:ksc:iam::<account>:mfa/<name>`, Base32StringSeed as base32 text, QRCodePNG base64): the seed and QR only here', 'EntityAlreadyExists 409, InvalidParameterValue 400', 'KSCORE (operation listed, no members); parameters and result AWS-LIKE'),
  DeleteVirtualMFADevice: row('SerialNumber', '—', 'DeleteConflict 409 (still enabled), NoSuchEntity 404', 'KSCORE; AWS-LIKE'),
  EnableMFADevice: row('UserName, SerialNumber (`krn:ksc:iam::<account>:mfa/<name>`), AuthenticationCode1, AuthenticationCode2', '—', 'InvalidAuthenticationCode 403, EntityAlreadyExists 409, NoSuchEntity 404', 'GO-SDK; errors AWS-LIKE'),
  DeactivateMFADevice: row('UserName, SerialNumber', '—', 'NoSuchEntity 404', 'GO-SDK'),
  GetVirtualMFADevice: row('UserName (not SerialNumber)', 'GetVirtualMFADeviceResult.VirtualMFADevice (SerialNumber, EnableDate); the Go SDK reads it at the top level (difference)', 'NoSuchEntity 404', 'GO-SDK'),
  ListVirtualMFADevices: row('AssignmentStatus, Marker, MaxItems', 'ListVirtualMFADevicesResult.VirtualMFADevices.Member (SerialNumber, EnableDate, User{Uuid, Name, Path, Krn}), IsTruncated, Marker', 'ValidationError 400', 'GO-SDK'),
  // issue #13: roles on the core roles (a trust of accounts is a trust policy naming `krn:ksc:iam::<account>:root`)
  CreateRole: row('RoleName (1-64 `[\\w+=,.@-]+`), TrustAccounts (comma-separated account ids, at most 20), Description', 'CreateRoleResult.Role (RoleId, RoleName, Krn `krn:ksc:iam::<account>:role/<name>`, Path, Description, TrustAccounts, MaxSessionDuration, CreateDate, UpdateDate)', 'InvalidParameterValue 400, EntityAlreadyExists 409, LimitExceeded 409', 'KSCORE model (action), PY-SDK (parameters); result AWS-LIKE'),
  GetRole: row('RoleName', 'GetRoleResult.Role; TrustAccounts lists the accounts a trust policy written in another dialect names by root', 'NoSuchEntity 404', 'KSCORE, PY-SDK; result AWS-LIKE'),
  ListRoles: row('Marker, MaxItems', 'ListRolesResult.Roles.Member, IsTruncated, Marker', 'InvalidParameterValue 400', 'KSCORE, PY-SDK'),
  UpdateRole: row('RoleName, NewDescription', 'UpdateRoleResult.Role', 'NoSuchEntity 404', 'KSCORE, PY-SDK'),
  UpdateRoleTrustAccounts: row('RoleName, NewTrustAccounts', 'UpdateRoleTrustAccountsResult.Role', 'NoSuchEntity 404, InvalidParameterValue 400', 'KSCORE, PY-SDK'),
  DeleteRole: row('RoleName', '—', 'DeleteConflict 409 (policies attached), NoSuchEntity 404; its sessions are refused at once', 'KSCORE, PY-SDK; conflicts AWS-LIKE'),
  AttachRolePolicy: row('RoleName, PolicyKrn', '—', 'NoSuchEntity 404, LimitExceeded 409', 'KSCORE, PY-SDK'),
  DetachRolePolicy: row('RoleName, PolicyKrn', '—', 'NoSuchEntity 404', 'KSCORE, PY-SDK'),
  ListAttachedRolePolicies: row('RoleName, Marker, MaxItems', 'AttachedPolicies.Member (PolicyName, PolicyKrn, AttachDate), IsTruncated, Marker', 'NoSuchEntity 404', 'KSCORE, PY-SDK; result AWS-LIKE'),
  AssumeRole: row('RoleKrn, RoleSessionName (2-64), DurationSeconds (900..the role maximum, default 3600), Policy (1-1024, `"Version": "2015-11-01"` or AWS\'s; the session gets role ∩ Policy); signed for service `iam` (kscore) or `sts` (sdk-python)', 'AssumeRoleResult: Credentials (AccessKeyId `ASIA…`, SecretAccessKey, SecurityToken and SessionToken (the same token), Expiration), AssumedRoleUser (AssumedRoleId, Krn `krn:ksc:sts::<account>:assumed-role/<role>/<session>`); later calls carry the token as X-Amz-Security-Token (kscore `ks_session_token`)', 'AccessDenied 403 (untrusted account, caller\'s policies, the root), InvalidParameterValue 400 (RoleKrn, duration, session name), MalformedPolicyDocument 400', 'KSCORE model, PY-SDK sts models; result names UNCONFIRMED (no SDK models the response)'),
  // issue #14: the kscore model names GetAccountSummary (GET, no parameters, no output shape)
  GetAccountSummary: row('—', 'GetAccountSummaryResult.SummaryMap: AWS\'s keys for what polyiam keeps (Users, Groups, Roles, Policies, PolicyVersionsInUse, MFADevices, MFADevicesInUse, AccountMFAEnabled, AccountAccessKeysPresent, and the quotas PoliciesQuota, VersionsPerPolicyQuota, RolesQuota, AccessKeysPerUserQuota, AttachedPoliciesPer{User,Group,Role}Quota); a JSON object, XML `entry` key/value pairs as AWS', 'AccessDenied 403', 'KSCORE (operation listed, no output shape); result AWS-LIKE, read by kscore as JSON'),
};

const ENVELOPE: string[][] = [
  ['wrong secret or a changed parameter (either scheme)', 'SignatureDoesNotMatch', '403'],
  ['unknown or inactive key', 'InvalidClientTokenId', '403'],
  ['signed more than 15 minutes off, or presigned past its expiry', 'RequestExpired', '400'],
  ['no signature / a malformed one (no Timestamp, Service other than `iam`, SigV4 scope for another service)', 'MissingAuthenticationToken / IncompleteSignature', '403 / 400'],
  ['unknown Action / missing Action', 'InvalidAction / MissingAction', '400'],
  ['missing or unknown Version', 'InvalidParameterValue naming `Version`', '400'],
  ['an empty value; an invalid, out-of-range, duplicated or wrongly typed value', 'InvalidParameterValue naming the parameter (SEED wording)', '400'],
  ['bytes that are not UTF-8: raw / percent-encoded', 'MalformedQueryString / InvalidParameterValue', '400'],
  ['a body past the limit', 'RequestEntityTooLarge', '413'],
];

const NOTES = [
  'A caller without rights gets AccessDenied 403 worded as AWS words it with KRNs ("User: krn:ksc:iam::<account>:user/alice is not authorized to perform: iam:CreateLoginProfile on resource: krn:… because no identity-based policy allows the iam:CreateLoginProfile action" / "… with an explicit deny in an identity-based policy"), and the sealed explanation in header `x-polyiam-encoded-authorization-message` (decodable through AWS STS DecodeAuthorizationMessage on the same port).',
  'The policy APIs are AWS-LIKE: Kingsoft documents the same action names and shapes as AWS; policy documents are AWS syntax with `krn:ksc:iam::<account>:user/<name>` resources and come back URL-encoded.',
  'The authentication codes and messages are AWS-LIKE: Kingsoft\'s public error page was not available.',
  'JSON success carries the request id twice: top-level `RequestId` (GO-SDK structs) and `ResponseMetadata.RequestId` (SEED JSON example), so either reader finds it.',
  'JSON value types follow the GO-SDK structs per action (`EnableMFA` a string in CreateUser and an int elsewhere; the login profile\'s `PasswordResetRequired` a string in Create/UpdateLoginProfile and a boolean in GetLoginProfile and CreateUser); XML carries the same text.',
  'UserId is the URL-safe base64 of the canonical 16-byte id (22 characters, like the docs\' example); Krn is `krn:ksc:iam::<account>:user/<name>`.',
  'CreateUser\'s OpenLoginProtection, OpenSecurityProtection, ViewAllProject and AddProjectId are accepted and ignored there (set the switches with CreateLoginProfile or UpdateLoginProfile; projects are not modelled).',
  'OpenLoginProtection is the one login-protection record Huawei\'s login_protect and Volcengine\'s SafeAuth* read and write: on means vmfa, so the user must have a device enabled (EnableMFADevice) before the next console sign-in asks for its code (Kingsoft\'s console makes the user bind one then: `NeedBindMfa`). OpenSecurityProtection is the record Volcengine\'s Get/SetSecurityConfig read and write; polyiam keeps it and the console (issue #12) enforces it. Neither Kingsoft API has ResyncMFADevice, ListMFADevices, GetMFADevice or MFA device tags (KSCORE, GO-SDK).',
  'GetAccountSummary (issue #14): kscore\'s model (`kscore/data/iam/2015-11-01/service-2.yaml`) names the action (GET, no parameters) but defines no output shape, and no Kingsoft document of its response was found, so the result is AWS\'s `SummaryMap` (AWS-LIKE, as the rest of the API), with only the keys polyiam has a figure for; kscore\'s `get_account_summary` reads it (checked by hand). Kingsoft has no credential report or authorization-details action (kscore model, Go SDK): those stay InvalidAction.',
  'Sources for roles: **KSCORE** = the kscore model `kscore/data/iam/2015-11-01/service-2.yaml` (action names, GET; AssumeRole in the iam model); **PY-SDK** = kingsoftcloud/sdk-python `ksyun/client/iam/v20151101/models.py` and `ksyun/client/sts/v20151101/models.py` (parameters). No SDK models the role or AssumeRole responses: their field names are AWS-LIKE; checked by hand with kscore (create, get, list, update, trust accounts, attach, AssumeRole, calls with `ks_session_token`, delete).',
];

export function renderCoverage(): string {
  return [
    '# Kingsoft Cloud IAM (Version 2015-11-01): coverage',
    '',
    '<!-- Generated by `node --import tsx src/dialects/kingsoft/coverage.ts` from the Kingsoft operation table. Do not edit by hand. -->',
    '',
    'Served at `/` on the one polyiam port (`GET /?Action=…` or a POST form); picked by `Version=2015-11-01`, or by the',
    '`Accesskey` signature when `Version` is absent. Signing: AWS SigV4 (service `iam`, regions like `cn-beijing-6`; header',
    'or presigned query; docs page 40308) or the Go SDK\'s simple signature (`Accesskey`, `SignatureMethod=HMAC-SHA256`,',
    '`Timestamp`, `Signature`; kingsoftcloud/sdk-go `ksyun/common/sign.go`); a 15-minute window for both. XML by default',
    '(no namespace), JSON with `Accept: application/json` (docs page 82). Tests: test/conformance/kingsoft/.',
    '',
    'Sources: **SEED** = ../shared/seeds/ksyun-iam-create-login-profile.txt (docs page 1414); **DOCS** = docs.ksyun.com',
    'page 1 (CreateUser) and 82 (return format); **GO-SDK** = kingsoftcloud/sdk-go `ksyun/client/iam/v20151101/models.go`;',
    '**KSCORE** = the official Python SDK\'s model `kscore/data/iam/2015-11-01/service-2.yaml` (operation names only);',
    '**AWS-LIKE** = the AWS API Kingsoft mirrors, not confirmed in Kingsoft\'s own docs.',
    '',
    ...operationsTable(kingsoftDialect(), COLUMNS, ROWS),
    '',
    '## Envelope and authentication errors',
    '',
    'XML `ErrorResponse/RequestId, Error{Type,Code,Message}`; JSON `{"RequestId", "Error": {Type, Code, Message}}`.',
    '',
    ...table(['Situation', 'Code', 'Status'], ENVELOPE),
    '',
    '## Notes',
    '',
    ...NOTES.map((item) => `- ${item}`),
    '',
  ].join('\n');
}

runCoverageScript(import.meta.url, COVERAGE_FILE, renderCoverage);
