import type { PasswordPolicySettings } from '../../../core/password-policy/password-policy.js';
import { PlainPassword } from '../../../core/secrets.js';
import { JsonFields, parseJsonBody } from '../../kit/json-fields.js';
import type { V5Operation } from '../operation.js';
import { PASSWORD } from '../rules.js';
import { renderPasswordPolicy } from '../shapes.js';

/**
 * UpdatePasswordPolicyReqBody: every field optional, flat, with the v5 ranges (api-iam5
 * UpdatePasswordPolicyV5), mapped onto the core's settings. `maximum_password_length` and
 * `password_requirements` are response-only and refused here.
 */
const INTEGER_FIELDS = [
  ['maximum_consecutive_identical_chars', 'maxConsecutiveIdenticalChars', 0, 32],
  ['minimum_password_age', 'minimumAgeMinutes', 0, 1440],
  ['minimum_password_length', 'minimumLength', 8, 32],
  ['password_reuse_prevention', 'reusePrevention', 0, 24],
  ['password_validity_period', 'maxAgeDays', 0, 180],
  ['password_char_combination', 'minimumCharClasses', 2, 4],
] as const satisfies ReadonlyArray<readonly [string, keyof PasswordPolicySettings, number, number]>;

const BOOLEAN_FIELDS = [
  ['password_not_username_or_invert', 'notUserNameOrReversed'],
  ['allow_user_to_change_password', 'allowUsersToChangePassword'],
] as const satisfies ReadonlyArray<readonly [string, keyof PasswordPolicySettings]>;

export const passwordOperations: V5Operation[] = [
  {
    name: 'changePasswordV5',
    method: 'POST',
    url: '/caller-password',
    status: 200,
    core: 'credentials.changePassword',
    errors: ['missing', 'invalid', 'malformedBody', 'passwordPolicy', 'denied', 'notFound'],
    async run({ ctx, body, services }) {
      // ChangePasswordReqBody: new_password and old_password, both required; acts on the caller
      const input = JsonFields.of(parseJsonBody(body)).onlyKnown(['new_password', 'old_password']);
      const newPassword = new PlainPassword(input.requiredString('new_password', PASSWORD));
      const oldPassword = new PlainPassword(input.requiredString('old_password', PASSWORD));
      await services.credentials.changePassword(ctx, oldPassword, newPassword);
      // api-iam5 ChangePasswordV5: 200 with no response body
      return undefined;
    },
  },
  {
    name: 'showPasswordPolicyV5',
    method: 'GET',
    url: '/password-policy',
    status: 200,
    core: 'passwordPolicy.get',
    errors: ['denied'],
    async run({ ctx, services }) {
      return { password_policy: renderPasswordPolicy(await services.passwordPolicy.get(ctx)) };
    },
  },
  {
    name: 'updatePasswordPolicyV5',
    method: 'PUT',
    url: '/password-policy',
    status: 200,
    core: 'passwordPolicy.update',
    errors: ['invalid', 'malformedBody', 'denied'],
    async run({ ctx, body, services }) {
      const input = JsonFields.of(parseJsonBody(body)).onlyKnown([...INTEGER_FIELDS.map((f) => f[0]), ...BOOLEAN_FIELDS.map((f) => f[0])]);
      const changes: Partial<PasswordPolicySettings> = {};
      for (const [wire, setting, min, max] of INTEGER_FIELDS) {
        const value = input.optionalInteger(wire, min, max);
        if (value !== undefined) changes[setting] = value;
      }
      for (const [wire, setting] of BOOLEAN_FIELDS) {
        const value = input.optionalBoolean(wire);
        if (value !== undefined) changes[setting] = value;
      }
      return { password_policy: renderPasswordPolicy(await services.passwordPolicy.update(ctx, changes)) };
    },
  },
];
