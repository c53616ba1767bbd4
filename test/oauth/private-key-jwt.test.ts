import assert from 'node:assert/strict';
import { generateKeyPairSync, createPublicKey } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import * as oidc from 'openid-client';
import {
  assertionClaims,
  clientKey,
  hs256WithPublicKey,
  now,
  rs256WithHeader,
  signAssertion,
  tokenWithAssertion,
  unsignedJwt,
  type ClientKey,
} from '../helpers/assertions.js';
import { ISSUER, databases, startHarness, type Harness } from '../helpers/harness.js';

/** A JWKS host the test controls, to rotate a client's keys under Keyward's cache. */
async function jwksHost() {
  let keys: unknown[] = [];
  let hits = 0;
  const server: Server = createServer((_req, res) => {
    hits++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`,
    set: (next: unknown[]) => (keys = next),
    hits: () => hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

for (const db of databases) {
  describe(`private_key_jwt (${db.name})`, () => {
    let h: Harness;
    let clientId: string;
    let apiClient: string;
    let es: ClientKey;
    let rsa: ClientKey;

    before(async () => {
      // The refetch interval is 0 so the unknown-kid test needs no waiting.
      h = await startHarness(undefined, { db, env: { KEYWARD_JWKS_MIN_REFETCH: '0', KEYWARD_RATE_LIMIT_FAILURES: '100000' } });
      const created = await h.call('POST', '/v1/apiClients', { displayName: 'keyed', permissions: ['read', 'write'] });
      clientId = created.body.clientId;
      apiClient = created.body.name;
      es = await clientKey('ES256');
      rsa = await clientKey('RS256');
      const ed = await clientKey('EdDSA');
      const added = await h.call('POST', `/v1/${apiClient}/credentials`, { type: 'PUBLIC_KEY', displayName: 'ci key', jwks: { keys: [es.publicJwk, rsa.publicJwk, ed.publicJwk] } });
      assert.equal(added.status, 200, JSON.stringify(added.body));
      assert.equal(added.body.type, 'PUBLIC_KEY');
      assert.equal(added.body.jwks.keys.length, 3);
      // the EdDSA key works like the others
      const edOk = await tokenWithAssertion(h, await signAssertion(ed, assertionClaims(clientId, ISSUER)));
      assert.equal(edOk.status, 200, JSON.stringify(edOk.body));
    });
    after(() => h.close());

    describe('200', () => {
      it('authenticates with an ES256 assertion addressed to the issuer', async () => {
        const res = await tokenWithAssertion(h, await signAssertion(es, assertionClaims(clientId, ISSUER)), { scope: 'read' });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(res.body.scope, 'read');
        assert.equal(decodeJwt(res.body.access_token).client_id, clientId);
      });

      it('accepts the token endpoint URL as audience, RS256, typ JWT and a matching client_id', async () => {
        const assertion = await signAssertion(rsa, assertionClaims(clientId, `${ISSUER}/oauth/token`), { typ: 'JWT' });
        const res = await tokenWithAssertion(h, assertion, { client_id: clientId });
        assert.equal(res.status, 200, JSON.stringify(res.body));
      });

      it('drives the token endpoint with openid-client (discovery + PrivateKeyJwt)', async () => {
        const fetchViaInject = async (url: string, options: { method?: string; headers?: Headers | Record<string, string>; body?: unknown }) => {
          const target = new URL(url);
          const res = await h.inject({
            method: (options.method ?? 'GET') as 'GET',
            url: `${target.pathname}${target.search}`,
            headers: Object.fromEntries(new Headers(options.headers as HeadersInit).entries()),
            ...(options.body !== undefined ? { payload: String(options.body) } : {}),
          });
          return new Response(res.rawPayload.length > 0 ? new Uint8Array(res.rawPayload) : null, { status: res.statusCode, headers: res.headers as Record<string, string> });
        };
        const config = await oidc.discovery(new URL(ISSUER), clientId, undefined, oidc.PrivateKeyJwt({ key: es.privateKey, kid: es.kid }), {
          execute: [oidc.allowInsecureRequests],
          [oidc.customFetch]: fetchViaInject as never,
        });
        assert.ok(config.serverMetadata().token_endpoint_auth_methods_supported?.includes('private_key_jwt'));
        const tokens = await oidc.clientCredentialsGrant(config, { scope: 'write' });
        assert.equal(tokens.scope, 'write');
        assert.equal(decodeJwt(tokens.access_token).sub, clientId);
      });

      it('fetches a jwks_uri through the guard and refetches on an unknown kid', async () => {
        const host = await jwksHost();
        try {
          const first = await clientKey('ES256', 'uri-1');
          host.set([first.publicJwk]);
          const c = await h.call('POST', '/v1/apiClients', { displayName: 'uri keyed' });
          const added = await h.call('POST', `/v1/${c.body.name}/credentials`, { type: 'PUBLIC_KEY', jwksUri: host.url });
          assert.equal(added.status, 200, JSON.stringify(added.body));
          assert.equal(added.body.jwksUri, host.url);
          const ok = await tokenWithAssertion(h, await signAssertion(first, assertionClaims(c.body.clientId, ISSUER)));
          assert.equal(ok.status, 200, JSON.stringify(ok.body));
          const again = await tokenWithAssertion(h, await signAssertion(first, assertionClaims(c.body.clientId, ISSUER)));
          assert.equal(again.status, 200);
          assert.equal(host.hits(), 1, 'the key set is cached');
          const rotated = await clientKey('ES256', 'uri-2');
          host.set([rotated.publicJwk]);
          const after = await tokenWithAssertion(h, await signAssertion(rotated, assertionClaims(c.body.clientId, ISSUER)));
          assert.equal(after.status, 200, JSON.stringify(after.body));
          assert.equal(host.hits(), 2);
        } finally {
          await host.close();
        }
      });
    });

    describe('a jwks_uri that cannot be read', () => {
      it('does not lock out a key registered inline, and is a 503 when no other key verifies', async () => {
        const down = await jwksHost();
        await down.close();
        const c = await h.call('POST', '/v1/apiClients', { displayName: 'half reachable' });
        assert.equal((await h.call('POST', `/v1/${c.body.name}/credentials`, { type: 'PUBLIC_KEY', jwksUri: down.url })).status, 200);
        const held = await clientKey('ES256', 'held-here');
        assert.equal((await h.call('POST', `/v1/${c.body.name}/credentials`, { type: 'PUBLIC_KEY', jwk: held.publicJwk })).status, 200);

        const ok = await tokenWithAssertion(h, await signAssertion(held, assertionClaims(c.body.clientId, ISSUER)));
        assert.equal(ok.status, 200, JSON.stringify(ok.body));
        const elsewhere = await clientKey('ES256', 'behind-the-uri');
        const unsure = await tokenWithAssertion(h, await signAssertion(elsewhere, assertionClaims(c.body.clientId, ISSUER)));
        assert.equal(unsure.status, 503, JSON.stringify(unsure.body));
        assert.equal(unsure.body.error, 'temporarily_unavailable');
      });
    });

    describe('401 invalid_client', () => {
      const refused = async (assertion: string, reason: RegExp, params: Record<string, string> = {}) => {
        const res = await tokenWithAssertion(h, assertion, params);
        assert.equal(res.status, 401, JSON.stringify(res.body));
        assert.equal(res.body.error, 'invalid_client');
        assert.match(res.body.error_description, reason);
      };

      it('refuses a replayed jti', async () => {
        const assertion = await signAssertion(es, assertionClaims(clientId, ISSUER));
        assert.equal((await tokenWithAssertion(h, assertion)).status, 200);
        await refused(assertion, /jti replay/);
      });

      it('refuses a replay on another instance sharing the database', async () => {
        const other = await startHarness(undefined, db.name === 'sqlite' ? { db, dataDir: h.dataDir } : { db, databaseUrl: h.databaseUrl });
        try {
          const assertion = await signAssertion(es, assertionClaims(clientId, ISSUER));
          assert.equal((await tokenWithAssertion(h, assertion)).status, 200);
          const res = await tokenWithAssertion(other, assertion);
          assert.equal(res.status, 401);
          assert.match(res.body.error_description, /jti replay/);
        } finally {
          await other.close();
        }
      });

      it('refuses missing and malformed claims', async () => {
        await refused(await signAssertion(es, assertionClaims(clientId, ISSUER, { exp: undefined })), /exp claim is required/);
        await refused(await signAssertion(es, assertionClaims(clientId, ISSUER, { jti: undefined })), /jti claim is required/);
        await refused(await signAssertion(es, assertionClaims(clientId, ISSUER, { aud: undefined })), /aud must be/);
        await refused(await signAssertion(es, assertionClaims(clientId, ISSUER, { sub: 'someone-else' })), /iss and sub/);
        await refused(await signAssertion(es, assertionClaims(clientId, ISSUER)), /client_id differs/, { client_id: 'another-client' });
      });

      it('refuses a wrong audience, or extra audiences', async () => {
        await refused(await signAssertion(es, assertionClaims(clientId, 'https://elsewhere.example')), /aud must be/);
        await refused(await signAssertion(es, assertionClaims(clientId, [ISSUER, 'https://elsewhere.example'] as never)), /aud must be/);
      });

      it('refuses expired, not-yet-valid and too long-lived assertions', async () => {
        await refused(await signAssertion(es, assertionClaims(clientId, ISSUER, { exp: now() - 120, iat: now() - 300 })), /expired/);
        await refused(await signAssertion(es, assertionClaims(clientId, ISSUER, { nbf: now() + 600 })), /not valid yet/);
        await refused(await signAssertion(es, assertionClaims(clientId, ISSUER, { exp: now() + 3600 })), /more than 300 seconds/);
      });

      it('refuses an unknown kid, and a key of another client', async () => {
        const stranger = await clientKey('ES256', es.kid);
        await refused(await signAssertion(stranger, assertionClaims(clientId, ISSUER)), /does not verify/);
        await refused(await signAssertion(es, assertionClaims(clientId, ISSUER), { kid: 'no-such-kid' }), /does not verify/);
      });

      it('refuses alg none, HS256 keyed with the public key, and algorithms outside the allow-list', async () => {
        const claims = assertionClaims(clientId, ISSUER);
        await refused(unsignedJwt(claims), /alg .none. is not accepted/);
        await refused(unsignedJwt(claims, 'None'), /alg .None. is not accepted/);
        const pem = createPublicKey({ key: rsa.publicJwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
        await refused(hs256WithPublicKey(claims, pem, rsa.kid), /alg .HS256. is not accepted/);
        await refused(hs256WithPublicKey(claims, JSON.stringify(rsa.publicJwk), rsa.kid), /alg .HS256. is not accepted/);
      });

      it('refuses keys named by the header (jwk, jku, x5u) and unknown crit or typ', async () => {
        const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });
        const claims = assertionClaims(clientId, ISSUER);
        const attackerJwk = attacker.publicKey.export({ format: 'jwk' });
        await refused(rs256WithHeader({ kid: rsa.kid, jwk: attackerJwk }, claims, attacker.privateKey), /jwk header is not accepted/);
        await refused(rs256WithHeader({ kid: rsa.kid, jku: 'https://attacker.example/jwks' }, claims, attacker.privateKey), /jku header/);
        await refused(rs256WithHeader({ kid: rsa.kid, x5u: 'https://attacker.example/cert' }, claims, attacker.privateKey), /x5u header/);
        await refused(rs256WithHeader({ kid: rsa.kid, crit: ['exp-ext'], 'exp-ext': 1 }, claims, attacker.privateKey), /crit/);
        await refused(await signAssertion(es, assertionClaims(clientId, ISSUER), { typ: 'at+jwt' }), /typ .at\+jwt. is not accepted/);
      });

      it('refuses a wrong client_assertion_type and garbage', async () => {
        await refused(await signAssertion(es, assertionClaims(clientId, ISSUER)), /client_assertion_type must be/, { client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer' });
        await refused('not-a-jwt', /not a signed JWT/);
      });

      it('refuses a disabled client and an expired credential', async () => {
        const c = await h.call('POST', '/v1/apiClients', { displayName: 'short-lived key' });
        const key = await clientKey('ES256');
        await h.call('POST', `/v1/${c.body.name}/credentials`, { type: 'PUBLIC_KEY', jwk: key.publicJwk });
        assert.equal((await tokenWithAssertion(h, await signAssertion(key, assertionClaims(c.body.clientId, ISSUER)))).status, 200);
        await h.call('POST', `/v1/${c.body.name}:disable`);
        await refused(await signAssertion(key, assertionClaims(c.body.clientId, ISSUER)), /does not verify for a known, enabled client/);
      });
    });

    describe('400 on registration', () => {
      const rejected = async (body: Record<string, unknown>, detail: RegExp) => {
        const res = await h.call('POST', `/v1/${apiClient}/credentials`, { type: 'PUBLIC_KEY', ...body });
        assert.equal(res.status, 400, JSON.stringify(res.body));
        assert.match(JSON.stringify(res.body), detail);
      };

      it('refuses private keys, symmetric keys, weak keys and ambiguous bodies', async () => {
        const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
        await rejected({ jwk: pair.privateKey.export({ format: 'jwk' }) }, /private or symmetric key material/);
        await rejected({ jwk: { kty: 'oct', k: 'c2VjcmV0' } }, /private or symmetric/);
        const weak = generateKeyPairSync('rsa', { modulusLength: 1024 });
        await rejected({ jwk: weak.publicKey.export({ format: 'jwk' }) }, /at least 2048 bits/);
        await rejected({ jwk: { kty: 'EC', crv: 'P-384', x: 'AA', y: 'AA' } }, /P-256/);
        await rejected({ jwk: es.publicJwk, jwksUri: 'https://example.com/jwks' }, /exactly one of jwk, jwks or jwksUri/);
        await rejected({ jwksUri: 'ftp://example.com/jwks' }, /http or https URL/);
        await rejected({ jwks: { keys: [es.publicJwk, es.publicJwk] } }, /each kid may appear once/);
      });
    });
  });
}
