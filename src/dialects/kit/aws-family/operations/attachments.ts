import type { QueryOperation } from '../../query-dialect.js';
import { POLICY_USAGE_FILTER, USAGES } from './policies.js';
import { callerAccount, targetUser, type AwsFamilyFlavor } from '../flavor.js';
import { pageOf } from '../paging.js';
import { optionalMember, readPaging, requiredMember } from '../params.js';
import { policyArnParam } from '../policy-arns.js';
import { ENTITY_NAME, PATH_PREFIX, renderAttachedPolicy } from '../policy-shapes.js';

/** ListEntitiesForPolicy EntityFilter (policies-as-entities are not modelled: they list nothing) */
const ENTITY_FILTER = { pattern: /^(User|Role|Group|LocalManagedPolicy|AWSManagedPolicy)$/, patternText: 'Enum [User, Role, Group, LocalManagedPolicy, AWSManagedPolicy]' };

/**
 * AttachUserPolicy, DetachUserPolicy, ListAttachedUserPolicies, the same for groups, and
 * ListEntitiesForPolicy (IAM API reference). Lists page with `Marker`/`MaxItems` and filter by `PathPrefix`.
 */
export function attachmentOperations(flavor: AwsFamilyFlavor): QueryOperation[] {
  return [
    {
      action: 'AttachUserPolicy',
      async run({ ctx, params, services }) {
        const user = targetUser(params, ctx, flavor.userNameRef, { required: true });
        const account = await callerAccount(services, ctx);
        await services.policyAttachments.attachToUser(ctx, user, flavor.parsePolicyArn(account, policyArnParam(params)));
        return undefined;
      },
    },
    {
      action: 'DetachUserPolicy',
      async run({ ctx, params, services }) {
        const user = targetUser(params, ctx, flavor.userNameRef, { required: true });
        const account = await callerAccount(services, ctx);
        await services.policyAttachments.detachFromUser(ctx, user, flavor.parsePolicyArn(account, policyArnParam(params)));
        return undefined;
      },
    },
    {
      action: 'ListAttachedUserPolicies',
      async run({ ctx, params, services }) {
        const user = targetUser(params, ctx, flavor.userNameRef, { required: true });
        const pathPrefix = optionalMember(params, 'PathPrefix', PATH_PREFIX);
        const paging = readPaging(params);
        const account = await callerAccount(services, ctx);
        const { policies } = await services.policyAttachments.listForUser(ctx, user);
        const filtered = policies.filter((a) => pathPrefix === undefined || a.policy.path.startsWith(pathPrefix));
        const page = pageOf(filtered, (a) => a.policy.id, paging);
        return { AttachedPolicies: page.items.map((a) => renderAttachedPolicy(flavor, account, a)), IsTruncated: page.isTruncated, Marker: page.marker };
      },
    },
    {
      action: 'AttachGroupPolicy',
      async run({ ctx, params, services }) {
        const group = requiredMember(params, 'GroupName', ENTITY_NAME);
        const account = await callerAccount(services, ctx);
        await services.policyAttachments.attachToGroup(ctx, { name: group }, flavor.parsePolicyArn(account, policyArnParam(params)));
        return undefined;
      },
    },
    {
      action: 'DetachGroupPolicy',
      async run({ ctx, params, services }) {
        const group = requiredMember(params, 'GroupName', ENTITY_NAME);
        const account = await callerAccount(services, ctx);
        await services.policyAttachments.detachFromGroup(ctx, { name: group }, flavor.parsePolicyArn(account, policyArnParam(params)));
        return undefined;
      },
    },
    {
      action: 'ListAttachedGroupPolicies',
      async run({ ctx, params, services }) {
        const group = requiredMember(params, 'GroupName', ENTITY_NAME);
        const pathPrefix = optionalMember(params, 'PathPrefix', PATH_PREFIX);
        const paging = readPaging(params);
        const account = await callerAccount(services, ctx);
        const { policies } = await services.policyAttachments.listForGroup(ctx, { name: group });
        const filtered = policies.filter((a) => pathPrefix === undefined || a.policy.path.startsWith(pathPrefix));
        const page = pageOf(filtered, (a) => a.policy.id, paging);
        return { AttachedPolicies: page.items.map((a) => renderAttachedPolicy(flavor, account, a)), IsTruncated: page.isTruncated, Marker: page.marker };
      },
    },
    {
      action: 'ListEntitiesForPolicy',
      async run({ ctx, params, services }) {
        const account = await callerAccount(services, ctx);
        const ref = flavor.parsePolicyArn(account, policyArnParam(params));
        const filter = optionalMember(params, 'EntityFilter', ENTITY_FILTER);
        const pathPrefix = optionalMember(params, 'PathPrefix', PATH_PREFIX);
        const usage = optionalMember(params, 'PolicyUsageFilter', POLICY_USAGE_FILTER);
        const paging = readPaging(params);
        const entities = await services.policyAttachments.listEntities(ctx, ref, usage === undefined ? {} : { usage: USAGES[usage as keyof typeof USAGES] });
        const wants = (type: 'User' | 'Group' | 'Role') => filter === undefined || filter === type;
        const onPath = (path: string) => pathPrefix === undefined || path.startsWith(pathPrefix);
        type Entry = { kind: 'user' | 'group' | 'role'; key: string; name: string; id: string };
        const all: Entry[] = [
          ...(wants('Group') ? entities.groups.filter((g) => onPath(g.group.path)).map(({ group }): Entry => ({ kind: 'group', key: `g:${group.id}`, name: group.name, id: group.awsId })) : []),
          ...(wants('User') ? entities.users.filter((u) => onPath(u.user.path)).map(({ user }): Entry => ({ kind: 'user', key: `u:${user.id}`, name: user.name, id: flavor.userId(user) })) : []),
          ...(wants('Role') ? entities.roles.filter((r) => onPath(r.role.path)).map(({ role }): Entry => ({ kind: 'role', key: `r:${role.id}`, name: role.name, id: role.awsId })) : []),
        ];
        const page = pageOf(all, (e) => e.key, paging);
        return {
          PolicyGroups: page.items.filter((e) => e.kind === 'group').map((e) => ({ GroupName: e.name, GroupId: e.id })),
          PolicyUsers: page.items.filter((e) => e.kind === 'user').map((e) => ({ UserName: e.name, UserId: e.id })),
          PolicyRoles: page.items.filter((e) => e.kind === 'role').map((e) => ({ RoleName: e.name, RoleId: e.id })),
          IsTruncated: page.isTruncated,
          Marker: page.marker,
        };
      },
    },
  ];
}
