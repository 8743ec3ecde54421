/**
 * Keystone OS-EP-FILTER endpoint groups (issue #16): `/v3/OS-EP-FILTER/endpoint_groups` create, list,
 * show, check (HEAD), update, delete. Project associations are not served.
 */
import { ENDPOINT_GROUP_FILTER_KEYS, type EndpointGroup, type EndpointGroupFilters } from '../../../core/catalog/endpoint-groups.js';
import { JsonFields, parseJsonBody, type StringRule } from '../../kit/json-fields.js';
import { callerOf, listLinks, type V3Call, type V3Operation } from '../operation.js';
import { pathId } from '../rules.js';

/** Keystone catalog/schema.py: `name` 1-255, filter values strings */
const NAME: StringRule = { min: 1, max: 255 };
const TEXT: StringRule = { max: 255 };

function render(group: EndpointGroup, origin: string) {
  return { id: group.id, name: group.name, description: group.description, filters: group.filters, links: { self: `${origin}/v3/OS-EP-FILTER/endpoint_groups/${group.id}` } };
}

function body(call: V3Call): JsonFields {
  return JsonFields.of(parseJsonBody(call.body)).onlyKnown(['endpoint_group']).requiredObject('endpoint_group').onlyKnown(['name', 'description', 'filters']);
}

/** `filters`: an object of Keystone's filter keys (`service_id`, `region_id`, `interface`), at least one */
function filtersOf(group: JsonFields): EndpointGroupFilters {
  const fields = group.requiredObject('filters').onlyKnown([...ENDPOINT_GROUP_FILTER_KEYS]);
  const filters: EndpointGroupFilters = {};
  for (const key of ENDPOINT_GROUP_FILTER_KEYS) {
    const value = fields.optionalString(key, { min: 1, max: 255 });
    if (value !== undefined) filters[key] = value;
  }
  return filters;
}

const groupId = (call: V3Call) => pathId(call, 'endpoint_group_id');

export const endpointGroupOperations: V3Operation[] = [
  {
    name: 'keystoneCreateEndpointGroup',
    method: 'POST',
    url: '/OS-EP-FILTER/endpoint_groups',
    access: 'required',
    async run(call) {
      const group = body(call);
      const made = await call.services.endpointGroups.create(callerOf(call), { name: group.requiredString('name', NAME), description: group.optionalString('description', TEXT) ?? '', filters: filtersOf(group) });
      return { status: 201, body: { endpoint_group: render(made, call.origin) } };
    },
  },
  {
    name: 'keystoneListEndpointGroups',
    method: 'GET',
    url: '/OS-EP-FILTER/endpoint_groups',
    access: 'required',
    async run(call) {
      const groups = await call.services.endpointGroups.list(callerOf(call));
      return { status: 200, body: { endpoint_groups: groups.map((g) => render(g, call.origin)), links: listLinks(call) } };
    },
  },
  {
    name: 'keystoneShowEndpointGroup',
    method: 'GET',
    url: '/OS-EP-FILTER/endpoint_groups/:endpoint_group_id',
    access: 'required',
    async run(call) {
      return { status: 200, body: { endpoint_group: render(await call.services.endpointGroups.get(callerOf(call), groupId(call)), call.origin) } };
    },
  },
  {
    name: 'keystoneCheckEndpointGroup',
    method: 'HEAD',
    url: '/OS-EP-FILTER/endpoint_groups/:endpoint_group_id',
    access: 'required',
    async run(call) {
      await call.services.endpointGroups.get(callerOf(call), groupId(call));
      return { status: 200 };
    },
  },
  {
    name: 'keystoneUpdateEndpointGroup',
    method: 'PATCH',
    url: '/OS-EP-FILTER/endpoint_groups/:endpoint_group_id',
    access: 'required',
    async run(call) {
      const group = body(call);
      const name = group.optionalString('name', NAME);
      const description = group.optionalString('description', TEXT);
      const changes = { ...(name !== undefined ? { name } : {}), ...(description !== undefined ? { description } : {}), ...(group.has('filters') ? { filters: filtersOf(group) } : {}) };
      return { status: 200, body: { endpoint_group: render(await call.services.endpointGroups.update(callerOf(call), groupId(call), changes), call.origin) } };
    },
  },
  {
    name: 'keystoneDeleteEndpointGroup',
    method: 'DELETE',
    url: '/OS-EP-FILTER/endpoint_groups/:endpoint_group_id',
    access: 'required',
    async run(call) {
      await call.services.endpointGroups.delete(callerOf(call), groupId(call));
      return { status: 204 };
    },
  },
];
