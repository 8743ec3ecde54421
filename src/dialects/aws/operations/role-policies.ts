import { callerAccount, type AwsFamilyFlavor } from '../../kit/aws-family/flavor.js';
import { pageOf } from '../../kit/aws-family/paging.js';
import { optionalMember, readPaging, requiredMember } from '../../kit/aws-family/params.js';
import { policyArnParam } from '../../kit/aws-family/policy-arns.js';
import { encodeDocument, ENTITY_NAME, PATH_PREFIX, POLICY_DOCUMENT, renderAttachedPolicy } from '../../kit/aws-family/policy-shapes.js';
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
    {
      action: 'PutRolePolicy',
      async run({ ctx, params, services }) {
        const ref = roleName(params);
        const name = requiredMember(params, 'PolicyName', ENTITY_NAME);
        const document = requiredMember(params, 'PolicyDocument', POLICY_DOCUMENT);
        await services.roleInlinePolicies.put(ctx, ref, { name, syntax: flavor.syntax, document });
        return undefined;
      },
    },
    {
      action: 'GetRolePolicy',
      async run({ ctx, params, services }) {
        const ref = roleName(params);
        const found = await services.roleInlinePolicies.get(ctx, ref, requiredMember(params, 'PolicyName', ENTITY_NAME));
        return { RoleName: found.role.name, PolicyName: found.policy.name, PolicyDocument: encodeDocument(found.policy.document) };
      },
    },
    {
      action: 'DeleteRolePolicy',
      async run({ ctx, params, services }) {
        const ref = roleName(params);
        await services.roleInlinePolicies.delete(ctx, ref, requiredMember(params, 'PolicyName', ENTITY_NAME));
        return undefined;
      },
    },
    {
      action: 'ListRolePolicies',
      async run({ ctx, params, services }) {
        const ref = roleName(params);
        const paging = readPaging(params);
        const { policies } = await services.roleInlinePolicies.list(ctx, ref);
        const page = pageOf(policies, (p) => p.name.toLowerCase(), paging);
        return { PolicyNames: page.items.map((p) => p.name), IsTruncated: page.isTruncated, Marker: page.marker };
      },
    },
  ];
}
