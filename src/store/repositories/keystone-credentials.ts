import type { Kysely } from 'kysely';
import type { AccessKey } from '../../core/access-keys/access-key.js';
import { LimitExceededError } from '../../core/errors.js';
import type { CredentialFilter, CredentialRecord, KeystoneCredentialRepository, StoredCredential } from '../../core/keystone-credentials/credential.js';
import { translateUnique } from '../errors.js';
import type { Database } from '../schema.js';
import { KyselyAccessKeyRepository } from './access-keys.js';

/** Keystone credentials (migration 0022, issue #16): an `ec2` one is written with its core access key, in one transaction. */
export class KyselyKeystoneCredentialRepository implements KeystoneCredentialRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async createEc2(record: CredentialRecord, key: AccessKey, maxKeysPerUser: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const keys = new KyselyAccessKeyRepository(trx);
      if ((await keys.countByUser(key.userId)) >= maxKeysPerUser) throw new LimitExceededError('access-key', maxKeysPerUser, 'user');
      await keys.create(key);
      await insert(trx, record);
    });
  }

  async create(record: CredentialRecord): Promise<void> {
    await insert(this.db, record);
  }

  async find(accountId: string, id: string): Promise<StoredCredential | undefined> {
    return (await this.select(accountId, { id }))[0];
  }

  async findByAccessKey(accountId: string, accessKeyId: string): Promise<StoredCredential | undefined> {
    return (await this.select(accountId, { accessKeyId }))[0];
  }

  list(accountId: string, filter: CredentialFilter): Promise<StoredCredential[]> {
    return this.select(accountId, filter);
  }

  async update(record: CredentialRecord, key?: { previousId: string; next: AccessKey }): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (key && key.previousId === key.next.id) {
        await trx.updateTable('access_keys').set({ sealed_secret: key.next.sealedSecret, updated_at: key.next.updatedAt }).where('id', '=', key.previousId).execute();
      } else if (key) {
        await trx.deleteFrom('access_keys').where('id', '=', key.previousId).execute();
        await new KyselyAccessKeyRepository(trx).create(key.next);
      }
      await trx
        .updateTable('keystone_credentials')
        .set({ project_id: record.projectId, type: record.type, sealed_blob: record.sealedBlob, access_key_id: record.accessKeyId })
        .where('id', '=', record.id)
        .where('account_id', '=', record.accountId)
        .execute();
    });
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('keystone_credentials').select('access_key_id').where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
      if (!row) return false;
      if (row.access_key_id !== null) await trx.deleteFrom('access_keys').where('id', '=', row.access_key_id).where('account_id', '=', accountId).execute();
      await trx.deleteFrom('keystone_credentials').where('id', '=', id).execute();
      return true;
    });
  }

  /** rows of existing users; an `ec2` row only while its access key exists */
  private async select(accountId: string, filter: CredentialFilter & { id?: string; accessKeyId?: string }): Promise<StoredCredential[]> {
    let query = this.db
      .selectFrom('keystone_credentials as c')
      .innerJoin('users as u', (j) => j.onRef('u.id', '=', 'c.user_id').onRef('u.account_id', '=', 'c.account_id'))
      .leftJoin('access_keys as k', 'k.id', 'c.access_key_id')
      .selectAll('c')
      .select(['k.id as k_id', 'k.sealed_secret as k_sealed_secret', 'k.status as k_status', 'k.created_at as k_created_at', 'k.updated_at as k_updated_at', 'k.last_used_at as k_last_used_at', 'k.last_used_service as k_last_used_service', 'k.last_used_region as k_last_used_region'])
      .where('c.account_id', '=', accountId)
      .where((eb) => eb.or([eb('c.access_key_id', 'is', null), eb('k.id', 'is not', null)]))
      .orderBy('c.created_at')
      .orderBy('c.id');
    if (filter.id !== undefined) query = query.where('c.id', '=', filter.id);
    if (filter.accessKeyId !== undefined) query = query.where('c.access_key_id', '=', filter.accessKeyId);
    if (filter.userId !== undefined) query = query.where('c.user_id', '=', filter.userId);
    if (filter.type !== undefined) query = query.where('c.type', '=', filter.type);
    const rows = await query.execute();
    return rows.map((row) => {
      const record: StoredCredential = {
        id: row.id,
        accountId: row.account_id,
        userId: row.user_id,
        projectId: row.project_id,
        type: row.type,
        sealedBlob: row.sealed_blob,
        accessKeyId: row.access_key_id,
        createdAt: Number(row.created_at),
      };
      if (row.k_id !== null && row.k_id !== undefined) {
        record.key = {
          id: row.k_id,
          userId: row.user_id,
          accountId: row.account_id,
          sealedSecret: row.k_sealed_secret!,
          status: row.k_status as AccessKey['status'],
          createdAt: Number(row.k_created_at),
          updatedAt: Number(row.k_updated_at),
          lastUsedAt: row.k_last_used_at === null ? null : Number(row.k_last_used_at),
          lastUsedService: row.k_last_used_service ?? null,
          lastUsedRegion: row.k_last_used_region ?? null,
        };
      }
      return record;
    });
  }
}

function insert(db: Kysely<Database>, record: CredentialRecord) {
  return translateUnique('credential', record.id, () =>
    db
      .insertInto('keystone_credentials')
      .values({
        id: record.id,
        account_id: record.accountId,
        user_id: record.userId,
        project_id: record.projectId,
        type: record.type,
        sealed_blob: record.sealedBlob,
        access_key_id: record.accessKeyId,
        created_at: record.createdAt,
      })
      .execute(),
  );
}
