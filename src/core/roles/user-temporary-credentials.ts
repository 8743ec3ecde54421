import { StsActions } from '../authorization/actions.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { AccessDeniedError, InvalidInputError } from '../errors.js';
import type { PolicySyntax } from '../policies/document.js';
import { validatePolicyDocument } from '../policies/validate.js';
import type { CallContext } from '../principal.js';
import type { IssuedSession, SessionCredentials } from './session-credentials.js';

export interface UserTemporaryCredentialsInput {
  /** seconds; 900 when absent */
  durationSeconds?: number;
  /** a session policy narrowing the credentials to the intersection with the caller's rights */
  policy?: { text: string; syntax: PolicySyntax };
}

/**
 * Huawei CreateTemporaryAccessKeyByToken (iam_04_0002), `token.duration_seconds`: "valid for 15 minutes
 * to 24 hours", 15 minutes when absent.
 */
export const USER_CREDENTIALS_MIN_SECONDS = 900;
export const USER_CREDENTIALS_MAX_SECONDS = 86_400;
const DEFAULT_SECONDS = 900;

/**
 * Temporary AK/SK and security token of the caller itself (Huawei CreateTemporaryAccessKeyByToken): the
 * caller's own rights for a while, narrowed by the session policy when one is given ("the permissions
 * are the intersection of the original token's and the policy's"). "You do not need to obtain
 * permissions to call this API", hence no policy check of the call itself; unlike AWS GetSessionToken
 * credentials, these call IAM as the user's token did, MFA or not.
 */
export class UserTemporaryCredentialsService {
  constructor(
    private readonly deps: CoreDeps,
    private readonly credentials: SessionCredentials,
  ) {}

  /** @throws access-denied (temporary credentials asking for more) | invalid-input (durationSeconds, MalformedPolicyDocumentError) */
  issue(ctx: CallContext, input: UserTemporaryCredentialsInput): Promise<IssuedSession> {
    const { principal } = ctx;
    const resource = { type: 'user' as const, accountId: principal.accountId, id: principal.userId };
    return runCommand(this.deps, ctx, StsActions.getSessionToken, resource, async () => {
      // a user's temporary credentials do not mint more (nor do console sessions)
      if (principal.userSession || (principal.authMethod !== 'access-key' && principal.authMethod !== 'token')) {
        throw new AccessDeniedError(StsActions.getSessionToken, `user/${principal.userName}`, 'not-allowed');
      }
      const asked = input.durationSeconds;
      if (asked !== undefined && (asked < USER_CREDENTIALS_MIN_SECONDS || asked > USER_CREDENTIALS_MAX_SECONDS)) {
        throw new InvalidInputError('durationSeconds', `must be between ${USER_CREDENTIALS_MIN_SECONDS} and ${USER_CREDENTIALS_MAX_SECONDS} seconds`);
      }
      if (input.policy) validatePolicyDocument(input.policy.text, input.policy.syntax, 'session');
      const now = this.deps.clock.now();
      if (principal.session) return this.fromAgencySession(ctx, input, now + (asked ?? DEFAULT_SECONDS) * 1000);
      // a token that proved MFA (password + virtual MFA) passes it on: aws:MultiFactorAuthAge counts from it
      const mfaAt = principal.mfaAuthenticated ? (principal.mfaAuthenticatedAt ?? now) : null;
      return this.credentials.issueForUser(
        {
          accountId: principal.accountId,
          userId: principal.userId,
          userName: principal.userName,
          isRoot: principal.isRoot,
          issuedAt: now,
          expiresAt: now + (asked ?? DEFAULT_SECONDS) * 1000,
          mfaAt,
          callsIam: true,
          ...(input.policy ? { policy: input.policy } : {}),
        },
        this.deps.ids.temporaryAccessKeyId(),
        this.deps.ids.secretAccessKey(),
      );
    }, undefined, { grantedBy: 'caller-itself' });
  }

  /**
   * iam_04_0002 X-Auth-Token "IAM user token, federated user token, or agency token": with an agency's
   * token, temporary AK/SK of that same agency session. SECURITY: they never outlive the session they
   * come from, keep its issue time (so the role's "revoke sessions issued before" reaches them) and its
   * session policy; a second session policy cannot be written as one document, so it is refused.
   */
  private fromAgencySession(ctx: CallContext, input: UserTemporaryCredentialsInput, wantedExpiry: number): IssuedSession {
    const { principal } = ctx;
    const session = principal.session!;
    if (input.policy && (session.policy !== null || session.policyIds.length > 0)) {
      throw new InvalidInputError('policy', 'the agency session already carries a session policy');
    }
    const derived = {
      ...session,
      expiresAt: Math.min(wantedExpiry, session.expiresAt),
      ...(input.policy ? { policy: input.policy.text, policySyntax: input.policy.syntax } : {}),
    };
    return this.credentials.issue(derived, principal.accountId, this.deps.ids.temporaryAccessKeyId(), this.deps.ids.secretAccessKey(), principal.mfaAuthenticated, principal.mfaAuthenticatedAt);
  }
}
