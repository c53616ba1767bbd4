import type { FieldViolation } from './errors.js';
import type { ConsoleSignIn, Provider } from './model.js';

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

/**
 * The `aud` a provider's tokens must carry: its own audience, or Keyward's issuer URL. The one
 * rule for verifying its tokens and for telling the console which audience to ask for.
 */
export const acceptedAudience = (provider: Pick<Provider, 'audience'>, keywardIssuer: string) => provider.audience ?? keywardIssuer;

/** What the console asks a provider for when its sign-in names no scopes. */
export const DEFAULT_CONSOLE_SCOPES: readonly string[] = ['openid'];

/** A client_id as RFC 6749 allows it (VSCHAR), less the space, which a console's client id never needs and a form easily mangles. */
const CLIENT_ID = /^[\x21-\x7e]{1,255}$/;
/** RFC 6749 §3.3 scope-token: printable ASCII except space, `"` and `\`. */
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]{1,200}$/;

/** The console's sign-in at a provider, as given (`scopes` may be left out): each violation names what to fix. */
export function checkConsoleSignIn(field: string, value: { clientId?: unknown; scopes?: unknown }, violations: FieldViolation[]) {
  if (typeof value.clientId !== 'string' || value.clientId === '') {
    violations.push({ field: `${field}.clientId`, description: "is required: the client id of the console's public client registered at this provider" });
  } else if (!CLIENT_ID.test(value.clientId)) {
    violations.push({ field: `${field}.clientId`, description: 'must be 1 to 255 printable characters without spaces' });
  }
  if (value.scopes === undefined) return;
  const scopes = value.scopes;
  if (!Array.isArray(scopes) || scopes.length === 0 || scopes.length > 20) {
    violations.push({ field: `${field}.scopes`, description: `a list of 1 to 20 scopes; leave it out to ask for ${DEFAULT_CONSOLE_SCOPES.join(' ')}` });
    return;
  }
  scopes.forEach((scope, i) => {
    if (typeof scope !== 'string' || !SCOPE_TOKEN.test(scope)) {
      violations.push({ field: `${field}.scopes[${i}]`, description: 'one scope per item: 1 to 200 printable characters without spaces, quotes or backslashes' });
    }
  });
  if (new Set(scopes).size !== scopes.length) violations.push({ field: `${field}.scopes`, description: 'names a scope twice' });
}

/** The stored form: scopes filled in when left out. */
export const consoleSignInOf = (value: { clientId: string; scopes?: string[] }): ConsoleSignIn => ({
  clientId: value.clientId,
  scopes: value.scopes ?? [...DEFAULT_CONSOLE_SCOPES],
});

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
