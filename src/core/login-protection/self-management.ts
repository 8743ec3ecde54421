import { AccessDeniedError } from '../errors.js';
import type { IamAction } from '../authorization/actions.js';
import type { CallContext } from '../principal.js';
import type { UserRef } from '../users/user-ref.js';
import type { ProtectPolicySettings, SelfManaged } from './protect-policy.js';

/** What each `allow_user` switch governs, in words for the refusal (Huawei AllowUserBody field descriptions). */
const WHAT: Record<SelfManaged, string> = {
  manageAccessKey: 'their own access keys',
  manageEmail: 'their own email address',
  manageMobile: 'their own mobile number',
  managePassword: 'their own password',
};

/** The Huawei wire name of each switch (UpdateDomainProtectPolicy iam_17_0001 table 5), for messages. */
export const ALLOW_USER_FIELDS: Record<SelfManaged, string> = {
  manageAccessKey: 'manage_accesskey',
  manageEmail: 'manage_email',
  manageMobile: 'manage_mobile',
  managePassword: 'manage_password',
};

/**
 * The account's protect policy refused an IAM user something about itself. An access denial (403 in
 * every dialect): Huawei answers a refusal of an account setting as it answers a policy's, 403 with
 * `IAM.0003` on the v3.0 routes ("Policy doesn't allow %(actions)s to be performed", iam_02_0006); the
 * reason (`what`) names the switch so a dialect can say which setting refused.
 */
export class SelfManagementRefusedError extends AccessDeniedError {
  constructor(
    action: IamAction,
    resource: string,
    readonly what: SelfManaged,
  ) {
    super(action, resource, 'not-allowed');
    this.message = `the account does not allow IAM users to manage ${WHAT[what]} (protect policy \`allow_user.${ALLOW_USER_FIELDS[what]}\` is false)`;
  }
}

/**
 * Huawei protect_policy `allow_user` (AllowUserBody: manage_accesskey, manage_email, manage_mobile,
 * manage_password): whether IAM users may manage these about THEMSELVES. The one check every front
 * door goes through: the core commands that change a password, an access key, an email address or a
 * mobile number call `require` with the target user, and it refuses only an IAM user acting on itself.
 * The root always may; an administrator acting on another user is not governed by it (iam_17_0001:
 * "是否允许子用户自行管理").
 */
export class SelfManagement {
  constructor(private readonly policies: { current(accountId: string): Promise<ProtectPolicySettings> }) {}

  /** Whether the switches allow the caller to manage `what` on `target` (true unless an IAM user acts on itself against a false switch). */
  async allows(ctx: CallContext, target: UserRef, what: SelfManaged): Promise<boolean> {
    const { principal } = ctx;
    if (principal.isRoot || !namesCaller(ctx, target)) return true;
    return (await this.policies.current(principal.accountId)).allowUser[what];
  }

  /**
   * Refuses an IAM user acting on itself when any of `what` is switched off. Reads the policy only for
   * that case, so admin calls and the root pay nothing; needs no read of the user (a reference by name
   * names the caller when it is the caller's name: names are unique per account, case-insensitively),
   * so it runs before the command's transaction.
   * @throws access-denied (SelfManagementRefusedError)
   */
  async require(ctx: CallContext, target: UserRef, what: readonly SelfManaged[], action: IamAction): Promise<void> {
    const { principal } = ctx;
    if (principal.isRoot || what.length === 0 || !namesCaller(ctx, target)) return;
    const allowUser = (await this.policies.current(principal.accountId)).allowUser;
    const refused = what.find((w) => !allowUser[w]);
    if (refused !== undefined) throw new SelfManagementRefusedError(action, `user/${principal.userName}`, refused);
  }
}

/** Whether `ref` is the caller itself (an assumed role's session is no user, whatever the role's name). */
function namesCaller(ctx: CallContext, ref: UserRef): boolean {
  const { principal } = ctx;
  if (principal.session !== undefined) return false;
  return 'id' in ref ? ref.id === principal.userId : ref.name.toLowerCase() === principal.userName.toLowerCase();
}

/** The switches a change of a user's own contact details needs: `manage_email` for an email address, `manage_mobile` for a number. */
export function contactSwitches(change: { email?: string | undefined; phone?: string | undefined }): SelfManaged[] {
  return [...(change.email !== undefined ? (['manageEmail'] as const) : []), ...(change.phone !== undefined ? (['manageMobile'] as const) : [])];
}
