import type { Tag } from '../../../core/users/user.js';
import { checkString } from '../../kit/json-fields.js';
import type { QueryCall } from '../../kit/query-dialect.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import { namedUser, volcOperation, type VolcOperation } from '../operation.js';
import { resourceType, stringList, TAG_KEY, TAG_VALUE, tagList, USER_NAME_REF } from '../rules.js';

/** How many users one call may name; the Volcengine docs give no bound, the Go SDK none either. */
const MAX_RESOURCES = 20;
/** ListTagsForResources MaxResults: polyiam's default and ceiling (the Go SDK types it int32, no bound given). */
const DEFAULT_RESULTS = 10;
const MAX_RESULTS = 100;

interface ResourceTag {
  ResourceType: 'User';
  ResourceName: string;
  TagKey: string;
  TagValue: string;
}

export const tagOperations: VolcOperation[] = [
  volcOperation({
    action: 'TagResources',
    source: 'Go SDK api_tag_resources.go',
    core: 'users.tag per user',
    errors: ['UserNotExist', 'TagLimitExceeded'],
    // Go SDK TagResourcesInput: ResourceNames, ResourceType (User | Role), Tags[Key, Value], all required
    parameters: ['ResourceType', 'ResourceNames.N', 'Tags.N.Key', 'Tags.N.Value'],
    async run(call) {
      const { params, ctx, services } = call;
      resourceType(params);
      const names = stringList(params, 'ResourceNames', USER_NAME_REF, { min: 1, max: MAX_RESOURCES });
      const tags = tagList(params, { required: true });
      // one core command per user: a user that does not exist stops the call at that user
      for (const name of names) await services.users.tag(ctx, namedUser(name), tags);
      return undefined;
    },
  }),
  volcOperation({
    action: 'UntagResources',
    source: 'Go SDK api_untag_resources.go',
    core: 'users.untag per user',
    errors: ['UserNotExist'],
    // Go SDK UntagResourcesInput: ResourceNames, ResourceType, TagKeys, all required
    parameters: ['ResourceType', 'ResourceNames.N', 'TagKeys.N'],
    async run(call) {
      const { params, ctx, services } = call;
      resourceType(params);
      const names = stringList(params, 'ResourceNames', USER_NAME_REF, { min: 1, max: MAX_RESOURCES });
      const keys = stringList(params, 'TagKeys', TAG_KEY, { min: 1, max: 50 });
      for (const name of names) await services.users.untag(ctx, namedUser(name), keys);
      return undefined;
    },
  }),
  volcOperation({
    action: 'ListTagsForResources',
    source: 'Go SDK api_list_tags_for_resources.go',
    core: 'users.listTags (users.list when no names)',
    errors: ['UserNotExist'],
    // Go SDK ListTagsForResourcesInput: ResourceType (required), ResourceNames, TagFilters[Key, Values],
    // MaxResults, NextToken; output ResourceTags[ResourceType, ResourceName, TagKey, TagValue], NextToken
    parameters: ['ResourceType', 'ResourceNames.N', 'TagFilters.N.Key', 'TagFilters.N.Values.N', 'MaxResults', 'NextToken'],
    async run(call) {
      const { params } = call;
      resourceType(params);
      const names = stringList(params, 'ResourceNames', USER_NAME_REF, { min: 0, max: MAX_RESOURCES });
      const filters = tagFilters(call);
      const maxResults = params.optionalInteger('MaxResults', 1, MAX_RESULTS) ?? DEFAULT_RESULTS;
      const start = nextTokenOffset(params.optionalString('NextToken', { max: 64 }));
      const all = (await userTags(call, names)).filter((t) => filters.every((f) => f(t)));
      const page = all.slice(start, start + maxResults);
      const end = start + page.length;
      return { ResourceTags: page, ...(end < all.length ? { NextToken: Buffer.from(`offset:${end}`).toString('base64url') } : {}) };
    },
  }),
];

/** TagFilters.N.Key with TagFilters.N.Values.N: the key must be there, with one of the values if any are given. */
function tagFilters(call: QueryCall): Array<(t: ResourceTag) => boolean> {
  return call.params.indexedList('TagFilters').map((entry, i) => {
    const n = i + 1;
    const key = entry.get('Key');
    if (key === undefined) throw new WireValidationError(`TagFilters.${n}.Key`, 'is required', 'missing');
    checkString(`TagFilters.${n}.Key`, key, TAG_KEY);
    const values = [...entry.entries()]
      .filter(([member]) => member.startsWith('Values.'))
      .sort(([a], [b]) => Number(a.slice(7)) - Number(b.slice(7)))
      .map(([member, value]) => (checkString(`TagFilters.${n}.${member}`, value, TAG_VALUE), value));
    const lowerKey = key.toLowerCase();
    return (t: ResourceTag) => t.TagKey.toLowerCase() === lowerKey && (values.length === 0 || values.includes(t.TagValue));
  });
}

/** NextToken is opaque to the client; polyiam's is the base64url of `offset:<n>`. */
function nextTokenOffset(token: string | undefined): number {
  if (token === undefined || token === '') return 0;
  const match = /^offset:(\d{1,9})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!match) throw new WireValidationError('NextToken', 'is not a token from a previous page');
  return Number(match[1]);
}

/** The tags of the named users, or of every IAM user of the account when none is named. */
async function userTags(call: QueryCall, names: string[]): Promise<ResourceTag[]> {
  const { ctx, services } = call;
  const targets = names.length > 0 ? names : await allUserNames(call);
  const out: ResourceTag[] = [];
  for (const name of targets) {
    const tags: Tag[] = await services.users.listTags(ctx, namedUser(name));
    for (const tag of tags) out.push({ ResourceType: 'User', ResourceName: name, TagKey: tag.key, TagValue: tag.value });
  }
  return out;
}

async function allUserNames(call: QueryCall): Promise<string[]> {
  const names: string[] = [];
  let marker: string | undefined;
  do {
    const page = await call.services.users.list(call.ctx, { limit: 1000, ...(marker ? { marker } : {}) });
    names.push(...page.items.map((u) => u.name));
    marker = page.nextMarker;
  } while (marker);
  return names;
}
