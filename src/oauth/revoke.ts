import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { KeywardError } from '../domain/errors.js';
import { NO_STORE, OAUTH_ROUTE, type OAuthDeps } from './deps.js';
import { requireParam, type OAuthRequest } from './params.js';
import { authenticateClient, oauthRequest, realmOAuthRequest } from './token.js';

/**
 * RFC 7009. A client revokes its own tokens; an invalid or unknown token is a 200 (§2.2). The
 * `jti` is stored before the answer, so a 200 means revoked on every instance; if the store
 * cannot take it, the answer is 503 and the client must assume the token still works.
 */
export async function revocationRoutes(app: FastifyInstance, deps: OAuthDeps) {
  const handlerOf = (read: (request: FastifyRequest) => OAuthRequest) => async (request: FastifyRequest, reply: FastifyReply) => {
    reply.headers(NO_STORE);
    const req = read(request);
    const token = requireParam(req.params, 'token');
    const caller = await authenticateClient(deps, req);
    // A token another instance issued is revoked here too, not mistaken for an unknown one.
    const claims = await deps.tokens.verifyFromAnyInstance(token);
    if (claims) {
      if (claims.client_id !== caller.entry.client.clientId) {
        throw new KeywardError('unauthorized_client', 'This token was not issued to the authenticated client; a client revokes only its own tokens.');
      }
      await deps.revocations.revoke(
        { orgId: claims.org_id, actor: `apiClients/${caller.entry.client.id}` },
        claims.jti,
        claims.exp * 1000,
        caller.entry.client.id,
      );
    }
    return reply.code(200).send();
  };
  const schema = {
    tags: ['OAuth 2.0'],
    operationId: 'revoke', summary: 'Revoke an access token (RFC 7009)',
    consumes: ['application/x-www-form-urlencoded'],
  };
  app.post('/oauth/revoke', { schema, config: OAUTH_ROUTE }, handlerOf((request) => oauthRequest(request)));
  app.post('/realms/:realm/protocol/openid-connect/revoke', { schema: { ...schema, hide: true }, config: OAUTH_ROUTE }, handlerOf((request) => realmOAuthRequest(deps, request)));
}
