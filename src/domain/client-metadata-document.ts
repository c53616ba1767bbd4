import { KeywardError } from './errors.js';
import { readClientMetadata, type ClientMetadata } from './registration.js';
import { WORKSPACE_SETTING, type RegistrationPolicy } from './workspace-settings.js';

/**
 * OAuth Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-document): a client
 * whose client_id is an https URL, and whose metadata is the JSON document at that URL. Keyward
 * reads such clients only where a workspace lists the URL's prefix in its settings, and only
 * with private_key_jwt: a document is public, so it can name keys but never share a secret.
 */

/** The draft's suggested bound (§ Maximum Response Size): a client's metadata fits easily. */
export const MAX_METADATA_DOCUMENT_BYTES = 5 * 1024;
const MAX_URL_LENGTH = 1000;

/** How long a fetched document is reused when its response says nothing about caching. */
export const DEFAULT_DOCUMENT_LIFETIME_MS = 5 * 60_000;
/** Keyward's upper bound, whatever the response asks: a changed document is seen within a day. */
export const MAX_DOCUMENT_LIFETIME_MS = 24 * 3_600_000;

/**
 * Does this client_id claim to be a metadata document URL? Ordinary client ids never contain
 * ':' or '/', so the scheme alone tells the two apart; whether the URL is acceptable is
 * `metadataDocumentUrlProblem`'s question.
 */
export const isMetadataDocumentUrl = (value: string): boolean => /^https?:\/\//i.test(value);

/**
 * Why `value` cannot be a client_id URL, or null (the draft's "Client Identifier URL"): https,
 * a path, no fragment, no user or password, no dot segments. The URL must also be written
 * exactly as a URL parser writes it back, which rules out dot segments in any spelling
 * (`/a/../b`, `%2e%2e`), an upper-case host and a default port, so that one client has one id
 * and a prefix cannot be escaped. `allowHttp` is development's (KEYWARD_WEBHOOKS_ALLOW_PRIVATE).
 */
export function metadataDocumentUrlProblem(value: string, allowHttp: boolean): string | null {
  if (value.length > MAX_URL_LENGTH) return `the URL must be at most ${MAX_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'it is not a valid URL';
  }
  if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:')) return 'the URL must use https';
  if (url.username !== '' || url.password !== '') return 'the URL must not contain a user name or password';
  if (value.includes('#')) return 'the URL must not contain a fragment';
  if (url.pathname === '/' || url.pathname === '') return 'the URL must have a path (https://host/path/to/client.json)';
  if (url.href !== value) return `the URL must be written in its normal form, without dot segments (${url.href.slice(0, 300)})`;
  return null;
}

const SYMMETRIC_METHODS = ['client_secret_basic', 'client_secret_post', 'client_secret_jwt'];

const documentError = (reason: string) => new KeywardError('invalid_client', `The client ID metadata document was refused: ${reason}.`);

/**
 * A fetched document read as the client's metadata. The draft's rules come first (client_id
 * equals the URL exactly; no shared secret of any kind), then the same RFC 7591 reading and
 * workspace registration policy as a client that registers itself at /oauth/register, so
 * scope and audiences are bounded by `registration_scopes` and `registration_audiences`.
 */
export function readMetadataDocument(url: string, document: Record<string, unknown>, policy: RegistrationPolicy): ClientMetadata {
  if (typeof document.client_id !== 'string') throw documentError('it has no client_id member (it must be the document\'s own URL)');
  if (document.client_id !== url) {
    throw documentError(`its client_id "${document.client_id.slice(0, 300)}" is not the URL it was fetched from (${url}); the two must be equal, character for character`);
  }
  const method = document.token_endpoint_auth_method;
  if (method === undefined) throw documentError('token_endpoint_auth_method must be private_key_jwt (the RFC 7591 default, client_secret_basic, needs a shared secret)');
  if (typeof method === 'string' && SYMMETRIC_METHODS.includes(method)) {
    throw documentError(`token_endpoint_auth_method ${method} uses a shared secret, which a public document cannot carry; use private_key_jwt with jwks_uri or jwks`);
  }
  if (method !== 'private_key_jwt') throw documentError('token_endpoint_auth_method must be private_key_jwt');
  if (document.client_secret !== undefined || document.client_secret_expires_at !== undefined) {
    throw documentError('it must not contain client_secret: a metadata document is public');
  }
  if (!policy.authMethods.includes('private_key_jwt')) {
    throw documentError(`the workspace registration policy (${WORKSPACE_SETTING.registrationAuthMethods}) does not allow private_key_jwt`);
  }
  try {
    return readClientMetadata(document, policy);
  } catch (error) {
    if (error instanceof KeywardError) throw documentError(error.message.replace(/\.$/, ''));
    throw error;
  }
}

/**
 * How long a response may be reused, from its Cache-Control and Expires headers (RFC 9111):
 * 0 for no-store, no-cache or max-age=0 (fetch again at every use), the response's own
 * lifetime bounded by Keyward's maximum otherwise, and the default when it says nothing.
 */
export function documentLifetimeMs(headers: { cacheControl?: string; expires?: string; date?: string }, now: number): number {
  const directives = (headers.cacheControl ?? '')
    .toLowerCase()
    .split(',')
    .map((d) => d.trim());
  if (directives.some((d) => d === 'no-store' || d === 'no-cache' || d.startsWith('no-cache='))) return 0;
  const maxAge = directives.find((d) => d.startsWith('max-age='));
  if (maxAge !== undefined) {
    const seconds = Number(maxAge.slice('max-age='.length).replace(/^"|"$/g, ''));
    if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_DOCUMENT_LIFETIME_MS);
  }
  if (headers.expires !== undefined) {
    const expires = Date.parse(headers.expires);
    // RFC 9111 §5.3: an Expires that is not a valid date means already expired.
    if (Number.isNaN(expires)) return 0;
    const served = headers.date !== undefined && !Number.isNaN(Date.parse(headers.date)) ? Date.parse(headers.date) : now;
    return Math.max(0, Math.min(expires - served, MAX_DOCUMENT_LIFETIME_MS));
  }
  return DEFAULT_DOCUMENT_LIFETIME_MS;
}
