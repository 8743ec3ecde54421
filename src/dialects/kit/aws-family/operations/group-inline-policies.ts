import type { QueryOperation } from '../../query-dialect.js';
import type { AwsFamilyFlavor } from '../flavor.js';
import { pageOf } from '../paging.js';
import { readPaging, requiredMember } from '../params.js';
import { encodeDocument, ENTITY_NAME, POLICY_DOCUMENT } from '../policy-shapes.js';

/** PutGroupPolicy, GetGroupPolicy, DeleteGroupPolicy, ListGroupPolicies (IAM API reference): GroupName 1-128. */
export function groupInlinePolicyOperations(flavor: AwsFamilyFlavor): QueryOperation[] {
  const group = (params: Parameters<typeof requiredMember>[0]) => ({ name: requiredMember(params, 'GroupName', ENTITY_NAME) });
  return [
    {
      action: 'PutGroupPolicy',
      async run({ ctx, params, services }) {
        const ref = group(params);
        const name = requiredMember(params, 'PolicyName', ENTITY_NAME);
        const document = requiredMember(params, 'PolicyDocument', POLICY_DOCUMENT);
        await services.groupInlinePolicies.put(ctx, ref, { name, syntax: flavor.syntax, document });
        return undefined;
      },
    },
    {
      action: 'GetGroupPolicy',
      async run({ ctx, params, services }) {
        const ref = group(params);
        const found = await services.groupInlinePolicies.get(ctx, ref, requiredMember(params, 'PolicyName', ENTITY_NAME));
        return { GroupName: found.group.name, PolicyName: found.policy.name, PolicyDocument: encodeDocument(found.policy.document) };
      },
    },
    {
      action: 'DeleteGroupPolicy',
      async run({ ctx, params, services }) {
        const ref = group(params);
        await services.groupInlinePolicies.delete(ctx, ref, requiredMember(params, 'PolicyName', ENTITY_NAME));
        return undefined;
      },
    },
    {
      action: 'ListGroupPolicies',
      async run({ ctx, params, services }) {
        const ref = group(params);
        const paging = readPaging(params);
        const { policies } = await services.groupInlinePolicies.list(ctx, ref);
        const page = pageOf(policies, (p) => p.name.toLowerCase(), paging);
        return { PolicyNames: page.items.map((p) => p.name), IsTruncated: page.isTruncated, Marker: page.marker };
      },
    },
  ];
}
