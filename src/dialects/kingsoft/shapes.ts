import type { Account } from '../../core/accounts/account.js';
import type { LoginProfileView } from '../../core/login-profiles/login-profile.js';
import type { Group } from '../../core/users/group.js';
import type { User } from '../../core/users/user.js';
import type { LoginProfileAction } from '../kit/aws-family/flavor.js';
import { isoDate } from '../kit/aws-family/flavor.js';

/** `krn:ksc:iam::<account>:user/<name>` (CreateUser example `krn:ksc:iam::2000143391:user/test_user`) */
export const userKrn = (account: Account, user: Pick<User, 'path' | 'name'>): string => `krn:ksc:iam::${account.numericId}:user${user.path}${user.name}`;
export const groupKrn = (account: Account, group: Pick<Group, 'path' | 'name'>): string => `krn:ksc:iam::${account.numericId}:group${group.path}${group.name}`;
export const rootKrn = (account: Account): string => `krn:ksc:iam::${account.numericId}:root`;

/**
 * Kingsoft UserId: 22 characters such as `54O4UAgRSsCmwBsguyEWAg` (CreateUser example), the URL-safe
 * base64 of 16 bytes: here the bytes of the user's canonical id, so it is stable and reversible.
 */
export const kingsoftUserId = (user: User): string => Buffer.from(user.id, 'hex').toString('base64url');

/**
 * The Go SDK (iam/v20151101 models) reads the same user with different JSON types per action, so each
 * variant sends what that action's struct expects (EnableMFA is a string in CreateUser, an int in the
 * others; ListUsers and GetUser add the integer `Id`; GetUser's Phone is an int). XML renders them alike.
 */
export type UserVariant = 'create' | 'get' | 'list' | 'update';

export function renderUser(account: Account, user: User, variant: UserVariant, extra: { passwordResetRequired?: boolean } = {}) {
  return {
    UserId: kingsoftUserId(user),
    Path: user.path,
    UserName: user.name,
    RealName: user.displayName,
    CreateDate: isoDate(user.createdAt),
    // GetUserResponse reads Phone as an int: a number there, or nothing when it is not all digits
    Phone: variant === 'get' ? (/^\d{1,15}$/.test(user.phone) ? Number(user.phone) : undefined) : user.phone,
    Email: user.email,
    PhoneVerified: 'No',
    EmailVerified: 'No',
    Remark: user.description,
    Krn: user.isRoot ? rootKrn(account) : userKrn(account, user),
    PasswordResetRequired: extra.passwordResetRequired,
    EnableMFA: variant === 'create' ? '0' : 0,
    UpdateDate: isoDate(user.updatedAt),
    Id: variant === 'get' || variant === 'list' ? user.numericId : undefined,
  };
}

/**
 * Kingsoft LoginProfile. CreateLoginProfile (seed, docs page 1414): PasswordResetRequired, UserName,
 * CreateDate, with the flag as the string `"false"` in JSON; GetLoginProfile and UpdateLoginProfile add
 * what the Go SDK models name (LastLoginDate, LastLoginIp, ConsoleLogin, UpdateDate).
 */
export function renderLoginProfile(profile: LoginProfileView, action: LoginProfileAction): Record<string, unknown> {
  const base = { PasswordResetRequired: String(profile.passwordResetRequired), UserName: profile.owner.name };
  switch (action) {
    case 'CreateLoginProfile':
      return { ...base, CreateDate: isoDate(profile.createdAt) };
    case 'GetLoginProfile':
      return {
        ...base,
        // the Go SDK's GetLoginProfileResponse reads PasswordResetRequired as a bool (a string there fails to decode)
        PasswordResetRequired: profile.passwordResetRequired,
        CreateDate: isoDate(profile.createdAt),
        LastLoginDate: profile.lastLoginAt === null ? undefined : isoDate(profile.lastLoginAt),
        LastLoginIp: profile.lastLoginIp ?? undefined,
        ConsoleLogin: profile.loginAllowed,
      };
    case 'UpdateLoginProfile':
      return { ...base, UpdateDate: isoDate(profile.updatedAt) };
  }
}
