import { Actions } from '../authorization/actions.js';
import type { ResourceRef } from '../authorization/authorizer.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import type { CallContext } from '../principal.js';
import type { CatalogEndpoint, CatalogEntry, CatalogRegion, CatalogService, EndpointInterface } from './catalog.js';
import type { CatalogRepository } from './ports.js';

export interface RegionInput {
  description?: string;
  parentRegionId?: string | null;
}

export interface ServiceInput {
  type?: string;
  name?: string;
  description?: string;
  enabled?: boolean;
}

export interface EndpointInput {
  serviceId?: string;
  regionId?: string | null;
  interface?: EndpointInterface;
  url?: string;
  enabled?: boolean;
}

/** Keystone region trees are bounded only by cycles; this bounds a walk up a corrupted one too. */
const MAX_REGION_DEPTH = 64;

const accountResource = (accountId: string): ResourceRef => ({ type: 'account', accountId });

/**
 * Keystone regions, services and endpoints of one account (issue #16). Reads are `listCatalog`, writes
 * `updateCatalog`. The token catalog (`entries`) is remembered per account until any catalog change,
 * so a token validate costs no query.
 */
export class CatalogAdminService {
  private readonly remembered = new Map<string, CatalogEntry[]>();

  constructor(
    private readonly deps: CoreDeps,
    private readonly catalog: CatalogRepository,
  ) {
    deps.changes.subscribe((change) => {
      if (change.kind === 'keystone' || change.kind === 'account') this.remembered.delete(change.id);
    });
  }

  // --- regions

  /**
   * Keystone `POST /v3/regions` (id generated) or `PUT /v3/regions/{id}` (the caller's id).
   * @throws access-denied | already-exists | not-found (parent)
   */
  createRegion(ctx: CallContext, id: string | undefined, input: RegionInput): Promise<CatalogRegion> {
    const accountId = ctx.principal.accountId;
    return this.write(ctx, async () => {
      const region: CatalogRegion = { accountId, id: id ?? this.deps.ids.hexId(), description: input.description ?? '', parentRegionId: input.parentRegionId ?? null };
      if (region.parentRegionId !== null) await this.requireRegion(accountId, region.parentRegionId, 'parent_region_id');
      await this.catalog.createRegion(region);
      return region;
    });
  }

  getRegion(ctx: CallContext, id: string): Promise<CatalogRegion> {
    return this.read(ctx, () => this.requireRegion(ctx.principal.accountId, id));
  }

  listRegions(ctx: CallContext): Promise<CatalogRegion[]> {
    return this.read(ctx, () => this.catalog.listRegions(ctx.principal.accountId));
  }

  /** @throws access-denied | not-found | invalid-input (a parent that would make a cycle) */
  updateRegion(ctx: CallContext, id: string, input: RegionInput): Promise<CatalogRegion> {
    const accountId = ctx.principal.accountId;
    return this.write(ctx, async () => {
      const current = await this.requireRegion(accountId, id);
      const next: CatalogRegion = {
        ...current,
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.parentRegionId !== undefined ? { parentRegionId: input.parentRegionId } : {}),
      };
      if (next.parentRegionId !== null && next.parentRegionId !== current.parentRegionId) await this.checkNoCycle(accountId, id, next.parentRegionId);
      await this.catalog.updateRegion(next);
      return next;
    });
  }

  /** Keystone deletes a region with its child regions. @throws access-denied | not-found */
  deleteRegion(ctx: CallContext, id: string): Promise<void> {
    const accountId = ctx.principal.accountId;
    return this.write(ctx, async () => {
      await this.requireRegion(accountId, id);
      const all = await this.catalog.listRegions(accountId);
      const doomed = new Set([id]);
      for (let grew = true; grew; ) {
        grew = false;
        for (const r of all) if (r.parentRegionId !== null && doomed.has(r.parentRegionId) && !doomed.has(r.id)) (doomed.add(r.id), (grew = true));
      }
      if (!(await this.catalog.deleteRegions(accountId, [...doomed]))) throw new NotFoundError('region', id);
    });
  }

  // --- services

  createService(ctx: CallContext, input: ServiceInput & { type: string }): Promise<CatalogService> {
    const accountId = ctx.principal.accountId;
    return this.write(ctx, async () => {
      const service: CatalogService = { id: this.deps.ids.hexId(), accountId, type: input.type, name: input.name ?? '', description: input.description ?? '', enabled: input.enabled ?? true };
      await this.catalog.createService(service);
      return service;
    });
  }

  getService(ctx: CallContext, id: string): Promise<CatalogService> {
    return this.read(ctx, () => this.requireService(ctx.principal.accountId, id));
  }

  listServices(ctx: CallContext): Promise<CatalogService[]> {
    return this.read(ctx, () => this.catalog.listServices(ctx.principal.accountId));
  }

  updateService(ctx: CallContext, id: string, input: ServiceInput): Promise<CatalogService> {
    const accountId = ctx.principal.accountId;
    return this.write(ctx, async () => {
      const current = await this.requireService(accountId, id);
      const next: CatalogService = {
        ...current,
        ...(input.type !== undefined ? { type: input.type } : {}),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      };
      await this.catalog.updateService(next);
      return next;
    });
  }

  /** Keystone deletes a service with its endpoints. @throws access-denied | not-found */
  deleteService(ctx: CallContext, id: string): Promise<void> {
    return this.write(ctx, async () => {
      if (!(await this.catalog.deleteService(ctx.principal.accountId, id))) throw new NotFoundError('service', id);
    });
  }

  // --- endpoints

  /**
   * Keystone `POST /v3/endpoints`. A region the account does not have yet is made with the endpoint, as
   * Keystone does for the legacy `region` attribute. @throws access-denied | not-found (service)
   */
  createEndpoint(ctx: CallContext, input: Required<Omit<EndpointInput, 'enabled'>> & { enabled?: boolean }): Promise<CatalogEndpoint> {
    const accountId = ctx.principal.accountId;
    return this.write(ctx, async () => {
      await this.requireService(accountId, input.serviceId, 'service_id');
      if (input.regionId !== null) await this.ensureRegion(accountId, input.regionId);
      const endpoint: CatalogEndpoint = { id: this.deps.ids.hexId(), accountId, serviceId: input.serviceId, regionId: input.regionId, interface: input.interface, url: input.url, enabled: input.enabled ?? true };
      await this.catalog.createEndpoint(endpoint);
      return endpoint;
    });
  }

  getEndpoint(ctx: CallContext, id: string): Promise<CatalogEndpoint> {
    return this.read(ctx, () => this.requireEndpoint(ctx.principal.accountId, id));
  }

  listEndpoints(ctx: CallContext): Promise<CatalogEndpoint[]> {
    return this.read(ctx, () => this.catalog.listEndpoints(ctx.principal.accountId));
  }

  updateEndpoint(ctx: CallContext, id: string, input: EndpointInput): Promise<CatalogEndpoint> {
    const accountId = ctx.principal.accountId;
    return this.write(ctx, async () => {
      const current = await this.requireEndpoint(accountId, id);
      if (input.serviceId !== undefined) await this.requireService(accountId, input.serviceId, 'service_id');
      if (input.regionId !== undefined && input.regionId !== null) await this.ensureRegion(accountId, input.regionId);
      const next: CatalogEndpoint = {
        ...current,
        ...(input.serviceId !== undefined ? { serviceId: input.serviceId } : {}),
        ...(input.regionId !== undefined ? { regionId: input.regionId } : {}),
        ...(input.interface !== undefined ? { interface: input.interface } : {}),
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      };
      await this.catalog.updateEndpoint(next);
      return next;
    });
  }

  deleteEndpoint(ctx: CallContext, id: string): Promise<void> {
    return this.write(ctx, async () => {
      if (!(await this.catalog.deleteEndpoint(ctx.principal.accountId, id))) throw new NotFoundError('endpoint', id);
    });
  }

  /**
   * The account's enabled services with their enabled endpoints, for a token's `catalog` (no
   * authorization: a token always carries its catalog). Remembered until the account's next change.
   */
  async entries(accountId: string): Promise<CatalogEntry[]> {
    const known = this.remembered.get(accountId);
    if (known) return known;
    const [services, endpoints] = await Promise.all([this.catalog.listServices(accountId), this.catalog.listEndpoints(accountId)]);
    const entries = services.filter((s) => s.enabled).map((service) => ({ service, endpoints: endpoints.filter((e) => e.enabled && e.serviceId === service.id) }));
    if (this.remembered.size > 10_000) this.remembered.clear();
    this.remembered.set(accountId, entries);
    return entries;
  }

  private read<T>(ctx: CallContext, work: () => Promise<T>): Promise<T> {
    return runCommand(this.deps, ctx, Actions.listCatalog, accountResource(ctx.principal.accountId), work);
  }

  private async write<T>(ctx: CallContext, work: () => Promise<T>): Promise<T> {
    const result = await runCommand(this.deps, ctx, Actions.updateCatalog, accountResource(ctx.principal.accountId), work);
    this.deps.changes.emit({ kind: 'keystone', id: ctx.principal.accountId });
    return result;
  }

  private async requireRegion(accountId: string, id: string, field?: string): Promise<CatalogRegion> {
    const region = await this.catalog.findRegion(accountId, id);
    if (!region) throw field ? new InvalidInputError(field, `region \`${id}\` does not exist`) : new NotFoundError('region', id);
    return region;
  }

  private async requireService(accountId: string, id: string, field?: string): Promise<CatalogService> {
    const service = await this.catalog.findService(accountId, id);
    if (!service) throw field ? new InvalidInputError(field, `service \`${id}\` does not exist`) : new NotFoundError('service', id);
    return service;
  }

  private async requireEndpoint(accountId: string, id: string): Promise<CatalogEndpoint> {
    const endpoint = await this.catalog.findEndpoint(accountId, id);
    if (!endpoint) throw new NotFoundError('endpoint', id);
    return endpoint;
  }

  private async ensureRegion(accountId: string, id: string): Promise<void> {
    if (await this.catalog.findRegion(accountId, id)) return;
    try {
      await this.catalog.createRegion({ accountId, id, description: '', parentRegionId: null });
    } catch (err) {
      // made at the same moment by another request: it exists, which is all this needs
      if (!(await this.catalog.findRegion(accountId, id))) throw err;
    }
  }

  /** Keystone CircularRegionHierarchyError (400): the new parent must not be the region or below it. */
  private async checkNoCycle(accountId: string, id: string, parentId: string): Promise<void> {
    let cursor: string | null = parentId;
    for (let depth = 0; cursor !== null && depth < MAX_REGION_DEPTH; depth += 1) {
      if (cursor === id) throw new InvalidInputError('parent_region_id', `region \`${parentId}\` would make a circular region hierarchy`);
      cursor = (await this.requireRegion(accountId, cursor, 'parent_region_id')).parentRegionId;
    }
  }
}
