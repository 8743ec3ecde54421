import { sizeLimit } from '../../../core/policies/limits.js';
import { volcOperation, type VolcOperation } from '../operation.js';

/**
 * GetAccountSummary (volcengine-go-sdk service/iam/api_get_account_summary.go, no input members):
 * `Result.SummaryMap` with the usage and quotas polyiam has. Every member of the Go SDK's
 * SummaryMapForGetAccountSummaryOutput is optional (`omitempty`), so a quota polyiam does not keep is
 * left out rather than invented: UsersQuota, GroupsQuota and GroupsPerUserQuota (no such limit),
 * AccessKeysPerAccountQuota, and the AttachedSystemPolicies*Quota trio (Volcengine counts system and
 * custom attachments apart; polyiam's one limit covers both, and is what AttachedPolicies*Quota says).
 */
export const accountSummaryOperations: VolcOperation[] = [
  volcOperation({
    action: 'GetAccountSummary',
    source: 'Go SDK api_get_account_summary.go',
    core: 'accountReports.summary',
    errors: [],
    parameters: [],
    async run({ ctx, services }) {
      const s = await services.accountReports.summary(ctx);
      return {
        SummaryMap: {
          // UsersUsage counts IAM users (子用户), not the account itself, as AWS's Users does
          UsersUsage: s.users,
          GroupsUsage: s.groups,
          RolesUsage: s.roles,
          RolesQuota: s.quotas.roles,
          PoliciesUsage: s.policies,
          PoliciesQuota: s.quotas.policies,
          // Volcengine "quota": policy content length 6,144 (core/policies/limits.ts)
          PolicySize: sizeLimit('volcengine', 'managed').limit,
          AccessKeysPerUserQuota: s.quotas.accessKeysPerUser,
          AttachedPoliciesPerUserQuota: s.quotas.attachedPoliciesPerUser,
          AttachedPoliciesPerGroupQuota: s.quotas.attachedPoliciesPerGroup,
          AttachedPoliciesPerRoleQuota: s.quotas.attachedPoliciesPerRole,
        },
      };
    },
  }),
];
