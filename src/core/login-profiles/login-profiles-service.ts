import { Actions } from '../authorization/actions.js';
import { hashNewPassword } from '../credentials/password-setter.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import { loadPasswordPolicy } from '../password-policy/password-policy-service.js';
import type { CallContext } from '../principal.js';
import type { PlainPassword } from '../secrets.js';
import { requireUser, userResource, type UserRef } from '../users/user-ref.js';
import { DEFAULT_PROTECTION, EXEMPT_DURATION_RANGE, newLoginProfile, type LoginProfile, type LoginProfileView, type LoginProtection } from './login-profile.js';
import { toView } from './login-profile-view.js';

export interface CreateLoginProfileInput {
  password: PlainPassword;
  passwordResetRequired: boolean;
  /** Volcengine LoginAllowed; the other clouds allow console login whenever a profile exists */
  loginAllowed?: boolean;
  protection?: Partial<LoginProtection>;
}

export interface UpdateLoginProfileInput {
  password?: PlainPassword;
  passwordResetRequired?: boolean;
  loginAllowed?: boolean;
  protection?: Partial<LoginProtection>;
}

/** Console passwords of users: create, read, update, delete, unlock. */
export class LoginProfilesService {
  constructor(private readonly deps: CoreDeps) {}

  /** @throws access-denied | not-found | already-exists | password-policy | invalid-input */
  create(ctx: CallContext, ref: UserRef, input: CreateLoginProfileInput): Promise<LoginProfileView> {
    const { store, clock, hasher } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.createLoginProfile, userResource(accountId, ref, store), async () => {
      const user = await requireUser(store, accountId, ref);
      const protection = mergeProtection(DEFAULT_PROTECTION, input.protection);
      const policy = await loadPasswordPolicy(store, accountId);
      const hash = await hashNewPassword(hasher, store, policy, null, user.name, input.password);
      const now = clock.now();
      const profile = newLoginProfile({
        userId: user.id,
        accountId,
        passwordHash: hash,
        passwordResetRequired: input.passwordResetRequired,
        loginAllowed: input.loginAllowed ?? true,
        protection,
        now,
      });
      // INVARIANT: the primary key on user_id decides between concurrent creates: one wins, the rest
      // get already-exists, and the history row is written in the same transaction as the winner.
      await store.transaction(async (tx) => {
        if (!(await tx.users.findById(accountId, user.id))) throw new NotFoundError('user', user.id);
        await tx.loginProfiles.create(profile);
        await tx.loginProfiles.addPasswordHistory(user.id, hash, now);
      });
      return toView(profile, policy, now, user);
    });
  }

  /** @throws access-denied | not-found */
  get(ctx: CallContext, ref: UserRef): Promise<LoginProfileView> {
    const { store, clock } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.getLoginProfile, userResource(accountId, ref, store), async () => {
      const user = await requireUser(store, accountId, ref);
      const profile = await store.loginProfiles.find(user.id);
      if (!profile) throw new NotFoundError('login-profile', user.name);
      return toView(profile, await loadPasswordPolicy(store, accountId), clock.now(), user);
    });
  }

  /** An admin resetting a password: policy and reuse apply. @throws access-denied | not-found | password-policy | invalid-input */
  update(ctx: CallContext, ref: UserRef, input: UpdateLoginProfileInput): Promise<LoginProfileView> {
    const { store, clock, hasher } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.updateLoginProfile, userResource(accountId, ref, store), async () => {
      const user = await requireUser(store, accountId, ref);
      const existing = await store.loginProfiles.find(user.id);
      if (!existing) throw new NotFoundError('login-profile', user.name);
      const protection = mergeProtection(existing.protection, input.protection);
      const policy = await loadPasswordPolicy(store, accountId);
      const hash = input.password ? await hashNewPassword(hasher, store, policy, user.id, user.name, input.password) : null;
      const now = clock.now();
      const view = await store.transaction(async (tx) => {
        // re-read inside the transaction so a concurrent delete or sign-in is not overwritten
        const current = await tx.loginProfiles.find(user.id);
        if (!current) throw new NotFoundError('login-profile', user.name);
        const updated: LoginProfile = {
          ...current,
          passwordHash: hash ?? current.passwordHash,
          passwordChangedAt: hash ? now : current.passwordChangedAt,
          passwordResetRequired: input.passwordResetRequired ?? current.passwordResetRequired,
          loginAllowed: input.loginAllowed ?? current.loginAllowed,
          protection,
          updatedAt: now,
        };
        await tx.loginProfiles.update(updated);
        if (hash) await tx.loginProfiles.addPasswordHistory(user.id, hash, now);
        return toView(updated, policy, now, user);
      });
      // a new password ends the user's tokens and sessions on every node
      if (hash) this.deps.changes.emit({ kind: 'user', id: user.id });
      return view;
    });
  }

  /** @throws access-denied | not-found */
  delete(ctx: CallContext, ref: UserRef): Promise<void> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.deleteLoginProfile, userResource(accountId, ref, store), async () => {
      const user = await requireUser(store, accountId, ref);
      if (user.isRoot) throw new InvalidInputError('userId', 'the root user\'s login profile cannot be deleted');
      await store.transaction(async (tx) => {
        if (!(await tx.loginProfiles.delete(user.id))) throw new NotFoundError('login-profile', user.name);
      });
      this.deps.changes.emit({ kind: 'user', id: user.id });
    });
  }

  /** Clears a lockout before it ends. @throws access-denied | not-found */
  unlock(ctx: CallContext, ref: UserRef): Promise<void> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.unlockLoginProfile, userResource(accountId, ref, store), async () => {
      const user = await requireUser(store, accountId, ref);
      if (!(await store.loginProfiles.find(user.id))) throw new NotFoundError('login-profile', user.name);
      await store.transaction((tx) => tx.loginProfiles.unlock(user.id));
    });
  }
}

/** @throws invalid-input when the exemption window is outside its unit's range */
function mergeProtection(base: LoginProtection, changes: Partial<LoginProtection> | undefined): LoginProtection {
  const merged: LoginProtection = { ...base, ...Object.fromEntries(Object.entries(changes ?? {}).filter(([, v]) => v !== undefined)) };
  const [min, max] = EXEMPT_DURATION_RANGE[merged.exemptUnit];
  if (!Number.isInteger(merged.exemptDuration) || merged.exemptDuration < min || merged.exemptDuration > max) {
    throw new InvalidInputError('exemptDuration', `must be from ${min} to ${max} ${merged.exemptUnit}`);
  }
  if (merged.enabled && merged.methods.length === 0) {
    throw new InvalidInputError('protectionMethods', 'login protection needs at least one of phone, email, vmfa');
  }
  merged.methods = [...new Set(merged.methods)];
  return merged;
}
