import { cacheCounter } from '../../core/caching/cache-stats.js';
import type { ChangeFeed } from '../../core/change-feed.js';
import type { Clock } from '../../core/ports.js';
import type { TokenRevocation } from '../../core/tokens/token.js';
import type { TokenSubject } from '../../core/tokens/tokens-service.js';

/**
 * The revoked tokens every node must refuse, mirrored in memory so validating a token costs no
 * database round trip: the mirror is refreshed from the database at most every `refreshMs`, in the
 * background while it is fresh enough, and awaited once it is `refreshMs * 5` old (fail closed when the
 * database cannot be read). A revocation made on this node is seen at once.
 */
export class RevocationCache {
  private readonly revoked = new Map<string, number>();
  private syncedAt = -Infinity;
  private watermark: number | undefined;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly source: { revocationsSince(since: number): Promise<TokenRevocation[]> },
    private readonly clock: Clock,
    private readonly refreshMs = 1_000,
    /** how far back each refresh looks again, for revocations stamped by a node whose clock lags */
    private readonly slackMs = 5 * 60_000,
  ) {}

  async isRevoked(tokenId: string): Promise<boolean> {
    const age = this.clock.now() - this.syncedAt;
    if (age >= this.refreshMs * 5) await this.refresh();
    else if (age >= this.refreshMs) void this.refresh().catch(() => undefined);
    return this.revoked.has(tokenId);
  }

  remember(revocation: TokenRevocation): void {
    this.revoked.set(revocation.tokenId, revocation.expiresAt);
  }

  private refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      const since = this.watermark === undefined ? 0 : this.watermark - this.slackMs;
      const rows = await this.source.revocationsSince(since);
      for (const row of rows) {
        this.revoked.set(row.tokenId, row.expiresAt);
        if (this.watermark === undefined || row.revokedAt > this.watermark) this.watermark = row.revokedAt;
      }
      const now = this.clock.now();
      this.watermark ??= now;
      for (const [id, expiresAt] of this.revoked) if (expiresAt <= now) this.revoked.delete(id);
      this.syncedAt = now;
    })().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }
}

/**
 * Token holders as they are now (enabled, password change time, admin rights), kept for `ttlMs` so a
 * burst of requests with one token reads the database once. Changes made on this node drop entries at
 * once through the change feed; changes made on another node are seen within `ttlMs`.
 */
export class SubjectCache {
  private readonly entries = new Map<string, { subject: TokenSubject | undefined; expiresAt: number }>();
  private readonly counter = cacheCounter('token-holders');

  constructor(
    private readonly load: (accountId: string, userId: string) => Promise<TokenSubject | undefined>,
    private readonly clock: Clock,
    changes: ChangeFeed,
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 10_000,
  ) {
    changes.subscribe((change) => {
      if (change.kind === 'user') this.forget(change.id);
      else if (change.kind === 'account') for (const key of this.entries.keys()) if (key.startsWith(`${change.id}/`)) this.entries.delete(key);
    }, () => this.entries.clear());
  }

  async get(accountId: string, userId: string): Promise<TokenSubject | undefined> {
    const key = `${accountId}/${userId}`;
    const now = this.clock.now();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) {
      this.counter.hits++;
      return hit.subject;
    }
    this.counter.misses++;
    const subject = await this.load(accountId, userId);
    this.put(key, { subject, expiresAt: now + this.ttlMs });
    return subject;
  }

  /** a holder just read elsewhere (at sign-in): the first use of its new token needs no read */
  remember(subject: TokenSubject): void {
    this.put(`${subject.account.id}/${subject.user.id}`, { subject, expiresAt: this.clock.now() + this.ttlMs });
  }

  /** the oldest entry goes past the bound, not all of them (#17) */
  private put(key: string, entry: { subject: TokenSubject | undefined; expiresAt: number }): void {
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) {
      this.entries.delete(this.entries.keys().next().value as string);
      this.counter.evictions++;
    }
    this.entries.set(key, entry);
  }

  forget(userId: string): void {
    for (const key of this.entries.keys()) if (key.endsWith(`/${userId}`)) this.entries.delete(key);
  }
}
