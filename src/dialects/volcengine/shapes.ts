import type { AccessKeyView } from '../../core/access-keys/access-key.js';
import type { LoginProfileView } from '../../core/login-profiles/login-profile.js';
import type { PasswordPolicy } from '../../core/password-policy/password-policy.js';
import type { AttachedPolicyView } from '../../core/policies/attachments-service.js';
import type { PolicyView } from '../../core/policies/policy-ref.js';
import type { Tag, User } from '../../core/users/user.js';
import { isoDate } from '../kit/aws-family/flavor.js';
import { EXEMPT_UNITS } from './rules.js';

/** Volcengine CreateDate/UpdateDate/LastLoginDate: ISO-8601 basic, `20240913T053436Z` (GetLoginProfile example). */
export function volcTime(ms: number): string {
  const iso = isoDate(ms);
  // `YYYY-MM-DDTHH:mm:ss.sssZ` is cut into place; the six-digit years outside 0000-9999 keep the general rewrite
  if (iso.length === 24) return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return iso.replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** Volcengine LastResetPasswordTime / PasswordExpireAt: Unix seconds, 0 for never (GetLoginProfile example). */
export function unixSeconds(ms: number | null): number {
  return ms === null ? 0 : Math.floor(ms / 1000);
}

/** Volcengine `Trn`: `trn:iam::<AccountId>:user/<UserName>`; the account root is `trn:iam::<AccountId>:root`. */
export function userTrn(user: User, accountId: number): string {
  return user.isRoot ? `trn:iam::${accountId}:root` : `trn:iam::${accountId}:user/${user.name}`;
}

export const renderTags = (tags: Tag[]) => tags.map((t) => ({ Key: t.key, Value: t.value }));

/**
 * Volcengine `User` (GetUser / ListUsers examples, SDK `lib/services/iam` User type): integer `Id` and
 * `AccountId`, `Trn`, names, contact fields and their verification flags, `Status`, dates. `Tags` only
 * where the user's tags were read (GetUser, CreateUser).
 */
export function renderUser(user: User & { tags?: Tag[] }, accountId: number) {
  return {
    Id: user.numericId,
    UserName: user.name,
    AccountId: accountId,
    Trn: userTrn(user, accountId),
    DisplayName: user.displayName,
    Description: user.description,
    Email: user.email,
    // polyiam sends no verification codes for contact fields, so none is ever verified
    EmailIsVerify: false,
    MobilePhone: user.phone,
    MobilePhoneIsVerify: false,
    Status: user.enabled ? 'active' : 'inactive',
    CreateDate: volcTime(user.createdAt),
    UpdateDate: volcTime(user.updatedAt),
    ...(user.tags && user.tags.length > 0 ? { Tags: renderTags(user.tags) } : {}),
  };
}

/** Volcengine `LoginProfile`, field for field as in the CreateLoginProfile / GetLoginProfile examples. */
export function renderLoginProfile(profile: LoginProfileView) {
  const { protection } = profile;
  return {
    UserId: profile.owner.numericId,
    UserName: profile.owner.name,
    LoginAllowed: profile.loginAllowed,
    PasswordResetRequired: profile.passwordResetRequired,
    PasswordExpireAt: unixSeconds(profile.passwordExpiresAt),
    LastResetPasswordTime: unixSeconds(profile.passwordChangedAt),
    LastLoginDate: profile.lastLoginAt === null ? '' : volcTime(profile.lastLoginAt),
    LastLoginIp: profile.lastLoginIp ?? '',
    LoginLocked: profile.isLocked,
    SafeAuthFlag: protection.enabled,
    SafeAuthType: protection.methods.join(','),
    SafeAuthExemptRequired: protection.exemptRequired ? 1 : 0,
    SafeAuthExemptUnit: EXEMPT_UNITS.indexOf(protection.exemptUnit),
    SafeAuthExemptDuration: protection.exemptDuration,
    CreateDate: volcTime(profile.createdAt),
    UpdateDate: volcTime(profile.updatedAt),
  };
}

/**
 * Volcengine `AccessKeyMeta` (ListAccessKeys) / `AccessKey` (CreateAccessKey adds SecretAccessKey).
 * BytePlus/Volcengine AccessKey: "if the AccessKey belongs to the admin account, the field is empty".
 */
export function renderAccessKey(key: AccessKeyView, owner: Pick<User, 'name' | 'isRoot'>) {
  return {
    AccessKeyId: key.id,
    UserName: owner.isRoot ? '' : owner.name,
    Status: key.status,
    CreateDate: volcTime(key.createdAt),
    UpdateDate: volcTime(key.updatedAt),
  };
}

/**
 * polyiam extension `GetPasswordPolicy` (Volcengine publishes no password-policy action; see COVERAGE.md):
 * the account's policy under AWS-style names, as Volcengine's other IAM names follow AWS.
 */
export function renderPasswordPolicy(policy: PasswordPolicy) {
  return {
    MinimumPasswordLength: policy.minimumLength,
    MaximumPasswordLength: policy.maximumLength,
    RequireUppercaseCharacters: policy.requireUppercase,
    RequireLowercaseCharacters: policy.requireLowercase,
    RequireNumbers: policy.requireNumbers,
    RequireSymbols: policy.requireSymbols,
    MinimumCharacterTypes: policy.minimumCharClasses,
    AllowUserNameInPassword: !policy.notUserNameOrReversed,
    MaxPasswordAge: policy.maxAgeDays,
    ExpirePasswords: policy.maxAgeDays > 0,
    PasswordReusePrevention: policy.reusePrevention,
    HardExpiry: policy.hardExpiry,
    AllowUsersToChangePassword: policy.allowUsersToChangePassword,
    MaxLoginAttempts: policy.lockoutThreshold,
    LockoutDurationMinutes: policy.lockoutMinutes,
    IsDefault: !policy.isCustom,
  };
}

/** A policy's Volcengine name: a system policy has one of its own (system-policies.ts). */
export const volcPolicyName = (policy: PolicyView): string => (policy.scope === 'system' ? (policy.systemNames?.volcengine ?? policy.name) : policy.name);

/**
 * `PolicyTrn`: `trn:iam::<AccountId>:policy/<PolicyName>` (CreatePolicy example); a system policy
 * belongs to no account: `trn:iam::policy/<PolicyName>` (UNVERIFIED).
 */
export function policyTrn(policy: PolicyView, accountId: number): string {
  return policy.scope === 'system' ? `trn:iam::policy/${volcPolicyName(policy)}` : `trn:iam::${accountId}:policy/${volcPolicyName(policy)}`;
}

const policyTypeOf = (policy: PolicyView) => (policy.scope === 'system' ? 'System' : 'Custom');

/**
 * Volcengine `Policy` (CreatePolicy example, volc-sdk-java `Policy`): PolicyName, PolicyTrn, PolicyType,
 * Description, PolicyDocument (the default version's), CreateDate, UpdateDate. ListPolicies leaves the
 * document out (terraform volcengine_iam_policies reads it from GetPolicy).
 */
export function renderPolicy(policy: PolicyView, document: string | undefined, accountId: number) {
  return {
    PolicyName: volcPolicyName(policy),
    PolicyTrn: policyTrn(policy, accountId),
    PolicyType: policyTypeOf(policy),
    Description: policy.description,
    ...(document === undefined ? {} : { PolicyDocument: document }),
    CreateDate: volcTime(policy.createdAt),
    UpdateDate: volcTime(policy.updatedAt),
  };
}

/** volc-sdk-java `AttachedPolicy`: PolicyName, PolicyTrn, PolicyType, Description, AttachDate */
export function renderAttachedPolicy(attached: AttachedPolicyView, accountId: number) {
  const { policy } = attached;
  return {
    PolicyName: volcPolicyName(policy),
    PolicyTrn: policyTrn(policy, accountId),
    PolicyType: policyTypeOf(policy),
    Description: policy.description,
    AttachDate: volcTime(attached.attachedAt),
  };
}

/** volc-sdk-java `PolicyUser`: UserName, DisplayName, Description, AttachDate */
export function renderPolicyUser(entry: { user: User; attachedAt: number }) {
  return { UserName: entry.user.name, DisplayName: entry.user.displayName, Description: entry.user.description, AttachDate: volcTime(entry.attachedAt) };
}
