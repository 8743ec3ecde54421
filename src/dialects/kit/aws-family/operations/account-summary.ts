import type { AccountSummary } from '../../../../core/reports/account-reports-service.js';
import type { QueryOperation } from '../../query-dialect.js';

/**
 * AWS IAM GetAccountSummary `SummaryMap` (API reference, "Valid Keys") for what polyiam has: the
 * counts, the quotas the core enforces, the root's keys and MFA. Keys polyiam has no figure for
 * (server certificates, signing certificates, instance-profile quotas, UsersQuota, GroupsQuota) are
 * left out rather than invented. Kingsoft's kscore model names the same action (GET, no parameters).
 */
export function accountSummaryMap(s: AccountSummary): Map<string, number> {
  return new Map<string, number>([
    ['Users', s.users],
    ['Groups', s.groups],
    ['Policies', s.policies],
    ['PoliciesQuota', s.quotas.policies],
    ['PolicyVersionsInUse', s.policyAttachments],
    ['VersionsPerPolicyQuota', s.quotas.versionsPerPolicy],
    ['AttachedPoliciesPerUserQuota', s.quotas.attachedPoliciesPerUser],
    ['AttachedPoliciesPerGroupQuota', s.quotas.attachedPoliciesPerGroup],
    ['AccessKeysPerUserQuota', s.quotas.accessKeysPerUser],
    ['AccountAccessKeysPresent', s.accountAccessKeysPresent ? 1 : 0],
    ['AccountMFAEnabled', s.accountMfaEnabled ? 1 : 0],
    ['MFADevices', s.mfaDevices],
    ['MFADevicesInUse', s.mfaDevicesInUse],
  ]);
}

/**
 * The role keys of the same map (AWS: Roles, RolesQuota, AttachedPoliciesPerRoleQuota), for dialects
 * whose summary reports roles too.
 */
export function roleSummaryEntries(s: AccountSummary): [string, number][] {
  return [
    ['Roles', s.roles],
    ['RolesQuota', s.quotas.roles],
    ['AttachedPoliciesPerRoleQuota', s.quotas.attachedPoliciesPerRole],
  ];
}

/** GetAccountSummary: `SummaryMap`, rendered by the dialect's envelope (XML `entry` pairs, JSON an object). */
export function accountSummaryOperation(options: { roles: boolean }): QueryOperation {
  return {
    action: 'GetAccountSummary',
    async run({ ctx, services }) {
      const s = await services.accountReports.summary(ctx);
      const map = accountSummaryMap(s);
      if (options.roles) for (const [key, value] of roleSummaryEntries(s)) map.set(key, value);
      return { SummaryMap: map };
    },
  };
}
