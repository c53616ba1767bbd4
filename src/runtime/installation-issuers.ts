import type { Store } from '../store/index.js';

/**
 * The issuers of this installation. KEYWARD_ISSUER defaults to http://localhost:$PORT, so two
 * instances on one database may sign with the same keys under different `iss` values; a token is
 * the installation's when one of its published keys signed it, whatever instance issued it. Each
 * instance registers its own issuer at start and loads the others'. An instance that started
 * later is learned of when one of its tokens arrives: its signature already proves it genuine,
 * so `reload` needs no rate limit, only coalescing.
 */
export class InstallationIssuers {
  #known: ReadonlySet<string>;
  #reloading: Promise<void> | undefined;

  constructor(
    readonly own: string,
    private readonly store?: Store,
  ) {
    this.#known = new Set([own]);
  }

  /** The hot path: a Set lookup. */
  has(issuer: unknown): boolean {
    return typeof issuer === 'string' && this.#known.has(issuer);
  }

  /** Registers this instance's issuer and loads the set; returns the issuers of other instances. */
  async register(now = Date.now()): Promise<string[]> {
    await this.store?.read.issuers.registerIssuer(this.own, now);
    await this.reload();
    return [...this.#known].filter((issuer) => issuer !== this.own);
  }

  /** Reads the set again; concurrent calls share one read. */
  reload(): Promise<void> {
    this.#reloading ??= this.#read().finally(() => (this.#reloading = undefined));
    return this.#reloading;
  }

  async #read() {
    if (!this.store) return;
    const issuers = await this.store.read.issuers.listIssuers();
    this.#known = new Set([this.own, ...issuers]);
  }
}
