import { JsonFields, parseJsonBody, checkString } from '../../kit/json-fields.js';
import type { V5Operation } from '../operation.js';
import { booleanQuery, pagination, POLICY_DESCRIPTION, POLICY_DOCUMENT, POLICY_NAME, POLICY_PATH, policyIdParam, policyTypeParam, versionIdParam } from '../rules.js';
import { corePath, renderPolicy, renderPolicyVersion } from '../shapes.js';
import { pageInfo, pageOfList } from './paging.js';

/** Huawei IAM v5 "身份策略管理": custom identity policies and their versions (api-iam5 CreatePolicyV5 ...). */
export const policyOperations: V5Operation[] = [
  {
    name: 'createPolicyV5',
    method: 'POST',
    url: '/policies',
    // the docs retrieved do not show the success status; v5 creations answer 201 (CreateUserV5,
    // CreateAccessKeyV5, CreateLoginProfileV5) and the SDK accepts any 2xx (UNVERIFIED)
    status: 201,
    core: 'policies.create',
    errors: ['missing', 'invalid', 'malformedBody', 'malformedPolicy', 'denied', 'conflict', 'quota'],
    async run({ ctx, body, services }) {
      // CreatePolicyReqBody: policy_name, policy_document required; path, description optional
      const input = JsonFields.of(parseJsonBody(body)).onlyKnown(['policy_name', 'path', 'policy_document', 'description']);
      const name = input.requiredString('policy_name', POLICY_NAME);
      const path = input.optionalString('path', POLICY_PATH) ?? '';
      const document = input.requiredString('policy_document', POLICY_DOCUMENT);
      const description = input.optionalString('description', POLICY_DESCRIPTION) ?? '';
      const { policy } = await services.policies.create(ctx, { name, path: corePath(path), description, syntax: 'huawei-v5', document });
      return { policy: renderPolicy(policy) };
    },
  },
  {
    name: 'listPoliciesV5',
    method: 'GET',
    url: '/policies',
    status: 200,
    core: 'policies.list',
    errors: ['invalid', 'marker', 'denied'],
    async run({ ctx, query, services }) {
      const scope = policyTypeParam(query.policy_type) ?? 'all';
      const pathPrefix = query.path_prefix;
      if (pathPrefix !== undefined) checkString('path_prefix', pathPrefix, { max: 512 });
      const onlyAttached = booleanQuery('only_attached', query.only_attached) ?? false;
      const page = await services.policies.list(ctx, {
        ...pagination(query),
        scope,
        onlyAttached,
        ...(pathPrefix !== undefined ? { pathPrefix: corePath(pathPrefix) } : {}),
      });
      return { policies: page.items.map(renderPolicy), page_info: pageInfo(page) };
    },
  },
  {
    name: 'getPolicyV5',
    method: 'GET',
    url: '/policies/:policy_id',
    status: 200,
    core: 'policies.get',
    errors: ['invalid', 'denied', 'notFound'],
    async run({ ctx, params, services }) {
      return { policy: renderPolicy(await services.policies.get(ctx, { id: policyIdParam(params.policy_id) })) };
    },
  },
  {
    name: 'deletePolicyV5',
    method: 'DELETE',
    url: '/policies/:policy_id',
    status: 204,
    core: 'policies.delete',
    errors: ['invalid', 'denied', 'notFound', 'conflict'],
    async run({ ctx, params, services }) {
      // DeletePolicyV5: "Ensure that it is not attached to any IAM users, groups, agencies"; its
      // versions go with it
      await services.policies.delete(ctx, { id: policyIdParam(params.policy_id) }, { cascade: true });
    },
  },
  {
    name: 'createPolicyVersionV5',
    method: 'POST',
    url: '/policies/:policy_id/versions',
    // as createPolicyV5 (UNVERIFIED)
    status: 201,
    core: 'policies.createVersion',
    errors: ['missing', 'invalid', 'malformedBody', 'malformedPolicy', 'denied', 'notFound', 'versionQuota'],
    async run({ ctx, params, body, services }) {
      const id = policyIdParam(params.policy_id);
      // CreatePolicyVersionReqBody: policy_document required, set_as_default optional
      const input = JsonFields.of(parseJsonBody(body)).onlyKnown(['policy_document', 'set_as_default']);
      const document = input.requiredString('policy_document', POLICY_DOCUMENT);
      const setAsDefault = input.optionalBoolean('set_as_default') ?? false;
      return { policy_version: renderPolicyVersion(await services.policies.createVersion(ctx, { id }, { document, setAsDefault })) };
    },
  },
  {
    name: 'listPolicyVersionsV5',
    method: 'GET',
    url: '/policies/:policy_id/versions',
    status: 200,
    core: 'policies.listVersions',
    errors: ['invalid', 'marker', 'denied', 'notFound'],
    async run({ ctx, params, query, services }) {
      const id = policyIdParam(params.policy_id);
      const paging = pagination(query);
      const page = pageOfList(await services.policies.listVersions(ctx, { id }), (v) => v.versionId, paging);
      return { versions: page.items.map(renderPolicyVersion), page_info: pageInfo(page) };
    },
  },
  {
    name: 'getPolicyVersionV5',
    method: 'GET',
    url: '/policies/:policy_id/versions/:version_id',
    status: 200,
    core: 'policies.getVersion',
    errors: ['invalid', 'denied', 'notFound'],
    async run({ ctx, params, services }) {
      const version = await services.policies.getVersion(ctx, { id: policyIdParam(params.policy_id) }, versionIdParam(params.version_id));
      return { policy_version: renderPolicyVersion(version) };
    },
  },
  {
    name: 'deletePolicyVersionV5',
    method: 'DELETE',
    url: '/policies/:policy_id/versions/:version_id',
    status: 204,
    core: 'policies.deleteVersion',
    errors: ['invalid', 'denied', 'notFound', 'conflict'],
    async run({ ctx, params, services }) {
      // "The default identity policy version cannot be deleted": 409
      await services.policies.deleteVersion(ctx, { id: policyIdParam(params.policy_id) }, versionIdParam(params.version_id));
    },
  },
  {
    name: 'setDefaultPolicyVersionV5',
    method: 'POST',
    url: '/policies/:policy_id/versions/:version_id/set-default',
    status: 200,
    core: 'policies.setDefaultVersion',
    errors: ['invalid', 'denied', 'notFound'],
    async run({ ctx, params, services }) {
      await services.policies.setDefaultVersion(ctx, { id: policyIdParam(params.policy_id) }, versionIdParam(params.version_id));
      // api-iam5 SetDefaultPolicyVersionV5: 200 with no response body
      return undefined;
    },
  },
];
