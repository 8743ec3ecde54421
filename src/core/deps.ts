import type { AuditService } from './audit/audit-service.js';
import type { ChangeFeed } from './change-feed.js';
import type { IamAction } from './authorization/actions.js';
import { describeResource, type Authorizer, type RequestFacts, type ResourceRef } from './authorization/authorizer.js';
import type { Clock, IdGenerator, PasswordHasher, SecretBox, Store } from './ports.js';
import type { CallContext } from './principal.js';

/** What every core service needs; `app/` builds one and hands it to each service. */
export interface CoreDeps {
  store: Store;
  clock: Clock;
  hasher: PasswordHasher;
  secretBox: SecretBox;
  ids: IdGenerator;
  audit: AuditService;
  authorizer: Authorizer;
  changes: ChangeFeed;
}

/**
 * The shape of every core command: authorize first (so a caller who may not see a resource learns
 * nothing about it), then do the work, then leave an audit event whatever happened.
 */
export async function runCommand<T>(
  deps: CoreDeps,
  ctx: CallContext,
  action: IamAction,
  resource: ResourceRef,
  work: () => Promise<T>,
  facts?: RequestFacts,
  /**
   * `password-policy`: AWS AllowUsersToChangePassword; `trust-policy`: AssumeRole, whose work decides the
   * role's trust policy and the caller's own policies together (issue #13)
   */
  options: { grantedBy?: 'password-policy' | 'trust-policy' } = {},
): Promise<T> {
  const described = describeResource(resource);
  try {
    // AWS AllowUsersToChangePassword: the account's password policy, not an identity policy, grants
    // a user its own password change; everything else asks the authorizer.
    if (options.grantedBy === undefined) await deps.authorizer.authorize(ctx, action, resource, facts);
    else await deps.authorizer.admit?.(ctx);
    const result = await work();
    deps.audit.success(ctx, action, described);
    return result;
  } catch (err) {
    deps.audit.failure(ctx, action, described, err);
    throw err;
  }
}
