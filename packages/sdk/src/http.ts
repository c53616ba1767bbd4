/** The `fetch` the SDK calls: the global one unless an option supplies another. */
export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

/**
 * RFC 6749 §2.3.1 / Appendix B: the client id and secret are each
 * application/x-www-form-urlencoded before they are joined for Basic authentication, so `+`,
 * `:`, `%` and spaces survive the trip. encodeURIComponent leaves `!'()*` alone, and the form
 * encoding writes a space as `+`.
 */
export function formEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** btoa, not Buffer: the form encoding leaves only ASCII, and the admin console runs this in a browser. */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  return `Basic ${btoa(`${formEncode(clientId)}:${formEncode(clientSecret)}`)}`;
}

/** RFC 9110 §10.2.3: delta-seconds or an HTTP date; seconds from now, or undefined. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * RFC 8414 §3.1: the well-known segment goes between the host and the issuer's path, so an
 * issuer `https://as.example/tenant` has its metadata at
 * `https://as.example/.well-known/oauth-authorization-server/tenant`.
 */
export function wellKnownUrl(issuer: string, suffix: string): string {
  const url = new URL(issuer);
  const path = url.pathname.replace(/\/$/, '');
  url.pathname = `/.well-known/${suffix}${path}`;
  return url.href;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The issuer without a trailing slash, the form endpoints are appended to. */
export const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** The DPoP proof algorithms (RFC 9449) the SDK signs with and accepts by default: Keyward's set. */
export const DPOP_ALGORITHMS = ['ES256', 'EdDSA', 'RS256'] as const;
export type DpopAlgorithm = (typeof DPOP_ALGORITHMS)[number];
