import type { PasswordPolicySettings } from '../password-policy/password-policy.js';
import { passwordExpiresAt } from '../password-policy/password-policy.js';
import type { LoginProfile, LoginProfileOwner, LoginProfileView } from './login-profile.js';

/** Strips the hash and computes what depends on the current policy and time. */
export function toView(profile: LoginProfile, policy: PasswordPolicySettings, now: number, owner: LoginProfileOwner): LoginProfileView {
  const { passwordHash: _hash, ...rest } = profile;
  return {
    ...rest,
    owner: { id: owner.id, name: owner.name, numericId: owner.numericId },
    passwordExpiresAt: passwordExpiresAt(policy, profile.passwordChangedAt),
    isLocked: profile.lockedUntil !== null && profile.lockedUntil > now,
  };
}
