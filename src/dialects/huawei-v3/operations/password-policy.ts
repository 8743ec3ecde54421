import { Actions } from '../../../core/authorization/actions.js';
import type { PasswordPolicySettings } from '../../../core/password-policy/password-policy.js';
import { passwordRequirements } from '../../kit/huawei-password-policy.js';
import { JsonFields, parseJsonBody } from '../../kit/json-fields.js';
import { callerOf, type V3Operation } from '../operation.js';
import { pathId, requireOwnDomain } from '../rules.js';

/**
 * PasswordPolicyOption (iam_17_0003, UpdateDomainPasswordPolicy), every field optional, with the ranges
 * of the current docs (minimum length 8-32, reuse 0-24, character classes 2-4), mapped onto the same
 * core settings v5's UpdatePasswordPolicyV5 and AWS UpdateAccountPasswordPolicy change.
 */
const INTEGER_FIELDS = [
  ['maximum_consecutive_identical_chars', 'maxConsecutiveIdenticalChars', 0, 32],
  ['minimum_password_age', 'minimumAgeMinutes', 0, 1440],
  ['minimum_password_length', 'minimumLength', 8, 32],
  ['number_of_recent_passwords_disallowed', 'reusePrevention', 0, 24],
  ['password_validity_period', 'maxAgeDays', 0, 180],
  ['password_char_combination', 'minimumCharClasses', 2, 4],
] as const satisfies ReadonlyArray<readonly [string, keyof PasswordPolicySettings, number, number]>;

/** PasswordPolicyResult: the settings plus the response-only `maximum_password_length` and `password_requirements` */
function renderPasswordPolicy(policy: PasswordPolicySettings) {
  return {
    maximum_consecutive_identical_chars: policy.maxConsecutiveIdenticalChars,
    maximum_password_length: policy.maximumLength,
    minimum_password_age: policy.minimumAgeMinutes,
    minimum_password_length: policy.minimumLength,
    number_of_recent_passwords_disallowed: policy.reusePrevention,
    password_not_username_or_invert: policy.notUserNameOrReversed,
    password_requirements: passwordRequirements(policy),
    password_validity_period: policy.maxAgeDays,
    password_char_combination: policy.minimumCharClasses,
  };
}

/**
 * Huawei IAM v3.0 ShowDomainPasswordPolicy / UpdateDomainPasswordPolicy (`/v3.0/OS-SECURITYPOLICY/
 * domains/{domain_id}/password-policy`, iam_17_0005 / iam_17_0003): the account's one password policy,
 * the one every sign-in and password change of every dialect checks.
 */
export const passwordPolicyOperations: V3Operation[] = [
  {
    name: 'showDomainPasswordPolicy',
    method: 'GET',
    url: '/OS-SECURITYPOLICY/domains/:domain_id/password-policy',
    access: 'required',
    async run(call) {
      requireOwnDomain(call, pathId(call, 'domain_id'), Actions.getPasswordPolicy);
      return { status: 200, body: { password_policy: renderPasswordPolicy(await call.services.passwordPolicy.get(callerOf(call))) } };
    },
  },
  {
    name: 'updateDomainPasswordPolicy',
    method: 'PUT',
    url: '/OS-SECURITYPOLICY/domains/:domain_id/password-policy',
    access: 'required',
    async run(call) {
      requireOwnDomain(call, pathId(call, 'domain_id'), Actions.updatePasswordPolicy);
      const policy = JsonFields.of(parseJsonBody(call.body)).onlyKnown(['password_policy']).requiredObject('password_policy');
      policy.onlyKnown([...INTEGER_FIELDS.map((f) => f[0]), 'password_not_username_or_invert']);
      const changes: Partial<PasswordPolicySettings> = {};
      for (const [wire, setting, min, max] of INTEGER_FIELDS) {
        const value = policy.optionalInteger(wire, min, max);
        if (value !== undefined) changes[setting] = value;
      }
      const notUserName = policy.optionalBoolean('password_not_username_or_invert');
      if (notUserName !== undefined) changes.notUserNameOrReversed = notUserName;
      return { status: 200, body: { password_policy: renderPasswordPolicy(await call.services.passwordPolicy.update(callerOf(call), changes)) } };
    },
  },
];
