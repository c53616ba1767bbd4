// oidc-provider, the certified Node authorization server, configured to do the same job as
// the token scenario: one confidential client, client_secret_basic, client_credentials,
// JWT access tokens signed with ES256.
import crypto from 'node:crypto';
import http from 'node:http';
import Provider from 'oidc-provider';
import {
  REFERENCE_AUDIENCE,
  REFERENCE_CLIENT_ID,
  REFERENCE_CLIENT_SECRET,
  REFERENCE_SCOPE,
  TOKEN_TTL_SECONDS,
} from '../lib/fixtures.mjs';

const port = Number(process.env.PORT ?? 8083);
const host = process.env.HOST ?? '127.0.0.1';
const issuer = `http://${host}:${port}`;

const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
const signingJwk = { ...privateKey.export({ format: 'jwk' }), kid: 'bench-es256', alg: 'ES256', use: 'sig' };

const resourceServer = {
  scope: REFERENCE_SCOPE,
  audience: REFERENCE_AUDIENCE,
  accessTokenTTL: TOKEN_TTL_SECONDS,
  accessTokenFormat: 'jwt',
  jwt: { sign: { alg: 'ES256' } },
};

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: REFERENCE_CLIENT_ID,
      client_secret: REFERENCE_CLIENT_SECRET,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
      scope: REFERENCE_SCOPE,
    },
  ],
  // The only key is ES256, so the default RS256 for ID tokens would make the client invalid.
  clientDefaults: { id_token_signed_response_alg: 'ES256' },
  jwks: { keys: [signingJwk] },
  scopes: [REFERENCE_SCOPE],
  ttl: { ClientCredentials: TOKEN_TTL_SECONDS },
  routes: { token: '/oauth/token', jwks: '/oauth/jwks' },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      // Without a resource parameter the client still gets a JWT for the one API, as a
      // Keyward client does.
      defaultResource: () => REFERENCE_AUDIENCE,
      useGrantedResource: () => true,
      getResourceServerInfo: () => resourceServer,
    },
  },
  // Fixed keys: cookies are unused by client_credentials, this only silences the warning.
  cookies: { keys: ['bench-cookie-key-not-used-by-client-credentials'] },
});

// The default handler logs every error to stderr; the bench counts errors itself.
provider.on('server_error', (_ctx, error) => process.stderr.write(`server_error: ${error.message}\n`));

const server = http.createServer(provider.callback());
server.listen(port, host);

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
