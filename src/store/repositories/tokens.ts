import type { Kysely } from 'kysely';
import type { TokenKeyRecord, TokenKeyRepository, TokenRevocationRepository, UserAccountLookup } from '../../core/tokens/ports.js';
import type { TokenRevocation } from '../../core/tokens/token.js';
import type { Database } from '../schema.js';

/** Tables of migration 0002; kept beside their repositories so `schema.ts` needs no edit to add them. */
export type TokenTables = {
  token_keys: {
    id: string;
    sealed_key: string;
    created_at: number;
    superseded_at: number | null;
  };
  token_revocations: {
    token_id: string;
    account_id: string;
    user_id: string;
    revoked_at: number;
    expires_at: number;
  };
};

type TokenDb = Kysely<Database & TokenTables>;

export class KyselyTokenRevocationRepository implements TokenRevocationRepository {
  private readonly db: TokenDb;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<TokenTables>();
  }

  async add(r: TokenRevocation): Promise<void> {
    await this.db
      .insertInto('token_revocations')
      .values({ token_id: r.tokenId, account_id: r.accountId, user_id: r.userId, revoked_at: r.revokedAt, expires_at: r.expiresAt })
      .onConflict((oc) => oc.column('token_id').doNothing())
      .execute();
  }

  async listSince(since: number, now: number): Promise<TokenRevocation[]> {
    const rows = await this.db
      .selectFrom('token_revocations')
      .selectAll()
      .where('revoked_at', '>=', since)
      .where('expires_at', '>', now)
      .orderBy('revoked_at')
      .execute();
    return rows.map((row) => ({
      tokenId: row.token_id,
      accountId: row.account_id,
      userId: row.user_id,
      revokedAt: Number(row.revoked_at),
      expiresAt: Number(row.expires_at),
    }));
  }

  async purgeExpired(now: number): Promise<number> {
    const result = await this.db.deleteFrom('token_revocations').where('expires_at', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

export class KyselyTokenKeyRepository implements TokenKeyRepository {
  private readonly db: TokenDb;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<TokenTables>();
  }

  async list(): Promise<TokenKeyRecord[]> {
    const rows = await this.db.selectFrom('token_keys').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map((row) => ({
      id: row.id,
      sealedKey: row.sealed_key,
      createdAt: Number(row.created_at),
      supersededAt: row.superseded_at === null ? null : Number(row.superseded_at),
    }));
  }

  async add(key: TokenKeyRecord): Promise<void> {
    await this.db.insertInto('token_keys').values({ id: key.id, sealed_key: key.sealedKey, created_at: key.createdAt, superseded_at: key.supersededAt }).execute();
  }

  async supersede(ids: string[], at: number): Promise<void> {
    if (ids.length === 0) return;
    await this.db.updateTable('token_keys').set({ superseded_at: at }).where('id', 'in', ids).where('superseded_at', 'is', null).execute();
  }

  async delete(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.deleteFrom('token_keys').where('id', 'in', ids).execute();
  }
}

export class KyselyUserAccountLookup implements UserAccountLookup {
  constructor(private readonly db: Kysely<Database>) {}

  async accountIdOfUser(userId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('users').select('account_id').where('id', '=', userId).executeTakeFirst();
    return row?.account_id;
  }
}
