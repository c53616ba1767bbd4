import { KeywardError } from '../../domain/errors.js';
import type { AccessTokens } from '../access-token.js';
import { JWT_TOKEN_TYPES, TOKEN_EXCHANGE_GRANT } from '../client-auth/federated-assertion.js';
import type { AuthenticatedClient } from '../client-auth/index.js';
import type { Params } from '../params.js';
import { grantedAudience, grantedScope } from './client-credentials.js';
import { ACCESS_TOKEN_TYPE, delegate, type DelegationOptions } from './delegation.js';
import { scopeMember, tokenType, type Grant, type IssueTarget, type TokenResponse } from './index.js';

export interface TokenExchangeOptions {
  defaultLifetime: number;
  ignoredScope?: (scope: string) => boolean;
  /**
   * Checks `subject_token` against the federated credentials of a client that authenticated
   * some other way (a secret, a key): the token must still be one of that client's identities,
   * and the credential it matches must admit the caller's address (its fence).
   */
  verifySubjectToken: (client: AuthenticatedClient, token: string, address: string) => Promise<{ issuer: string; subject: string }>;
  /** A request with an actor_token: the client acts for the subject_token's subject (delegation.ts). */
  delegation: DelegationOptions;
}

/**
 * RFC 8693 token exchange: a trusted provider's JWT (a CI job's OIDC token, a Kubernetes service
 * account token) is exchanged for a Keyward access token of the client whose federated
 * credential it satisfies. The scope and audience rules are client_credentials'; the new token
 * names the federated identity it was exchanged for. With an actor_token the request is a
 * delegation instead (delegation.ts).
 */
export function tokenExchangeGrant(tokens: AccessTokens, options: TokenExchangeOptions): Grant {
  return {
    grantType: TOKEN_EXCHANGE_GRANT,
    async handle(client: AuthenticatedClient, params: Params, target: IssueTarget): Promise<TokenResponse> {
      const subjectToken = params.subject_token;
      if (subjectToken === undefined) throw new KeywardError('invalid_request', 'The parameter subject_token is required.');
      if (!JWT_TOKEN_TYPES.includes(params.subject_token_type ?? '')) {
        throw new KeywardError('invalid_request', `subject_token_type must be one of ${JWT_TOKEN_TYPES.join(', ')}.`);
      }
      if (params.requested_token_type !== undefined && params.requested_token_type !== ACCESS_TOKEN_TYPE && params.requested_token_type !== JWT_TOKEN_TYPES[0]) {
        throw new KeywardError('invalid_request', `requested_token_type must be ${ACCESS_TOKEN_TYPE}.`);
      }
      if (params.actor_token !== undefined || params.actor_token_type !== undefined) return delegate(tokens, options.delegation, client, params, target);
      const federated = client.method === 'subject_token' && client.federated ? client.federated : await options.verifySubjectToken(client, subjectToken, target.address);
      const { entry } = client;
      const scope = grantedScope(entry, params.scope, options.ignoredScope);
      const audience = grantedAudience(entry, params, target.issuer);
      const lifetime = entry.client.tokenLifetime ?? options.defaultLifetime;
      const { token } = tokens.issue({
        entry,
        credentialId: client.credentialId,
        scope,
        audience,
        lifetime,
        issuer: target.issuer,
        jkt: target.jkt,
        extraClaims: { federated: { iss: federated.issuer, sub: federated.subject } },
      });
      return { access_token: token, issued_token_type: ACCESS_TOKEN_TYPE, token_type: tokenType(target), expires_in: lifetime, ...scopeMember(scope) };
    },
  };
}
