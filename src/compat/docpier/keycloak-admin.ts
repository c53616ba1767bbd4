import type { KeycloakConfig } from '../../config.js';
import { KeywardError, alreadyExists } from '../../domain/errors.js';
import type { ExternalClient, ExternalClientRegistry } from '../../services/external-client-registry.js';

/**
 * Docpier's outbound REST client: the few Keycloak Admin REST API calls behind its "Create
 * Keycloak Agent Client" (docs: Keycloak Server Admin REST API, resource
 * `/admin/realms/{realm}/clients`), the agent-client service's ExternalClientRegistry:
 * an admin token by client_credentials in the admin realm, cached until shortly before it
 * expires; POST a confidential service-account client; read its id from `Location`; GET its
 * secret. Every failure is a 502 that names Keycloak, because the fault is upstream.
 */
export interface KeycloakAdminOptions {
  /** Per request (token, create, read secret). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

// Refresh the admin token this long before it expires, so a request never carries a token that
// expires on the way.
const TOKEN_MARGIN_MS = 10_000;

export class KeycloakAdmin implements ExternalClientRegistry {
  readonly provider = 'keycloak' as const;
  readonly #config: KeycloakConfig;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;
  readonly #now: () => number;
  #token: { value: string; refreshAt: number } | undefined;
  #pendingToken: Promise<string> | undefined;

  constructor(config: KeycloakConfig, options: KeycloakAdminOptions = {}) {
    this.#config = config;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#fetch = options.fetch ?? fetch;
    this.#now = options.now ?? Date.now;
  }

  get realm(): string {
    return this.#config.realm;
  }

  async createConfidentialClient(clientId: string): Promise<ExternalClient> {
    const clients = `${this.#adminBase()}/clients`;
    const created = await this.#call('POST', clients, 'create the client', {
      clientId,
      enabled: true,
      protocol: 'openid-connect',
      publicClient: false,
      clientAuthenticatorType: 'client-secret',
      serviceAccountsEnabled: true,
      standardFlowEnabled: false,
      directAccessGrantsEnabled: false,
    });
    if (created.status === 409) {
      throw alreadyExists(`The client id "${clientId}" already exists in Keycloak realm "${this.#config.realm}"; choose another or leave it out to have one generated.`);
    }
    if (created.status !== 201) throw upstream(`answered ${created.status} to create the client`, await errorCode(created));
    await created.body?.cancel();
    const location = created.headers.get('location') ?? '';
    const id = decodeURIComponent(location.split('?')[0].replace(/\/+$/, '').split('/').pop() ?? '');
    if (!/^[A-Za-z0-9-]{1,100}$/.test(id)) throw upstream('created the client but did not say where (no usable Location header)');

    const read = await this.#call('GET', `${clients}/${encodeURIComponent(id)}/client-secret`, 'read the client secret');
    if (read.status !== 200) throw upstream(`answered ${read.status} to reading the client secret`, await errorCode(read));
    const body = (await json(read)) as { value?: unknown } | undefined;
    if (typeof body?.value !== 'string' || body.value === '') throw upstream('returned no client secret');
    return { id, clientId, secret: body.value };
  }

  /** Undoes a creation whose Keyward side failed; 404 counts as done. */
  async deleteClient(id: string): Promise<void> {
    const response = await this.#call('DELETE', `${this.#adminBase()}/clients/${encodeURIComponent(id)}`, 'delete the client');
    if (response.status !== 204 && response.status !== 404) throw upstream(`answered ${response.status} to deleting the client`, await errorCode(response));
  }

  #adminBase() {
    return `${this.#config.url}/admin/realms/${encodeURIComponent(this.#config.realm)}`;
  }

  /** One admin call; a 401 means the cached token was revoked early, so one retry with a new one. */
  async #call(method: string, url: string, what: string, body?: unknown): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.#adminToken();
      const response = await this.#request(url, what, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), accept: 'application/json' },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      if (response.status === 401 && attempt === 0) {
        this.#token = undefined;
        continue;
      }
      if (response.status === 401 || response.status === 403) {
        throw upstream(`refused the admin client (${response.status}) when asked to ${what}; give it the realm-management manage-clients role`);
      }
      return response;
    }
  }

  #adminToken(): Promise<string> {
    if (this.#token && this.#now() < this.#token.refreshAt) return Promise.resolve(this.#token.value);
    this.#pendingToken ??= this.#fetchToken().finally(() => (this.#pendingToken = undefined));
    return this.#pendingToken;
  }

  async #fetchToken(): Promise<string> {
    const { url, adminRealm, adminClientId, adminClientSecret } = this.#config;
    const requestedAt = this.#now();
    const response = await this.#request(`${url}/realms/${encodeURIComponent(adminRealm)}/protocol/openid-connect/token`, 'issue an admin token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: adminClientId, client_secret: adminClientSecret }).toString(),
    });
    if (response.status !== 200) {
      throw upstream(`refused to issue an admin token (${response.status}); check KEYCLOAK_ADMIN_CLIENT_ID and KEYCLOAK_ADMIN_CLIENT_SECRET`, await errorCode(response));
    }
    const body = (await json(response)) as { access_token?: unknown; expires_in?: unknown } | undefined;
    if (typeof body?.access_token !== 'string' || body.access_token === '') throw upstream('answered the admin token request without an access_token');
    const lifetimeMs = (typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 60) * 1000;
    this.#token = { value: body.access_token, refreshAt: requestedAt + lifetimeMs - Math.min(TOKEN_MARGIN_MS, lifetimeMs / 2) };
    return body.access_token;
  }

  async #request(url: string, what: string, init: RequestInit): Promise<Response> {
    try {
      // Redirects are not followed: an admin token must only ever go to the configured Keycloak.
      return await this.#fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(this.#timeoutMs) });
    } catch (error) {
      const timedOut = (error as Error)?.name === 'TimeoutError';
      throw upstream(timedOut ? `did not answer within ${this.#timeoutMs} ms when asked to ${what}` : `could not be reached to ${what}`, undefined, error);
    }
  }
}

function upstream(message: string, code?: string, cause?: unknown): KeywardError {
  return new KeywardError('bad_gateway', `Keycloak ${message}${code ? ` (${code})` : ''}.`, { cause });
}

async function json(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/**
 * Keycloak's error name (`{error}` or `{errorMessage}`), short and printable: it helps an admin,
 * and free text from an upstream is not echoed beyond that.
 */
async function errorCode(response: Response): Promise<string | undefined> {
  const body = (await json(response)) as { error?: unknown; errorMessage?: unknown } | undefined;
  const text = typeof body?.errorMessage === 'string' ? body.errorMessage : typeof body?.error === 'string' ? body.error : undefined;
  return text && /^[\x20-\x7e]{1,200}$/.test(text) ? text : undefined;
}
