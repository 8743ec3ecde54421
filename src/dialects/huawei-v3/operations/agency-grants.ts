import type { AgencyGrant } from '../../../core/roles/agency-grants.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import { callerOf, type V3Call, type V3Operation } from '../operation.js';
import { pathId } from '../rules.js';
import { renderRole } from './roles.js';

type Scope = 'domain' | 'project' | 'inherited';

/** The v3 IamClient method names of each family (iam_12_0008 ... iam_12_0018). */
const NAMES: Record<Scope, { put: string; head: string; del: string; list: string }> = {
  domain: { put: 'associateAgencyWithDomainPermission', head: 'checkDomainPermissionForAgency', del: 'removeDomainPermissionFromAgency', list: 'listDomainPermissionsForAgency' },
  project: { put: 'associateAgencyWithProjectPermission', head: 'checkProjectPermissionForAgency', del: 'removeProjectPermissionFromAgency', list: 'listProjectPermissionsForAgency' },
  inherited: { put: 'associateAgencyWithAllProjectsPermission', head: 'checkAllProjectsPermissionForAgency', del: 'removeAllProjectsPermissionFromAgency', list: 'listAllProjectsPermissionsForAgency' },
};

/** PUT/HEAD/DELETE paths of one grant and the list path, per scope (IamClient v3 resource paths). */
const PATHS: Record<Scope, { one: string; list: string }> = {
  domain: { one: '/OS-AGENCY/domains/:domain_id/agencies/:agency_id/roles/:role_id', list: '/OS-AGENCY/domains/:domain_id/agencies/:agency_id/roles' },
  project: { one: '/OS-AGENCY/projects/:project_id/agencies/:agency_id/roles/:role_id', list: '/OS-AGENCY/projects/:project_id/agencies/:agency_id/roles' },
  inherited: {
    one: '/OS-INHERIT/domains/:domain_id/agencies/:agency_id/roles/:role_id/inherited_to_projects',
    list: '/OS-INHERIT/domains/:domain_id/agencies/:agency_id/roles/inherited_to_projects',
  },
};

function target(call: V3Call, scope: Scope): Omit<AgencyGrant, 'roleId'> {
  const agencyId = pathId(call, 'agency_id');
  if (!/^[0-9a-f]{32}$/.test(agencyId)) throw new WireValidationError('agency_id', 'must be a 32-character lowercase hex id');
  return scope === 'project'
    ? { agencyId, targetType: 'project', targetId: pathId(call, 'project_id'), inherited: false }
    : { agencyId, targetType: 'domain', targetId: pathId(call, 'domain_id'), inherited: scope === 'inherited' };
}

const grantOf = (call: V3Call, scope: Scope): AgencyGrant => ({ ...target(call, scope), roleId: pathId(call, 'role_id') });

function family(scope: Scope): V3Operation[] {
  const names = NAMES[scope];
  const paths = PATHS[scope];
  return [
    {
      name: names.put,
      method: 'PUT',
      url: paths.one,
      access: 'required',
      async run(call) {
        await call.services.agencyGrants.grant(callerOf(call), grantOf(call, scope));
        return { status: 204 };
      },
    },
    {
      name: names.head,
      method: 'HEAD',
      url: paths.one,
      access: 'required',
      async run(call) {
        await call.services.agencyGrants.verify(callerOf(call), grantOf(call, scope));
        return { status: 204 };
      },
    },
    {
      name: names.del,
      method: 'DELETE',
      url: paths.one,
      access: 'required',
      async run(call) {
        await call.services.agencyGrants.revoke(callerOf(call), grantOf(call, scope));
        return { status: 204 };
      },
    },
    {
      name: names.list,
      method: 'GET',
      url: paths.list,
      access: 'required',
      async run(call) {
        const roles = await call.services.agencyGrants.list(callerOf(call), target(call, scope));
        // ListAllProjectsPermissionsForAgency: AgencyAllProjectRole {id, links, name}; the others RoleResult
        const rendered = roles.map((r) => (scope === 'inherited' ? { id: r.id, name: r.name, links: { self: `${call.origin}/v3/roles/${r.id}` } } : renderRole(r, call.origin)));
        return { status: 200, body: { roles: rendered } };
      },
    },
  ];
}

/** Huawei IAM v3.0 permissions of agencies: on the domain, on a project, inherited to every project. */
export const agencyGrantOperations: V3Operation[] = [...family('domain'), ...family('project'), ...family('inherited')];
