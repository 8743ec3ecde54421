/**
 * Protection-matrix rows of the Keystone regions, services and endpoints of the v3 table (issue #16).
 * Each row makes a region, a service and an endpoint in the fixture's account through core before the
 * request is watched.
 * @see #16
 */
import { systemContext } from '../../src/core/principal.js';
import type { V3Operation } from '../../src/dialects/huawei-v3/operation.js';
import type { V3Request } from './huawei-v3-keystone.js';
import type { Row } from './personas.js';

const BODIES: Record<string, (n: number) => unknown> = {
  keystoneCreateRegion: (n) => ({ region: { id: `made-region-${n}` } }),
  keystoneCreateRegionWithId: () => ({ region: { description: 'made' } }),
  keystoneUpdateRegion: () => ({ region: { description: 'changed' } }),
  keystoneCreateService: () => ({ service: { type: 'compute', name: 'nova' } }),
  keystoneUpdateService: () => ({ service: { description: 'changed' } }),
  keystoneUpdateEndpoint: () => ({ endpoint: { url: 'https://compute.example/v2' } }),
};

/** A row for every catalog operation of the table (`/regions`, `/services`, `/endpoints`). */
export function catalogRows(operations: V3Operation[]): Record<string, Row<V3Request>> {
  const rows: Record<string, Row<V3Request>> = {};
  for (const op of operations) {
    if (!/^\/(regions|services|endpoints)/.test(op.url)) continue;
    rows[op.name] = async (_persona, fx, n, env) => {
      const s = env.server.polyiam.services;
      const ctx = systemContext(fx.account.id, 'system', 'system');
      const region = await s.catalog.createRegion(ctx, `fx-region-${n}`, {});
      const service = await s.catalog.createService(ctx, { type: 'compute' });
      const endpoint = await s.catalog.createEndpoint(ctx, { serviceId: service.id, regionId: region.id, interface: 'public', url: 'https://compute.example' });
      // a region made with PUT takes the path's id: a fresh one, so an allowed persona does not collide
      const regionId = op.name === 'keystoneCreateRegionWithId' ? `fx-put-region-${n}` : region.id;
      const path = `/v3${op.url}`.replace(':region_id', regionId).replace(':service_id', service.id).replace(':endpoint_id', endpoint.id);
      const body = op.name === 'keystoneCreateEndpoint' ? { endpoint: { service_id: service.id, interface: 'public', url: 'https://compute.example/v2.1' } } : BODIES[op.name]?.(n);
      return { req: { method: op.method, path, ...(body === undefined ? {} : { body }) } };
    };
  }
  return rows;
}
