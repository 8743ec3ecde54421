import { createHash } from 'node:crypto';
import type { CoreDeps } from '../deps.js';
import { NotFoundError } from '../errors.js';
import type { CodeSenders } from '../login-protection/code-sender.js';
import type { LoginPolicy } from '../login-protection/login-policy.js';
import type { LoginPolicyService } from '../login-protection/login-policy-service.js';
import { toSecondFactorMethod } from '../login-protection/login-protection-service.js';
import { hashOneTimeCode, maskEmail, maskPhone, newOneTimeCode, oneTimeCodeMatches } from '../login-protection/one-time-code.js';
import type { LoginProfile } from '../login-profiles/login-profile.js';
import { CodeSenderUnavailableError, NoDestinationError, SendTooSoonError } from '../mfa/errors.js';
import type { MfaDevicesService } from '../mfa/mfa-devices-service.js';
import type { MfaStore, SecondFactorMethod, SignInChallenge } from '../mfa/ports.js';
import type { CallContext } from '../principal.js';
import type { User } from '../users/user.js';

/** Issue #11: a challenge lives 5 minutes and dies after 5 wrong codes; one send per 60 s per channel. */
export const SECOND_FACTOR_LIMITS = {
  challengeTtlMs: 5 * 60_000,
  codeTtlMs: 5 * 60_000,
  maxWrongCodes: 5,
  sendIntervalMs: 60_000,
} as const;

/** What login protection needs besides the core's deps; `app/` wires it. */
export interface SecondFactorDeps {
  mfa: MfaStore;
  devices: MfaDevicesService;
  loginPolicy: LoginPolicyService;
  senders: CodeSenders;
}

/** Audit action names of the sign-in steps (there is no vendor action: these are polyiam's). */
export const SignInAuditActions = {
  challenge: 'signin:secondFactorChallenge',
  sendCode: 'signin:sendCode',
  verifyCode: 'signin:verifyCode',
} as const;

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

/** The second step of a password sign-in: challenges, codes by email and SMS, the exemption window. */
export class SecondFactor {
  constructor(
    private readonly deps: CoreDeps,
    readonly parts: SecondFactorDeps,
  ) {}

  policy(accountId: string): Promise<LoginPolicy> {
    return this.parts.loginPolicy.current(accountId);
  }

  /** Protection applies, and this client is not inside an exemption window. */
  async isRequired(user: User, profile: LoginProfile, deviceId: string | undefined, now: number): Promise<boolean> {
    if (!profile.protection.enabled) return false;
    if (deviceId === undefined || !profile.protection.exemptRequired) return true;
    return !(await this.parts.mfa.isTrusted(user.id, deviceHash(user.id, deviceId), now));
  }

  /** Opens a challenge. `passwordOk: false` makes a decoy, which looks the same and can never complete. */
  async open(user: User, profile: LoginProfile, sourceIp: string | null, passwordOk: boolean, now: number): Promise<SignInChallenge> {
    const challenge: SignInChallenge = {
      id: this.deps.ids.hexId(),
      accountId: user.accountId,
      userId: user.id,
      sourceIp,
      method: await this.methodFor(user, profile),
      passwordOk,
      failures: 0,
      codeHash: null,
      codeExpiresAt: null,
      expiresAt: now + SECOND_FACTOR_LIMITS.challengeTtlMs,
      completedAt: null,
      createdAt: now,
    };
    await this.parts.mfa.challenges.create(challenge);
    this.deps.audit.success(userContext(user, sourceIp, this.deps.ids.hexId()), SignInAuditActions.challenge, `user/${user.name}`);
    return challenge;
  }

  /** The challenge as the caller sees it. */
  describe(challenge: SignInChallenge, user: User, profile: LoginProfile): { id: string; method: SecondFactorMethod; maskedDestination?: string; expiresAt: number; canTrustDevice: boolean } {
    const masked = maskedDestination(challenge.method, user);
    return {
      id: challenge.id,
      method: challenge.method,
      ...(masked !== undefined ? { maskedDestination: masked } : {}),
      expiresAt: challenge.expiresAt,
      canTrustDevice: profile.protection.exemptRequired,
    };
  }

  /** A live challenge of this account and source, or undefined. */
  async live(accountId: string, challengeId: string, sourceIp: string | null, now: number): Promise<SignInChallenge | undefined> {
    if (!/^[0-9a-f]{32}$/.test(challengeId)) return undefined;
    const challenge = await this.parts.mfa.challenges.find(challengeId);
    if (!challenge || challenge.accountId !== accountId || challenge.sourceIp !== sourceIp) return undefined;
    if (challenge.expiresAt <= now || challenge.completedAt !== null || challenge.failures >= SECOND_FACTOR_LIMITS.maxWrongCodes) return undefined;
    return challenge;
  }

  /**
   * Sends the challenge's code by email or SMS.
   * @throws not-found (challenge) | invalid-input (no destination) | precondition-failed (no sender, too soon)
   */
  async sendCode(accountId: string, challengeId: string, sourceIp: string | null): Promise<{ maskedDestination: string; resendAfter: number }> {
    const { clock, store } = this.deps;
    const now = clock.now();
    const challenge = await this.live(accountId, challengeId, sourceIp, now);
    const user = challenge && (await store.fresh.users.findById(accountId, challenge.userId));
    const facts = { requestId: this.deps.ids.hexId(), dialect: 'sign-in', action: SignInAuditActions.sendCode, sourceIp, accountId, resource: user ? `user/${user.name}` : null };
    try {
      if (!challenge || !user) throw new NotFoundError('sign-in-challenge', challengeId);
      if (challenge.method === 'vmfa') throw new NoDestinationError('vmfa');
      const channel = challenge.method;
      const destination = channel === 'email' ? user.email : user.phone;
      if (!destination) throw new NoDestinationError(channel);
      const sender = this.parts.senders[channel];
      if (!sender) throw new CodeSenderUnavailableError(channel);
      const claim = await this.parts.mfa.claimSend(user.id, channel, now, SECOND_FACTOR_LIMITS.sendIntervalMs);
      if (!claim.claimed) throw new SendTooSoonError(channel, claim.lastSentAt + SECOND_FACTOR_LIMITS.sendIntervalMs);
      const code = newOneTimeCode();
      await this.parts.mfa.challenges.setCode(challenge.id, hashOneTimeCode(challenge.id, code), now + SECOND_FACTOR_LIMITS.codeTtlMs);
      // SECURITY: a decoy (wrong password) gets the same answer but nothing is sent: a password guess
      // must not reach the owner's phone or inbox, nor tell the guesser it was wrong
      if (challenge.passwordOk) {
        try {
          await sender.send({ channel, destination, subject: 'Your sign-in verification code', text: signInText(code), code });
        } catch (err) {
          await this.parts.mfa.releaseSend(user.id, channel, now);
          throw new CodeSenderUnavailableError(channel, err);
        }
      }
      this.deps.audit.success(userContext(user, sourceIp, facts.requestId), SignInAuditActions.sendCode, `user/${user.name}`);
      return { maskedDestination: maskedDestination(channel, user) ?? '', resendAfter: now + SECOND_FACTOR_LIMITS.sendIntervalMs };
    } catch (err) {
      this.deps.audit.rejected(facts, err);
      throw err;
    }
  }

  /** Whether `code` answers the challenge. A vmfa code is spent when it is right. */
  async checkCode(challenge: SignInChallenge, code: string, now: number): Promise<boolean> {
    if (challenge.method === 'vmfa') {
      // SECURITY: a decoy runs the same seed opening and HMAC without spending anything, and fails
      if (!challenge.passwordOk) return (await this.parts.devices.matchesUserCode(challenge.userId, code)) && false;
      return this.parts.devices.verifyUserCode(challenge.userId, code);
    }
    const fresh = challenge.codeExpiresAt !== null && challenge.codeExpiresAt > now;
    return oneTimeCodeMatches(challenge.id, code, challenge.codeHash) && fresh && challenge.passwordOk;
  }

  /** Remembers this client for the exemption window (Volcengine SafeAuthExemptUnit/Duration). */
  async trust(user: User, profile: LoginProfile, deviceId: string, now: number): Promise<void> {
    const { exemptUnit, exemptDuration } = profile.protection;
    await this.parts.mfa.trustDevice(user.id, deviceHash(user.id, deviceId), now + exemptDuration * UNIT_MS[exemptUnit]);
  }

  /** The first of the user's methods it has a destination for; the first method when none has one. */
  private async methodFor(user: User, profile: LoginProfile): Promise<SecondFactorMethod> {
    const methods = profile.protection.methods.map(toSecondFactorMethod);
    for (const method of methods) {
      if (method === 'email' && user.email) return method;
      if (method === 'sms' && user.phone) return method;
      if (method === 'vmfa' && (await this.parts.devices.hasEnabledDevice(user.id))) return method;
    }
    return methods[0] ?? 'vmfa';
  }
}

/** SECURITY: the client's id is stored only hashed with its user: a leaked table names no browser. */
function deviceHash(userId: string, deviceId: string): string {
  return createHash('sha256').update(`${userId}:${deviceId}`).digest('hex');
}

function maskedDestination(method: SecondFactorMethod, user: User): string | undefined {
  if (method === 'email') return user.email ? maskEmail(user.email) : undefined;
  if (method === 'sms') return user.phone ? maskPhone(user.phone) : undefined;
  return undefined;
}

function signInText(code: string): string {
  return `Your polyiam sign-in verification code is ${code}. It expires in 5 minutes. If you did not try to sign in, change your password.`;
}

/** The user as the subject of a sign-in audit event (there is no authenticated principal yet). */
export function userContext(user: User, sourceIp: string | null, requestId: string): CallContext {
  return {
    principal: { accountId: user.accountId, userId: user.id, userName: user.name, isRoot: user.isRoot, authMethod: 'console', mfaAuthenticated: false },
    requestId,
    dialect: 'sign-in',
    sourceIp,
    secureTransport: false,
  };
}
