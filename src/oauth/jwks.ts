import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OAuthDeps } from './deps.js';
import { realmIssuer, type RealmParams } from './realm.js';

/**
 * Public keys only, served from memory. The next key is in the set before it signs, so a
 * resource server caching this document for the max-age never meets an unknown kid.
 */
export async function jwksRoutes(app: FastifyInstance, deps: OAuthDeps) {
  // Not async: a promise and its microtask were about 3 % of this route's instructions.
  const send = (_request: FastifyRequest, reply: FastifyReply) => {
    reply.header('content-type', 'application/jwk-set+json').header('cache-control', 'public, max-age=300').send(deps.keys.jwks);
  };
  app.get('/oauth/jwks', { schema: { tags: ['OAuth 2.0'], operationId: 'jwks', summary: 'JSON Web Key Set' } }, send);
  // Every realm's tokens are signed by the installation's keys, so its certs are the same set.
  app.get('/realms/:realm/protocol/openid-connect/certs', { schema: { tags: ['OAuth 2.0'], summary: 'JSON Web Key Set', hide: true } }, (request, reply) => {
    realmIssuer(deps.config.issuer, (request.params as RealmParams).realm);
    send(request, reply);
  });
}
