import { BlockList, isIP } from 'node:net';
import { InvalidInputError } from '../errors.js';

/**
 * The account's IP allow lists (Huawei v3.0 OS-SECURITYPOLICY `console-acl-policy`, iam_17_0008, and
 * `api-acl-policy`, iam_17_0009; the v5 login policy's `allow_address_netmasks` / `allow_ip_ranges`):
 * from where the account's IAM users may sign in to the console, and from where they may call the API.
 * The root is never refused (Huawei: "applied to all IAM users and federated users of the account").
 */
export type AccessChannel = 'console' | 'api';

export interface AllowedAddress {
  /** `192.168.0.0/24`, `2001:db8::/32` or one address (a /32 or /128) */
  netmask: string;
  description: string;
}

export interface AllowedRange {
  /** `10.0.0.1-10.0.0.9` (both ends included, one family) */
  range: string;
  description: string;
}

export interface IpAllowList {
  netmasks: AllowedAddress[];
  ranges: AllowedRange[];
  /** Volcengine `EnableIPList`: false keeps the entries without enforcing them (absent: enforced) */
  enabled?: boolean;
}

/** Huawei's default, shown until an administrator sets one: every IPv4 address */
export const ALLOW_EVERYWHERE: IpAllowList = { netmasks: [], ranges: [{ range: '0.0.0.0-255.255.255.255', description: '' }] };

/** Huawei: at most 200 entries per list (iam_17_0009 table 5/6) */
export const MAX_ALLOWED_ENTRIES = 200;
const MAX_DESCRIPTION = 255;

export interface AccessControlStore {
  find(accountId: string, channel: AccessChannel): Promise<IpAllowList | undefined>;
  put(accountId: string, channel: AccessChannel, list: IpAllowList, at: number): Promise<void>;
}

/** Checks every entry; `field` names the wire field for the error. @throws invalid-input */
export function validateAllowList(list: IpAllowList, field: { netmasks: string; ranges: string }): void {
  if (list.netmasks.length > MAX_ALLOWED_ENTRIES) throw new InvalidInputError(field.netmasks, `at most ${MAX_ALLOWED_ENTRIES} entries`);
  if (list.ranges.length > MAX_ALLOWED_ENTRIES) throw new InvalidInputError(field.ranges, `at most ${MAX_ALLOWED_ENTRIES} entries`);
  for (const entry of list.netmasks) {
    if (parseNetmask(entry.netmask) === null) throw new InvalidInputError(field.netmasks, `\`${entry.netmask}\` is not an IP address or CIDR block`);
    if (entry.description.length > MAX_DESCRIPTION) throw new InvalidInputError(field.netmasks, `a description is at most ${MAX_DESCRIPTION} characters`);
  }
  for (const entry of list.ranges) {
    if (parseRange(entry.range) === null) throw new InvalidInputError(field.ranges, `\`${entry.range}\` is not an IP address range (low-high, one family, low first)`);
    if (entry.description.length > MAX_DESCRIPTION) throw new InvalidInputError(field.ranges, `a description is at most ${MAX_DESCRIPTION} characters`);
  }
}

/**
 * The matcher of a list: null when the list lets every address through (nothing to check). An empty
 * list (both arrays empty) allows everything too: Huawei asks for one of the two, never for none.
 */
export function compileAllowList(list: IpAllowList): BlockList | null {
  if (list.enabled === false) return null;
  if (list.netmasks.length === 0 && list.ranges.length === 0) return null;
  // the default as Huawei shows it means "from anywhere", IPv6 clients included
  if (list.netmasks.length === 0 && list.ranges.length === 1 && list.ranges[0]!.range === ALLOW_EVERYWHERE.ranges[0]!.range) return null;
  const allowed = new BlockList();
  for (const { netmask } of list.netmasks) {
    const parsed = parseNetmask(netmask);
    if (parsed) allowed.addSubnet(parsed.address, parsed.prefix, parsed.family);
  }
  for (const { range } of list.ranges) {
    const parsed = parseRange(range);
    if (parsed) allowed.addRange(parsed.low, parsed.high, parsed.family);
  }
  return allowed;
}

/** Whether `ip` (as the server saw it, IPv4-mapped IPv6 included) is on the list. */
export function isAllowed(matcher: BlockList | null, ip: string | null): boolean {
  if (matcher === null) return true;
  if (ip === null) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  const address = mapped ? mapped[1]! : ip;
  const family = isIP(address);
  if (family === 0) return false;
  return matcher.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

function parseNetmask(text: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | null {
  const [address = '', prefixText, extra] = text.split('/');
  if (extra !== undefined) return null;
  const family = isIP(address);
  if (family === 0) return null;
  const max = family === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return null;
  return { address, prefix, family: family === 4 ? 'ipv4' : 'ipv6' };
}

function parseRange(text: string): { low: string; high: string; family: 'ipv4' | 'ipv6' } | null {
  const parts = text.split('-');
  if (parts.length !== 2) return null;
  const [low = '', high = ''] = parts.map((p) => p.trim());
  const family = isIP(low);
  if (family === 0 || isIP(high) !== family) return null;
  const kind = family === 4 ? 'ipv4' : 'ipv6';
  // BlockList.addRange throws when the start is after the end
  try {
    new BlockList().addRange(low, high, kind);
  } catch {
    return null;
  }
  return { low, high, family: kind };
}
