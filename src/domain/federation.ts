import type { FieldViolation } from './errors.js';

/**
 * Rules of federated trust that need no I/O: what a provider's URLs, subjects and claim
 * conditions may look like, and whether a token's claims satisfy them.
 */
export const ANY_SUBJECT = '*';

/** Where a federated credential points: enough for the token path to pick the client. */
export interface FederatedBinding {
  orgId: string;
  providerId: string;
  subject: string;
  credentialId: string;
  apiClientId: string;
  /** The client's OAuth client_id. */
  clientId: string;
}

const CONTROL = /[\u0000-\u001f\u007f]/;

/** Claims every verification checks on its own; a condition on them would only confuse. */
const CHECKED_CLAIMS = new Set(['iss', 'aud', 'exp', 'nbf', 'iat', 'jti']);

/**
 * Issuer and key-set URLs. https only: keys fetched over plain http could be swapped by anyone on
 * the path, and whoever controls the keys can sign in as every federated client. Development
 * installations (KEYWARD_WEBHOOKS_ALLOW_PRIVATE) may use http.
 *
 * URLs Keyward fetches (a key set) must also name a public host, as a webhook URL must: a key set
 * at 169.254.169.254 or localhost would be refused by the SSRF guard on every token request, so it
 * is refused when it is written. The caller passes that judgement (`hostProblem`, from the SSRF
 * guard in net/), which keeps address rules out of the domain. An issuer is an identifier first
 * and is not judged by its host.
 */
export function checkHttpsUrl(
  field: string,
  value: string,
  allowHttp: boolean,
  violations: FieldViolation[],
  hostProblem?: (url: URL) => string | null,
) {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    violations.push({ field, description: 'must be an absolute URL' });
    return;
  }
  if (value.length > 2000) violations.push({ field, description: 'must be at most 2000 characters' });
  if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:')) {
    violations.push({ field, description: allowHttp ? 'must be an http or https URL' : 'must be an https URL' });
  }
  if (url.username !== '' || url.password !== '') violations.push({ field, description: 'must not contain user information' });
  if (url.hash !== '') violations.push({ field, description: 'must not contain a fragment' });
  if (hostProblem && !allowHttp) {
    const problem = hostProblem(url);
    if (problem) violations.push({ field, description: `${problem} (private hosts are allowed only with KEYWARD_WEBHOOKS_ALLOW_PRIVATE, for development)` });
  }
}

/** A token's `sub` as a credential or binding names it: `*`, or 1 to 255 printable characters. */
export function checkSubject(field: string, value: string, violations: FieldViolation[]) {
  if (value.length === 0 || value.length > 255 || CONTROL.test(value)) {
    violations.push({ field, description: 'must be the exact sub claim (1 to 255 characters) or * for any subject' });
  }
}

export function checkClaimConditions(field: string, conditions: Record<string, unknown>, violations: FieldViolation[]) {
  const entries = Object.entries(conditions);
  if (entries.length > 20) violations.push({ field, description: 'at most 20 claim conditions' });
  for (const [claim, expected] of entries) {
    if (claim.length === 0 || claim.length > 100 || CONTROL.test(claim)) {
      violations.push({ field: `${field}.${claim.slice(0, 40)}`, description: 'claim names are 1 to 100 printable characters' });
    } else if (CHECKED_CLAIMS.has(claim)) {
      violations.push({ field: `${field}.${claim}`, description: `${claim} is always checked; set the provider's issuer or audience instead` });
    }
    const values = Array.isArray(expected) ? expected : [expected];
    if (values.length === 0 || values.length > 50 || values.some((v) => typeof v !== 'string' || v.length === 0 || v.length > 500)) {
      violations.push({ field: `${field}.${claim.slice(0, 40)}`, description: 'a condition is a non-empty string or a list of up to 50 of them' });
    }
  }
}

export const subjectMatches = (bound: string | null, subject: string) => bound === null || bound === ANY_SUBJECT || bound === subject;

/**
 * The first condition the claims do not meet, or null. A string claim must equal one of the
 * expected values; an array claim (groups, roles) must contain one of them.
 */
export function unmetCondition(conditions: Record<string, string | string[]>, claims: Record<string, unknown>): string | null {
  for (const [claim, expected] of Object.entries(conditions)) {
    const allowed = Array.isArray(expected) ? expected : [expected];
    const actual = claims[claim];
    const held = Array.isArray(actual) ? actual : [actual];
    if (!held.some((v) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && allowed.includes(String(v)))) return claim;
  }
  return null;
}
