import type { QueryOperation } from '../../kit/query-dialect.js';
import { MemberConstraintError } from '../../kit/aws-family/errors.js';
import { callerAccount, type AwsFamilyFlavor } from '../../kit/aws-family/flavor.js';
import { pageOf } from '../../kit/aws-family/paging.js';
import { readPaging, readTagKeys, readTags } from '../../kit/aws-family/params.js';
import { policyArnParam } from '../../kit/aws-family/policy-arns.js';

/** TagPolicy, UntagPolicy, ListPolicyTags (IAM API reference): `PolicyArn` names a customer managed policy. */
export function policyTagOperations(flavor: AwsFamilyFlavor): QueryOperation[] {
  return [
    {
      action: 'TagPolicy',
      async run({ ctx, params, services }) {
        const account = await callerAccount(services, ctx);
        const ref = flavor.parsePolicyArn(account, policyArnParam(params));
        const tags = readTags(params, 'Tags.member');
        if (tags.length === 0) throw new MemberConstraintError('Tags', 'Member must not be null', 'missing');
        await services.policyTags.tag(ctx, ref, tags);
        return undefined;
      },
    },
    {
      action: 'UntagPolicy',
      async run({ ctx, params, services }) {
        const account = await callerAccount(services, ctx);
        const ref = flavor.parsePolicyArn(account, policyArnParam(params));
        await services.policyTags.untag(ctx, ref, readTagKeys(params, 'TagKeys.member'));
        return undefined;
      },
    },
    {
      action: 'ListPolicyTags',
      async run({ ctx, params, services }) {
        const account = await callerAccount(services, ctx);
        const ref = flavor.parsePolicyArn(account, policyArnParam(params));
        const paging = readPaging(params);
        const page = pageOf(await services.policyTags.list(ctx, ref), (tag) => tag.key.toLowerCase(), paging);
        return { Tags: page.items.map((tag) => ({ Key: tag.key, Value: tag.value })), IsTruncated: page.isTruncated, Marker: page.marker };
      },
    },
  ];
}
