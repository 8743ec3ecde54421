import type { Principal } from '../core/principal.js';
import type { AuthenticationFailure } from '../core/errors.js';
import type { TokenClaims } from '../core/tokens/token.js';

/**
 * Lookups by key, batched: every `get` made in one turn of the event loop is answered by one `load`
 * of all their keys (a signed read on a busy node shares its database round trip with the requests
 * that arrived beside it). A failed load fails every `get` of its batch: a credential is never taken
 * as good because the database could not be asked.
 */
export class BatchedLookup<K, V> {
  private pending = new Map<K, Array<{ resolve: (value: V | undefined) => void; reject: (err: unknown) => void }>>();
  private scheduled = false;

  constructor(private readonly load: (keys: readonly K[]) => Promise<ReadonlyMap<K, V>>) {}

  get(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const waiting = this.pending.get(key);
      if (waiting) waiting.push({ resolve, reject });
      else this.pending.set(key, [{ resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    this.scheduled = false;
    try {
      const found = await this.load([...batch.keys()]);
      for (const [key, waiting] of batch) for (const w of waiting) w.resolve(found.get(key));
    } catch (err) {
      for (const waiting of batch.values()) for (const w of waiting) w.reject(err);
    }
  }
}

/** A credential's standing in the database now (what the caches would otherwise answer from memory). */
export interface AccessKeyStanding {
  status: 'active' | 'inactive';
  /** false when the key's user is disabled or gone */
  userEnabled: boolean;
}

export interface TokenHolderStanding {
  enabled: boolean;
  /** null when the user has no password any more */
  passwordChangedAt: number | null;
}

/** Batch reads of credentials' standing, implemented by the store (store/credential-standing.ts). */
export interface CredentialStandingSource {
  accessKeys(ids: readonly string[]): Promise<ReadonlyMap<string, AccessKeyStanding>>;
  tokenHolders(userIds: readonly string[]): Promise<ReadonlyMap<string, TokenHolderStanding>>;
  /** the token ids among `tokenIds` that are revoked */
  revokedTokens(tokenIds: readonly string[]): Promise<ReadonlyMap<string, true>>;
  /** roles that exist, with their "revoke sessions issued before" time (issue #13) */
  roles(roleIds: readonly string[]): Promise<ReadonlyMap<string, RoleStanding>>;
}

export interface RoleStanding {
  accountId: string;
  sessionsRevokedBefore: number | null;
}

/**
 * Revocation at once on a database shared by several nodes (README "Consistency across nodes"): a
 * credential served from this node's caches is checked against the database on every request, so a
 * key deleted or deactivated, a user disabled, deleted or given a new password, or a token revoked on
 * another node is refused here from the moment that node's COMMIT returns, whatever notification is on
 * its way. Each check is one indexed read, batched with the checks beside it (`BatchedLookup`).
 * One process alone (SQLite) needs none of this: its own writes drop its caches synchronously.
 *
 * The hook for other credentials (console sessions, MFA devices, temporary credentials): make a
 * `lookup` over the store's batch read of their standing and refuse what it does not vouch for, e.g.
 * `sessions = check.lookup((ids) => store.sessionStanding(ids))`, then in the session check
 * `if (!(await sessions.get(id))?.active) throw new AuthenticationError('token-revoked')`.
 */
export class RevocationCheck {
  private readonly keys: BatchedLookup<string, AccessKeyStanding>;
  private readonly holders: BatchedLookup<string, TokenHolderStanding>;
  private readonly revoked: BatchedLookup<string, true>;
  private readonly roles: BatchedLookup<string, RoleStanding>;

  constructor(source: CredentialStandingSource) {
    this.keys = new BatchedLookup((ids) => source.accessKeys(ids));
    this.holders = new BatchedLookup((ids) => source.tokenHolders(ids));
    this.revoked = new BatchedLookup((ids) => source.revokedTokens(ids));
    this.roles = new BatchedLookup((ids) => source.roles(ids));
  }

  /**
   * Why temporary credentials must be refused now, or null (issue #13): a role session whose role was
   * deleted, or whose sessions were revoked, on another node; a GetSessionToken session whose user was
   * disabled or deleted there. The temporary key itself is in no table.
   */
  async session(principal: Principal): Promise<'token-revoked' | 'user-disabled' | null> {
    if (principal.session) {
      const role = await this.roles.get(principal.session.roleId);
      if (!role || role.accountId !== principal.accountId) return 'token-revoked';
      return role.sessionsRevokedBefore !== null && principal.session.issuedAt < role.sessionsRevokedBefore ? 'token-revoked' : null;
    }
    const holder = await this.holders.get(principal.userId);
    if (!holder) return 'token-revoked';
    return holder.enabled ? null : 'user-disabled';
  }

  /** A batched lookup of another kind of credential's standing, asked per request like these. */
  lookup<K, V>(load: (keys: readonly K[]) => Promise<ReadonlyMap<K, V>>): BatchedLookup<K, V> {
    return new BatchedLookup(load);
  }

  /** Why a signing key must be refused now, or null. */
  async accessKey(accessKeyId: string): Promise<AuthenticationFailure | null> {
    const standing = await this.keys.get(accessKeyId);
    if (!standing) return 'unknown-key';
    if (standing.status !== 'active') return 'inactive-key';
    if (!standing.userEnabled) return 'user-disabled';
    return null;
  }

  /** Why a token must be refused now, or null: revoked, or its holder disabled, gone, or with a newer password. */
  async token(claims: Pick<TokenClaims, 'tokenId' | 'userId' | 'issuedAt'>): Promise<'token-revoked' | 'token-invalid' | 'user-disabled' | null> {
    const [revoked, holder] = await Promise.all([this.revoked.get(claims.tokenId), this.holders.get(claims.userId)]);
    if (revoked) return 'token-revoked';
    if (!holder) return 'token-invalid';
    if (!holder.enabled) return 'user-disabled';
    // a password change (or removal) after the token was issued ends it, as Keystone does
    if (holder.passwordChangedAt === null || holder.passwordChangedAt > claims.issuedAt) return 'token-revoked';
    return null;
  }
}
