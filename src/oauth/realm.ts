import { KeywardError } from '../domain/errors.js';

/**
 * Keycloak-style realm paths (`/realms/{realm}/…`). A client configured for a realm believes
 * only tokens whose `iss` is `{base}/realms/{realm}` and finds keys through that issuer's own
 * discovery document, so the realm paths issue and describe tokens under that issuer. Any realm
 * name is served (Keyward has no realms of its own); every one is signed by the installation's
 * keys and belongs to the same organizations and clients.
 */
export const REALM_SEGMENT = '/realms/';

/** Keycloak's own limit for a realm name. */
const MAX_REALM_LENGTH = 255;
const CONTROL = /[\x00-\x1f\x7f]/;

/**
 * The issuer a realm path speaks for. The name is percent-encoded as a URL path segment, so the
 * issuer is the URL a client writes for that realm, and no realm name can reach another path.
 */
export function realmIssuer(base: string, realm: unknown): string {
  if (typeof realm !== 'string' || realm.length === 0 || realm.length > MAX_REALM_LENGTH || CONTROL.test(realm)) {
    throw new KeywardError(
      'invalid_request',
      `The realm name in the path must be 1 to ${MAX_REALM_LENGTH} characters without control characters; use /realms/{realm}/… with a name such as "idp".`,
    );
  }
  return `${base}${REALM_SEGMENT}${encodeURIComponent(realm)}`;
}

/**
 * Is `iss` the issuer of some realm of `base`? Only Keyward's keys sign the tokens this is asked
 * about, so the shape is enough: one non-empty path segment after `/realms/`.
 */
export function isRealmIssuerOf(base: string, iss: string): boolean {
  const prefixLength = base.length + REALM_SEGMENT.length;
  return iss.length > prefixLength && iss.startsWith(base) && iss.startsWith(REALM_SEGMENT, base.length) && !iss.includes('/', prefixLength);
}

/** The path parameter of every realm route. */
export interface RealmParams {
  realm: string;
}
