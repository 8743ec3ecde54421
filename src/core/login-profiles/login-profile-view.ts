import type { PasswordPolicySettings } from '../password-policy/password-policy.js';
import { passwordExpiresAt } from '../password-policy/password-policy.js';
import type { LoginProfile, LoginProfileOwner, LoginProfileView } from './login-profile.js';

/**
 * Strips the hash and computes what depends on the current policy and time. Fields are named one by
 * one (no rest spread): this runs on every login-profile read, and the type still requires each one.
 */
export function toView(profile: LoginProfile, policy: PasswordPolicySettings, now: number, owner: LoginProfileOwner): LoginProfileView {
  return {
    userId: profile.userId,
    accountId: profile.accountId,
    passwordResetRequired: profile.passwordResetRequired,
    loginAllowed: profile.loginAllowed,
    passwordChangedAt: profile.passwordChangedAt,
    createdAt: profile.createdAt,
    updatedAt: profile.updatedAt,
    lastLoginAt: profile.lastLoginAt,
    lastLoginIp: profile.lastLoginIp,
    failedAttempts: profile.failedAttempts,
    lockedUntil: profile.lockedUntil,
    protection: profile.protection,
    owner: { id: owner.id, name: owner.name, numericId: owner.numericId },
    passwordExpiresAt: passwordExpiresAt(policy, profile.passwordChangedAt),
    isLocked: profile.lockedUntil !== null && profile.lockedUntil > now,
  };
}
