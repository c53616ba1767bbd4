import type { AuthenticatedClient } from '../client-auth/index.js';
import type { Params } from '../params.js';

/** RFC 6749 §5.1 successful response. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer' | 'DPoP' | 'N_A';
  expires_in: number;
  /** Absent when nothing is granted: RFC 6749 §5.1 names scopes, and an empty string names none. */
  scope?: string;
  issued_token_type?: string;
}

/** The `scope` member of a token response: the granted scopes, or nothing when there are none. */
export const scopeMember = (scope: string[]): { scope?: string } => (scope.length > 0 ? { scope: scope.join(' ') } : {});

/** What every grant's token is issued under, whatever the grant. */
export interface IssueTarget {
  /** The token's `iss`: the installation's, or a realm's (realm.ts). */
  issuer: string;
  /** RFC 9449: the thumbprint of the key the request proved it holds; the token is bound to it. */
  jkt?: string;
  /** The caller's address (after KEYWARD_TRUST_PROXY), for the fence of a credential a grant meets. */
  address: string;
}

/** RFC 9449 §5: a token bound to a key is of type DPoP. */
export const tokenType = (target: IssueTarget): 'Bearer' | 'DPoP' => (target.jkt === undefined ? 'Bearer' : 'DPoP');

/** One grant (one file each): the grant_type it answers and its handler. */
export interface Grant {
  grantType: string;
  handle(client: AuthenticatedClient, params: Params, target: IssueTarget): TokenResponse | Promise<TokenResponse>;
}
