import { createHash } from 'node:crypto';
import { Actions } from '../authorization/actions.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { AuthenticationError, InvalidInputError, NotFoundError, PreconditionFailedError } from '../errors.js';
import { CodeSenderUnavailableError, NoDestinationError, SendTooSoonError } from '../mfa/errors.js';
import type { MfaDevicesService } from '../mfa/mfa-devices-service.js';
import type { MfaStore, OperationProtection, SecondFactorMethod, SignInChallenge } from '../mfa/ports.js';
import type { CodeSenders } from './code-sender.js';
import { ACCOUNT_OPERATION_EXEMPT_MINUTES, type ProtectPolicySettings } from './protect-policy.js';
import { hashOneTimeCode, maskEmail, maskPhone, newOneTimeCode, oneTimeCodeMatches } from './one-time-code.js';
import type { CallContext } from '../principal.js';
import { requireUser, userResource, type UserRef } from '../users/user-ref.js';
import type { User } from '../users/user.js';

/** Volcengine SetSecurityConfig SafeAuthExemptDuration: 5-30 minutes, 10 by default */
export const OPERATION_EXEMPT_RANGE = [5, 30] as const;
export const DEFAULT_OPERATION_EXEMPT_MINUTES = 10;
const OPERATION_CHALLENGE_TTL_MS = 5 * 60_000;
const SEND_INTERVAL_MS = 60_000;
const MAX_WRONG_CODES = 5;

/** Audit names of the verification steps (polyiam's own: no vendor action names them). */
export const OperationProtectionAuditActions = {
  sendCode: 'iam:operationProtection:sendCode',
  verify: 'iam:operationProtection:verify',
} as const;

/** The second factor a sensitive operation waits for. */
export interface OperationChallenge {
  id: string;
  method: SecondFactorMethod;
  maskedDestination?: string;
  expiresAt: number;
}

/** SECURITY: the holder (a console session) is stored only hashed with its user, in the exemption table of trusted clients. */
function holderHash(userId: string, holder: string): string {
  return createHash('sha256').update(`operation:${userId}:${holder}`).digest('hex');
}

/**
 * Operation protection per user: a second factor before sensitive operations (Volcengine
 * SecurityConfig, Kingsoft OpenSecurityProtection). Kept and served by the dialects; enforced on the
 * console's sensitive actions through `check` / `sendCode` / `verify` (the console renders, core decides).
 */
export class OperationProtectionService {
  constructor(
    private readonly deps: CoreDeps,
    private readonly mfa: MfaStore,
    /** how a code is checked and sent; without it, a protected user's sensitive operations are refused */
    private readonly verification?: { devices: MfaDevicesService; senders: CodeSenders },
    /** the account-wide policy (Huawei protect_policy): its `operation_protection` covers every user */
    private readonly accountPolicy?: { current(accountId: string): Promise<ProtectPolicySettings> },
  ) {}

  /**
   * What protects the caller: its own record (Volcengine SecurityConfig) or the account's policy
   * (Huawei operation_protection), whichever is on; with the account's `admin_check` on, the code goes
   * to the designated person (`scene`, `mobile`/`email`) whoever operates.
   */
  private async protectionOf(accountId: string, userId: string): Promise<{ own?: OperationProtection; designated?: { method: 'sms' | 'email'; destination: string }; exemptMinutes: number } | undefined> {
    const own = await this.mfa.findOperationProtection(userId);
    const account = await this.accountPolicy?.current(accountId);
    const accountOn = account?.operationProtection === true;
    if (!own?.enabled && !accountOn) return undefined;
    const exemptMinutes = own?.enabled ? own.exemptMinutes : ACCOUNT_OPERATION_EXEMPT_MINUTES;
    if (accountOn && account.adminCheck && account.scene) {
      const destination = account.scene === 'mobile' ? account.mobile : account.email;
      return { exemptMinutes, designated: { method: account.scene === 'mobile' ? 'sms' : 'email', destination } };
    }
    return { ...(own?.enabled ? { own } : {}), exemptMinutes };
  }

  /**
   * Whether the caller must prove a second factor before a sensitive operation: its operation protection
   * is on, and `holder` (the console session) did not verify within the exemption window (Volcengine
   * SafeAuthExemptDuration). When it must, a challenge is opened and described.
   * @throws precondition-failed when protection is on but the user has no way to verify
   */
  async check(ctx: CallContext, holder: string): Promise<OperationChallenge | undefined> {
    const { clock, ids } = this.deps;
    const { userId, accountId } = ctx.principal;
    const protection = await this.protectionOf(accountId, userId);
    if (!protection) return undefined;
    const now = clock.now();
    if (await this.mfa.isTrusted(userId, holderHash(userId, holder), now)) return undefined;
    const user = await this.deps.store.fresh.users.findById(accountId, userId);
    if (!user) throw new NotFoundError('user', ctx.principal.userName);
    const designated = protection.designated;
    if (designated && !designated.destination) throw new PreconditionFailedError('operation protection verifies by a designated person, but the policy names no destination');
    const method = designated ? designated.method : await this.methodFor(userId, protection.own, user);
    if (!method) throw new PreconditionFailedError('operation protection is on, but the user has no virtual MFA device, email address or mobile number to verify with');
    const challenge: SignInChallenge = {
      // SECURITY: not 32 hex digits, so a sign-in step (SecondFactor.live) never accepts it
      id: `op-${ids.hexId()}`,
      accountId,
      userId,
      sourceIp: ctx.sourceIp,
      method,
      passwordOk: true,
      failures: 0,
      codeHash: null,
      codeExpiresAt: null,
      expiresAt: now + OPERATION_CHALLENGE_TTL_MS,
      completedAt: null,
      createdAt: now,
    };
    await this.mfa.challenges.create(challenge);
    const to = designated ? { email: designated.destination, phone: designated.destination } : user;
    const masked = method === 'email' ? maskEmail(to.email) : method === 'sms' ? maskPhone(to.phone) : undefined;
    return { id: challenge.id, method, ...(masked !== undefined ? { maskedDestination: masked } : {}), expiresAt: challenge.expiresAt };
  }

  /**
   * Sends the code of an operation challenge by email or SMS (one send a minute per channel).
   * @throws not-found (challenge) | invalid-input (vmfa, no destination) | precondition-failed (no sender, too soon)
   */
  async sendCode(ctx: CallContext, challengeId: string): Promise<{ maskedDestination: string }> {
    const { clock, store } = this.deps;
    const now = clock.now();
    const challenge = await this.live(ctx, challengeId, now);
    const user = await store.fresh.users.findById(ctx.principal.accountId, challenge.userId);
    if (!user) throw new NotFoundError('user', ctx.principal.userName);
    if (challenge.method === 'vmfa') throw new NoDestinationError('vmfa');
    const channel = challenge.method;
    const designated = (await this.protectionOf(user.accountId, user.id))?.designated;
    const destination = designated ? (designated.method === channel ? designated.destination : '') : channel === 'email' ? user.email : user.phone;
    if (!destination) throw new NoDestinationError(channel);
    const sender = this.verification?.senders[channel];
    if (!sender) throw new CodeSenderUnavailableError(channel);
    const claim = await this.mfa.claimSend(user.id, channel, now, SEND_INTERVAL_MS);
    if (!claim.claimed) throw new SendTooSoonError(channel, claim.lastSentAt + SEND_INTERVAL_MS);
    const code = newOneTimeCode();
    await this.mfa.challenges.setCode(challenge.id, hashOneTimeCode(challenge.id, code), now + OPERATION_CHALLENGE_TTL_MS);
    try {
      await sender.send({ channel, destination, subject: 'Your operation verification code', text: `Your polyiam verification code is ${code}. It confirms a sensitive operation in the console and expires in 5 minutes. If you did not ask for it, change your password.`, code });
    } catch (err) {
      await this.mfa.releaseSend(user.id, channel, now);
      throw new CodeSenderUnavailableError(channel, err);
    }
    this.deps.audit.success(ctx, OperationProtectionAuditActions.sendCode, `user/${user.name}`);
    return { maskedDestination: channel === 'email' ? maskEmail(destination) : maskPhone(destination) };
  }

  /**
   * Answers an operation challenge; a right code opens the exemption window for `holder`, inside which
   * `check` asks nothing. A challenge dies after 5 wrong codes.
   * @throws authentication-failed (wrong code, dead or foreign challenge)
   */
  async verify(ctx: CallContext, holder: string, challengeId: string, code: string): Promise<void> {
    const { clock } = this.deps;
    const now = clock.now();
    const resource = `user/${ctx.principal.userName}`;
    try {
      const challenge = await this.live(ctx, challengeId, now);
      const right = /^[0-9]{6}$/.test(code) && (challenge.method === 'vmfa'
        ? (await this.verification?.devices.verifyUserCode(challenge.userId, code)) === true
        : challenge.codeExpiresAt !== null && challenge.codeExpiresAt > now && oneTimeCodeMatches(challenge.id, code, challenge.codeHash));
      if (!right || !(await this.mfa.challenges.complete(challenge.id, now, MAX_WRONG_CODES))) {
        await this.mfa.challenges.recordWrongCode(challenge.id, MAX_WRONG_CODES);
        throw new AuthenticationError('bad-credentials');
      }
      const minutes = (await this.protectionOf(challenge.accountId, challenge.userId))?.exemptMinutes ?? DEFAULT_OPERATION_EXEMPT_MINUTES;
      await this.mfa.trustDevice(challenge.userId, holderHash(challenge.userId, holder), now + minutes * 60_000);
      this.deps.audit.success(ctx, OperationProtectionAuditActions.verify, resource);
    } catch (err) {
      this.deps.audit.failure(ctx, OperationProtectionAuditActions.verify, resource, err);
      throw err;
    }
  }

  /** @throws authentication-failed when the challenge is not the caller's live one */
  private async live(ctx: CallContext, challengeId: string, now: number): Promise<SignInChallenge> {
    const challenge = /^op-[0-9a-f]{32}$/.test(challengeId) ? await this.mfa.challenges.find(challengeId) : undefined;
    const alive =
      challenge !== undefined &&
      challenge.accountId === ctx.principal.accountId &&
      challenge.userId === ctx.principal.userId &&
      challenge.expiresAt > now &&
      challenge.completedAt === null &&
      challenge.failures < MAX_WRONG_CODES;
    if (!alive) throw new AuthenticationError('token-invalid');
    return challenge;
  }

  /** The first of the record's methods the user can answer; any it can when the record names none (or there is no record: the account's policy). */
  private async methodFor(userId: string, protection: OperationProtection | undefined, user: { email: string; phone: string }): Promise<SecondFactorMethod | undefined> {
    const methods = protection && protection.methods.length > 0 ? protection.methods : (['vmfa', 'email', 'phone'] as const);
    for (const method of methods) {
      if (method === 'vmfa' && (await this.verification?.devices.hasEnabledDevice(userId))) return 'vmfa';
      if (method === 'email' && user.email) return 'email';
      if (method === 'phone' && user.phone) return 'sms';
    }
    return undefined;
  }

  /** @throws access-denied | not-found (user, or no record: Volcengine SecurityConfigNotExist) */
  get(ctx: CallContext, ref: UserRef): Promise<{ user: User; protection: OperationProtection }> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.getOperationProtection, userResource(accountId, ref, store), async () => {
      const user = await requireUser(store, accountId, ref);
      const protection = await this.mfa.findOperationProtection(user.id);
      if (!protection) throw new NotFoundError('operation-protection', user.name);
      return { user, protection };
    });
  }

  /** Applies the given fields over the user's record (or the defaults). @throws access-denied | not-found | invalid-input */
  set(ctx: CallContext, ref: UserRef, changes: Partial<OperationProtection>): Promise<OperationProtection> {
    const { store, clock } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.updateOperationProtection, userResource(accountId, ref, store), async () => {
      const user = await requireUser(store, accountId, ref);
      const current = (await this.mfa.findOperationProtection(user.id)) ?? { enabled: true, methods: [], exemptMinutes: DEFAULT_OPERATION_EXEMPT_MINUTES };
      const next: OperationProtection = {
        enabled: changes.enabled ?? current.enabled,
        methods: changes.methods ?? current.methods,
        exemptMinutes: changes.exemptMinutes ?? current.exemptMinutes,
      };
      const [min, max] = OPERATION_EXEMPT_RANGE;
      if (!Number.isInteger(next.exemptMinutes) || next.exemptMinutes < min || next.exemptMinutes > max) {
        throw new InvalidInputError('exemptDuration', `must be from ${min} to ${max} minutes`);
      }
      await this.mfa.putOperationProtection(user.id, next, clock.now());
      return next;
    });
  }
}
