import type { SystemGrant } from '../../../core/keystone-roles/system-grants-service.js';
import { callerOf, listLinks, type V3Call, type V3Operation } from '../operation.js';
import { pathId } from '../rules.js';
import { renderRole } from './roles.js';
import { asOperator } from './operator-scope.js';

type ActorKind = 'users' | 'groups';

const actorParam = (actor: ActorKind) => (actor === 'users' ? 'user_id' : 'group_id');

function grantOf(call: V3Call, actor: ActorKind): SystemGrant {
  return { actorType: actor === 'users' ? 'user' : 'group', actorId: pathId(call, actorParam(actor)), roleId: pathId(call, 'role_id') };
}

/**
 * Keystone system role assignments (issue #16): PUT, HEAD, GET (check), DELETE of one, and the list of
 * a user's or group's roles on the system. The caller's operator identity is read first (it decides,
 * core/keystone-roles/system-grants-service.ts); a user or group of another domain is reached by its
 * id after the 404 in the caller's own (plugin.ts).
 */
function systemFamily(actor: ActorKind): V3Operation[] {
  const base = `/system/${actor}/:${actorParam(actor)}/roles`;
  const noun = actor === 'users' ? 'User' : 'Group';
  const check = async (call: V3Call) => {
    await asOperator(call);
    await call.services.systemGrants.verify(callerOf(call), grantOf(call, actor));
    return { status: 204 };
  };
  return [
    {
      name: `keystoneAssignSystemRoleTo${noun}`,
      method: 'PUT',
      url: `${base}/:role_id`,
      access: 'required',
      async run(call) {
        await asOperator(call);
        await call.services.systemGrants.grant(callerOf(call), grantOf(call, actor));
        return { status: 204 };
      },
    },
    { name: `keystoneCheckSystemRoleFor${noun}`, method: 'HEAD', url: `${base}/:role_id`, access: 'required', run: check },
    { name: `keystoneCheckSystemRoleFor${noun}ByGet`, method: 'GET', url: `${base}/:role_id`, access: 'required', run: check },
    {
      name: `keystoneUnassignSystemRoleFrom${noun}`,
      method: 'DELETE',
      url: `${base}/:role_id`,
      access: 'required',
      async run(call) {
        await asOperator(call);
        await call.services.systemGrants.revoke(callerOf(call), grantOf(call, actor));
        return { status: 204 };
      },
    },
    {
      name: `keystoneListSystemRolesFor${noun}`,
      method: 'GET',
      url: base,
      access: 'required',
      async run(call) {
        await asOperator(call);
        const roles = await call.services.systemGrants.list(callerOf(call), { actorType: actor === 'users' ? 'user' : 'group', actorId: pathId(call, actorParam(actor)) });
        return { status: 200, body: { roles: roles.map((r) => renderRole(r, call.origin)), links: listLinks(call) } };
      },
    },
  ];
}

export const systemGrantOperations: V3Operation[] = [...systemFamily('users'), ...systemFamily('groups')];
