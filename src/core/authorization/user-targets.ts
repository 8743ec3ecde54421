import type { Change, ChangeFeed } from '../change-feed.js';
import type { Clock, Repositories } from '../ports.js';
import type { Tag, User } from '../users/user.js';

interface Entry {
  user: User;
  tags?: readonly Tag[];
  expiresAt: number;
}

/**
 * Users as the targets of calls: a Huawei call names its target by id while policies name it by name
 * and path (URN, ARN) or test its tags. Cached like the principals' policies and dropped when the
 * change feed reports any change to the user (rename, tags, delete: users-service emits them all).
 * Users not found are not cached, so a user created later is seen at once.
 */
export class UserTargetCache {
  private readonly byId = new Map<string, Entry>();
  /** `${accountId}/${lowercased name}` -> user id */
  private readonly idByName = new Map<string, string>();
  /** INVARIANT: bumped by every invalidation, so a read that raced a change is not cached */
  private generation = 0;

  constructor(
    private readonly repos: Repositories,
    private readonly clock: Clock,
    changes: ChangeFeed,
    private readonly ttlMs = 30_000,
    private readonly maxEntries = 10_000,
  ) {
    changes.subscribe((change) => this.invalidate(change));
  }

  async find(accountId: string, ref: { id: string } | { name: string }): Promise<User | undefined> {
    const id = 'id' in ref ? ref.id : this.idByName.get(nameKey(accountId, ref.name));
    const hit = id === undefined ? undefined : this.byId.get(id);
    if (hit && hit.expiresAt > this.clock.now() && hit.user.accountId === accountId) return hit.user;
    const generation = this.generation;
    const user = 'id' in ref ? await this.repos.users.findById(accountId, ref.id) : await this.repos.users.findByName(accountId, ref.name);
    if (user && generation === this.generation) {
      if (this.byId.size >= this.maxEntries) this.clear();
      this.byId.set(user.id, { user, expiresAt: this.clock.now() + this.ttlMs });
      this.idByName.set(nameKey(accountId, user.name), user.id);
    }
    return user;
  }

  async tags(user: User): Promise<readonly Tag[]> {
    const entry = this.byId.get(user.id);
    if (entry?.tags && entry.expiresAt > this.clock.now()) return entry.tags;
    const generation = this.generation;
    const tags = await this.repos.users.listTags(user.id);
    if (entry && generation === this.generation) entry.tags = tags;
    return tags;
  }

  invalidate(change: Change): void {
    if (change.kind !== 'user' && change.kind !== 'account') return;
    this.generation++;
    if (change.kind === 'account') {
      this.clear();
      return;
    }
    const entry = this.byId.get(change.id);
    this.byId.delete(change.id);
    if (entry) this.idByName.delete(nameKey(entry.user.accountId, entry.user.name));
  }

  clear(): void {
    this.generation++;
    this.byId.clear();
    this.idByName.clear();
  }
}

function nameKey(accountId: string, name: string): string {
  return `${accountId}/${name.toLowerCase()}`;
}
