import { Actions } from '../authorization/actions.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { InvalidInputError } from '../errors.js';
import type { ChangeFeed } from '../change-feed.js';
import { findPolicy, requirePolicy, viewOf, type PolicyRef, type PolicyView } from '../policies/policy-ref.js';
import type { Repositories } from '../ports.js';
import type { CallContext } from '../principal.js';
import { requireUser, userResource, type UserRef } from './user-ref.js';
import type { User } from './user.js';

/**
 * A user's permissions boundary (AWS PutUserPermissionsBoundary / DeleteUserPermissionsBoundary): a
 * managed or system policy that caps what the user's identity policies can grant. Setting or removing
 * it rewrites the user row, so the `user` change it announces drops the user's compiled policies.
 */
export class PermissionsBoundariesService {
  constructor(private readonly deps: CoreDeps) {}

  /** Sets or replaces the boundary. @throws access-denied | not-found (user, policy) | invalid-input (the root) */
  put(ctx: CallContext, user: UserRef, policy: PolicyRef): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.putUserPermissionsBoundary, userResource(accountId, user, this.deps.store), () =>
      this.deps.store.transaction(async (tx) => {
        const found = await requireUser(tx, accountId, user);
        if (found.isRoot) throw new InvalidInputError('userName', 'the account root user cannot have a permissions boundary');
        const policyId = await resolveBoundary(tx, accountId, policy);
        await tx.users.update({ ...found, permissionsBoundaryId: policyId, updatedAt: this.deps.clock.now() });
      }),
    );
  }

  /** Removes the boundary; a user without one is left as it is (AWS lists no error for it). @throws access-denied | not-found */
  delete(ctx: CallContext, user: UserRef): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.deleteUserPermissionsBoundary, userResource(accountId, user, this.deps.store), () =>
      this.deps.store.transaction(async (tx) => {
        const found = await requireUser(tx, accountId, user);
        if (found.permissionsBoundaryId === null) return;
        const cleared: User = { ...found, permissionsBoundaryId: null, updatedAt: this.deps.clock.now() };
        await tx.users.update(cleared);
      }),
    );
  }
}

/** The id of the policy a boundary names: a customer managed or a system policy of the caller's view. @throws not-found */
export async function resolveBoundary(tx: Repositories, accountId: string, policy: PolicyRef): Promise<string> {
  return (await requirePolicy(tx, accountId, policy)).policy.id;
}

const MAX_BOUNDARY_VIEWS = 10_000;

/**
 * The policy a user's boundary names, as GetUser shows it (AWS `PermissionsBoundary.PermissionsBoundaryArn`,
 * made from the policy's path and name). Remembered per policy id: a policy's name and path never
 * change, and a policy in use as a boundary cannot be deleted, so a user read with a boundary costs no
 * more reads than one without. A `policy` change (deleted, new default) drops the entry anyway.
 */
export class BoundaryPolicyViews {
  private readonly views = new Map<string, PolicyView>();

  constructor(changes: ChangeFeed) {
    changes.subscribe((change) => {
      if (change.kind === 'policy' || change.kind === 'account') this.views.clear();
    });
  }

  async get(repos: Repositories, accountId: string, policyId: string): Promise<PolicyView | undefined> {
    const key = `${accountId}/${policyId}`;
    const hit = this.views.get(key);
    if (hit) return hit;
    const resolved = await findPolicy(repos, accountId, { id: policyId });
    if (!resolved) return undefined;
    const view = viewOf(resolved, 0);
    if (this.views.size >= MAX_BOUNDARY_VIEWS) this.views.clear();
    this.views.set(key, view);
    return view;
  }
}
