import { Actions } from '../authorization/actions.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import type { LoginProtection, ProtectionMethod } from '../login-profiles/login-profile.js';
import { NoDestinationError } from '../mfa/errors.js';
import type { MfaStore, SecondFactorMethod } from '../mfa/ports.js';
import type { CallContext } from '../principal.js';
import { requireUser, userResource, type UserRef } from '../users/user-ref.js';
import type { User } from '../users/user.js';

/** One user's login protection as Huawei OS-USER login-protect shows it. */
export interface LoginProtectionView {
  userId: string;
  userName: string;
  enabled: boolean;
  /** the method a sign-in asks for (the first of the record's methods) */
  method: SecondFactorMethod | null;
  protection: LoginProtection;
}

/** The record's methods (Volcengine's words: phone, email, vmfa) in sign-in's words (sms, email, vmfa). */
export function toSecondFactorMethod(method: ProtectionMethod): SecondFactorMethod {
  return method === 'phone' ? 'sms' : method;
}

export function toProtectionMethod(method: SecondFactorMethod): ProtectionMethod {
  return method === 'sms' ? 'phone' : method;
}

/**
 * Login protection per user: one record (the login profile's protection: Volcengine SafeAuth*, Huawei
 * login_protect, Kingsoft OpenLoginProtection), so a setting made in one dialect is seen in all.
 */
export class LoginProtectionService {
  constructor(
    private readonly deps: CoreDeps,
    private readonly mfa: MfaStore,
  ) {}

  /** @throws access-denied | not-found */
  get(ctx: CallContext, ref: UserRef): Promise<LoginProtectionView> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.getLoginProtection, userResource(accountId, ref, store), async () => {
      const user = await requireUser(store, accountId, ref);
      const profile = await store.loginProfiles.find(user.id);
      if (!profile) throw new NotFoundError('login-profile', user.name);
      return viewOf(user, profile.protection);
    });
  }

  /**
   * Turns protection on with one method, or off (Huawei UpdateLoginProtect). The method needs a
   * destination: an email address, a mobile number, or an enabled virtual MFA device.
   * @throws access-denied | not-found | invalid-input
   */
  update(ctx: CallContext, ref: UserRef, input: { enabled: boolean; method?: SecondFactorMethod }): Promise<LoginProtectionView> {
    const { store, clock } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.updateLoginProtection, userResource(accountId, ref, store), async () => {
      const user = await requireUser(store, accountId, ref);
      if (input.enabled && input.method === undefined) throw new InvalidInputError('verificationMethod', 'is required to enable login protection');
      if (input.enabled && input.method !== undefined) await this.requireDestination(user, input.method);
      return store.transaction(async (tx) => {
        const current = await tx.loginProfiles.find(user.id);
        if (!current) throw new NotFoundError('login-profile', user.name);
        const methods = input.method !== undefined ? [toProtectionMethod(input.method)] : current.protection.methods;
        const protection: LoginProtection = { ...current.protection, enabled: input.enabled, methods };
        await tx.loginProfiles.update({ ...current, protection, updatedAt: clock.now() });
        return viewOf(user, protection);
      });
    });
  }

  /** Users whose login protection was ever set (Huawei ListUserLoginProtects). @throws access-denied */
  list(ctx: CallContext): Promise<LoginProtectionView[]> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listLoginProtections, { type: 'account', accountId }, async () => {
      const views: LoginProtectionView[] = [];
      let marker: string | undefined;
      do {
        const page = await store.users.list(accountId, { limit: 1000, includeRoot: true, ...(marker ? { marker } : {}) });
        for (const user of page.items) {
          const profile = await store.loginProfiles.find(user.id);
          if (profile && (profile.protection.enabled || profile.protection.methods.length > 0)) views.push(viewOf(user, profile.protection));
        }
        marker = page.nextMarker;
      } while (marker);
      return views;
    });
  }

  /** @throws invalid-input (NoDestinationError) */
  async requireDestination(user: User, method: SecondFactorMethod): Promise<void> {
    if (method === 'email' && !user.email) throw new NoDestinationError('email');
    if (method === 'sms' && !user.phone) throw new NoDestinationError('sms');
    if (method === 'vmfa' && !(await this.mfa.devices.findEnabledForUser(user.id))) throw new NoDestinationError('vmfa');
  }
}

function viewOf(user: User, protection: LoginProtection): LoginProtectionView {
  const first = protection.methods[0];
  return { userId: user.id, userName: user.name, enabled: protection.enabled, method: first === undefined ? null : toSecondFactorMethod(first), protection };
}
