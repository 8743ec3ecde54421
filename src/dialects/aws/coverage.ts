/**
 * Writes COVERAGE.md beside this file from the AWS operation table, so the table in the docs is the
 * table in the code. Run: `node --import tsx src/dialects/aws/coverage.ts` (`--check` exits 1 when the
 * file is out of date instead of writing it). test/conformance/aws/coverage.test.ts runs the check.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { operationsTable, table, type CoverageRow } from '../kit/aws-family/coverage.js';
import { awsDialect } from './dialect.js';

export const COVERAGE_FILE = fileURLToPath(new URL('./COVERAGE.md', import.meta.url));

const COLUMNS = { parameters: 'Parameters', result: 'Result', errors: 'Errors (code, status)', verifiedBy: 'Verified by' };
type Row = CoverageRow<keyof typeof COLUMNS>;

const row = (parameters: string, result: string, errors: string, sdk: string, cli: string): Row => ({
  parameters,
  result,
  errors,
  verifiedBy: `SDK \`${sdk}Command\`; CLI \`${cli}\``,
});

const ROWS: Record<string, Row> = {
  CreateUser: row('UserName (1-64 `[\\w+=,.@-]+`), Path, Tags.member.N; PermissionsBoundary refused', 'User (Path, UserName, UserId `AIDA…`, Arn, CreateDate, Tags)', 'EntityAlreadyExists 409, ValidationError 400, InvalidInput 400 (duplicate tag keys), LimitExceeded 409 (tags)', 'CreateUser', 'create-user'),
  GetUser: row('UserName (optional: the caller; for the root `arn:aws:iam::<acct>:root`)', 'User (+Tags, PasswordLastUsed)', 'NoSuchEntity 404 ("The user with name X cannot be found.")', 'GetUser', 'get-user'),
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
  UpdateAccessKey: row('UserName (optional), AccessKeyId, Status (Active, Inactive)', '—', 'NoSuchEntity 404 ("The Access Key with id X cannot be found."), ValidationError 400', 'UpdateAccessKey', 'update-access-key'),
  DeleteAccessKey: row('UserName (optional), AccessKeyId', '—', 'NoSuchEntity 404', 'DeleteAccessKey', 'delete-access-key'),
  TagUser: row('UserName, Tags.member.N (Key 1-128, Value 0-256)', '—', 'InvalidInput 400 (duplicate keys), LimitExceeded 409 (50), ValidationError 400, NoSuchEntity 404', 'TagUser', 'tag-user'),
  UntagUser: row('UserName, TagKeys.member.N', '—', 'NoSuchEntity 404', 'UntagUser', 'untag-user'),
  ListUserTags: row('UserName, Marker, MaxItems', 'Tags, IsTruncated, Marker', 'NoSuchEntity 404', 'ListUserTags', 'list-user-tags'),
};

const ENVELOPE: string[][] = [
  ['wrong secret, changed body, `x-amz-content-sha256` not the body\'s hash', 'SignatureDoesNotMatch', '403', 'SDK, CLI, raw (auth.test.ts)'],
  ['credential scope for another service', 'SignatureDoesNotMatch ("Credential should be scoped to correct service: \'iam\'.")', '403', 'raw'],
  ['unknown or inactive key, disabled user', 'InvalidClientTokenId ("The security token included in the request is invalid.")', '403', 'SDK, CLI'],
  ['header-signed more than 15 minutes off', 'SignatureDoesNotMatch ("Signature expired: … (… - 15 min.)" / "Signature not yet current: …")', '403', 'SDK, with the test clock moved'],
  ['presigned, past X-Amz-Expires', 'RequestExpired', '400', 'raw presigned GET'],
  ['no signature / a malformed one', 'MissingAuthenticationToken / IncompleteSignature', '403 / 400', 'raw'],
  ['a caller without rights', 'AccessDenied ("User: <arn> is not authorized to perform: iam:<Action> on resource: <arn>")', '403', 'SDK'],
  ['unknown Action; missing or unknown Version', 'InvalidAction ("Could not find operation X for version V" / `NO_VERSION_SPECIFIED`)', '400', 'raw (bad-input.test.ts)'],
  ['missing Action', 'MissingAction', '400', 'raw'],
  ['a member constraint broken (length, pattern, range, type, missing)', 'ValidationError ("1 validation error detected: Value at \'userName\' failed to satisfy constraint: Member must …")', '400', 'SDK, CLI, raw'],
  ['a parameter given twice, bad percent-encoding, a list numbered with gaps', 'InvalidParameterValue', '400', 'raw'],
  ['bytes that are not UTF-8; a JSON or other non-form body', 'MalformedQueryString', '400', 'raw'],
  ['a body past the limit', 'RequestEntityTooLarge', '413', 'raw'],
  ['anything unexpected', 'ServiceFailure', '500', '—'],
];

const NOT_SERVED = [
  'PermissionsBoundary (CreateUser) is refused with InvalidInput until identity policies are attached to users.',
  'DeleteUser conflicts on policies and MFA devices arrive with those features (the core\'s delete blockers).',
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
    '## Not served / differences',
    '',
    ...NOT_SERVED.map((item) => `- ${item}`),
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const text = renderCoverage();
  if (process.argv.includes('--check')) {
    if (readFileSync(COVERAGE_FILE, 'utf8') !== text) {
      process.stderr.write('src/dialects/aws/COVERAGE.md is out of date: run node --import tsx src/dialects/aws/coverage.ts\n');
      process.exit(1);
    }
  } else {
    writeFileSync(COVERAGE_FILE, text);
  }
}
