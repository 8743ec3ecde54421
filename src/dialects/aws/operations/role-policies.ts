import { callerAccount, type AwsFamilyFlavor } from '../../kit/aws-family/flavor.js';
import { pageOf } from '../../kit/aws-family/paging.js';
import { inlinePolicyOperationsFor } from '../../kit/aws-family/operations/inline-policies.js';
import { optionalMember, readPaging } from '../../kit/aws-family/params.js';
import { policyArnParam } from '../../kit/aws-family/policy-arns.js';
import { PATH_PREFIX, renderAttachedPolicy } from '../../kit/aws-family/policy-shapes.js';
import type { QueryOperation } from '../../kit/query-dialect.js';
import { roleName } from './roles.js';

/** Attach/Detach/ListAttachedRolePolicies and Put/Get/Delete/ListRolePolicies (IAM API reference). */
export function rolePolicyOperations(flavor: AwsFamilyFlavor): QueryOperation[] {
  return [
    {
      action: 'AttachRolePolicy',
      async run({ ctx, params, services }) {
        const ref = roleName(params);
        const account = await callerAccount(services, ctx);
        await services.roles.attachPolicy(ctx, ref, flavor.parsePolicyArn(account, policyArnParam(params)));
        return undefined;
      },
    },
    {
      action: 'DetachRolePolicy',
      async run({ ctx, params, services }) {
        const ref = roleName(params);
        const account = await callerAccount(services, ctx);
        await services.roles.detachPolicy(ctx, ref, flavor.parsePolicyArn(account, policyArnParam(params)));
        return undefined;
      },
    },
    {
      action: 'ListAttachedRolePolicies',
      async run({ ctx, params, services }) {
        const ref = roleName(params);
        const pathPrefix = optionalMember(params, 'PathPrefix', PATH_PREFIX);
        const paging = readPaging(params);
        const account = await callerAccount(services, ctx);
        const { policies } = await services.roles.listAttachedPolicies(ctx, ref);
        const filtered = policies.filter((a) => pathPrefix === undefined || a.policy.path.startsWith(pathPrefix));
        const page = pageOf(filtered, (a) => a.policy.id, paging);
        return { AttachedPolicies: page.items.map((a) => renderAttachedPolicy(flavor, account, a)), IsTruncated: page.isTruncated, Marker: page.marker };
      },
    },
    ...inlinePolicyOperationsFor(flavor, {
      kind: 'Role',
      ref: ({ params }) => roleName(params),
      commands: (services) => services.roleInlinePolicies,
      holderName: (found) => found.role.name,
    }),
  ];
}
