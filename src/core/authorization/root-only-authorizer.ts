import { AccessDeniedError } from '../errors.js';
import type { CallContext } from '../principal.js';
import type { IamAction } from './actions.js';
import { describeResource, type Authorizer, type ResourceRef } from './authorizer.js';

/**
 * The foundation's authorization: the account root may do everything in its own account, an IAM user
 * nothing. The policy engine replaces it behind the same `Authorizer` seam.
 */
export class RootOnlyAuthorizer implements Authorizer {
  async authorize(ctx: CallContext, action: IamAction, resource: ResourceRef): Promise<void> {
    // INVARIANT: nothing crosses accounts, whoever asks.
    if (resource.accountId !== ctx.principal.accountId) {
      throw new AccessDeniedError(action, describeResource(resource), 'not-allowed');
    }
    if (!ctx.principal.isRoot) throw new AccessDeniedError(action, describeResource(resource), 'implicit-deny');
  }
}
