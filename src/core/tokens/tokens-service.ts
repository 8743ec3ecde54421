import type { Account } from '../accounts/account.js';
import type { CallFacts } from '../audit/audit-service.js';
import { Actions, type IamAction } from '../authorization/actions.js';
import { describeResource, type ResourceRef } from '../authorization/authorizer.js';
import { groupAdminDirectory, type AdminDirectory } from '../authorization/root-only-authorizer.js';
import type { CredentialsService } from '../credentials/sign-in.js';
import type { CoreDeps } from '../deps.js';
import { AuthenticationError, ExpiredError, MfaRequiredError } from '../errors.js';
import { loadPasswordPolicy } from '../password-policy/password-policy-service.js';
import { passwordExpiresAt } from '../password-policy/password-policy.js';
import type { CallContext } from '../principal.js';
import type { PlainPassword } from '../secrets.js';
import type { User } from '../users/user.js';
import type { TokenRevocationRepository, UserAccountLookup } from './ports.js';
import { TokenAuditActions, type TokenClaims, type TokenRevocation } from './token.js';

/** Everything a token renders about its holder, read fresh (or from a short cache) at each use. */
export interface TokenSubject {
  account: Account;
  user: User;
  /** null once the user has no password any more: password-based tokens die with it */
  passwordChangedAt: number | null;
  passwordExpiresAt: number | null;
  /** root or member of the `admin` group: Huawei's Security Administrator */
  isAdmin: boolean;
}

export interface PasswordSignIn {
  /** the user by id, or by name within a domain given by id or name (Keystone password method) */
  user: { id: string } | { name: string; domain: { id: string } | { name: string } };
  password: PlainPassword;
  /** Keystone `totp` method (Huawei password + virtual MFA token): the code of the user's device */
  totpCode?: string;
  /** `totp.user`: the user the code is for (by id, or by name in a domain), which must be the user signing in */
  totpUser?: { id: string } | { name: string; domain: { id: string } | { name: string } };
}

/** A successful password check: who signed in, and whether the password must be changed first. */
export interface TokenGrant {
  subject: TokenSubject;
  passwordChangeOnly: boolean;
  /** set when the sign-in also proved a virtual MFA code (Keystone `totp` method) */
  mfaAuthenticatedAt?: number;
}

/** The request facts a sign-in is audited with (there is no principal before it succeeds). */
export type SignInFacts = Pick<CallFacts, 'requestId' | 'dialect' | 'sourceIp'>;

/**
 * The storage side of Keystone-style tokens: password sign-in (through the core `signIn`, so lockout
 * and reset rules apply), the subject a token speaks for, and revocations. Encoding lives in
 * `auth/tokens`; this service never sees a token string.
 */
export class TokensService {
  private readonly admins: AdminDirectory;

  constructor(
    private readonly deps: CoreDeps,
    private readonly credentials: CredentialsService,
    private readonly revocations: TokenRevocationRepository,
    private readonly users: UserAccountLookup,
  ) {
    this.admins = groupAdminDirectory(deps.store.groups, deps.store.users);
  }

  /**
   * Password sign-in. A wrong password counts toward lockout; every failure is the same
   * authentication error to the caller, with the reason kept for the audit log.
   * @throws authentication-failed | expired (a hard-expired password)
   */
  async signIn(facts: SignInFacts, input: PasswordSignIn): Promise<TokenGrant> {
    const account = await this.accountOf(input.user);
    const accountId = account?.id;
    const user = 'id' in input.user ? { id: input.user.id } : { name: input.user.name };
    try {
      // SECURITY: an unknown domain or user id still runs signIn (with an account id that matches
      // nothing), which burns one dummy argon2id verification like a wrong password does.
      const result = await this.credentials.signIn({ accountId: accountId ?? '', user, password: input.password, sourceIp: facts.sourceIp, ...(input.totpCode !== undefined ? { totpCode: input.totpCode } : {}) });
      switch (result.outcome) {
        case 'ok':
        case 'reset-required': {
          // what signIn read is current: the subject needs only the admin check on top
          const signedIn = result.user!;
          if (input.totpUser !== undefined && !isSameUser(input.totpUser, signedIn, account!)) throw new AuthenticationError('bad-credentials');
          const subject: TokenSubject = {
            account: account!,
            user: signedIn,
            passwordChangedAt: result.profile!.passwordChangedAt,
            passwordExpiresAt: result.passwordExpiresAt ?? null,
            isAdmin: signedIn.isRoot || (await this.admins.isAdmin(signedIn.accountId, signedIn.id)),
          };
          this.deps.audit.success(subjectContext(facts, subject), TokenAuditActions.issue, `user/${subject.user.name}`);
          return { subject, passwordChangeOnly: result.outcome === 'reset-required', ...(result.mfaAuthenticatedAt !== undefined ? { mfaAuthenticatedAt: result.mfaAuthenticatedAt } : {}) };
        }
        case 'expired':
          throw new ExpiredError('password');
        case 'locked':
          throw new AuthenticationError('locked');
        case 'disabled':
        case 'not-allowed':
          throw new AuthenticationError('user-disabled');
        case 'bad-credentials':
          throw new AuthenticationError('bad-credentials');
        case 'second-factor-required':
          throw new AuthenticationError('second-factor-required');
      }
    } catch (err) {
      const resource = `user/${'id' in user ? user.id : user.name}`;
      this.deps.audit.rejected({ ...facts, action: TokenAuditActions.issue, accountId: accountId ?? null, resource }, err);
      throw err;
    }
  }

  /** The holder of a token as it is now; undefined when the user or its account is gone. */
  async loadSubject(accountId: string, userId: string): Promise<TokenSubject | undefined> {
    // a token's validity is decided on the database as it is now (this has its own short-lived cache)
    const store = this.deps.store.fresh;
    const [account, user, profile] = await Promise.all([store.accounts.findById(accountId), store.users.findById(accountId, userId), store.loginProfiles.find(userId)]);
    if (!account || !user) return undefined;
    const policy = await loadPasswordPolicy(store, accountId);
    return {
      account,
      user,
      passwordChangedAt: profile?.passwordChangedAt ?? null,
      passwordExpiresAt: profile ? passwordExpiresAt(policy, profile.passwordChangedAt) : null,
      isAdmin: user.isRoot || (await this.admins.isAdmin(accountId, userId)),
    };
  }

  /**
   * Checks that the caller may look at (validate) the token described by `claims`: its own token, or
   * as someone allowed to read that user. Leaves an audit event.
   * @throws access-denied
   */
  authorizeValidation(ctx: CallContext, claims: TokenClaims): Promise<void> {
    return this.guarded(ctx, TokenAuditActions.validate, Actions.getUser, claims, async () => undefined);
  }

  /**
   * Records a revocation so every node refuses the token: the caller's own token, or as someone
   * allowed to change that user.
   * @throws access-denied
   */
  revoke(ctx: CallContext, claims: TokenClaims): Promise<TokenRevocation> {
    const revocation: TokenRevocation = {
      tokenId: claims.tokenId,
      accountId: claims.accountId,
      userId: claims.userId,
      revokedAt: this.deps.clock.now(),
      expiresAt: claims.expiresAt,
    };
    return this.guarded(ctx, TokenAuditActions.revoke, Actions.updateUser, claims, async () => {
      await this.revocations.add(revocation);
      // housekeeping rides on revocations, which are rare: the table never holds a dead token for long
      await this.revocations.purgeExpired(revocation.revokedAt);
      return revocation;
    });
  }

  /** Revocations recorded since `since` whose tokens are still alive, for the nodes' caches. */
  revocationsSince(since: number): Promise<TokenRevocation[]> {
    return this.revocations.listSince(since, this.deps.clock.now());
  }

  /** `runCommand`'s shape, with the audit name apart from the action authorized (see TokenAuditActions). */
  private async guarded<T>(ctx: CallContext, auditAction: string, action: IamAction, claims: TokenClaims, work: () => Promise<T>): Promise<T> {
    const resource: ResourceRef = { type: 'user', accountId: claims.accountId, id: claims.userId };
    try {
      const own = claims.accountId === ctx.principal.accountId && claims.userId === ctx.principal.userId;
      if (!own) await this.deps.authorizer.authorize(ctx, action, resource);
      const result = await work();
      this.deps.audit.success(ctx, auditAction, describeResource(resource));
      return result;
    } catch (err) {
      this.deps.audit.failure(ctx, auditAction, describeResource(resource), err);
      throw err;
    }
  }

  private async accountOf(user: PasswordSignIn['user']): Promise<Account | undefined> {
    const { store } = this.deps;
    if ('id' in user) {
      const accountId = await this.users.accountIdOfUser(user.id);
      return accountId === undefined ? undefined : store.accounts.findById(accountId);
    }
    return 'id' in user.domain ? store.accounts.findById(user.domain.id) : store.accounts.findByName(user.domain.name);
  }
}

/** The context a sign-in is audited under once it is known who signed in. */
function subjectContext(facts: SignInFacts, subject: TokenSubject): CallContext {
  return {
    principal: {
      accountId: subject.account.id,
      userId: subject.user.id,
      userName: subject.user.name,
      isRoot: subject.user.isRoot,
      authMethod: 'token',
      mfaAuthenticated: false,
    },
    requestId: facts.requestId,
    dialect: facts.dialect,
    sourceIp: facts.sourceIp,
    secureTransport: false,
  };
}

/** Whether the Keystone `totp.user` names the user the password signed in (names and domain names compare case-insensitively, as lookups do). */
function isSameUser(ref: NonNullable<PasswordSignIn['totpUser']>, user: User, account: Account): boolean {
  if ('id' in ref) return ref.id === user.id;
  const domainMatches = 'id' in ref.domain ? ref.domain.id === account.id : ref.domain.name.toLowerCase() === account.name.toLowerCase();
  return domainMatches && ref.name.toLowerCase() === user.name.toLowerCase();
}
