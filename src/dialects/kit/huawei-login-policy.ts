import type { LoginPolicy, LoginPolicySettings } from '../../core/login-protection/login-policy.js';
import type { JsonFields } from './json-fields.js';

/** Huawei LoginPolicyOption (v3.0) and the v5 flat body: the same fields, v5 says `user_validity_period`. */
export function readLoginPolicy(policy: JsonFields, validityField: 'account_validity_period' | 'user_validity_period'): Partial<LoginPolicySettings> {
  policy.onlyKnown([validityField, 'custom_info_for_login', 'lockout_duration', 'login_failed_times', 'period_with_login_failures', 'session_timeout', 'show_recent_login_info', 'allow_address_netmasks', 'allow_ip_ranges']);
  const changes: Partial<LoginPolicySettings> = {};
  const set = <K extends keyof LoginPolicySettings>(key: K, value: LoginPolicySettings[K] | undefined) => {
    if (value !== undefined) changes[key] = value;
  };
  // ranges: iam_17_0005 / UpdateLoginPolicyV5
  set('accountValidityDays', policy.optionalInteger(validityField, 0, 240));
  set('customSignInMessage', policy.optionalString('custom_info_for_login', { max: 64 }));
  set('lockoutMinutes', policy.optionalInteger('lockout_duration', 15, 1440));
  set('lockoutThreshold', policy.optionalInteger('login_failed_times', 3, 10));
  set('failureWindowMinutes', policy.optionalInteger('period_with_login_failures', 15, 60));
  set('sessionTimeoutMinutes', policy.optionalInteger('session_timeout', 15, 1440));
  set('showRecentLoginInfo', policy.optionalBoolean('show_recent_login_info'));
  return changes;
}

/** Huawei LoginPolicyResult: always all seven fields */
export function renderLoginPolicy(policy: LoginPolicy, validityField: 'account_validity_period' | 'user_validity_period' = 'account_validity_period') {
  return {
    [validityField]: policy.accountValidityDays,
    custom_info_for_login: policy.customSignInMessage,
    lockout_duration: policy.lockoutMinutes,
    login_failed_times: policy.lockoutThreshold,
    period_with_login_failures: policy.failureWindowMinutes,
    session_timeout: policy.sessionTimeoutMinutes,
    show_recent_login_info: policy.showRecentLoginInfo,
  };
}
