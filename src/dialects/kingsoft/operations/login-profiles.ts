import type { DialectServices } from '../../../front/services.js';
import type { LoginProfileView, LoginProtection } from '../../../core/login-profiles/login-profile.js';
import { isIamError } from '../../../core/errors.js';
import type { CallContext } from '../../../core/principal.js';
import { PlainPassword } from '../../../core/secrets.js';
import type { UserRef } from '../../../core/users/user-ref.js';
import type { QueryOperation } from '../../kit/query-dialect.js';
import type { QueryParams } from '../../kit/query-params.js';
import { flagOptions, targetUser, type AwsFamilyFlavor } from '../../kit/aws-family/flavor.js';
import { optionalFlag, optionalMember, requiredMember } from '../../kit/aws-family/params.js';
import { renderLoginProfile } from '../shapes.js';

/** the login-profile actions this file serves for Kingsoft in place of the AWS-family ones */
export const KINGSOFT_LOGIN_PROFILE_ACTIONS = new Set(['CreateLoginProfile', 'GetLoginProfile', 'UpdateLoginProfile']);

/**
 * Kingsoft's two switches (Go SDK iam/v20151101 UpdateLoginProfileRequest, CreateUserRequest;
 * login-protection.md §5): `OpenLoginProtection` asks for an MFA code at console sign-in, the core's
 * login protection with method vmfa; `OpenSecurityProtection` asks for one before sensitive
 * operations, the core's operation protection. Both are the records Huawei's login_protect and
 * Volcengine's SafeAuth* / SecurityConfig read and write.
 */
function switchesOf(params: QueryParams, flavor: AwsFamilyFlavor): { login?: boolean; security?: boolean } {
  const login = optionalFlag(params, 'OpenLoginProtection', flagOptions(flavor));
  const security = optionalFlag(params, 'OpenSecurityProtection', flagOptions(flavor));
  return { ...(login !== undefined ? { login } : {}), ...(security !== undefined ? { security } : {}) };
}

/** Kingsoft's login protection is a virtual MFA device: on means vmfa (the user binds a device to pass it). */
function loginProtectionOf(login: boolean | undefined): Partial<LoginProtection> | undefined {
  if (login === undefined) return undefined;
  return login ? { enabled: true, methods: ['vmfa'] } : { enabled: false };
}

/**
 * Whether operation protection is on for the user; no record is off. Authorized as the vendor's
 * GetLoginProfile (action-names.ts maps getOperationProtection to it for Kingsoft).
 */
async function securityProtection(services: DialectServices, ctx: CallContext, ref: UserRef): Promise<boolean> {
  try {
    return (await services.operationProtection.get(ctx, ref)).protection.enabled;
  } catch (err) {
    if (isIamError(err) && err.kind === 'not-found' && err.entity === 'operation-protection') return false;
    throw err;
  }
}

/**
 * The switch of operation protection, after the login profile was written: authorized as the same
 * vendor action (UpdateLoginProfile), so a caller allowed the first write is allowed this one.
 */
async function setSecurityProtection(services: DialectServices, ctx: CallContext, ref: UserRef, on: boolean): Promise<void> {
  await services.operationProtection.set(ctx, ref, { enabled: on, methods: ['vmfa'] });
}

const flag = (on: boolean) => (on ? 1 : 0);

/**
 * CreateLoginProfile, GetLoginProfile, UpdateLoginProfile with Kingsoft's protection switches. The
 * Go SDK reads GetLoginProfile's `OpenLoginProtection`/`OpenSecurityProtection` as ints and
 * UpdateLoginProfile's as strings; CreateLoginProfile answers the seed's three fields only.
 * Other Go SDK members (GetLoginProfile `NotCheckPassword`, UpdateLoginProfile `ViewAllProject`) are
 * accepted and change nothing: polyiam never shows a password and serves no Kingsoft projects.
 */
export function kingsoftLoginProfileOperations(flavor: AwsFamilyFlavor): QueryOperation[] {
  const withProfile = (profile: LoginProfileView, action: 'CreateLoginProfile' | 'GetLoginProfile' | 'UpdateLoginProfile', extra: Record<string, unknown> = {}) => ({
    LoginProfile: { ...renderLoginProfile(profile, action), ...extra },
  });
  return [
    {
      action: 'CreateLoginProfile',
      async run({ ctx, params, services }) {
        const ref = targetUser(params, ctx, flavor.userName, { required: true });
        const password = new PlainPassword(requiredMember(params, 'Password', flavor.password));
        // seed: PasswordResetRequired "带参数调用即为true,否则不带参数为false"
        const passwordResetRequired = optionalFlag(params, 'PasswordResetRequired', flagOptions(flavor)) ?? false;
        const { login, security } = switchesOf(params, flavor);
        const protection = loginProtectionOf(login);
        const profile = await services.loginProfiles.create(ctx, ref, { password, passwordResetRequired, ...(protection ? { protection } : {}) });
        if (security !== undefined) await setSecurityProtection(services, ctx, ref, security);
        return withProfile(profile, 'CreateLoginProfile');
      },
    },
    {
      action: 'GetLoginProfile',
      async run({ ctx, params, services }) {
        const ref = targetUser(params, ctx, flavor.userNameRef, { required: true });
        const profile = await services.loginProfiles.get(ctx, ref);
        const security = await securityProtection(services, ctx, ref);
        return withProfile(profile, 'GetLoginProfile', { OpenLoginProtection: flag(profile.protection.enabled), OpenSecurityProtection: flag(security) });
      },
    },
    {
      action: 'UpdateLoginProfile',
      async run({ ctx, params, services }) {
        const ref = targetUser(params, ctx, flavor.userName, { required: true });
        const password = optionalMember(params, 'Password', flavor.password);
        const passwordResetRequired = optionalFlag(params, 'PasswordResetRequired', flagOptions(flavor));
        const { login, security } = switchesOf(params, flavor);
        const protection = loginProtectionOf(login);
        const profile = await services.loginProfiles.update(ctx, ref, {
          ...(password !== undefined ? { password: new PlainPassword(password) } : {}),
          ...(passwordResetRequired !== undefined ? { passwordResetRequired } : {}),
          ...(protection ? { protection } : {}),
        });
        if (security !== undefined) await setSecurityProtection(services, ctx, ref, security);
        // the switch is echoed when this call set it: reading it back would need the caller's GetLoginProfile right too
        return withProfile(profile, 'UpdateLoginProfile', { OpenLoginProtection: String(profile.protection.enabled), ...(security !== undefined ? { OpenSecurityProtection: String(security) } : {}) });
      },
    },
  ];
}
