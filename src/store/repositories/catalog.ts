import type { Kysely, Selectable } from 'kysely';
import type { CatalogEndpoint, CatalogRegion, CatalogService, EndpointInterface } from '../../core/catalog/catalog.js';
import type { CatalogRepository } from '../../core/catalog/ports.js';
import { translateUnique } from '../errors.js';
import type { CatalogEndpointsTable, CatalogRegionsTable, CatalogServicesTable, Database } from '../schema.js';

/** Keystone regions, services and endpoints per account (migration 0020, issue #16). */
export class KyselyCatalogRepository implements CatalogRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async createRegion(region: CatalogRegion): Promise<void> {
    await translateUnique('region', region.id, () => this.db.insertInto('catalog_regions').values(regionRow(region)).execute());
  }

  async findRegion(accountId: string, id: string): Promise<CatalogRegion | undefined> {
    const row = await this.db.selectFrom('catalog_regions').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    return row && toRegion(row);
  }

  async listRegions(accountId: string): Promise<CatalogRegion[]> {
    return (await this.db.selectFrom('catalog_regions').selectAll().where('account_id', '=', accountId).orderBy('id').execute()).map(toRegion);
  }

  async updateRegion(region: CatalogRegion): Promise<void> {
    await this.db
      .updateTable('catalog_regions')
      .set({ description: region.description, parent_region_id: region.parentRegionId })
      .where('account_id', '=', region.accountId)
      .where('id', '=', region.id)
      .execute();
  }

  async deleteRegions(accountId: string, ids: string[]): Promise<boolean> {
    if (ids.length === 0) return false;
    return this.db.transaction().execute(async (trx) => {
      const result = await trx.deleteFrom('catalog_regions').where('account_id', '=', accountId).where('id', 'in', ids).executeTakeFirst();
      // Keystone: an endpoint whose region is gone keeps serving, in no region
      await trx.updateTable('catalog_endpoints').set({ region_id: null }).where('account_id', '=', accountId).where('region_id', 'in', ids).execute();
      return Number(result.numDeletedRows) > 0;
    });
  }

  async createService(service: CatalogService): Promise<void> {
    await this.db.insertInto('catalog_services').values(serviceRow(service)).execute();
  }

  async findService(accountId: string, id: string): Promise<CatalogService | undefined> {
    const row = await this.db.selectFrom('catalog_services').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    return row && toService(row);
  }

  async listServices(accountId: string): Promise<CatalogService[]> {
    return (await this.db.selectFrom('catalog_services').selectAll().where('account_id', '=', accountId).orderBy('id').execute()).map(toService);
  }

  async updateService(service: CatalogService): Promise<void> {
    const { id, account_id, ...changes } = serviceRow(service);
    await this.db.updateTable('catalog_services').set(changes).where('account_id', '=', account_id).where('id', '=', id).execute();
  }

  async deleteService(accountId: string, id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const result = await trx.deleteFrom('catalog_services').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) return false;
      await trx.deleteFrom('catalog_endpoints').where('account_id', '=', accountId).where('service_id', '=', id).execute();
      return true;
    });
  }

  async createEndpoint(endpoint: CatalogEndpoint): Promise<void> {
    await this.db.insertInto('catalog_endpoints').values(endpointRow(endpoint)).execute();
  }

  async findEndpoint(accountId: string, id: string): Promise<CatalogEndpoint | undefined> {
    const row = await this.db.selectFrom('catalog_endpoints').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    return row && toEndpoint(row);
  }

  async listEndpoints(accountId: string): Promise<CatalogEndpoint[]> {
    return (await this.db.selectFrom('catalog_endpoints').selectAll().where('account_id', '=', accountId).orderBy('id').execute()).map(toEndpoint);
  }

  async updateEndpoint(endpoint: CatalogEndpoint): Promise<void> {
    const { id, account_id, ...changes } = endpointRow(endpoint);
    await this.db.updateTable('catalog_endpoints').set(changes).where('account_id', '=', account_id).where('id', '=', id).execute();
  }

  async deleteEndpoint(accountId: string, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('catalog_endpoints').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

const regionRow = (r: CatalogRegion): CatalogRegionsTable => ({ account_id: r.accountId, id: r.id, description: r.description, parent_region_id: r.parentRegionId });
const toRegion = (r: Selectable<CatalogRegionsTable>): CatalogRegion => ({ accountId: r.account_id, id: r.id, description: r.description, parentRegionId: r.parent_region_id });
const serviceRow = (s: CatalogService): CatalogServicesTable => ({ id: s.id, account_id: s.accountId, type: s.type, name: s.name, description: s.description, enabled: s.enabled ? 1 : 0 });
const toService = (s: Selectable<CatalogServicesTable>): CatalogService => ({ id: s.id, accountId: s.account_id, type: s.type, name: s.name, description: s.description, enabled: Number(s.enabled) === 1 });
const endpointRow = (e: CatalogEndpoint): CatalogEndpointsTable => ({
  id: e.id,
  account_id: e.accountId,
  service_id: e.serviceId,
  region_id: e.regionId,
  interface: e.interface,
  url: e.url,
  enabled: e.enabled ? 1 : 0,
});
const toEndpoint = (e: Selectable<CatalogEndpointsTable>): CatalogEndpoint => ({
  id: e.id,
  accountId: e.account_id,
  serviceId: e.service_id,
  regionId: e.region_id,
  interface: e.interface as EndpointInterface,
  url: e.url,
  enabled: Number(e.enabled) === 1,
});
