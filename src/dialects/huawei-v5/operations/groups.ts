import { Actions } from '../../../core/authorization/actions.js';
import { JsonFields, parseJsonBody } from '../../kit/json-fields.js';
import type { V5Operation } from '../operation.js';
import { DESCRIPTION, GROUP_NAME, groupIdParam, pagination, userIdParam } from '../rules.js';
import { renderGroup } from '../shapes.js';
import { pageInfo, pageOfList } from './paging.js';

/** Huawei IAM v5 "用户组管理" (CreateGroupV5 ... RemoveUserFromGroupV5) on the core groups service. */
export const groupOperations: V5Operation[] = [
  {
    name: 'createGroupV5',
    method: 'POST',
    url: '/groups',
    // as createUserV5 (UNVERIFIED: the success status of CreateGroupV5 was not retrieved)
    status: 201,
    core: 'groups.create',
    errors: ['missing', 'invalid', 'malformedBody', 'denied', 'conflict'],
    async run({ ctx, body, services }) {
      // CreateGroupReqBody: group_name required, description optional
      const input = JsonFields.of(parseJsonBody(body)).onlyKnown(['group_name', 'description']);
      const name = input.requiredString('group_name', GROUP_NAME);
      const description = input.optionalString('description', DESCRIPTION) ?? '';
      return { group: renderGroup(await services.groups.create(ctx, { name, description })) };
    },
  },
  {
    name: 'listGroupsV5',
    method: 'GET',
    url: '/groups',
    status: 200,
    core: 'groups.list',
    errors: ['invalid', 'marker', 'denied', 'notFound'],
    async run({ ctx, query, services }) {
      const paging = pagination(query);
      // ListGroupsV5 user_id: the groups that user is in
      if (query.user_id !== undefined) {
        const { groups } = await services.groups.listForUser(ctx, { id: userIdParam(query.user_id) }, Actions.listGroups);
        const page = pageOfList(groups, (g) => g.id, paging);
        return { groups: page.items.map(renderGroup), page_info: pageInfo(page) };
      }
      const page = await services.groups.list(ctx, paging);
      return { groups: page.items.map(renderGroup), page_info: pageInfo(page) };
    },
  },
  {
    name: 'showGroupV5',
    method: 'GET',
    url: '/groups/:group_id',
    status: 200,
    core: 'groups.get',
    errors: ['invalid', 'denied', 'notFound'],
    async run({ ctx, params, services }) {
      return { group: renderGroup(await services.groups.get(ctx, { id: groupIdParam(params.group_id) })) };
    },
  },
  {
    name: 'updateGroupV5',
    method: 'PUT',
    url: '/groups/:group_id',
    status: 200,
    core: 'groups.update',
    errors: ['invalid', 'malformedBody', 'denied', 'notFound', 'conflict'],
    async run({ ctx, params, body, services }) {
      const id = groupIdParam(params.group_id);
      // UpdateGroupReqBody: new_group_name, new_group_description, both optional
      const input = JsonFields.of(parseJsonBody(body)).onlyKnown(['new_group_name', 'new_group_description']);
      const newName = input.optionalString('new_group_name', GROUP_NAME);
      const description = input.optionalString('new_group_description', DESCRIPTION);
      const group = await services.groups.update(ctx, { id }, {
        ...(newName !== undefined ? { newName } : {}),
        ...(description !== undefined ? { description } : {}),
      });
      return { group: renderGroup(group) };
    },
  },
  {
    name: 'deleteGroupV5',
    method: 'DELETE',
    url: '/groups/:group_id',
    status: 204,
    core: 'groups.delete',
    errors: ['invalid', 'denied', 'notFound', 'conflict'],
    async run({ ctx, params, services }) {
      await services.groups.delete(ctx, { id: groupIdParam(params.group_id) }, { cascade: true });
    },
  },
  {
    name: 'addUserToGroupV5',
    method: 'POST',
    url: '/groups/:group_id/add-user',
    status: 200,
    core: 'groups.addUser',
    errors: ['missing', 'invalid', 'malformedBody', 'denied', 'notFound'],
    async run({ ctx, params, body, services }) {
      const id = groupIdParam(params.group_id);
      // AddUserToGroupReqBody: user_id
      const input = JsonFields.of(parseJsonBody(body)).onlyKnown(['user_id']);
      await services.groups.addUser(ctx, { id }, { id: userIdParam(input.requiredString('user_id')) });
      return undefined;
    },
  },
  {
    name: 'removeUserFromGroupV5',
    method: 'POST',
    url: '/groups/:group_id/remove-user',
    status: 200,
    core: 'groups.removeUser',
    errors: ['missing', 'invalid', 'malformedBody', 'denied', 'notFound'],
    async run({ ctx, params, body, services }) {
      const id = groupIdParam(params.group_id);
      // RemoveUserFromGroupReqBody: user_id
      const input = JsonFields.of(parseJsonBody(body)).onlyKnown(['user_id']);
      await services.groups.removeUser(ctx, { id }, { id: userIdParam(input.requiredString('user_id')) });
      return undefined;
    },
  },
];
