import type { Role } from '../../../core/roles/role.js';
import { JsonFields, parseJsonBody } from '../../kit/json-fields.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import type { V5Operation } from '../operation.js';
import { DESCRIPTION, pagination, policyIdParam } from '../rules.js';
import { isoTime, renderAttachedPolicy } from '../shapes.js';
import { pageInfo, pageOfList } from './paging.js';

/** AgencyV5 agency_name: 1-64 of `[\w+=,.@-]` (UNVERIFIED: held to the AWS role name rule) */
const AGENCY_NAME = { min: 1, max: 64, pattern: /^[\w+=,.@-]+$/, patternText: 'must hold only letters, digits and `_+=,.@-`' };
/** trust_policy: a JSON string (Agency.js `trust_policy`) */
const TRUST_POLICY = { min: 1, max: 131_072 };
const PATH = { min: 1, max: 512, pattern: /^(\/|\/[\x21-\x7e]+\/)$/, patternText: 'must be `/` or start and end with `/`' };

export function agencyIdParam(value: string | undefined): { id: string } {
  if (value === undefined || !/^[0-9a-f]{32}$/i.test(value)) throw new WireValidationError('agency_id', 'must be a 32-character id');
  return { id: value.toLowerCase() };
}

/** max_session_duration: 3,600-43,200 seconds */
const maxSessionDuration = (input: JsonFields): number | undefined => input.optionalInteger('max_session_duration', 3_600, 43_200);

/** `iam::<domain_id>:agency:<name>` (URN form of the v5 docs, UNVERIFIED for agencies) */
const agencyUrn = (role: Role) => `iam::${role.accountId}:agency:${role.name}`;

/** v5 `Agency` / `TrustAgency` (sdk v5/model/Agency.js): agency_id, agency_name, urn, path, trust_policy, max_session_duration, description, created_at */
export function renderAgency(role: Role) {
  return {
    agency_id: role.id,
    agency_name: role.name,
    urn: agencyUrn(role),
    path: role.path,
    trust_policy: role.trustPolicy,
    max_session_duration: role.maxSessionDuration,
    description: role.description,
    created_at: isoTime(role.createdAt),
  };
}

/**
 * Huawei IAM v5 "信任委托管理" (CreateAgencyV5 ... ListAttachedAgencyPoliciesV5): v5 trust agencies are
 * core roles whose trust policy is written in the `huawei-v5` syntax. Issue #13.
 */
export const agencyOperations: V5Operation[] = [
  {
    name: 'createAgencyV5',
    method: 'POST',
    url: '/agencies',
    status: 201,
    core: 'roles.create',
    errors: ['missing', 'invalid', 'malformedBody', 'malformedPolicy', 'denied', 'conflict', 'quota'],
    async run({ ctx, body, services }) {
      const input = JsonFields.of(parseJsonBody(body)).onlyKnown(['agency_name', 'trust_policy', 'path', 'max_session_duration', 'description']);
      const name = input.requiredString('agency_name', AGENCY_NAME);
      const trustPolicy = input.requiredString('trust_policy', TRUST_POLICY);
      const path = input.optionalString('path', PATH);
      const description = input.optionalString('description', DESCRIPTION);
      const duration = maxSessionDuration(input);
      const { role } = await services.roles.create(ctx, {
        name,
        trustPolicy,
        syntax: 'huawei-v5',
        ...(path !== undefined ? { path } : {}),
        ...(description !== undefined ? { description } : {}),
        ...(duration !== undefined ? { maxSessionDuration: duration } : {}),
      });
      return { agency: renderAgency(role) };
    },
  },
  {
    name: 'listAgenciesV5',
    method: 'GET',
    url: '/agencies',
    status: 200,
    core: 'roles.listPage',
    errors: ['invalid', 'marker', 'denied'],
    async run({ ctx, query, services }) {
      const paging = pagination(query);
      // issue #17: a keyset seek in the store, `limit` rows from `marker`
      const page = await services.roles.listPage(ctx, { ...paging, ...(query.path_prefix ? { pathPrefix: query.path_prefix } : {}) });
      return { agencies: page.items.map(renderAgency), page_info: pageInfo(page) };
    },
  },
  {
    name: 'getAgencyV5',
    method: 'GET',
    url: '/agencies/:agency_id',
    status: 200,
    core: 'roles.get',
    errors: ['invalid', 'denied', 'notFound'],
    async run({ ctx, params, services }) {
      const { role, tags } = await services.roles.get(ctx, agencyIdParam(params.agency_id));
      return { agency: { ...renderAgency(role), tags: tags.map((t) => ({ tag_key: t.key, tag_value: t.value })) } };
    },
  },
  {
    name: 'updateAgencyV5',
    method: 'PUT',
    url: '/agencies/:agency_id',
    status: 200,
    core: 'roles.update',
    errors: ['invalid', 'malformedBody', 'denied', 'notFound'],
    async run({ ctx, params, body, services }) {
      const ref = agencyIdParam(params.agency_id);
      const input = JsonFields.of(parseJsonBody(body)).onlyKnown(['description', 'max_session_duration']);
      const description = input.optionalString('description', DESCRIPTION);
      const duration = maxSessionDuration(input);
      const role = await services.roles.update(ctx, ref, { ...(description !== undefined ? { description } : {}), ...(duration !== undefined ? { maxSessionDuration: duration } : {}) });
      return { agency: renderAgency(role) };
    },
  },
  {
    name: 'updateTrustPolicyV5',
    method: 'PUT',
    url: '/agencies/:agency_id/trust-policy',
    status: 200,
    core: 'roles.updateTrustPolicy',
    errors: ['missing', 'invalid', 'malformedBody', 'denied', 'notFound'],
    async run({ ctx, params, body, services }) {
      const ref = agencyIdParam(params.agency_id);
      const input = JsonFields.of(parseJsonBody(body)).onlyKnown(['trust_policy']);
      await services.roles.updateTrustPolicy(ctx, ref, input.requiredString('trust_policy', TRUST_POLICY), 'huawei-v5');
      return undefined;
    },
  },
  {
    name: 'deleteAgencyV5',
    method: 'DELETE',
    url: '/agencies/:agency_id',
    status: 204,
    core: 'roles.delete',
    errors: ['invalid', 'denied', 'notFound', 'conflict'],
    async run({ ctx, params, services }) {
      await services.roles.delete(ctx, agencyIdParam(params.agency_id));
      return undefined;
    },
  },
  {
    name: 'attachAgencyPolicyV5',
    method: 'POST',
    url: '/policies/:policy_id/attach-agency',
    status: 200,
    core: 'roles.attachPolicy',
    errors: ['missing', 'invalid', 'malformedBody', 'denied', 'notFound', 'quota'],
    async run({ ctx, params, body, services }) {
      const policy = policyIdParam(params.policy_id);
      const input = JsonFields.of(parseJsonBody(body)).onlyKnown(['agency_id']);
      await services.roles.attachPolicy(ctx, agencyIdParam(input.requiredString('agency_id')), { id: policy });
      return undefined;
    },
  },
  {
    name: 'detachAgencyPolicyV5',
    method: 'POST',
    url: '/policies/:policy_id/detach-agency',
    status: 200,
    core: 'roles.detachPolicy',
    errors: ['missing', 'invalid', 'malformedBody', 'denied', 'notFound'],
    async run({ ctx, params, body, services }) {
      const policy = policyIdParam(params.policy_id);
      const input = JsonFields.of(parseJsonBody(body)).onlyKnown(['agency_id']);
      await services.roles.detachPolicy(ctx, agencyIdParam(input.requiredString('agency_id')), { id: policy });
      return undefined;
    },
  },
  {
    name: 'listAttachedAgencyPoliciesV5',
    method: 'GET',
    url: '/agencies/:agency_id/attached-policies',
    status: 200,
    core: 'roles.listAttachedPolicies',
    errors: ['invalid', 'marker', 'denied', 'notFound'],
    async run({ ctx, params, query, services }) {
      const paging = pagination(query);
      const { policies } = await services.roles.listAttachedPolicies(ctx, agencyIdParam(params.agency_id));
      const page = pageOfList(policies, (a) => a.policy.id, paging);
      return { attached_policies: page.items.map(renderAttachedPolicy), page_info: pageInfo(page) };
    },
  },
];
