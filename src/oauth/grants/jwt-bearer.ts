import { KeywardError } from '../../domain/errors.js';
import type { AccessTokens } from '../access-token.js';
import { JWT_BEARER_GRANT } from '../client-auth/private-key-jwt.js';
import { clientCredentialsGrant, type ClientCredentialsOptions } from './client-credentials.js';
import type { Grant } from './index.js';

/**
 * RFC 7523 §2.1: a JWT signed with one of the client's own keys is the grant, for the client
 * itself. Authentication has already verified that assertion (private-key-jwt.ts), so the grant
 * issues what client_credentials would. A request that authenticated the client another way
 * carries no verified assertion and is refused.
 */
export function jwtBearerGrant(tokens: AccessTokens, options: ClientCredentialsOptions): Grant {
  const clientCredentials = clientCredentialsGrant(tokens, options);
  return {
    grantType: JWT_BEARER_GRANT,
    handle(client, params, target) {
      if (client.method !== 'jwt_bearer_grant') {
        throw new KeywardError('invalid_request', 'The jwt-bearer grant is authenticated by its assertion alone; send no other client credentials.');
      }
      return clientCredentials.handle(client, params, target);
    },
  };
}
