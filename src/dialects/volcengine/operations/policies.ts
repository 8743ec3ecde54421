import type { PolicyRef } from '../../../core/policies/policy-ref.js';
import type { QueryCall } from '../../kit/query-dialect.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import { accountNumericId, requiredUser, volcOperation, type VolcOperation } from '../operation.js';
import { POLICY_DESCRIPTION, POLICY_DOCUMENT, POLICY_NAME, POLICY_NAME_REF, policyType } from '../rules.js';
import { renderAttachedPolicy, renderPolicy, renderPolicyUser, volcTime } from '../shapes.js';

/** Volcengine ListPolicies: Limit "默认为100" (UNVERIFIED), Offset from 0. */
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** `PolicyName` + `PolicyType` (Custom/System) as a core reference. */
function policyRef(call: QueryCall, required = true): PolicyRef {
  const name = call.params.requiredString('PolicyName', POLICY_NAME_REF);
  const scope = policyType(call.params, 'PolicyType', required);
  return scope === undefined ? { name } : { name, scope };
}

/** Volcengine IAM policies (权限策略): documents are written in the `volcengine` syntax. */
export const policyOperations: VolcOperation[] = [
  volcOperation({
    action: 'CreatePolicy',
    source: '6257/65025',
    core: 'policies.create',
    errors: ['ParameterNotFound', 'InvalidParameter', 'InvalidDescription', 'MalformedPolicyDocument', 'PolicyAlreadyExists', 'LimitExceeded'],
    parameters: ['PolicyName', 'PolicyDocument', 'Description'],
    async run(call) {
      const { params, ctx, services } = call;
      const name = params.requiredString('PolicyName', POLICY_NAME);
      const document = params.requiredString('PolicyDocument', POLICY_DOCUMENT);
      const description = params.optionalString('Description', POLICY_DESCRIPTION) ?? '';
      const { policy, version } = await services.policies.create(ctx, { name, description, syntax: 'volcengine', document });
      return { Policy: renderPolicy(policy, version.document, await accountNumericId(call)) };
    },
  }),
  volcOperation({
    action: 'GetPolicy',
    source: 'Go SDK api_get_policy.go',
    core: 'policies.get',
    errors: ['ParameterNotFound', 'InvalidParameter', 'PolicyNotExist'],
    parameters: ['PolicyName', 'PolicyType'],
    async run(call) {
      const { ctx, services } = call;
      const { policy, version } = await services.policies.get(ctx, policyRef(call), { withDocument: true });
      return { Policy: renderPolicy(policy, version.document, await accountNumericId(call)) };
    },
  }),
  volcOperation({
    action: 'ListPolicies',
    source: 'Go SDK api_list_policies.go',
    core: 'policies.list',
    errors: ['InvalidLimit', 'InvalidOffset', 'InvalidParameter'],
    // Scope: `Custom` or `System`, all when absent (terraform volcengine_iam_policies `scope`)
    parameters: ['Limit', 'Offset', 'Scope'],
    async run(call) {
      const { params, ctx, services } = call;
      const limit = params.optionalInteger('Limit', 1, MAX_LIMIT) ?? DEFAULT_LIMIT;
      const offset = params.optionalInteger('Offset', 0, 2_147_483_647) ?? 0;
      const scope = policyType(params, 'Scope', false) ?? 'all';
      // issue #17: Limit/Offset served by keyset seeks (custom policies in the store), `Total` counted there
      const page = await services.policies.list(ctx, { scope, limit, offset });
      const accountId = await accountNumericId(call);
      return {
        PolicyMetadata: page.items.map((p) => ({ ...renderPolicy(p, undefined, accountId), AttachmentCount: p.attachmentCount })),
        Limit: limit,
        Offset: offset,
        Total: page.total ?? page.items.length,
      };
    },
  }),
  volcOperation({
    action: 'UpdatePolicy',
    source: 'Go SDK api_update_policy.go',
    core: 'policies.update',
    errors: ['ParameterNotFound', 'InvalidParameter', 'InvalidDescription', 'MalformedPolicyDocument', 'PolicyNotExist'],
    parameters: ['PolicyName', 'NewPolicyName', 'NewDescription', 'NewPolicyDocument'],
    async run(call) {
      const { params, ctx, services } = call;
      const name = params.requiredString('PolicyName', POLICY_NAME_REF);
      if (params.has('NewPolicyName')) {
        // core keeps a policy's name for life (AWS and Huawei have no rename): refused, not ignored
        params.requiredString('NewPolicyName', POLICY_NAME);
        throw new WireValidationError('NewPolicyName', 'renaming a policy is not supported by polyiam');
      }
      const description = params.optionalString('NewDescription', POLICY_DESCRIPTION);
      const document = params.optionalString('NewPolicyDocument', POLICY_DOCUMENT);
      // Volcengine policies have no versions: a new document replaces the one in force (core update)
      const { policy, version } = await services.policies.update(ctx, { name, scope: 'custom' }, {
        ...(description !== undefined ? { description } : {}),
        ...(document !== undefined ? { document } : {}),
      });
      return { Policy: renderPolicy(policy, version.document, await accountNumericId(call)) };
    },
  }),
  volcOperation({
    action: 'DeletePolicy',
    source: 'Go SDK api_delete_policy.go',
    core: 'policies.delete',
    errors: ['ParameterNotFound', 'InvalidParameter', 'PolicyNotExist', 'PolicyDeleteConflict'],
    parameters: ['PolicyName'],
    async run(call) {
      const name = call.params.requiredString('PolicyName', POLICY_NAME_REF);
      await call.services.policies.delete(call.ctx, { name, scope: 'custom' }, { cascade: true });
      return undefined;
    },
  }),
  volcOperation({
    action: 'AttachUserPolicy',
    source: 'Go SDK api_attach_user_policy.go',
    core: 'policyAttachments.attachToUser',
    errors: ['ParameterNotFound', 'InvalidUserName', 'InvalidParameter', 'UserNotExist', 'PolicyNotExist', 'LimitExceeded'],
    parameters: ['UserName', 'PolicyName', 'PolicyType'],
    async run(call) {
      await call.services.policyAttachments.attachToUser(call.ctx, requiredUser(call), policyRef(call));
      return undefined;
    },
  }),
  volcOperation({
    action: 'DetachUserPolicy',
    source: 'Go SDK api_detach_user_policy.go',
    core: 'policyAttachments.detachFromUser',
    errors: ['ParameterNotFound', 'InvalidUserName', 'InvalidParameter', 'UserNotExist', 'PolicyNotExist'],
    parameters: ['UserName', 'PolicyName', 'PolicyType'],
    async run(call) {
      await call.services.policyAttachments.detachFromUser(call.ctx, requiredUser(call), policyRef(call));
      return undefined;
    },
  }),
  volcOperation({
    action: 'ListAttachedUserPolicies',
    source: 'Go SDK api_list_attached_user_policies.go',
    core: 'policyAttachments.listForUser',
    errors: ['ParameterNotFound', 'InvalidUserName', 'UserNotExist'],
    parameters: ['UserName'],
    async run(call) {
      const { policies } = await call.services.policyAttachments.listForUser(call.ctx, requiredUser(call));
      const accountId = await accountNumericId(call);
      return { AttachedPolicyMetadata: policies.map((a) => renderAttachedPolicy(a, accountId)) };
    },
  }),
  volcOperation({
    action: 'ListEntitiesForPolicy',
    source: 'Go SDK api_list_entities_for_policy.go',
    core: 'policyAttachments.listEntities',
    errors: ['ParameterNotFound', 'InvalidParameter', 'PolicyNotExist'],
    parameters: ['PolicyName', 'PolicyType'],
    async run(call) {
      const entities = await call.services.policyAttachments.listEntities(call.ctx, policyRef(call), { usage: 'permissions-policy' });
      // Go SDK ListEntitiesForPolicyOutput: PolicyUsers, PolicyUserGroups, PolicyRoles
      return {
        PolicyUsers: entities.users.map(renderPolicyUser),
        PolicyUserGroups: entities.groups.map(({ group, attachedAt }) => ({ UserGroupName: group.name, Description: group.description, AttachDate: volcTime(attachedAt) })),
        PolicyRoles: entities.roles.map(({ role, attachedAt }) => ({ RoleName: role.name, Id: role.numericId, Description: role.description, AttachDate: volcTime(attachedAt) })),
      };
    },
  }),
];
