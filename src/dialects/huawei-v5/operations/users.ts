import { checkString, parseJsonBody, JsonFields } from '../../kit/json-fields.js';
import type { V5Operation } from '../operation.js';
import { DESCRIPTION, GROUP_ID, pagination, USER_NAME, userIdParam } from '../rules.js';
import { isoTime, renderUser, renderUserEx } from '../shapes.js';

export const userOperations: V5Operation[] = [
  {
    name: 'createUserV5',
    method: 'POST',
    url: '/users',
    status: 201,
    core: 'users.create',
    errors: ['missing', 'invalid', 'malformedBody', 'denied', 'conflict'],
    async run({ ctx, body, services }) {
      // CreateUserReqBody: name and enabled required, description optional
      const input = JsonFields.of(parseJsonBody(body)).onlyKnown(['name', 'enabled', 'description']);
      const user = await services.users.create(ctx, {
        name: input.requiredString('name', USER_NAME),
        enabled: input.requiredBoolean('enabled'),
        description: input.optionalString('description', DESCRIPTION) ?? '',
      });
      return { user: renderUser(user) };
    },
  },
  {
    name: 'listUsersV5',
    method: 'GET',
    url: '/users',
    status: 200,
    core: 'users.list',
    errors: ['invalid', 'marker', 'denied'],
    async run({ ctx, query, services }) {
      const groupId = query.group_id;
      if (groupId !== undefined) checkString('group_id', groupId, GROUP_ID);
      const page = await services.users.list(ctx, { ...pagination(query), includeRoot: true, ...(groupId ? { groupId } : {}) });
      return {
        users: page.items.map(renderUser),
        page_info: { current_count: page.items.length, ...(page.nextMarker ? { next_marker: page.nextMarker } : {}) },
      };
    },
  },
  {
    name: 'showUserV5',
    method: 'GET',
    url: '/users/:user_id',
    status: 200,
    core: 'users.get',
    errors: ['invalid', 'denied', 'notFound'],
    async run({ ctx, params, services }) {
      return { user: renderUserEx(await services.users.get(ctx, { id: userIdParam(params.user_id) })) };
    },
  },
  {
    name: 'updateUserV5',
    method: 'PUT',
    url: '/users/:user_id',
    status: 200,
    core: 'users.update',
    errors: ['invalid', 'malformedBody', 'denied', 'notFound', 'conflict'],
    async run({ ctx, params, body, services }) {
      const id = userIdParam(params.user_id);
      // UpdateUserReqBody: new_user_name, new_description, enabled, all optional
      const input = JsonFields.of(parseJsonBody(body)).onlyKnown(['new_user_name', 'new_description', 'enabled']);
      const newName = input.optionalString('new_user_name', USER_NAME);
      const description = input.optionalString('new_description', DESCRIPTION);
      const enabled = input.optionalBoolean('enabled');
      const user = await services.users.update(ctx, { id }, {
        ...(newName !== undefined ? { newName } : {}),
        ...(description !== undefined ? { description } : {}),
        ...(enabled !== undefined ? { enabled } : {}),
      });
      return { user: renderUser(user) };
    },
  },
  {
    name: 'deleteUserV5',
    method: 'DELETE',
    url: '/users/:user_id',
    status: 204,
    core: 'users.delete (cascade)',
    errors: ['invalid', 'denied', 'notFound', 'conflict'],
    async run({ ctx, params, services }) {
      // Huawei deletes a user with its login profile, keys and memberships in one call
      await services.users.delete(ctx, { id: userIdParam(params.user_id) }, { cascade: true });
    },
  },
  {
    name: 'showUserLastLoginV5',
    method: 'GET',
    url: '/users/:user_id/last-login',
    status: 200,
    core: 'users.get',
    errors: ['invalid', 'denied', 'notFound'],
    async run({ ctx, params, services }) {
      const ref = { id: userIdParam(params.user_id) };
      const user = await services.users.get(ctx, ref);
      return { user_last_login: { last_login_at: user.passwordLastUsedAt === null ? null : isoTime(user.passwordLastUsedAt) } };
    },
  },
];
