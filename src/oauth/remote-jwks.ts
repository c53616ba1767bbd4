import { publicJwkProblem, type PublicJwk } from '../crypto/client-keys.js';
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

export class RemoteKeySets {
  readonly #keys = new Map<string, CacheSlot<PublicJwk[]>>();
  readonly #discovery = new Map<string, CacheSlot<string>>();

  constructor(private readonly options: RemoteKeySetOptions) {}

  /** The keys at `url`; `refresh` asks for a fresh copy (an unknown kid), honoured once per interval. */
  keys(url: string, refresh = false): Promise<PublicJwk[]> {
    return this.#cached(this.#keys, url, refresh, () => this.#fetchKeys(url));
  }

  /** The jwks_uri an issuer publishes in its discovery document. */
  jwksUriOf(issuer: string, refresh = false): Promise<string> {
    return this.#cached(this.#discovery, issuer, refresh, () => this.#discover(issuer));
  }

  async #cached<T>(cache: Map<string, CacheSlot<T>>, key: string, refresh: boolean, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    let slot = cache.get(key);
    if (slot?.value !== undefined) {
      const age = now - slot.fetchedAt;
      const fresh = refresh ? age < this.options.minRefetchMs : age < this.options.ttlMs;
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
        if (current.value !== undefined) {
          // Stale but good: retry after the short interval, not on every request.
          current.fetchedAt = Date.now() - this.options.ttlMs + this.options.minRefetchMs;
          return current.value;
        }
        current.failure = { error, at: Date.now() };
        throw error;
      })
      .finally(() => {
        current.pending = undefined;
      });
    return current.pending;
  }

  async #getJson(url: string, what: string): Promise<Record<string, unknown>> {
    const response = await pinnedRequest({
      url,
      method: 'GET',
      headers: { accept: 'application/json', 'user-agent': 'Keyward/1' },
      timeoutMs: this.options.timeoutMs ?? 5000,
      maxBodyBytes: MAX_BODY,
      allowPrivate: this.options.allowPrivate,
      // A refusal names what was being fetched, not a webhook.
      purpose: `${what} host`,
    });
    if (!response.ok) throw unreachable(what, url, response.message);
    if (response.status !== 200) throw unreachable(what, url, `it answered HTTP ${response.status}`);
    if (response.truncated) throw unreachable(what, url, `the document is larger than ${MAX_BODY} bytes`);
    try {
      const body = JSON.parse(response.body.toString('utf8')) as unknown;
      if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
    } catch {
      // answered below
    }
    throw unreachable(what, url, 'the answer is not a JSON object');
  }

  async #fetchKeys(url: string): Promise<PublicJwk[]> {
    const body = await this.#getJson(url, 'key set');
    if (!Array.isArray(body.keys)) throw unreachable('key set', url, 'it has no "keys" array');
    // Encryption keys, symmetric keys and algorithms Keyward does not accept are simply not candidates.
    return (body.keys as unknown[]).slice(0, MAX_KEYS).filter((k): k is PublicJwk => publicJwkProblem(k) === null);
  }

  /** OpenID Connect Discovery 1.0 §4, then RFC 8414 for issuers that only publish that. */
  async #discover(issuer: string): Promise<string> {
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
    return jwksUri;
  }
}

function unreachable(what: string, url: string, reason: string): KeywardError {
  return new KeywardError('unavailable', `Could not use the ${what} at ${url.slice(0, 300)}: ${reason.slice(0, 300)}.`, { retryAfter: 5 });
}
