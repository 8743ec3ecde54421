import type { QueryOperation } from '../../query-dialect.js';
import { MemberConstraintError } from '../errors.js';
import { targetUser, type AwsFamilyFlavor } from '../flavor.js';
import { pageOf } from '../paging.js';
import { readPaging, readTagKeys, readTags } from '../params.js';

/** TagUser, UntagUser, ListUserTags (AWS IAM API reference): `UserName` is required in all three. */
export function tagOperations(flavor: AwsFamilyFlavor): QueryOperation[] {
  return [
    {
      action: 'TagUser',
      async run({ ctx, params, services }) {
        const ref = targetUser(params, ctx, flavor.userNameRef, { required: true });
        const tags = readTags(params, 'Tags.member');
        if (tags.length === 0) throw new MemberConstraintError('Tags', 'Member must not be null', 'missing');
        await services.users.tag(ctx, ref, tags);
        return undefined;
      },
    },
    {
      action: 'UntagUser',
      async run({ ctx, params, services }) {
        const ref = targetUser(params, ctx, flavor.userNameRef, { required: true });
        await services.users.untag(ctx, ref, readTagKeys(params, 'TagKeys.member'));
        return undefined;
      },
    },
    {
      action: 'ListUserTags',
      async run({ ctx, params, services }) {
        const ref = targetUser(params, ctx, flavor.userNameRef, { required: true });
        const paging = readPaging(params);
        const tags = await services.users.listTags(ctx, ref);
        const page = pageOf(tags, (tag) => tag.key.toLowerCase(), paging);
        return { Tags: page.items.map((tag) => ({ Key: tag.key, Value: tag.value })), IsTruncated: page.isTruncated, Marker: page.marker };
      },
    },
  ];
}
