/**
 * Protection matrix, Huawei IAM v5: every row of `v5Operations`, signed SDK-HMAC-SHA256 with the
 * persona's own access key (the v5 suite's signer, written from huawei-iam.md §2).
 */
import { v5Operations } from '../../src/dialects/huawei-v5/plugin.js';
import { rawRequest } from '../conformance/huawei-v5/support.js';
import { describeMatrix } from './matrix.js';
import { v5MfaRows } from './huawei-v5-mfa-rows.js';
import { systemContext } from '../../src/core/principal.js';
import { POLICY_DOCUMENT, type Fixture, type MatrixEnv, type Planned, type Row } from './personas.js';

interface V5Request {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
}

const req = (method: V5Request['method'], path: string, body?: unknown): Planned<V5Request> => ({ req: { method, path, ...(body === undefined ? {} : { body }) } });
const user = (path = '') => (_p: unknown, fx: { user: { id: string } }) => `/v5/users/${fx.user.id}${path}`;

const asRoot = (fx: Fixture) => systemContext(fx.account.id, 'fixture-root', 'root');

function serviceLinkedAgency(env: MatrixEnv, fx: Fixture, n: number) {
  return env.server.polyiam.services.serviceLinkedRoles.create(asRoot(fx), { service: `service.Fx-${n}`, syntax: 'huawei-v5' });
}

const V5_DOCUMENT = JSON.stringify({ Version: '5.0', Statement: [{ Effect: 'Allow', Action: ['iam:users:listUsersV5'], Resource: ['*'] }] });

const rows: Record<string, Row<V5Request>> = {
  createUserV5: (_p, _fx, n) => req('POST', '/v5/users', { name: `made-${n}`, enabled: true }),
  listUsersV5: () => req('GET', '/v5/users'),
  getAccountSummaryV5: () => req('GET', '/v5/account-summary'),
  showUserV5: (p, fx) => req('GET', user()(p, fx)),
  updateUserV5: (p, fx) => req('PUT', user()(p, fx), { new_description: 'changed' }),
  deleteUserV5: (p, fx) => req('DELETE', user()(p, fx)),
  showUserLastLoginV5: (p, fx) => req('GET', user('/last-login')(p, fx)),
  createLoginProfileV5: (_p, fx) => req('POST', `/v5/users/${fx.bare.id}/login-profile`, { password: 'Fresh#Pass2024', password_reset_required: true }),
  showLoginProfileV5: (p, fx) => req('GET', user('/login-profile')(p, fx)),
  updateLoginProfileV5: (p, fx) => req('PUT', user('/login-profile')(p, fx), { password_reset_required: true }),
  deleteLoginProfileV5: (p, fx) => req('DELETE', user('/login-profile')(p, fx)),
  createAccessKeyV5: (p, fx) => req('POST', user('/access-keys')(p, fx)),
  listAccessKeysV5: (p, fx) => req('GET', user('/access-keys')(p, fx)),
  updateAccessKeyV5: (p, fx) => req('PUT', user(`/access-keys/${fx.keyId}`)(p, fx), { status: 'inactive' }),
  deleteAccessKeyV5: (p, fx) => req('DELETE', user(`/access-keys/${fx.keyId}`)(p, fx)),
  showAccessKeyLastUsedV5: (p, fx) => req('GET', user(`/access-keys/${fx.keyId}/last-used`)(p, fx)),
  changePasswordV5(p, _fx, n) {
    const next = `Changed#${n}Pass`;
    return { ...req('POST', '/v5/caller-password', { old_password: p.password, new_password: next }), done: () => void (p.password = next) };
  },
  showPasswordPolicyV5: () => req('GET', '/v5/password-policy'),
  updatePasswordPolicyV5: () => req('PUT', '/v5/password-policy', { minimum_password_length: 8, allow_user_to_change_password: true }),
  tagResourceV5: (_p, fx) => req('POST', `/v5/user/${fx.user.id}/tags/create`, { tags: [{ tag_key: 'k', tag_value: 'v' }] }),
  deleteResourceTagsV5: (_p, fx) => req('DELETE', `/v5/user/${fx.user.id}/tags/delete`, ['team']),
  listResourceTagsV5: (_p, fx) => req('GET', `/v5/user/${fx.user.id}/tags`),
  // groups
  createGroupV5: (_p, _fx, n) => req('POST', '/v5/groups', { group_name: `made-${n}` }),
  listGroupsV5: () => req('GET', '/v5/groups'),
  showGroupV5: (_p, fx) => req('GET', `/v5/groups/${fx.group.id}`),
  updateGroupV5: (_p, fx) => req('PUT', `/v5/groups/${fx.group.id}`, { new_group_description: 'changed' }),
  deleteGroupV5: (_p, fx) => req('DELETE', `/v5/groups/${fx.emptyGroup.id}`),
  addUserToGroupV5: (_p, fx) => req('POST', `/v5/groups/${fx.group.id}/add-user`, { user_id: fx.bare.id }),
  removeUserFromGroupV5: (_p, fx) => req('POST', `/v5/groups/${fx.group.id}/remove-user`, { user_id: fx.user.id }),
  // identity policies and their versions
  // trust agencies (issue #13): the fixture's roles
  createAgencyV5: (_p, _fx, n) => req('POST', '/v5/agencies', { agency_name: `made-${n}`, trust_policy: JSON.stringify({ Version: '5.0', Statement: [{ Effect: 'Allow', Action: ['sts:agencies:assume'], Principal: { Service: ['ecs'] } }] }) }),
  listAgenciesV5: () => req('GET', '/v5/agencies'),
  getAgencyV5: (_p, fx) => req('GET', `/v5/agencies/${fx.role.id}`),
  updateAgencyV5: (_p, fx) => req('PUT', `/v5/agencies/${fx.role.id}`, { description: 'changed' }),
  updateTrustPolicyV5: (_p, fx) => req('PUT', `/v5/agencies/${fx.role.id}/trust-policy`, { trust_policy: JSON.stringify({ Version: '5.0', Statement: [{ Effect: 'Allow', Action: ['sts:agencies:assume'], Principal: { Service: ['ecs'] } }] }) }),
  deleteAgencyV5: (_p, fx) => req('DELETE', `/v5/agencies/${fx.bareRole.id}`),
  attachAgencyPolicyV5: (_p, fx) => req('POST', `/v5/policies/${fx.spare.id}/attach-agency`, { agency_id: fx.role.id }),
  detachAgencyPolicyV5: (_p, fx) => req('POST', `/v5/policies/${fx.policy.id}/detach-agency`, { agency_id: fx.role.id }),
  listAttachedAgencyPoliciesV5: (_p, fx) => req('GET', `/v5/agencies/${fx.role.id}/attached-policies`),
  // service-linked agencies (issue #15): one made by the core for each delete and status row
  createServiceLinkedAgencyV5: (_p, _fx, n) => req('PUT', '/v5/service-linked-agencies', { service_principal: `service.Made-${n}` }),
  deleteServiceLinkedAgencyV5: async (_p, fx, n, env) => req('DELETE', `/v5/service-linked-agencies/${(await serviceLinkedAgency(env, fx, n)).id}`),
  async getServiceLinkedAgencyDeletionStatusV5(_p, fx, n, env) {
    const agency = await serviceLinkedAgency(env, fx, n);
    const task = await env.server.polyiam.services.serviceLinkedRoles.delete(asRoot(fx), { id: agency.id });
    return req('GET', `/v5/service-linked-agencies/deletion-task/${Buffer.from(task.id).toString('base64url')}`);
  },
  createPolicyV5: (_p, _fx, n) => req('POST', '/v5/policies', { policy_name: `made-${n}`, policy_document: V5_DOCUMENT }),
  listPoliciesV5: () => req('GET', '/v5/policies'),
  getPolicyV5: (_p, fx) => req('GET', `/v5/policies/${fx.policy.id}`),
  deletePolicyV5: (_p, fx) => req('DELETE', `/v5/policies/${fx.spare.id}`),
  // the fixture's policy is in AWS syntax, and its versions stay in it
  createPolicyVersionV5: (_p, fx) => req('POST', `/v5/policies/${fx.policy.id}/versions`, { policy_document: POLICY_DOCUMENT }),
  listPolicyVersionsV5: (_p, fx) => req('GET', `/v5/policies/${fx.policy.id}/versions`),
  getPolicyVersionV5: (_p, fx) => req('GET', `/v5/policies/${fx.policy.id}/versions/v2`),
  deletePolicyVersionV5: (_p, fx) => req('DELETE', `/v5/policies/${fx.policy.id}/versions/v2`),
  setDefaultPolicyVersionV5: (_p, fx) => req('POST', `/v5/policies/${fx.policy.id}/versions/v2/set-default`),
  // attachments
  attachUserPolicyV5: (_p, fx) => req('POST', `/v5/policies/${fx.spare.id}/attach-user`, { user_id: fx.user.id }),
  detachUserPolicyV5: (_p, fx) => req('POST', `/v5/policies/${fx.policy.id}/detach-user`, { user_id: fx.user.id }),
  attachGroupPolicyV5: (_p, fx) => req('POST', `/v5/policies/${fx.spare.id}/attach-group`, { group_id: fx.group.id }),
  detachGroupPolicyV5: (_p, fx) => req('POST', `/v5/policies/${fx.policy.id}/detach-group`, { group_id: fx.group.id }),
  listAttachedUserPoliciesV5: (p, fx) => req('GET', user('/attached-policies')(p, fx)),
  listAttachedGroupPoliciesV5: (_p, fx) => req('GET', `/v5/groups/${fx.group.id}/attached-policies`),
  listEntitiesForPolicyV5: (_p, fx) => req('GET', `/v5/policies/${fx.policy.id}/attached-entities`),
  // STS5
  decodeAuthorizationMessage: (_p, fx) => req('POST', '/v5/decode-authorization-message', { encoded_message: fx.encoded }),
};

describeMatrix<V5Request>({
  dialect: 'huawei-v5',
  operations: v5Operations.map((op) => op.name),
  rows: { ...rows, ...v5MfaRows() },
  async send(env, persona, r) {
    const res = await rawRequest(env.server, { method: r.method, path: r.path, keys: persona.keys, ...(r.body === undefined ? {} : { body: JSON.stringify(r.body) }) });
    return { status: res.status, text: res.text };
  },
});
