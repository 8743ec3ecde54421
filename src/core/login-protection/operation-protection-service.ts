import { Actions } from '../authorization/actions.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import type { MfaStore, OperationProtection } from '../mfa/ports.js';
import type { CallContext } from '../principal.js';
import { requireUser, userResource, type UserRef } from '../users/user-ref.js';
import type { User } from '../users/user.js';

/** Volcengine SetSecurityConfig SafeAuthExemptDuration: 5-30 minutes, 10 by default */
export const OPERATION_EXEMPT_RANGE = [5, 30] as const;
export const DEFAULT_OPERATION_EXEMPT_MINUTES = 10;

/**
 * Operation protection per user: a second factor before sensitive operations (Volcengine
 * SecurityConfig, Kingsoft OpenSecurityProtection). Kept and served; polyiam's own operations do not
 * ask for it yet (TODO(#11): enforcement belongs with the console's sensitive actions).
 */
export class OperationProtectionService {
  constructor(
    private readonly deps: CoreDeps,
    private readonly mfa: MfaStore,
  ) {}

  /** @throws access-denied | not-found (user, or no record: Volcengine SecurityConfigNotExist) */
  get(ctx: CallContext, ref: UserRef): Promise<{ user: User; protection: OperationProtection }> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.getOperationProtection, userResource(accountId, ref, store), async () => {
      const user = await requireUser(store, accountId, ref);
      const protection = await this.mfa.findOperationProtection(user.id);
      if (!protection) throw new NotFoundError('operation-protection', user.name);
      return { user, protection };
    });
  }

  /** Applies the given fields over the user's record (or the defaults). @throws access-denied | not-found | invalid-input */
  set(ctx: CallContext, ref: UserRef, changes: Partial<OperationProtection>): Promise<OperationProtection> {
    const { store, clock } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.updateOperationProtection, userResource(accountId, ref, store), async () => {
      const user = await requireUser(store, accountId, ref);
      const current = (await this.mfa.findOperationProtection(user.id)) ?? { enabled: true, methods: [], exemptMinutes: DEFAULT_OPERATION_EXEMPT_MINUTES };
      const next: OperationProtection = {
        enabled: changes.enabled ?? current.enabled,
        methods: changes.methods ?? current.methods,
        exemptMinutes: changes.exemptMinutes ?? current.exemptMinutes,
      };
      const [min, max] = OPERATION_EXEMPT_RANGE;
      if (!Number.isInteger(next.exemptMinutes) || next.exemptMinutes < min || next.exemptMinutes > max) {
        throw new InvalidInputError('exemptDuration', `must be from ${min} to ${max} minutes`);
      }
      await this.mfa.putOperationProtection(user.id, next, clock.now());
      return next;
    });
  }
}
