import { Actions } from '../../../core/authorization/actions.js';
import { JsonFields, parseJsonBody } from '../../kit/json-fields.js';
import { KeystoneHttpError } from '../errors.js';
import { callerOf, listLinks, type V3Call, type V3Operation } from '../operation.js';
import { keystoneList, keystonePaging } from '../list-paging.js';
import { reachDomain } from './operator-scope.js';
import { DESCRIPTION, GROUP_NAME, onlyKnownQuery, pathId, queryValue, requireOwnDomain } from '../rules.js';
import { renderGroup } from '../shapes.js';
import { renderUsers } from './user-views.js';

const groupRef = (call: V3Call) => ({ id: pathId(call, 'group_id') });
const userRef = (call: V3Call) => ({ id: pathId(call, 'user_id') });

/** Keystone groups (Huawei "User Group Management" v3 APIs) and their members. */
export const groupOperations: V3Operation[] = [
  {
    name: 'keystoneCreateGroup',
    method: 'POST',
    url: '/groups',
    access: 'required',
    async run(call) {
      const body = parseJsonBody(call.body);
      const group = JsonFields.of(body).onlyKnown(['group']).requiredObject('group');
      // Keystone identity/schema.py group_create has `additionalProperties: True` (tempest sends
      // `project_id`): under POLYIAM_V3_RULES=keystone other properties are accepted, and not kept
      // (polyiam groups have no extra attributes; issue #16). Huawei's rules refuse them.
      if (call.rules === 'huawei') group.onlyKnown(['name', 'description', 'domain_id']);
      const name = group.requiredString('name', GROUP_NAME);
      const description = group.optionalString('description', DESCRIPTION) ?? '';
      await reachDomain(call, group.optionalString('domain_id', { min: 1, max: 64 }), Actions.createGroup);
      const created = await call.services.groups.create(callerOf(call), { name, description });
      return { status: 201, body: { group: renderGroup(created, call.origin) } };
    },
  },
  {
    name: 'keystoneListGroups',
    method: 'GET',
    url: '/groups',
    access: 'required',
    async run(call) {
      onlyKnownQuery(call, ['domain_id', 'name', 'limit', 'marker']);
      await reachDomain(call, queryValue(call, 'domain_id'), Actions.listGroups);
      const name = queryValue(call, 'name');
      return keystoneList(call, {
        collection: 'groups',
        paging: keystonePaging(call),
        page: (at) => call.services.groups.list(callerOf(call), { ...(name !== undefined ? { name } : {}), ...at }),
        render: async (groups) => groups.map((g) => renderGroup(g, call.origin)),
      });
    },
  },
  {
    name: 'keystoneShowGroup',
    method: 'GET',
    url: '/groups/:group_id',
    access: 'required',
    async run(call) {
      return { status: 200, body: { group: renderGroup(await call.services.groups.get(callerOf(call), groupRef(call)), call.origin) } };
    },
  },
  {
    name: 'keystoneUpdateGroup',
    method: 'PATCH',
    url: '/groups/:group_id',
    access: 'required',
    async run(call) {
      const group = JsonFields.of(parseJsonBody(call.body)).onlyKnown(['group']).requiredObject('group');
      group.onlyKnown(['name', 'description', 'domain_id']);
      const newName = group.optionalString('name', GROUP_NAME);
      const description = group.optionalString('description', DESCRIPTION);
      requireOwnDomain(call, group.optionalString('domain_id', { min: 1, max: 64 }), Actions.updateGroup);
      const updated = await call.services.groups.update(callerOf(call), groupRef(call), {
        ...(newName !== undefined ? { newName } : {}),
        ...(description !== undefined ? { description } : {}),
      });
      return { status: 200, body: { group: renderGroup(updated, call.origin) } };
    },
  },
  {
    name: 'keystoneDeleteGroup',
    method: 'DELETE',
    url: '/groups/:group_id',
    access: 'required',
    async run(call) {
      // Keystone deletes a group with its memberships
      await call.services.groups.delete(callerOf(call), groupRef(call), { cascade: true });
      return { status: 204 };
    },
  },
  {
    name: 'keystoneListUsersForGroupByAdmin',
    method: 'GET',
    url: '/groups/:group_id/users',
    access: 'required',
    async run(call) {
      onlyKnownQuery(call, []);
      const { users } = await call.services.groups.listUsers(callerOf(call), groupRef(call));
      return { status: 200, body: { users: await renderUsers(call, users), links: listLinks(call) } };
    },
  },
  {
    name: 'keystoneAddUserToGroup',
    method: 'PUT',
    url: '/groups/:group_id/users/:user_id',
    access: 'required',
    async run(call) {
      await call.services.groups.addUser(callerOf(call), groupRef(call), userRef(call));
      return { status: 204 };
    },
  },
  {
    // Keystone HEAD: 204 when the user is a member, 404 when it is not
    name: 'keystoneCheckUserInGroup',
    method: 'HEAD',
    url: '/groups/:group_id/users/:user_id',
    access: 'required',
    async run(call) {
      const { id } = userRef(call);
      if (!(await call.services.groups.hasUser(callerOf(call), groupRef(call), { id }))) {
        throw new KeystoneHttpError(404, `user \`${id}\` is not a member of group \`${groupRef(call).id}\``);
      }
      return { status: 204 };
    },
  },
  {
    name: 'keystoneRemoveUserFromGroup',
    method: 'DELETE',
    url: '/groups/:group_id/users/:user_id',
    access: 'required',
    async run(call) {
      await call.services.groups.removeUser(callerOf(call), groupRef(call), userRef(call));
      return { status: 204 };
    },
  },
  {
    name: 'keystoneListGroupsForUser',
    method: 'GET',
    url: '/users/:user_id/groups',
    access: 'required',
    async run(call) {
      onlyKnownQuery(call, []);
      const { groups } = await call.services.groups.listForUser(callerOf(call), userRef(call));
      return { status: 200, body: { groups: groups.map((g) => renderGroup(g, call.origin)), links: listLinks(call) } };
    },
  },
];
