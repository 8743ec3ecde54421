import { Actions } from '../authorization/actions.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { ExpiredError, InvalidInputError, NotFoundError, PreconditionFailedError } from '../errors.js';
import { hashNewPassword } from './password-setter.js';
import { loadPasswordPolicy } from '../password-policy/password-policy-service.js';
import { passwordExpiresAt } from '../password-policy/password-policy.js';
import type { CallContext } from '../principal.js';
import type { PlainPassword } from '../secrets.js';
import type { User } from '../users/user.js';
import type { LoginProfile } from '../login-profiles/login-profile.js';

export type SignInOutcome = 'ok' | 'reset-required' | 'expired' | 'locked' | 'not-allowed' | 'disabled' | 'bad-credentials' | 'second-factor-required';

export interface SignInInput {
  accountId: string;
  /** by name (case-insensitive) or by id */
  user: { name: string } | { id: string };
  password: PlainPassword;
  sourceIp: string | null;
  deviceId?: string;
  userAgent?: string;
}

export interface SignInResult {
  outcome: SignInOutcome;
  /** set for every outcome past password verification */
  user?: User;
  profile?: LoginProfile;
  lockedUntil?: number | null;
  passwordExpiresAt?: number | null;
  challenge?: { id: string; method: 'vmfa' | 'sms' | 'email'; maskedDestination?: string; expiresAt: number; canTrustDevice: boolean };
}

/** Password sign-in (console, Keystone tokens) and a user changing its own password. */
export class CredentialsService {
  constructor(private readonly deps: CoreDeps) {}

  /**
   * Verifies a password and applies lockout. Never throws for a wrong password: the outcome says what
   * happened, and `bad-credentials` is returned alike for an unknown user, a user without a login
   * profile and a wrong password.
   */
  async signIn(input: SignInInput): Promise<SignInResult> {
    const { store, hasher, clock } = this.deps;
    // SECURITY: a credential check reads the database, never a cache another node's change may not have reached
    const fresh = store.fresh;
    const user = 'name' in input.user ? await fresh.users.findByName(input.accountId, input.user.name) : await fresh.users.findById(input.accountId, input.user.id);
    const profile = user ? await fresh.loginProfiles.find(user.id) : undefined;
    if (!user || !profile) {
      // SECURITY: an unknown user costs one argon2id verification, like a wrong password does.
      await hasher.verifyDummy(input.password);
      return { outcome: 'bad-credentials' };
    }
    const policy = await loadPasswordPolicy(fresh, input.accountId);
    const now = clock.now();
    if (profile.lockedUntil !== null && profile.lockedUntil <= now) await store.loginProfiles.clearExpiredLock(user.id, now);
    else if (profile.lockedUntil !== null) {
      await hasher.verifyDummy(input.password);
      return { outcome: 'locked', lockedUntil: profile.lockedUntil };
    }
    if (!(await hasher.verify(profile.passwordHash, input.password))) {
      if (policy.lockoutThreshold === 0) return { outcome: 'bad-credentials' };
      const result = await store.loginProfiles.recordFailedSignIn(user.id, policy.lockoutThreshold, now + policy.lockoutMinutes * 60_000);
      return result.lockedUntil !== null && result.lockedUntil > now ? { outcome: 'locked', lockedUntil: result.lockedUntil } : { outcome: 'bad-credentials' };
    }
    if (!user.enabled) return { outcome: 'disabled', user };
    if (!profile.loginAllowed) return { outcome: 'not-allowed', user };
    // INVARIANT: the success write is conditional on the profile not being locked, so a right guess
    // racing parallel wrong ones cannot get in once the threshold was crossed.
    if (!(await store.loginProfiles.recordSuccessfulSignIn(user.id, now, input.sourceIp))) {
      return { outcome: 'locked', lockedUntil: (await fresh.loginProfiles.find(user.id))?.lockedUntil ?? null };
    }
    await store.users.touchPasswordLastUsed(user.id, now);
    const expiresAt = passwordExpiresAt(policy, profile.passwordChangedAt);
    const base = { user, profile, passwordExpiresAt: expiresAt };
    if (expiresAt !== null && expiresAt <= now) return { ...base, outcome: policy.hardExpiry ? 'expired' : 'reset-required' };
    if (profile.passwordResetRequired) return { ...base, outcome: 'reset-required' };
    return { ...base, outcome: 'ok' };
  }

  /**
   * Completes a sign-in that answered `second-factor-required` with the code of its challenge.
   * @throws precondition-failed until issue #11 lands
   */
  async completeSignIn(_input: { accountId: string; challengeId: string; code: string; sourceIp: string | null; deviceId?: string; trustDevice?: boolean }): Promise<SignInResult> {
    // TODO(#11): implemented on the mfa branch
    throw new PreconditionFailedError('login protection is not available on this server');
  }

  /**
   * Sends the code of an email or SMS challenge.
   * @throws precondition-failed until issue #11 lands
   */
  async sendSignInCode(_input: { accountId: string; challengeId: string; sourceIp: string | null }): Promise<{ maskedDestination: string; resendAfter: number }> {
    // TODO(#11): implemented on the mfa branch
    throw new PreconditionFailedError('login protection is not available on this server');
  }

  /**
   * The caller changes its own password (AWS ChangePassword, Huawei caller-password, Keystone
   * POST /v3/users/{id}/password).
   * @throws access-denied | authentication-failed | password-policy | expired | not-found
   */
  async changePassword(ctx: CallContext, oldPassword: PlainPassword, newPassword: PlainPassword): Promise<void> {
    const { store, hasher, clock } = this.deps;
    const { accountId, userId } = ctx.principal;
    const fresh = store.fresh;
    const policy = await loadPasswordPolicy(fresh, accountId);
    // AWS: with AllowUsersToChangePassword every user may change its own password; without it, only
    // those an identity policy allows (and the root).
    const grantedBy = policy.allowUsersToChangePassword ? { grantedBy: 'password-policy' as const } : {};
    return runCommand(this.deps, ctx, Actions.changePassword, { type: 'user', accountId, id: userId }, async () => {
      const user = await fresh.users.findById(accountId, userId);
      const profile = user ? await fresh.loginProfiles.find(userId) : undefined;
      if (!user || !profile) throw new NotFoundError('login-profile', ctx.principal.userName);
      const now = clock.now();
      const expiresAt = passwordExpiresAt(policy, profile.passwordChangedAt);
      if (policy.hardExpiry && expiresAt !== null && expiresAt <= now && !ctx.principal.isRoot) throw new ExpiredError('password');
      // SECURITY: the old password is a password guess like a sign-in: a lock refuses it, and a wrong
      // one counts toward the lockout, so a stolen access key cannot be used to guess it without limit.
      if (profile.lockedUntil !== null && profile.lockedUntil > now) {
        await hasher.verifyDummy(oldPassword);
        throw new PreconditionFailedError('the login profile is locked after too many failed password attempts');
      }
      if (!(await hasher.verify(profile.passwordHash, oldPassword))) {
        if (policy.lockoutThreshold > 0) await store.loginProfiles.recordFailedSignIn(userId, policy.lockoutThreshold, now + policy.lockoutMinutes * 60_000);
        throw new InvalidInputError('oldPassword', 'the old password is incorrect');
      }
      if (policy.minimumAgeMinutes > 0 && now - profile.passwordChangedAt < policy.minimumAgeMinutes * 60_000) {
        throw new PreconditionFailedError(`the password was changed less than ${policy.minimumAgeMinutes} minutes ago`);
      }
      const hash = await hashNewPassword(hasher, store, policy, user.id, user.name, newPassword);
      await store.transaction(async (tx) => {
        const current = await tx.loginProfiles.find(userId);
        if (!current) throw new NotFoundError('login-profile', user.name);
        await tx.loginProfiles.update({ ...current, passwordHash: hash, passwordChangedAt: now, passwordResetRequired: false, updatedAt: now });
        await tx.loginProfiles.addPasswordHistory(userId, hash, now);
      });
      this.deps.changes.emit({ kind: 'user', id: userId });
    }, undefined, grantedBy);
  }
}
