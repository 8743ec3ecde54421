import { Actions } from '../authorization/actions.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { ExpiredError, InvalidInputError, NotFoundError, PreconditionFailedError } from '../errors.js';
import { hashNewPassword } from './password-setter.js';
import { loadPasswordPolicy } from '../password-policy/password-policy-service.js';
import { passwordExpiresAt, type PasswordPolicy } from '../password-policy/password-policy.js';
import type { CallContext } from '../principal.js';
import type { PlainPassword } from '../secrets.js';
import type { User } from '../users/user.js';
import type { LoginProfile } from '../login-profiles/login-profile.js';
import type { LoginPolicy } from '../login-protection/login-policy.js';
import type { SelfManagement } from '../login-protection/self-management.js';
import { SECOND_FACTOR_LIMITS, SignInAuditActions, userContext, type SecondFactor } from './second-factor.js';

export type SignInOutcome = 'ok' | 'reset-required' | 'expired' | 'locked' | 'not-allowed' | 'disabled' | 'bad-credentials' | 'second-factor-required';

export interface SignInInput {
  accountId: string;
  /** by name (case-insensitive) or by id */
  user: { name: string } | { id: string };
  password: PlainPassword;
  sourceIp: string | null;
  /** opaque browser/client id: inside the user's exemption window it is not asked for a second factor again */
  deviceId?: string;
  userAgent?: string;
  /**
   * Keystone `methods: ["password", "totp"]`: the virtual MFA code checked in the same call, so the
   * sign-in ends at once (ok or bad-credentials) instead of with a challenge.
   */
  totpCode?: string;
}

/** The second step a sign-in waits for (`second-factor-required`). */
export interface SignInChallengeView {
  id: string;
  method: 'vmfa' | 'sms' | 'email';
  maskedDestination?: string;
  expiresAt: number;
  canTrustDevice: boolean;
}

export interface SignInResult {
  outcome: SignInOutcome;
  /** set for every outcome past password verification */
  user?: User;
  profile?: LoginProfile;
  lockedUntil?: number | null;
  passwordExpiresAt?: number | null;
  /** set with `second-factor-required` */
  challenge?: SignInChallengeView;
  /** when the sign-in proved a second factor (AWS aws:MultiFactorAuthAge counts from it) */
  mfaAuthenticatedAt?: number;
  /** the account login policy's session timeout, minutes, for those who open a session */
  sessionTimeoutMinutes?: number;
}

export interface CompleteSignInInput {
  accountId: string;
  challengeId: string;
  code: string;
  sourceIp: string | null;
  deviceId?: string;
  trustDevice?: boolean;
}

/** Password sign-in (console, Keystone tokens) and a user changing its own password. */
export class CredentialsService {
  constructor(
    private readonly deps: CoreDeps,
    /** login protection and the login policy (issue #11); without it, sign-in is password-only */
    private readonly secondFactor?: SecondFactor,
    /** the account's protect policy `allow_user.manage_password` (issue #12); without it, not enforced */
    private readonly selfManagement?: SelfManagement,
  ) {}

  /**
   * Verifies a password and applies lockout. Never throws for a wrong password: the outcome says what
   * happened, and `bad-credentials` is returned alike for an unknown user, a user without a login
   * profile and a wrong password. A user with login protection gets `second-factor-required` and a
   * challenge, whether the password was right or not (SECURITY: a wrong one gets a decoy that can
   * never complete), and every other outcome waits until the second step is passed.
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
    const loginPolicy = await this.secondFactor?.policy(input.accountId);
    const now = clock.now();
    if (profile.lockedUntil !== null && profile.lockedUntil <= now) await store.loginProfiles.clearExpiredLock(user.id, now);
    else if (profile.lockedUntil !== null) {
      await hasher.verifyDummy(input.password);
      return { outcome: 'locked', lockedUntil: profile.lockedUntil };
    }
    const passwordOk = await hasher.verify(profile.passwordHash, input.password);
    const second = this.secondFactor;
    if (second && input.totpCode !== undefined) {
      // Keystone password + totp: one answer for a wrong password and a wrong code alike
      const codeOk = passwordOk && (await second.parts.devices.verifyUserCode(user.id, input.totpCode));
      if (!codeOk) return this.failed(user.id, policy, loginPolicy, now);
      return this.finish(user, profile, policy, loginPolicy, input.sourceIp, now, now);
    }
    if (second && (await second.isRequired(user, profile, input.deviceId, now))) {
      if (!passwordOk) {
        const failed = await this.failed(user.id, policy, loginPolicy, now);
        if (failed.outcome === 'locked') return failed;
      }
      const challenge = await second.open(user, profile, input.sourceIp, passwordOk, now);
      return { outcome: 'second-factor-required', challenge: second.describe(challenge, user, profile) };
    }
    if (!passwordOk) return this.failed(user.id, policy, loginPolicy, now);
    return this.finish(user, profile, policy, loginPolicy, input.sourceIp, now, undefined);
  }

  /**
   * The second step: the code of a challenge from `signIn`. A wrong code counts toward the lockout like
   * a wrong password and toward the challenge's 5 tries; a dead, expired, foreign or unknown challenge
   * is `bad-credentials` like a wrong code.
   */
  async completeSignIn(input: CompleteSignInInput): Promise<SignInResult> {
    const second = this.secondFactor;
    if (!second) return { outcome: 'bad-credentials' };
    const { store, clock, audit, ids } = this.deps;
    const now = clock.now();
    const challenge = await second.live(input.accountId, input.challengeId, input.sourceIp, now);
    const fresh = store.fresh;
    const user = challenge && (await fresh.users.findById(input.accountId, challenge.userId));
    const profile = user && (await fresh.loginProfiles.find(user.id));
    const facts = { requestId: ids.hexId(), dialect: 'sign-in', action: SignInAuditActions.verifyCode, sourceIp: input.sourceIp, accountId: input.accountId, resource: user ? `user/${user.name}` : null };
    if (!challenge || !user || !profile) {
      audit.rejected(facts, new InvalidInputError('challengeId', 'no live challenge'));
      return { outcome: 'bad-credentials' };
    }
    const policy = await loadPasswordPolicy(fresh, input.accountId);
    const loginPolicy = await second.policy(input.accountId);
    if (profile.lockedUntil !== null && profile.lockedUntil > now) {
      audit.rejected(facts, new PreconditionFailedError('locked'));
      return { outcome: 'locked', lockedUntil: profile.lockedUntil };
    }
    const right = await second.checkCode(challenge, input.code, now);
    if (!right || !(await second.parts.mfa.challenges.complete(challenge.id, now, SECOND_FACTOR_LIMITS.maxWrongCodes))) {
      await second.parts.mfa.challenges.recordWrongCode(challenge.id, SECOND_FACTOR_LIMITS.maxWrongCodes);
      audit.rejected(facts, new InvalidInputError('code', 'wrong code'));
      return this.failed(user.id, policy, loginPolicy, now);
    }
    audit.success(userContext(user, input.sourceIp, facts.requestId), SignInAuditActions.verifyCode, `user/${user.name}`);
    const result = await this.finish(user, profile, policy, loginPolicy, input.sourceIp, now, now);
    if (input.trustDevice && input.deviceId !== undefined && profile.protection.exemptRequired && (result.outcome === 'ok' || result.outcome === 'reset-required')) {
      await second.trust(user, profile, input.deviceId, now);
    }
    return result;
  }

  /**
   * Sends the code of a challenge by its method's channel (email, SMS).
   * @throws not-found (challenge) | invalid-input (no destination, vmfa) | precondition-failed (no sender, too soon)
   */
  sendSignInCode(input: { accountId: string; challengeId: string; sourceIp: string | null }): Promise<{ maskedDestination: string; resendAfter: number }> {
    if (!this.secondFactor) return Promise.reject(new NotFoundError('sign-in-challenge', input.challengeId));
    return this.secondFactor.sendCode(input.accountId, input.challengeId, input.sourceIp);
  }

  /** A wrong password or code: counted toward the lockout, inside the login policy's failure window. */
  private async failed(userId: string, policy: PasswordPolicy, loginPolicy: LoginPolicy | undefined, now: number): Promise<SignInResult> {
    const { store } = this.deps;
    if (policy.lockoutThreshold === 0) return { outcome: 'bad-credentials' };
    const lockedUntil = now + policy.lockoutMinutes * 60_000;
    const result = loginPolicy && this.secondFactor
      ? await this.secondFactor.parts.mfa.recordFailedSignIn(userId, policy.lockoutThreshold, lockedUntil, now, loginPolicy.failureWindowMinutes * 60_000)
      : await store.loginProfiles.recordFailedSignIn(userId, policy.lockoutThreshold, lockedUntil);
    // the windowed count is written past the cached store: drop the cached profile on every node
    if (loginPolicy) this.deps.changes.emit({ kind: 'login-profile', id: userId });
    return result.lockedUntil !== null && result.lockedUntil > now ? { outcome: 'locked', lockedUntil: result.lockedUntil } : { outcome: 'bad-credentials' };
  }

  /** Everything after the credentials were proved: the user's state, the success record, the password's age. */
  private async finish(user: User, profile: LoginProfile, policy: PasswordPolicy, loginPolicy: LoginPolicy | undefined, sourceIp: string | null, now: number, mfaAt: number | undefined): Promise<SignInResult> {
    const { store } = this.deps;
    if (!user.enabled) return { outcome: 'disabled', user };
    // Keystone: a user of a disabled domain cannot authenticate (issue #16), told only after the password
    if (!(await store.fresh.accounts.findById(user.accountId))?.enabled) return { outcome: 'disabled', user };
    if (!profile.loginAllowed) return { outcome: 'not-allowed', user };
    // Huawei login_policy account_validity_period: unused for that many days, the user may not sign in
    // until an administrator changes its login profile (which moves `updatedAt`)
    if (loginPolicy && loginPolicy.accountValidityDays > 0 && !user.isRoot) {
      const lastActive = Math.max(profile.lastLoginAt ?? profile.createdAt, profile.updatedAt);
      if (now - lastActive > loginPolicy.accountValidityDays * 86_400_000) return { outcome: 'disabled', user };
    }
    // INVARIANT: the success write is conditional on the profile not being locked, so a right guess
    // racing parallel wrong ones cannot get in once the threshold was crossed.
    if (!(await store.loginProfiles.recordSuccessfulSignIn(user.id, now, sourceIp))) {
      return { outcome: 'locked', lockedUntil: (await store.fresh.loginProfiles.find(user.id))?.lockedUntil ?? null };
    }
    await store.users.touchPasswordLastUsed(user.id, now);
    const expiresAt = passwordExpiresAt(policy, profile.passwordChangedAt);
    const base: SignInResult = {
      outcome: 'ok',
      user,
      profile,
      passwordExpiresAt: expiresAt,
      ...(mfaAt !== undefined ? { mfaAuthenticatedAt: mfaAt } : {}),
      ...(loginPolicy ? { sessionTimeoutMinutes: loginPolicy.sessionTimeoutMinutes } : {}),
    };
    if (expiresAt !== null && expiresAt <= now) return { ...base, outcome: policy.hardExpiry ? 'expired' : 'reset-required' };
    if (profile.passwordResetRequired) return { ...base, outcome: 'reset-required' };
    return base;
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
      // Huawei protect_policy allow_user.manage_password false: IAM users do not change their own
      // password, except the change an administrator required (reset required, or expired): that one
      // the console's forced change and Keystone's change-only token must be able to make
      const required = profile.passwordResetRequired || (expiresAt !== null && expiresAt <= now);
      if (!required) await this.selfManagement?.require(ctx, { id: userId }, ['managePassword'], Actions.changePassword);
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
