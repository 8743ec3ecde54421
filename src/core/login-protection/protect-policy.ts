/**
 * The account-wide operation protection policy: Huawei IAM v3.0 OS-SECURITYPOLICY `protect_policy`
 * (UpdateDomainProtectPolicy iam_17_0001, ShowDomainProtectPolicy iam_17_0011; SDK model
 * ProtectPolicyOption, AllowUserBody).
 */
export interface ProtectPolicySettings {
  /** `operation_protection`: every user of the account (the root too) verifies before a sensitive operation */
  operationProtection: boolean;
  /** `allow_user`: what IAM users may change about themselves (the root always may) */
  allowUser: AllowUser;
  /** `admin_check` `on`: a designated person verifies (by `scene`), `off`: the operator verifies with its own factor */
  adminCheck: boolean;
  /** `scene`: how the designated person is reached; required with `admin_check` on */
  scene: 'mobile' | 'email' | null;
  /** `mobile`: the designated person's number (e.g. `0086-123456789`), required with scene `mobile` */
  mobile: string;
  /** `email`: the designated person's address, required with scene `email` */
  email: string;
}

/** AllowUserBody: each true by default (iam_17_0001 "默认取值: true") */
export interface AllowUser {
  manageAccessKey: boolean;
  manageEmail: boolean;
  manageMobile: boolean;
  managePassword: boolean;
}

export type SelfManaged = keyof AllowUser;

export const DEFAULT_PROTECT_POLICY: ProtectPolicySettings = {
  operationProtection: false,
  allowUser: { manageAccessKey: true, manageEmail: true, manageMobile: true, managePassword: true },
  adminCheck: false,
  scene: null,
  mobile: '',
  email: '',
};

/**
 * Huawei: once verified, a critical operation is not verified again in the same session for 15
 * minutes ("15分钟内再次进行敏感操作时无需验证", operation protection user guide); a user's own
 * record (Volcengine SafeAuthExemptDuration) sets its own window.
 */
export const ACCOUNT_OPERATION_EXEMPT_MINUTES = 15;

/** Where the account's protect policy is kept: one row per account. */
export interface ProtectPolicyStore {
  find(accountId: string): Promise<ProtectPolicySettings | undefined>;
  put(accountId: string, settings: ProtectPolicySettings, at: number): Promise<void>;
}
