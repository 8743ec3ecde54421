import type { Role } from '../../../core/keystone-roles/role.js';
import { JsonFields, parseJsonBody, type StringRule } from '../../kit/json-fields.js';
import { callerOf, listLinks, type V3Call, type V3Operation } from '../operation.js';
import { onlyKnownQuery, pathId, queryValue } from '../rules.js';
import { asOperator, reachDomain } from './operator-scope.js';
import { Actions } from '../../../core/authorization/actions.js';

/** Keystone role `name` (assignment/schema.py): 1 to 255 characters. */
const ROLE_NAME: StringRule = { min: 1, max: 255, pattern: /\S/, patternText: 'must not be only white space' };
const ROLE_DESCRIPTION: StringRule = { max: 255 };

/**
 * Keystone role; Huawei's system roles add `display_name`. A domain-specific role names its domain;
 * built-in, global and an account's own (Huawei custom) roles have `domain_id: null`.
 */
export function renderRole(role: Role, origin: string) {
  return {
    id: role.id,
    name: role.name,
    domain_id: role.isDomainRole ? role.accountId : null,
    description: role.description,
    ...(role.displayName ? { display_name: role.displayName } : {}),
    options: {},
    links: { self: `${origin}/v3/roles/${role.id}` },
  };
}

const roleId = (call: V3Call, name = 'role_id') => pathId(call, name);

function implication(call: V3Call, pair: { prior: Role; implied: Role }) {
  const brief = (role: Role) => ({ id: role.id, name: role.name, links: { self: `${call.origin}/v3/roles/${role.id}` } });
  return { role_inference: { prior_role: brief(pair.prior), implies: brief(pair.implied) }, links: { self: `${call.origin}/v3/roles/${pair.prior.id}/implies/${pair.implied.id}` } };
}

/** Keystone roles (Huawei v3 KeystoneListPermissions, KeystoneShowPermission) and implied roles. */
export const roleOperations: V3Operation[] = [
  {
    name: 'keystoneCreateRole',
    method: 'POST',
    url: '/roles',
    access: 'required',
    async run(call) {
      const role = JsonFields.of(parseJsonBody(call.body)).onlyKnown(['role']).requiredObject('role');
      role.onlyKnown(['name', 'description', 'domain_id', 'options']);
      const name = role.requiredString('name', ROLE_NAME);
      const description = role.optionalString('description', ROLE_DESCRIPTION);
      const domainId = role.optionalString('domain_id', { min: 1, max: 64 });
      // an operator makes a domain-specific role in another domain, and without `domain_id` a global
      // role of the server (Keystone `domain_id: null`); anyone else its account's own role (issue #16)
      await reachDomain(call, domainId, Actions.createKeystoneRole);
      const global = domainId === undefined && (await asOperator(call)) !== undefined;
      const created = await call.services.keystoneRoles.create(callerOf(call), { name, isDomainRole: domainId !== undefined, global, ...(description !== undefined ? { description } : {}) });
      return { status: 201, body: { role: renderRole(created, call.origin) } };
    },
  },
  {
    name: 'keystoneListPermissions',
    method: 'GET',
    url: '/roles',
    access: 'required',
    async run(call) {
      onlyKnownQuery(call, ['name', 'domain_id', 'page', 'per_page']);
      const name = queryValue(call, 'name');
      const domainId = queryValue(call, 'domain_id');
      await reachDomain(call, domainId, Actions.listKeystoneRoles);
      // Keystone: without `domain_id` only global roles are listed, with it only that domain's
      const roles = (await call.services.keystoneRoles.list(callerOf(call))).filter((r) => (domainId === undefined ? !r.isDomainRole : r.isDomainRole) && (name === undefined || r.name === name));
      return { status: 200, body: { roles: roles.map((r) => renderRole(r, call.origin)), links: listLinks(call) } };
    },
  },
  {
    name: 'keystoneShowPermission',
    method: 'GET',
    url: '/roles/:role_id',
    access: 'required',
    async run(call) {
      return { status: 200, body: { role: renderRole(await call.services.keystoneRoles.get(callerOf(call), roleId(call)), call.origin) } };
    },
  },
  {
    name: 'keystoneUpdateRole',
    method: 'PATCH',
    url: '/roles/:role_id',
    access: 'required',
    async run(call) {
      const role = JsonFields.of(parseJsonBody(call.body)).onlyKnown(['role']).requiredObject('role');
      role.onlyKnown(['name', 'description', 'options']);
      const name = role.optionalString('name', ROLE_NAME);
      const description = role.optionalString('description', ROLE_DESCRIPTION);
      await asOperator(call);
      const updated = await call.services.keystoneRoles.update(callerOf(call), roleId(call), { ...(name !== undefined ? { name } : {}), ...(description !== undefined ? { description } : {}) });
      return { status: 200, body: { role: renderRole(updated, call.origin) } };
    },
  },
  {
    name: 'keystoneDeleteRole',
    method: 'DELETE',
    url: '/roles/:role_id',
    access: 'required',
    async run(call) {
      await asOperator(call);
      await call.services.keystoneRoles.delete(callerOf(call), roleId(call));
      return { status: 204 };
    },
  },
  {
    name: 'keystoneCreateImpliedRole',
    method: 'PUT',
    url: '/roles/:role_id/implies/:implied_role_id',
    access: 'required',
    async run(call) {
      await asOperator(call);
      const pair = await call.services.keystoneRoles.imply(callerOf(call), roleId(call, 'role_id'), roleId(call, 'implied_role_id'));
      return { status: 201, body: implication(call, pair) };
    },
  },
  {
    name: 'keystoneShowImpliedRole',
    method: 'GET',
    url: '/roles/:role_id/implies/:implied_role_id',
    access: 'required',
    async run(call) {
      const pair = await call.services.keystoneRoles.getImplication(callerOf(call), roleId(call, 'role_id'), roleId(call, 'implied_role_id'));
      return { status: 200, body: implication(call, pair) };
    },
  },
  {
    name: 'keystoneCheckImpliedRole',
    method: 'HEAD',
    url: '/roles/:role_id/implies/:implied_role_id',
    access: 'required',
    async run(call) {
      await call.services.keystoneRoles.getImplication(callerOf(call), roleId(call, 'role_id'), roleId(call, 'implied_role_id'));
      return { status: 204 };
    },
  },
  {
    name: 'keystoneDeleteImpliedRole',
    method: 'DELETE',
    url: '/roles/:role_id/implies/:implied_role_id',
    access: 'required',
    async run(call) {
      await asOperator(call);
      await call.services.keystoneRoles.unimply(callerOf(call), roleId(call, 'role_id'), roleId(call, 'implied_role_id'));
      return { status: 204 };
    },
  },
  {
    name: 'keystoneListImpliedRoles',
    method: 'GET',
    url: '/roles/:role_id/implies',
    access: 'required',
    async run(call) {
      const prior = await call.services.keystoneRoles.get(callerOf(call), roleId(call, 'role_id'));
      const pairs = (await call.services.keystoneRoles.listImplications(callerOf(call))).filter((p) => p.prior.id === prior.id);
      const brief = (role: Role) => ({ id: role.id, name: role.name, links: { self: `${call.origin}/v3/roles/${role.id}` } });
      return { status: 200, body: { role_inference: { prior_role: brief(prior), implies: pairs.map((p) => brief(p.implied)) }, links: { self: `${call.origin}/v3/roles/${prior.id}/implies` } } };
    },
  },
  {
    name: 'keystoneListRoleInferenceRules',
    method: 'GET',
    url: '/role_inferences',
    access: 'required',
    async run(call) {
      const pairs = await call.services.keystoneRoles.listImplications(callerOf(call));
      const brief = (role: Role) => ({ id: role.id, name: role.name, links: { self: `${call.origin}/v3/roles/${role.id}` } });
      const byPrior = new Map<string, { prior: Role; implied: Role[] }>();
      for (const p of pairs) {
        const entry = byPrior.get(p.prior.id) ?? { prior: p.prior, implied: [] };
        entry.implied.push(p.implied);
        byPrior.set(p.prior.id, entry);
      }
      const inferences = [...byPrior.values()].map((e) => ({ prior_role: brief(e.prior), implies: e.implied.map(brief) }));
      return { status: 200, body: { role_inferences: inferences, links: { self: `${call.origin}/v3/role_inferences` } } };
    },
  },
];
