import type { Account } from '../accounts/account.js';
import { Actions } from '../authorization/actions.js';
import { hashNewPassword } from '../credentials/password-setter.js';
import type { CredentialsService, SignInResult } from '../credentials/sign-in.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { AuthenticationError, ExpiredError, NotFoundError, PreconditionFailedError, type AuthenticationFailure } from '../errors.js';
import type { LoginProfile } from '../login-profiles/login-profile.js';
import type { LoginPolicySettings } from '../login-protection/login-policy.js';
import { loadPasswordPolicy } from '../password-policy/password-policy-service.js';
import { passwordExpiresAt, type PasswordPolicy } from '../password-policy/password-policy.js';
import type { CallContext } from '../principal.js';
import type { PlainPassword } from '../secrets.js';
import type { User } from '../users/user.js';
import type { AllowListGate } from '../login-protection/access-control-service.js';
import { DEFAULT_SIGN_IN_LIMITS, sessionSettingsOf, type ConsoleSession, type SessionStage, type SignInChallenge, type SignInLimits } from './console-session.js';
import type { ConsoleSessionRepository, SessionTokens, SignInAttemptRepository } from './ports.js';

const ATTEMPTS_KEPT_MS = 24 * 60 * 60_000;

/** Audit names of console events (no IAM action authorizes them: there is no principal before them). */
export const ConsoleAuditActions = {
  signIn: 'iam:console:signIn',
  secondFactor: 'iam:console:verifySignIn',
  signOut: 'iam:console:signOut',
} as const;

/** What the console knows about the browser's request. */
export interface ConsoleRequestFacts {
  requestId: string;
  sourceIp: string | null;
  userAgent: string | null;
  secureTransport: boolean;
}

export interface ConsoleSignInInput {
  /** the account's name or id */
  account: string;
  userName: string;
  password: PlainPassword;
  /** the browser's device cookie, for login protection's "trust this browser" (issue #11) */
  deviceId?: string;
}

/** A sign-in that made a session (maybe only a pending one), or why none was made. */
export type ConsoleSignIn =
  | { kind: 'session'; token: string; session: ConsoleSession }
  | { kind: 'refused'; reason: 'bad-credentials' | 'throttled' | 'not-allowed' | 'disabled' | 'expired' | 'address-not-allowed' }
  | { kind: 'locked'; lockedUntil: number | null };

/** The fields of the account login policy the console applies. */
export type ConsoleLoginPolicy = Pick<LoginPolicySettings, 'sessionTimeoutMinutes' | 'showRecentLoginInfo' | 'customSignInMessage'>;

/** Huawei's login policy defaults (login-policy.ts DEFAULT_LOGIN_POLICY), for a server wired without one. */
const DEFAULT_CONSOLE_LOGIN_POLICY: ConsoleLoginPolicy = { sessionTimeoutMinutes: 60, showRecentLoginInfo: false, customSignInMessage: '' };

/** A session that is still good, with what it speaks for read from the database at this request. */
export interface LiveSession {
  session: ConsoleSession;
  account: Account;
  user: User;
  profile: LoginProfile;
  policy: PasswordPolicy;
  passwordExpiresAt: number | null;
}

/**
 * Console sessions: sign-in through core's password check (lockout, reset and expiry rules), limits per
 * source IP and per user on top of the lockout, server-side session records checked against the
 * database at every request, and the forced password change and second factor of a half-done sign-in.
 */
export class ConsoleSessionsService {
  private purgedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly deps: CoreDeps,
    private readonly credentials: CredentialsService,
    private readonly sessions: ConsoleSessionRepository,
    private readonly attempts: SignInAttemptRepository,
    private readonly tokens: SessionTokens,
    /** the account login policy in force (core's LoginPolicyService.current): session timeout, sign-in message, recent login */
    private readonly loginPolicyOf: (accountId: string) => Promise<ConsoleLoginPolicy> = async () => DEFAULT_CONSOLE_LOGIN_POLICY,
    private readonly limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
    /** Huawei console-acl-policy (AllowListGate): where the account's IAM users may sign in from */
    private readonly allowLists?: AllowListGate,
  ) {}

  /** Checks the password and opens a session; every attempt is audited with its source IP and user agent. */
  async signIn(facts: ConsoleRequestFacts, input: ConsoleSignInInput): Promise<ConsoleSignIn> {
    const { clock, store } = this.deps;
    const now = clock.now();
    const account = (await store.accounts.findByName(input.account)) ?? (await store.accounts.findById(input.account));
    const userKey = `${input.account}/${input.userName}`.toLowerCase();
    const failures = await this.attempts.countFailures(now - this.limits.windowMs, facts.sourceIp, userKey);
    if (failures.bySourceIp >= this.limits.perSourceIp || failures.byUser >= this.limits.perUser) {
      // SECURITY: refused before any password check, so a flood costs no argon2id and no lockout count
      await this.record(facts, account, userKey, null, 'throttled', now);
      return { kind: 'refused', reason: 'throttled' };
    }
    if (account && !(await this.fromAllowedAddress(account, input.userName, facts.sourceIp))) {
      await this.record(facts, account, userKey, null, 'not-allowed', now);
      return { kind: 'refused', reason: 'address-not-allowed' };
    }
    const result = await this.credentials.signIn({
      // SECURITY: an unknown account still runs signIn (matching nobody), which burns one dummy argon2id
      accountId: account?.id ?? '',
      user: { name: input.userName },
      password: input.password,
      sourceIp: facts.sourceIp,
      ...(input.deviceId ? { deviceId: input.deviceId } : {}),
      ...(facts.userAgent ? { userAgent: facts.userAgent } : {}),
    });
    await this.record(facts, account, userKey, result, result.outcome, now);
    if (result.outcome === 'second-factor-required' && account) {
      // core names no user before the second step is passed (a wrong password gets a decoy challenge
      // that looks the same), so the pending session is opened for the user the form named
      const fresh = this.deps.store.fresh;
      const user = await fresh.users.findByName(account.id, input.userName);
      const profile = user && (await fresh.loginProfiles.find(user.id));
      if (user && profile) return this.open(facts, { ...result, user, profile }, 'second-factor', result.challenge ?? null);
    }
    switch (result.outcome) {
      case 'ok':
        return this.open(facts, result, 'active', null);
      case 'reset-required':
        return this.open(facts, result, 'password-change', null);
      case 'second-factor-required':
        return this.open(facts, result, 'second-factor', result.challenge ?? null);
      case 'locked':
        return { kind: 'locked', lockedUntil: result.lockedUntil ?? null };
      case 'expired':
      case 'disabled':
      case 'not-allowed':
      case 'bad-credentials':
        return { kind: 'refused', reason: result.outcome };
    }
  }

  /**
   * Huawei console-acl-policy, before any password check: from an address off the account's console
   * list only the root may go on. Any other name is refused alike, known or not, so the answer tells
   * nothing about which users exist and costs no argon2id.
   */
  private async fromAllowedAddress(account: Account, userName: string, sourceIp: string | null): Promise<boolean> {
    if (!this.allowLists) return true;
    const asUser = { accountId: account.id, userId: '', userName, isRoot: false, authMethod: 'console' as const, mfaAuthenticated: false };
    if (await this.allowLists.admits(asUser, 'console', sourceIp)) return true;
    const user = await this.deps.store.users.findByName(account.id, userName);
    return user?.isRoot === true;
  }

  /**
   * The session behind a cookie, if it is still good: not past its idle or absolute end, its user
   * there and enabled, console sign-in still allowed, and the password the one it signed in with.
   * SECURITY: read from the database at every request (never a cache), so a change made through any
   * dialect on any node ends the session at its next request. A dead session is deleted.
   */
  async resume(token: string): Promise<LiveSession | undefined> {
    const { clock } = this.deps;
    const fresh = this.deps.store.fresh;
    const idHash = this.tokens.hash(token);
    const session = await this.sessions.find(idHash);
    if (!session) return undefined;
    const now = clock.now();
    const [account, user, profile] = await Promise.all([
      fresh.accounts.findById(session.accountId),
      fresh.users.findById(session.accountId, session.userId),
      fresh.loginProfiles.find(session.userId),
    ]);
    const alive =
      now < session.expiresAt &&
      now - session.lastSeenAt < session.idleTimeoutMs &&
      account !== undefined &&
      user?.enabled === true &&
      profile?.loginAllowed === true &&
      profile.passwordChangedAt === session.passwordChangedAt;
    if (!alive) {
      await this.sessions.delete(idHash);
      return undefined;
    }
    // one write a minute at most: the idle timeout is counted in minutes, not in requests
    if (now - session.lastSeenAt >= 60_000) {
      await this.sessions.touch(idHash, now);
      session.lastSeenAt = now;
    }
    const policy = await loadPasswordPolicy(fresh, session.accountId);
    return { session, account: account!, user: user!, profile: profile!, policy, passwordExpiresAt: passwordExpiresAt(policy, profile!.passwordChangedAt) };
  }

  /** What the account's login policy asks of the console (read at each use: a change applies at once). */
  loginPolicy(accountId: string): Promise<ConsoleLoginPolicy> {
    return this.loginPolicyOf(accountId);
  }

  /**
   * The login policy's custom sign-in message (Huawei `custom_info_for_login`) of the account named by
   * name or id, '' when there is none. The message is for anyone at the sign-in page of that account.
   */
  async signInMessage(account: string): Promise<string> {
    const text = account.trim();
    if (text === '' || text.length > 128) return '';
    const { store } = this.deps;
    const found = (await store.accounts.findByName(text)) ?? (await store.accounts.findById(text));
    return found ? (await this.loginPolicyOf(found.id)).customSignInMessage : '';
  }

  /** The call context of an active session, for the same core commands the APIs call. */
  contextOf(live: LiveSession, facts: ConsoleRequestFacts): CallContext {
    return {
      principal: {
        accountId: live.account.id,
        userId: live.user.id,
        userName: live.user.name,
        isRoot: live.user.isRoot,
        authMethod: 'console',
        mfaAuthenticated: live.session.mfaAuthenticated,
      },
      requestId: facts.requestId,
      dialect: 'console',
      sourceIp: facts.sourceIp,
      secureTransport: facts.secureTransport,
      userAgent: facts.userAgent,
    };
  }

  /** Ends this browser's session. */
  async signOut(live: LiveSession, facts: ConsoleRequestFacts): Promise<void> {
    await this.sessions.delete(live.session.idHash);
    this.deps.audit.success(this.contextOf(live, facts), ConsoleAuditActions.signOut, `user/${live.user.name}`);
  }

  /**
   * The forced change of a `password-change` session (reset required, or expired without hard expiry):
   * the user proved its password moments ago, so only the new one is asked. Every rule of the policy
   * applies; on success the session becomes active under a new id.
   * @throws password-policy | expired | not-found | authentication-failed (the session moved on)
   */
  async changeRequiredPassword(live: LiveSession, newPassword: PlainPassword, facts: ConsoleRequestFacts): Promise<{ token: string }> {
    const { store, hasher, clock } = this.deps;
    if (live.session.stage !== 'password-change') throw new PreconditionFailedError('no password change is pending');
    const ctx = this.contextOf(live, facts);
    const { user, policy } = live;
    // AWS console: a user whose password must be reset may set a new one whatever its policies say;
    // the admin who required the reset granted it (as AllowUsersToChangePassword grants ChangePassword)
    await runCommand(this.deps, ctx, Actions.changePassword, { type: 'user', accountId: user.accountId, id: user.id }, async () => {
      const now = clock.now();
      const expiresAt = passwordExpiresAt(policy, live.profile.passwordChangedAt);
      if (policy.hardExpiry && expiresAt !== null && expiresAt <= now && !user.isRoot) throw new ExpiredError('password');
      const hash = await hashNewPassword(hasher, store, policy, user.id, user.name, newPassword);
      await store.transaction(async (tx) => {
        const current = await tx.loginProfiles.find(user.id);
        if (!current || current.passwordChangedAt !== live.session.passwordChangedAt) throw new NotFoundError('login-profile', user.name);
        await tx.loginProfiles.update({ ...current, passwordHash: hash, passwordChangedAt: now, passwordResetRequired: false, updatedAt: now });
        await tx.loginProfiles.addPasswordHistory(user.id, hash, now);
      });
      // a new password ends the user's other sessions and tokens on every node
      this.deps.changes.emit({ kind: 'user', id: user.id });
    }, undefined, { grantedBy: 'password-policy' });
    return this.moveOn(live, 'active', live.session.mfaAuthenticated);
  }

  /**
   * After the user changed its own password on the security page (through core's changePassword, which
   * ends every session of the user), this browser keeps a session, under a new id.
   * @throws authentication-failed when the session is gone
   */
  async keepAfterOwnPasswordChange(live: LiveSession): Promise<{ token: string }> {
    return this.moveOn(live, 'active', live.session.mfaAuthenticated);
  }

  /**
   * Answers the second factor of a `second-factor` session through core's login protection (issue #11).
   * @throws authentication-failed | expired | precondition-failed
   */
  async verifySecondFactor(live: LiveSession, code: string, trustDevice: boolean, deviceId: string | undefined, facts: ConsoleRequestFacts): Promise<{ token: string; stage: SessionStage }> {
    const challenge = live.session.challenge;
    if (live.session.stage !== 'second-factor' || !challenge) throw new PreconditionFailedError('no verification is pending');
    const ctx = this.contextOf(live, facts);
    const resource = `user/${live.user.name}`;
    try {
      const result = await this.credentials.completeSignIn({
        accountId: live.account.id,
        challengeId: challenge.id,
        code,
        sourceIp: facts.sourceIp,
        ...(deviceId ? { deviceId } : {}),
        trustDevice,
      });
      if (result.outcome !== 'ok' && result.outcome !== 'reset-required') throw new AuthenticationError(failureOf(result.outcome));
      this.deps.audit.success(ctx, ConsoleAuditActions.secondFactor, resource);
      const stage: SessionStage = result.outcome === 'ok' ? 'active' : 'password-change';
      return { ...(await this.moveOn(live, stage, true)), stage };
    } catch (err) {
      this.deps.audit.failure(ctx, ConsoleAuditActions.secondFactor, resource, err);
      throw err;
    }
  }

  /** Sends the code of an email or SMS challenge again. @throws precondition-failed | limit-exceeded */
  async sendSecondFactorCode(live: LiveSession, facts: ConsoleRequestFacts): Promise<{ maskedDestination: string; resendAfter: number }> {
    const challenge = live.session.challenge;
    if (live.session.stage !== 'second-factor' || !challenge) throw new PreconditionFailedError('no verification is pending');
    return this.credentials.sendSignInCode({ accountId: live.account.id, challengeId: challenge.id, sourceIp: facts.sourceIp });
  }

  /** Forgets the session behind a token, if any (a browser signing in again replaces its session). */
  discard(token: string): Promise<void> {
    return this.sessions.delete(this.tokens.hash(token));
  }

  private async open(facts: ConsoleRequestFacts, result: SignInResult, stage: SessionStage, challenge: SignInChallenge | null): Promise<ConsoleSignIn> {
    const now = this.deps.clock.now();
    const { user, profile } = result;
    if (!user || !profile) return { kind: 'refused', reason: 'bad-credentials' };
    await this.purge(now);
    const active = stage === 'active';
    // core's sign-in read the login policy already: its session timeout comes with the result
    const settings = sessionSettingsOf(result.sessionTimeoutMinutes !== undefined ? { sessionTimeoutMinutes: result.sessionTimeoutMinutes } : await this.loginPolicyOf(user.accountId));
    const token = this.tokens.issue();
    const session: ConsoleSession = {
      // SECURITY: a new id at every sign-in (no fixation); only its hash is stored
      idHash: this.tokens.hash(token),
      accountId: user.accountId,
      userId: user.id,
      stage,
      csrfToken: this.tokens.csrf(),
      passwordChangedAt: profile.passwordChangedAt,
      createdAt: now,
      lastSeenAt: now,
      idleTimeoutMs: active ? settings.idleTimeoutMs : settings.pendingTimeoutMs,
      expiresAt: now + (active ? settings.absoluteTimeoutMs : settings.pendingTimeoutMs),
      mfaAuthenticated: false,
      challenge,
      sourceIp: facts.sourceIp,
      userAgent: facts.userAgent,
      previousLoginAt: profile.lastLoginAt,
      previousLoginIp: profile.lastLoginIp,
    };
    await this.sessions.create(session);
    return { kind: 'session', token, session };
  }

  /**
   * Purging rides on sign-ins, at most once a minute per node: the tables never keep much that is dead,
   * and a sign-in does not pay for it every time. Attempts are kept a day (the limits look back minutes).
   */
  private async purge(now: number): Promise<void> {
    if (now - this.purgedAt < 60_000) return;
    this.purgedAt = now;
    await this.sessions.purgeExpired(now);
    await this.attempts.purgeBefore(now - ATTEMPTS_KEPT_MS);
  }

  /** The next stage under a new id, with the password as it is now; the old id stops working. */
  private async moveOn(live: LiveSession, stage: SessionStage, mfaAuthenticated: boolean): Promise<{ token: string }> {
    const now = this.deps.clock.now();
    const profile = await this.deps.store.fresh.loginProfiles.find(live.user.id);
    if (!profile) throw new AuthenticationError('token-invalid');
    const active = stage === 'active';
    const settings = sessionSettingsOf(await this.loginPolicyOf(live.account.id));
    const token = this.tokens.issue();
    const next: ConsoleSession = {
      ...live.session,
      idHash: this.tokens.hash(token),
      stage,
      csrfToken: this.tokens.csrf(),
      passwordChangedAt: profile.passwordChangedAt,
      lastSeenAt: now,
      idleTimeoutMs: active ? settings.idleTimeoutMs : settings.pendingTimeoutMs,
      // a pending step does not extend the life of the session it turns into past a fresh one's
      expiresAt: active ? Math.min(live.session.createdAt + settings.absoluteTimeoutMs, now + settings.absoluteTimeoutMs) : now + settings.pendingTimeoutMs,
      mfaAuthenticated,
      challenge: null,
    };
    // SECURITY: a replayed pending session (two tabs, a resubmitted form) moves on once only
    if (!(await this.sessions.replace(live.session.idHash, next))) throw new AuthenticationError('token-revoked');
    return { token };
  }

  private async record(facts: ConsoleRequestFacts, account: Account | undefined, userKey: string, result: SignInResult | null, outcome: string, at: number): Promise<void> {
    const user = result?.user;
    await this.attempts.add({
      id: this.deps.ids.timeOrderedId(at),
      at,
      accountId: account?.id ?? null,
      userKey,
      userId: user?.id ?? null,
      outcome,
      sourceIp: facts.sourceIp,
      userAgent: facts.userAgent,
    });
    const resource = `user/${userKey.slice(userKey.indexOf('/') + 1)}`;
    // a second step's outcome is audited when the code is answered (ConsoleAuditActions.secondFactor):
    // until then the console cannot tell a right password from a wrong one's decoy challenge (core
    // audits the challenge itself)
    if (outcome === 'second-factor-required') return;
    const succeeded = outcome === 'ok' || outcome === 'reset-required';
    if (succeeded && user) {
      this.deps.audit.success(
        { principal: { accountId: user.accountId, userId: user.id, userName: user.name, isRoot: user.isRoot, authMethod: 'console', mfaAuthenticated: false }, requestId: facts.requestId, dialect: 'console', sourceIp: facts.sourceIp, secureTransport: facts.secureTransport, userAgent: facts.userAgent },
        ConsoleAuditActions.signIn,
        resource,
      );
      return;
    }
    // a throttled attempt is audited as a failed password check (the reason union is every dialect's
    // exhaustive switch); the attempt row keeps `throttled`
    const reason: AuthenticationFailure = failureOf(outcome);
    this.deps.audit.rejected(
      { requestId: facts.requestId, dialect: 'console', action: ConsoleAuditActions.signIn, sourceIp: facts.sourceIp, userAgent: facts.userAgent, accountId: account?.id ?? null, principalUserId: user?.id ?? null, resource },
      outcome === 'expired' ? new ExpiredError('password') : new AuthenticationError(reason),
    );
  }
}

function failureOf(outcome: string): AuthenticationFailure {
  if (outcome === 'locked') return 'locked';
  if (outcome === 'disabled' || outcome === 'not-allowed') return 'user-disabled';
  return 'bad-credentials';
}
