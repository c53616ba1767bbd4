import type { FieldViolation } from './errors.js';
import type { RegisteredAuthMethod } from './model.js';
import { isAdminPermission, isValidPermission, parseScope } from './permissions.js';
import { checkAudiences } from './validation.js';

/**
 * Settings with a meaning to Keyward itself. Every other key of a workspace's settings map is
 * the product's own (Docpier keeps its processing options there) and passes through untouched.
 */
export const WORKSPACE_SETTING = {
  /**
   * Space-separated permissions: the scope a token gets when a client of the workspace asks
   * for none (RFC 6749 §3.3's pre-defined default), and the permissions new agent clients of
   * the workspace receive. Docpier's agents use `idp.capture`.
   */
  defaultScope: 'default_scope',
  /**
   * The workspace registration policy (RFC 7591 self-registration with an initial access token).
   * Space-separated client authentication methods a registered client may use; unset allows all
   * three. Leaving out both client_secret_* methods means no secret is ever issued.
   */
  registrationAuthMethods: 'registration_auth_methods',
  /** Space-separated permissions a registered client may ask for in `scope`; unset allows none. */
  registrationScopes: 'registration_scopes',
  /** Space-separated token audiences a registered client may ask for; unset allows none. */
  registrationAudiences: 'registration_audiences',
  /**
   * Client ID Metadata Documents: space-separated URL prefixes (`https://agents.example.com/`).
   * A client whose client_id is an https URL under one of them may authenticate with
   * private_key_jwt using the keys its metadata document names, and becomes a client of this
   * workspace on first use; unset, no URL is accepted.
   */
  metadataDocumentPrefixes: 'client_id_metadata_document_prefixes',
} as const;

export const REGISTRATION_AUTH_METHODS: readonly RegisteredAuthMethod[] = ['client_secret_basic', 'client_secret_post', 'private_key_jwt'];

/** What a workspace lets self-registered clients be; read from its settings. */
export interface RegistrationPolicy {
  authMethods: readonly RegisteredAuthMethod[];
  scopes: readonly string[];
  audiences: readonly string[];
}

const words = (value: string | undefined) => (value ?? '').split(' ').filter((w) => w !== '');

export function registrationPolicyOf(settings: Readonly<Record<string, string>>): RegistrationPolicy {
  const methods = settings[WORKSPACE_SETTING.registrationAuthMethods];
  return {
    authMethods: methods === undefined ? REGISTRATION_AUTH_METHODS : REGISTRATION_AUTH_METHODS.filter((m) => words(methods).includes(m)),
    scopes: words(settings[WORKSPACE_SETTING.registrationScopes]),
    audiences: words(settings[WORKSPACE_SETTING.registrationAudiences]),
  };
}

/**
 * The `client_id_metadata_document_prefixes` setting: space-separated URL prefixes, each a
 * scheme, host (and port) and a path ending in '/'. The trailing slash is what keeps
 * `https://example.com/` from also admitting `https://example.com.evil.test/`.
 */
export function metadataDocumentPrefixesOf(settings: Readonly<Record<string, string>>): string[] {
  return (settings[WORKSPACE_SETTING.metadataDocumentPrefixes] ?? '').split(' ').filter((p) => p !== '');
}

/** Why one prefix of the setting is not usable, or null. http is accepted here and refused at use unless development allows it. */
export function metadataDocumentPrefixProblem(prefix: string): string | null {
  let url: URL;
  try {
    url = new URL(prefix);
  } catch {
    return `"${prefix.slice(0, 100)}" is not a URL`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `"${prefix.slice(0, 100)}" must use https`;
  if (url.username !== '' || url.password !== '' || url.search !== '' || prefix.includes('#')) {
    return `"${prefix.slice(0, 100)}" must be a scheme, host and path only (no user, query or fragment)`;
  }
  if (!url.pathname.endsWith('/')) return `"${prefix.slice(0, 100)}" must end with "/" (https://clients.example.com/ or https://example.com/agents/)`;
  if (url.href !== prefix) return `"${prefix.slice(0, 100)}" must be written in its normal form: ${url.href.slice(0, 100)}`;
  return null;
}

/** The workspace's default scope, or null when it sets none. */
export function defaultScopeOf(settings: Readonly<Record<string, string>>): string[] | null {
  const raw = settings[WORKSPACE_SETTING.defaultScope];
  if (raw === undefined) return null;
  const scope = parseScope(raw).filter(isValidPermission);
  return scope.length > 0 ? scope : null;
}

/** `field` is where the request carried the settings (`merge` for a Docpier settings patch). */
export function checkSettingValue(field: string, key: string, value: string, violations: FieldViolation[]) {
  if (key === WORKSPACE_SETTING.defaultScope) {
    const bad = parseScope(value).filter((p) => !isValidPermission(p));
    if (bad.length > 0 || value.trim() === '') {
      violations.push({ field: `${field}.${key}`, description: 'a space-separated list of permissions (printable ASCII, no quotes or backslashes)' });
    }
  }
  if (key === WORKSPACE_SETTING.registrationAuthMethods) {
    const bad = words(value).filter((m) => !(REGISTRATION_AUTH_METHODS as readonly string[]).includes(m));
    if (bad.length > 0) {
      violations.push({ field: `${field}.${key}`, description: `a space-separated list of ${REGISTRATION_AUTH_METHODS.join(', ')}; "${bad[0].slice(0, 40)}" is not one` });
    }
  }
  if (key === WORKSPACE_SETTING.registrationScopes) {
    const scope = words(value);
    if (scope.some((p) => !isValidPermission(p))) {
      violations.push({ field: `${field}.${key}`, description: 'a space-separated list of permissions (printable ASCII, no quotes or backslashes)' });
    } else if (scope.some(isAdminPermission)) {
      // A client that registers itself must not be able to administer Keyward.
      violations.push({ field: `${field}.${key}`, description: 'may not name keyward:* admin permissions; grant those to a client an admin creates' });
    }
  }
  if (key === WORKSPACE_SETTING.metadataDocumentPrefixes) {
    const problem = words(value).map(metadataDocumentPrefixProblem).find((p) => p !== null);
    if (problem) violations.push({ field: `${field}.${key}`, description: `a space-separated list of URL prefixes; ${problem}` });
  }
  if (key === WORKSPACE_SETTING.registrationAudiences) checkAudiences(`${field}.${key}`, words(value), violations);
}
