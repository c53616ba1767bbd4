import { publicJwkProblem, type PublicJwk } from '../crypto/client-keys.js';
import { documentLifetimeMs, MAX_METADATA_DOCUMENT_BYTES } from '../domain/client-metadata-document.js';
import { KeywardError } from '../domain/errors.js';
import { pinnedRequest } from '../net/pinned-http.js';

/**
 * Key sets Keyward fetches: clients' jwks_uri and providers' keys (given, or found through
 * OpenID discovery). Every fetch goes through the SSRF guard with the address pinned. A set is
 * reused for `ttlMs`; a kid it does not hold refetches it early, but at most once per
 * `minRefetchMs`, so a stream of made-up kids costs the key host one request per interval.
 * When a refetch fails, the last good set keeps serving: an IdP hiccup must not lock out
 * every federated client.
 */
export interface RemoteKeySetOptions {
  allowPrivate: boolean;
  ttlMs: number;
  minRefetchMs: number;
  timeoutMs?: number;
}

interface CacheSlot<T> {
  value?: T;
  fetchedAt: number;
  pending?: Promise<T>;
  /** The last failure while no good value exists, repeated until the refetch interval passes. */
  failure?: { error: unknown; at: number };
}

/** A host that fails is asked again after this long at the soonest, whatever the refetch interval. */
const MIN_RETRY_AFTER_FAILURE_MS = 5000;

const MAX_BODY = 512 * 1024;
const MAX_KEYS = 100;
const MAX_CACHED = 10_000;

/** A client ID metadata document as fetched, and how long its response allows it to be reused. */
export interface MetadataDocument {
  body: Record<string, unknown>;
  lifetimeMs: number;
}

/** What Keyward keeps of an issuer's discovery document. */
interface Discovered {
  jwksUri: string;
  tokenEndpoint?: string;
}

export class RemoteKeySets {
  readonly #keys = new Map<string, CacheSlot<PublicJwk[]>>();
  readonly #discovery = new Map<string, CacheSlot<Discovered>>();
  readonly #documents = new Map<string, CacheSlot<MetadataDocument>>();

  constructor(private readonly options: RemoteKeySetOptions) {}

  /** The keys at `url`; `refresh` asks for a fresh copy (an unknown kid), honoured once per interval. */
  keys(url: string, refresh = false): Promise<PublicJwk[]> {
    return this.#cached(this.#keys, url, refresh, () => this.#fetchKeys(url));
  }

  /** The jwks_uri an issuer publishes in its discovery document. */
  async jwksUriOf(issuer: string, refresh = false): Promise<string> {
    return (await this.#cached(this.#discovery, issuer, refresh, () => this.#discover(issuer))).jwksUri;
  }

  /** The token endpoint an issuer's discovery document names, if any: the console calls it from the browser. */
  async tokenEndpointOf(issuer: string): Promise<string | undefined> {
    return (await this.#cached(this.#discovery, issuer, false, () => this.#discover(issuer))).tokenEndpoint;
  }

  /**
   * The client ID metadata document at `url`, reused for as long as its response's caching
   * headers allow (domain/client-metadata-document.ts bounds that). A document that is larger
   * than the draft's 5 KB, served from an address the SSRF guard refuses, not found or not a
   * JSON object is refused as invalid_client; a host that is down or slow is a 503 to retry.
   */
  metadataDocument(url: string): Promise<MetadataDocument> {
    return this.#cached(this.#documents, url, false, () => this.#fetchDocument(url), (document) => document.lifetimeMs);
  }

  async #cached<T>(cache: Map<string, CacheSlot<T>>, key: string, refresh: boolean, load: () => Promise<T>, lifetimeOf?: (value: T) => number): Promise<T> {
    const now = Date.now();
    let slot = cache.get(key);
    if (slot?.value !== undefined) {
      const age = now - slot.fetchedAt;
      const fresh = lifetimeOf ? age < lifetimeOf(slot.value) : refresh ? age < this.options.minRefetchMs : age < this.options.ttlMs;
      if (fresh) return slot.value;
    }
    if (slot?.pending) return slot.pending;
    // Without this, every request naming a client whose key host is down would fetch again.
    if (slot?.failure && now - slot.failure.at < Math.max(this.options.minRefetchMs, MIN_RETRY_AFTER_FAILURE_MS)) throw slot.failure.error;
    if (!slot) {
      if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
      slot = { fetchedAt: 0 };
      cache.set(key, slot);
    }
    const current = slot;
    current.pending = load()
      .then((value) => {
        current.value = value;
        current.fetchedAt = Date.now();
        current.failure = undefined;
        return value;
      })
      .catch((error: unknown) => {
        // A metadata document its host no longer serves (not found, too large, an address the
        // guard refuses) is withdrawn: its client must stop authenticating, not live on a copy.
        const withdrawn = lifetimeOf !== undefined && error instanceof KeywardError && error.code === 'invalid_client';
        if (current.value !== undefined && !withdrawn) {
          // Stale but good: retry after the short interval, not on every request.
          const lifetime = lifetimeOf ? lifetimeOf(current.value) : this.options.ttlMs;
          const retryAfter = lifetimeOf ? Math.max(this.options.minRefetchMs, MIN_RETRY_AFTER_FAILURE_MS) : this.options.minRefetchMs;
          current.fetchedAt = Date.now() - lifetime + retryAfter;
          return current.value;
        }
        current.value = undefined;
        current.failure = { error, at: Date.now() };
        throw error;
      })
      .finally(() => {
        current.pending = undefined;
      });
    return current.pending;
  }

  /**
   * `refuse` answers what fetching again will not mend (an address the guard refuses, a 4xx, a
   * body too large or not JSON); without it every failure is a 503 to retry.
   */
  async #getJsonResponse(
    url: string,
    what: string,
    limits: { maxBodyBytes: number; refuse?: (reason: string) => KeywardError } = { maxBodyBytes: MAX_BODY },
  ): Promise<{ body: Record<string, unknown>; headers: Record<string, string | string[] | undefined> }> {
    const refuse = limits.refuse ?? ((reason: string) => unreachable(what, url, reason));
    const response = await pinnedRequest({
      url,
      method: 'GET',
      headers: { accept: 'application/json', 'user-agent': 'Keyward/1' },
      timeoutMs: this.options.timeoutMs ?? 5000,
      maxBodyBytes: limits.maxBodyBytes,
      allowPrivate: this.options.allowPrivate,
      // A refusal names what was being fetched, not a webhook.
      purpose: `${what} host`,
    });
    if (!response.ok) throw response.kind === 'ssrf_refused' ? refuse(response.message) : unreachable(what, url, response.message);
    // Redirects are never followed (the guard checked this URL, not where it points).
    if (response.status >= 300 && response.status < 500) throw refuse(`it answered HTTP ${response.status}`);
    if (response.status !== 200) throw unreachable(what, url, `it answered HTTP ${response.status}`);
    if (response.truncated) throw refuse(`the document is larger than ${limits.maxBodyBytes} bytes`);
    try {
      const body = JSON.parse(response.body.toString('utf8')) as unknown;
      if (typeof body === 'object' && body !== null && !Array.isArray(body)) return { body: body as Record<string, unknown>, headers: response.headers };
    } catch {
      // answered below
    }
    throw refuse('the answer is not a JSON object');
  }

  async #getJson(url: string, what: string): Promise<Record<string, unknown>> {
    return (await this.#getJsonResponse(url, what)).body;
  }

  async #fetchDocument(url: string): Promise<MetadataDocument> {
    const refuse = (reason: string) => new KeywardError('invalid_client', `The client ID metadata document at ${url.slice(0, 300)} was refused: ${reason.slice(0, 300)}.`);
    const { body, headers } = await this.#getJsonResponse(url, 'client ID metadata document', { maxBodyBytes: MAX_METADATA_DOCUMENT_BYTES, refuse });
    const header = (name: string) => {
      const value = headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    };
    return { body, lifetimeMs: documentLifetimeMs({ cacheControl: header('cache-control'), expires: header('expires'), date: header('date') }, Date.now()) };
  }

  async #fetchKeys(url: string): Promise<PublicJwk[]> {
    const body = await this.#getJson(url, 'key set');
    if (!Array.isArray(body.keys)) throw unreachable('key set', url, 'it has no "keys" array');
    // Encryption keys, symmetric keys and algorithms Keyward does not accept are simply not candidates.
    return (body.keys as unknown[]).slice(0, MAX_KEYS).filter((k): k is PublicJwk => publicJwkProblem(k) === null);
  }

  /** OpenID Connect Discovery 1.0 §4, then RFC 8414 for issuers that only publish that. */
  async #discover(issuer: string): Promise<Discovered> {
    const base = issuer.replace(/\/+$/, '');
    let document: Record<string, unknown>;
    try {
      document = await this.#getJson(`${base}/.well-known/openid-configuration`, 'discovery document');
    } catch (error) {
      const url = new URL(issuer);
      const path = url.pathname === '/' ? '' : url.pathname.replace(/\/+$/, '');
      try {
        document = await this.#getJson(`${url.origin}/.well-known/oauth-authorization-server${path}`, 'discovery document');
      } catch {
        throw error;
      }
    }
    // §4.3: a document for another issuer must not be believed, or any host could claim any issuer.
    if (document.issuer !== issuer) {
      throw unreachable('discovery document', issuer, `it names the issuer "${String(document.issuer).slice(0, 200)}"`);
    }
    const jwksUri = document.jwks_uri;
    if (typeof jwksUri !== 'string' || !/^https?:\/\//.test(jwksUri)) throw unreachable('discovery document', issuer, 'it has no jwks_uri');
    if (!jwksUri.startsWith('https://') && !this.options.allowPrivate) throw unreachable('discovery document', issuer, 'its jwks_uri is not https');
    const tokenEndpoint = typeof document.token_endpoint === 'string' && /^https?:\/\//.test(document.token_endpoint) ? document.token_endpoint : undefined;
    return { jwksUri, tokenEndpoint };
  }
}

function unreachable(what: string, url: string, reason: string): KeywardError {
  return new KeywardError('unavailable', `Could not use the ${what} at ${url.slice(0, 300)}: ${reason.slice(0, 300)}.`, { retryAfter: 5 });
}
