import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { calculateJwkThumbprint, decodeJwt, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import * as oidc from 'openid-client';
import { assertionClaims, clientKey, JWT_BEARER, signAssertion } from '../helpers/assertions.js';
import { ISSUER, databases, startHarness, type Harness, type Parsed } from '../helpers/harness.js';
import { fetchVia } from '../helpers/openid-client.js';

const TOKEN_URL = `${ISSUER}/oauth/token`;

interface ProofKey {
  privateKey: CryptoKey;
  jwk: JWK;
  jkt: string;
}

async function proofKey(alg: 'ES256' | 'EdDSA' | 'RS256' = 'ES256'): Promise<ProofKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(publicKey);
  return { privateKey: privateKey as CryptoKey, jwk, jkt: await calculateJwkThumbprint(jwk) };
}

/** A DPoP proof as RFC 9449 §4.2 describes it; `claims` and `header` override any member to break it. */
function proof(key: ProofKey, claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}, alg = 'ES256') {
  return new SignJWT({ htm: 'POST', htu: TOKEN_URL, jti: randomUUID(), ...claims })
    .setProtectedHeader({ alg, typ: 'dpop+jwt', jwk: key.jwk, ...header })
    .setIssuedAt(typeof claims.iat === 'number' ? claims.iat : undefined)
    .sign(key.privateKey);
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

async function tokenRequest(h: Harness, headers: Record<string, string | string[]>, params: Record<string, string> = { grant_type: 'client_credentials' }): Promise<Parsed> {
  const res = await h.inject({
    method: 'POST',
    url: '/oauth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(params).toString(),
  });
  return { status: res.statusCode, body: JSON.parse(res.body), headers: res.headers as Record<string, unknown> };
}

const ath = (token: string) => createHash('sha256').update(token).digest('base64url');

for (const db of databases) {
  describe(`DPoP, RFC 9449 (${db.name})`, () => {
    let h: Harness;
    let client: { clientId: string; clientSecret: string; name: string };
    let key: ProofKey;
    let config: oidc.Configuration;

    before(async () => {
      h = await startHarness(undefined, { db, env: { KEYWARD_RATE_LIMIT_FAILURES: '100000' } });
      const created = await h.call('POST', '/v1/apiClients', { displayName: 'agent', permissions: ['keyward:admin', 'docs.read'] });
      client = created.body;
      key = await proofKey();
      config = await oidc.discovery(new URL(ISSUER), client.clientId, undefined, oidc.ClientSecretBasic(client.clientSecret), {
        execute: [oidc.allowInsecureRequests],
        [oidc.customFetch]: fetchVia(h) as never,
      });
    });
    after(() => h.close());

    it('advertises the proof algorithms in its metadata', () => {
      assert.deepEqual(config.serverMetadata().dpop_signing_alg_values_supported, ['RS256', 'ES256', 'EdDSA']);
    });

    it('binds a token to the key of openid-client\'s proof: token_type DPoP, cnf.jkt, and introspection says so', async () => {
      const keyPair = await oidc.randomDPoPKeyPair('ES256');
      const tokens = await oidc.clientCredentialsGrant(config, { scope: 'docs.read' }, { DPoP: oidc.getDPoPHandle(config, keyPair) });
      assert.equal(tokens.token_type, 'dpop');
      const jkt = await calculateJwkThumbprint(await exportJWK(keyPair.publicKey));
      assert.deepEqual(decodeJwt(tokens.access_token).cnf, { jkt });

      const introspected = await h.inject({
        method: 'POST',
        url: '/oauth/introspect',
        headers: { authorization: basic(client.clientId, client.clientSecret), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ token: tokens.access_token }).toString(),
      });
      const body = JSON.parse(introspected.body);
      assert.equal(body.active, true);
      assert.equal(body.token_type, 'DPoP');
      assert.deepEqual(body.cnf, { jkt });
    });

    it('lets openid-client call the admin API with its bound token, proof and ath checked; the token alone is refused', async () => {
      const keyPair = await oidc.randomDPoPKeyPair('ES256');
      const DPoP = oidc.getDPoPHandle(config, keyPair);
      const tokens = await oidc.clientCredentialsGrant(config, {}, { DPoP });
      const listed = await oidc.fetchProtectedResource(config, tokens.access_token, new URL(`${ISSUER}/v1/apiClients?pageSize=1`), 'GET', undefined, undefined, { DPoP });
      assert.equal(listed.status, 200, await listed.clone().text());

      const asBearer = await h.inject({ method: 'GET', url: '/v1/apiClients', headers: { authorization: `Bearer ${tokens.access_token}` } });
      assert.equal(asBearer.statusCode, 401);
      assert.match(JSON.parse(asBearer.body).detail, /bound to a key \(DPoP\)/);

      // A proof made with another key, and a proof for another token, are refused in the DPoP scheme.
      const other = await proofKey();
      const adminProof = (k: ProofKey, token: string) => proof(k, { htm: 'GET', htu: `${ISSUER}/v1/apiClients`, ath: ath(token) });
      const wrongKey = await h.inject({ method: 'GET', url: '/v1/apiClients', headers: { authorization: `DPoP ${tokens.access_token}`, dpop: await adminProof(other, tokens.access_token) } });
      assert.equal(wrongKey.statusCode, 401);
      assert.match(String(wrongKey.headers['www-authenticate']), /^DPoP .*error="invalid_dpop_proof"/);
      const jwk = await exportJWK(keyPair.publicKey);
      const own: ProofKey = { privateKey: keyPair.privateKey, jwk, jkt: await calculateJwkThumbprint(jwk) };
      const wrongAth = await h.inject({ method: 'GET', url: '/v1/apiClients', headers: { authorization: `DPoP ${tokens.access_token}`, dpop: await adminProof(own, 'another token') } });
      assert.equal(wrongAth.statusCode, 401);
      assert.match(JSON.parse(wrongAth.body).detail, /ath must be/);
      // The same proof twice: the second is a replay.
      const once = await adminProof(own, tokens.access_token);
      const first = await h.inject({ method: 'GET', url: '/v1/apiClients', headers: { authorization: `DPoP ${tokens.access_token}`, dpop: once } });
      assert.equal(first.statusCode, 200);
      const replay = await h.inject({ method: 'GET', url: '/v1/apiClients', headers: { authorization: `DPoP ${tokens.access_token}`, dpop: once } });
      assert.equal(replay.statusCode, 401);
      assert.match(JSON.parse(replay.body).detail, /used before/);
    });

    it('refuses an unbound token presented in the DPoP scheme', async () => {
      const plain = await h.token(client.clientId, client.clientSecret);
      assert.equal(plain.body.token_type, 'Bearer');
      const res = await h.inject({
        method: 'GET',
        url: '/v1/apiClients',
        headers: { authorization: `DPoP ${plain.body.access_token}`, dpop: await proof(key, { htm: 'GET', htu: `${ISSUER}/v1/apiClients`, ath: ath(plain.body.access_token) }) },
      });
      assert.equal(res.statusCode, 401);
      assert.match(JSON.parse(res.body).detail, /not bound to a key/);
    });

    it('refuses each malformed proof with invalid_dpop_proof and a reason', async () => {
      const { privateKey: hmacless } = await generateKeyPair('ES256', { extractable: true });
      const withPrivate = { ...key.jwk, d: (await exportJWK(hmacless)).d };
      const cases: [string, Promise<string> | string | string[], RegExp][] = [
        ['not a JWT', 'abc', /not a signed JWT/],
        ['typ', proof(key, {}, { typ: 'JWT' }), /typ must be .dpop\+jwt./],
        ['no jwk', proof(key, {}, { jwk: undefined }), /jwk header/],
        ['private key in jwk', proof(key, {}, { jwk: withPrivate }), /private/],
        ['htm', proof(key, { htm: 'GET' }), /htm must be POST/],
        ['htu', proof(key, { htu: 'http://elsewhere.test/oauth/token' }), /htu must be/],
        ['old iat', proof(key, { iat: Math.floor(Date.now() / 1000) - 600 }), /older than 60 seconds/],
        ['future iat', proof(key, { iat: Math.floor(Date.now() / 1000) + 600 }), /future/],
        ['no jti', proof(key, { jti: undefined }), /jti/],
        ['signed by another key', (async () => {
          const other = await proofKey();
          const jws = await proof(other);
          // the header names key's public key, the signature is other's
          const [, payload, signature] = jws.split('.');
          const header = Buffer.from(JSON.stringify({ alg: 'ES256', typ: 'dpop+jwt', jwk: key.jwk })).toString('base64url');
          return `${header}.${payload}.${signature}`;
        })(), /signature does not verify/],
        ['two headers', Promise.all([proof(key), proof(key)]) as unknown as Promise<string>, /exactly one DPoP header/],
      ];
      for (const [name, made, reason] of cases) {
        const res = await tokenRequest(h, { authorization: basic(client.clientId, client.clientSecret), dpop: await made });
        assert.equal(res.status, 400, `${name}: ${JSON.stringify(res.body)}`);
        assert.equal(res.body.error, 'invalid_dpop_proof', name);
        assert.match(res.body.error_description, reason, name);
      }
      const hs = await tokenRequest(h, {
        authorization: basic(client.clientId, client.clientSecret),
        dpop: await new SignJWT({ htm: 'POST', htu: TOKEN_URL, jti: randomUUID() }).setProtectedHeader({ alg: 'HS256', typ: 'dpop+jwt', jwk: key.jwk }).setIssuedAt().sign(new Uint8Array(32)),
      });
      assert.equal(hs.body.error, 'invalid_dpop_proof');
      assert.match(hs.body.error_description, /alg must be one of/);
    });

    it('spends each proof once, across the ledger every instance shares', async () => {
      const once = await proof(key);
      const first = await tokenRequest(h, { authorization: basic(client.clientId, client.clientSecret), dpop: once });
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.equal(first.body.token_type, 'DPoP');
      const replay = await tokenRequest(h, { authorization: basic(client.clientId, client.clientSecret), dpop: once });
      assert.equal(replay.status, 400);
      assert.match(replay.body.error_description, /used before/);
    });

    it('binds the tokens of every grant: private_key_jwt and the jwt-bearer grant', async () => {
      const signing = await clientKey('ES256');
      const keyed = await h.call('POST', '/v1/apiClients', { displayName: 'keyed agent' });
      const added = await h.call('POST', `/v1/${keyed.body.name}/credentials`, { type: 'PUBLIC_KEY', jwks: { keys: [signing.publicJwk] } });
      assert.equal(added.status, 200, JSON.stringify(added.body));
      const viaAssertion = await tokenRequest(h, { dpop: await proof(key) }, {
        grant_type: 'client_credentials',
        client_id: keyed.body.clientId,
        client_assertion_type: JWT_BEARER,
        client_assertion: await signAssertion(signing, assertionClaims(keyed.body.clientId, ISSUER)),
      });
      assert.equal(viaAssertion.status, 200, JSON.stringify(viaAssertion.body));
      assert.equal(viaAssertion.body.token_type, 'DPoP');
      assert.deepEqual(decodeJwt(viaAssertion.body.access_token).cnf, { jkt: key.jkt });
      const viaGrant = await tokenRequest(h, { dpop: await proof(key) }, {
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: await signAssertion(signing, assertionClaims(keyed.body.clientId, ISSUER)),
      });
      assert.equal(viaGrant.status, 200, JSON.stringify(viaGrant.body));
      assert.deepEqual(decodeJwt(viaGrant.body.access_token).cnf, { jkt: key.jkt });
    });

    it('makes proofs mandatory for a client set to dpopBoundAccessTokens', async () => {
      const strict = await h.call('POST', '/v1/apiClients', { displayName: 'strict agent', dpopBoundAccessTokens: true });
      assert.equal(strict.status, 200, JSON.stringify(strict.body));
      assert.equal(strict.body.dpopBoundAccessTokens, true);
      const without = await h.token(strict.body.clientId, strict.body.clientSecret);
      assert.equal(without.status, 400);
      assert.equal(without.body.error, 'invalid_dpop_proof');
      assert.match(without.body.error_description, /DPoP-bound tokens only/);
      const withProof = await tokenRequest(h, { authorization: basic(strict.body.clientId, strict.body.clientSecret), dpop: await proof(key) });
      assert.equal(withProof.status, 200);
      // Switched off with an update mask, the client gets bearer tokens again.
      const relaxed = await h.call('PATCH', `/v1/${strict.body.name}?updateMask=dpopBoundAccessTokens`, { dpopBoundAccessTokens: false });
      assert.equal(relaxed.status, 200, JSON.stringify(relaxed.body));
      assert.equal(relaxed.body.dpopBoundAccessTokens, false);
      assert.equal((await h.token(strict.body.clientId, strict.body.clientSecret)).status, 200);
    });
  });

  describe(`DPoP with server nonces (${db.name})`, () => {
    let h: Harness;
    let client: { clientId: string; clientSecret: string };

    before(async () => {
      h = await startHarness(undefined, { db, env: { KEYWARD_DPOP_NONCES: 'true' } });
      client = (await h.call('POST', '/v1/apiClients', { displayName: 'nonce agent' })).body;
    });
    after(() => h.close());

    it('asks for a nonce with use_dpop_nonce, which openid-client follows; a success carries the next', async () => {
      const config = await oidc.discovery(new URL(ISSUER), client.clientId, undefined, oidc.ClientSecretBasic(client.clientSecret), {
        execute: [oidc.allowInsecureRequests],
        [oidc.customFetch]: fetchVia(h) as never,
      });
      const DPoP = oidc.getDPoPHandle(config, await oidc.randomDPoPKeyPair('ES256'));
      let first: oidc.TokenEndpointResponse;
      try {
        first = await oidc.clientCredentialsGrant(config, {}, { DPoP });
      } catch (error) {
        // openid-client leaves the retry to the caller; the nonce it was given is remembered.
        assert.ok(error instanceof oidc.ResponseBodyError && error.error === 'use_dpop_nonce', String(error));
        first = await oidc.clientCredentialsGrant(config, {}, { DPoP });
      }
      assert.equal(first.token_type, 'dpop');
      const second = await oidc.clientCredentialsGrant(config, {}, { DPoP });
      assert.equal(second.token_type, 'dpop');
    });

    it('refuses a proof without this instance\'s nonce, and spends a nonce proof once', async () => {
      const key = await proofKey();
      const auth = { authorization: basic(client.clientId, client.clientSecret) };
      const refused = await tokenRequest(h, { ...auth, dpop: await proof(key) });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.error, 'use_dpop_nonce');
      const nonce = String(refused.headers['dpop-nonce']);
      assert.match(nonce, /^[0-9a-z]+\.[A-Za-z0-9_-]{22}$/);
      const forged = await tokenRequest(h, { ...auth, dpop: await proof(key, { nonce: `${nonce.split('.')[0]}.${'A'.repeat(22)}` }) });
      assert.equal(forged.body.error, 'use_dpop_nonce');
      const once = await proof(key, { nonce });
      const ok = await tokenRequest(h, { ...auth, dpop: once });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.ok(ok.headers['dpop-nonce']);
      const replay = await tokenRequest(h, { ...auth, dpop: once });
      assert.equal(replay.status, 400);
      assert.equal(replay.body.error, 'invalid_dpop_proof');
    });
  });
}
