import type { AccessKeyView } from '../../../core/access-keys/access-key.js';
import { JsonFields, parseJsonBody } from '../../kit/json-fields.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import type { V5Operation } from '../operation.js';
import { accessKeyIdParam, pagination, userIdParam } from '../rules.js';
import { isoTime, renderAccessKey, renderCreatedAccessKey } from '../shapes.js';

export const accessKeyOperations: V5Operation[] = [
  {
    name: 'createAccessKeyV5',
    method: 'POST',
    url: '/users/:user_id/access-keys',
    status: 201,
    core: 'accessKeys.create',
    errors: ['invalid', 'denied', 'notFound', 'quota'],
    async run({ ctx, params, services }) {
      // CreateAccessKeyV5 takes no body (the SDK sends Content-Length: 0); the secret is in this answer only
      const created = await services.accessKeys.create(ctx, { id: userIdParam(params.user_id) });
      return { access_key: renderCreatedAccessKey(created.key, created.secret) };
    },
  },
  {
    name: 'listAccessKeysV5',
    method: 'GET',
    url: '/users/:user_id/access-keys',
    status: 200,
    core: 'accessKeys.list',
    errors: ['invalid', 'marker', 'denied', 'notFound'],
    async run({ ctx, params, query, services }) {
      const id = userIdParam(params.user_id);
      const { limit, marker } = pagination(query);
      const { keys } = await services.accessKeys.list(ctx, { id });
      const page = pageOf(keys, limit, marker);
      return {
        access_keys: page.items.map(renderAccessKey),
        page_info: { current_count: page.items.length, ...(page.nextMarker ? { next_marker: page.nextMarker } : {}) },
      };
    },
  },
  {
    name: 'updateAccessKeyV5',
    method: 'PUT',
    url: '/users/:user_id/access-keys/:access_key_id',
    status: 200,
    core: 'accessKeys.updateStatus',
    errors: ['missing', 'invalid', 'malformedBody', 'denied', 'notFound'],
    async run({ ctx, params, body, services }) {
      const id = userIdParam(params.user_id);
      const keyId = accessKeyIdParam(params.access_key_id);
      // UpdateAccessKeyReqBody: status, required, `active` | `inactive`
      const input = JsonFields.of(parseJsonBody(body)).onlyKnown(['status']);
      const status = input.requiredString('status');
      if (status !== 'active' && status !== 'inactive') throw new WireValidationError('status', 'must be `active` or `inactive`');
      const key = await services.accessKeys.updateStatus(ctx, { id }, keyId, status);
      return { access_key: renderAccessKey(key) };
    },
  },
  {
    name: 'deleteAccessKeyV5',
    method: 'DELETE',
    url: '/users/:user_id/access-keys/:access_key_id',
    status: 204,
    core: 'accessKeys.delete',
    errors: ['invalid', 'denied', 'notFound'],
    async run({ ctx, params, services }) {
      await services.accessKeys.delete(ctx, { id: userIdParam(params.user_id) }, accessKeyIdParam(params.access_key_id));
    },
  },
  {
    name: 'showAccessKeyLastUsedV5',
    method: 'GET',
    url: '/users/:user_id/access-keys/:access_key_id/last-used',
    status: 200,
    core: 'accessKeys.getLastUsed',
    errors: ['invalid', 'denied', 'notFound'],
    async run({ ctx, params, services }) {
      const { key } = await services.accessKeys.getLastUsed(ctx, { id: userIdParam(params.user_id) }, accessKeyIdParam(params.access_key_id));
      // AccessKeyLastUsed.last_used_at: "absent means the key has never been used"
      return { access_key_last_used: key.lastUsedAt === null ? {} : { last_used_at: isoTime(key.lastUsedAt) } };
    },
  },
];

/**
 * Keyset paging over a user's keys (a handful at most), in the store's order (created_at, id). The
 * marker is the last key's position, so a key deleted between pages does not break the walk.
 */
function pageOf(keys: AccessKeyView[], limit: number, marker: string | undefined): { items: AccessKeyView[]; nextMarker?: string } {
  let rest = keys;
  if (marker !== undefined) {
    const after = decodeMarker(marker);
    rest = keys.filter((k) => k.createdAt > after.createdAt || (k.createdAt === after.createdAt && k.id > after.id));
  }
  const items = rest.slice(0, limit);
  const last = items[items.length - 1];
  return rest.length > limit && last ? { items, nextMarker: encodeMarker(last) } : { items };
}

function encodeMarker(key: AccessKeyView): string {
  return Buffer.from(`${key.createdAt}.${key.id}`, 'utf8').toString('base64url');
}

function decodeMarker(marker: string): { createdAt: number; id: string } {
  const match = /^(\d{1,15})\.([A-Za-z0-9]{1,40})$/.exec(Buffer.from(marker, 'base64url').toString('utf8'));
  if (!match) throw new WireValidationError('marker', 'is not a marker from a previous page');
  return { createdAt: Number(match[1]), id: match[2]! };
}
