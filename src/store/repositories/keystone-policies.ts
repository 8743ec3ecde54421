import type { Kysely, Selectable } from 'kysely';
import type { PolicyBlob, PolicyBlobRepository } from '../../core/keystone-policies/policy-blobs-service.js';
import { translateUnique } from '../errors.js';
import type { Database, KeystonePoliciesTable } from '../schema.js';

/** Keystone `/v3/policies` blobs (migration 0025, issue #16). */
export class KyselyPolicyBlobRepository implements PolicyBlobRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(p: PolicyBlob): Promise<void> {
    await translateUnique('keystone-policy', p.id, () => this.db.insertInto('keystone_policies').values({ id: p.id, account_id: p.accountId, type: p.type, blob: p.blob, created_at: p.createdAt }).execute());
  }

  async find(accountId: string, id: string): Promise<PolicyBlob | undefined> {
    const row = await this.db.selectFrom('keystone_policies').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    return row && toPolicy(row);
  }

  async list(accountId: string, type?: string): Promise<PolicyBlob[]> {
    let query = this.db.selectFrom('keystone_policies').selectAll().where('account_id', '=', accountId);
    if (type !== undefined) query = query.where('type', '=', type);
    return (await query.orderBy('created_at').orderBy('id').execute()).map(toPolicy);
  }

  async update(p: PolicyBlob): Promise<boolean> {
    const result = await this.db.updateTable('keystone_policies').set({ type: p.type, blob: p.blob }).where('account_id', '=', p.accountId).where('id', '=', p.id).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('keystone_policies').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

function toPolicy(row: Selectable<KeystonePoliciesTable>): PolicyBlob {
  return { id: row.id, accountId: row.account_id, type: row.type, blob: row.blob, createdAt: Number(row.created_at) };
}
