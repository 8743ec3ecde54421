import { StsActions } from '../authorization/actions.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { AccessDeniedError, InvalidInputError } from '../errors.js';
import type { CallContext } from '../principal.js';
import { proveMfa, type MfaCodeVerifier, type MfaOffer } from './mfa-proof.js';
import type { IssuedSession, SessionCredentials } from './session-credentials.js';

export interface GetSessionTokenInput {
  /** seconds; 43,200 when absent (3,600 for the root) */
  durationSeconds?: number;
  mfa?: MfaOffer;
}

export interface SessionToken extends IssuedSession {
  mfaAuthenticated: boolean;
}

/**
 * AWS "GetSessionToken": DurationSeconds 900 to 129,600 (36 hours), default 43,200; "Sessions for AWS
 * account owners are restricted to a maximum of 3,600 seconds... defaults to one hour" (clamped).
 */
const MIN_DURATION = 900;
const MAX_DURATION = 129_600;
const DEFAULT_DURATION = 43_200;
const ROOT_MAX_DURATION = 3_600;

/** A session-credential caller asking for another: AWS AccessDenied "Cannot call GetSessionToken with session credentials". */
export class SessionCredentialsRefusedError extends AccessDeniedError {
  constructor(resource: string) {
    super(StsActions.getSessionToken, resource, 'not-allowed');
  }
}

/**
 * AWS STS GetSessionToken: temporary credentials with the caller's own rights, MFA-flagged when a code
 * of the caller's device was given (the usual way to satisfy `aws:MultiFactorAuthPresent` from the CLI).
 * "No permissions are required for a user to get temporary credentials" (A-TMP), hence no policy check.
 */
export class SessionTokenService {
  constructor(
    private readonly deps: CoreDeps,
    private readonly credentials: SessionCredentials,
    private readonly mfa?: MfaCodeVerifier,
  ) {}

  /** @throws access-denied (session credentials, MfaAuthenticationError) | invalid-input (durationSeconds) */
  getSessionToken(ctx: CallContext, input: GetSessionTokenInput): Promise<SessionToken> {
    const { principal } = ctx;
    const resource = { type: 'user' as const, accountId: principal.accountId, id: principal.userId };
    return runCommand(this.deps, ctx, StsActions.getSessionToken, resource, async () => {
      const described = `user/${principal.userName}`;
      if (principal.session || principal.userSession || principal.authMethod !== 'access-key') throw new SessionCredentialsRefusedError(described);
      const duration = this.duration(input.durationSeconds, principal.isRoot);
      let mfaAt: number | null = null;
      if (input.mfa) {
        await proveMfa(this.mfa, principal, input.mfa, StsActions.getSessionToken, described);
        mfaAt = this.deps.clock.now();
      }
      const now = this.deps.clock.now();
      const issued = this.credentials.issueForUser(
        { accountId: principal.accountId, userId: principal.userId, userName: principal.userName, isRoot: principal.isRoot, issuedAt: now, expiresAt: now + duration * 1000, mfaAt },
        this.deps.ids.temporaryAccessKeyId(),
        this.deps.ids.secretAccessKey(),
      );
      return { ...issued, mfaAuthenticated: mfaAt !== null };
    }, undefined, { grantedBy: 'caller-itself' });
  }

  private duration(asked: number | undefined, isRoot: boolean): number {
    if (asked !== undefined && (asked < MIN_DURATION || asked > MAX_DURATION)) {
      throw new InvalidInputError('durationSeconds', asked < MIN_DURATION ? `must be at least ${MIN_DURATION} seconds` : `must be at most ${MAX_DURATION} seconds`);
    }
    const wanted = asked ?? DEFAULT_DURATION;
    return isRoot ? Math.min(wanted, ROOT_MAX_DURATION) : wanted;
  }
}
