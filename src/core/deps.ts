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
 *
 * INVARIANT: a write command's success event is committed by the first `store.transaction` its work
 * runs, in that transaction (core/audit/command-audit.ts): no change without its record, no record of
 * a change that rolled back. Work that changes state outside a transaction gets its event stored
 * before this returns. Reads, refusals, failures and commands that store nothing (`storesNothing`:
 * AssumeRole) are batched by the audit sink.
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
   * role's trust policy and the caller's own policies together (issue #13); `caller-itself`: AWS
   * GetSessionToken, which needs no permission (A-TMP); `operator`: a cloud operator's domain calls
   * (issue #16), which the operator grant checked at the token's use decides.
   * `storesNothing`: a command whose action reads as a write but whose work writes nothing to the store
   * (AssumeRole mints a sealed token and keeps no row of it, as GetSessionToken does): there is no change
   * for its event to be committed with, so the event is batched as a read's is (issue #14 "reads and
   * refused calls may stay batched"), not stored on its own with a flush the answer waits for.
   */
  options: { grantedBy?: 'password-policy' | 'trust-policy' | 'caller-itself' | 'operator'; storesNothing?: boolean } = {},
): Promise<T> {
  const described = describeResource(resource);
  const audit = deps.audit;
  const pending = options.storesNothing === true || audit.isReadOnly(action) || !audit.recordsWrites ? undefined : audit.pending(ctx, action, described);
  try {
    // AWS AllowUsersToChangePassword: the account's password policy, not an identity policy, grants
    // a user its own password change; everything else asks the authorizer.
    if (options.grantedBy === undefined) await deps.authorizer.authorize(ctx, action, resource, facts);
    else await deps.authorizer.admit?.(ctx);
    if (pending === undefined) {
      const result = await work();
      audit.success(ctx, action, described);
      return result;
    }
    const result = await audit.commands.run(pending, work);
    if (!pending.isCommitted) await audit.recordNow(pending);
    return result;
  } catch (err) {
    // a change that committed has its success event; the error after it is the caller's to see
    if (!pending?.isCommitted) audit.failure(ctx, action, described, err);
    throw err;
  }
}
