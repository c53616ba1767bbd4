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
