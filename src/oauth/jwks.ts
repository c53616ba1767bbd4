import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OAuthAnswer, OAuthDeps } from './deps.js';
import { realmIssuer, type RealmParams } from './realm.js';

const JWKS_HEADERS: Readonly<Record<string, string>> = { 'content-type': 'application/jwk-set+json; charset=utf-8', 'cache-control': 'public, max-age=300' };

/**
 * Public keys only, served from memory as one string. The next key is in the set before it
 * signs, so a resource server caching this document for the max-age never meets an unknown kid.
 */
export function jwksAnswer(deps: OAuthDeps): OAuthAnswer {
  return { headers: JWKS_HEADERS, body: deps.keys.jwks };
}

export const JWKS_PATH = '/oauth/jwks';

export async function jwksRoutes(app: FastifyInstance, deps: OAuthDeps) {
  // Not async: a promise and its microtask were about 3 % of this route's instructions.
  const send = (_request: FastifyRequest, reply: FastifyReply) => {
    const answer = jwksAnswer(deps);
    reply.headers(answer.headers).send(answer.body);
  };
  app.get(JWKS_PATH, { schema: { tags: ['OAuth 2.0'], operationId: 'jwks', summary: 'JSON Web Key Set' } }, send);
  // Every realm's tokens are signed by the installation's keys, so its certs are the same set.
  app.get('/realms/:realm/protocol/openid-connect/certs', { schema: { tags: ['OAuth 2.0'], summary: 'JSON Web Key Set', hide: true } }, (request, reply) => {
    realmIssuer(deps.config.issuer, (request.params as RealmParams).realm);
    send(request, reply);
  });
}
