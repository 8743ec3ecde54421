import type { Account, AccountChanges } from '../accounts/account.js';
import { AlreadyExistsError } from '../errors.js';
import type { AccountRepository, GroupListFilter, GroupRepository, ListQuery, Page, UserListQuery, UserRepository } from '../ports.js';
import type { Group } from '../users/group.js';
import type { Tag, User } from '../users/user.js';
import { checkUnique, compareBytewise, copy, pageOf, requireParent, type TablesHolder } from './in-memory-tables.js';

const lower = (s: string) => s.toLowerCase();

export class InMemoryAccountRepository implements AccountRepository {
  constructor(private readonly db: TablesHolder) {}

  async create(account: Account): Promise<void> {
    const rows = this.db.tables.accounts;
    checkUnique(rows.values(), account, () => false, [(a) => a.id, (a) => lower(a.name), (a) => a.awsAccountId, (a) => a.numericId], 'account', account.name);
    rows.set(account.id, copy(account));
  }

  async findById(id: string): Promise<Account | undefined> {
    const row = this.db.tables.accounts.get(id);
    return row && copy(row);
  }

  async findByName(name: string): Promise<Account | undefined> {
    const row = [...this.db.tables.accounts.values()].find((a) => lower(a.name) === lower(name));
    return row && copy(row);
  }

  async findByNumber(number: string): Promise<Account | undefined> {
    const row = [...this.db.tables.accounts.values()].find((a) => a.awsAccountId === number || String(a.numericId) === number);
    return row && copy(row);
  }

  async count(): Promise<number> {
    return this.db.tables.accounts.size;
  }

  async findAlias(accountId: string): Promise<string | undefined> {
    return this.db.tables.accountAliases.get(accountId);
  }

  async findByAlias(alias: string): Promise<Account | undefined> {
    for (const [accountId, a] of this.db.tables.accountAliases) if (a === alias) return this.findById(accountId);
    return undefined;
  }

  async setAlias(accountId: string, alias: string): Promise<void> {
    const t = this.db.tables;
    requireParent(t.accounts.has(accountId), 'account_aliases', 'account_id');
    for (const [owner, a] of t.accountAliases) if (a === alias && owner !== accountId) throw new AlreadyExistsError('account-alias', alias);
    t.accountAliases.set(accountId, alias);
  }

  async deleteAlias(accountId: string, alias: string): Promise<boolean> {
    if (this.db.tables.accountAliases.get(accountId) !== alias) return false;
    return this.db.tables.accountAliases.delete(accountId);
  }

  async list(): Promise<Account[]> {
    return [...this.db.tables.accounts.values()].map(copy).sort((a, b) => compareBytewise(a.name, b.name));
  }

  async update(id: string, changes: AccountChanges): Promise<boolean> {
    const rows = this.db.tables.accounts;
    const row = rows.get(id);
    if (!row) return false;
    const next = { ...row, ...changes };
    checkUnique(rows.values(), next, (a) => a.id === id, [(a) => lower(a.name)], 'account', next.name);
    rows.set(id, next);
    return true;
  }

  /** the fake keeps accounts apart only: what they hold stays (core tests of domain deletion use the store) */
  async deleteWithContent(id: string): Promise<boolean> {
    this.db.tables.accountAliases.delete(id);
    return this.db.tables.accounts.delete(id);
  }
}

export class InMemoryUserRepository implements UserRepository {
  constructor(private readonly db: TablesHolder) {}

  async create(user: User): Promise<void> {
    const t = this.db.tables;
    checkUnique(t.users.values(), user, () => false, [(u) => u.id, ...userUniqueKeys], 'user', user.name);
    requireParent(t.accounts.has(user.accountId), 'users', 'account_id');
    t.users.set(user.id, copy(user));
  }

  async findById(accountId: string, id: string): Promise<User | undefined> {
    const row = this.db.tables.users.get(id);
    return row && row.accountId === accountId ? copy(row) : undefined;
  }

  async findByName(accountId: string, name: string): Promise<User | undefined> {
    const row = [...this.db.tables.users.values()].find((u) => u.accountId === accountId && lower(u.name) === lower(name));
    return row && copy(row);
  }

  async findByNumericId(accountId: string, numericId: number): Promise<User | undefined> {
    const row = [...this.db.tables.users.values()].find((u) => u.accountId === accountId && u.numericId === numericId);
    return row && copy(row);
  }

  async list(accountId: string, query: UserListQuery): Promise<Page<User>> {
    const after = query.marker === undefined ? query.afterName : undefined;
    return pageOf(this.filtered(accountId, query).filter((u) => after === undefined || compareBytewise(lower(u.name), after) > 0), (u) => lower(u.name), query);
  }

  async count(accountId: string, query: Omit<UserListQuery, 'limit' | 'marker' | 'offset'>): Promise<number> {
    return this.filtered(accountId, query).length;
  }

  async update(user: User): Promise<void> {
    const t = this.db.tables;
    const current = t.users.get(user.id);
    if (!current) return;
    // INVARIANT: like the SQL UPDATE, the id, the account and the creation time never change
    const next: User = { ...copy(user), id: current.id, accountId: current.accountId, createdAt: current.createdAt };
    checkUnique(t.users.values(), next, (u) => u.id === next.id, userUniqueKeys, 'user', user.name);
    t.users.set(next.id, next);
  }

  async listByPermissionsBoundary(accountId: string, policyId: string): Promise<User[]> {
    return [...this.db.tables.users.values()]
      .filter((u) => u.accountId === accountId && u.permissionsBoundaryId === policyId)
      .sort((a, b) => compareBytewise(lower(a.name), lower(b.name)))
      .map(copy);
  }

  async permissionsBoundaryCounts(accountId: string): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const u of this.db.tables.users.values()) {
      if (u.accountId === accountId && u.permissionsBoundaryId !== null) counts.set(u.permissionsBoundaryId, (counts.get(u.permissionsBoundaryId) ?? 0) + 1);
    }
    return counts;
  }

  async touchPasswordLastUsed(userId: string, at: number): Promise<void> {
    const row = this.db.tables.users.get(userId);
    if (row) row.passwordLastUsedAt = at;
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    const t = this.db.tables;
    const row = t.users.get(id);
    if (!row || row.accountId !== accountId) return false;
    // the schema's ON DELETE CASCADE from users
    t.users.delete(id);
    t.userTags.delete(id);
    t.loginProfiles.delete(id);
    t.passwordHistory = t.passwordHistory.filter((h) => h.userId !== id);
    for (const [keyId, key] of t.accessKeys) if (key.userId === id) t.accessKeys.delete(keyId);
    for (const [pk, m] of t.groupMembers) if (m.userId === id) t.groupMembers.delete(pk);
    for (const [pk, a] of t.userPolicyAttachments) if (a.target.id === id) t.userPolicyAttachments.delete(pk);
    for (const [pk, p] of t.inlinePolicies) if (p.userId === id) t.inlinePolicies.delete(pk);
    for (const [pk, c] of t.userCredentials) if (c.userId === id) t.userCredentials.delete(pk);
    return true;
  }

  async listTags(userId: string): Promise<Tag[]> {
    const tags = this.db.tables.userTags.get(userId);
    if (!tags) return [];
    return [...tags.entries()].sort(([a], [b]) => compareBytewise(a, b)).map(([, tag]) => copy(tag));
  }

  async putTags(userId: string, tags: Tag[]): Promise<void> {
    if (tags.length === 0) return;
    const t = this.db.tables;
    requireParent(t.users.has(userId), 'user_tags', 'user_id');
    const stored = t.userTags.get(userId) ?? new Map<string, Tag>();
    for (const tag of tags) stored.set(lower(tag.key), { key: tag.key, value: tag.value });
    t.userTags.set(userId, stored);
  }

  async removeTags(userId: string, keys: string[]): Promise<void> {
    const stored = this.db.tables.userTags.get(userId);
    if (!stored) return;
    for (const key of keys) stored.delete(lower(key));
  }

  private filtered(accountId: string, query: Omit<UserListQuery, 'limit' | 'marker' | 'offset'>): User[] {
    const t = this.db.tables;
    return [...t.users.values()].filter(
      (u) =>
        u.accountId === accountId &&
        (query.includeRoot || !u.isRoot) &&
        (!query.pathPrefix || u.path.startsWith(query.pathPrefix)) &&
        (query.name === undefined || lower(u.name) === lower(query.name)) &&
        (!query.textContains || [u.name, u.displayName, u.description].some((text) => lower(text).includes(lower(query.textContains!)))) &&
        (query.enabled === undefined || u.enabled === query.enabled) &&
        (query.groupId === undefined || t.groupMembers.has(memberKey(query.groupId, u.id))),
    );
  }
}

const userUniqueKeys: Array<(u: User) => string | number> = [(u) => `${u.accountId}/${lower(u.name)}`, (u) => `aws:${u.awsId}`, (u) => u.numericId];
const groupUniqueKeys: Array<(g: Group) => string | number> = [(g) => `${g.accountId}/${lower(g.name)}`, (g) => `aws:${g.awsId}`, (g) => g.numericId];

export function memberKey(groupId: string, userId: string): string {
  return `${groupId}/${userId}`;
}

export class InMemoryGroupRepository implements GroupRepository {
  constructor(private readonly db: TablesHolder) {}

  async create(group: Group): Promise<void> {
    const t = this.db.tables;
    checkUnique(t.groups.values(), group, () => false, [(g) => g.id, ...groupUniqueKeys], 'group', group.name);
    requireParent(t.accounts.has(group.accountId), 'groups', 'account_id');
    t.groups.set(group.id, copy(group));
  }

  async findById(accountId: string, id: string): Promise<Group | undefined> {
    const row = this.db.tables.groups.get(id);
    return row && row.accountId === accountId ? copy(row) : undefined;
  }

  async findByName(accountId: string, name: string): Promise<Group | undefined> {
    const row = [...this.db.tables.groups.values()].find((g) => g.accountId === accountId && lower(g.name) === lower(name));
    return row && copy(row);
  }

  async list(accountId: string, query: GroupListFilter & ListQuery): Promise<Page<Group>> {
    const after = query.marker === undefined ? query.afterName : undefined;
    return pageOf(this.filtered(accountId, query).filter((g) => after === undefined || compareBytewise(lower(g.name), after) > 0), (g) => lower(g.name), query);
  }

  async count(accountId: string, filter: GroupListFilter): Promise<number> {
    return this.filtered(accountId, filter).length;
  }

  private filtered(accountId: string, filter: GroupListFilter): Group[] {
    return [...this.db.tables.groups.values()].filter(
      (g) =>
        g.accountId === accountId &&
        (filter.name === undefined || lower(g.name) === lower(filter.name)) &&
        (!filter.pathPrefix || g.path.startsWith(filter.pathPrefix)) &&
        (!filter.textContains || [g.name, g.description].some((text) => lower(text).includes(lower(filter.textContains!)))),
    );
  }

  async update(group: Group): Promise<void> {
    const t = this.db.tables;
    const current = t.groups.get(group.id);
    if (!current) return;
    const next: Group = { ...copy(group), id: current.id, accountId: current.accountId, createdAt: current.createdAt };
    checkUnique(t.groups.values(), next, (g) => g.id === next.id, groupUniqueKeys, 'group', group.name);
    t.groups.set(next.id, next);
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    const t = this.db.tables;
    const row = t.groups.get(id);
    if (!row || row.accountId !== accountId) return false;
    t.groups.delete(id);
    for (const [pk, m] of t.groupMembers) if (m.groupId === id) t.groupMembers.delete(pk);
    // migration 0009: group_inline_policies cascade with their group
    for (const [pk, p] of t.groupInlinePolicies) if (p.groupId === id) t.groupInlinePolicies.delete(pk);
    for (const [pk, a] of t.groupPolicyAttachments) if (a.target.id === id) t.groupPolicyAttachments.delete(pk);
    return true;
  }

  async addMember(groupId: string, userId: string, at: number): Promise<void> {
    const t = this.db.tables;
    const key = memberKey(groupId, userId);
    if (t.groupMembers.has(key)) return;
    requireParent(t.groups.has(groupId), 'group_members', 'group_id');
    requireParent(t.users.has(userId), 'group_members', 'user_id');
    t.groupMembers.set(key, { groupId, userId, addedAt: at });
  }

  async removeMember(groupId: string, userId: string): Promise<boolean> {
    return this.db.tables.groupMembers.delete(memberKey(groupId, userId));
  }

  async isMember(groupId: string, userId: string): Promise<boolean> {
    return this.db.tables.groupMembers.has(memberKey(groupId, userId));
  }

  async listMembers(groupId: string): Promise<string[]> {
    return [...this.db.tables.groupMembers.values()]
      .filter((m) => m.groupId === groupId)
      .sort((a, b) => a.addedAt - b.addedAt || compareBytewise(a.userId, b.userId))
      .map((m) => m.userId);
  }

  async listGroupsForUser(userId: string): Promise<Group[]> {
    const t = this.db.tables;
    return [...t.groupMembers.values()]
      .filter((m) => m.userId === userId)
      .map((m) => t.groups.get(m.groupId))
      .filter((g): g is Group => g !== undefined)
      .sort((a, b) => compareBytewise(lower(a.name), lower(b.name)))
      .map(copy);
  }

  async countGroupsForUser(userId: string): Promise<number> {
    return [...this.db.tables.groupMembers.values()].filter((m) => m.userId === userId).length;
  }
}
