import type { QueryOperation } from '../../query-dialect.js';
import { callerAccount, targetUser, type AwsFamilyFlavor } from '../flavor.js';
import { pageOf } from '../paging.js';
import { optionalMember, readPaging, requiredMember } from '../params.js';
import { ENTITY_NAME, ENTITY_PATH, PATH_PREFIX, renderGroup } from '../policy-shapes.js';

/**
 * CreateGroup, GetGroup (with its members), ListGroups, DeleteGroup, AddUserToGroup,
 * RemoveUserFromGroup, ListGroupsForUser (IAM API reference): what policies are attached to.
 */
export function groupOperations(flavor: AwsFamilyFlavor): QueryOperation[] {
  return [
    {
      action: 'CreateGroup',
      async run({ ctx, params, services }) {
        const name = requiredMember(params, 'GroupName', ENTITY_NAME);
        const path = optionalMember(params, 'Path', ENTITY_PATH);
        const group = await services.groups.create(ctx, { name, ...(path !== undefined ? { path } : {}) });
        return { Group: renderGroup(flavor, await callerAccount(services, ctx), group) };
      },
    },
    {
      action: 'GetGroup',
      async run({ ctx, params, services }) {
        const name = requiredMember(params, 'GroupName', ENTITY_NAME);
        const paging = readPaging(params);
        const account = await callerAccount(services, ctx);
        const { group, users } = await services.groups.listUsers(ctx, { name });
        const page = pageOf(users, (u) => u.id, paging);
        return { Group: renderGroup(flavor, account, group), Users: page.items.map((u) => flavor.renderUser(account, u)), IsTruncated: page.isTruncated, Marker: page.marker };
      },
    },
    {
      action: 'ListGroups',
      async run({ ctx, params, services }) {
        const pathPrefix = optionalMember(params, 'PathPrefix', PATH_PREFIX);
        const paging = readPaging(params);
        const account = await callerAccount(services, ctx);
        // issue #17: the path filter is applied in the store, so pages stay full and each is a keyset seek
        const page = await services.groups.list(ctx, { ...paging, ...(pathPrefix !== undefined ? { pathPrefix } : {}) });
        return { Groups: page.items.map((g) => renderGroup(flavor, account, g)), IsTruncated: page.nextMarker !== undefined, Marker: page.nextMarker };
      },
    },
    {
      action: 'DeleteGroup',
      async run({ ctx, params, services }) {
        await services.groups.delete(ctx, { name: requiredMember(params, 'GroupName', ENTITY_NAME) }, { cascade: false });
        return undefined;
      },
    },
    {
      action: 'AddUserToGroup',
      async run({ ctx, params, services }) {
        const group = requiredMember(params, 'GroupName', ENTITY_NAME);
        await services.groups.addUser(ctx, { name: group }, targetUser(params, ctx, flavor.userNameRef, { required: true }));
        return undefined;
      },
    },
    {
      // ListGroupsForUser: UserName (required), Marker, MaxItems -> Groups, IsTruncated, Marker
      action: 'ListGroupsForUser',
      async run({ ctx, params, services }) {
        const user = targetUser(params, ctx, flavor.userNameRef, { required: true });
        const paging = readPaging(params);
        const account = await callerAccount(services, ctx);
        const { groups } = await services.groups.listForUser(ctx, user);
        const page = pageOf(groups, (g) => g.id, paging);
        return { Groups: page.items.map((g) => renderGroup(flavor, account, g)), IsTruncated: page.isTruncated, Marker: page.marker };
      },
    },
    {
      action: 'RemoveUserFromGroup',
      async run({ ctx, params, services }) {
        const group = requiredMember(params, 'GroupName', ENTITY_NAME);
        await services.groups.removeUser(ctx, { name: group }, targetUser(params, ctx, flavor.userNameRef, { required: true }));
        return undefined;
      },
    },
  ];
}
