import type { FastifyInstance } from 'fastify';
import type { OAuthDeps } from './deps.js';

/**
 * Public keys only, served from memory. The next key is in the set before it signs, so a
 * resource server caching this document for the max-age never meets an unknown kid.
 */
export async function jwksRoutes(app: FastifyInstance, deps: OAuthDeps) {
  // Not async: a promise and its microtask were about 3 % of this route's instructions.
  app.get('/oauth/jwks', { schema: { tags: ['OAuth 2.0'], summary: 'JSON Web Key Set' } }, (_request, reply) => {
    reply.header('content-type', 'application/jwk-set+json').header('cache-control', 'public, max-age=300').send(deps.keys.jwks);
  });
}
