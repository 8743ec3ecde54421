import type { PasswordPolicy, PasswordPolicySettings } from '../../../../core/password-policy/password-policy.js';
import { isIamError, NotFoundError } from '../../../../core/errors.js';
import type { QueryOperation } from '../../query-dialect.js';
import { callerAccount, flagOptions, type AwsFamilyFlavor } from '../flavor.js';
import { optionalFlag, optionalInteger } from '../params.js';

/** GetAccountPasswordPolicy, UpdateAccountPasswordPolicy, DeleteAccountPasswordPolicy (AWS IAM API reference). */
export function passwordPolicyOperations(flavor: AwsFamilyFlavor): QueryOperation[] {
  return [
    {
      action: 'GetAccountPasswordPolicy',
      async run({ ctx, services }) {
        const policy = await services.passwordPolicy.get(ctx);
        // AWS: an account that never set a policy has none to show (NoSuchEntity), whatever applies by default
        if (!policy.isCustom) throw new NotFoundError('password-policy', flavor.accountNumber(await callerAccount(services, ctx)));
        return { PasswordPolicy: renderPasswordPolicy(policy) };
      },
    },
    {
      action: 'UpdateAccountPasswordPolicy',
      async run({ ctx, params, services }) {
        const flags = flagOptions(flavor);
        const flag = (name: string) => optionalFlag(params, name, flags) ?? false;
        // AWS UpdateAccountPasswordPolicy: "If you do not specify a value for this parameter, then the
        // operation uses the default value": length 6, every flag false, no expiry, no reuse prevention
        const settings: Partial<PasswordPolicySettings> = {
          minimumLength: optionalInteger(params, 'MinimumPasswordLength', 6, 128) ?? 6,
          requireSymbols: flag('RequireSymbols'),
          requireNumbers: flag('RequireNumbers'),
          requireUppercase: flag('RequireUppercaseCharacters'),
          requireLowercase: flag('RequireLowercaseCharacters'),
          allowUsersToChangePassword: flag('AllowUsersToChangePassword'),
          maxAgeDays: optionalInteger(params, 'MaxPasswordAge', 1, 1095) ?? 0,
          reusePrevention: optionalInteger(params, 'PasswordReusePrevention', 1, 24) ?? 0,
          hardExpiry: flag('HardExpiry'),
          // The policy becomes exactly what AWS describes: the rules AWS has no field for are turned off
          // (AWS passwords are up to 128 characters). Lockout is login policy, not password policy: kept.
          maximumLength: 128,
          minimumCharClasses: 0,
          notUserNameOrReversed: false,
          maxConsecutiveIdenticalChars: 0,
          minimumAgeMinutes: 0,
        };
        await services.passwordPolicy.update(ctx, settings, 'current');
        return undefined;
      },
    },
    {
      action: 'DeleteAccountPasswordPolicy',
      async run({ ctx, services }) {
        try {
          await services.passwordPolicy.reset(ctx);
        } catch (err) {
          // the core names the account by its id; the vendor message names it by its account number
          if (isIamError(err) && err.kind === 'not-found') throw new NotFoundError('password-policy', flavor.accountNumber(await callerAccount(services, ctx)));
          throw err;
        }
        return undefined;
      },
    },
  ];
}

/** AWS PasswordPolicy: MaxPasswordAge and PasswordReusePrevention are present only when set. */
export function renderPasswordPolicy(policy: PasswordPolicy): Record<string, unknown> {
  return {
    MinimumPasswordLength: policy.minimumLength,
    RequireSymbols: policy.requireSymbols,
    RequireNumbers: policy.requireNumbers,
    RequireUppercaseCharacters: policy.requireUppercase,
    RequireLowercaseCharacters: policy.requireLowercase,
    AllowUsersToChangePassword: policy.allowUsersToChangePassword,
    ExpirePasswords: policy.maxAgeDays > 0,
    MaxPasswordAge: policy.maxAgeDays > 0 ? policy.maxAgeDays : undefined,
    PasswordReusePrevention: policy.reusePrevention > 0 ? policy.reusePrevention : undefined,
    HardExpiry: policy.hardExpiry,
  };
}
