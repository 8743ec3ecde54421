import type { LoginPolicy, LoginPolicySettings } from '../../core/login-protection/login-policy.js';
import { validateAllowList, type IpAllowList } from '../../core/login-protection/access-control.js';
import { readHuaweiAllowList } from './huawei-allow-list.js';
import type { JsonFields } from './json-fields.js';

/** Huawei LoginPolicyOption (v3.0) and the v5 flat body: the same fields, v5 says `user_validity_period`. */
export function readLoginPolicy(policy: JsonFields, validityField: 'account_validity_period' | 'user_validity_period'): Partial<LoginPolicySettings> {
  // v5's LoginPolicy also carries the console's IP allow list (readLoginAllowList); v3.0's LoginPolicyOption does not
  const allowList = validityField === 'user_validity_period' ? ['allow_address_netmasks', 'allow_ip_ranges'] : [];
  policy.onlyKnown([validityField, 'custom_info_for_login', 'lockout_duration', 'login_failed_times', 'period_with_login_failures', 'session_timeout', 'show_recent_login_info', ...allowList]);
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

/**
 * UpdateLoginPolicyV5 `allow_address_netmasks` / `allow_ip_ranges`: the console's IP allow list (the
 * list v3.0 UpdateDomainConsoleAclPolicy sets, IPv4 and IPv6 in the same fields). A field left out
 * keeps its entries; undefined when the body names neither. Checked here, before any write.
 * @throws invalid-input
 */
export function readLoginAllowList(policy: JsonFields, current: IpAllowList): IpAllowList | undefined {
  if (!policy.has('allow_address_netmasks') && !policy.has('allow_ip_ranges')) return undefined;
  const given = readHuaweiAllowList(policy, false);
  const next = {
    netmasks: policy.has('allow_address_netmasks') ? given.netmasks : current.netmasks,
    ranges: policy.has('allow_ip_ranges') ? given.ranges : current.ranges,
  };
  validateAllowList(next, { netmasks: 'allow_address_netmasks', ranges: 'allow_ip_ranges' });
  return next;
}

/** v5 LoginPolicy's allow list fields, both families in each */
export function renderLoginAllowList(list: IpAllowList) {
  return {
    allow_address_netmasks: list.netmasks.map((n) => ({ address_netmask: n.netmask, description: n.description })),
    allow_ip_ranges: list.ranges.map((r) => ({ ip_range: r.range, description: r.description })),
  };
}
