/**
 * Protection matrix, Huawei IAM v3 (Keystone): every row of `v3Operations`, signed SDK-HMAC-SHA256
 * with the persona's access key (the AK/SK the Huawei SDK's v3 client signs with; the v5 suite's
 * signer). POST /v3/auth/tokens authenticates itself with the persona's password instead.
 */
import { v3Operations } from '../../src/dialects/huawei-v3/plugin.js';
import { issueToken, passwordAuth } from '../conformance/huawei-v3/support.js';
import { rawRequest } from '../conformance/huawei-v5/support.js';
import { describeMatrix } from './matrix.js';
import { keystoneRows } from './huawei-v3-keystone.js';
import { catalogRows } from './huawei-v3-catalog.js';
import { domainExpectations, domainRows } from './huawei-v3-domains.js';
import { applicationCredentialRows, credentialRows, endpointGroupRows } from './huawei-v3-credentials.js';
import { blobRows } from './huawei-v3-blobs.js';
import { FIXTURE_PASSWORD, type Fixture, type MatrixEnv, type Planned, type Row } from './personas.js';

interface V3Request {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** send without a signature (the operation authenticates itself) */
  unsigned?: boolean;
}

const req = (method: V3Request['method'], path: string, body?: unknown): Planned<V3Request> => ({ req: { method, path, ...(body === undefined ? {} : { body }) } });

/** A token of the fixture's user, for the token rows' X-Subject-Token; it marks the fixture. */
async function fixtureToken(env: MatrixEnv, fx: Fixture): Promise<string> {
  const { token } = await issueToken(env.server, fx.user.name, FIXTURE_PASSWORD, fx.account.name);
  fx.marks.push(token);
  return token;
}

const subject = (method: V3Request['method']): Row<V3Request> => async (_p, fx, _n, env) => ({ req: { method, path: '/v3/auth/tokens', headers: { 'x-subject-token': await fixtureToken(env, fx) } } });

const rows: Record<string, Row<V3Request>> = {
  keystoneShowVersion: () => ({ req: { method: 'GET', path: '/v3', unsigned: true } }),
  keystoneListAuthDomains: () => req('GET', '/v3/auth/domains'),
  keystoneShowCatalog: () => req('GET', '/v3/auth/catalog'),
  keystoneListDomains: () => req('GET', '/v3/domains'),
  keystoneShowDomain: (_p, fx) => req('GET', `/v3/domains/${fx.account.id}`),
  // the persona signs in to the fixture's domain with its own password (the foreign root's name is not there)
  keystoneCreateUserTokenByPassword: (persona, fx) => ({
    req: { method: 'POST', path: '/v3/auth/tokens', unsigned: true, body: passwordAuth({ name: persona.userName, password: persona.password, domain: { name: fx.account.name } }) },
  }),
  keystoneValidateToken: subject('GET'),
  keystoneCheckToken: subject('HEAD'),
  keystoneRevokeToken: subject('DELETE'),
  keystoneCreateUser: (_p, _fx, n) => req('POST', '/v3/users', { user: { name: `made-${n}` } }),
  keystoneListUsers: () => req('GET', '/v3/users'),
  keystoneShowUser: (_p, fx) => req('GET', `/v3/users/${fx.user.id}`),
  keystoneUpdateUserByAdmin: (_p, fx) => req('PATCH', `/v3/users/${fx.user.id}`, { user: { description: 'changed' } }),
  keystoneDeleteUser: (_p, fx) => req('DELETE', `/v3/users/${fx.user.id}`),
  // the caller's own password
  keystoneUpdateUserPassword(persona, _fx, n) {
    const next = `Changed#${n}Pass`;
    return { ...req('POST', `/v3/users/${persona.userId}/password`, { user: { original_password: persona.password, password: next } }), done: () => void (persona.password = next) };
  },
  keystoneCreateGroup: (_p, _fx, n) => req('POST', '/v3/groups', { group: { name: `made-${n}` } }),
  keystoneListGroups: () => req('GET', '/v3/groups'),
  keystoneShowGroup: (_p, fx) => req('GET', `/v3/groups/${fx.group.id}`),
  keystoneUpdateGroup: (_p, fx) => req('PATCH', `/v3/groups/${fx.group.id}`, { group: { description: 'changed' } }),
  keystoneDeleteGroup: (_p, fx) => req('DELETE', `/v3/groups/${fx.group.id}`),
  keystoneListUsersForGroupByAdmin: (_p, fx) => req('GET', `/v3/groups/${fx.group.id}/users`),
  keystoneAddUserToGroup: (_p, fx) => req('PUT', `/v3/groups/${fx.group.id}/users/${fx.bare.id}`),
  keystoneCheckUserInGroup: (_p, fx) => req('HEAD', `/v3/groups/${fx.group.id}/users/${fx.user.id}`),
  keystoneRemoveUserFromGroup: (_p, fx) => req('DELETE', `/v3/groups/${fx.group.id}/users/${fx.user.id}`),
  keystoneListGroupsForUser: (_p, fx) => req('GET', `/v3/users/${fx.user.id}/groups`),
  ...keystoneRows(v3Operations),
  ...catalogRows(v3Operations),
  ...domainRows(v3Operations),
  ...credentialRows(v3Operations),
  ...applicationCredentialRows(v3Operations),
  ...endpointGroupRows(v3Operations),
  ...blobRows(v3Operations),
};

describeMatrix<V3Request>({
  dialect: 'huawei-v3',
  operations: v3Operations.map((op) => op.name),
  rows,
  publicOperations: ['keystoneShowVersion'],
  expectations: {
    ...domainExpectations,
    // Keystone: only the user itself makes its application credentials (their roles are its own), so an
    // administrator asking for another user is refused too (issue #16)
    keystoneCreateApplicationCredential: { root: 'deny', admin: 'deny', reader: 'deny', nobody: 'deny', disabled: 'refused', foreign: 'isolated' },
  },
  async send(env, persona, r) {
    const res = await rawRequest(env.server, {
      method: r.method,
      path: r.path,
      ...(r.body === undefined ? {} : { body: JSON.stringify(r.body) }),
      ...(r.headers ? { headers: r.headers } : {}),
      ...(r.unsigned ? {} : { keys: persona.keys }),
    });
    return { status: res.status, text: res.text };
  },
});
