import type { QueryOperation } from '../../query-dialect.js';
import { targetUser, type AwsFamilyFlavor } from '../flavor.js';
import { pageOf } from '../paging.js';
import { readPaging, requiredMember } from '../params.js';
import { encodeDocument, ENTITY_NAME, POLICY_DOCUMENT } from '../policy-shapes.js';

/** PutUserPolicy, GetUserPolicy, DeleteUserPolicy, ListUserPolicies (IAM API reference): inline user policies. */
export function inlinePolicyOperations(flavor: AwsFamilyFlavor): QueryOperation[] {
  return [
    {
      action: 'PutUserPolicy',
      async run({ ctx, params, services }) {
        const user = targetUser(params, ctx, flavor.userNameRef, { required: true });
        const name = requiredMember(params, 'PolicyName', ENTITY_NAME);
        const document = requiredMember(params, 'PolicyDocument', POLICY_DOCUMENT);
        await services.inlinePolicies.put(ctx, user, { name, syntax: flavor.syntax, document });
        return undefined;
      },
    },
    {
      action: 'GetUserPolicy',
      async run({ ctx, params, services }) {
        const user = targetUser(params, ctx, flavor.userNameRef, { required: true });
        const name = requiredMember(params, 'PolicyName', ENTITY_NAME);
        const found = await services.inlinePolicies.get(ctx, user, name);
        return { UserName: found.user.name, PolicyName: found.policy.name, PolicyDocument: encodeDocument(found.policy.document) };
      },
    },
    {
      action: 'DeleteUserPolicy',
      async run({ ctx, params, services }) {
        const user = targetUser(params, ctx, flavor.userNameRef, { required: true });
        await services.inlinePolicies.delete(ctx, user, requiredMember(params, 'PolicyName', ENTITY_NAME));
        return undefined;
      },
    },
    {
      action: 'ListUserPolicies',
      async run({ ctx, params, services }) {
        const user = targetUser(params, ctx, flavor.userNameRef, { required: true });
        const paging = readPaging(params);
        const { policies } = await services.inlinePolicies.list(ctx, user);
        const page = pageOf(policies, (p) => p.name.toLowerCase(), paging);
        return { PolicyNames: page.items.map((p) => p.name), IsTruncated: page.isTruncated, Marker: page.marker };
      },
    },
  ];
}
