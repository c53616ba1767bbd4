import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { JWT_BEARER_GRANT } from '../../oauth/client-auth/private-key-jwt.js';
import { NO_STORE, OAUTH_ROUTE, type OAuthDeps } from '../../oauth/deps.js';
import { decodeForeignJwt } from '../../oauth/foreign-jwt.js';
import { introspect } from '../../oauth/introspect.js';
import type { OAuthRequest } from '../../oauth/params.js';
import { issueToken, oauthRequest } from '../../oauth/token.js';
import { LABEL } from './shapes.js';

/**
 * Scopes Zitadel clients send by habit (`openid` is mandatory there) that grant nothing in
 * Keyward: OIDC's standard scopes and Zitadel's reserved `urn:zitadel:iam:…` ones, such as
 * `urn:zitadel:iam:org:project:id:{projectId}:aud`. They are dropped from the request, so a
 * Zitadel client's scope string works unchanged.
 */
const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'phone', 'address', 'offline_access']);
export const isZitadelReservedScope = (scope: string) => OIDC_SCOPES.has(scope) || scope.startsWith('urn:zitadel:iam:');

/**
 * Zitadel's JWT profile grant names a machine user by its userId (iss = sub = userId, as in the
 * key file), where Keyward knows the client by its client_id (the userName). The name is only
 * translated here; the assertion is verified like any other. Anything that is not a machine
 * user's id is passed on untranslated, to be refused as an unknown client.
 */
async function withMachineUserName(deps: OAuthDeps, req: OAuthRequest): Promise<OAuthRequest> {
  if (req.params.grant_type !== JWT_BEARER_GRANT) return req;
  // The lookup reads the store: an address already refused for failures gets no further.
  deps.rateLimiter.checkAddress(req.address);
  const userId = decodeForeignJwt(req.params.assertion)?.claims.iss;
  if (typeof userId !== 'string' || userId.length > 200) return req;
  const clientId = await deps.directory.clientIdOf(userId);
  if (clientId === null) return req;
  const entry = await deps.directory.lookup(clientId);
  // The id-to-client_id answer may be older than the client now holding that client_id.
  if (entry?.client.id !== userId || entry.client.labels[LABEL.kind] !== 'machine_user') return req;
  return { ...req, assertionAlias: { name: userId, clientId } };
}

/**
 * Zitadel's endpoint paths, aliases of /oauth/token and /oauth/introspect, on the OAuth pipeline
 * that ignores Zitadel's reserved scopes (`ignoringScopes` builds it; oauth/assemble.ts).
 */
export function zitadelOAuthRoutes(ignoringScopes: (ignored: (scope: string) => boolean) => OAuthDeps) {
  const deps = ignoringScopes(isZitadelReservedScope);
  return async (app: FastifyInstance) => {
    const schema = { tags: ['Zitadel'], hide: true, consumes: ['application/x-www-form-urlencoded'] };
    app.post('/oauth/v2/token', { schema, config: OAUTH_ROUTE }, async (request: FastifyRequest, reply: FastifyReply) => {
      reply.headers(NO_STORE);
      return issueToken(deps, await withMachineUserName(deps, oauthRequest(request)));
    });
    app.post('/oauth/v2/introspect', { schema, config: OAUTH_ROUTE }, async (request: FastifyRequest, reply: FastifyReply) => {
      reply.headers(NO_STORE);
      return introspect(deps, oauthRequest(request));
    });
  };
}
