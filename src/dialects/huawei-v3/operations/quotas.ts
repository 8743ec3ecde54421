import { ReportActions } from '../../../core/authorization/actions.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import { callerOf, type V3Operation } from '../operation.js';
import { onlyKnownQuery, pathId, queryValue, requireOwnDomain } from '../rules.js';

/** ShowDomainQuota `type`: the resource kinds Huawei reports (api-iam "Querying the Quota of an Account"). */
const QUOTA_TYPES = new Set(['user', 'group', 'idp', 'agency', 'policy', 'assigment_group_mp', 'assigment_agency_mp', 'assigment_group_ep', 'assigment_user_ep', 'mapping']);

/**
 * ShowDomainQuota (`GET /v3.0/OS-QUOTA/domains/{domain_id}`, the v3 SDK's `showDomainQuota`): the
 * account's quotas and usage, `quotas.resources[{type, used, quota, max, min}]`, from the same core
 * account summary as AWS GetAccountSummary and v5 getAccountSummaryV5. Only the kinds polyiam bounds
 * are listed, `agency` (roles per account) and `policy` (custom policies per account): polyiam sets no
 * quota on users, groups or identity providers, and a made-up one would be read as a real limit. A
 * `type` polyiam does not bound answers an empty list, as a kind with no entry.
 */
export const quotaOperations: V3Operation[] = [
  {
    name: 'showDomainQuota',
    method: 'GET',
    url: '/OS-QUOTA/domains/:domain_id',
    access: 'required',
    async run(call) {
      requireOwnDomain(call, pathId(call, 'domain_id'), ReportActions.getAccountSummary);
      onlyKnownQuery(call, ['type']);
      const type = queryValue(call, 'type');
      if (type !== undefined && !QUOTA_TYPES.has(type)) throw new WireValidationError('type', `must be one of ${[...QUOTA_TYPES].join(', ')}`);
      const summary = await call.services.accountReports.summary(callerOf(call));
      // `quota` is the limit in force; polyiam's limits are fixed, so `max` (the highest it may be raised to) equals it
      const resources = [
        { type: 'agency', used: summary.roles, quota: summary.quotas.roles, max: summary.quotas.roles, min: 0 },
        { type: 'policy', used: summary.policies, quota: summary.quotas.policies, max: summary.quotas.policies, min: 0 },
      ].filter((r) => type === undefined || r.type === type);
      return { status: 200, body: { quotas: { resources } } };
    },
  },
];
