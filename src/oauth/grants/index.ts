import type { AuthenticatedClient } from '../client-auth/index.js';
import type { Params } from '../params.js';

/** RFC 6749 §5.1 successful response. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer' | 'N_A';
  expires_in: number;
  scope: string;
  issued_token_type?: string;
}

/** One grant (one file each): the grant_type it answers and its handler. */
export interface Grant {
  grantType: string;
  /** `issuer` is the token's `iss`: the installation's, or a realm's (realm.ts). */
  handle(client: AuthenticatedClient, params: Params, issuer: string): TokenResponse | Promise<TokenResponse>;
}
