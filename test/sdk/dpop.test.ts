import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT } from 'jose';
import * as oidc from 'openid-client';
import {
  AccessTokenError,
  accessTokenHash,
  createAdminClient,
  createVerifier,
  DPOP_ALGORITHMS,
  expressAuth,
  fastifyAuth,
  nodeAuth,
  protectedResourceMetadata,
  TokenSource,
  unwrap,
  type AccessTokenClaims,
  type Verifier,
} from '../../packages/sdk/src/index.js';
import { ReplayCache } from '../../packages/sdk/src/dpop.js';
import { startKeyward, type LiveKeyward } from './support.js';

/** A fetch that keeps every request's headers, so the proofs the SDK sends can be read. */
function watchingFetch() {
  const sent: { url: string; method: string; headers: Headers; body: string }[] = [];
  const wrapped = (input: string | URL, init?: RequestInit) => {
    sent.push({ url: String(input), method: init?.method ?? 'GET', headers: new Headers(init?.headers), body: typeof init?.body === 'string' ? init.body : '' });
    return fetch(input, init);
  };
  return { fetch: wrapped, sent, to: (path: string) => sent.filter((s) => new URL(s.url).pathname === path) };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const ADMIN = ['keyward:admin', 'reports.read'];

describe('TokenSource with DPoP against a running Keyward', () => {
  let kw: LiveKeyward;
  before(async () => (kw = await startKeyward()));
  after(() => kw.close());

  it('gets a DPoP-bound token with a proof per request and calls the admin API through its fetch', async () => {
    const client = await kw.createClient({ permissions: ADMIN });
    const keyPair = await generateKeyPair('ES256');
    const watch = watchingFetch();
    const source = new TokenSource({ issuer: kw.issuer, clientId: client.clientId, clientSecret: client.clientSecret, dpop: keyPair, fetch: watch.fetch });
    const set = await source.getTokenSet();
    assert.equal(set.tokenType, 'DPoP');
    const jkt = await calculateJwkThumbprint(await exportJWK(keyPair.publicKey));
    assert.deepEqual(decodeJwt(set.accessToken).cnf, { jkt });

    const [tokenRequest] = watch.to('/oauth/token');
    const proof = tokenRequest.headers.get('dpop')!;
    const header = decodeProtectedHeader(proof);
    assert.equal(header.typ, 'dpop+jwt');
    assert.equal(header.alg, 'ES256');
    assert.deepEqual(Object.keys(header.jwk!).sort(), ['crv', 'kty', 'x', 'y'], 'the public key only');
    const claims = decodeJwt(proof);
    assert.equal(claims.htm, 'POST');
    assert.equal(claims.htu, `${kw.issuer}/oauth/token`);
    assert.ok(typeof claims.jti === 'string' && Math.abs(claims.iat! - Date.now() / 1000) < 5);
    assert.equal(claims.ath, undefined);

    const res = await source.fetch(`${kw.issuer}/v1/apiClients?pageSize=1#top`);
    assert.equal(res.status, 200, await res.clone().text());
    const [adminRequest] = watch.to('/v1/apiClients');
    assert.equal(adminRequest.headers.get('authorization'), `DPoP ${set.accessToken}`);
    const adminProof = decodeJwt(adminRequest.headers.get('dpop')!);
    assert.equal(adminProof.htm, 'GET');
    assert.equal(adminProof.htu, `${kw.issuer}/v1/apiClients`, 'no query, no fragment');
    assert.equal(adminProof.ath, await accessTokenHash(set.accessToken));
    assert.notEqual(adminProof.jti, claims.jti);

    // A second call makes a new proof (Keyward refuses a replayed one).
    assert.equal((await source.fetch(`${kw.issuer}/v1/apiClients?pageSize=1`, { method: 'GET' })).status, 200);

    // The admin client sends the bound token in the DPoP scheme too.
    const admin = createAdminClient({ baseUrl: kw.issuer, tokenSource: source });
    const listed = await unwrap(admin.GET('/v1/apiClients', { params: { query: { pageSize: 1 } } }));
    assert.equal(listed.apiClients.length, 1);
  });

  it('takes node KeyObjects (EdDSA) and a private JWK (RS256)', async () => {
    const client = await kw.createClient({ permissions: ADMIN });
    const ed = generateKeyPairSync('ed25519');
    const edSource = new TokenSource({ tokenEndpoint: `${kw.issuer}/oauth/token`, clientId: client.clientId, clientSecret: client.clientSecret, dpop: ed });
    assert.equal((await edSource.getTokenSet()).tokenType, 'DPoP');
    assert.equal((await edSource.fetch(`${kw.issuer}/v1/apiClients?pageSize=1`)).status, 200);
    assert.equal(decodeProtectedHeader(await edSource.dpopProof('GET', 'https://api.example.test/x')).alg, 'EdDSA');

    const rs = await generateKeyPair('RS256', { extractable: true });
    const rsJwk = await exportJWK(rs.privateKey);
    const rsSource = new TokenSource({ tokenEndpoint: `${kw.issuer}/oauth/token`, clientId: client.clientId, clientSecret: client.clientSecret, dpop: { privateKey: rsJwk } });
    const token = await rsSource.getToken();
    assert.deepEqual(decodeJwt(token).cnf, { jkt: await calculateJwkThumbprint({ kty: 'RSA', n: rsJwk.n, e: rsJwk.e }) });
    assert.equal((await rsSource.fetch(`${kw.issuer}/v1/apiClients?pageSize=1`)).status, 200);
    const header = decodeProtectedHeader(await rsSource.dpopProof('GET', 'https://api.example.test/x'));
    assert.equal(header.alg, 'RS256');
    assert.equal((header.jwk as Record<string, unknown>).d, undefined, 'the private members stay home');
  });

  it('refuses a key that fits no proof algorithm, and an algorithm the key is not for', async () => {
    const client = await kw.createClient();
    const p384 = await generateKeyPair('ES384');
    const source = new TokenSource({ tokenEndpoint: `${kw.issuer}/oauth/token`, clientId: client.clientId, clientSecret: client.clientSecret, dpop: p384 });
    await assert.rejects(source.getToken(), /fits none of ES256, EdDSA, RS256/);
    const mismatch = new TokenSource({ tokenEndpoint: `${kw.issuer}/oauth/token`, clientId: client.clientId, clientSecret: client.clientSecret, dpop: { ...(await generateKeyPair('ES256')), algorithm: 'RS256' } });
    await assert.rejects(mismatch.getToken(), /algorithm RS256 does not fit the key/);
  });
});

describe('TokenSource with DPoP against a Keyward that asks for nonces', () => {
  let kw: LiveKeyward;
  before(async () => (kw = await startKeyward({ KEYWARD_DPOP_NONCES: 'true' })));
  after(() => kw.close());

  it('answers use_dpop_nonce at once with the nonce, without counting it as a retry, and keeps the next nonce', async () => {
    const client = await kw.createClient({ permissions: ADMIN });
    const watch = watchingFetch();
    // One attempt in all: the nonce round must not use it up.
    const source = new TokenSource({ issuer: kw.issuer, clientId: client.clientId, clientSecret: client.clientSecret, dpop: await generateKeyPair('ES256'), fetch: watch.fetch, retry: { attempts: 1 } });
    const started = Date.now();
    const set = await source.getTokenSet();
    assert.equal(set.tokenType, 'DPoP');
    const [refused, accepted] = watch.to('/oauth/token');
    assert.equal(decodeJwt(refused.headers.get('dpop')!).nonce, undefined);
    assert.match(String(decodeJwt(accepted.headers.get('dpop')!).nonce), /^[0-9a-z]+\.[A-Za-z0-9_-]{22}$/);
    assert.ok(Date.now() - started < 2_000, 'no backoff before the nonce round');

    // The success carried the next nonce: a new token costs one request.
    await source.getToken({ forceRefresh: true });
    assert.equal(watch.to('/oauth/token').length, 3);
    assert.ok(decodeJwt(watch.to('/oauth/token')[2].headers.get('dpop')!).nonce);

    assert.equal((await source.fetch(`${kw.issuer}/v1/apiClients?pageSize=1`)).status, 200);
  });

  it('does the same with private_key_jwt, a new assertion for the second request', async () => {
    const client = await kw.createClient({ permissions: ADMIN });
    const signing = await generateKeyPair('ES256', { extractable: true });
    const publicJwk = { ...(await exportJWK(signing.publicKey)), kid: 'dpop-nonce', alg: 'ES256' };
    assert.equal((await kw.h.call('POST', `/v1/${client.name}/credentials`, { type: 'PUBLIC_KEY', jwks: { keys: [publicJwk] } })).status, 200);
    const watch = watchingFetch();
    const source = new TokenSource({ issuer: kw.issuer, clientId: client.clientId, privateKey: signing.privateKey, algorithm: 'ES256', keyId: 'dpop-nonce', dpop: await generateKeyPair('EdDSA'), fetch: watch.fetch });
    assert.equal((await source.getTokenSet()).tokenType, 'DPoP');
    const assertions = watch.to('/oauth/token').map((s) => new URLSearchParams(s.body).get('client_assertion'));
    assert.equal(assertions.length, 2);
    assert.ok(assertions[0] && assertions[1] && assertions[0] !== assertions[1]);
    assert.equal((await source.fetch(`${kw.issuer}/v1/apiClients?pageSize=1`)).status, 200);
  });
});

describe('the verifier and its adapters with DPoP, against tokens from a running Keyward', () => {
  let kw: LiveKeyward;
  let client: { clientId: string; clientSecret: string };
  let verifier: Verifier;
  const urls: Record<string, string> = {};
  const closers: (() => Promise<unknown>)[] = [];
  let config: oidc.Configuration;

  before(async () => {
    kw = await startKeyward();
    client = await kw.createClient();
    verifier = createVerifier({ issuer: kw.issuer, audience: kw.issuer });

    const app: FastifyInstance = Fastify();
    app.route({
      method: ['GET', 'POST'],
      url: '/reports',
      preHandler: fastifyAuth(verifier, { scopes: ['reports.read'] }),
      handler: async (request) => ({ client: (request as unknown as { auth: AccessTokenClaims }).auth.client_id }),
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    urls.fastify = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/reports`;
    closers.push(() => app.close());

    const auth = nodeAuth(verifier, { scopes: ['reports.read'] });
    const nodeServer = createServer(async (req, res) => {
      const claims = await auth(req, res);
      if (claims) res.end(JSON.stringify({ client: claims.client_id }));
    });
    urls['node:http'] = `${await listen(nodeServer)}/reports`;
    closers.push(() => new Promise((resolve) => nodeServer.close(resolve)));

    // Express-shaped, as in adapters.test.ts (Express is not installed here).
    const middleware = expressAuth(verifier, { scopes: ['reports.read'] });
    const expressServer = createServer((req, res) => {
      middleware(req, res, (error?: unknown) => {
        if (error) return void ((res.statusCode = 500), res.end());
        res.end(JSON.stringify({ client: (req as typeof req & { auth: AccessTokenClaims }).auth.client_id }));
      });
    });
    urls.express = `${await listen(expressServer)}/reports`;
    closers.push(() => new Promise((resolve) => expressServer.close(resolve)));

    config = await oidc.discovery(new URL(kw.issuer), client.clientId, undefined, oidc.ClientSecretBasic(client.clientSecret), { execute: [oidc.allowInsecureRequests] });
  });
  after(async () => {
    for (const close of closers) await close();
    await kw.close();
  });

  for (const name of ['fastify', 'express', 'node:http']) {
    describe(name, () => {
      it("accepts openid-client's DPoP request, and TokenSource's", async () => {
        const DPoP = oidc.getDPoPHandle(config, await oidc.randomDPoPKeyPair('ES256'));
        const tokens = await oidc.clientCredentialsGrant(config, { scope: 'reports.read' }, { DPoP });
        assert.equal(tokens.token_type, 'dpop');
        const res = await oidc.fetchProtectedResource(config, tokens.access_token, new URL(`${urls[name]}?page=2`), 'GET', undefined, undefined, { DPoP });
        assert.equal(res.status, 200, await res.clone().text());
        assert.deepEqual(await res.json(), { client: client.clientId });

        const source = new TokenSource({ issuer: kw.issuer, clientId: client.clientId, clientSecret: client.clientSecret, dpop: await generateKeyPair('EdDSA') });
        const posted = await source.fetch(urls[name], { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
        assert.equal(posted.status, 200, await posted.clone().text());
      });

      it('refuses the bound token as Bearer, a proof by another key, a replayed proof, a wrong htu or method, and a missing proof', async () => {
        const source = new TokenSource({ issuer: kw.issuer, clientId: client.clientId, clientSecret: client.clientSecret, dpop: await generateKeyPair('ES256') });
        const other = new TokenSource({ issuer: kw.issuer, clientId: client.clientId, clientSecret: client.clientSecret, dpop: await generateKeyPair('ES256') });
        const token = await source.getToken();
        const url = urls[name];
        const send = (headers: Record<string, string>) => fetch(url, { headers });
        const refused = async (res: Response, code: string, reason: RegExp) => {
          assert.equal(res.status, 401);
          const challenge = res.headers.get('www-authenticate')!;
          assert.match(challenge, new RegExp(`^DPoP error="${code}", error_description="[^"]+", algs="ES256 EdDSA RS256"$`), challenge);
          const body = await res.json();
          assert.equal(body.error, code);
          assert.match(body.error_description, reason);
        };

        await refused(await send({ authorization: `Bearer ${token}` }), 'invalid_token', /bound to a key/);
        await refused(await send({ authorization: `DPoP ${token}`, dpop: await other.dpopProof('GET', url, { accessToken: token }) }), 'invalid_dpop_proof', /another key/);
        const once = await source.dpopProof('GET', url, { accessToken: token });
        assert.equal((await send({ authorization: `DPoP ${token}`, dpop: once })).status, 200, 'the control: a good proof');
        await refused(await send({ authorization: `DPoP ${token}`, dpop: once }), 'invalid_dpop_proof', /used before/);
        await refused(await send({ authorization: `DPoP ${token}`, dpop: await source.dpopProof('GET', `${url}/elsewhere`, { accessToken: token }) }), 'invalid_dpop_proof', /htu must be/);
        await refused(await send({ authorization: `DPoP ${token}`, dpop: await source.dpopProof('GET', url.replace('127.0.0.1', 'localhost'), { accessToken: token }) }), 'invalid_dpop_proof', /htu must be/);
        await refused(await send({ authorization: `DPoP ${token}`, dpop: await source.dpopProof('POST', url, { accessToken: token }) }), 'invalid_dpop_proof', /htm must be GET/);
        await refused(await send({ authorization: `DPoP ${token}`, dpop: await source.dpopProof('GET', url) }), 'invalid_dpop_proof', /ath/);
        await refused(await send({ authorization: `DPoP ${token}` }), 'invalid_dpop_proof', /needs a DPoP header/);

        // An unbound token in the DPoP scheme proves nothing about the key.
        const plain = await new TokenSource({ issuer: kw.issuer, clientId: client.clientId, clientSecret: client.clientSecret }).getToken();
        await refused(await send({ authorization: `DPoP ${plain}`, dpop: await source.dpopProof('GET', url, { accessToken: plain }) }), 'invalid_token', /not bound to a key/);
        // A plain bearer token still passes: DPoP is not required here.
        assert.equal((await send({ authorization: `Bearer ${plain}` })).status, 200);
      });
    });
  }

  it('answers a resource nonce once, when the body can be sent again', async () => {
    const auth = nodeAuth(verifier);
    let requests = 0;
    const bodies: string[] = [];
    const server = createServer(async (req, res) => {
      requests++;
      let body = '';
      for await (const chunk of req) body += chunk;
      bodies.push(body);
      const proof = String(req.headers.dpop ?? '');
      if (decodeJwt(proof).nonce !== 'resource-nonce-1') {
        res.writeHead(401, { 'www-authenticate': 'DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"', 'dpop-nonce': 'resource-nonce-1' });
        res.end();
        return;
      }
      if (await auth(req, res)) res.end('ok');
    });
    const url = `${await listen(server)}/upload`;
    try {
      const source = new TokenSource({ issuer: kw.issuer, clientId: client.clientId, clientSecret: client.clientSecret, dpop: await generateKeyPair('ES256') });
      const stream = () => new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode('streamed')), c.close()) });
      const streamed = await source.fetch(url, { method: 'PUT', body: stream(), duplex: 'half' } as RequestInit);
      assert.equal(streamed.status, 401, 'a stream is spent: the challenge comes back to the caller');
      assert.equal(requests, 1);

      // The nonce is now known, so the next request carries it; a fresh source learns it from the challenge.
      const fresh = new TokenSource({ issuer: kw.issuer, clientId: client.clientId, clientSecret: client.clientSecret, dpop: await generateKeyPair('ES256') });
      const res = await fresh.fetch(url, { method: 'PUT', body: 'payload' });
      assert.equal(res.status, 200);
      assert.equal(requests, 3);
      assert.deepEqual(bodies.slice(1), ['payload', 'payload']);
      assert.equal((await source.fetch(url, { method: 'PUT', body: stream(), duplex: 'half' } as RequestInit)).status, 200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('checks a proof behind a proxy against publicUrl', async () => {
    const auth = nodeAuth(verifier, { publicUrl: 'https://api.example.test/base/' });
    const server = createServer(async (req, res) => {
      if (await auth(req, res)) res.end('ok');
    });
    const url = `${await listen(server)}/reports`;
    try {
      const source = new TokenSource({ issuer: kw.issuer, clientId: client.clientId, clientSecret: client.clientSecret, dpop: await generateKeyPair('ES256') });
      const token = await source.getToken();
      const asClientsSeeIt = await fetch(url, { headers: { authorization: `DPoP ${token}`, dpop: await source.dpopProof('GET', 'https://API.example.test:443/base/reports?x=1', { accessToken: token }) } });
      assert.equal(asClientsSeeIt.status, 200, await asClientsSeeIt.clone().text());
      const asServerSeesIt = await fetch(url, { headers: { authorization: `DPoP ${token}`, dpop: await source.dpopProof('GET', url, { accessToken: token }) } });
      assert.equal(asServerSeesIt.status, 401);
      assert.match((await asServerSeesIt.json()).error_description, /htu must be https:\/\/api\.example\.test\/base\/reports/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('with requireDpop refuses a bearer token, with a DPoP challenge', async () => {
    const strict = createVerifier({ issuer: kw.issuer, audience: kw.issuer, requireDpop: true });
    const plain = await new TokenSource({ issuer: kw.issuer, clientId: client.clientId, clientSecret: client.clientSecret }).getToken();
    await assert.rejects(strict.verifyAccessToken(plain), (e: unknown) => {
      assert.ok(e instanceof AccessTokenError);
      assert.equal(e.code, 'invalid_token');
      assert.equal(e.scheme, 'DPoP');
      assert.match(e.message, /DPoP-bound tokens only/);
      return true;
    });
    const source = new TokenSource({ issuer: kw.issuer, clientId: client.clientId, clientSecret: client.clientSecret, dpop: await generateKeyPair('ES256') });
    const token = await source.getToken();
    const claims = await strict.verifyAccessToken(token, { dpop: { proof: await source.dpopProof('GET', 'https://api.example.test/r', { accessToken: token }), method: 'GET', url: 'https://api.example.test/r' } });
    assert.equal(claims.client_id, client.clientId);
  });

  it("checks the proof's time, type and algorithm with jose", async () => {
    const keyPair = await generateKeyPair('ES256');
    const source = new TokenSource({ issuer: kw.issuer, clientId: client.clientId, clientSecret: client.clientSecret, dpop: keyPair });
    const token = await source.getToken();
    const jwk = await exportJWK(keyPair.publicKey);
    const target = 'https://api.example.test/r';
    const made = async (claims: Record<string, unknown>, header: Record<string, unknown> = {}) =>
      new SignJWT({ htm: 'GET', htu: target, jti: crypto.randomUUID(), ath: await accessTokenHash(token), ...claims })
        .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk, ...header })
        .setIssuedAt(typeof claims.iat === 'number' ? claims.iat : undefined)
        .sign(keyPair.privateKey);
    const verify = (proof: string) => verifier.verifyAccessToken(token, { dpop: { proof, method: 'GET', url: target } });
    const refusedFor = (reason: RegExp) => (e: unknown) => e instanceof AccessTokenError && e.code === 'invalid_dpop_proof' && reason.test(e.message);
    const now = Math.floor(Date.now() / 1000);

    assert.equal((await verify(await made({ iat: now - 58 }))).client_id, client.clientId, 'inside the minute');
    assert.equal((await verify(await made({ iat: now + 3 }))).client_id, client.clientId, 'inside the clock tolerance');
    await assert.rejects(verify(await made({ iat: now - 70 })), refusedFor(/iat/));
    await assert.rejects(verify(await made({ iat: now + 60 })), refusedFor(/iat/));
    await assert.rejects(verify(await made({}, { typ: 'JWT' })), refusedFor(/typ/));
    await assert.rejects(verify(await made({ jti: undefined })), refusedFor(/jti/));
    const hmac = await new SignJWT({ htm: 'GET', htu: target, jti: 'x', ath: await accessTokenHash(token) })
      .setProtectedHeader({ alg: 'HS256', typ: 'dpop+jwt', jwk: { kty: 'oct', k: 'AAAA' } as never })
      .setIssuedAt()
      .sign(new Uint8Array(32));
    await assert.rejects(verify(hmac), refusedFor(/alg/));
    assert.throws(() => createVerifier({ issuer: kw.issuer, audience: kw.issuer, dpopProofs: { algorithms: ['HS256'] } }), /asymmetric/);
  });
});

describe('protected-resource metadata for DPoP', () => {
  it('names the proof algorithms and whether bound tokens are required (RFC 9728 §2)', () => {
    const doc = protectedResourceMetadata({ resource: 'https://api.example.test', authorizationServers: ['https://as.example.test'], dpopSigningAlgValuesSupported: DPOP_ALGORITHMS, dpopBoundAccessTokensRequired: true });
    assert.deepEqual(doc.dpop_signing_alg_values_supported, ['ES256', 'EdDSA', 'RS256']);
    assert.equal(doc.dpop_bound_access_tokens_required, true);
    assert.equal('dpop_bound_access_tokens_required' in protectedResourceMetadata({ resource: 'https://api.example.test', authorizationServers: [] }), false);
  });
});

describe('the replay memory', () => {
  it('refuses an id while it is remembered, forgets it when it expires, and stays within its bound', () => {
    const cache = new ReplayCache(2);
    const later = Date.now() + 60_000;
    assert.equal(cache.spend('a', later), true);
    assert.equal(cache.spend('a', later), false);
    assert.equal(cache.spend('b', later), true);
    // Full: the oldest goes first.
    assert.equal(cache.spend('c', later), true);
    assert.equal(cache.spend('b', later), false);
    assert.equal(cache.spend('a', later), true, 'forgotten beyond the bound');
    const expiring = new ReplayCache();
    assert.equal(expiring.spend('x', Date.now() - 1), true);
    assert.equal(expiring.spend('x', later), true, 'an expired id is no replay: its proof is too old to pass anyway');
    assert.equal(expiring.spend('x', later), false);
  });
});
