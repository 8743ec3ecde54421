/**
 * A console session: one signed-in browser. The browser holds a random token in an HttpOnly cookie;
 * the server keeps only its SHA-256 (`idHash`), so a copy of the database opens no session.
 */
export type SessionStage =
  /** signed in: every console page */
  | 'active'
  /** the right password, but it must be changed first (reset required, or expired without hard expiry) */
  | 'password-change'
  /** the right password, login protection asks for a second factor (`challengeId`) */
  | 'second-factor';

/** Login protection's challenge, as core's sign-in returns it (issue #11). */
export interface SignInChallenge {
  id: string;
  method: 'vmfa' | 'sms' | 'email';
  maskedDestination?: string;
  expiresAt: number;
  canTrustDevice: boolean;
}

export interface ConsoleSession {
  idHash: string;
  accountId: string;
  userId: string;
  stage: SessionStage;
  /** SECURITY: random per session, required in every form post (double submit would trust a cookie an attacker may plant) */
  csrfToken: string;
  /**
   * INVARIANT: the login profile's `passwordChangedAt` when the session began. A password change or
   * reset moves it, a deleted profile has none, so either ends the session at its next request.
   */
  passwordChangedAt: number;
  createdAt: number;
  lastSeenAt: number;
  idleTimeoutMs: number;
  /** the absolute end, whatever the activity */
  expiresAt: number;
  /** passed login protection's second factor in this sign-in */
  mfaAuthenticated: boolean;
  /** the pending second factor of a `second-factor` session */
  challenge: SignInChallenge | null;
  sourceIp: string | null;
  userAgent: string | null;
  /** the sign-in before this one (login policy: show the recent login), from the login profile */
  previousLoginAt: number | null;
  previousLoginIp: string | null;
}

/** One attempt at the console's sign-in form, kept to bound attempts per source IP and per user. */
export interface SignInAttempt {
  id: string;
  at: number;
  accountId: string | null;
  /** `account/user name` as typed, lowercased: the per-user limit holds for unknown users too */
  userKey: string;
  userId: string | null;
  outcome: string;
  sourceIp: string | null;
  userAgent: string | null;
}

/** Session lifetimes. */
export interface SessionSettings {
  idleTimeoutMs: number;
  absoluteTimeoutMs: number;
  /** a half-finished sign-in (password change, second factor) lives this long */
  pendingTimeoutMs: number;
}

export const DEFAULT_SESSION_SETTINGS: SessionSettings = {
  idleTimeoutMs: 30 * 60_000,
  absoluteTimeoutMs: 12 * 60 * 60_000,
  pendingTimeoutMs: 10 * 60_000,
};

/**
 * The lifetimes the account login policy sets. Huawei `session_timeout` (15-1440 minutes) ends a
 * session the user left unused that long: the idle timeout. Whatever the activity, a session ends
 * after 12 hours as an AWS console session does, or after the idle timeout if that is longer.
 */
export function sessionSettingsOf(policy: { sessionTimeoutMinutes: number }): SessionSettings {
  const idleTimeoutMs = policy.sessionTimeoutMinutes * 60_000;
  return { ...DEFAULT_SESSION_SETTINGS, idleTimeoutMs, absoluteTimeoutMs: Math.max(DEFAULT_SESSION_SETTINGS.absoluteTimeoutMs, idleTimeoutMs) };
}

/** Sign-in attempts allowed per window, on top of the login profile's lockout. */
export interface SignInLimits {
  windowMs: number;
  perSourceIp: number;
  perUser: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  windowMs: 5 * 60_000,
  perSourceIp: 30,
  perUser: 10,
};
