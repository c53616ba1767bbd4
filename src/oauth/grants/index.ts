import type { AuthenticatedClient } from '../client-auth/index.js';
import type { Params } from '../params.js';

/** RFC 6749 §5.1 successful response. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer' | 'N_A';
  expires_in: number;
  /** Absent when nothing is granted: RFC 6749 §5.1 names scopes, and an empty string names none. */
  scope?: string;
  issued_token_type?: string;
}

/** The `scope` member of a token response: the granted scopes, or nothing when there are none. */
export const scopeMember = (scope: string[]): { scope?: string } => (scope.length > 0 ? { scope: scope.join(' ') } : {});

/** One grant (one file each): the grant_type it answers and its handler. */
export interface Grant {
  grantType: string;
  /** `issuer` is the token's `iss`: the installation's, or a realm's (realm.ts). */
  handle(client: AuthenticatedClient, params: Params, issuer: string): TokenResponse | Promise<TokenResponse>;
}
