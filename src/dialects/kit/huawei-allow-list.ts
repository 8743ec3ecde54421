import { isIP } from 'node:net';
import { MAX_ALLOWED_ENTRIES, type IpAllowList } from '../../core/login-protection/access-control.js';
import { JsonFields } from './json-fields.js';

const familyOf = (address: string) => (isIP(address.split(/[/-]/)[0]!.trim()) === 6 ? 6 : 4);

/**
 * Huawei's allow-list fields (ConsoleAclPolicyOption, AclPolicyOption, the v5 login policy):
 * `allow_address_netmasks[{address_netmask, description}]`, `allow_ip_ranges[{ip_range, description}]`
 * and, where `ipv6` is set, their `_ipv6` twins; the core keeps one list of each, both families mixed.
 * A field left out is an empty list: the option is the whole list.
 */
export function readHuaweiAllowList(policy: JsonFields, ipv6: boolean): IpAllowList {
  const netmasks = [...entries(policy, 'allow_address_netmasks', 'address_netmask'), ...(ipv6 ? entries(policy, 'allow_address_netmasks_ipv6', 'address_netmask') : [])];
  const ranges = [...entries(policy, 'allow_ip_ranges', 'ip_range'), ...(ipv6 ? entries(policy, 'allow_ip_ranges_ipv6', 'ip_range') : [])];
  return { netmasks: netmasks.map(([netmask, description]) => ({ netmask, description })), ranges: ranges.map(([range, description]) => ({ range, description })) };
}

/** ConsoleAclPolicyResult / AclPolicyResult: IPv4 entries in the plain fields, IPv6 in `_ipv6` ones */
export function renderHuaweiAllowList(list: IpAllowList, ipv6: boolean): Record<string, unknown> {
  const netmasks = (family: number) => list.netmasks.filter((n) => familyOf(n.netmask) === family).map((n) => ({ address_netmask: n.netmask, description: n.description }));
  const ranges = (family: number) => list.ranges.filter((r) => familyOf(r.range) === family).map((r) => ({ ip_range: r.range, description: r.description }));
  return {
    allow_address_netmasks: netmasks(4),
    allow_ip_ranges: ranges(4),
    ...(ipv6 ? { allow_address_netmasks_ipv6: netmasks(6), allow_ip_ranges_ipv6: ranges(6) } : {}),
  };
}

function entries(policy: JsonFields, field: string, valueField: string): Array<[string, string]> {
  const items = policy.optionalArray(field, MAX_ALLOWED_ENTRIES) ?? [];
  return items.map((item, i) => {
    const entry = JsonFields.of(item, `${policy.name(field)}[${i}]`).onlyKnown([valueField, 'description']);
    return [entry.requiredString(valueField, { max: 128 }), entry.optionalString('description', { max: 255 }) ?? ''];
  });
}
