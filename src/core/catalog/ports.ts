import type { CatalogEndpoint, CatalogRegion, CatalogService } from './catalog.js';

/**
 * What the service catalog needs from storage (issue #16); `store/repositories/catalog.ts` implements
 * it. Like the project ports, each write is one statement or a transaction the repository opens.
 */
export interface CatalogRepository {
  /** @throws already-exists when the id is taken in the account */
  createRegion(region: CatalogRegion): Promise<void>;
  findRegion(accountId: string, id: string): Promise<CatalogRegion | undefined>;
  listRegions(accountId: string): Promise<CatalogRegion[]>;
  updateRegion(region: CatalogRegion): Promise<void>;
  /** removes the region and, as Keystone does, its child regions; false when nothing was deleted */
  deleteRegions(accountId: string, ids: string[]): Promise<boolean>;
  createService(service: CatalogService): Promise<void>;
  findService(accountId: string, id: string): Promise<CatalogService | undefined>;
  listServices(accountId: string): Promise<CatalogService[]>;
  updateService(service: CatalogService): Promise<void>;
  /** removes the service and its endpoints (Keystone deletes them with it) */
  deleteService(accountId: string, id: string): Promise<boolean>;
  createEndpoint(endpoint: CatalogEndpoint): Promise<void>;
  findEndpoint(accountId: string, id: string): Promise<CatalogEndpoint | undefined>;
  listEndpoints(accountId: string): Promise<CatalogEndpoint[]>;
  updateEndpoint(endpoint: CatalogEndpoint): Promise<void>;
  deleteEndpoint(accountId: string, id: string): Promise<boolean>;
}
