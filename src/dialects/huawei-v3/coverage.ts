/**
 * Writes COVERAGE.md beside this file from the operation table, so the table in the docs is the table
 * in the code. Run: `node --import tsx src/dialects/huawei-v3/coverage.ts` (`--check` exits 1 when the
 * file is out of date instead of writing it). A test runs the check.
 */
import { fileURLToPath } from 'node:url';
import type { V3Operation } from './operation.js';
import { v3Operations, v30Operations } from './plugin.js';
import { V30_ERRORS } from './v30-errors.js';
import { runCoverageScript } from '../kit/coverage-file.js';

export const COVERAGE_FILE = fileURLToPath(new URL('./COVERAGE.md', import.meta.url));

const ACCESS: Record<V3Operation['access'], string> = {
  none: 'none (authenticates itself, or public)',
  required: 'X-Auth-Token or AK/SK',
  'password-change': 'X-Auth-Token (also a change-only token) or AK/SK',
};

/** Keystone v3 and Huawei v3 APIs not served yet (issue #16 lists what remains). */
const NOT_SERVED = [
  '`OS-TRUST:trust` scopes and `identity.methods` other than `password`, `token`, `password` + `totp`, `assume_role` and `application_credential`: 400',
  'domains: domain tags and options (400 unless empty); an operator reaches another domain through `domain_id` (users, groups, projects, domain grants) but not yet through the id of a user, group or project of it (404); domain-specific roles of another domain',
  'endpoint group project associations and project endpoint filters (`/v3/OS-EP-FILTER/.../projects`, the catalog is not filtered by them; endpoint groups themselves are served); regions, services and endpoints are served per account (the catalog is this server\'s own `identity` service in `RegionOne` plus the account\'s own)',
  'credentials: `POST /v3/ec2tokens` and `/v3/s3tokens` (EC2-signature authentication; an EC2 credential signs AWS-dialect calls directly), the access rules API (`/v3/users/{id}/access_rules`: rules are kept with their application credential and shown, not enforced: Keystone leaves that to the services behind the token), an application credential made with AK/SK (it takes the project of a project-scoped token)',
  'users: extra attributes are kept only under `POLYIAM_V3_RULES=keystone` (shown on create, show and update, not in `GET /v3/users`)',
  'domain configuration (`/v3/domains/{id}/config`) is kept and shown as Keystone does, but applied to nothing: there is no LDAP identity driver, every domain\'s users stay in polyiam; `security_compliance` is read from the account\'s password policy (set it with the password-policy APIs, not here)',
  'project hierarchy listings (`parents_as_list`, `subtree_as_list` are accepted and ignored), `is_domain` projects (403), cascade delete',
  'policy associations (`/v3/policies/{id}/OS-ENDPOINT-POLICY/...`, `/v3/endpoints/{id}/OS-ENDPOINT-POLICY/policy`; policies are served as opaque blobs), extra attributes of policies and consumers (400), trusts (`/v3/OS-TRUST`), OAuth1 request and access tokens and `OS-OAUTH1` authentication (consumers are served), federation (`/v3/OS-FEDERATION`), revocation events (`/v3/OS-REVOKE`), limits (`/v3/limits`, `/v3/registered_limits`)',
  'the other Huawei-extension APIs under `/v3.0` (`OS-ROLE` custom policies, agency custom policies, enterprise-project grants of agencies, ...)',
  'OS-USER: `access_mode` is kept and shown but not enforced (a `programmatic` user may still sign in to the console, a `console` one still sign with its keys); `pwd_strength` is not shown (only a hash of the password is kept); `xdomain_id`/`xdomain_type` are always empty (no external system)',
];

/** Each served v3.0 operation: its request and answer, and the codes it refuses with (login-protection.md §2). */
const V30_ROWS: Record<string, { doc: string; request: string; response: string; errors: string }> = {
  createTemporaryAccessKeyByAgency: {
    doc: 'iam_04_0101, iam_04_0002',
    request: 'by agency (`methods: ["assume_role"]`, `assume_role{agency_name, domain_id|domain_name, duration_seconds 900-86400, session_user{name}}`) or by token (createTemporaryAccessKeyByToken: `methods: ["token"]`, `token{id, duration_seconds 900-86400}`, the caller\'s own credentials; with an agency token, of that agency session, never outliving it); `policy` in the v3 (`Version` `1.1`) or v5 syntax narrows them',
    response: '201 `credential{access, secret, securitytoken, expires_at}` (15 minutes by default)',
    errors: 'IAM.0007 (duration, policy, methods), IAM.0072, IAM.0011',
  },
  createMfaDevice: { doc: 'iam_08_0019', request: '`virtual_mfa_device{name, user_id}` (name: 1-64 letters, digits, `_`, `-`)', response: '201 `virtual_mfa_device{serial_number iam:<domain>:mfa/<name>, base32_string_seed}` (the seed only here)', errors: 'IAM.0007, IAM.0072, IAM.0004 (user), IAM.0005 (the user has a device, the name is taken)' },
  createBindingDevice: { doc: 'iam_08_0017', request: '`user_id, serial_number, authentication_code_first, authentication_code_second` (two consecutive codes)', response: '204', errors: 'IAM.0007 (a wrong, stale or reused code, naming the field), IAM.0004, IAM.0005 (already bound)' },
  deleteBindingDevice: { doc: 'iam_08_0018', request: '`user_id, serial_number, authentication_code` (6 digits; checked only when the caller unbinds its own device)', response: '204', errors: 'IAM.0007, IAM.0004' },
  deleteMfaDevice: { doc: 'iam_08_0020', request: 'query `user_id`, `serial_number`', response: '204', errors: 'IAM.0072, IAM.0004, IAM.0005 (still bound)' },
  listUserMfaDevices: { doc: 'ListUserMfaDevices', request: '—', response: '200 `virtual_mfa_devices[{serial_number, user_id}]`', errors: '—' },
  showUserMfaDevice: { doc: 'ShowUserMfaDevice', request: '—', response: '200 `virtual_mfa_device{serial_number, user_id}`', errors: 'IAM.0004' },
  updateLoginProtect: { doc: 'iam_08_0021', request: '`login_protect{enabled, verification_method}` (sms, email or vmfa)', response: '200 `login_protect{user_id, enabled, verification_method}`', errors: 'IAM.0007 (a method with no destination: no email, no mobile, no bound device), IAM.0004' },
  showUserLoginProtect: { doc: 'iam_08_0016', request: '—', response: '200 `login_protect{enabled, user_id, verification_method}`', errors: 'IAM.0004 (no login profile)' },
  listUserLoginProtects: { doc: 'iam_08_0014', request: '—', response: '200 `login_protects[…]`: users whose protection was ever set', errors: '—' },
  showDomainLoginPolicy: { doc: 'ShowDomainLoginPolicy', request: '—', response: '200 `login_policy{…seven fields}`', errors: 'IAM.0003 (another domain)' },
  updateDomainLoginPolicy: { doc: 'iam_17_0005', request: '`login_policy{account_validity_period 0-240, custom_info_for_login ≤64, lockout_duration 15-1440, login_failed_times 3-10, period_with_login_failures 15-60, session_timeout 15-1440, show_recent_login_info}`', response: '200 `login_policy{…}`', errors: 'IAM.0007 (out of range), IAM.0003 (another domain)' },
  showDomainProtectPolicy: { doc: 'iam_17_0011', request: '—', response: '200 `protect_policy{allow_user{manage_accesskey, manage_email, manage_mobile, manage_password}, operation_protection, mobile, admin_check, email, scene}`', errors: 'IAM.0003 (another domain)' },
  createPermanentAccessKey: { doc: 'iam_03_0001', request: '`credential{user_id (required), description ≤255}`', response: '201 `credential{user_id, access, secret, status, create_time, description}` (the secret only here); the key is a core key: it signs v3, v5 and every other dialect\'s calls', errors: 'IAM.0072 (user_id), IAM.0007 (400 `akSkNumExceed`: a user has two keys at most), IAM.0004 (no such user in the domain)' },
  listPermanentAccessKeys: { doc: 'iam_03_0003', request: 'query `user_id` (the caller\'s own keys without it)', response: '200 `credentials[{user_id, access, status, create_time, description}]`', errors: 'IAM.0004' },
  showPermanentAccessKey: { doc: 'iam_03_0004', request: '—', response: '200 `credential{…, last_use_time}` (null while the key never signed a request); authorized as listing its owner\'s keys', errors: 'IAM.0004 (no such key in the domain)' },
  updatePermanentAccessKey: { doc: 'iam_03_0005', request: '`credential{status active or inactive, description}` (one at least)', response: '200 `credential{user_id, access, status, create_time, description}`; an inactive key signs nothing', errors: 'IAM.0072, IAM.0007, IAM.0004' },
  deletePermanentAccessKey: { doc: 'iam_03_0006', request: '—', response: '204', errors: 'IAM.0004' },
  createUser: { doc: 'iam_08_0015', request: '`user{name, domain_id (required), password, email, areacode + phone, enabled, pwd_status (true by default), access_mode default, programmatic or console, xuser_id + xuser_type, description}`', response: '201 `user{…CreateUserResult}`, email and phone masked', errors: '1100 (missing), 1101 (name), 1102 (email), 1103 (password, policy), 1104 (phone), 1106 (areacode without phone), 1109 (name taken), 1115 (user quota), 1117 (description), IAM.0007, IAM.0003 (another domain)' },
  showUser: { doc: 'iam_08_0003', request: '—', response: '200 `user{…ShowUserResult}`: is_domain_owner, create_time, update_time, last_login_time, pwd_status (with a password), email and phone masked (`-`: none)', errors: 'IAM.0004' },
  updateUser: { doc: 'iam_08_0011', request: '`user{name, password, email, areacode + phone, enabled, pwd_status, access_mode, xuser_id + xuser_type, description}`', response: '200 `user{…UpdateUserResult, links.self}`', errors: 'the createUser codes, IAM.0004' },
  updateUserInformation: { doc: 'iam_08_0010', request: '`user{email, mobile <areacode>-<number>}` (one at least)', response: '204; the caller\'s own user only, no permission asked; the protect policy\'s `allow_user.manage_email`/`manage_mobile` decides for an IAM user (403 IAM.0003)', errors: '1100, 1102 (email), 1104 (mobile), IAM.0003 (another user)' },
  updateDomainProtectPolicy: { doc: 'iam_17_0001', request: '`protect_policy{operation_protection (required), allow_user, admin_check on or off, scene mobile or email, mobile, email}` (admin_check on needs scene and its destination)', response: '200 `protect_policy{allow_user, operation_protection, admin_check, scene}`; enforced on the console\'s sensitive actions', errors: 'IAM.0007, IAM.0072 (operation_protection missing), IAM.0003 (another domain)' },
  showDomainPasswordPolicy: { doc: 'iam_17_0005', request: '—', response: '200 `password_policy{maximum_consecutive_identical_chars, maximum_password_length, minimum_password_age, minimum_password_length, number_of_recent_passwords_disallowed, password_not_username_or_invert, password_requirements, password_validity_period, password_char_combination}`: the policy every dialect enforces', errors: 'IAM.0003 (another domain)' },
  updateDomainPasswordPolicy: { doc: 'iam_17_0003', request: '`password_policy{…}`, every field optional: identical chars 0-32, minimum age 0-1440 min, minimum length 8-32, recent passwords 0-24, validity 0-180 days, character classes 2-4', response: '200 `password_policy{…}` as shown', errors: 'IAM.0007, IAM.0011, IAM.0003 (another domain)' },
  showDomainConsoleAclPolicy: { doc: 'iam_17_0010', request: '—', response: '200 `console_acl_policy{allow_address_netmasks[{address_netmask, description}], allow_ip_ranges[{ip_range, description}], allow_address_netmasks_ipv6, allow_ip_ranges_ipv6}` (never set: the range `0.0.0.0-255.255.255.255`, every address)', errors: 'IAM.0003 (another domain)' },
  updateDomainConsoleAclPolicy: { doc: 'iam_17_0008', request: '`console_acl_policy{…}` as shown, at most 200 entries a list; the option is the whole list', response: '200 as shown; an IAM user signing in to the console from elsewhere is refused (the root never)', errors: 'IAM.0007 (not an address, CIDR block or low-high range), IAM.0003 (another domain)' },
  showDomainApiAclPolicy: { doc: 'iam_17_0012', request: '—', response: '200 `api_acl_policy{allow_address_netmasks, allow_ip_ranges, allow_vpc_endpoints (always empty)}`', errors: 'IAM.0003 (another domain)' },
  updateDomainApiAclPolicy: { doc: 'iam_17_0009', request: '`api_acl_policy{allow_address_netmasks, allow_ip_ranges}`', response: '200 as shown; every call of an IAM user or role session from elsewhere, in every dialect, is refused with that dialect\'s access-denied (the root never)', errors: 'IAM.0007, IAM.0003 (another domain)' },
};

/** The v3.0 part: the operations of `v30Operations` and Huawei's error envelope. */
function renderV30(operations: V3Operation[]): string[] {
  return [
    '## Huawei v3.0 extensions (`/v3.0`, issue #11)',
    '',
    `${operations.length} operations under \`/v3.0\`, with the same authentication. Refusals use Huawei's \`{"error_code", "error_msg"}\``,
    '(the Huawei SDK\'s exception carries both as `errorCode` and `errorMsg`; the request id is in `X-Request-Id`), framework refusals',
    'on `/v3.0` paths too. Docs: `https://support.huaweicloud.com/api-iam/<doc>.html`.',
    '',
    '| SDK method | Method | Path | Request | Response | Errors besides 401/403 | Doc |',
    '|---|---|---|---|---|---|---|',
    ...operations.map((op) => {
      const row = V30_ROWS[op.name];
      return `| \`${op.name}\` | ${op.method} | \`/v3.0${op.url}\` | ${row?.request ?? 'the SDK model'} | ${row?.response ?? 'the SDK model'} | ${row?.errors ?? 'IAM.0004, IAM.0007'} | ${row?.doc ?? op.name} |`;
    }),
    '',
    '| error_code | Status | When |',
    '|---|---|---|',
    ...Object.values(V30_ERRORS).map((e) => `| \`${e.code}\` | ${e.status} | ${e.when} |`),
    '',
  ];
}

export function renderCoverage(operations: V3Operation[] = v3Operations): string {
  return [
    '# Huawei IAM v3 (Keystone) dialect coverage',
    '',
    '<!-- Generated by `node --import tsx src/dialects/huawei-v3/coverage.ts` from `v3Operations`. Do not edit by hand. -->',
    '',
    `${operations.length} operations under \`/v3\`. Errors use Keystone's \`{"error": {"code", "title", "message"}}\``,
    'with 400, 401, 403, 404, 405 (a known path, another method; with `Allow`), 409, 413, 500 and 503; every',
    'response carries `X-Openstack-Request-Id` (and `X-Request-Id`, which the Huawei SDK reads).',
    '',
    '| SDK method (or Keystone API) | Method | Path | Authentication |',
    '|---|---|---|---|',
    ...operations.map((op) => `| \`${op.name}\` | ${op.method} | \`/v3${op.url === '/' ? '' : op.url}\` | ${ACCESS[op.access]} |`),
    '',
    ...renderV30(v30Operations),
    '## Not served yet',
    '',
    ...NOT_SERVED.map((item) => `- ${item}`),
    '',
  ].join('\n');
}

runCoverageScript(import.meta.url, COVERAGE_FILE, renderCoverage);
