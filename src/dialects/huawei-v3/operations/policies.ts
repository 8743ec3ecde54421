/**
 * Keystone `/v3/policies` (issue #16): create (`blob` and `type` required), list (filter `type`),
 * show, update, delete; each account's own opaque blobs. Keystone keeps extra attributes; polyiam
 * refuses them (400) rather than drop them silently.
 */
import type { PolicyBlob } from '../../../core/keystone-policies/policy-blobs-service.js';
import { JsonFields, parseJsonBody, type StringRule } from '../../kit/json-fields.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import { callerOf, listLinks, type V3Call, type V3Operation } from '../operation.js';
import { onlyKnownQuery, pathId, queryValue } from '../rules.js';

/** Keystone policy/schema.py: `type` a string up to 255, `blob` a string (polyiam: up to 64 KiB) */
const TYPE: StringRule = { max: 255 };
const BLOB: StringRule = { max: 65_536 };

function render(p: PolicyBlob, origin: string) {
  return { id: p.id, type: p.type, blob: p.blob, links: { self: `${origin}/v3/policies/${p.id}` } };
}

function policyBody(call: V3Call): JsonFields {
  return JsonFields.of(parseJsonBody(call.body)).onlyKnown(['policy']).requiredObject('policy').onlyKnown(['blob', 'type', 'id']);
}

const policyId = (call: V3Call) => pathId(call, 'policy_id');

export const policyOperations: V3Operation[] = [
  {
    name: 'keystoneCreatePolicy',
    method: 'POST',
    url: '/policies',
    access: 'required',
    async run(call) {
      const policy = policyBody(call);
      // Keystone assigns the id (`_assign_unique_id`), whatever the body says
      policy.optionalString('id', { max: 64 });
      const made = await call.services.policyBlobs.create(callerOf(call), { type: policy.requiredString('type', TYPE), blob: policy.requiredString('blob', BLOB) });
      return { status: 201, body: { policy: render(made, call.origin) } };
    },
  },
  {
    name: 'keystoneListPolicies',
    method: 'GET',
    url: '/policies',
    access: 'required',
    async run(call) {
      onlyKnownQuery(call, ['type']);
      const list = await call.services.policyBlobs.list(callerOf(call), queryValue(call, 'type'));
      return { status: 200, body: { policies: list.map((p) => render(p, call.origin)), links: listLinks(call) } };
    },
  },
  {
    name: 'keystoneShowPolicy',
    method: 'GET',
    url: '/policies/:policy_id',
    access: 'required',
    async run(call) {
      return { status: 200, body: { policy: render(await call.services.policyBlobs.get(callerOf(call), policyId(call)), call.origin) } };
    },
  },
  {
    name: 'keystoneUpdatePolicy',
    method: 'PATCH',
    url: '/policies/:policy_id',
    access: 'required',
    async run(call) {
      const id = policyId(call);
      const policy = policyBody(call);
      // Keystone policy_update: `minProperties: 1`; an `id` must be the path's (`_require_matching_id`)
      if (policy.has('id') && policy.optionalString('id', { max: 64 }) !== id) throw new WireValidationError('policy.id', 'cannot be changed');
      const type = policy.optionalString('type', TYPE);
      const blob = policy.optionalString('blob', BLOB);
      if (type === undefined && blob === undefined && !policy.has('id')) throw new WireValidationError('policy', 'must change `blob` or `type`');
      const changes = { ...(type !== undefined ? { type } : {}), ...(blob !== undefined ? { blob } : {}) };
      return { status: 200, body: { policy: render(await call.services.policyBlobs.update(callerOf(call), id, changes), call.origin) } };
    },
  },
  {
    name: 'keystoneDeletePolicy',
    method: 'DELETE',
    url: '/policies/:policy_id',
    access: 'required',
    async run(call) {
      await call.services.policyBlobs.delete(callerOf(call), policyId(call));
      return { status: 204 };
    },
  },
];
