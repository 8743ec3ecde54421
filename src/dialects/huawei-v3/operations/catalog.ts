import { ENDPOINT_INTERFACES, type CatalogEndpoint, type CatalogRegion, type CatalogService, type EndpointInterface } from '../../../core/catalog/catalog.js';
import { JsonFields, parseJsonBody, type StringRule } from '../../kit/json-fields.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import { callerOf, listLinks, type V3Call, type V3Operation } from '../operation.js';
import { booleanQuery, onlyKnownQuery, queryValue } from '../rules.js';

/** Keystone catalog schema (catalog/schema.py): ids and names up to 255 characters, `url` a non-empty string. */
const REGION_ID: StringRule = { min: 1, max: 255 };
const TEXT: StringRule = { max: 255 };
const SERVICE_TYPE: StringRule = { min: 1, max: 255 };
const URL_RULE: StringRule = { min: 1, max: 1024 };

const pathParam = (call: V3Call, name: string): string => {
  const value = call.params[name] ?? '';
  if (value.length === 0 || value.length > 255) throw new WireValidationError(name, 'must be 1 to 255 characters');
  return value;
};

export function renderRegion(region: CatalogRegion, origin: string) {
  return { id: region.id, description: region.description, parent_region_id: region.parentRegionId, links: { self: `${origin}/v3/regions/${encodeURIComponent(region.id)}` } };
}

export function renderService(service: CatalogService, origin: string) {
  return { id: service.id, type: service.type, name: service.name, description: service.description, enabled: service.enabled, links: { self: `${origin}/v3/services/${service.id}` } };
}

export function renderEndpoint(endpoint: CatalogEndpoint, origin: string) {
  return {
    id: endpoint.id,
    service_id: endpoint.serviceId,
    interface: endpoint.interface,
    // Keystone keeps the legacy `region` beside `region_id`, both the region's id
    region: endpoint.regionId,
    region_id: endpoint.regionId,
    url: endpoint.url,
    enabled: endpoint.enabled,
    links: { self: `${origin}/v3/endpoints/${endpoint.id}` },
  };
}

function regionBody(call: V3Call): JsonFields {
  const region = JsonFields.of(parseJsonBody(call.body)).onlyKnown(['region']).requiredObject('region');
  region.onlyKnown(['id', 'description', 'parent_region_id', 'enabled']);
  // python-keystoneclient sends `enabled` with every region; a region has no state to keep it in
  region.optionalBoolean('enabled');
  return region;
}

/** `parent_region_id`: absent leaves it, null clears it. */
function parentRegion(region: JsonFields): string | null | undefined {
  if (!region.has('parent_region_id')) return undefined;
  return region.optionalString('parent_region_id', REGION_ID) ?? null;
}

function serviceBody(call: V3Call): JsonFields {
  const service = JsonFields.of(parseJsonBody(call.body)).onlyKnown(['service']).requiredObject('service');
  return service.onlyKnown(['type', 'name', 'description', 'enabled']);
}

function endpointBody(call: V3Call): JsonFields {
  const endpoint = JsonFields.of(parseJsonBody(call.body)).onlyKnown(['endpoint']).requiredObject('endpoint');
  return endpoint.onlyKnown(['service_id', 'interface', 'url', 'region', 'region_id', 'enabled']);
}

function endpointInterface(endpoint: JsonFields): EndpointInterface | undefined {
  const value = endpoint.optionalString('interface', { min: 1, max: 16 });
  if (value === undefined) return undefined;
  if (!(ENDPOINT_INTERFACES as readonly string[]).includes(value)) throw new WireValidationError(endpoint.name('interface'), 'must be `public`, `internal` or `admin`');
  return value as EndpointInterface;
}

/** Keystone `region_id`, or the legacy `region` (the same id); null or absent is no region. */
function endpointRegion(endpoint: JsonFields): string | null | undefined {
  const regionId = endpoint.optionalString('region_id', REGION_ID);
  const region = endpoint.optionalString('region', REGION_ID);
  if (regionId !== undefined && region !== undefined && regionId !== region) throw new WireValidationError(endpoint.name('region_id'), 'must name the same region as `region`');
  const value = regionId ?? region;
  if (value !== undefined) return value;
  return endpoint.has('region_id') || endpoint.has('region') ? null : undefined;
}

const regionOperations: V3Operation[] = [
  {
    name: 'keystoneCreateRegion',
    method: 'POST',
    url: '/regions',
    access: 'required',
    async run(call) {
      const region = regionBody(call);
      const id = region.optionalString('id', REGION_ID);
      const parentRegionId = parentRegion(region);
      const description = region.optionalString('description', TEXT);
      const created = await call.services.catalog.createRegion(callerOf(call), id, { ...(description !== undefined ? { description } : {}), ...(parentRegionId !== undefined ? { parentRegionId } : {}) });
      return { status: 201, body: { region: renderRegion(created, call.origin) } };
    },
  },
  {
    // Keystone PUT /v3/regions/{region_id}: a region with the caller's id
    name: 'keystoneCreateRegionWithId',
    method: 'PUT',
    url: '/regions/:region_id',
    access: 'required',
    async run(call) {
      const id = pathParam(call, 'region_id');
      const region = regionBody(call);
      const bodyId = region.optionalString('id', REGION_ID);
      if (bodyId !== undefined && bodyId !== id) throw new WireValidationError(region.name('id'), 'must match the id in the path');
      const parentRegionId = parentRegion(region);
      const description = region.optionalString('description', TEXT);
      const created = await call.services.catalog.createRegion(callerOf(call), id, { ...(description !== undefined ? { description } : {}), ...(parentRegionId !== undefined ? { parentRegionId } : {}) });
      return { status: 201, body: { region: renderRegion(created, call.origin) } };
    },
  },
  {
    name: 'keystoneListRegions',
    method: 'GET',
    url: '/regions',
    access: 'required',
    async run(call) {
      onlyKnownQuery(call, ['parent_region_id']);
      const parent = queryValue(call, 'parent_region_id');
      const regions = (await call.services.catalog.listRegions(callerOf(call))).filter((r) => parent === undefined || r.parentRegionId === parent);
      return { status: 200, body: { regions: regions.map((r) => renderRegion(r, call.origin)), links: listLinks(call) } };
    },
  },
  {
    name: 'keystoneShowRegion',
    method: 'GET',
    url: '/regions/:region_id',
    access: 'required',
    async run(call) {
      return { status: 200, body: { region: renderRegion(await call.services.catalog.getRegion(callerOf(call), pathParam(call, 'region_id')), call.origin) } };
    },
  },
  {
    name: 'keystoneUpdateRegion',
    method: 'PATCH',
    url: '/regions/:region_id',
    access: 'required',
    async run(call) {
      const id = pathParam(call, 'region_id');
      const region = regionBody(call);
      if (region.has('id')) throw new WireValidationError(region.name('id'), 'a region id cannot be changed');
      const parentRegionId = parentRegion(region);
      const description = region.optionalString('description', TEXT);
      const updated = await call.services.catalog.updateRegion(callerOf(call), id, { ...(description !== undefined ? { description } : {}), ...(parentRegionId !== undefined ? { parentRegionId } : {}) });
      return { status: 200, body: { region: renderRegion(updated, call.origin) } };
    },
  },
  {
    name: 'keystoneDeleteRegion',
    method: 'DELETE',
    url: '/regions/:region_id',
    access: 'required',
    async run(call) {
      await call.services.catalog.deleteRegion(callerOf(call), pathParam(call, 'region_id'));
      return { status: 204 };
    },
  },
];

const serviceOperations: V3Operation[] = [
  {
    name: 'keystoneCreateService',
    method: 'POST',
    url: '/services',
    access: 'required',
    async run(call) {
      const service = serviceBody(call);
      const type = service.requiredString('type', SERVICE_TYPE);
      const name = service.optionalString('name', TEXT);
      const description = service.optionalString('description', TEXT);
      const enabled = service.optionalBoolean('enabled');
      const created = await call.services.catalog.createService(callerOf(call), {
        type,
        ...(name !== undefined ? { name } : {}),
        ...(description !== undefined ? { description } : {}),
        ...(enabled !== undefined ? { enabled } : {}),
      });
      return { status: 201, body: { service: renderService(created, call.origin) } };
    },
  },
  {
    name: 'keystoneListServices',
    method: 'GET',
    url: '/services',
    access: 'required',
    async run(call) {
      onlyKnownQuery(call, ['type', 'name']);
      const type = queryValue(call, 'type');
      const name = queryValue(call, 'name');
      const services = (await call.services.catalog.listServices(callerOf(call))).filter((s) => (type === undefined || s.type === type) && (name === undefined || s.name === name));
      return { status: 200, body: { services: services.map((s) => renderService(s, call.origin)), links: listLinks(call) } };
    },
  },
  {
    name: 'keystoneShowService',
    method: 'GET',
    url: '/services/:service_id',
    access: 'required',
    async run(call) {
      return { status: 200, body: { service: renderService(await call.services.catalog.getService(callerOf(call), pathParam(call, 'service_id')), call.origin) } };
    },
  },
  {
    name: 'keystoneUpdateService',
    method: 'PATCH',
    url: '/services/:service_id',
    access: 'required',
    async run(call) {
      const service = serviceBody(call);
      const type = service.optionalString('type', SERVICE_TYPE);
      const name = service.optionalString('name', TEXT);
      const description = service.optionalString('description', TEXT);
      const enabled = service.optionalBoolean('enabled');
      const updated = await call.services.catalog.updateService(callerOf(call), pathParam(call, 'service_id'), {
        ...(type !== undefined ? { type } : {}),
        ...(name !== undefined ? { name } : {}),
        ...(description !== undefined ? { description } : {}),
        ...(enabled !== undefined ? { enabled } : {}),
      });
      return { status: 200, body: { service: renderService(updated, call.origin) } };
    },
  },
  {
    name: 'keystoneDeleteService',
    method: 'DELETE',
    url: '/services/:service_id',
    access: 'required',
    async run(call) {
      await call.services.catalog.deleteService(callerOf(call), pathParam(call, 'service_id'));
      return { status: 204 };
    },
  },
];

const endpointOperations: V3Operation[] = [
  {
    name: 'keystoneCreateEndpoint',
    method: 'POST',
    url: '/endpoints',
    access: 'required',
    async run(call) {
      const endpoint = endpointBody(call);
      const serviceId = endpoint.requiredString('service_id', REGION_ID);
      const iface = endpointInterface(endpoint);
      if (iface === undefined) throw new WireValidationError(endpoint.name('interface'), 'is required', 'missing');
      const url = endpoint.requiredString('url', URL_RULE);
      const regionId = endpointRegion(endpoint) ?? null;
      const enabled = endpoint.optionalBoolean('enabled');
      const created = await call.services.catalog.createEndpoint(callerOf(call), { serviceId, interface: iface, url, regionId, ...(enabled !== undefined ? { enabled } : {}) });
      return { status: 201, body: { endpoint: renderEndpoint(created, call.origin) } };
    },
  },
  {
    name: 'keystoneListEndpoints',
    method: 'GET',
    url: '/endpoints',
    access: 'required',
    async run(call) {
      onlyKnownQuery(call, ['service_id', 'interface', 'region_id', 'enabled']);
      const serviceId = queryValue(call, 'service_id');
      const iface = queryValue(call, 'interface');
      const regionId = queryValue(call, 'region_id');
      const enabled = booleanQuery(call, 'enabled');
      const endpoints = (await call.services.catalog.listEndpoints(callerOf(call))).filter(
        (e) => (serviceId === undefined || e.serviceId === serviceId) && (iface === undefined || e.interface === iface) && (regionId === undefined || e.regionId === regionId) && (enabled === undefined || e.enabled === enabled),
      );
      return { status: 200, body: { endpoints: endpoints.map((e) => renderEndpoint(e, call.origin)), links: listLinks(call) } };
    },
  },
  {
    name: 'keystoneShowEndpoint',
    method: 'GET',
    url: '/endpoints/:endpoint_id',
    access: 'required',
    async run(call) {
      return { status: 200, body: { endpoint: renderEndpoint(await call.services.catalog.getEndpoint(callerOf(call), pathParam(call, 'endpoint_id')), call.origin) } };
    },
  },
  {
    name: 'keystoneUpdateEndpoint',
    method: 'PATCH',
    url: '/endpoints/:endpoint_id',
    access: 'required',
    async run(call) {
      const endpoint = endpointBody(call);
      const serviceId = endpoint.optionalString('service_id', REGION_ID);
      const iface = endpointInterface(endpoint);
      const url = endpoint.optionalString('url', URL_RULE);
      const regionId = endpointRegion(endpoint);
      const enabled = endpoint.optionalBoolean('enabled');
      const updated = await call.services.catalog.updateEndpoint(callerOf(call), pathParam(call, 'endpoint_id'), {
        ...(serviceId !== undefined ? { serviceId } : {}),
        ...(iface !== undefined ? { interface: iface } : {}),
        ...(url !== undefined ? { url } : {}),
        ...(regionId !== undefined ? { regionId } : {}),
        ...(enabled !== undefined ? { enabled } : {}),
      });
      return { status: 200, body: { endpoint: renderEndpoint(updated, call.origin) } };
    },
  },
  {
    name: 'keystoneDeleteEndpoint',
    method: 'DELETE',
    url: '/endpoints/:endpoint_id',
    access: 'required',
    async run(call) {
      await call.services.catalog.deleteEndpoint(callerOf(call), pathParam(call, 'endpoint_id'));
      return { status: 204 };
    },
  },
];

/** Keystone regions, services and endpoints of the caller's account (issue #16). */
export const catalogOperations: V3Operation[] = [...regionOperations, ...serviceOperations, ...endpointOperations];
