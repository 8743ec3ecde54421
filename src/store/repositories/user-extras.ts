import type { Kysely } from 'kysely';
import type { UserExtras, UserExtrasRepository } from '../../core/keystone-users/user-extras.js';
import type { Database } from '../schema.js';

/** Keystone users' extra attributes (migration 0020, issue #16). */
export class KyselyUserExtrasRepository implements UserExtrasRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async find(accountId: string, userId: string): Promise<UserExtras> {
    const row = await this.db.selectFrom('keystone_user_extras').select('extras').where('account_id', '=', accountId).where('user_id', '=', userId).executeTakeFirst();
    return row ? (JSON.parse(row.extras) as UserExtras) : {};
  }

  async put(accountId: string, userId: string, extras: UserExtras): Promise<void> {
    if (Object.keys(extras).length === 0) {
      await this.db.deleteFrom('keystone_user_extras').where('account_id', '=', accountId).where('user_id', '=', userId).execute();
      return;
    }
    const text = JSON.stringify(extras);
    await this.db
      .insertInto('keystone_user_extras')
      .values({ user_id: userId, account_id: accountId, extras: text })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ extras: text }))
      .execute();
  }
}
