import type { AssignmentNames, AssignmentView, Grant } from '../../../core/keystone-roles/grants-service.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import { callerOf, listLinks, type V3Call, type V3Operation } from '../operation.js';
import { renderProject } from '../project-rules.js';
import { flagQuery, onlyKnownQuery, pathId, queryValue } from '../rules.js';
import { renderRole } from './roles.js';
import { asOperator, reachDomain, reachOwnerOfIds } from './operator-scope.js';
import { Actions, type IamAction } from '../../../core/authorization/actions.js';

type ActorKind = 'users' | 'groups';
type TargetKind = 'projects' | 'domains';

/** The Huawei SDK names of the group grants (KeystoneAssociateGroupWithProjectPermission ...); Keystone's for users. */
const NAMES: Record<`${TargetKind}/${ActorKind}`, { put: string; head: string; del: string; list: string }> = {
  'projects/groups': { put: 'keystoneAssociateGroupWithProjectPermission', head: 'keystoneCheckProjectPermissionForGroup', del: 'keystoneRemoveProjectPermissionFromGroup', list: 'keystoneListProjectPermissionsForGroup' },
  'domains/groups': { put: 'keystoneAssociateGroupWithDomainPermission', head: 'keystoneCheckDomainPermissionForGroup', del: 'keystoneRemoveDomainPermissionFromGroup', list: 'keystoneListDomainPermissionsForGroup' },
  'projects/users': { put: 'keystoneAssignProjectRoleToUser', head: 'keystoneCheckProjectRoleForUser', del: 'keystoneUnassignProjectRoleFromUser', list: 'keystoneListProjectRolesForUser' },
  'domains/users': { put: 'keystoneAssignDomainRoleToUser', head: 'keystoneCheckDomainRoleForUser', del: 'keystoneUnassignDomainRoleFromUser', list: 'keystoneListDomainRolesForUser' },
};

const actorParam = (actor: ActorKind) => (actor === 'users' ? 'user_id' : 'group_id');
const targetParam = (target: TargetKind) => (target === 'projects' ? 'project_id' : 'domain_id');

function grantOf(call: V3Call, actor: ActorKind, target: TargetKind, inherited: boolean): Grant {
  return {
    actorType: actor === 'users' ? 'user' : 'group',
    actorId: pathId(call, actorParam(actor)),
    targetType: target === 'projects' ? 'project' : 'domain',
    targetId: pathId(call, targetParam(target)),
    roleId: pathId(call, 'role_id'),
    inherited,
  };
}

/** One family of grant routes: PUT, HEAD, GET (check), DELETE of one grant, and the list of roles granted. */
function grantFamily(actor: ActorKind, target: TargetKind, inherited: boolean): V3Operation[] {
  const base = `${inherited ? '/OS-INHERIT' : ''}/${target}/:${targetParam(target)}/${actor}/:${actorParam(actor)}/roles`;
  const suffix = inherited ? '/inherited_to_projects' : '';
  const names = NAMES[`${target}/${actor}`];
  const name = (n: string) => (inherited ? `${n}InheritedToProjects` : n);
  // an operator grants on another domain acting in it (issue #16); anyone else as before
  const reach = async (call: V3Call, action: IamAction) => {
    if (target === 'domains') await reachDomain(call, pathId(call, 'domain_id'), action);
  };
  const check = async (call: V3Call) => {
    await reach(call, Actions.listRoleAssignments);
    await call.services.grants.verify(callerOf(call), grantOf(call, actor, target, inherited));
    return { status: 204 };
  };
  return [
    {
      name: name(names.put),
      method: 'PUT',
      url: `${base}/:role_id${suffix}`,
      access: 'required',
      async run(call) {
        await reach(call, Actions.grantRole);
        // a cloud operator naming another domain's role gets Keystone's 403, not a 404 (issue #16)
        await asOperator(call);
        await call.services.grants.grant(callerOf(call), grantOf(call, actor, target, inherited));
        return { status: 204 };
      },
    },
    { name: name(names.head), method: 'HEAD', url: `${base}/:role_id${suffix}`, access: 'required', run: check },
    { name: `${name(names.head)}ByGet`, method: 'GET', url: `${base}/:role_id${suffix}`, access: 'required', run: check },
    {
      name: name(names.del),
      method: 'DELETE',
      url: `${base}/:role_id${suffix}`,
      access: 'required',
      async run(call) {
        await reach(call, Actions.revokeRole);
        await call.services.grants.revoke(callerOf(call), grantOf(call, actor, target, inherited));
        return { status: 204 };
      },
    },
    {
      name: name(names.list),
      method: 'GET',
      url: `${base}${suffix}`,
      access: 'required',
      async run(call) {
        await reach(call, Actions.listRoleAssignments);
        const actorRef = { actorType: actor === 'users' ? ('user' as const) : ('group' as const), actorId: pathId(call, actorParam(actor)) };
        const targetRef = { targetType: target === 'projects' ? ('project' as const) : ('domain' as const), targetId: pathId(call, targetParam(target)) };
        const roles = await call.services.grants.listOn(callerOf(call), actorRef, targetRef, inherited);
        return { status: 200, body: { roles: roles.map((r) => renderRole(r, call.origin)), links: listLinks(call) } };
      },
    },
  ];
}

const ASSIGNMENT_QUERY = ['user.id', 'group.id', 'role.id', 'scope.project.id', 'scope.domain.id', 'scope.OS-INHERIT:inherited_to', 'scope.system', 'effective', 'include_names', 'include_subtree'];

/** Keystone role assignment: `{user|group, role, scope, links}`, with names when asked. */
function renderAssignment(call: V3Call, a: AssignmentView, names: AssignmentNames | undefined) {
  const accountId = callerOf(call).principal.accountId;
  const domain = { id: accountId, ...(names ? { name: names.projects.get(accountId) ?? '' } : {}) };
  const actor = { id: a.actorId, ...(names ? { name: (a.actorType === 'user' ? names.users : names.groups).get(a.actorId) ?? '', domain } : {}) };
  const role = { id: a.roleId, ...(names ? { name: names.roles.get(a.roleId) ?? '' } : {}) };
  const target =
    a.targetType === 'project' ? { project: { id: a.targetId, ...(names ? { name: names.projects.get(a.targetId) ?? '', domain } : {}) } } : a.targetType === 'system' ? { system: { all: true } } : { domain };
  const scope = a.inherited ? { ...target, 'OS-INHERIT:inherited_to': 'projects' } : target;
  const on = a.targetType === 'system' ? '/system' : `/${a.targetType}s/${a.targetId}`;
  const path = `${a.inherited ? '/OS-INHERIT' : ''}${on}/${a.actorType}s/${a.actorId}/roles/${a.roleId}${a.inherited ? '/inherited_to_projects' : ''}`;
  return {
    [a.actorType]: actor,
    role,
    scope,
    links: {
      assignment: `${call.origin}/v3${a.viaGroupId ? path.replace(`/users/${a.actorId}`, `/groups/${a.viaGroupId}`) : path}`,
      ...(a.viaGroupId ? { membership: `${call.origin}/v3/groups/${a.viaGroupId}/users/${a.actorId}` } : {}),
    },
    ...(a.impliedBy ? { prior_role: { id: a.impliedBy } } : {}),
  };
}

export const grantOperations: V3Operation[] = [
  ...(['users', 'groups'] as const).flatMap((actor) => (['projects', 'domains'] as const).map((target) => grantFamily(actor, target, false)).flat()),
  ...(['users', 'groups'] as const).flatMap((actor) => (['projects', 'domains'] as const).map((target) => grantFamily(actor, target, true)).flat()),
  {
    name: 'keystoneListRoleAssignments',
    method: 'GET',
    url: '/role_assignments',
    access: 'required',
    async run(call) {
      onlyKnownQuery(call, ASSIGNMENT_QUERY);
      const effective = flagQuery(call, 'effective');
      const includeNames = flagQuery(call, 'include_names');
      const userId = queryValue(call, 'user.id');
      const groupId = queryValue(call, 'group.id');
      if (userId !== undefined && groupId !== undefined) throw new WireValidationError('group.id', 'give `user.id` or `group.id`, not both');
      if (effective && groupId !== undefined) throw new WireValidationError('effective', 'cannot be combined with `group.id`');
      const projectId = queryValue(call, 'scope.project.id');
      const domainId = queryValue(call, 'scope.domain.id');
      const roleId = queryValue(call, 'role.id');
      const inheritedTo = queryValue(call, 'scope.OS-INHERIT:inherited_to');
      // Keystone `scope.system=all`: the system assignments only
      const system = queryValue(call, 'scope.system');
      if (system !== undefined && (projectId !== undefined || domainId !== undefined)) throw new WireValidationError('scope.system', 'cannot be combined with `scope.project.id` or `scope.domain.id`');
      // a cloud operator lists another domain's assignments by naming it (issue #16)
      if (domainId !== undefined && domainId !== callerOf(call).principal.accountId) {
        if (!(await asOperator(call))) return { status: 200, body: { role_assignments: [], links: listLinks(call) } };
        await reachDomain(call, domainId, Actions.listRoleAssignments);
      }
      const query = {
        ...(userId !== undefined ? { userId } : {}),
        ...(groupId !== undefined ? { groupId } : {}),
        ...(roleId !== undefined ? { roleId } : {}),
        ...(projectId !== undefined ? { targetType: 'project' as const, targetId: projectId } : {}),
        ...(domainId !== undefined ? { targetType: 'domain' as const, targetId: domainId } : {}),
        ...(system !== undefined ? { targetType: 'system' as const } : {}),
        ...(inheritedTo !== undefined && !effective ? { inherited: true } : {}),
      };
      let rows = await call.services.grants.list(callerOf(call), query, effective);
      // nothing in the caller's domain: a cloud operator may have named another domain's user, group or
      // project (asked only then, so no other listing pays for it)
      if (rows.length === 0) {
        const reached = await reachOwnerOfIds(call, [['user', userId], ['group', groupId], ['project', projectId]]);
        if (reached) {
          call.ctx = reached;
          rows = await call.services.grants.list(reached, query, effective);
        }
      }
      const list = await renderedAssignments(call, rows, includeNames);
      return { status: 200, json: Buffer.concat([Buffer.from('{"role_assignments":'), list, Buffer.from(`,"links":${JSON.stringify(listLinks(call))}}`)]) };
    },
  },
  {
    // Keystone GET /v3/users/{user_id}/projects (Huawei KeystoneListProjectsForUser): projects the user holds a role on
    name: 'keystoneListProjectsForUser',
    method: 'GET',
    url: '/users/:user_id/projects',
    access: 'required',
    async run(call) {
      onlyKnownQuery(call, ['enabled', 'name', 'domain_id']);
      const ctx = callerOf(call);
      const userId = pathId(call, 'user_id');
      // Keystone policy `identity:list_user_projects`: the user itself, or an administrator
      if (userId !== ctx.principal.userId) await call.services.users.get(ctx, { id: userId });
      const ids = await call.services.grants.projectIdsOf(ctx.principal.accountId, userId);
      const projects = await call.services.projects.listUnchecked(ctx.principal.accountId, { ids });
      return { status: 200, body: { projects: projects.map((p) => renderProject(p, call.origin)), links: listLinks(call) } };
    },
  },
  {
    // Keystone GET /v3/auth/projects (Huawei KeystoneListAuthProjects): the projects the token's user may scope to
    name: 'keystoneListAuthProjects',
    method: 'GET',
    url: '/auth/projects',
    access: 'required',
    async run(call) {
      const ctx = callerOf(call);
      const ids = await call.services.grants.projectIdsOf(ctx.principal.accountId, ctx.principal.userId);
      const projects = (await call.services.projects.listUnchecked(ctx.principal.accountId, { ids })).filter((p) => p.enabled);
      call.services.audit.success(ctx, 'keystoneListAuthProjects', `user/${ctx.principal.userName}`);
      return { status: 200, body: { projects: projects.map((p) => renderProject(p, call.origin)), links: listLinks(call) } };
    },
  },
];

/**
 * The JSON array of a listing, rendered once per list core hands out (core keeps the same array until a
 * grant, role, project, user, group or account changes) and per origin and `include_names`: a repeated
 * listing of 10,000 assignments is one string written out (issue #16: under 20 ms).
 */
const rendered = new WeakMap<readonly AssignmentView[], Map<string, Buffer>>();

/** kept as UTF-8 bytes: a 3 MB string would be encoded again at every send */
async function renderedAssignments(call: V3Call, rows: readonly AssignmentView[], includeNames: boolean): Promise<Buffer> {
  const key = `${includeNames}|${call.origin}`;
  let byKey = rendered.get(rows);
  const known = byKey?.get(key);
  if (known !== undefined) return known;
  // include_names: the names of what these rows name, read by id (not the account's first 1,000 users)
  const names = includeNames ? await call.services.grants.namesOf(callerOf(call).principal.accountId, rows) : undefined;
  const json = Buffer.from(JSON.stringify(rows.map((a) => renderAssignment(call, a, names))), 'utf8');
  if (!byKey) rendered.set(rows, (byKey = new Map()));
  byKey.set(key, json);
  return json;
}
