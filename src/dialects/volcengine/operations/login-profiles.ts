import type { LoginProtection } from '../../../core/login-profiles/login-profile.js';
import { PlainPassword } from '../../../core/secrets.js';
import type { QueryParams } from '../../kit/query-params.js';
import { requiredUser, userOrCaller, volcOperation, type VolcOperation } from '../operation.js';
import { exemptUnit, PASSWORD, safeAuthType, zeroOrOne } from '../rules.js';
import { renderLoginProfile } from '../shapes.js';

/** CreateLoginProfile / UpdateLoginProfile parameters (Volcengine docs 6257/65012). */
const PROFILE_PARAMETERS = [
  'UserName',
  'Password',
  'LoginAllowed',
  'PasswordResetRequired',
  'SafeAuthFlag',
  'SafeAuthType',
  'SafeAuthExemptRequired',
  'SafeAuthExemptUnit',
  'SafeAuthExemptDuration',
];

/**
 * The SafeAuth* parameters as the core's login protection: SafeAuthFlag → enabled, SafeAuthType →
 * methods, SafeAuthExemptRequired (0/1), SafeAuthExemptUnit (0 minutes, 1 hours, 2 days),
 * SafeAuthExemptDuration. The core checks the duration against its unit's range.
 */
function protectionOf(params: QueryParams): Partial<LoginProtection> {
  const enabled = params.optionalBoolean('SafeAuthFlag');
  const methods = safeAuthType(params);
  const exemptRequired = zeroOrOne(params, 'SafeAuthExemptRequired');
  const unit = exemptUnit(params);
  // the widest of the three ranges; the core narrows it to the unit's (5-1440 min, 1-168 h, 1-7 d)
  const exemptDuration = params.optionalInteger('SafeAuthExemptDuration', 0, 1_000_000);
  return {
    ...(enabled !== undefined ? { enabled } : {}),
    ...(methods !== undefined ? { methods } : {}),
    ...(exemptRequired !== undefined ? { exemptRequired } : {}),
    ...(unit !== undefined ? { exemptUnit: unit } : {}),
    ...(exemptDuration !== undefined ? { exemptDuration } : {}),
  };
}

export const loginProfileOperations: VolcOperation[] = [
  volcOperation({
    action: 'CreateLoginProfile',
    source: '6257/65012',
    core: 'loginProfiles.create',
    errors: ['InvalidUserName', 'InvalidPassword', 'UserNotExist', 'LoginProfileAlreadyExist'],
    parameters: PROFILE_PARAMETERS,
    async run(call) {
      const { params, ctx, services } = call;
      const ref = requiredUser(call);
      const password = new PlainPassword(params.requiredString('Password', PASSWORD));
      // LoginAllowed / PasswordResetRequired: "默认为false"
      const loginAllowed = params.optionalBoolean('LoginAllowed') ?? false;
      const passwordResetRequired = params.optionalBoolean('PasswordResetRequired') ?? false;
      const protection = protectionOf(params);
      const profile = await services.loginProfiles.create(ctx, ref, { password, loginAllowed, passwordResetRequired, protection });
      return { LoginProfile: renderLoginProfile(profile) };
    },
  }),
  volcOperation({
    action: 'GetLoginProfile',
    source: '6257/65013',
    core: 'loginProfiles.get',
    errors: ['InvalidUserName', 'UserNotExist', 'LoginProfileNotExist'],
    parameters: ['UserName'],
    async run(call) {
      return { LoginProfile: renderLoginProfile(await call.services.loginProfiles.get(call.ctx, userOrCaller(call))) };
    },
  }),
  volcOperation({
    action: 'UpdateLoginProfile',
    source: 'Go SDK api_update_login_profile.go',
    core: 'loginProfiles.update',
    errors: ['InvalidUserName', 'InvalidPassword', 'UserNotExist', 'LoginProfileNotExist'],
    parameters: PROFILE_PARAMETERS,
    async run(call) {
      const { params, ctx, services } = call;
      const ref = requiredUser(call);
      const password = params.optionalString('Password', PASSWORD);
      const loginAllowed = params.optionalBoolean('LoginAllowed');
      const passwordResetRequired = params.optionalBoolean('PasswordResetRequired');
      const protection = protectionOf(params);
      const profile = await services.loginProfiles.update(ctx, ref, {
        protection,
        ...(password !== undefined ? { password: new PlainPassword(password) } : {}),
        ...(loginAllowed !== undefined ? { loginAllowed } : {}),
        ...(passwordResetRequired !== undefined ? { passwordResetRequired } : {}),
      });
      return { LoginProfile: renderLoginProfile(profile) };
    },
  }),
  volcOperation({
    action: 'DeleteLoginProfile',
    source: 'Go SDK api_delete_login_profile.go',
    core: 'loginProfiles.delete',
    errors: ['InvalidUserName', 'UserNotExist', 'LoginProfileNotExist'],
    parameters: ['UserName'],
    async run(call) {
      await call.services.loginProfiles.delete(call.ctx, requiredUser(call));
      return undefined;
    },
  }),
];
