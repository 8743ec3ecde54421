import type { Kysely, Selectable } from 'kysely';
import type { DomainConfigRepository, StoredConfigOption } from '../../core/domain-configs/domain-config.js';
import type { Database, KeystoneDomainConfigsTable } from '../schema.js';

/** Keystone domain configuration options (migration 0025, issue #16). */
export class KyselyDomainConfigRepository implements DomainConfigRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(accountId: string): Promise<StoredConfigOption[]> {
    const rows = await this.db.selectFrom('keystone_domain_configs').selectAll().where('account_id', '=', accountId).orderBy('group_name').orderBy('option_name').execute();
    return rows.map(toOption);
  }

  async replace(accountId: string, options: StoredConfigOption[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('keystone_domain_configs').where('account_id', '=', accountId).execute();
      if (options.length > 0) await trx.insertInto('keystone_domain_configs').values(options.map(toRow)).execute();
    });
  }

  async upsert(accountId: string, options: StoredConfigOption[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const option of options) {
        const row = toRow({ ...option, accountId });
        await trx
          .insertInto('keystone_domain_configs')
          .values(row)
          .onConflict((oc) => oc.columns(['account_id', 'group_name', 'option_name']).doUpdateSet({ value: row.value, sensitive: row.sensitive }))
          .execute();
      }
    });
  }

  async delete(accountId: string, group?: string, option?: string): Promise<number> {
    let query = this.db.deleteFrom('keystone_domain_configs').where('account_id', '=', accountId);
    if (group !== undefined) query = query.where('group_name', '=', group);
    if (option !== undefined) query = query.where('option_name', '=', option);
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function toRow(o: StoredConfigOption) {
  return { account_id: o.accountId, group_name: o.group, option_name: o.option, value: o.value, sensitive: o.sensitive ? 1 : 0 };
}

function toOption(row: Selectable<KeystoneDomainConfigsTable>): StoredConfigOption {
  return { accountId: row.account_id, group: row.group_name, option: row.option_name, value: row.value, sensitive: Number(row.sensitive) === 1 };
}
