import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

export class SsrfRefusedError extends Error {
  readonly code = 'ssrf_refused' as const;

  constructor(message: string) {
    super(message);
    this.name = 'SsrfRefusedError';
  }
}

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Injectable so tests can simulate public, private and rebinding DNS answers. */
export type ResolveHost = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export interface GuardOptions {
  /** Skips the address checks (tests, development); set from KEYWARD_WEBHOOKS_ALLOW_PRIVATE. */
  allowPrivate?: boolean;
  resolveHost?: ResolveHost;
  /** What the host is, in refusals: "webhook host" unless the fetch is for something else ("key set host"). */
  purpose?: string;
}

export interface PinnedTarget {
  url: URL;
  /** Without IPv6 brackets: what TLS SNI, certificate checks and the Host header must name. */
  hostname: string;
  /** The address that was checked; the connection must go here and nowhere else. */
  address: string;
  family: 4 | 6;
  port: number;
}

const ALLOW_PRIVATE_HINT = 'set KEYWARD_WEBHOOKS_ALLOW_PRIVATE=true only for development and tests';

interface Rule {
  label: string;
  list: BlockList;
}

function rules(family: 'ipv4' | 'ipv6', table: ReadonlyArray<readonly [string, number, string]>): Rule[] {
  return table.map(([network, prefix, label]) => {
    const list = new BlockList();
    list.addSubnet(network, prefix, family);
    return { label, list };
  });
}

// IANA special-purpose registries: nothing in these ranges is a public webhook receiver, and
// several (loopback, RFC 1918, CGNAT, link-local metadata) are exactly what SSRF aims at.
const IPV4_RULES = rules('ipv4', [
  ['0.0.0.0', 8, 'unspecified ("this network")'],
  ['10.0.0.0', 8, 'private (RFC 1918)'],
  ['100.64.0.0', 10, 'carrier-grade NAT (RFC 6598)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local (cloud metadata)'],
  ['172.16.0.0', 12, 'private (RFC 1918)'],
  ['192.0.0.0', 24, 'IETF protocol assignment'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, '6to4 relay anycast'],
  ['192.168.0.0', 16, 'private (RFC 1918)'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved or broadcast'],
]);

const IPV6_RULES = rules('ipv6', [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['::', 96, 'IPv4-compatible (deprecated)'],
  ['64:ff9b:1::', 48, 'local-use NAT64'],
  ['100::', 64, 'discard-only'],
  ['2001::', 32, 'Teredo'],
  ['2001:db8::', 32, 'documentation'],
  ['3fff::', 20, 'documentation'],
  ['fc00::', 7, 'unique-local'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local (deprecated)'],
  ['ff00::', 8, 'multicast'],
]);

// Only global unicast is routable on the public internet; refusing everything else also
// covers ranges IANA assigns in the future outside 2000::/3.
const IPV6_GLOBAL_UNICAST = rules('ipv6', [['2000::', 3, 'global unicast']])[0].list;

// Forms that carry an IPv4 address inside an IPv6 one: the embedded address is what the
// packet finally reaches, so it is judged by the IPv4 rules.
const IPV6_EMBEDDING_IPV4: ReadonlyArray<{ label: string; list: BlockList; offset: number }> = [
  { ...rules('ipv6', [['::ffff:0:0', 96, 'IPv4-mapped']])[0], offset: 12 },
  { ...rules('ipv6', [['64:ff9b::', 96, 'NAT64']])[0], offset: 12 },
  { ...rules('ipv6', [['2002::', 16, '6to4']])[0], offset: 2 },
];

/** Why an address must not be contacted, or null when it is a public unicast address. */
export function refusedAddressReason(rawAddress: string): string | null {
  const address = rawAddress.split('%')[0];
  const version = isIP(address);
  if (version === 4) {
    return IPV4_RULES.find((rule) => rule.list.check(address, 'ipv4'))?.label ?? null;
  }
  if (version !== 6) {
    return 'not an IP address';
  }
  for (const form of IPV6_EMBEDDING_IPV4) {
    if (form.list.check(address, 'ipv6')) {
      const bytes = ipv6Bytes(address);
      const embedded = Array.from(bytes.subarray(form.offset, form.offset + 4)).join('.');
      const reason = refusedAddressReason(embedded);
      return reason === null ? null : `${form.label} ${reason}`;
    }
  }
  const rule = IPV6_RULES.find((candidate) => candidate.list.check(address, 'ipv6'));
  if (rule) {
    return rule.label;
  }
  return IPV6_GLOBAL_UNICAST.check(address, 'ipv6') ? null : 'not global unicast';
}

/** Checks scheme and shape without DNS; usable on its own when a webhook is registered. */
export function parseTargetUrl(input: string | URL, what = 'webhook URL'): URL {
  let url: URL;
  try {
    // WHATWG parsing also normalises decimal, octal and hex IPv4 hosts (2130706433, 0x7f.1)
    // to dotted form, so the address checks below see what the socket would connect to.
    url = new URL(String(input));
  } catch {
    throw new SsrfRefusedError(`${what} is not a valid absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SsrfRefusedError(`${what} scheme ${url.protocol} is not allowed; use http or https`);
  }
  // Credentials in the URL are a classic parser-confusion vector (`https://good@evil/`) and
  // receiver credentials have their own, write-only home in the webhook's auth settings.
  if (url.username !== '' || url.password !== '') {
    throw new SsrfRefusedError(`${what} must not contain user information`);
  }
  return url;
}

/**
 * Resolves the URL's host once, refuses it if any answer is a non-public address, and returns
 * the address to connect to. Every answer is checked because the resolver may hand the
 * socket a different one than the first.
 */
export async function resolvePinnedTarget(input: string | URL, options: GuardOptions = {}): Promise<PinnedTarget> {
  const purpose = options.purpose ?? 'webhook host';
  const url = parseTargetUrl(input, purpose.replace(/ host$/, ' URL'));
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const literal = isIP(hostname);
  const answers: readonly ResolvedAddress[] = literal
    ? [{ address: hostname, family: literal }]
    : await (options.resolveHost ?? resolveWithSystem)(hostname);
  if (answers.length === 0) {
    throw new Error(`${purpose} ${hostname} did not resolve to any address`);
  }
  if (!options.allowPrivate) {
    for (const answer of answers) {
      const reason = refusedAddressReason(answer.address);
      if (reason !== null) {
        throw new SsrfRefusedError(
          `refusing ${purpose} ${hostname}: ${answer.address} is not a public address (${reason}); ${ALLOW_PRIVATE_HINT}`,
        );
      }
    }
  }
  const pinned = answers[0];
  return {
    url,
    hostname,
    address: pinned.address,
    family: pinned.family === 6 ? 6 : 4,
    port: url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port),
  };
}

async function resolveWithSystem(hostname: string): Promise<readonly ResolvedAddress[]> {
  return lookup(hostname, { all: true, verbatim: true });
}

function ipv6Bytes(address: string): Uint8Array {
  let text = address;
  const lastColon = text.lastIndexOf(':');
  const dottedTail = text.slice(lastColon + 1);
  if (dottedTail.includes('.')) {
    const [a, b, c, d] = dottedTail.split('.').map(Number);
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups =
    tail === undefined
      ? headGroups
      : [...headGroups, ...new Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  const bytes = new Uint8Array(16);
  groups.forEach((group, index) => {
    const value = parseInt(group, 16);
    bytes[index * 2] = value >> 8;
    bytes[index * 2 + 1] = value & 0xff;
  });
  return bytes;
}
