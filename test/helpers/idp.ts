import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import Provider from 'oidc-provider';

/**
 * A real external identity provider for the federation tests: panva's certified oidc-provider,
 * issuing RFC 9068 JWT access tokens by client_credentials to a "workload" client. Its signing
 * key is generated here, so tests can also forge tokens with it (expired, wrong audience, …) and
 * check that Keyward refuses exactly those.
 */
export interface Idp {
  issuer: string;
  clientId: string;
  kid: string;
  /** A genuine access token from the IdP's token endpoint, for `resource`. */
  token(resource: string): Promise<string>;
  /** A token signed with the IdP's own key (or another), with any header and claims. */
  sign(claims: Record<string, unknown>, header?: Record<string, unknown>, key?: CryptoKey): Promise<string>;
  privateKey: CryptoKey;
  publicJwk: JWK;
  close(): Promise<void>;
}

export const IDP_CLIENT_ID = 'ci-workload';
const IDP_CLIENT_SECRET = 'ci-workload-secret-0123456789abcdefghij';

/**
 * `consoleClient`: also a public client (no secret) for the authorization code flow with PKCE,
 * as a browser app such as the console runs it. People then sign in at the provider's built-in
 * development pages (any login, any password; the login becomes the sub), which a test drives
 * with plain HTTP requests as a browser would.
 */
export async function startIdp(options: { consoleClient?: { clientId: string; redirectUri: string } } = {}): Promise<Idp> {
  const kid = 'idp-key-1';
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };

  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: IDP_CLIENT_ID,
        client_secret: IDP_CLIENT_SECRET,
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
        scope: 'deploy',
      },
      ...(options.consoleClient
        ? [
            {
              client_id: options.consoleClient.clientId,
              token_endpoint_auth_method: 'none',
              grant_types: ['authorization_code'],
              response_types: ['code'],
              redirect_uris: [options.consoleClient.redirectUri],
            },
          ]
        : []),
    ],
    jwks: { keys: [privateJwk] },
    scopes: ['openid', 'deploy'],
    ttl: { ClientCredentials: 300 },
    features: {
      devInteractions: { enabled: options.consoleClient !== undefined },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => issuer,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => ({
          scope: 'deploy',
          audience: resource,
          accessTokenTTL: 300,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
  });
  server.on('request', provider.callback());

  return {
    issuer,
    clientId: IDP_CLIENT_ID,
    kid,
    privateKey,
    publicJwk,
    async token(resource) {
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${IDP_CLIENT_ID}:${IDP_CLIENT_SECRET}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'deploy', resource }).toString(),
      });
      const body = (await response.json()) as { access_token?: string };
      if (!response.ok || !body.access_token) throw new Error(`IdP token request failed: ${JSON.stringify(body)}`);
      return body.access_token;
    },
    async sign(claims, header = {}, key = privateKey) {
      return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid, typ: 'at+jwt', ...header } as never).sign(key);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
