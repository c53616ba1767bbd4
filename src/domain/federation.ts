import type { FieldViolation } from './errors.js';
import type { ConsoleSignIn, FederatedMatch, Provider } from './model.js';

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
  /** The credential's own claim conditions and audience, as stored; null: none. */
  match: FederatedMatch | null;
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

export function checkClaimConditions(
  field: string,
  conditions: Record<string, unknown>,
  violations: FieldViolation[],
  checkName: (field: string, claim: string, violations: FieldViolation[]) => void = checkTopLevelClaimName,
) {
  const entries = Object.entries(conditions);
  if (entries.length > 20) violations.push({ field, description: 'at most 20 claim conditions' });
  for (const [claim, expected] of entries) {
    checkName(field, claim, violations);
    const values = Array.isArray(expected) ? expected : [expected];
    if (values.length === 0 || values.length > 50 || values.some((v) => typeof v !== 'string' || v.length === 0 || v.length > 500)) {
      violations.push({ field: `${field}.${claim.slice(0, 40)}`, description: 'a condition is a non-empty string or a list of up to 50 of them' });
    }
  }
}

function checkTopLevelClaimName(field: string, claim: string, violations: FieldViolation[]) {
  if (claim.length === 0 || claim.length > 100 || CONTROL.test(claim)) {
    violations.push({ field: `${field}.${claim.slice(0, 40)}`, description: 'claim names are 1 to 100 printable characters' });
  } else if (CHECKED_CLAIMS.has(claim)) {
    violations.push({ field: `${field}.${claim}`, description: `${claim} is always checked; set the provider's issuer or audience instead` });
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

// ── Conditions of one federated credential ─────────────────────────────────────────────────

/**
 * A credential's conditions, as an admin gives them: `claimConditions` (exact values, as on a
 * provider), `claimPatterns` (globs, for hierarchical claims), `audience` (a value the token's
 * `aud` must also hold). A claim is named as it appears at the top of the token, or, for a claim
 * inside an object (Kubernetes' `kubernetes.io`), by a JSON Pointer (RFC 6901) such as
 * `/kubernetes.io/namespace`.
 */
export interface FederatedMatchInput {
  subject?: string | null;
  claimConditions?: Record<string, unknown>;
  claimPatterns?: Record<string, unknown>;
  audience?: string | null;
}

const MAX_WILDCARDS = 10;

/**
 * Globs, not regular expressions: `*` is any run of characters without a `/` (one path segment,
 * `refs/heads/*` is every branch but no `refs/heads/a/b`), `**` any run at all. Nothing else is
 * special, so a pattern cannot be slow or mean more than it says.
 */
function patternProblem(pattern: string): string | null {
  if (/\*{3,}/.test(pattern)) return 'use * (within a path segment) or ** (across segments), never three in a row';
  if ((pattern.match(/\*+/g) ?? []).length > MAX_WILDCARDS) return `at most ${MAX_WILDCARDS} wildcards`;
  if (pattern.replace(/\*/g, '') === '') return 'must contain some literal text: a pattern of wildcards alone matches every value';
  return null;
}

function checkClaimName(field: string, claim: string, violations: FieldViolation[]) {
  if (claim.length === 0 || claim.length > 100 || CONTROL.test(claim)) {
    violations.push({ field: `${field}.${claim.slice(0, 40)}`, description: 'claim names are 1 to 100 printable characters (a JSON Pointer such as /kubernetes.io/namespace for a nested claim)' });
  } else if (CHECKED_CLAIMS.has(claim)) {
    violations.push({ field: `${field}.${claim}`, description: `${claim} is always checked; set the credential's or provider's audience instead` });
  } else if (claim.startsWith('/') && claim.split('/').slice(1).some((s) => s === '')) {
    violations.push({ field: `${field}.${claim.slice(0, 40)}`, description: 'a JSON Pointer names each level: /kubernetes.io/namespace, no empty segments' });
  }
}

/** The stored form of validated input: the conditions, or null when there are none. */
export function federatedMatchOf(input: FederatedMatchInput): FederatedMatch | null {
  const claims = (input.claimConditions ?? {}) as Record<string, string | string[]>;
  const patterns = (input.claimPatterns ?? {}) as Record<string, string | string[]>;
  const audience = input.audience ?? null;
  if (Object.keys(claims).length === 0 && Object.keys(patterns).length === 0 && audience === null) return null;
  return { claims, patterns, audience };
}

/**
 * The one rule for a federated credential's subject and conditions. A credential must never
 * match every token of an issuer by accident: it names an exact subject or at least one exact
 * claim condition. `subject: "*"` is the deliberate exception (every subject of the provider,
 * narrowed by the provider's own conditions and any the credential adds).
 */
export function checkFederatedMatch(input: FederatedMatchInput, violations: FieldViolation[]) {
  const subject = input.subject ?? null;
  if (subject !== null) checkSubject('subject', subject, violations);
  const exact = input.claimConditions ?? {};
  const patterns = input.claimPatterns ?? {};
  if (Object.keys(exact).length > 0) {
    if ('sub' in exact) violations.push({ field: 'claimConditions.sub', description: 'the exact subject is the subject field' });
    checkClaimConditions('claimConditions', exact, violations, checkClaimName);
  }
  const patternEntries = Object.entries(patterns);
  if (patternEntries.length > 20) violations.push({ field: 'claimPatterns', description: 'at most 20 claim patterns' });
  for (const [claim, value] of patternEntries) {
    checkClaimName('claimPatterns', claim, violations);
    const values = Array.isArray(value) ? value : [value];
    if (values.length === 0 || values.length > 10 || values.some((v) => typeof v !== 'string' || v.length === 0 || v.length > 500 || CONTROL.test(v))) {
      violations.push({ field: `claimPatterns.${claim.slice(0, 40)}`, description: 'a pattern is a non-empty string of up to 500 characters, or a list of up to 10 of them' });
      continue;
    }
    for (const pattern of values as string[]) {
      const problem = patternProblem(pattern);
      if (problem) violations.push({ field: `claimPatterns.${claim.slice(0, 40)}`, description: `${JSON.stringify(pattern.slice(0, 100))}: ${problem}` });
    }
  }
  if (input.audience !== undefined && input.audience !== null && (typeof input.audience !== 'string' || input.audience.length === 0 || input.audience.length > 2000 || CONTROL.test(input.audience))) {
    violations.push({ field: 'audience', description: "a value the token's aud must include: 1 to 2000 printable characters" });
  }
  // Explicit "*" is a choice (every subject, narrowed by the provider's conditions); leaving the subject out is not.
  if (subject === null && Object.keys(exact).length === 0) {
    violations.push({
      field: 'subject',
      description:
        'a federated credential needs at least one exact condition, so it cannot match every token of the issuer by accident: the exact subject, or an exact claim in claimConditions (such as repository); subject "*" accepts every subject on purpose',
    });
  }
}

type ClaimTest = (claims: Record<string, unknown>) => boolean;

/** A credential's conditions, ready for the token path: no pattern is parsed per request. */
export interface CompiledMatch {
  audience: string | null;
  conditions: { claim: string; test: ClaimTest }[];
}

/** A claim by name, or by JSON Pointer when the name starts with `/`. */
function claimReader(claim: string): (claims: Record<string, unknown>) => unknown {
  if (!claim.startsWith('/')) return (claims) => (Object.hasOwn(claims, claim) ? claims[claim] : undefined);
  const path = claim
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return (claims) => {
    let at: unknown = claims;
    for (const key of path) {
      if (at === null || typeof at !== 'object' || Array.isArray(at) || !Object.hasOwn(at, key)) return undefined;
      at = (at as Record<string, unknown>)[key];
    }
    return at;
  };
}

type Step = { kind: 'char'; char: string } | { kind: 'segment' } | { kind: 'any' };

/**
 * Matching runs the glob as a set of positions (an NFA), one pass over the value: the cost is
 * the value's length times the pattern's, whatever the pattern, with no backtracking to exploit.
 */
export function compileGlob(pattern: string): (value: string) => boolean {
  const steps: Step[] = [];
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '*' && pattern[i + 1] === '*') {
      steps.push({ kind: 'any' });
      i++;
    } else if (pattern[i] === '*') steps.push({ kind: 'segment' });
    else steps.push({ kind: 'char', char: pattern[i] });
  }
  const size = steps.length + 1;
  const close = (states: Uint8Array) => {
    for (let i = 0; i < steps.length; i++) if (states[i] && steps[i].kind !== 'char') states[i + 1] = 1;
  };
  return (value) => {
    if (value.length > 4000) return false;
    let states = new Uint8Array(size);
    states[0] = 1;
    close(states);
    for (const char of value) {
      const next = new Uint8Array(size);
      let alive = false;
      for (let i = 0; i < steps.length; i++) {
        if (!states[i]) continue;
        const step = steps[i];
        const to = step.kind === 'char' ? (step.char === char ? i + 1 : -1) : step.kind === 'any' || char !== '/' ? i : -1;
        if (to !== -1) {
          next[to] = 1;
          alive = true;
        }
      }
      if (!alive) return false;
      close(next);
      states = next;
    }
    return states[steps.length] === 1;
  };
}

/** String, number and boolean claims compare as text; an array claim holds one matching item. */
const scalarsOf = (actual: unknown): string[] =>
  (Array.isArray(actual) ? actual : [actual]).filter((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean').map(String);

export function compileMatch(match: FederatedMatch): CompiledMatch {
  const conditions: CompiledMatch['conditions'] = [];
  for (const [claim, expected] of Object.entries(match.claims)) {
    const read = claimReader(claim);
    const allowed = new Set(Array.isArray(expected) ? expected : [expected]);
    conditions.push({ claim, test: (claims) => scalarsOf(read(claims)).some((v) => allowed.has(v)) });
  }
  for (const [claim, patterns] of Object.entries(match.patterns)) {
    const read = claimReader(claim);
    const globs = (Array.isArray(patterns) ? patterns : [patterns]).map(compileGlob);
    conditions.push({ claim, test: (claims) => scalarsOf(read(claims)).some((v) => globs.some((glob) => glob(v))) });
  }
  return { audience: match.audience, conditions };
}

/** A binding as the federation directory keeps it: its conditions compiled once, when cached. */
export interface MatchingBinding extends FederatedBinding {
  compiled: CompiledMatch | null;
}

export const matchingBinding = (binding: FederatedBinding): MatchingBinding => ({ ...binding, compiled: binding.match ? compileMatch(binding.match) : null });

/** What a credential's conditions refuse in a verified token, or null when it meets them all. */
export function matchProblem(match: CompiledMatch | null, claims: Record<string, unknown>, audiences: string[]): string | null {
  if (!match) return null;
  if (match.audience !== null && !audiences.includes(match.audience)) return `its audience must include ${match.audience.slice(0, 200)}`;
  for (const { claim, test } of match.conditions) if (!test(claims)) return `it does not meet the condition on the ${claim.slice(0, 100)} claim`;
  return null;
}
