import type { Kysely, Selectable } from 'kysely';
import type { AccessKey, AccessKeyStatus } from '../../core/access-keys/access-key.js';
import type { AccessKeyRepository } from '../../core/ports.js';
import { translateUnique } from '../errors.js';
import type { AccessKeysTable, Database } from '../schema.js';

export class KyselyAccessKeyRepository implements AccessKeyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(key: AccessKey): Promise<void> {
    await translateUnique('access-key', key.id, () =>
      this.db.insertInto('access_keys').values(toRow(key)).execute(),
    );
  }

  async findById(id: string): Promise<AccessKey | undefined> {
    const row = await this.db.selectFrom('access_keys').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toKey(row);
  }

  async listByUser(userId: string): Promise<AccessKey[]> {
    const rows = await this.db.selectFrom('access_keys').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
    return rows.map(toKey);
  }

  async countByUser(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('access_keys')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async updateStatus(id: string, status: AccessKeyStatus, at: number): Promise<void> {
    await this.db.updateTable('access_keys').set({ status, updated_at: at }).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('access_keys').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async touchLastUsed(id: string, at: number, service: string, region: string | null): Promise<void> {
    await this.db.updateTable('access_keys').set({ last_used_at: at, last_used_service: service, last_used_region: region }).where('id', '=', id).execute();
  }

  async updateDescription(id: string, description: string, at: number): Promise<void> {
    await this.db.updateTable('access_keys').set({ description, updated_at: at }).where('id', '=', id).execute();
  }
}

function toKey(row: Selectable<AccessKeysTable>): AccessKey {
  return {
    id: row.id,
    userId: row.user_id,
    accountId: row.account_id,
    sealedSecret: row.sealed_secret,
    status: row.status as AccessKeyStatus,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
    lastUsedService: row.last_used_service,
    lastUsedRegion: row.last_used_region,
    ...(row.description !== null ? { description: row.description } : {}),
  };
}

/** the row `create` writes; also the bulk loader's (store/bulk-load.ts) */
export function toRow(key: AccessKey): AccessKeysTable {
  return {
    id: key.id,
    user_id: key.userId,
    account_id: key.accountId,
    sealed_secret: key.sealedSecret,
    status: key.status,
    created_at: key.createdAt,
    updated_at: key.updatedAt,
    last_used_at: key.lastUsedAt,
    last_used_service: key.lastUsedService,
    last_used_region: key.lastUsedRegion,
    description: key.description ?? null,
  };
}
