import type { Kysely } from 'kysely';
import { DEFAULT_PROTECT_POLICY, type ProtectPolicySettings, type ProtectPolicyStore } from '../../core/login-protection/protect-policy.js';
import type { Database } from '../schema.js';

interface ProtectPoliciesDatabase {
  protect_policies: { account_id: string; settings: string; updated_at: number };
}

/** The account's protect policy (migration 0024), as JSON in one row like the login policy. */
export class KyselyProtectPolicyStore implements ProtectPolicyStore {
  private readonly db: Kysely<ProtectPoliciesDatabase>;

  constructor(db: Kysely<Database>) {
    // the same connection, seen with the table of migration 0024
    this.db = db as unknown as Kysely<ProtectPoliciesDatabase>;
  }

  async find(accountId: string): Promise<ProtectPolicySettings | undefined> {
    const row = await this.db.selectFrom('protect_policies').select('settings').where('account_id', '=', accountId).executeTakeFirst();
    if (!row) return undefined;
    const stored = JSON.parse(row.settings) as Partial<ProtectPolicySettings>;
    // a field added later reads as its default
    return { ...DEFAULT_PROTECT_POLICY, ...stored, allowUser: { ...DEFAULT_PROTECT_POLICY.allowUser, ...stored.allowUser } };
  }

  async put(accountId: string, settings: ProtectPolicySettings, at: number): Promise<void> {
    const values = { account_id: accountId, settings: JSON.stringify(settings), updated_at: at };
    await this.db
      .insertInto('protect_policies')
      .values(values)
      .onConflict((oc) => oc.column('account_id').doUpdateSet({ settings: values.settings, updated_at: at }))
      .execute();
  }
}
