import type { Store } from '../store/index.js';

/**
 * Uses of credentials that set maxUses, counted in the database so that the limit holds across
 * instances: the token endpoint's one documented write besides the assertion ledger, made only
 * for such credentials (every other credential costs no write).
 */
export class CredentialUses {
  constructor(private readonly store: Store) {}

  /** True when the use is counted; false when the credential has no uses left. */
  consume(credentialId: string): Promise<boolean> {
    return this.store.write((repos) => repos.credentials.consumeCredentialUse(credentialId));
  }
}
