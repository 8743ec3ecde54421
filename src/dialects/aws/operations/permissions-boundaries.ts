import type { QueryOperation } from '../../kit/query-dialect.js';
import { callerAccount, targetUser, type AwsFamilyFlavor } from '../../kit/aws-family/flavor.js';
import { requiredMember } from '../../kit/aws-family/params.js';
import { ARN } from '../../kit/aws-family/policy-arns.js';
import { roleName } from './roles.js';

/**
 * PutUserPermissionsBoundary (UserName, PermissionsBoundary: a managed policy's ARN) and
 * DeleteUserPermissionsBoundary (UserName), IAM API reference; neither has output. The role forms take
 * RoleName.
 */
export function permissionsBoundaryOperations(flavor: AwsFamilyFlavor): QueryOperation[] {
  return [
    {
      action: 'PutUserPermissionsBoundary',
      async run({ ctx, params, services }) {
        const user = targetUser(params, ctx, flavor.userNameRef, { required: true });
        const arn = requiredMember(params, 'PermissionsBoundary', ARN);
        const account = await callerAccount(services, ctx);
        await services.permissionsBoundaries.put(ctx, user, flavor.parsePolicyArn(account, arn));
        return undefined;
      },
    },
    {
      action: 'DeleteUserPermissionsBoundary',
      async run({ ctx, params, services }) {
        await services.permissionsBoundaries.delete(ctx, targetUser(params, ctx, flavor.userNameRef, { required: true }));
        return undefined;
      },
    },
    {
      // PutRolePermissionsBoundary (RoleName, PermissionsBoundary); no output
      action: 'PutRolePermissionsBoundary',
      async run({ ctx, params, services }) {
        const role = roleName(params);
        const arn = requiredMember(params, 'PermissionsBoundary', ARN);
        const account = await callerAccount(services, ctx);
        await services.roleBoundaries.put(ctx, role, flavor.parsePolicyArn(account, arn));
        return undefined;
      },
    },
    {
      action: 'DeleteRolePermissionsBoundary',
      async run({ ctx, params, services }) {
        await services.roleBoundaries.delete(ctx, roleName(params));
        return undefined;
      },
    },
  ];
}
