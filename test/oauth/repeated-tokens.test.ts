import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateKeyPair, material } from '../../src/crypto/jwt.js';
import { AccessTokens } from '../../src/oauth/access-token.js';
import type { ClientEntry } from '../../src/runtime/client-directory.js';
import { InstallationIssuers } from '../../src/runtime/installation-issuers.js';
import type { RevocationList } from '../../src/runtime/revocation-list.js';
import type { KeyRing } from '../../src/runtime/key-ring.js';
import type { Store } from '../../src/store/index.js';
import { databases, startHarness, type Harness } from '../helpers/harness.js';

// Admin authentication remembers signatures it has checked (AccessTokens.verifyRepeated); these
// prove that everything else is still decided on every request.

const form = 'application/x-www-form-urlencoded';
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

for (const db of databases) {
  describe(`an admin token presented again (${db.name})`, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(undefined, { db });
    });
    after(() => h.close());

    async function adminClient() {
      const created = (await h.call('POST', '/v1/apiClients', { displayName: 'operator', permissions: ['keyward:clients.read'] })).body;
      const token = (await h.token(created.clientId, created.clientSecret)).body.access_token as string;
      const list = () => h.call('GET', '/v1/apiClients?pageSize=1', undefined, { authorization: `Bearer ${token}` });
      return { created, token, list };
    }

    it('stops working at once when revoked, although it was accepted a moment before', async () => {
      const { created, token, list } = await adminClient();
      assert.equal((await list()).status, 200);
      assert.equal((await list()).status, 200);
      const revoked = await h.inject({
        method: 'POST',
        url: '/oauth/revoke',
        headers: { 'content-type': form, authorization: basic(created.clientId, created.clientSecret) },
        payload: `token=${encodeURIComponent(token)}`,
      });
      assert.equal(revoked.statusCode, 200);
      assert.equal((await list()).status, 401);
    });

    it('stops working when its client is disabled, and when its credential is deleted', async () => {
      const first = await adminClient();
      assert.equal((await first.list()).status, 200);
      assert.equal((await h.call('POST', `/v1/${first.created.name}:disable`, {})).status, 200);
      assert.equal((await first.list()).status, 401);

      const second = await adminClient();
      assert.equal((await second.list()).status, 200);
      const [credential] = (await h.call('GET', `/v1/${second.created.name}/credentials`)).body.credentials;
      assert.equal((await h.call('DELETE', `/v1/${credential.name}`)).status, 200);
      assert.equal((await second.list()).status, 401);
    });

    it('stays refused when its client is enabled again, while a token issued after the enable works', async () => {
      const { created, list } = await adminClient();
      assert.equal((await list()).status, 200);
      assert.equal((await h.call('POST', `/v1/${created.name}:disable`, {})).status, 200);
      assert.equal((await h.call('POST', `/v1/${created.name}:enable`, {})).status, 200);
      const refused = await list();
      assert.equal(refused.status, 401);
      const fresh = (await h.token(created.clientId, created.clientSecret)).body.access_token as string;
      assert.equal((await h.call('GET', '/v1/apiClients?pageSize=1', undefined, { authorization: `Bearer ${fresh}` })).status, 200);
    });

    it('is refused once expired, and a copy with altered claims is refused while the original works', async (t) => {
      const { token, list } = await adminClient();
      assert.equal((await list()).status, 200);
      const [header, payload, signature] = token.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      const widened = Buffer.from(JSON.stringify({ ...claims, scope: 'keyward:admin keyward:super' })).toString('base64url');
      const forged = await h.call('GET', '/v1/apiClients?pageSize=1', undefined, { authorization: `Bearer ${header}.${widened}.${signature}` });
      assert.equal(forged.status, 401);
      assert.equal((await list()).status, 200);

      t.mock.timers.enable({ apis: ['Date'], now: (claims.exp + 1) * 1000 });
      assert.equal((await list()).status, 401);
    });
  });
}

describe('AccessTokens.verifyRepeated', () => {
  const issuer = 'https://keyward.test';
  const pair = generateKeyPair('ES256');
  const key = material('key-1', 'ES256', pair.privateKey);
  const published = new Map([[key.kid, key]]);
  const keys = { active: key, verifier: (kid: unknown) => published.get(kid as string) } as unknown as KeyRing;
  const revoked = new Set<string>();
  const revocations = { isRevoked: (jti: unknown) => revoked.has(jti as string) } as unknown as RevocationList;
  const tokens = new AccessTokens(issuer, keys, revocations);
  const entry = { client: { clientId: 'svc', orgId: 'org1', workspaceId: 'ws1' } } as unknown as ClientEntry;
  const issue = () => tokens.issue({ entry, credentialId: 'cred1', scope: ['read'], audience: [issuer], lifetime: 300 });

  it('agrees with verify, and refuses a token whose key has left the ring', () => {
    const { token, claims } = issue();
    assert.deepEqual(tokens.verifyRepeated(token), tokens.verify(token));
    assert.equal(tokens.verifyRepeated(token)?.jti, claims.jti);
    published.delete(key.kid);
    assert.equal(tokens.verifyRepeated(token), null);
    assert.equal(tokens.verify(token), null);
    published.set(key.kid, key);
  });

  it('refuses a revoked token it has seen before, and garbage', () => {
    const { token, claims } = issue();
    assert.ok(tokens.verifyRepeated(token));
    revoked.add(claims.jti);
    assert.equal(tokens.verifyRepeated(token), null);
    assert.equal(tokens.verifyRepeated('not.a.token'), null);
    assert.equal(tokens.verifyRepeated(`${token}x`), null);
  });

  it('remembers a signature for its own token only: the same signature on other claims is refused', () => {
    const { token, claims } = issue();
    assert.ok(tokens.verifyRepeated(token));
    const [header, , signature] = token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, scope: 'admin' })).toString('base64url')}.${signature}`;
    assert.equal(tokens.verifyRepeated(forged), null);
    assert.equal(tokens.verifyRepeated(token)?.jti, claims.jti, 'the genuine token is still accepted');
  });
});

describe("AccessTokens and the installation's issuers", () => {
  const pair = generateKeyPair('ES256');
  const key = material('key-1', 'ES256', pair.privateKey);
  const keys = { active: key, verifier: (kid: unknown) => (kid === key.kid ? key : undefined) } as unknown as KeyRing;
  const revocations = { isRevoked: () => false } as unknown as RevocationList;
  const entry = { client: { clientId: 'svc', orgId: 'org1', workspaceId: 'ws1' } } as unknown as ClientEntry;
  const registered = ['http://localhost:8081'];
  let reads = 0;
  const store = {
    read: {
      issuers: {
        registerIssuer: async (issuer: string) => void (registered.includes(issuer) || registered.push(issuer)),
        listIssuers: async () => {
          reads++;
          await new Promise((resolve) => setTimeout(resolve, 10));
          return [...registered];
        },
      },
    },
  } as unknown as Store;
  // A started first; B started later on the same store, with the same keys and its own issuer.
  const a = new AccessTokens('http://localhost:8081', keys, revocations, new InstallationIssuers('http://localhost:8081', store));
  const b = new AccessTokens('http://localhost:8082', keys, revocations, new InstallationIssuers('http://localhost:8082', store));
  const issueAtB = () => b.issue({ entry, credentialId: 'cred1', scope: ['read'], audience: ['http://localhost:8082'], lifetime: 300 });

  it("accepts a later instance's token after one coalesced reload, and only for a genuine signature", async () => {
    await a.issuers.register();
    assert.deepEqual(await b.issuers.register(), ['http://localhost:8081']);
    const { token, claims } = issueAtB();
    assert.equal(a.verify(token), null, 'the synchronous path does not read the store');
    reads = 0;
    const [first, second] = await Promise.all([a.verifyFromAnyInstance(token), a.verifyFromAnyInstance(token, { repeated: true })]);
    assert.equal(first?.jti, claims.jti);
    assert.equal(second?.jti, claims.jti);
    assert.equal(reads, 1, 'concurrent reloads share one read');
    assert.equal(a.verifyRepeated(token)?.jti, claims.jti, 'known from then on');

    const forged = generateKeyPair('ES256');
    const stranger = new AccessTokens('http://localhost:9999', { active: material('key-1', 'ES256', forged.privateKey), verifier: () => undefined } as unknown as KeyRing, revocations);
    const foreign = stranger.issue({ entry, credentialId: 'cred1', scope: ['read'], audience: ['x'], lifetime: 300 }).token;
    reads = 0;
    assert.equal(await a.verifyFromAnyInstance(foreign), null);
    assert.equal(reads, 0, 'a signature that does not verify never reaches the store');
  });

  it('refuses an issuer no instance registered, even signed with the installation key', async () => {
    const other = new AccessTokens('http://elsewhere.example', keys, revocations);
    const { token } = other.issue({ entry, credentialId: 'cred1', scope: ['read'], audience: ['x'], lifetime: 300 });
    assert.equal(await a.verifyFromAnyInstance(token), null);
  });
});
