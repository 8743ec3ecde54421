import type { QueryOperation } from '../../query-dialect.js';
import { targetUser, type AwsFamilyFlavor } from '../flavor.js';

/**
 * DeleteUser: AWS "you must delete the items attached to the user manually" (password, access keys,
 * group memberships, policies...), so anything still attached is a DeleteConflict, never a cascade.
 */
export function deleteUserOperation(flavor: AwsFamilyFlavor): QueryOperation {
  return {
    action: 'DeleteUser',
    async run({ ctx, params, services }) {
      await services.users.delete(ctx, targetUser(params, ctx, flavor.userNameRef, { required: true }), { cascade: false });
      return undefined;
    },
  };
}
