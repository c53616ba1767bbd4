import { acceptedAudience } from '../domain/federation.js';
import type { AuditEvent } from '../domain/model.js';
import type { Store } from '../store/index.js';

/** What the console needs to start a provider's sign-in, and nothing more: it is shown to anyone. */
export interface SignInProvider {
  id: string;
  orgId: string;
  displayName: string;
  issuer: string;
  clientId: string;
  scopes: string[];
  /** The audience the provider's access token must carry for admin sign-in to accept it. */
  audience: string;
}

/**
 * The providers that offer console sign-in, for the page before sign-in. Anyone may ask, so the
 * list is kept in memory and read from the store only after a provider changes (in this process
 * at once, in others through the ChangeFeed): a flood of requests costs no database reads.
 */
export class SignInProviders {
  #cached: Promise<SignInProvider[]> | null = null;

  constructor(
    private readonly store: Store,
    /** Keyward's issuer: the audience of providers that name none. */
    private readonly issuer: string,
    /** The token endpoint an issuer's (cached) discovery document names. */
    private readonly tokenEndpointOf: (issuer: string) => Promise<string | undefined> = async () => undefined,
  ) {}

  list(): Promise<SignInProvider[]> {
    if (this.#cached) return this.#cached;
    const loading = this.#read();
    this.#cached = loading;
    // A failed read is not remembered; a change drops the list, even one still being read.
    loading.catch(() => {
      if (this.#cached === loading) this.#cached = null;
    });
    return loading;
  }

  /**
   * The origins the console's pages must be allowed to call (its connect-src) for these
   * providers: each issuer's, where the discovery document is, and its token endpoint's when
   * that is elsewhere. Read from the same cached list (and the cached discovery documents), so a
   * provider added at runtime is allowed at once, at no database read per page. A discovery
   * document that is slow or unreachable costs a page at most CONNECT_DISCOVERY_WAIT_MS.
   */
  async connectOrigins(): Promise<string[]> {
    const providers = await this.list();
    const issuers = [...new Set(providers.map((p) => p.issuer))];
    const tokenEndpoints = await Promise.all(issuers.map((issuer) => withinWait(this.tokenEndpointOf(issuer))));
    const origins = new Set<string>();
    for (const url of [...issuers, ...tokenEndpoints]) {
      const parsed = url ? URL.parse(url) : null;
      if (parsed && (parsed.protocol === 'https:' || parsed.protocol === 'http:')) origins.add(parsed.origin);
    }
    return [...origins];
  }

  async #read(): Promise<SignInProvider[]> {
    const providers = await this.store.read.providers.listConsoleSignInProviders();
    return providers.flatMap((p) =>
      p.consoleSignIn && p.adminSignIn
        ? [{ id: p.id, orgId: p.orgId, displayName: p.displayName, issuer: p.issuer, clientId: p.consoleSignIn.clientId, scopes: p.consoleSignIn.scopes, audience: acceptedAudience(p, this.issuer) }]
        : [],
    );
  }

  handleEvent(event: AuditEvent) {
    if (event.type.startsWith('provider.')) this.#cached = null;
  }
}

const CONNECT_DISCOVERY_WAIT_MS = 1500;

/** The value, or undefined when it fails or takes longer than CONNECT_DISCOVERY_WAIT_MS. */
async function withinWait<T>(promise: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), CONNECT_DISCOVERY_WAIT_MS);
  });
  try {
    return await Promise.race([promise.catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}
