import type { FieldViolation } from './errors.js';
import type { Credential } from './model.js';

/**
 * Fences a credential carries besides its expiry: the source addresses it may authenticate from
 * (`allowedCidrs`, after KEYWARD_TRUST_PROXY has resolved the client address) and the number of
 * times it may authenticate at all (`maxUses`). The token path holds each fenced credential's
 * fence compiled (numeric network and mask per block), so a request parses no CIDR.
 */
export const MAX_ALLOWED_CIDRS = 100;

/** `10.0.0.0/8`, `2001:db8::/32`, or a bare address (one host). */
function cidrProblem(value: string): string | null {
  const slash = value.indexOf('/');
  const address = slash === -1 ? value : value.slice(0, slash);
  const family = !Number.isNaN(ipv4Number(address)) ? 4 : !address.includes('%') && ipv6Groups(address) !== null ? 6 : 0;
  if (family === 0) return `"${value.slice(0, 60)}" is not an IPv4 or IPv6 CIDR block: write an address and a prefix length, such as 10.0.0.0/8 or 2001:db8::/32`;
  if (slash === -1) return null;
  const prefix = value.slice(slash + 1);
  const max = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) {
    return `"${value.slice(0, 60)}" has an invalid prefix length: an IPv${family} prefix is 0 to ${max}`;
  }
  return null;
}

/** The one rule for `allowedCidrs`, wherever a credential is made: each entry an IPv4 or IPv6 block. */
export function checkAllowedCidrs(field: string, cidrs: unknown, violations: FieldViolation[]): void {
  if (!Array.isArray(cidrs)) {
    violations.push({ field, description: 'a list of CIDR blocks, such as ["10.0.0.0/8", "2001:db8::/32"]' });
    return;
  }
  if (cidrs.length > MAX_ALLOWED_CIDRS) violations.push({ field, description: `at most ${MAX_ALLOWED_CIDRS} CIDR blocks` });
  cidrs.forEach((cidr, i) => {
    const problem = typeof cidr === 'string' ? cidrProblem(cidr.trim()) : 'must be a string such as "10.0.0.0/8"';
    if (problem) violations.push({ field: `${field}.${i}`, description: problem });
  });
}

/** The one rule for `maxUses`: a whole number of uses, at least one. */
export function checkMaxUses(field: string, maxUses: unknown, violations: FieldViolation[]): void {
  if (maxUses === null || maxUses === undefined) return;
  if (typeof maxUses !== 'number' || !Number.isSafeInteger(maxUses) || maxUses < 1) {
    violations.push({ field, description: 'a whole number of uses, at least 1 (leave it out for no limit)' });
  }
}

/** Trims entries and drops repeats, in the order given. */
export const normalizeCidrs = (cidrs: readonly string[]): string[] => [...new Set(cidrs.map((c) => c.trim()))];

/** IPv4 blocks as (network, mask) pairs of 32-bit numbers; IPv6 blocks as eight 16-bit groups and a prefix length. */
interface Ipv6Block {
  groups: number[];
  prefix: number;
}

export interface CredentialFence {
  /** The source addresses allowed; null: any. */
  allowed: { v4: { network: number; mask: number }[]; v6: Ipv6Block[] } | null;
  cidrs: readonly string[];
  maxUses: number | null;
}

const v4Mask = (prefix: number) => (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);

/** a.b.c.d as an unsigned 32-bit number; NaN when it is not one. */
function ipv4Number(address: string): number {
  let value = 0;
  let parts = 0;
  let part = -1;
  for (let i = 0; i <= address.length; i++) {
    const code = i < address.length ? address.charCodeAt(i) : 46;
    if (code === 46) {
      if (part < 0 || part > 255 || ++parts > 4) return NaN;
      value = value * 256 + part;
      part = -1;
    } else if (code >= 48 && code <= 57) {
      part = part < 0 ? code - 48 : part * 10 + code - 48;
    } else {
      return NaN;
    }
  }
  return parts === 4 ? value : NaN;
}

const hexValue = (code: number) => (code >= 48 && code <= 57 ? code - 48 : code >= 97 && code <= 102 ? code - 87 : code >= 65 && code <= 70 ? code - 55 : -1);

/**
 * An IPv6 address (with `::`, an IPv4 tail or a zone) as eight 16-bit groups; null when it is
 * not one. Scanned by character: it runs once per fenced token request.
 */
function ipv6Groups(address: string): number[] | null {
  const zone = address.indexOf('%');
  const end = zone === -1 ? address.length : zone;
  const head: number[] = [];
  const tail: number[] = [];
  let groups = head;
  let gap = false;
  let i = 0;
  if (address.charCodeAt(0) === 58) {
    if (address.charCodeAt(1) !== 58) return null;
    gap = true;
    groups = tail;
    i = 2;
  }
  while (i < end) {
    let value = 0;
    let j = i;
    for (; j < end; j++) {
      const digit = hexValue(address.charCodeAt(j));
      if (digit < 0) break;
      value = value * 16 + digit;
    }
    if (j < end && address.charCodeAt(j) === 46) {
      const v4 = ipv4Number(address.slice(i, end));
      if (Number.isNaN(v4)) return null;
      groups.push(v4 >>> 16, v4 & 0xffff);
      break;
    }
    if (j === i || j - i > 4) return null;
    groups.push(value);
    if (j === end) break;
    if (address.charCodeAt(j) !== 58 || j + 1 === end) return null;
    j++;
    if (address.charCodeAt(j) === 58) {
      if (gap) return null;
      gap = true;
      groups = tail;
      j++;
    }
    i = j;
  }
  const count = head.length + tail.length;
  if (!gap) return count === 8 ? head : null;
  if (count > 7) return null;
  for (let k = count; k < 8; k++) head.push(0);
  for (let k = 0; k < tail.length; k++) head[8 - tail.length + k] = tail[k];
  return head;
}

function inIpv6Block(groups: number[], block: Ipv6Block): boolean {
  let bits = block.prefix;
  for (let i = 0; bits > 0; i++, bits -= 16) {
    const mask = bits >= 16 ? 0xffff : (0xffff << (16 - bits)) & 0xffff;
    if ((groups[i] & mask) !== (block.groups[i] & mask)) return false;
  }
  return true;
}

/** The compiled fence of a credential, or null when it carries none (the common case). */
export function compileFence(credential: Pick<Credential, 'allowedCidrs' | 'maxUses'>): CredentialFence | null {
  const { allowedCidrs, maxUses } = credential;
  if (allowedCidrs.length === 0 && maxUses === null) return null;
  let allowed: CredentialFence['allowed'] = null;
  if (allowedCidrs.length > 0) {
    allowed = { v4: [], v6: [] };
    for (const cidr of allowedCidrs) {
      const slash = cidr.indexOf('/');
      const address = slash === -1 ? cidr : cidr.slice(0, slash);
      const v4 = ipv4Number(address);
      if (!Number.isNaN(v4)) {
        const mask = v4Mask(slash === -1 ? 32 : Number(cidr.slice(slash + 1)));
        allowed.v4.push({ network: (v4 & mask) >>> 0, mask });
      } else {
        const groups = ipv6Groups(address);
        if (groups) allowed.v6.push({ groups, prefix: slash === -1 ? 128 : Number(cidr.slice(slash + 1)) });
      }
    }
  }
  return { allowed, cidrs: allowedCidrs, maxUses };
}

/**
 * Is the address inside the fence's blocks? A dual-stack listener reports an IPv4 caller as
 * `::ffff:a.b.c.d`; that is the IPv4 address for the blocks' purposes. An address that is no
 * IP at all (a forwarded header can say anything) is outside every block.
 */
export function addressAllowed(fence: CredentialFence, address: string): boolean {
  const allowed = fence.allowed;
  if (allowed === null) return true;
  let v4 = ipv4Number(address);
  let groups: number[] | null = null;
  if (Number.isNaN(v4)) {
    groups = ipv6Groups(address);
    if (groups === null) return false;
    // ::ffff:a.b.c.d, the IPv4-mapped form.
    if (groups[0] === 0 && groups[1] === 0 && groups[2] === 0 && groups[3] === 0 && groups[4] === 0 && groups[5] === 0xffff) {
      v4 = groups[6] * 65536 + groups[7];
    }
  }
  if (!Number.isNaN(v4)) {
    for (const block of allowed.v4) if (((v4 & block.mask) >>> 0) === block.network) return true;
    return false;
  }
  for (const block of allowed.v6) if (inIpv6Block(groups!, block)) return true;
  return false;
}
