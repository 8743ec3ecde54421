/**
 * Keystone OAuth1 consumers (issue #16): `/v3/OS-OAUTH1/consumers` create, list, show, update, delete.
 * The `secret` is in the answer to the create only (Keystone's API shows it then and never again).
 * Request and access tokens (`/v3/OS-OAUTH1/request_token`, ...) are not served.
 */
import type { ConsumerView } from '../../../core/oauth-consumers/consumers-service.js';
import { JsonFields, parseJsonBody, type StringRule } from '../../kit/json-fields.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import { callerOf, listLinks, type V3Call, type V3Operation } from '../operation.js';
import { pathId } from '../rules.js';

/** Keystone `parameter_types.description`: a string, nullable (polyiam: up to 1024) */
const DESCRIPTION: StringRule = { max: 1024 };

function render(c: ConsumerView, origin: string) {
  return { id: c.id, description: c.description, links: { self: `${origin}/v3/OS-OAUTH1/consumers/${c.id}` } };
}

/** `consumer`: Keystone's client sends `{"consumer": {"description": ...}}`; a missing body is an empty consumer */
function consumerBody(call: V3Call): JsonFields {
  if (call.body.length === 0) return JsonFields.of({}, 'consumer');
  const body = JsonFields.of(parseJsonBody(call.body)).onlyKnown(['consumer']);
  return body.has('consumer') ? body.requiredObject('consumer') : JsonFields.of({}, 'consumer');
}

const consumerId = (call: V3Call) => pathId(call, 'consumer_id');

export const oauthConsumerOperations: V3Operation[] = [
  {
    name: 'keystoneCreateConsumer',
    method: 'POST',
    url: '/OS-OAUTH1/consumers',
    access: 'required',
    async run(call) {
      // Keystone consumer_create keeps any other attribute; polyiam refuses them (400) rather than drop them
      const consumer = consumerBody(call).onlyKnown(['description']);
      const made = await call.services.oauthConsumers.create(callerOf(call), consumer.optionalString('description', DESCRIPTION) ?? null);
      // SECURITY: the one answer that carries the secret
      return { status: 201, body: { consumer: { ...render(made.consumer, call.origin), secret: made.secret } } };
    },
  },
  {
    name: 'keystoneListConsumers',
    method: 'GET',
    url: '/OS-OAUTH1/consumers',
    access: 'required',
    async run(call) {
      const list = await call.services.oauthConsumers.list(callerOf(call));
      return { status: 200, body: { consumers: list.map((c) => render(c, call.origin)), links: listLinks(call) } };
    },
  },
  {
    name: 'keystoneShowConsumer',
    method: 'GET',
    url: '/OS-OAUTH1/consumers/:consumer_id',
    access: 'required',
    async run(call) {
      return { status: 200, body: { consumer: render(await call.services.oauthConsumers.get(callerOf(call), consumerId(call)), call.origin) } };
    },
  },
  {
    name: 'keystoneUpdateConsumer',
    method: 'PATCH',
    url: '/OS-OAUTH1/consumers/:consumer_id',
    access: 'required',
    async run(call) {
      const id = consumerId(call);
      const body = parseJsonBody(call.body) as Record<string, unknown>;
      const consumer = JsonFields.of(body).onlyKnown(['consumer']).requiredObject('consumer');
      const given = body.consumer as Record<string, unknown>;
      // Keystone consumer_update: `not: {required: [secret]}`, `minProperties: 1`, an `id` only the path's
      if (consumer.has('secret')) throw new WireValidationError('consumer.secret', 'cannot be changed');
      consumer.onlyKnown(['description', 'id']);
      if (consumer.has('id') && consumer.optionalString('id', { max: 64 }) !== id) throw new WireValidationError('consumer.id', 'cannot be changed');
      if (Object.keys(given).length === 0) throw new WireValidationError('consumer', 'must change `description`');
      // `description: null` clears it; absent leaves it
      const description = !Object.hasOwn(given, 'description') ? undefined : given.description === null ? null : consumer.optionalString('description', DESCRIPTION);
      return { status: 200, body: { consumer: render(await call.services.oauthConsumers.update(callerOf(call), id, description), call.origin) } };
    },
  },
  {
    name: 'keystoneDeleteConsumer',
    method: 'DELETE',
    url: '/OS-OAUTH1/consumers/:consumer_id',
    access: 'required',
    async run(call) {
      await call.services.oauthConsumers.delete(callerOf(call), consumerId(call));
      return { status: 204 };
    },
  },
];
