import type { ChangeFeed } from '../../core/change-feed.js';
import type { CredentialsService } from '../../core/credentials/sign-in.js';
import { AuthenticationError } from '../../core/errors.js';
import type { Clock, IdGenerator } from '../../core/ports.js';
import type { Account } from '../../core/accounts/account.js';
import type { CallContext, Principal } from '../../core/principal.js';
import type { PlainPassword } from '../../core/secrets.js';
import { DEFAULT_TOKEN_LIFETIME_MS, type TokenClaims, type TokenMethod } from '../../core/tokens/token.js';
import type { PasswordSignIn, SignInFacts, TokenGrant, TokenSubject, TokensService } from '../../core/tokens/tokens-service.js';
import type { RevocationCheck } from '../revocation-check.js';
import { RevocationCache, SubjectCache } from './token-caches.js';
import { decodeToken, encodeToken, tokenKeyId } from './token-codec.js';
import type { RotationResult, TokenKeyRing } from './token-key-ring.js';

export interface TokenServiceOptions {
  /** how long a token lives from its first issue; re-scoping never extends it */
  lifetimeMs?: number;
  /** how long another node's change to a token holder may go unseen here */
  subjectTtlMs?: number;
  /** how long another node's revocation may go unseen here (without `revocationCheck`) */
  revocationRefreshMs?: number;
  /** on a database shared by several nodes: revocation and the holder's standing read per request */
  revocationCheck?: RevocationCheck;
  /**
   * Whether an application credential may still carry tokens (issue #16): read at every use of a token
   * it issued, so a deleted or expired credential ends its tokens at once on every node.
   */
  applicationCredentialUsable?: (id: string) => Promise<{ expiresAtMicros: number | null } | undefined>;
  /** cloud operators (issue #16): without it, no system-scoped token or token on another domain is valid */
  operators?: OperatorReach;
}

/**
 * What an operator's token needs checked at every use (issue #16), read from the database: the holder
 * is still an operator, and the domain it scoped to still exists and is enabled.
 */
export interface OperatorReach {
  isOperator(accountId: string, userId: string): Promise<boolean>;
  domain(id: string): Promise<Account | undefined>;
}

export type TokenScope = TokenClaims['scope'];

const MAX_OPENED = 10_000;

/** A token and what it stands for, as issued or as validated. */
export interface TokenView {
  token: string;
  claims: TokenClaims;
  subject: TokenSubject;
}

export interface AuthenticatedToken extends TokenView {
  principal: Principal;
}

/**
 * Keystone-style tokens: issue (password or re-scope), authenticate, validate someone's token,
 * revoke. A token dies when it expires, is revoked, or its holder is deleted, disabled, or changes or
 * loses its password; checking all that needs no database round trip per request (see the caches).
 */
export class TokenService {
  readonly lifetimeMs: number;
  private readonly revocations: RevocationCache;
  private readonly subjects: SubjectCache;
  private readonly revocationCheck: RevocationCheck | undefined;
  private readonly operators: OperatorReach | undefined;
  private readonly applicationCredentialUsable: TokenServiceOptions['applicationCredentialUsable'];
  /**
   * Claims of authentic tokens already opened. Only what the token itself says is kept: expiry,
   * revocation and the holder are checked again at every use. A retired key's tokens have all expired.
   */
  private readonly opened = new Map<string, TokenClaims>();

  constructor(
    private readonly core: TokensService,
    private readonly credentials: CredentialsService,
    private readonly keys: TokenKeyRing,
    private readonly clock: Clock,
    private readonly changes: ChangeFeed,
    private readonly ids: IdGenerator,
    options: TokenServiceOptions = {},
  ) {
    this.lifetimeMs = options.lifetimeMs ?? DEFAULT_TOKEN_LIFETIME_MS;
    this.revocations = new RevocationCache(core, clock, options.revocationRefreshMs);
    this.subjects = new SubjectCache((accountId, userId) => core.loadSubject(accountId, userId), clock, changes, options.subjectTtlMs);
    this.revocationCheck = options.revocationCheck;
    this.applicationCredentialUsable = options.applicationCredentialUsable;
    this.operators = options.operators;
  }

  /** Whether the holder may scope to the system or to any domain (issue #16): read from the database. */
  isOperator(subject: TokenSubject): Promise<boolean> {
    return this.operators ? this.operators.isOperator(subject.account.id, subject.user.id) : Promise.resolve(false);
  }

  /** Password check with lockout (core `signIn`). @throws authentication-failed | expired */
  signIn(facts: SignInFacts, input: PasswordSignIn): Promise<TokenGrant> {
    return this.core.signIn(facts, input);
  }

  /** A fresh token for a successful sign-in. */
  issue(grant: TokenGrant, scope: TokenScope, projectId?: string, domainId?: string): TokenView {
    const now = this.clock.now();
    this.subjects.remember(grant.subject);
    return this.seal(grant.subject, {
      tokenId: this.ids.hexId(),
      accountId: grant.subject.account.id,
      userId: grant.subject.user.id,
      methods: grant.mfaAuthenticatedAt !== undefined ? ['password', 'totp'] : ['password'],
      scope,
      ...(scope === 'project' && projectId !== undefined ? { projectId } : {}),
      ...(scope === 'domain' && domainId !== undefined ? { domainId } : {}),
      issuedAt: now,
      expiresAt: now + this.lifetimeMs,
      passwordChangeOnly: grant.passwordChangeOnly,
    });
  }

  /**
   * Keystone `application_credential` method: a token of the credential's user scoped to its project,
   * ending when the credential expires if that comes first. The credential's secret was checked by core.
   * @throws authentication-failed (the user is gone or disabled)
   */
  async issueForApplicationCredential(credential: { id: string; accountId: string; userId: string; projectId: string; expiresAtMicros: number | null }): Promise<TokenView> {
    const subject = await this.core.loadSubject(credential.accountId, credential.userId);
    if (!subject) throw new AuthenticationError('bad-credentials');
    if (!subject.user.enabled) throw new AuthenticationError('user-disabled');
    this.subjects.remember(subject);
    const now = this.clock.now();
    const credentialEnds = credential.expiresAtMicros === null ? Infinity : Math.floor(credential.expiresAtMicros / 1000);
    return this.seal(subject, {
      tokenId: this.ids.hexId(),
      accountId: credential.accountId,
      userId: credential.userId,
      methods: ['application_credential'],
      scope: 'project',
      projectId: credential.projectId,
      applicationCredentialId: credential.id,
      issuedAt: now,
      expiresAt: Math.min(now + this.lifetimeMs, credentialEnds),
      passwordChangeOnly: false,
    });
  }

  /** Keystone `token` method: a new token for the same holder and restrictions, ending when the old one ends. */
  rescope(from: AuthenticatedToken, scope: TokenScope, projectId?: string, domainId?: string): TokenView {
    // Keystone: a token of an application credential stays on its project with its roles (issue #16)
    if (from.claims.applicationCredentialId !== undefined) throw new AuthenticationError('token-invalid');
    const methods: TokenMethod[] = ['token', ...from.claims.methods.filter((m) => m !== 'token')];
    const { projectId: _previous, domainId: _previousDomain, ...claims } = from.claims;
    return this.seal(from.subject, {
      ...claims,
      tokenId: this.ids.hexId(),
      methods,
      scope,
      ...(scope === 'project' && projectId !== undefined ? { projectId } : {}),
      ...(scope === 'domain' && domainId !== undefined ? { domainId } : {}),
      issuedAt: this.clock.now(),
    });
  }

  /**
   * The holder of a token presented as a credential (X-Auth-Token).
   * @throws authentication-failed (token-invalid | token-expired | token-revoked | user-disabled)
   */
  async authenticate(token: string): Promise<AuthenticatedToken> {
    const result = await this.check(token);
    if (typeof result === 'string') throw new AuthenticationError(result);
    return result;
  }

  /**
   * Keystone GET /v3/auth/tokens: someone's token, seen by its holder or an administrator of its
   * account. Null when the token is not valid, or belongs to another account (which is not told apart).
   * `caller` is the caller's own token when it authenticated with one: a token validating itself (the
   * common case) is not opened twice.
   * @throws access-denied
   */
  async inspect(ctx: CallContext, token: string, caller?: AuthenticatedToken): Promise<AuthenticatedToken | null> {
    const result = caller?.token === token ? caller : await this.check(token);
    if (typeof result === 'string') return null;
    const asked = homeContext(ctx, caller, result.claims);
    if (result.claims.accountId !== asked.principal.accountId) return null;
    await this.core.authorizeValidation(asked, result.claims);
    return result;
  }

  /** Keystone DELETE /v3/auth/tokens. False when there is no such valid token. @throws access-denied */
  async revoke(ctx: CallContext, token: string, caller?: AuthenticatedToken): Promise<boolean> {
    const result = await this.check(token);
    if (typeof result === 'string') return false;
    const asked = homeContext(ctx, caller, result.claims);
    if (result.claims.accountId !== asked.principal.accountId) return false;
    this.revocations.remember(await this.core.revoke(asked, result.claims));
    return true;
  }

  /**
   * The caller changes its own password (Keystone POST /v3/users/{user_id}/password); its tokens, and
   * every other token of that user, stop working at once on this node.
   * @throws access-denied | authentication-failed | password-policy | expired | not-found | invalid-input | precondition-failed
   */
  async changeOwnPassword(ctx: CallContext, originalPassword: PlainPassword, password: PlainPassword): Promise<void> {
    await this.credentials.changePassword(ctx, originalPassword, password);
    this.changes.emit({ kind: 'user', id: ctx.principal.userId });
  }

  /** `polyiam keys rotate` */
  rotateKeys(): Promise<RotationResult> {
    return this.keys.rotate(this.lifetimeMs);
  }

  private seal(subject: TokenSubject, claims: TokenClaims): TokenView {
    return { token: encodeToken(claims, this.keys.primary()), claims, subject };
  }

  /** Opens a token, remembering what authentic tokens say: a client sends the same token many times. */
  private async open(token: string): Promise<TokenClaims | null> {
    const known = this.opened.get(token);
    if (known) return known;
    const keyId = tokenKeyId(token);
    const key = keyId === null ? undefined : await this.keys.find(keyId);
    const claims = key ? decodeToken(token, key) : null;
    if (claims) {
      if (this.opened.size >= MAX_OPENED) this.opened.clear();
      this.opened.set(token, claims);
    }
    return claims;
  }

  private async check(token: string): Promise<AuthenticatedToken | 'token-invalid' | 'token-expired' | 'token-revoked' | 'user-disabled'> {
    const claims = await this.open(token);
    if (!claims) return 'token-invalid';
    if (claims.expiresAt <= this.clock.now()) return 'token-expired';
    if (this.revocationCheck) {
      // SECURITY: another node's revocation, password change or disabling is in the database the
      // moment it is acknowledged; the caches below may not have heard of it yet
      const refused = await this.revocationCheck.token(claims);
      if (refused !== null) {
        this.subjects.forget(claims.userId);
        return refused;
      }
    } else if (await this.revocations.isRevoked(claims.tokenId)) return 'token-revoked';
    const subject = await this.subjects.get(claims.accountId, claims.userId);
    if (!subject) return 'token-invalid';
    if (!subject.user.enabled || !subject.account.enabled) return 'user-disabled';
    if (claims.applicationCredentialId !== undefined) {
      // SECURITY: the credential is read at every use: deleting it ends its tokens at once (issue #16)
      const credential = await this.applicationCredentialUsable?.(claims.applicationCredentialId);
      if (!credential) return 'token-revoked';
      // a password change after the token was issued ends it too; a user without a password keeps its credential
      if (subject.passwordChangedAt !== null && subject.passwordChangedAt > claims.issuedAt) return 'token-revoked';
    } else if (subject.passwordChangedAt === null || subject.passwordChangedAt > claims.issuedAt) {
      // a password change (or removal) after the token was issued ends it, as Keystone does
      return 'token-revoked';
    }
    const principal: Principal = {
      accountId: subject.account.id,
      userId: subject.user.id,
      userName: subject.user.name,
      isRoot: subject.user.isRoot,
      authMethod: 'token',
      mfaAuthenticated: false,
    };
    // a password + totp token proved MFA when its chain began (AWS-style aws:MultiFactorAuthAge counts from issue)
    if (claims.methods.includes('totp')) Object.assign(principal, { mfaAuthenticated: true, mfaAuthenticatedAt: claims.issuedAt });
    if (claims.scope === 'system' || claims.domainId !== undefined) {
      const reach = await this.operatorPrincipal(claims, subject, principal);
      if (typeof reach === 'string') return reach;
      return { token, claims, subject, principal: reach };
    }
    return { token, claims, subject, principal };
  }

  /**
   * An operator's token (issue #16), checked at every use against the database: a revoked grant, or a
   * deleted or disabled target domain, ends it at once on every node. On another domain the operator
   * acts with that domain's root reach; its own account and user travel with it for the audit trail.
   */
  private async operatorPrincipal(claims: TokenClaims, subject: TokenSubject, own: Principal): Promise<Principal | 'token-revoked'> {
    if (!(await this.isOperator(subject))) return 'token-revoked';
    const operator = { accountId: subject.account.id, accountName: subject.account.name, userId: subject.user.id, userName: subject.user.name };
    if (claims.domainId === undefined) return { ...own, operator };
    const domain = await this.operators!.domain(claims.domainId);
    if (!domain?.enabled) return 'token-revoked';
    return { ...own, accountId: domain.id, isRoot: true, operator };
  }
}

/**
 * An operator acting in another domain (issue #16) who validates or revokes a token of its own home
 * account (its own token, typically) does so as itself at home, not with its reach in that domain.
 */
function homeContext(ctx: CallContext, caller: AuthenticatedToken | undefined, claims: TokenClaims): CallContext {
  const operator = ctx.principal.operator;
  if (!operator || !caller || ctx.principal.accountId === operator.accountId || claims.accountId !== operator.accountId) return ctx;
  return { ...ctx, principal: { ...ctx.principal, accountId: operator.accountId, isRoot: caller.subject.user.isRoot } };
}
