import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OAuthDeps } from './deps.js';
import { DPOP_ALGS } from './dpop.js';
import { REGISTRATION_PATH } from './register.js';
import { realmIssuer, type RealmParams } from './realm.js';

/** Where each endpoint lives under an issuer: Keyward's own paths, or Keycloak's under a realm. */
interface EndpointPaths {
  token: string;
  jwks: string;
  introspection: string;
  revocation: string;
}

const KEYWARD_PATHS: EndpointPaths = { token: '/oauth/token', jwks: '/oauth/jwks', introspection: '/oauth/introspect', revocation: '/oauth/revoke' };
const REALM_PATHS: EndpointPaths = {
  token: '/protocol/openid-connect/token',
  jwks: '/protocol/openid-connect/certs',
  introspection: '/protocol/openid-connect/token/introspect',
  revocation: '/protocol/openid-connect/revoke',
};

/**
 * RFC 8414 metadata; every endpoint is advertised under the configured issuer, never the Host
 * header. `issuer` is a realm's (realm.ts) for a realm's document.
 */
export function metadata(deps: OAuthDeps, issuer = deps.config.issuer, paths = KEYWARD_PATHS) {
  const { signingAlg } = deps.config;
  const authMethods = deps.authenticator.supported;
  return {
    issuer,
    token_endpoint: `${issuer}${paths.token}`,
    jwks_uri: `${issuer}${paths.jwks}`,
    introspection_endpoint: `${issuer}${paths.introspection}`,
    revocation_endpoint: `${issuer}${paths.revocation}`,
    // RFC 7591 §3: registration needs an initial access token an admin issued for a workspace.
    registration_endpoint: `${deps.config.issuer}${REGISTRATION_PATH}`,
    // A client_id that is an https URL is read from its metadata document, where a workspace
    // lists the URL's prefix (client_id_metadata_document_prefixes); private_key_jwt only.
    client_id_metadata_document_supported: true,
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
    dpop_signing_alg_values_supported: [...DPOP_ALGS],
    service_documentation: `${deps.config.issuer}/docs`,
  };
}

const sendDocument = (reply: FastifyReply, body: string) =>
  reply.header('content-type', 'application/json; charset=utf-8').header('cache-control', 'public, max-age=300').send(body);

export async function discoveryRoutes(app: FastifyInstance, deps: OAuthDeps) {
  const body = JSON.stringify(metadata(deps));
  const schema = { tags: ['OAuth 2.0'], summary: 'Authorization server metadata (RFC 8414)' };
  for (const [path, operationId] of [
    ['/.well-known/oauth-authorization-server', 'authorizationServerMetadata'],
    ['/.well-known/openid-configuration', 'openidConfiguration'],
  ]) {
    app.get(path, { schema: { ...schema, operationId } }, async (_request, reply) => sendDocument(reply, body));
  }
  // A realm's document: Keycloak's path, and RFC 8414 §3.1's for an issuer with a path.
  const realmDocument = async (request: FastifyRequest, reply: FastifyReply) =>
    sendDocument(reply, JSON.stringify(metadata(deps, realmIssuer(deps.config.issuer, (request.params as RealmParams).realm), REALM_PATHS)));
  app.get('/realms/:realm/.well-known/openid-configuration', { schema: { ...schema, hide: true } }, realmDocument);
  app.get('/.well-known/oauth-authorization-server/realms/:realm', { schema: { ...schema, hide: true } }, realmDocument);
}
