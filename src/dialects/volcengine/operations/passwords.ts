import type { PasswordPolicySettings } from '../../../core/password-policy/password-policy.js';
import { PlainPassword } from '../../../core/secrets.js';
import { volcOperation, type VolcOperation } from '../operation.js';
import { PASSWORD, POLICY_BOOLEAN_FIELDS, POLICY_INTEGER_FIELDS } from '../rules.js';
import { renderPasswordPolicy } from '../shapes.js';

/**
 * polyiam extensions. Volcengine's IAM API (2018-01-01) publishes no action for a user's own password
 * change nor for the account password policy: its GetSecurityConfig / SetSecurityConfig set a user's
 * operation protection, not a password policy. These follow Volcengine's conventions (Action/Version,
 * the ResponseMetadata envelope) with AWS-style parameter names; COVERAGE.md lists them as extensions.
 */

export const passwordOperations: VolcOperation[] = [
  volcOperation({
    action: 'ChangePassword',
    source: 'extension',
    core: 'credentials.changePassword',
    errors: ['InvalidPassword', 'PasswordNotMatch', 'LoginProfileNotExist', 'PreconditionFailed'],
    parameters: ['OldPassword', 'NewPassword'],
    async run(call) {
      const { params, ctx, services } = call;
      const oldPassword = new PlainPassword(params.requiredString('OldPassword', PASSWORD));
      const newPassword = new PlainPassword(params.requiredString('NewPassword', PASSWORD));
      await services.credentials.changePassword(ctx, oldPassword, newPassword);
      return undefined;
    },
  }),
  volcOperation({
    action: 'GetPasswordPolicy',
    source: 'extension',
    core: 'passwordPolicy.get',
    errors: [],
    parameters: [],
    async run(call) {
      return { PasswordPolicy: renderPasswordPolicy(await call.services.passwordPolicy.get(call.ctx)) };
    },
  }),
  volcOperation({
    action: 'UpdatePasswordPolicy',
    source: 'extension',
    core: 'passwordPolicy.update (partial)',
    errors: [],
    parameters: [...Object.keys(POLICY_INTEGER_FIELDS), ...Object.keys(POLICY_BOOLEAN_FIELDS), 'AllowUserNameInPassword'],
    async run(call) {
      const { params, ctx, services } = call;
      const changes: Partial<PasswordPolicySettings> = {};
      for (const [wire, field] of Object.entries(POLICY_INTEGER_FIELDS)) {
        const value = params.optionalInteger(wire, 0, 100_000);
        if (value !== undefined) changes[field] = value;
      }
      for (const [wire, field] of Object.entries(POLICY_BOOLEAN_FIELDS)) {
        const value = params.optionalBoolean(wire);
        if (value !== undefined) changes[field] = value;
      }
      const allowUserName = params.optionalBoolean('AllowUserNameInPassword');
      if (allowUserName !== undefined) changes.notUserNameOrReversed = !allowUserName;
      // only the parameters given change; the rest keep their current values
      return { PasswordPolicy: renderPasswordPolicy(await services.passwordPolicy.update(ctx, changes, 'current')) };
    },
  }),
];
