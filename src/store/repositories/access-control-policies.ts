import type { Kysely } from 'kysely';
import type { AccessChannel, AccessControlStore, IpAllowList } from '../../core/login-protection/access-control.js';
import type { Database } from '../schema.js';

interface AccessControlDatabase {
  access_control_policies: { account_id: string; channel: string; allow_list: string; updated_at: number };
}

/** The account's console and API IP allow lists (migration 0029), as JSON, one row per channel. */
export class KyselyAccessControlStore implements AccessControlStore {
  private readonly db: Kysely<AccessControlDatabase>;

  constructor(db: Kysely<Database>) {
    // the same connection, seen with the table of migration 0029
    this.db = db as unknown as Kysely<AccessControlDatabase>;
  }

  async find(accountId: string, channel: AccessChannel): Promise<IpAllowList | undefined> {
    const row = await this.db.selectFrom('access_control_policies').select('allow_list').where('account_id', '=', accountId).where('channel', '=', channel).executeTakeFirst();
    return row ? (JSON.parse(row.allow_list) as IpAllowList) : undefined;
  }

  async put(accountId: string, channel: AccessChannel, list: IpAllowList, at: number): Promise<void> {
    const allowList = JSON.stringify(list);
    await this.db
      .insertInto('access_control_policies')
      .values({ account_id: accountId, channel, allow_list: allowList, updated_at: at })
      .onConflict((oc) => oc.columns(['account_id', 'channel']).doUpdateSet({ allow_list: allowList, updated_at: at }))
      .execute();
  }
}
