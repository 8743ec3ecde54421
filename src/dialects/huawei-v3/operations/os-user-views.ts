/**
 * How Huawei IAM v3.0 OS-USER answers show a user (CreateUserResult, ShowUserResult, UpdateUserResult
 * of the v3 SDK), and the Huawei fields polyiam keeps beside the core user: `access_mode`, `xuser_id`
 * and `xuser_type` in the user's extras, the mobile number as the core's `phone`, `<areacode>-<number>`
 * (the form UpdateUserInformation `mobile` and the protect policy's `mobile` take: `0086-123456789`).
 */
import type { LoginProfileView } from '../../../core/login-profiles/login-profile.js';
import { maskEmail, maskPhone } from '../../../core/login-protection/one-time-code.js';
import type { User } from '../../../core/users/user.js';
import type { V3Call } from '../operation.js';
import { passwordExpiry } from '../shapes.js';
import { profileOf } from './user-views.js';

/** CreateUserOption `access_mode`: console and API (default), API only (programmatic), console only */
export const ACCESS_MODES = ['default', 'programmatic', 'console'] as const;

/** what OS-USER keeps in the user's extras */
export interface HuaweiUserExtras {
  access_mode: string;
  xuser_id: string;
  xuser_type: string;
}

export async function huaweiExtrasOf(call: V3Call, user: User): Promise<HuaweiUserExtras> {
  const extras = await call.services.userExtras.get(user.accountId, user.id);
  const text = (key: string, fallback: string) => (typeof extras[key] === 'string' ? (extras[key] as string) : fallback);
  return { access_mode: text('access_mode', 'default'), xuser_id: text('xuser_id', ''), xuser_type: text('xuser_type', '') };
}

/** The core's `phone` as Huawei's `areacode` and `phone`; a number kept without a country code has none. */
export function splitMobile(phone: string): { areacode: string; phone: string } {
  const match = /^(\+?[0-9]{1,8})-([0-9]{1,32})$/.exec(phone);
  return match ? { areacode: match[1]!, phone: match[2]! } : { areacode: '', phone };
}

/**
 * SECURITY: contact details are shown masked, as Huawei's answers show them (iam_08_0015 example:
 * `"email": "***@***.com"`): an administrator who may read a user need not learn its address.
 */
function contact(user: User, none: string): { areacode: string; phone: string; email: string } {
  const { areacode, phone } = splitMobile(user.phone);
  return { areacode, phone: phone === '' ? none : maskPhone(phone), email: user.email === '' ? '' : maskEmail(user.email) };
}

/** UpdateUserResult / CreateUserResult `create_time`: `2023-06-28T08:56:33.710000` (UTC, no zone letter) */
const resultTime = (ms: number) => passwordExpiry(ms)!;

/** ShowUserResult times: `2020-07-08 02:19:03.0` (iam_08_0003 example) */
function showTime(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined) return null;
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 21)}`;
}

/** ShowUserResult `pwd_create_time` / `modify_pwd_time`: `YYYY-MM-DD HH:mm:ss` (iam_08_0003) */
function secondsTime(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** the fields CreateUserResult and UpdateUserResult share */
async function resultFields(call: V3Call, user: User, profile: LoginProfileView | null) {
  return {
    ...(await huaweiExtrasOf(call, user)),
    ...contact(user, ''),
    id: user.id,
    name: user.name,
    domain_id: user.accountId,
    enabled: user.enabled,
    description: user.description,
    pwd_status: profile?.passwordResetRequired ?? false,
    is_domain_owner: user.isRoot,
    password_expires_at: passwordExpiry(profile?.passwordExpiresAt ?? null),
    create_time: resultTime(user.createdAt),
    // the external system's domain (`xdomain_*`): polyiam federates with none
    xdomain_id: '',
    xdomain_type: '',
  };
}

/** CreateUserResult (iam_08_0015): `status` is null, `default_project_id` null until one is set */
export async function renderCreatedUser(call: V3Call, user: User, profile: LoginProfileView | null) {
  return { ...(await resultFields(call, user, profile)), status: null, default_project_id: (await call.services.projects.defaultProjectOf(user.accountId, user.id)) ?? null };
}

/** UpdateUserResult (iam_08_0011): with `links.self` */
export async function renderUpdatedUser(call: V3Call, user: User) {
  return { ...(await resultFields(call, user, await profileOf(call, user.id))), links: { self: `${call.origin}/v3.0/OS-USER/users/${user.id}` } };
}

/** ShowUserResult (iam_08_0003): a user with no password has no `pwd_status` nor password times */
export async function renderShownUser(call: V3Call, user: User) {
  const profile = await profileOf(call, user.id);
  const extras = await huaweiExtrasOf(call, user);
  return {
    id: user.id,
    name: user.name,
    domain_id: user.accountId,
    enabled: user.enabled,
    description: user.description,
    ...extras,
    ...contact(user, '-'),
    is_domain_owner: user.isRoot,
    create_time: showTime(user.createdAt),
    update_time: user.updatedAt === user.createdAt ? null : showTime(user.updatedAt),
    // the last sign-in with the password (core: AWS PasswordLastUsed)
    last_login_time: showTime(user.passwordLastUsedAt),
    last_pwd_auth_time: showTime(user.passwordLastUsedAt),
    ...(profile
      ? { pwd_status: profile.passwordResetRequired, pwd_create_time: secondsTime(profile.createdAt), modify_pwd_time: secondsTime(profile.passwordChangedAt) }
      : {}),
    links: { self: `${call.origin}/v3.0/OS-USER/users/${user.id}`, previous: null, next: null },
  };
}
