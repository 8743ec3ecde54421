import { Actions } from '../../../core/authorization/actions.js';
import type { AccessChannel } from '../../../core/login-protection/access-control.js';
import { readHuaweiAllowList, renderHuaweiAllowList } from '../../kit/huawei-allow-list.js';
import { JsonFields, parseJsonBody } from '../../kit/json-fields.js';
import { callerOf, type V3Operation } from '../operation.js';
import { pathId, requireOwnDomain } from '../rules.js';

/** The wire of each channel: its URL segment, body wrapper, and whether it has IPv6 fields (the SDK models) */
const CHANNELS: Array<{ channel: AccessChannel; segment: string; wrapper: string; ipv6: boolean; show: string; update: string }> = [
  // ConsoleAclPolicyOption / ConsoleAclPolicyResult (iam_17_0008, iam_17_0010)
  { channel: 'console', segment: 'console-acl-policy', wrapper: 'console_acl_policy', ipv6: true, show: 'showDomainConsoleAclPolicy', update: 'updateDomainConsoleAclPolicy' },
  // AclPolicyOption / AclPolicyResult (iam_17_0009, iam_17_0012); `allow_vpc_endpoints` is answered empty: no VPC here
  { channel: 'api', segment: 'api-acl-policy', wrapper: 'api_acl_policy', ipv6: false, show: 'showDomainApiAclPolicy', update: 'updateDomainApiAclPolicy' },
];

/**
 * Huawei IAM v3.0 console and API access control (`/v3.0/OS-SECURITYPOLICY/domains/{domain_id}/
 * console-acl-policy` and `.../api-acl-policy`): from where the account's IAM users may sign in to the
 * console and call the API. The root is never refused. Enforced by the core (AllowListGate).
 */
export const aclPolicyOperations: V3Operation[] = CHANNELS.flatMap(({ channel, segment, wrapper, ipv6, show, update }): V3Operation[] => {
  const render = (list: Parameters<typeof renderHuaweiAllowList>[0]) => ({ [wrapper]: { ...renderHuaweiAllowList(list, ipv6), ...(channel === 'api' ? { allow_vpc_endpoints: [] } : {}) } });
  return [
    {
      name: show,
      method: 'GET',
      url: `/OS-SECURITYPOLICY/domains/:domain_id/${segment}`,
      access: 'required',
      async run(call) {
        requireOwnDomain(call, pathId(call, 'domain_id'), Actions.getAccessControlPolicy);
        return { status: 200, body: render(await call.services.accessControl.get(callerOf(call), channel)) };
      },
    },
    {
      name: update,
      method: 'PUT',
      url: `/OS-SECURITYPOLICY/domains/:domain_id/${segment}`,
      access: 'required',
      async run(call) {
        requireOwnDomain(call, pathId(call, 'domain_id'), Actions.updateAccessControlPolicy);
        const policy = JsonFields.of(parseJsonBody(call.body)).onlyKnown([wrapper]).requiredObject(wrapper);
        policy.onlyKnown(ipv6 ? ['allow_address_netmasks', 'allow_ip_ranges', 'allow_address_netmasks_ipv6', 'allow_ip_ranges_ipv6'] : ['allow_address_netmasks', 'allow_ip_ranges']);
        return { status: 200, body: render(await call.services.accessControl.update(callerOf(call), channel, readHuaweiAllowList(policy, ipv6))) };
      },
    },
  ];
});
