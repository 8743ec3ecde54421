/**
 * IPv4 and IPv6 addresses and CIDR ranges for `IpAddress` / `NotIpAddress` (AWS: "the IP address
 * condition operators ... accept IPv4 and IPv6 in CIDR notation"). Pure parsing: no `node:net`, so the
 * core stays free of I/O modules and the evaluator can run anywhere.
 */
export type IpAddress = { version: 4; value: number } | { version: 6; value: bigint };

export type CidrRange =
  | { version: 4; network: number; mask: number }
  | { version: 6; network: bigint; mask: bigint };

const IPV4_PART = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;
const ALL_ONES_128 = (1n << 128n) - 1n;

function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!IPV4_PART.test(part)) return null;
    value = value * 256 + Number(part);
  }
  return value;
}

function parseIpv6(text: string): bigint | null {
  if (text.includes('%')) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (half: string): number[] | null => {
    if (half === '') return [];
    const out: number[] = [];
    const pieces = half.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i];
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4(piece);
        if (v4 === null) return null;
        out.push(v4 >>> 16, v4 & 0xffff);
      } else if (HEX_GROUP.test(piece)) out.push(parseInt(piece, 16));
      else return null;
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  let value = 0n;
  for (const g of [...head, ...new Array<number>(missing).fill(0), ...tail]) value = (value << 16n) | BigInt(g);
  return value;
}

const V4_MAPPED_PREFIX = 0xffffn << 32n;

/** Parses one address; an IPv4-mapped IPv6 address (`::ffff:10.0.0.1`, what a dual-stack socket reports) is IPv4. */
export function parseIp(text: string): IpAddress | null {
  const trimmed = text.trim();
  if (trimmed.includes(':')) {
    const v6 = parseIpv6(trimmed);
    if (v6 === null) return null;
    if (v6 >> 32n === 0xffffn) return { version: 4, value: Number(v6 - V4_MAPPED_PREFIX) };
    return { version: 6, value: v6 };
  }
  const v4 = parseIpv4(trimmed);
  return v4 === null ? null : { version: 4, value: v4 };
}

/** Parses `203.0.113.0/24` or `2001:db8::/32`; a bare address is a one-address range. */
export function parseCidr(text: string): CidrRange | null {
  const [address, prefixText, ...extra] = text.trim().split('/');
  if (extra.length > 0) return null;
  const ip = parseIp(address);
  if (!ip) return null;
  const isV4 = ip.version === 4 && !address.includes(':');
  const bits = isV4 ? 32 : 128;
  let prefix = bits;
  if (prefixText !== undefined) {
    if (!/^\d{1,3}$/.test(prefixText)) return null;
    prefix = Number(prefixText);
    if (prefix > bits) return null;
  }
  if (ip.version === 4 && isV4) {
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    return { version: 4, network: (ip.value & mask) >>> 0, mask };
  }
  const value = ip.version === 6 ? ip.value : V4_MAPPED_PREFIX + BigInt(ip.value);
  const mask = prefix === 0 ? 0n : (ALL_ONES_128 << BigInt(128 - prefix)) & ALL_ONES_128;
  return { version: 6, network: value & mask, mask };
}

export function isInRange(ip: IpAddress, range: CidrRange): boolean {
  if (ip.version === 4) {
    if (range.version === 4) return ((ip.value & range.mask) >>> 0) === range.network;
    return ((V4_MAPPED_PREFIX + BigInt(ip.value)) & range.mask) === range.network;
  }
  return range.version === 6 && (ip.value & range.mask) === range.network;
}
