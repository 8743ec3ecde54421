import { callerAccount } from '../../kit/aws-family/flavor.js';
import { optionalMember, requiredMember, type MemberRule } from '../../kit/aws-family/params.js';
import type { QueryOperation } from '../../kit/query-dialect.js';
import { renderRole, roleName } from './roles.js';

/** CreateServiceLinkedRole AWSServiceName: 1-128 of `[\w+=,.@-]+`; CustomSuffix 1-64 of the same; Description 0-1000 (IAM API reference) */
const SERVICE: MemberRule = { min: 1, max: 128, pattern: /^[\w+=,.@-]+$/, patternText: '[\\w+=,.@-]+' };
const SUFFIX: MemberRule = { min: 1, max: 64, pattern: /^[\w+=,.@-]+$/, patternText: '[\\w+=,.@-]+' };
const DESCRIPTION: MemberRule = { min: 0, max: 1000, pattern: /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/, patternText: '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*' };
/** GetServiceLinkedRoleDeletionStatus DeletionTaskId: 1-1000 */
const TASK_ID: MemberRule = { min: 1, max: 1000 };

/** CreateServiceLinkedRole, DeleteServiceLinkedRole, GetServiceLinkedRoleDeletionStatus (IAM API reference). */
export function serviceLinkedRoleOperations(): QueryOperation[] {
  return [
    {
      action: 'CreateServiceLinkedRole',
      async run({ ctx, params, services }) {
        const service = requiredMember(params, 'AWSServiceName', SERVICE);
        const suffix = optionalMember(params, 'CustomSuffix', SUFFIX);
        const description = optionalMember(params, 'Description', DESCRIPTION);
        const role = await services.serviceLinkedRoles.create(ctx, { service, ...(suffix !== undefined ? { suffix } : {}), ...(description !== undefined ? { description } : {}) });
        return { Role: renderRole(await callerAccount(services, ctx), role) };
      },
    },
    {
      action: 'DeleteServiceLinkedRole',
      async run({ ctx, params, services }) {
        const task = await services.serviceLinkedRoles.delete(ctx, roleName(params).name);
        return { DeletionTaskId: task.id };
      },
    },
    {
      action: 'GetServiceLinkedRoleDeletionStatus',
      async run({ ctx, params, services }) {
        const task = await services.serviceLinkedRoles.deletionStatus(ctx, requiredMember(params, 'DeletionTaskId', TASK_ID));
        // AWS Status: SUCCEEDED | IN_PROGRESS | FAILED | NOT_STARTED; Reason only for FAILED
        return { Status: task.status };
      },
    },
  ];
}
