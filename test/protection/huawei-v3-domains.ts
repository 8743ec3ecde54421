/**
 * Protection-matrix rows of the Keystone domain writes and GET /v3/auth/system (issue #16). No persona
 * of the matrix is a cloud operator, so every domain write is refused to all of them, the account's
 * own root included (Keystone: a domain's admin is not the cloud's); GET /v3/auth/system answers each
 * caller about itself; system role assignments likewise (operator only). The operator's side is
 * test/conformance/huawei-v3/domains.test.ts and system-roles.test.ts.
 * @see #16
 */
import type { V3Operation } from '../../src/dialects/huawei-v3/operation.js';
import type { V3Request } from './huawei-v3-keystone.js';
import type { Expectation, PersonaName, Row } from './personas.js';

const OPERATOR_ONLY: Record<PersonaName, Expectation> = { root: 'deny', admin: 'deny', reader: 'deny', nobody: 'deny', disabled: 'refused', foreign: 'isolated' };

/** A row for each operation of `operations/domains.ts`. */
export function domainRows(operations: V3Operation[]): Record<string, Row<V3Request>> {
  const rows: Record<string, Row<V3Request>> = {
    keystoneCreateDomain: (_p, _fx, n) => ({ req: { method: 'POST', path: '/v3/domains', body: { domain: { name: `made-domain-${n}` } } } }),
    keystoneUpdateDomain: (_p, fx) => ({ req: { method: 'PATCH', path: `/v3/domains/${fx.account.id}`, body: { domain: { enabled: false } } } }),
    keystoneDeleteDomain: (_p, fx) => ({ req: { method: 'DELETE', path: `/v3/domains/${fx.account.id}` } }),
    keystoneListAuthSystem: () => ({ req: { method: 'GET', path: '/v3/auth/system' } }),
    ...systemGrantRows(),
  };
  const known = new Set(operations.map((op) => op.name));
  return Object.fromEntries(Object.entries(rows).filter(([name]) => known.has(name)));
}

/** What each persona gets from the domain writes: only an operator may make them. */
export const domainExpectations: Record<string, Record<PersonaName, Expectation>> = {
  keystoneCreateDomain: OPERATOR_ONLY,
  keystoneUpdateDomain: OPERATOR_ONLY,
  keystoneDeleteDomain: OPERATOR_ONLY,
  ...Object.fromEntries(Object.keys(systemGrantRows()).map((name) => [name, OPERATOR_ONLY])),
};

/** Keystone `reader`, granted on the system to the fixture's user and group. */
const READER = '1a84de4ba68b46c20481b1b954d6b23a';

/** System role assignments (`/v3/system/...`, operations/system-grants.ts): only an operator may make, check or list them. */
function systemGrantRows(): Record<string, Row<V3Request>> {
  const rows: Record<string, Row<V3Request>> = {};
  for (const [noun, kind] of [['User', 'users'], ['Group', 'groups']] as const) {
    const path = (fx: Parameters<Row<V3Request>>[1]) => `/v3/system/${kind}/${kind === 'users' ? fx.user.id : fx.group.id}/roles`;
    rows[`keystoneAssignSystemRoleTo${noun}`] = (_p, fx) => ({ req: { method: 'PUT', path: `${path(fx)}/${READER}` } });
    rows[`keystoneCheckSystemRoleFor${noun}`] = (_p, fx) => ({ req: { method: 'HEAD', path: `${path(fx)}/${READER}` } });
    rows[`keystoneCheckSystemRoleFor${noun}ByGet`] = (_p, fx) => ({ req: { method: 'GET', path: `${path(fx)}/${READER}` } });
    rows[`keystoneUnassignSystemRoleFrom${noun}`] = (_p, fx) => ({ req: { method: 'DELETE', path: `${path(fx)}/${READER}` } });
    rows[`keystoneListSystemRolesFor${noun}`] = (_p, fx) => ({ req: { method: 'GET', path: path(fx) } });
  }
  return rows;
}
