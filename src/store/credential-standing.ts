import type { Kysely } from 'kysely';
import type { AccessKeyStanding, CredentialStandingSource, RoleStanding, TokenHolderStanding } from '../auth/revocation-check.js';
import type { TokenTables } from './repositories/tokens.js';
import type { Database } from './schema.js';

/**
 * The per-request revocation reads of auth/revocation-check.ts: one indexed query per batch of
 * credentials, on primary keys, returning flags and times only (never a secret).
 */
export class KyselyCredentialStanding implements CredentialStandingSource {
  private readonly db: Kysely<Database & TokenTables>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<TokenTables>();
  }

  async accessKeys(ids: readonly string[]): Promise<ReadonlyMap<string, AccessKeyStanding>> {
    const rows = await this.db
      .selectFrom('access_keys as k')
      .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'k.user_id').onRef('u.account_id', '=', 'k.account_id'))
      // a disabled domain (issue #16) disables every user of it
      .leftJoin('accounts as a', 'a.id', 'k.account_id')
      .select(['k.id', 'k.status', 'u.enabled', 'a.enabled as account_enabled'])
      .where('k.id', 'in', [...ids])
      .execute();
    return new Map(
      rows.map((row) => [row.id, { status: row.status === 'active' ? 'active' : 'inactive', userEnabled: Number(row.enabled ?? 0) === 1 && Number(row.account_enabled ?? 0) === 1 }]),
    );
  }

  async tokenHolders(userIds: readonly string[]): Promise<ReadonlyMap<string, TokenHolderStanding>> {
    const rows = await this.db
      .selectFrom('users as u')
      .leftJoin('login_profiles as p', 'p.user_id', 'u.id')
      .leftJoin('accounts as a', 'a.id', 'u.account_id')
      .select(['u.id', 'u.enabled', 'p.password_changed_at', 'a.enabled as account_enabled'])
      .where('u.id', 'in', [...userIds])
      .execute();
    return new Map(
      rows.map((row) => [row.id, { enabled: Number(row.enabled) === 1 && Number(row.account_enabled ?? 0) === 1, passwordChangedAt: row.password_changed_at === null ? null : Number(row.password_changed_at) }]),
    );
  }

  async roles(roleIds: readonly string[]): Promise<ReadonlyMap<string, RoleStanding>> {
    // a role of a disabled domain (issue #16) vouches for no session: it reads as gone
    const rows = await this.db
      .selectFrom('roles as r')
      .innerJoin('accounts as a', 'a.id', 'r.account_id')
      .select(['r.id', 'r.account_id', 'r.sessions_revoked_before'])
      .where('r.id', 'in', [...roleIds])
      .where('a.enabled', '=', 1)
      .execute();
    return new Map(rows.map((row) => [row.id, { accountId: row.account_id, sessionsRevokedBefore: row.sessions_revoked_before === null ? null : Number(row.sessions_revoked_before) }]));
  }

  async revokedTokens(tokenIds: readonly string[]): Promise<ReadonlyMap<string, true>> {
    const rows = await this.db.selectFrom('token_revocations').select('token_id').where('token_id', 'in', [...tokenIds]).execute();
    return new Map(rows.map((row) => [row.token_id, true as const]));
  }
}
