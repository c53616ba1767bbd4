import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { AccessTokenError, createVerifier, TokenSource } from '../../packages/sdk/src/index.js';
import { basicAuthorization } from '../../packages/sdk/src/http.js';
import { countingFetch, startKeyward, type LiveKeyward } from './support.js';

const refusedWith = (code: string | undefined, check?: (e: AccessTokenError) => void) => (e: unknown) => {
  assert.ok(e instanceof AccessTokenError, `expected AccessTokenError, got ${e}`);
  assert.equal(e.code, code, e.message);
  check?.(e);
  return true;
};

describe('createVerifier against a running Keyward', () => {
  let kw: LiveKeyward;
  let client: { clientId: string; clientSecret: string; name: string };
  let token: string;

  before(async () => {
    kw = await startKeyward();
    client = await kw.createClient();
    token = await new TokenSource({ issuer: kw.issuer, clientId: client.clientId, clientSecret: client.clientSecret }).getToken();
  });
  after(() => kw.close());

  /** A token signed with Keyward's real active key, so only the bent part can be why it is refused. */
  const signedByKeyward = (claims: Record<string, unknown>, header: Record<string, unknown> = {}) => {
    const key = kw.h.runtime.services.keys.active;
    return new SignJWT({ ...decodeJwt(token), ...claims }).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt', ...header }).sign(key.privateKey);
  };

  it('accepts a good token and answers its claims', async () => {
    const verifier = createVerifier({ issuer: kw.issuer, audience: kw.issuer });
    const claims = await verifier.verifyAccessToken(token, { scopes: ['reports.read'] });
    assert.equal(claims.client_id, client.clientId);
    assert.equal(claims.scope, 'reports.read reports.write');
    // the control for the forgeries below
    assert.equal((await verifier.verifyAccessToken(await signedByKeyward({}))).client_id, client.clientId);
  });

  it('refuses another audience, another issuer, an expired token and a typ other than at+jwt', async () => {
    const other = createVerifier({ issuer: kw.issuer, audience: 'https://api.example.com' });
    await assert.rejects(other.verifyAccessToken(token), refusedWith('invalid_token', (e) => assert.match(e.message, /aud/)));
    const wrongIssuer = createVerifier({ issuer: 'https://elsewhere.example', audience: kw.issuer, jwksUri: `${kw.issuer}/oauth/jwks` });
    await assert.rejects(wrongIssuer.verifyAccessToken(token), refusedWith('invalid_token'));

    const verifier = createVerifier({ issuer: kw.issuer, audience: kw.issuer, clockTolerance: 5 });
    const now = Math.floor(Date.now() / 1000);
    await assert.rejects(verifier.verifyAccessToken(await signedByKeyward({ iat: now - 120, nbf: now - 120, exp: now - 10 })), refusedWith('invalid_token', (e) => assert.equal(e.message, 'the token has expired')));
    // inside the clock tolerance it still passes
    await verifier.verifyAccessToken(await signedByKeyward({ exp: now - 2 }));
    await assert.rejects(verifier.verifyAccessToken(await signedByKeyward({}, { typ: 'JWT' })), refusedWith('invalid_token', (e) => assert.match(e.message, /typ/)));
    await assert.rejects(verifier.verifyAccessToken(await signedByKeyward({ client_id: undefined })), refusedWith('invalid_token'));
    await assert.rejects(verifier.verifyAccessToken(`${token.slice(0, -4)}AAAA`), refusedWith('invalid_token'));
    await assert.rejects(verifier.verifyAccessToken('not-a-jwt'), refusedWith('invalid_token'));
  });

  it('refuses a token without a required scope with insufficient_scope and the scopes needed', async () => {
    const verifier = createVerifier({ issuer: kw.issuer, audience: kw.issuer });
    await assert.rejects(
      verifier.verifyAccessToken(token, { scopes: ['reports.read', 'reports.delete'] }),
      refusedWith('insufficient_scope', (e) => {
        assert.equal(e.status, 403);
        assert.deepEqual(e.scopes, ['reports.read', 'reports.delete']);
      }),
    );
  });

  it('refuses a revoked token in introspection mode once the cached answer ends', async () => {
    const server = await kw.createClient({ displayName: 'resource server', permissions: [] });
    const counter = countingFetch();
    const ttl = 300;
    const verifier = createVerifier({
      issuer: kw.issuer,
      audience: kw.issuer,
      introspection: { clientId: server.clientId, clientSecret: server.clientSecret, cacheTtlMs: ttl },
      fetch: counter.fetch,
    });
    const fresh = await new TokenSource({ issuer: kw.issuer, clientId: client.clientId, clientSecret: client.clientSecret }).getToken();
    await Promise.all([verifier.verifyAccessToken(fresh), verifier.verifyAccessToken(fresh)]);
    await verifier.verifyAccessToken(fresh);
    assert.equal(counter.count('/oauth/introspect'), 1, 'one introspection for the TTL, shared by concurrent calls');

    const revoked = await fetch(`${kw.issuer}/oauth/revoke`, {
      method: 'POST',
      headers: { authorization: basicAuthorization(client.clientId, client.clientSecret), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: fresh }).toString(),
    });
    assert.equal(revoked.status, 200);
    // offline verification cannot know
    await createVerifier({ issuer: kw.issuer, audience: kw.issuer }).verifyAccessToken(fresh);
    await new Promise((resolve) => setTimeout(resolve, ttl + 20));
    await assert.rejects(verifier.verifyAccessToken(fresh), refusedWith('invalid_token', (e) => assert.equal(e.message, 'the token is not active')));
    assert.equal(counter.count('/oauth/introspect'), 2);
  });

  it("refetches the key set once for a kid it has not seen after Keyward's key rotation, and not for made-up kids", async () => {
    const counter = countingFetch();
    const verifier = createVerifier({ issuer: kw.issuer, audience: kw.issuer, jwks: { cooldownMs: 0 }, fetch: counter.fetch });
    await verifier.verifyAccessToken(token);
    assert.equal(counter.count('/oauth/jwks'), 1);
    // The next key is published before it signs, so one rotation signs with a known kid; after
    // two, the signing key was created after the set was fetched.
    for (let i = 0; i < 2; i++) assert.equal((await kw.h.call('POST', '/v1/signingKeys:rotate')).status, 200);
    const rotated = await new TokenSource({ issuer: kw.issuer, clientId: client.clientId, clientSecret: client.clientSecret }).getToken();
    assert.notEqual(decodeProtectedHeader(rotated).kid, decodeProtectedHeader(token).kid);
    await verifier.verifyAccessToken(rotated);
    await verifier.verifyAccessToken(rotated);
    assert.equal(counter.count('/oauth/jwks'), 2, 'one refetch');

    // With the default cooldown, a stream of unknown kids right after a fetch asks nothing more.
    const guarded = createVerifier({ issuer: kw.issuer, audience: kw.issuer, fetch: counter.fetch });
    await guarded.verifyAccessToken(rotated);
    const before = counter.count('/oauth/jwks');
    for (let i = 0; i < 5; i++) await assert.rejects(guarded.verifyAccessToken(await signedByKeyward({}, { kid: `made-up-${i}` })), refusedWith('invalid_token'));
    assert.equal(counter.count('/oauth/jwks'), before);
  });
});
