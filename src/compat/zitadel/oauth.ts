import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NO_STORE, OAUTH_ROUTE, type OAuthDeps } from '../../oauth/deps.js';
import { introspect } from '../../oauth/introspect.js';
import { issueToken, oauthRequest } from '../../oauth/token.js';

/**
 * Scopes Zitadel clients send by habit (`openid` is mandatory there) that grant nothing in
 * Keyward: OIDC's standard scopes and Zitadel's reserved `urn:zitadel:iam:…` ones, such as
 * `urn:zitadel:iam:org:project:id:{projectId}:aud`. They are dropped from the request, so a
 * Zitadel client's scope string works unchanged.
 */
const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'phone', 'address', 'offline_access']);
export const isZitadelReservedScope = (scope: string) => OIDC_SCOPES.has(scope) || scope.startsWith('urn:zitadel:iam:');

/** Zitadel's endpoint paths, aliases of /oauth/token and /oauth/introspect; `deps` ignore the reserved scopes. */
export function zitadelOAuthRoutes(deps: OAuthDeps) {
  return async (app: FastifyInstance) => {
    const schema = { tags: ['Zitadel'], hide: true, consumes: ['application/x-www-form-urlencoded'] };
    app.post('/oauth/v2/token', { schema, config: OAUTH_ROUTE }, async (request: FastifyRequest, reply: FastifyReply) => {
      reply.headers(NO_STORE);
      return issueToken(deps, oauthRequest(request));
    });
    app.post('/oauth/v2/introspect', { schema, config: OAUTH_ROUTE }, async (request: FastifyRequest, reply: FastifyReply) => {
      reply.headers(NO_STORE);
      return introspect(deps, oauthRequest(request));
    });
  };
}
