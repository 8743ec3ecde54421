import type { Tag } from '../../../core/users/user.js';
import type { UserRef } from '../../../core/users/user-ref.js';
import { checkString, JsonFields, parseJsonBody } from '../../kit/json-fields.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import { V5ResourceNotFoundError } from '../errors.js';
import type { V5Call, V5Operation } from '../operation.js';
import { MAX_TAGS_PER_REQUEST, resourceIdParam, resourceTypeParam, TAG_KEY, TAG_VALUE } from '../rules.js';
import { renderTag } from '../shapes.js';

export const tagOperations: V5Operation[] = [
  {
    name: 'tagResourceV5',
    method: 'POST',
    url: '/:resource_type/:resource_id/tags/create',
    status: 200,
    core: 'users.tag',
    errors: ['missing', 'invalid', 'malformedBody', 'duplicateKey', 'denied', 'notFound', 'quota'],
    async run(call) {
      const ref = taggedResource(call);
      // TagResourceV5 body `Tags`: {tags: [{tag_key, tag_value}]}, 1-20 items
      const input = JsonFields.of(parseJsonBody(call.body)).onlyKnown(['tags']);
      const items = input.optionalArray('tags', MAX_TAGS_PER_REQUEST);
      if (items === undefined) throw new WireValidationError('tags', 'is required', 'missing');
      if (items.length === 0) throw new WireValidationError('tags', `must have 1 to ${MAX_TAGS_PER_REQUEST} items`);
      const tags: Tag[] = items.map((item, i) => {
        const tag = JsonFields.of(item, `tags[${i}]`).onlyKnown(['tag_key', 'tag_value']);
        return { key: tag.requiredString('tag_key', TAG_KEY), value: tag.requiredString('tag_value', TAG_VALUE) };
      });
      await call.services.users.tag(call.ctx, ref, tags);
      // TagResourceV5Response.tags: the tags this call applied
      return { tags: tags.map(renderTag) };
    },
  },
  {
    name: 'deleteResourceTagsV5',
    method: 'DELETE',
    url: '/:resource_type/:resource_id/tags/delete',
    status: 200,
    core: 'users.untag',
    errors: ['invalid', 'malformedBody', 'denied', 'notFound'],
    async run(call) {
      const ref = taggedResource(call);
      // DeleteResourceTagsV5 body: a bare JSON array of 1-20 tag keys (CAPTURE `["k1","k2"]`)
      const items = parseJsonBody(call.body, 'array') as unknown[];
      if (items.length === 0 || items.length > MAX_TAGS_PER_REQUEST) {
        throw new WireValidationError('body', `must have 1 to ${MAX_TAGS_PER_REQUEST} tag keys`);
      }
      const keys = items.map((item, i) => {
        if (typeof item !== 'string') throw new WireValidationError(`body[${i}]`, 'must be a string');
        checkString(`body[${i}]`, item, TAG_KEY);
        return item;
      });
      await call.services.users.untag(call.ctx, ref, keys);
      // api-iam5 DeleteResourceTagsV5: 200 with no response body
      return undefined;
    },
  },
  {
    name: 'listResourceTagsV5',
    method: 'GET',
    url: '/:resource_type/:resource_id/tags',
    status: 200,
    core: 'users.listTags',
    errors: ['invalid', 'denied', 'notFound'],
    async run(call) {
      return { tags: (await call.services.users.listTags(call.ctx, taggedResource(call))).map(renderTag) };
    },
  },
];

/**
 * The tag APIs name a resource by type and id. polyiam holds users only: an `agency` id is well formed
 * but names nothing, so it is a 404 like any other missing resource.
 */
function taggedResource({ params }: V5Call): UserRef {
  const type = resourceTypeParam(params.resource_type);
  const id = resourceIdParam(params.resource_id);
  if (type === 'agency') throw new V5ResourceNotFoundError('agency', id);
  return { id: id.toLowerCase() };
}
