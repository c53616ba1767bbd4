import type { FastifyInstance } from 'fastify';
import type { OAuthDeps } from './deps.js';

/** RFC 8414 metadata; every endpoint is advertised under the configured issuer, never the Host header. */
export function metadata(deps: OAuthDeps) {
  const { issuer, signingAlg } = deps.config;
  const authMethods = deps.authenticator.supported;
  return {
    issuer,
    token_endpoint: `${issuer}/oauth/token`,
    jwks_uri: `${issuer}/oauth/jwks`,
    introspection_endpoint: `${issuer}/oauth/introspect`,
    revocation_endpoint: `${issuer}/oauth/revoke`,
    grant_types_supported: deps.grants.map((g) => g.grantType),
    // response_types_supported is omitted: a client_credentials-only server has none, and RFC 8414
    // §3.2 says members with zero elements are omitted (the erratum 7793 reading).
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [signingAlg],
    token_endpoint_auth_methods_supported: authMethods,
    token_endpoint_auth_signing_alg_values_supported: ['RS256', 'ES256', 'EdDSA'],
    introspection_endpoint_auth_methods_supported: authMethods,
    revocation_endpoint_auth_methods_supported: authMethods,
    access_token_signing_alg_values_supported: [signingAlg],
    service_documentation: `${issuer}/docs`,
  };
}

export async function discoveryRoutes(app: FastifyInstance, deps: OAuthDeps) {
  const body = JSON.stringify(metadata(deps));
  const schema = { tags: ['OAuth 2.0'], summary: 'Authorization server metadata (RFC 8414)' };
  for (const path of ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration']) {
    app.get(path, { schema }, async (_request, reply) =>
      reply.header('content-type', 'application/json; charset=utf-8').header('cache-control', 'public, max-age=300').send(body),
    );
  }
}
