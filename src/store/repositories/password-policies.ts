import type { Kysely } from 'kysely';
import type { PasswordPolicyRepository } from '../../core/ports.js';
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicySettings } from '../../core/password-policy/password-policy.js';
import type { Database } from '../schema.js';

/**
 * Settings are one JSON document per account: the policy is read and written whole, and a field added
 * later reads as its default from older rows without a migration.
 */
export class KyselyPasswordPolicyRepository implements PasswordPolicyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async find(accountId: string): Promise<PasswordPolicySettings | undefined> {
    const row = await this.db.selectFrom('password_policies').select('settings').where('account_id', '=', accountId).executeTakeFirst();
    return row ? { ...DEFAULT_PASSWORD_POLICY, ...(JSON.parse(row.settings) as Partial<PasswordPolicySettings>) } : undefined;
  }

  async put(accountId: string, settings: PasswordPolicySettings): Promise<void> {
    const values = { account_id: accountId, settings: JSON.stringify(settings), updated_at: Date.now() };
    await this.db
      .insertInto('password_policies')
      .values(values)
      .onConflict((oc) => oc.column('account_id').doUpdateSet({ settings: values.settings, updated_at: values.updated_at }))
      .execute();
  }

  async delete(accountId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('password_policies').where('account_id', '=', accountId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
