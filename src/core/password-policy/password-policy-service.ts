import { Actions } from '../authorization/actions.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import type { Repositories } from '../ports.js';
import type { CallContext } from '../principal.js';
import { DEFAULT_PASSWORD_POLICY, POLICY_BOUNDS, type PasswordPolicy, type PasswordPolicySettings } from './password-policy.js';

const DEFAULT_POLICY: PasswordPolicy = Object.freeze({ ...DEFAULT_PASSWORD_POLICY, isCustom: false });
/** the policy made from each stored row the read cache hands out (rows are frozen and shared), made once */
const customPolicies = new WeakMap<PasswordPolicySettings, PasswordPolicy>();

/** Reads the account's policy, or the defaults when none was set. The result is frozen: copy to change. */
export async function loadPasswordPolicy(repos: Repositories, accountId: string): Promise<PasswordPolicy> {
  const stored = await repos.passwordPolicies.find(accountId);
  if (!stored) return DEFAULT_POLICY;
  let policy = customPolicies.get(stored);
  if (!policy) customPolicies.set(stored, (policy = Object.freeze({ ...stored, isCustom: true })));
  return policy;
}

/** Per-account password policy: get, update (partial), reset to defaults. */
export class PasswordPolicyService {
  constructor(private readonly deps: CoreDeps) {}

  /** @throws access-denied */
  get(ctx: CallContext): Promise<PasswordPolicy> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.getPasswordPolicy, { type: 'account', accountId }, () =>
      loadPasswordPolicy(this.deps.store, accountId),
    );
  }

  /**
   * Applies the given fields over the current policy. `base: 'defaults'` starts from the defaults
   * instead, as AWS UpdateAccountPasswordPolicy does (omitted fields revert to their defaults).
   * @throws access-denied | invalid-input
   */
  update(ctx: CallContext, changes: Partial<PasswordPolicySettings>, base: 'current' | 'defaults' = 'current'): Promise<PasswordPolicy> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.updatePasswordPolicy, { type: 'account', accountId }, () =>
      this.deps.store.transaction(async (tx) => {
        const current = base === 'defaults' ? DEFAULT_PASSWORD_POLICY : settingsOf(await loadPasswordPolicy(tx, accountId));
        const next: PasswordPolicySettings = { ...current, ...definedOnly(changes) };
        validate(next);
        await tx.passwordPolicies.put(accountId, next);
        return { ...next, isCustom: true };
      }),
    );
  }

  /** Back to the defaults (AWS DeleteAccountPasswordPolicy). @throws access-denied | not-found */
  reset(ctx: CallContext): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.deletePasswordPolicy, { type: 'account', accountId }, async () => {
      await this.deps.store.transaction(async (tx) => {
        if (!(await tx.passwordPolicies.delete(accountId))) throw new NotFoundError('password-policy', accountId);
      });
    });
  }
}

function settingsOf({ isCustom: _isCustom, ...settings }: PasswordPolicy): PasswordPolicySettings {
  return settings;
}

function definedOnly<T extends object>(changes: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function validate(policy: PasswordPolicySettings): void {
  for (const [field, [min, max]] of Object.entries(POLICY_BOUNDS)) {
    const value = policy[field as keyof typeof POLICY_BOUNDS];
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new InvalidInputError(field, `must be an integer from ${min} to ${max}`);
    }
  }
  if (policy.minimumLength > policy.maximumLength) {
    throw new InvalidInputError('minimumLength', `must not exceed the maximum length ${policy.maximumLength}`);
  }
}
