import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { stillValid } from './access-token.js';
import { NO_STORE, OAUTH_ROUTE, type OAuthAnswer, type OAuthDeps } from './deps.js';
import { requireParam, type OAuthRequest } from './params.js';
import { authenticateClient, oauthRequest, realmOAuthRequest } from './token.js';

/** RFC 7662 §2.2: anything not active is exactly this, whatever the reason. */
const INACTIVE = Object.freeze({ active: false });

/**
 * The caller authenticates as a client; it learns about tokens of its own organization only.
 * A token is active when its signature, issuer and expiry hold, it is not revoked, and its
 * client is enabled with the authenticating credential still in place.
 */
export async function introspect(deps: OAuthDeps, req: OAuthRequest) {
  const token = requireParam(req.params, 'token');
  const caller = await authenticateClient(deps, req);
  // A resource server introspects the token of every call it serves, so one token comes back
  // many times in its lifetime: its signature is checked the first time (see verifyRepeated).
  // Another instance of the installation may have issued it (see verifyFromAnyInstance).
  const claims = await deps.tokens.verifyFromAnyInstance(token, { repeated: true });
  if (!claims || claims.org_id !== caller.entry.client.orgId) return INACTIVE;
  const entry = await deps.directory.lookup(claims.client_id);
  if (!stillValid(claims, entry)) return INACTIVE;
  return {
    active: true,
    scope: claims.scope,
    client_id: claims.client_id,
    sub: claims.sub,
    aud: claims.aud,
    iss: claims.iss,
    exp: claims.exp,
    iat: claims.iat,
    nbf: claims.nbf,
    jti: claims.jti,
    // RFC 9449 §6.2: a bound token says so, with the key it is bound to.
    token_type: claims.cnf === undefined ? 'Bearer' : 'DPoP',
    ...(claims.cnf === undefined ? {} : { cnf: claims.cnf }),
    // RFC 8693 §4.1: a delegated token names who acts for its subject, and who acted before.
    ...(claims.act === undefined ? {} : { act: claims.act }),
    org_id: claims.org_id,
    workspace_id: claims.workspace_id,
  };
}

/** The introspection endpoint's answer. */
export async function introspectionAnswer(deps: OAuthDeps, req: OAuthRequest): Promise<OAuthAnswer> {
  return { headers: NO_STORE, body: await introspect(deps, req) };
}

export const INTROSPECTION_PATH = '/oauth/introspect';

export async function introspectionRoutes(app: FastifyInstance, deps: OAuthDeps) {
  // Tokens of the installation's issuer and of every realm's are introspected alike, at either path.
  const handlerOf = (read: (request: FastifyRequest) => OAuthRequest) => async (request: FastifyRequest, reply: FastifyReply) => {
    const answer = await introspectionAnswer(deps, read(request));
    reply.headers(answer.headers);
    return answer.body;
  };
  const schema = {
    tags: ['OAuth 2.0'],
    operationId: 'introspect', summary: 'Introspect an access token (RFC 7662)',
    description: 'The caller authenticates as a client. Inactive tokens answer exactly {"active":false}.',
    consumes: ['application/x-www-form-urlencoded'],
  };
  app.post(INTROSPECTION_PATH, { schema, config: OAUTH_ROUTE }, handlerOf((request) => oauthRequest(request)));
  app.post(
    '/realms/:realm/protocol/openid-connect/token/introspect',
    { schema: { ...schema, hide: true }, config: OAUTH_ROUTE },
    handlerOf((request) => realmOAuthRequest(deps, request)),
  );
}
