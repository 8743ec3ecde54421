import { sizeLimit } from '../../../core/policies/limits.js';
import type { V5Operation } from '../operation.js';

/**
 * GetAccountSummaryV5 (api-iam5 "Obtaining the Summary of the Usage and Quota of IAM Entities in an
 * Account"): GET /v5/account-summary → 200 with the counts and quotas polyiam has. `users` counts the
 * root user ("including the root user"); `agencies` are the account's roles (agencies and trust
 * agencies are one kind here). `users_quota`, `groups_quota` and `root_user_mfa_enabled` are left out:
 * polyiam sets no user or group quota, and the account summary does not read MFA devices (the SDK
 * declares every field optional).
 */
export const accountSummaryOperations: V5Operation[] = [
  {
    name: 'getAccountSummaryV5',
    method: 'GET',
    url: '/account-summary',
    status: 200,
    core: 'accountReports.summary',
    errors: ['denied'],
    async run({ ctx, services }) {
      const s = await services.accountReports.summary(ctx);
      return {
        attached_policies_per_agency_quota: s.quotas.attachedPoliciesPerRole,
        attached_policies_per_group_quota: s.quotas.attachedPoliciesPerGroup,
        attached_policies_per_user_quota: s.quotas.attachedPoliciesPerUser,
        policies_quota: s.quotas.policies,
        policy_size_quota: sizeLimit('huawei-v5', 'managed').limit,
        versions_per_policy_quota: s.quotas.versionsPerPolicy,
        policies: s.policies,
        agencies: s.roles,
        agencies_quota: s.quotas.roles,
        users: s.users + 1,
        groups: s.groups,
      };
    },
  },
];
