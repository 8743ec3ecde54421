import type { Kysely, Selectable } from 'kysely';
import type { OauthConsumer, OauthConsumerRepository } from '../../core/oauth-consumers/consumers-service.js';
import { translateUnique } from '../errors.js';
import type { Database, KeystoneOauthConsumersTable } from '../schema.js';

/** Keystone OAuth1 consumers (migration 0025, issue #16); the secret arrives sealed. */
export class KyselyOauthConsumerRepository implements OauthConsumerRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(c: OauthConsumer): Promise<void> {
    await translateUnique('oauth-consumer', c.id, () =>
      this.db.insertInto('keystone_oauth_consumers').values({ id: c.id, account_id: c.accountId, description: c.description, sealed_secret: c.sealedSecret, created_at: c.createdAt }).execute(),
    );
  }

  async find(accountId: string, id: string): Promise<OauthConsumer | undefined> {
    const row = await this.db.selectFrom('keystone_oauth_consumers').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    return row && toConsumer(row);
  }

  async list(accountId: string): Promise<OauthConsumer[]> {
    const rows = await this.db.selectFrom('keystone_oauth_consumers').selectAll().where('account_id', '=', accountId).orderBy('created_at').orderBy('id').execute();
    return rows.map(toConsumer);
  }

  async updateDescription(accountId: string, id: string, description: string | null): Promise<boolean> {
    const result = await this.db.updateTable('keystone_oauth_consumers').set({ description }).where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('keystone_oauth_consumers').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

function toConsumer(row: Selectable<KeystoneOauthConsumersTable>): OauthConsumer {
  return { id: row.id, accountId: row.account_id, description: row.description, sealedSecret: row.sealed_secret, createdAt: Number(row.created_at) };
}
