import { isIP } from 'node:net';
import { parseTargetUrl, refusedAddressReason, SsrfRefusedError } from './ssrf-guard.js';

/**
 * What a webhook (or its token endpoint) may point at, checked when it is registered so that the
 * admin hears about a bad URL at once. The delivery path checks again after DNS resolution and
 * pins the address (pinned-http), which is what stops a name that rebinds later.
 */
export interface TargetPolicy {
  /** KEYWARD_WEBHOOKS_ALLOW_PRIVATE: development and tests, where receivers run on loopback over http. */
  allowPrivate: boolean;
}

const MAX_URL_LENGTH = 2000;

// Well-known ports below 1024 other than HTTP(S) are other protocols (SMTP, SSH, LDAP…) that a
// webhook POST could be smuggled into.
const isAllowedPort = (port: string) => port === '' || port === '80' || port === '443' || Number(port) >= 1024;

/** Why the URL is refused, or null when it may be registered. */
export function targetProblem(input: string, policy: TargetPolicy): string | null {
  if (input.length > MAX_URL_LENGTH) return `must be at most ${MAX_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = parseTargetUrl(input);
  } catch (error) {
    return error instanceof SsrfRefusedError ? error.message.replace(/^webhook URL /, '') : 'is not a valid URL';
  }
  if (url.hash) return 'must not contain a fragment';
  if (policy.allowPrivate) return null;
  if (url.protocol !== 'https:') return 'must use https (http is allowed only with KEYWARD_WEBHOOKS_ALLOW_PRIVATE, for development)';
  return hostProblem(url);
}

/**
 * Why the URL's host and port must not be contacted, or null: the registration-time half of the
 * SSRF guard, shared by webhooks and by the key sets Keyward fetches (jwksUri). DNS names are
 * judged again after resolution, when they are fetched.
 */
export function hostProblem(url: URL): string | null {
  if (!isAllowedPort(url.port)) return `must not use port ${url.port}: use 443, 80 or a port from 1024 up`;
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) {
    return `must name a public host, not ${host}`;
  }
  if (isIP(host)) {
    const reason = refusedAddressReason(host);
    if (reason !== null) return `must name a public address; ${host} is ${reason}`;
  }
  return null;
}
