import { PlainPassword } from '../../../../core/secrets.js';
import type { QueryOperation } from '../../query-dialect.js';
import { AwsFamilyError } from '../errors.js';
import { flagOptions, targetUser, type AwsFamilyFlavor, type LoginProfileAction } from '../flavor.js';
import { optionalFlag, optionalMember, requiredMember } from '../params.js';

/**
 * CreateLoginProfile, GetLoginProfile, UpdateLoginProfile, DeleteLoginProfile (AWS IAM API reference;
 * Kingsoft docs page 1414 for CreateLoginProfile) and ChangePassword, the caller's own password.
 */
export function loginProfileOperations(flavor: AwsFamilyFlavor): QueryOperation[] {
  const withProfile = (profile: Parameters<AwsFamilyFlavor['renderLoginProfile']>[0], action: LoginProfileAction) => {
    const rendered = flavor.renderLoginProfile(profile, action);
    return rendered === undefined ? undefined : { LoginProfile: rendered };
  };
  const required = { required: flavor.loginProfileNeedsUserName };
  return [
    {
      action: 'CreateLoginProfile',
      async run({ ctx, params, services }) {
        const ref = targetUser(params, ctx, flavor.userName, required);
        const password = new PlainPassword(requiredMember(params, 'Password', flavor.password));
        // AWS: PasswordResetRequired defaults to false; Kingsoft: "absent = false, present = true"
        const passwordResetRequired = optionalFlag(params, 'PasswordResetRequired', flagOptions(flavor)) ?? false;
        const profile = await services.loginProfiles.create(ctx, ref, { password, passwordResetRequired });
        return withProfile(profile, 'CreateLoginProfile');
      },
    },
    {
      action: 'GetLoginProfile',
      async run({ ctx, params, services }) {
        const profile = await services.loginProfiles.get(ctx, targetUser(params, ctx, flavor.userNameRef, required));
        return withProfile(profile, 'GetLoginProfile');
      },
    },
    {
      action: 'UpdateLoginProfile',
      async run({ ctx, params, services }) {
        // AWS UpdateLoginProfile: UserName is required here, unlike the other login-profile actions
        const ref = targetUser(params, ctx, flavor.userName, { required: true });
        const password = optionalMember(params, 'Password', flavor.password);
        const passwordResetRequired = optionalFlag(params, 'PasswordResetRequired', flagOptions(flavor));
        const profile = await services.loginProfiles.update(ctx, ref, {
          ...(password !== undefined ? { password: new PlainPassword(password) } : {}),
          ...(passwordResetRequired !== undefined ? { passwordResetRequired } : {}),
        });
        return withProfile(profile, 'UpdateLoginProfile');
      },
    },
    {
      action: 'DeleteLoginProfile',
      async run({ ctx, params, services }) {
        await services.loginProfiles.delete(ctx, targetUser(params, ctx, flavor.userName, required));
        return undefined;
      },
    },
    {
      action: 'ChangePassword',
      async run({ ctx, params, services }) {
        const oldPassword = new PlainPassword(requiredMember(params, 'OldPassword', flavor.password));
        const newPassword = new PlainPassword(requiredMember(params, 'NewPassword', flavor.password));
        // AWS ChangePassword: "The AWS account root user password is not affected by this operation";
        // the root calling it gets InvalidUserType ("the type of user for the transaction was incorrect")
        if (ctx.principal.isRoot) throw new AwsFamilyError('InvalidUserType', 400, 'Only IAM Users can change their own password.');
        await services.credentials.changePassword(ctx, oldPassword, newPassword);
        return undefined;
      },
    },
  ];
}
