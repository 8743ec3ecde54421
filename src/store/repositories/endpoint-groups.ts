import type { Kysely, Selectable } from 'kysely';
import type { EndpointGroup, EndpointGroupFilters, EndpointGroupRepository } from '../../core/catalog/endpoint-groups.js';
import type { Database, KeystoneEndpointGroupsTable } from '../schema.js';

/** Keystone endpoint groups (migration 0022, issue #16). */
export class KyselyEndpointGroupRepository implements EndpointGroupRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(g: EndpointGroup): Promise<void> {
    await this.db.insertInto('keystone_endpoint_groups').values({ id: g.id, account_id: g.accountId, name: g.name, description: g.description, filters: JSON.stringify(g.filters) }).execute();
  }

  async find(accountId: string, id: string): Promise<EndpointGroup | undefined> {
    const row = await this.db.selectFrom('keystone_endpoint_groups').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    return row && toGroup(row);
  }

  async list(accountId: string): Promise<EndpointGroup[]> {
    const rows = await this.db.selectFrom('keystone_endpoint_groups').selectAll().where('account_id', '=', accountId).orderBy('name').orderBy('id').execute();
    return rows.map(toGroup);
  }

  async update(g: EndpointGroup): Promise<void> {
    await this.db.updateTable('keystone_endpoint_groups').set({ name: g.name, description: g.description, filters: JSON.stringify(g.filters) }).where('account_id', '=', g.accountId).where('id', '=', g.id).execute();
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('keystone_endpoint_groups').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

function toGroup(row: Selectable<KeystoneEndpointGroupsTable>): EndpointGroup {
  return { id: row.id, accountId: row.account_id, name: row.name, description: row.description, filters: JSON.parse(row.filters) as EndpointGroupFilters };
}
