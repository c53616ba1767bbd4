import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { decodeJwt, decodeProtectedHeader, exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import { TokenEndpointError, TokenSource } from '../../packages/sdk/src/index.js';
import { basicAuthorization, formEncode } from '../../packages/sdk/src/http.js';
import { countingFetch, startKeyward, type LiveKeyward } from './support.js';

/**
 * A proxy in front of Keyward that answers the first requests to /oauth/token from a script
 * (a 429 with Retry-After, a 503) and forwards everything else, so the retry rules are seen
 * over real HTTP against the real token endpoint.
 */
async function faultyProxy(target: string, script: { status: number; headers?: Record<string, string> }[]) {
  let tokenRequests = 0;
  const arrivals: number[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.url === '/oauth/token') {
      arrivals.push(Date.now());
      const fault = script[tokenRequests++];
      if (fault) {
        res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
        res.end(JSON.stringify({ error: fault.status === 429 ? 'slow_down' : 'temporarily_unavailable' }));
        return;
      }
    }
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k))) as Record<string, string>;
    const upstream = await fetch(`${target}${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tokenRequests: () => tokenRequests,
    arrivals,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('TokenSource against a running Keyward', () => {
  let kw: LiveKeyward;
  // A low per-client budget makes Keyward's own 429 reachable; every other test uses a fresh client.
  before(async () => (kw = await startKeyward({ KEYWARD_RATE_LIMIT_TOKENS: '3' })));
  after(() => kw.close());

  it('discovers the token endpoint once, caches the token, and refreshes it before expiry', async () => {
    const client = await kw.createClient({ tokenLifetime: 30 });
    const counter = countingFetch();
    // 30 s tokens renewed 28 s early: fresh for 2 s, then renewed.
    const source = new TokenSource({ issuer: kw.issuer, clientId: client.clientId, clientSecret: client.clientSecret, scope: 'reports.read', refreshSkewSeconds: 28, fetch: counter.fetch });
    const first = await source.getTokenSet();
    assert.equal(first.scope, 'reports.read');
    assert.ok(first.expiresAt! > Date.now() + 28_000 && first.expiresAt! <= Date.now() + 30_000, 'expiry from expires_in');
    assert.equal(await source.getToken(), first.accessToken, 'the held token is reused');
    assert.equal(counter.count('/oauth/token'), 1);
    assert.equal(counter.count('/.well-known/oauth-authorization-server'), 1);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const renewed = await source.getToken();
    assert.notEqual(renewed, first.accessToken, 'a new token inside the skew');
    assert.equal(counter.count('/oauth/token'), 2);
    assert.equal(counter.count('/.well-known/oauth-authorization-server'), 1, 'discovery is cached');
    assert.equal(decodeJwt(renewed).client_id, client.clientId);
  });

  it('keeps a 30 s token for all but its last tenth by default', async () => {
    const client = await kw.createClient({ tokenLifetime: 30 });
    const counter = countingFetch();
    const source = new TokenSource({ tokenEndpoint: `${kw.issuer}/oauth/token`, clientId: client.clientId, clientSecret: client.clientSecret, fetch: counter.fetch });
    const token = await source.getToken();
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(await source.getToken(), token);
    assert.equal(counter.count('/oauth/token'), 1);
    assert.equal(counter.count('/.well-known/oauth-authorization-server'), 0, 'no discovery when tokenEndpoint is given');
  });

  it('makes one request for ten concurrent callers', async () => {
    const client = await kw.createClient();
    const counter = countingFetch();
    const source = new TokenSource({ issuer: kw.issuer, clientId: client.clientId, clientSecret: client.clientSecret, fetch: counter.fetch });
    const tokens = await Promise.all(Array.from({ length: 10 }, () => source.getToken()));
    assert.equal(new Set(tokens).size, 1);
    assert.equal(counter.count('/oauth/token'), 1);
    assert.equal(counter.count('/.well-known/oauth-authorization-server'), 1);
  });

  it('waits out a 429 Retry-After and a 503, then gets the token', async () => {
    const client = await kw.createClient();
    const proxy = await faultyProxy(kw.issuer, [{ status: 429, headers: { 'retry-after': '1' } }, { status: 503 }]);
    try {
      const source = new TokenSource({ tokenEndpoint: `${proxy.url}/oauth/token`, clientId: client.clientId, clientSecret: client.clientSecret, retry: { baseDelayMs: 20 } });
      const token = await source.getToken();
      assert.equal(decodeJwt(token).client_id, client.clientId);
      assert.equal(proxy.tokenRequests(), 3);
      assert.ok(proxy.arrivals[1] - proxy.arrivals[0] >= 990, `Retry-After: 1 honoured (${proxy.arrivals[1] - proxy.arrivals[0]} ms)`);
    } finally {
      await proxy.close();
    }
  });

  it('gives up after the bounded attempts', async () => {
    const client = await kw.createClient();
    const proxy = await faultyProxy(kw.issuer, [{ status: 502 }, { status: 502 }, { status: 502 }]);
    try {
      const source = new TokenSource({ tokenEndpoint: `${proxy.url}/oauth/token`, clientId: client.clientId, clientSecret: client.clientSecret, retry: { attempts: 2, baseDelayMs: 10 } });
      await assert.rejects(source.getToken(), (e: TokenEndpointError) => e instanceof TokenEndpointError && e.status === 502);
      assert.equal(proxy.tokenRequests(), 2);
    } finally {
      await proxy.close();
    }
  });

  it("stops at Keyward's own 429 when its Retry-After exceeds the longest wait", async () => {
    const client = await kw.createClient();
    const counter = countingFetch();
    const source = new TokenSource({ tokenEndpoint: `${kw.issuer}/oauth/token`, clientId: client.clientId, clientSecret: client.clientSecret, fetch: counter.fetch, retry: { maxDelayMs: 2_000 } });
    for (let i = 0; i < 3; i++) await source.getToken({ forceRefresh: true });
    const started = Date.now();
    await assert.rejects(source.getToken({ forceRefresh: true }), (e: TokenEndpointError) => {
      assert.equal(e.status, 429);
      assert.ok(e.retryAfter! >= 1, 'Retry-After carried');
      return true;
    });
    assert.ok(Date.now() - started < 1_500, 'no waiting for a minute-long Retry-After');
    assert.equal(counter.count('/oauth/token'), 4);
  });

  it('does not retry invalid_client, and the error never shows the secret', async () => {
    const client = await kw.createClient();
    const counter = countingFetch();
    const wrong = `${client.clientSecret}x`;
    const source = new TokenSource({ tokenEndpoint: `${kw.issuer}/oauth/token`, clientId: client.clientId, clientSecret: wrong, fetch: counter.fetch });
    await assert.rejects(source.getToken(), (e: TokenEndpointError) => {
      assert.equal(e.status, 401);
      assert.equal(e.error, 'invalid_client');
      assert.ok(!e.message.includes(wrong) && !JSON.stringify(e).includes(wrong));
      return true;
    });
    assert.equal(counter.count('/oauth/token'), 1);
  });

  it('authenticates with private_key_jwt (ES256 JWK, RS256 PEM) against a registered public key', async () => {
    const client = await kw.createClient();
    const es = await generateKeyPair('ES256', { extractable: true });
    const rs = await generateKeyPair('RS256', { extractable: true });
    const esPublic = { ...(await exportJWK(es.publicKey)), kid: 'sdk-es', alg: 'ES256' };
    const rsPublic = { ...(await exportJWK(rs.publicKey)), kid: 'sdk-rs', alg: 'RS256' };
    const added = await kw.h.call('POST', `/v1/${client.name}/credentials`, { type: 'PUBLIC_KEY', jwks: { keys: [esPublic, rsPublic] } });
    assert.equal(added.status, 200, JSON.stringify(added.body));

    const assertions: string[] = [];
    const watching = (input: string | URL, init?: RequestInit) => {
      assertions.push(new URLSearchParams(String(init?.body)).get('client_assertion') ?? '');
      return fetch(input, init);
    };
    const esSource = new TokenSource({ issuer: kw.issuer, tokenEndpoint: `${kw.issuer}/oauth/token`, clientId: client.clientId, privateKey: { ...(await exportJWK(es.privateKey)), kid: 'sdk-es', alg: 'ES256' }, fetch: watching });
    assert.equal(decodeJwt(await esSource.getToken()).client_id, client.clientId);
    const claims = decodeJwt(assertions[0]);
    assert.equal(claims.iss, client.clientId);
    assert.equal(claims.sub, client.clientId);
    assert.equal(claims.aud, kw.issuer);
    assert.ok(typeof claims.jti === 'string' && claims.exp! - claims.iat! === 60);
    assert.equal(decodeProtectedHeader(assertions[0]).kid, 'sdk-es');

    const rsSource = new TokenSource({ issuer: kw.issuer, clientId: client.clientId, privateKey: await exportPKCS8(rs.privateKey), algorithm: 'RS256', keyId: 'sdk-rs' });
    assert.equal(decodeJwt(await rsSource.getToken({ forceRefresh: true })).client_id, client.clientId);
  });

  it('adds the token to requests through its fetch', async () => {
    const client = await kw.createClient({ permissions: ['keyward:clients.read'] });
    const source = new TokenSource({ issuer: kw.issuer, clientId: client.clientId, clientSecret: client.clientSecret });
    const res = await source.fetch(`${kw.issuer}/v1/apiClients?pageSize=1`);
    assert.equal(res.status, 200);
  });

  it('form-encodes the client id and secret before Basic (RFC 6749 §2.3.1)', () => {
    assert.equal(formEncode("a b+c:d%e!'()*~"), "a+b%2Bc%3Ad%25e%21%27%28%29%2A~");
    const decoded = Buffer.from(basicAuthorization('id:1', 's p+').slice(6), 'base64').toString();
    assert.equal(decoded, 'id%3A1:s+p%2B');
  });
});
