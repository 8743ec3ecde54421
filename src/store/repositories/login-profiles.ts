import { sql, type Kysely, type Selectable } from 'kysely';
import type { ExemptUnit, LoginProfile, ProtectionMethod } from '../../core/login-profiles/login-profile.js';
import type { LoginProfileRepository } from '../../core/ports.js';
import { translateUnique } from '../errors.js';
import type { Database, LoginProfilesTable } from '../schema.js';

export class KyselyLoginProfileRepository implements LoginProfileRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(profile: LoginProfile): Promise<void> {
    await translateUnique('login-profile', profile.userId, () => this.db.insertInto('login_profiles').values(toRow(profile)).execute());
  }

  async find(userId: string): Promise<LoginProfile | undefined> {
    const row = await this.db.selectFrom('login_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst();
    return row && toProfile(row);
  }

  async update(profile: LoginProfile): Promise<void> {
    const { user_id, account_id: _a, created_at: _c, ...changes } = toRow(profile);
    await this.db.updateTable('login_profiles').set(changes).where('user_id', '=', user_id).execute();
  }

  async delete(userId: string): Promise<boolean> {
    await this.db.deleteFrom('password_history').where('user_id', '=', userId).execute();
    const result = await this.db.deleteFrom('login_profiles').where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async recordFailedSignIn(userId: string, threshold: number, lockedUntil: number): Promise<{ failedAttempts: number; lockedUntil: number | null }> {
    // INVARIANT: SET expressions read the row's old values on both engines, and the row lock of the
    // UPDATE serialises concurrent failures, so each caller sees its own count.
    const row = await this.db
      .updateTable('login_profiles')
      .set({
        failed_attempts: sql`failed_attempts + 1`,
        locked_until: sql`case when failed_attempts + 1 >= ${threshold} then ${lockedUntil} else locked_until end`,
      })
      .where('user_id', '=', userId)
      .returning(['failed_attempts', 'locked_until'])
      .executeTakeFirst();
    if (!row) return { failedAttempts: 0, lockedUntil: null };
    return { failedAttempts: Number(row.failed_attempts), lockedUntil: row.locked_until === null ? null : Number(row.locked_until) };
  }

  async recordSuccessfulSignIn(userId: string, now: number, ip: string | null): Promise<boolean> {
    const result = await this.db
      .updateTable('login_profiles')
      .set({ failed_attempts: 0, locked_until: null, last_login_at: now, last_login_ip: ip })
      .where('user_id', '=', userId)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async clearExpiredLock(userId: string, now: number): Promise<void> {
    await this.db
      .updateTable('login_profiles')
      .set({ failed_attempts: 0, locked_until: null })
      .where('user_id', '=', userId)
      .where('locked_until', '<=', now)
      .execute();
  }

  async unlock(userId: string): Promise<void> {
    await this.db.updateTable('login_profiles').set({ failed_attempts: 0, locked_until: null }).where('user_id', '=', userId).execute();
  }

  async addPasswordHistory(userId: string, hash: string, at: number): Promise<void> {
    await this.db.insertInto('password_history').values({ user_id: userId, password_hash: hash, created_at: at }).execute();
  }

  async listPasswordHistory(userId: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('password_history')
      .select('password_hash')
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => r.password_hash);
  }
}

/** the row `create` writes; also the bulk loader's (store/bulk-load.ts) */
export function toRow(p: LoginProfile): LoginProfilesTable {
  return {
    user_id: p.userId,
    account_id: p.accountId,
    password_hash: p.passwordHash,
    password_reset_required: p.passwordResetRequired ? 1 : 0,
    login_allowed: p.loginAllowed ? 1 : 0,
    password_changed_at: p.passwordChangedAt,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
    last_login_at: p.lastLoginAt,
    last_login_ip: p.lastLoginIp,
    failed_attempts: p.failedAttempts,
    locked_until: p.lockedUntil,
    protection_enabled: p.protection.enabled ? 1 : 0,
    protection_methods: p.protection.methods.join(','),
    exempt_required: p.protection.exemptRequired ? 1 : 0,
    exempt_unit: p.protection.exemptUnit,
    exempt_duration: p.protection.exemptDuration,
  };
}

const nullableNumber = (v: number | null) => (v === null ? null : Number(v));

function toProfile(row: Selectable<LoginProfilesTable>): LoginProfile {
  return {
    userId: row.user_id,
    accountId: row.account_id,
    passwordHash: row.password_hash,
    passwordResetRequired: Number(row.password_reset_required) === 1,
    loginAllowed: Number(row.login_allowed) === 1,
    passwordChangedAt: Number(row.password_changed_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    lastLoginAt: nullableNumber(row.last_login_at),
    lastLoginIp: row.last_login_ip,
    failedAttempts: Number(row.failed_attempts),
    lockedUntil: nullableNumber(row.locked_until),
    protection: {
      enabled: Number(row.protection_enabled) === 1,
      methods: row.protection_methods ? (row.protection_methods.split(',') as ProtectionMethod[]) : [],
      exemptRequired: Number(row.exempt_required) === 1,
      exemptUnit: row.exempt_unit as ExemptUnit,
      exemptDuration: Number(row.exempt_duration),
    },
  };
}
