import type { PasswordPolicySettings } from '../password-policy/password-policy.js';

/**
 * The account login policy: Huawei IAM v3.0 OS-SECURITYPOLICY `login_policy`
 * (LoginPolicyOption: login_failed_times, lockout_duration, period_with_login_failures,
 * session_timeout, account_validity_period, show_recent_login_info, custom_info_for_login) and
 * Huawei v5 `/v5/login-policy` (user_validity_period instead of account_validity_period).
 */
export interface LoginPolicySettings {
  /** failures before a lock (`login_failed_times` 3-10); 0 = never lock */
  lockoutThreshold: number;
  /** `lockout_duration`, minutes 15-1440 */
  lockoutMinutes: number;
  /** `period_with_login_failures`, minutes 15-60: failures older than this no longer count */
  failureWindowMinutes: number;
  /** `session_timeout`, minutes 15-1440: how long a console session lives */
  sessionTimeoutMinutes: number;
  /** `account_validity_period` / `user_validity_period`, days 0-240 (0 = off): a user who has not signed in for this long cannot sign in */
  accountValidityDays: number;
  /** `show_recent_login_info` */
  showRecentLoginInfo: boolean;
  /** `custom_info_for_login`: a message for the sign-in page */
  customSignInMessage: string;
}

export interface LoginPolicy extends LoginPolicySettings {
  /** false while the account runs on the defaults */
  isCustom: boolean;
}

/** Huawei's documented defaults, with the lockout taken from the password policy until a login policy is set. */
export const DEFAULT_LOGIN_POLICY: Omit<LoginPolicySettings, 'lockoutThreshold' | 'lockoutMinutes'> = {
  failureWindowMinutes: 15,
  sessionTimeoutMinutes: 60,
  accountValidityDays: 0,
  showRecentLoginInfo: false,
  customSignInMessage: '',
};

/** Huawei v3 UpdateDomainLoginPolicy ranges (iam_17_0005). A threshold of 0 keeps the old "never lock" of password policies. */
export const LOGIN_POLICY_BOUNDS = {
  lockoutThreshold: [0, 10],
  lockoutMinutes: [1, 1440],
  failureWindowMinutes: [1, 1440],
  sessionTimeoutMinutes: [15, 1440],
  accountValidityDays: [0, 240],
} as const satisfies Partial<Record<keyof LoginPolicySettings, readonly [number, number]>>;

/** Huawei v5 custom_info_for_login: at most 64 characters, none of `@#%&<>\$^*` */
export const CUSTOM_MESSAGE_MAX = 64;
export const CUSTOM_MESSAGE_FORBIDDEN = /[@#%&<>\\$^*]/;

/**
 * The policy in force: a stored login policy, else the defaults with the lockout of the password
 * policy (the fields AWS-family and Volcengine dialects write: Volcengine MaxLoginAttempts), so what
 * those dialects set keeps working until a login policy is set. Setting the login policy writes its
 * lockout there too (LoginPolicyService), so both stay one value.
 */
export function effectiveLoginPolicy(stored: Partial<LoginPolicySettings> | undefined, password: PasswordPolicySettings): LoginPolicy {
  return {
    ...DEFAULT_LOGIN_POLICY,
    ...stored,
    lockoutThreshold: password.lockoutThreshold,
    lockoutMinutes: password.lockoutMinutes,
    isCustom: stored !== undefined,
  };
}
