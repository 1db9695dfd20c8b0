/**
 * Which IP addresses Parley may fetch from. Everything that is not plainly a public unicast
 * address is refused unless the caller lifts the rule (`allowPrivate`) or exempts a range
 * (`allowAddresses`), so a URL in a feed cannot make a worker talk to the cloud metadata service,
 * the Redis next door, or anything else inside the network (server-side request forgery).
 */
import { isIP } from 'node:net';

/** How the caller relaxes the rule. */
export interface AddressPolicy {
  /** Lift the rule (development, tests against local servers, intranets) — except for link-local. */
  allowPrivate: boolean;
  /**
   * Allow link-local addresses too (169.254.0.0/16, fe80::/10). Separate from allowPrivate because
   * the cloud metadata service (169.254.169.254) lives there: opening an intranet must not open it.
   */
  allowLinkLocal?: boolean;
  /** CIDR ranges or single addresses fetched even though they are not public (an internal mirror). */
  allowAddresses?: readonly string[];
}

interface Range {
  /** Network address as a 128-bit number (IPv4 ranges are kept in the IPv4-mapped space). */
  base: bigint;
  /** Prefix length in the 128-bit space. */
  bits: number;
  /** What a person calls such an address, with its article: "a loopback". */
  label: string;
}

const IPV4_MAPPED_PREFIX = 0xffffn << 32n;
const NAT64_PREFIX = 0x0064ff9bn << 96n;
const SIX_TO_FOUR_PREFIX = 0x2002n << 112n;
const TRAILING_DOTTED_QUAD = /(\d+\.\d+\.\d+\.\d+)$/;

/** IPv4 ranges that are not public unicast (RFC 6890 special-purpose registry). Broadcast first. */
const V4_RANGES: ReadonlyArray<readonly [string, number, string]> = [
  ['255.255.255.255', 32, 'a broadcast'],
  ['0.0.0.0', 32, 'an unspecified'],
  ['0.0.0.0', 8, 'a reserved ("this network")'],
  ['10.0.0.0', 8, 'a private'],
  ['100.64.0.0', 10, 'a carrier-grade NAT (shared)'],
  ['127.0.0.0', 8, 'a loopback'],
  ['169.254.0.0', 16, 'a link-local'],
  ['172.16.0.0', 12, 'a private'],
  ['192.0.0.0', 24, 'a reserved (IETF protocol)'],
  ['192.0.2.0', 24, 'a reserved (documentation)'],
  ['192.88.99.0', 24, 'a reserved (6to4 relay)'],
  ['192.168.0.0', 16, 'a private'],
  ['198.18.0.0', 15, 'a reserved (benchmarking)'],
  ['198.51.100.0', 24, 'a reserved (documentation)'],
  ['203.0.113.0', 24, 'a reserved (documentation)'],
  ['224.0.0.0', 4, 'a multicast'],
  ['240.0.0.0', 4, 'a reserved'],
];

/** IPv6 ranges that are not public unicast. Ranges that embed an IPv4 address are handled apart. */
const V6_RANGES: ReadonlyArray<readonly [string, number, string]> = [
  ['::', 128, 'an unspecified'],
  ['::1', 128, 'a loopback'],
  ['::', 96, 'a reserved (IPv4-compatible)'],
  ['64:ff9b:1::', 48, 'a private (local-use NAT64)'],
  ['100::', 64, 'a reserved (discard-only)'],
  ['2001:db8::', 32, 'a reserved (documentation)'],
  ['fc00::', 7, 'a private (unique local)'],
  ['fe80::', 10, 'a link-local'],
  ['fec0::', 10, 'a private (site-local)'],
  ['ff00::', 8, 'a multicast'],
];

const RANGES: readonly Range[] = [
  ...V4_RANGES.map(([ip, bits, label]) => ({ base: IPV4_MAPPED_PREFIX | ipv4ToBigInt(ip), bits: bits + 96, label })),
  ...V6_RANGES.map(([ip, bits, label]) => ({ base: ipv6ToBigInt(ip), bits, label })),
];

/** Parses dotted-quad IPv4 into a number. The caller has checked the syntax with isIP. */
function ipv4ToBigInt(ip: string): bigint {
  return ip.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

/** Parses any IPv6 text form (with `::`, with a trailing dotted quad) into a 128-bit number. */
function ipv6ToBigInt(ip: string): bigint {
  let text = ip;
  const dotted = TRAILING_DOTTED_QUAD.exec(text)?.[1];
  if (dotted) {
    const v4 = Number(ipv4ToBigInt(dotted));
    text = `${text.slice(0, -dotted.length)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const parse = (s: string): bigint[] => (s === '' ? [] : s.split(':').map((g) => BigInt(parseInt(g, 16))));
  const [head = '', tail] = text.split('::');
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const zeros = new Array<bigint>(8 - left.length - right.length).fill(0n);
  return [...left, ...zeros, ...right].reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** The address as a 128-bit number (IPv4 in the IPv4-mapped space), or null when not an IP. */
function toBigInt(ip: string): bigint | null {
  const bare = stripZone(ip);
  const family = isIP(bare);
  if (family === 4) return IPV4_MAPPED_PREFIX | ipv4ToBigInt(bare);
  if (family === 6) return ipv6ToBigInt(bare);
  return null;
}

function stripZone(ip: string): string {
  const unbracketed = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  const zone = unbracketed.indexOf('%');
  return zone === -1 ? unbracketed : unbracketed.slice(0, zone);
}

function inRange(value: bigint, range: Range): boolean {
  const shift = BigInt(128 - range.bits);
  return value >> shift === range.base >> shift;
}

/** The IPv4 address an IPv6 address stands for (NAT64 well-known prefix, 6to4), if any. */
function embeddedIpv4(value: bigint): bigint | null {
  if (value >> 32n === NAT64_PREFIX >> 32n) return IPV4_MAPPED_PREFIX | (value & 0xffffffffn);
  if (value >> 112n === SIX_TO_FOUR_PREFIX >> 112n) return IPV4_MAPPED_PREFIX | ((value >> 80n) & 0xffffffffn);
  return null;
}

/**
 * What kind of non-public address `ip` is, with its article ("a loopback", "a private" …), or
 * null for a public unicast address. IPv4-mapped, NAT64 and 6to4 forms are judged by the IPv4
 * address they carry. Throws TypeError for a string that is not an IP address.
 */
export function classifyAddress(ip: string): string | null {
  const value = toBigInt(ip);
  if (value === null) throw new TypeError(`not an IP address: ${ip}`);
  const embedded = embeddedIpv4(value);
  const judged = embedded ?? value;
  return RANGES.find((range) => inRange(judged, range))?.label ?? null;
}

/** Parses "10.1.0.0/16", "fd00::/8" or a bare address into a range; throws on bad input. */
function parseCidr(text: string): Range {
  const [ip = '', prefix] = text.split('/');
  const value = toBigInt(ip);
  if (value === null) throw new TypeError(`not an address or CIDR range: ${text}`);
  const isV4 = isIP(stripZone(ip)) === 4;
  const bits = prefix === undefined ? 128 : Number(prefix) + (isV4 ? 96 : 0);
  if (!Number.isInteger(bits) || bits < 0 || bits > 128) throw new TypeError(`bad prefix length in ${text}`);
  return { base: value, bits, label: 'allowed' };
}

/**
 * Why `ip` may not be fetched from under `policy` — "127.0.0.1 is a loopback address" — or null
 * when it may.
 */
export function refusalReason(ip: string, policy: AddressPolicy): string | null {
  const label = classifyAddress(ip);
  if (label === null) return null;
  if (policy.allowPrivate && (policy.allowLinkLocal || !label.includes('link-local'))) return null;
  const value = toBigInt(ip)!;
  if (policy.allowAddresses?.some((cidr) => inRange(value, parseCidr(cidr)))) return null;
  const [article, ...rest] = label.split(' ');
  const [kind, ...qualifier] = rest.join(' ').split(' (');
  const note = qualifier.length > 0 ? ` (${qualifier.join(' (')}` : '';
  return `${stripZone(ip)} is ${article} ${kind} address${note}`;
}

/**
 * The refusal as a person reads it: what was refused, why, and the setting that allows such
 * addresses (an intranet set-up) — "…: 10.0.0.1 is a private address; FETCH_ALLOW_PRIVATE=1 allows
 * private addresses".
 */
export function refusedMessage(url: string, reason: string): string {
  const advice = reason.includes('link-local')
    ? 'FETCH_ALLOW_PRIVATE=1 with FETCH_ALLOW_LINK_LOCAL=1 allows link-local addresses'
    : 'FETCH_ALLOW_PRIVATE=1 allows private addresses';
  return `refused to fetch ${url}: ${reason}; ${advice}`;
}

/** The host of a URL as an IP literal (brackets removed), or null when it is a name. */
export function ipLiteralHost(url: URL): string | null {
  const host = stripZone(url.hostname);
  return isIP(host) === 0 ? null : host;
}
