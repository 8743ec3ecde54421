import { AuthenticationError } from '../core/errors.js';
import type { Clock } from '../core/ports.js';
import type { Principal } from '../core/principal.js';
import type { RevocationCheck } from './revocation-check.js';
import type { SessionCredentials } from '../core/roles/session-credentials.js';
import type { SigningKeyCache } from './signing-key-cache.js';
import { detectScheme, verifySignature } from './signing/index.js';
import { checkFreshness, type ParsedSignature, type SignatureScheme, type SignedRequest } from './signing/signed-request.js';

export interface AuthenticatedRequest {
  principal: Principal;
  signature: ParsedSignature;
}

/**
 * Verifies a signed request against the access key's secret and yields its principal. Each dialect says
 * which schemes it speaks; anything else is an authentication failure with an internal reason.
 */
export class RequestAuthenticator {
  constructor(
    private readonly keys: SigningKeyCache,
    private readonly clock: Clock,
    /** on a database shared by several nodes: a cached key is checked against the database per request */
    private readonly revocations?: RevocationCheck,
    /** temporary credentials (issue #13); without it a request carrying a security token is refused */
    private readonly sessions?: SessionCredentials,
  ) {}

  /** @throws authentication-failed (missing | malformed | clock-skew | unknown-key | inactive-key | user-disabled | bad-signature) */
  async authenticate(req: SignedRequest, schemes: readonly SignatureScheme[]): Promise<AuthenticatedRequest> {
    const parsed = detectScheme(req);
    if (parsed === null) throw new AuthenticationError('missing');
    if (typeof parsed === 'string') throw new AuthenticationError(parsed === 'expired' ? 'clock-skew' : parsed === 'bad-signature' ? 'bad-signature' : parsed === 'missing' ? 'missing' : 'malformed');
    if (!schemes.includes(parsed.scheme)) throw new AuthenticationError('malformed');
    if (checkFreshness(parsed, this.clock.now()) !== null) throw new AuthenticationError('clock-skew');
    // a cached key is used without an await: no suspension and resumption on the hot path
    const token = parsed.securityToken;
    let identity;
    if (token === undefined) identity = this.keys.peek(parsed.accessKeyId) ?? (await this.keys.resolve(parsed.accessKeyId));
    else if (this.sessions === undefined) throw new AuthenticationError('token-invalid');
    // temporary credentials: the key id and secret come from the sealed token (X-Amz-Security-Token, X-Security-Token)
    else identity = this.sessions.peek(parsed.accessKeyId, token) ?? (await this.sessions.resolve(parsed.accessKeyId, token));
    if (!verifySignature(req, parsed, identity.secret)) throw new AuthenticationError('bad-signature');
    // a temporary key has no access-key row: its role's row decides, through the role cache the change
    // feed drops on every node (TODO(#13): a per-use role check through RevocationCheck)
    if (this.revocations && token === undefined) {
      // SECURITY: another node may have deleted or deactivated the key, or disabled its user, a moment
      // ago; its notification may still be on the way, the database already says so
      const refused = await this.revocations.accessKey(parsed.accessKeyId);
      if (refused !== null) {
        this.keys.forget(parsed.accessKeyId);
        throw new AuthenticationError(refused);
      }
    }
    return { principal: identity.principal, signature: parsed };
  }
}
