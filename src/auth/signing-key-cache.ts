import type { AccessKeysService, SigningIdentity } from '../core/access-keys/access-keys-service.js';
import type { ChangeFeed } from '../core/change-feed.js';
import { cacheCounter } from '../core/caching/cache-stats.js';
import type { Clock } from '../core/ports.js';

/**
 * Resolved signing keys, kept for a short time so a signed read does not pay a database round trip and
 * an AES-GCM open on every request. Changes made on this node drop entries at once (change feed);
 * changes made on another node are seen within `ttlMs`.
 */
export class SigningKeyCache {
  private readonly entries = new Map<string, { identity: SigningIdentity; expiresAt: number }>();
  private readonly counter = cacheCounter('signing-keys');

  constructor(
    private readonly keys: AccessKeysService,
    private readonly clock: Clock,
    changes: ChangeFeed,
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 10_000,
  ) {
    changes.subscribe((change) => {
      if (change.kind === 'access-key') this.entries.delete(change.id);
      else for (const [id, entry] of this.entries) if (entry.identity.user.id === change.id || entry.identity.user.accountId === change.id) this.entries.delete(id);
    }, () => this.entries.clear());
  }

  /**
   * The cached identity if it is still fresh, else undefined. Synchronous, so the hot path of a signed
   * request (key already cached) does not suspend on an `await`.
   */
  peek(accessKeyId: string): SigningIdentity | undefined {
    const hit = this.entries.get(accessKeyId);
    if (hit !== undefined && hit.expiresAt > this.clock.now()) {
      this.counter.hits++;
      return hit.identity;
    }
    return undefined;
  }

  /** drops a key the database no longer vouches for */
  forget(accessKeyId: string): void {
    this.entries.delete(accessKeyId);
  }

  /** @throws authentication-failed */
  async resolve(accessKeyId: string): Promise<SigningIdentity> {
    const now = this.clock.now();
    const hit = this.entries.get(accessKeyId);
    if (hit && hit.expiresAt > now) {
      this.counter.hits++;
      return hit.identity;
    }
    this.counter.misses++;
    const identity = await this.keys.resolveSigningKey(accessKeyId);
    // the oldest entry goes, not all: more keys in use than the bound must not make every read a miss (#17)
    if (this.entries.size >= this.maxEntries && !this.entries.has(accessKeyId)) {
      this.entries.delete(this.entries.keys().next().value as string);
      this.counter.evictions++;
    }
    this.entries.set(accessKeyId, { identity, expiresAt: now + this.ttlMs });
    return identity;
  }
}
