import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createRemoteJWKSet, customFetch, decodeJwt, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { isRealmIssuerOf } from '../../src/oauth/realm.js';
import { ISSUER, databases, startHarness, type Harness } from '../helpers/harness.js';

/**
 * Keycloak-style realm paths: a client configured for `{issuer}/realms/{realm}` discovers that
 * issuer, gets tokens naming it, and verifies them with the keys its discovery document points at.
 */
const REALM = `${ISSUER}/realms/myrealm`;

/** openid-client and jose fetch over HTTP; here they reach the app in-process. */
function fetchVia(h: Harness) {
  return async (url: string | URL, options: { method?: string; headers?: HeadersInit; body?: unknown } = {}) => {
    const target = new URL(url);
    const res = await h.inject({
      method: (options.method ?? 'GET') as 'GET',
      url: `${target.pathname}${target.search}`,
      headers: Object.fromEntries(new Headers(options.headers).entries()),
      ...(options.body !== undefined && options.body !== null ? { payload: String(options.body) } : {}),
    });
    return new Response(res.rawPayload.length > 0 ? new Uint8Array(res.rawPayload) : null, { status: res.statusCode, headers: res.headers as Record<string, string> });
  };
}

const form = (params: Record<string, string>) => new URLSearchParams(params).toString();
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

for (const db of databases) {
  describe(`realm paths speak for their realm (${db.name})`, () => {
    let h: Harness;
    let admin: { clientId: string; clientSecret: string };
    let plain: { clientId: string; clientSecret: string };

    const discover = (client: { clientId: string; clientSecret: string }, issuer = REALM) =>
      oidc.discovery(new URL(issuer), client.clientId, undefined, oidc.ClientSecretBasic(client.clientSecret), {
        execute: [oidc.allowInsecureRequests],
        [oidc.customFetch]: fetchVia(h) as never,
      });

    const introspect = async (url: string, token: string) => {
      const res = await h.inject({
        method: 'POST',
        url,
        headers: { authorization: basic(plain.clientId, plain.clientSecret), 'content-type': 'application/x-www-form-urlencoded' },
        payload: form({ token }),
      });
      return { status: res.statusCode, body: JSON.parse(res.body) };
    };

    before(async () => {
      h = await startHarness(undefined, { db });
      const a = await h.call('POST', '/v1/apiClients', { displayName: 'realm admin', permissions: ['keyward:admin'] });
      assert.equal(a.status, 200, JSON.stringify(a.body));
      admin = { clientId: a.body.clientId, clientSecret: a.body.clientSecret };
      const p = await h.call('POST', '/v1/apiClients', { displayName: 'realm reader', permissions: ['reports.read'] });
      assert.equal(p.status, 200, JSON.stringify(p.body));
      plain = { clientId: p.body.clientId, clientSecret: p.body.clientSecret };
    });
    after(() => h.close());

    it('serves the realm discovery document with every endpoint under the realm', async () => {
      const res = await h.inject({ method: 'GET', url: '/realms/myrealm/.well-known/openid-configuration' });
      assert.equal(res.statusCode, 200);
      const doc = JSON.parse(res.body);
      assert.equal(doc.issuer, REALM);
      assert.equal(doc.token_endpoint, `${REALM}/protocol/openid-connect/token`);
      assert.equal(doc.jwks_uri, `${REALM}/protocol/openid-connect/certs`);
      assert.equal(doc.introspection_endpoint, `${REALM}/protocol/openid-connect/token/introspect`);
      assert.equal(doc.revocation_endpoint, `${REALM}/protocol/openid-connect/revoke`);
      // RFC 8414 §3.1's location for an issuer with a path answers the same document.
      const rfc = await h.inject({ method: 'GET', url: '/.well-known/oauth-authorization-server/realms/myrealm' });
      assert.deepEqual(JSON.parse(rfc.body), doc);
      // The installation's own document is unchanged.
      const own = JSON.parse((await h.inject({ method: 'GET', url: '/.well-known/openid-configuration' })).body);
      assert.equal(own.issuer, ISSUER);
      assert.equal(own.jwks_uri, `${ISSUER}/oauth/jwks`);
    });

    it('serves the installation keys at the realm certs path', async () => {
      const certs = await h.inject({ method: 'GET', url: '/realms/myrealm/protocol/openid-connect/certs' });
      const jwks = await h.inject({ method: 'GET', url: '/oauth/jwks' });
      assert.equal(certs.statusCode, 200);
      assert.equal(certs.headers['content-type'], jwks.headers['content-type']);
      assert.deepEqual(JSON.parse(certs.body), JSON.parse(jwks.body));
    });

    it('openid-client discovers the realm, gets a realm token, and jose verifies it through the realm certs', async () => {
      const config = await discover(plain);
      assert.equal(config.serverMetadata().issuer, REALM);
      const tokens = await oidc.clientCredentialsGrant(config, { scope: 'reports.read' });
      const claims = decodeJwt(tokens.access_token);
      assert.equal(claims.iss, REALM);
      assert.equal(claims.aud, REALM, 'a client without configured audiences gets a token for the issuer that issued it');

      const keys = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri!), { [customFetch]: fetchVia(h) as never });
      const verified = await jwtVerify(tokens.access_token, keys, { issuer: REALM, audience: REALM, typ: 'at+jwt' });
      assert.equal(verified.payload.client_id, plain.clientId);
      // A verifier configured for the installation's issuer refuses it, as it should.
      await assert.rejects(jwtVerify(tokens.access_token, keys, { issuer: ISSUER }), /iss/);

      for (const url of ['/oauth/introspect', '/realms/myrealm/protocol/openid-connect/token/introspect', '/oauth/v2/introspect']) {
        const res = await introspect(url, tokens.access_token);
        assert.equal(res.status, 200, url);
        assert.equal(res.body.active, true, url);
        assert.equal(res.body.iss, REALM, url);
        assert.equal(res.body.aud, REALM, url);
      }
    });

    it('openid-client authenticates with private_key_jwt addressed to the realm', async () => {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'realm-key', alg: 'ES256', use: 'sig' };
      const key = await crypto.subtle.importKey('pkcs8', privateKey.export({ format: 'der', type: 'pkcs8' }), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
      const created = await h.call('POST', '/v1/apiClients', { displayName: 'realm keyed' });
      const added = await h.call('POST', `/v1/${created.body.name}/credentials`, { type: 'PUBLIC_KEY', jwks: { keys: [jwk] } });
      assert.equal(added.status, 200, JSON.stringify(added.body));
      // openid-client addresses the assertion to the issuer it discovered: the realm's.
      const config = await oidc.discovery(new URL(REALM), created.body.clientId, undefined, oidc.PrivateKeyJwt({ key, kid: 'realm-key' }), {
        execute: [oidc.allowInsecureRequests],
        [oidc.customFetch]: fetchVia(h) as never,
      });
      const tokens = await oidc.clientCredentialsGrant(config);
      assert.equal(decodeJwt(tokens.access_token).iss, REALM);
    });

    it('names a realm whose name needs encoding by its encoded path', async () => {
      const issuer = `${ISSUER}/realms/my%20realm`;
      const config = await discover(plain, issuer);
      assert.equal(config.serverMetadata().issuer, issuer);
      const tokens = await oidc.clientCredentialsGrant(config);
      assert.equal(decodeJwt(tokens.access_token).iss, issuer);
      assert.equal((await introspect('/oauth/introspect', tokens.access_token)).body.active, true);
    });

    it('a realm token of an admin client is an admin token', async () => {
      const tokens = await oidc.clientCredentialsGrant(await discover(admin));
      assert.equal(decodeJwt(tokens.access_token).iss, REALM);
      const res = await h.call('GET', '/v1/apiClients', undefined, { authorization: `Bearer ${tokens.access_token}` });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.ok(res.body.apiClients.some((c: { clientId: string }) => c.clientId === admin.clientId));
    });

    it('an admin token for another realm is refused by audience', async () => {
      // Issued by realm "a" for realm "b"'s issuer: its audience is neither Keyward nor its own realm.
      const created = await h.call('POST', '/v1/apiClients', { displayName: 'cross realm', permissions: ['keyward:admin'], audiences: [`${ISSUER}/realms/b`] });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      const res = await h.inject({
        method: 'POST',
        url: '/realms/a/protocol/openid-connect/token',
        headers: { authorization: basic(created.body.clientId, created.body.clientSecret), 'content-type': 'application/x-www-form-urlencoded' },
        payload: form({ grant_type: 'client_credentials' }),
      });
      assert.equal(res.statusCode, 200, res.body);
      const token = JSON.parse(res.body).access_token;
      const call = await h.call('GET', '/v1/apiClients', undefined, { authorization: `Bearer ${token}` });
      assert.equal(call.status, 401);
      assert.match(call.body.detail, /audience/);
    });

    it('revokes a realm token at the realm revocation path', async () => {
      const config = await discover(plain);
      const tokens = await oidc.clientCredentialsGrant(config);
      await oidc.tokenRevocation(config, tokens.access_token);
      assert.deepEqual((await introspect('/oauth/introspect', tokens.access_token)).body, { active: false });
    });

    it('leaves the plain token path issuing under the installation issuer', async () => {
      const res = await h.token(plain.clientId, plain.clientSecret);
      assert.equal(res.status, 200);
      const claims = decodeJwt(res.body.access_token);
      assert.equal(claims.iss, ISSUER);
      assert.equal(claims.aud, ISSUER);
    });

    it('refuses a realm name with control characters or past 255 characters, saying why', async () => {
      for (const realm of ['a%0Ab', 'x'.repeat(256)]) {
        const token = await h.inject({
          method: 'POST',
          url: `/realms/${realm}/protocol/openid-connect/token`,
          headers: { authorization: basic(plain.clientId, plain.clientSecret), 'content-type': 'application/x-www-form-urlencoded' },
          payload: form({ grant_type: 'client_credentials' }),
        });
        assert.equal(token.statusCode, 400, realm);
        assert.equal(JSON.parse(token.body).error, 'invalid_request');
        assert.match(JSON.parse(token.body).error_description, /realm name/);
        for (const url of [`/realms/${realm}/.well-known/openid-configuration`, `/realms/${realm}/protocol/openid-connect/certs`]) {
          const res = await h.inject({ method: 'GET', url });
          assert.equal(res.statusCode, 400, url);
          // A control character is refused by the one text rule for path parameters, before the realm's own check.
          assert.match(JSON.parse(res.body).detail, /realm name|Path parameter \/realm contains the control character/);
        }
      }
    });
  });
}

describe('realm issuers', () => {
  it('are one path segment under /realms/ of the installation issuer', () => {
    assert.equal(isRealmIssuerOf(ISSUER, `${ISSUER}/realms/idp`), true);
    assert.equal(isRealmIssuerOf(ISSUER, `${ISSUER}/realms/my%20realm`), true);
    for (const other of [ISSUER, `${ISSUER}/realms/`, `${ISSUER}/realms/a/b`, `${ISSUER}/realmsx/a`, `${ISSUER}x/realms/a`, 'http://other.test/realms/a']) {
      assert.equal(isRealmIssuerOf(ISSUER, other), false, other);
    }
  });
});
