import { Actions } from '../authorization/actions.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { InvalidInputError } from '../errors.js';
import type { MfaStore } from '../mfa/ports.js';
import { loadPasswordPolicy } from '../password-policy/password-policy-service.js';
import type { CallContext } from '../principal.js';
import { CUSTOM_MESSAGE_FORBIDDEN, CUSTOM_MESSAGE_MAX, effectiveLoginPolicy, LOGIN_POLICY_BOUNDS, type LoginPolicy, type LoginPolicySettings } from './login-policy.js';

/** The account login policy (Huawei OS-SECURITYPOLICY login-policy, v5 /v5/login-policy). */
export class LoginPolicyService {
  constructor(
    private readonly deps: CoreDeps,
    private readonly mfa: MfaStore,
  ) {}

  /** the policy in force, without authorization: for sign-in */
  async current(accountId: string): Promise<LoginPolicy> {
    return effectiveLoginPolicy(await this.mfa.findLoginPolicy(accountId), await loadPasswordPolicy(this.deps.store.fresh, accountId));
  }

  /** @throws access-denied */
  get(ctx: CallContext): Promise<LoginPolicy> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.getLoginPolicy, { type: 'account', accountId }, () => this.current(accountId));
  }

  /**
   * Applies the given fields over the current policy. The lockout fields are the password policy's
   * (one value, whichever dialect sets it), written in the same transaction as nothing else would
   * read a half of them.
   * @throws access-denied | invalid-input
   */
  update(ctx: CallContext, changes: Partial<LoginPolicySettings>): Promise<LoginPolicy> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.updateLoginPolicy, { type: 'account', accountId }, async () => {
      const current = await this.current(accountId);
      const { isCustom: _custom, ...base } = current;
      const next: LoginPolicySettings = { ...base, ...definedOnly(changes) };
      validate(next);
      await this.deps.store.transaction(async (tx) => {
        const password = await loadPasswordPolicy(tx, accountId);
        if (password.lockoutThreshold !== next.lockoutThreshold || password.lockoutMinutes !== next.lockoutMinutes) {
          const { isCustom: _c, ...settings } = password;
          await tx.passwordPolicies.put(accountId, { ...settings, lockoutThreshold: next.lockoutThreshold, lockoutMinutes: next.lockoutMinutes });
        }
      });
      await this.mfa.putLoginPolicy(accountId, next, this.deps.clock.now());
      return { ...next, isCustom: true };
    });
  }
}

function definedOnly<T extends object>(changes: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function validate(policy: LoginPolicySettings): void {
  for (const [field, [min, max]] of Object.entries(LOGIN_POLICY_BOUNDS)) {
    const value = policy[field as keyof typeof LOGIN_POLICY_BOUNDS];
    if (!Number.isInteger(value) || value < min || value > max) throw new InvalidInputError(field, `must be an integer from ${min} to ${max}`);
  }
  if ([...policy.customSignInMessage].length > CUSTOM_MESSAGE_MAX) throw new InvalidInputError('customSignInMessage', `must be at most ${CUSTOM_MESSAGE_MAX} characters`);
  if (CUSTOM_MESSAGE_FORBIDDEN.test(policy.customSignInMessage)) throw new InvalidInputError('customSignInMessage', 'must not contain any of @#%&<>\\$^*');
}
