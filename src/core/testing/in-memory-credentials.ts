import type { AccessKey, AccessKeyStatus } from '../access-keys/access-key.js';
import { AlreadyExistsError } from '../errors.js';
import type { LoginProfile } from '../login-profiles/login-profile.js';
import type { AccessKeyRepository, LoginProfileRepository, PasswordPolicyRepository } from '../ports.js';
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicySettings } from '../password-policy/password-policy.js';
import { compareBytewise, copy, requireParent, type TablesHolder } from './in-memory-tables.js';

export class InMemoryLoginProfileRepository implements LoginProfileRepository {
  constructor(private readonly db: TablesHolder) {}

  async create(profile: LoginProfile): Promise<void> {
    const t = this.db.tables;
    if (t.loginProfiles.has(profile.userId)) throw new AlreadyExistsError('login-profile', profile.userId);
    requireParent(t.users.has(profile.userId), 'login_profiles', 'user_id');
    t.loginProfiles.set(profile.userId, copy(profile));
  }

  async find(userId: string): Promise<LoginProfile | undefined> {
    const row = this.db.tables.loginProfiles.get(userId);
    return row && copy(row);
  }

  async update(profile: LoginProfile): Promise<void> {
    const t = this.db.tables;
    const current = t.loginProfiles.get(profile.userId);
    if (!current) return;
    t.loginProfiles.set(profile.userId, { ...copy(profile), accountId: current.accountId, createdAt: current.createdAt });
  }

  async delete(userId: string): Promise<boolean> {
    const t = this.db.tables;
    t.passwordHistory = t.passwordHistory.filter((h) => h.userId !== userId);
    return t.loginProfiles.delete(userId);
  }

  async recordFailedSignIn(userId: string, threshold: number, lockedUntil: number): Promise<{ failedAttempts: number; lockedUntil: number | null }> {
    // INVARIANT: no await between the read and the write, so the increment is atomic like the SQL UPDATE
    const row = this.db.tables.loginProfiles.get(userId);
    if (!row) return { failedAttempts: 0, lockedUntil: null };
    row.failedAttempts += 1;
    if (row.failedAttempts >= threshold) row.lockedUntil = lockedUntil;
    return { failedAttempts: row.failedAttempts, lockedUntil: row.lockedUntil };
  }

  async recordSuccessfulSignIn(userId: string, now: number, ip: string | null): Promise<boolean> {
    const row = this.db.tables.loginProfiles.get(userId);
    if (!row || (row.lockedUntil !== null && row.lockedUntil > now)) return false;
    Object.assign(row, { failedAttempts: 0, lockedUntil: null, lastLoginAt: now, lastLoginIp: ip });
    return true;
  }

  async clearExpiredLock(userId: string, now: number): Promise<void> {
    const row = this.db.tables.loginProfiles.get(userId);
    if (row && row.lockedUntil !== null && row.lockedUntil <= now) Object.assign(row, { failedAttempts: 0, lockedUntil: null });
  }

  async unlock(userId: string): Promise<void> {
    const row = this.db.tables.loginProfiles.get(userId);
    if (row) Object.assign(row, { failedAttempts: 0, lockedUntil: null });
  }

  async addPasswordHistory(userId: string, hash: string, at: number): Promise<void> {
    const t = this.db.tables;
    requireParent(t.users.has(userId), 'password_history', 'user_id');
    t.passwordHistory.push({ userId, hash, at });
  }

  async listPasswordHistory(userId: string, limit: number): Promise<string[]> {
    // newest first; equal times come newest-inserted first, as SQLite's reverse index scan returns them
    return this.db.tables.passwordHistory
      .map((row, seq) => ({ row, seq }))
      .filter(({ row }) => row.userId === userId)
      .sort((a, b) => b.row.at - a.row.at || b.seq - a.seq)
      .slice(0, limit)
      .map(({ row }) => row.hash);
  }
}

export class InMemoryPasswordPolicyRepository implements PasswordPolicyRepository {
  constructor(private readonly db: TablesHolder) {}

  async find(accountId: string): Promise<PasswordPolicySettings | undefined> {
    const row = this.db.tables.passwordPolicies.get(accountId);
    return row && { ...DEFAULT_PASSWORD_POLICY, ...copy(row) };
  }

  async put(accountId: string, settings: PasswordPolicySettings): Promise<void> {
    const t = this.db.tables;
    requireParent(t.accounts.has(accountId), 'password_policies', 'account_id');
    t.passwordPolicies.set(accountId, copy(settings));
  }

  async delete(accountId: string): Promise<boolean> {
    return this.db.tables.passwordPolicies.delete(accountId);
  }
}

export class InMemoryAccessKeyRepository implements AccessKeyRepository {
  constructor(private readonly db: TablesHolder) {}

  async create(key: AccessKey): Promise<void> {
    const t = this.db.tables;
    if (t.accessKeys.has(key.id)) throw new AlreadyExistsError('access-key', key.id);
    requireParent(t.users.has(key.userId), 'access_keys', 'user_id');
    t.accessKeys.set(key.id, copy(key));
  }

  async findById(id: string): Promise<AccessKey | undefined> {
    const row = this.db.tables.accessKeys.get(id);
    return row && copy(row);
  }

  async listByUser(userId: string): Promise<AccessKey[]> {
    return [...this.db.tables.accessKeys.values()]
      .filter((k) => k.userId === userId)
      .sort((a, b) => a.createdAt - b.createdAt || compareBytewise(a.id, b.id))
      .map(copy);
  }

  async countByUser(userId: string): Promise<number> {
    return [...this.db.tables.accessKeys.values()].filter((k) => k.userId === userId).length;
  }

  async updateStatus(id: string, status: AccessKeyStatus, at: number): Promise<void> {
    const row = this.db.tables.accessKeys.get(id);
    if (row) Object.assign(row, { status, updatedAt: at });
  }

  async delete(id: string): Promise<boolean> {
    return this.db.tables.accessKeys.delete(id);
  }

  async touchLastUsed(id: string, at: number, service: string, region: string | null): Promise<void> {
    const row = this.db.tables.accessKeys.get(id);
    if (row) Object.assign(row, { lastUsedAt: at, lastUsedService: service, lastUsedRegion: region });
  }

  async updateDescription(id: string, description: string, at: number): Promise<void> {
    const row = this.db.tables.accessKeys.get(id);
    if (row) Object.assign(row, { description, updatedAt: at });
  }
}
