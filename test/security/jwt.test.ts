import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { databases, ISSUER, startHarness, TEST_DATABASE_URL, type Harness } from '../helpers/harness.js';
import { adminCall, b64url, basic, claimsLike, createClient, headerOf, hs256, oauthPost, signWith, tokenFor, type TestClient } from './support.js';

/**
 * Battery part E: every way to forge or bend a JWT, at every place Keyward verifies its own
 * tokens (admin bearer authentication and introspection), and concurrent key rotation.
 *
 * Claim-level attacks are signed with Keyward's real active key, so the signature is valid and
 * only the one defect under test can be why the token is refused; a positive control signed the
 * same way with the original claims proves the forging itself is sound.
 */
interface Forgery {
  name: string;
  token: () => string;
  /** Valid for introspection (a resource server checks its own audience); refused by the admin API. */
  adminOnly?: boolean;
}

function forgeries(h: Harness, base: string): Forgery[] {
  const key = h.runtime.services.keys.active;
  const header = headerOf(base);
  const claims = claimsLike(h, base);
  const now = Math.floor(Date.now() / 1000);
  const real = (hdr: Record<string, unknown>, cl: Record<string, unknown>) => signWith(key, hdr, cl);
  const without = (name: string) => Object.fromEntries(Object.entries(claims).filter(([k]) => k !== name));
  const attacker = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const attackerJwk = attacker.publicKey.export({ format: 'jwk' });
  const attackerSigned = (extra: Record<string, unknown>) => signWith({ alg: 'ES256', privateKey: attacker.privateKey }, { alg: 'ES256', typ: 'at+jwt', ...extra }, claims);
  const publicPem = key.publicKey.export({ format: 'pem', type: 'spki' }).toString();
  const publicDer = key.publicKey.export({ format: 'der', type: 'spki' });
  const publicJwkText = JSON.stringify(key.publicKey.export({ format: 'jwk' }));
  const unsigned = (alg: string) => `${b64url({ ...header, alg })}.${b64url(claims)}.`;
  return [
    { name: 'alg none', token: () => unsigned('none') },
    { name: 'alg None', token: () => unsigned('None') },
    { name: 'alg NONE', token: () => unsigned('NONE') },
    { name: 'alg none with the real signature kept', token: () => `${b64url({ ...header, alg: 'none' })}.${b64url(claims)}.${base.split('.')[2]}` },
    { name: 'HS256 with the public key (PEM) as secret', token: () => hs256({ ...header, alg: 'HS256' }, claims, publicPem) },
    { name: 'HS256 with the public key (DER) as secret', token: () => hs256({ ...header, alg: 'HS256' }, claims, publicDer) },
    { name: 'HS256 with the public JWK as secret', token: () => hs256({ ...header, alg: 'HS256' }, claims, publicJwkText) },
    { name: 'attacker key embedded as jwk, attacker kid', token: () => attackerSigned({ jwk: attackerJwk, kid: 'attacker' }) },
    { name: 'attacker key embedded as jwk, real kid', token: () => attackerSigned({ jwk: attackerJwk, kid: header.kid }) },
    { name: 'jku pointing at an attacker JWKS', token: () => attackerSigned({ jku: 'https://attacker.example/jwks', kid: header.kid }) },
    { name: 'x5u pointing at an attacker certificate', token: () => attackerSigned({ x5u: 'https://attacker.example/cert.pem', kid: header.kid }) },
    { name: 'x5c with an attacker certificate chain', token: () => attackerSigned({ x5c: ['MIIBattacker'], kid: header.kid }) },
    { name: 'kid path traversal', token: () => attackerSigned({ kid: '../../../../dev/null' }) },
    { name: 'kid SQL injection', token: () => attackerSigned({ kid: "' OR 1=1--" }) },
    { name: 'kid unknown', token: () => real({ ...header, kid: 'key_unknown' }, claims) },
    { name: 'kid missing', token: () => real({ alg: header.alg, typ: header.typ }, claims) },
    { name: 'kid not a string', token: () => real({ ...header, kid: { $ne: null } }, claims) },
    { name: 'typ JWT (an ID token or assertion presented as an access token)', token: () => real({ ...header, typ: 'JWT' }, claims) },
    { name: 'typ missing', token: () => real({ alg: header.alg, kid: header.kid }, claims) },
    { name: 'typ client-authentication+jwt', token: () => real({ ...header, typ: 'client-authentication+jwt' }, claims) },
    { name: 'unknown crit', token: () => real({ ...header, crit: ['exp-extension'], 'exp-extension': true }, claims) },
    { name: 'aud missing', token: () => real(header, without('aud')) },
    { name: 'aud another resource', token: () => real(header, { ...claims, aud: 'https://other.example' }), adminOnly: true },
    { name: 'iss missing', token: () => real(header, without('iss')) },
    { name: 'iss wrong', token: () => real(header, { ...claims, iss: 'https://evil.example' }) },
    { name: 'iss with a trailing slash', token: () => real(header, { ...claims, iss: `${ISSUER}/` }) },
    { name: 'exp missing', token: () => real(header, without('exp')) },
    { name: 'exp passed', token: () => real(header, { ...claims, exp: now - 5 }) },
    { name: 'exp as a string', token: () => real(header, { ...claims, exp: String(now + 3600) }) },
    { name: 'nbf in the future', token: () => real(header, { ...claims, nbf: now + 3600 }) },
    { name: 'iat in the future', token: () => real(header, { ...claims, iat: now + 3600 }) },
    { name: 'client_id missing', token: () => real(header, without('client_id')) },
    { name: 'client_id of a client that does not exist', token: () => real(header, { ...claims, client_id: 'kwc_doesnotexist', sub: 'kwc_doesnotexist' }) },
    { name: 'org_id of another organization', token: () => real(header, { ...claims, org_id: 'org_other' }) },
    { name: 'cred of a credential that does not exist', token: () => real(header, { ...claims, cred: 'cred_doesnotexist' }) },
    { name: 'signature stripped', token: () => `${base.split('.')[0]}.${base.split('.')[1]}.` },
    { name: 'signature from another token', token: () => `${b64url(header)}.${b64url({ ...claims, scope: 'keyward:super' })}.${base.split('.')[2]}` },
    { name: 'JWS JSON serialization', token: () => JSON.stringify({ payload: b64url(claims), signatures: [{ protected: b64url(header), signature: base.split('.')[2] }] }) },
    { name: 'four segments', token: () => `${base}.extra` },
  ];
}

for (const db of databases) {
  for (const alg of ['ES256', 'RS256'] as const) {
    describe(`E2 forged and bent JWTs are refused everywhere (${db.name}, ${alg})`, () => {
      let h: Harness;
      let svc: TestClient;
      let base: string;
      before(async () => {
        h = await startHarness(undefined, { db, env: { KEYWARD_SIGNING_ALG: alg } });
        svc = await createClient(h, { displayName: 'reader', permissions: ['keyward:clients.read'] });
        base = await tokenFor(h, svc);
      });
      after(() => h.close());

      it('positive control: a token re-signed with the original claims is accepted', async () => {
        const resigned = signWith(h.runtime.services.keys.active, headerOf(base), claimsLike(h, base));
        assert.equal((await adminCall(h, 'GET', '/v1/apiClients', resigned)).status, 200);
        assert.equal((await oauthPost(h, '/oauth/introspect', { token: resigned }, { authorization: basic(svc.clientId, svc.secret) })).body.active, true);
      });

      it('every forgery: 401 invalid_token at the admin API, exactly {"active":false} at introspection', async () => {
        assert.equal(createPublicKey(h.runtime.services.keys.active.privateKey).asymmetricKeyType, alg === 'RS256' ? 'rsa' : 'ec');
        for (const forgery of forgeries(h, base)) {
          const token = forgery.token();
          const admin = await adminCall(h, 'GET', '/v1/apiClients', token);
          assert.equal(admin.status, 401, `${forgery.name}: admin API answered ${admin.status}`);
          assert.match(String(admin.headers['www-authenticate']), /^Bearer realm="keyward", error="invalid_token"/, forgery.name);
          if (forgery.adminOnly) continue;
          const intro = await oauthPost(h, '/oauth/introspect', { token }, { authorization: basic(svc.clientId, svc.secret) });
          assert.equal(intro.raw, '{"active":false}', `${forgery.name}: introspection answered ${intro.raw}`);
        }
      });
    });
  }

  describe(`E3 key rotation (${db.name})`, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(undefined, { db });
    });
    after(() => h.close());

    const keyStates = async (harness: Harness) => {
      const rows = await harness.runtime.store.db.kysely.selectFrom('signing_keys').select(['kid', 'state']).execute();
      return { active: rows.filter((r) => r.state === 'active').map((r) => r.kid), next: rows.filter((r) => r.state === 'next').map((r) => r.kid), all: rows };
    };

    it('parallel rotations leave exactly one active and one next key, each published before it signs', async () => {
      const svc = await createClient(h, { displayName: 'svc' });
      const before = await tokenFor(h, svc);
      const beforeState = await keyStates(h);
      const results = await Promise.all(Array.from({ length: 8 }, () => h.call('POST', '/v1/signingKeys:rotate')));
      for (const r of results) assert.ok(r.status === 200 || r.status === 409, `rotation answered ${r.status} ${JSON.stringify(r.body)}`);
      assert.ok(results.some((r) => r.status === 200));
      const after = await keyStates(h);
      assert.equal(after.active.length, 1, JSON.stringify(after.all));
      assert.equal(after.next.length, 1, JSON.stringify(after.all));
      assert.notEqual(after.active[0], beforeState.active[0]);
      const jwks = JSON.parse((await h.inject({ method: 'GET', url: '/oauth/jwks' })).body);
      const kids = jwks.keys.map((k: { kid: string }) => k.kid);
      assert.ok(kids.includes(after.active[0]) && kids.includes(after.next[0]) && kids.includes(beforeState.active[0]), 'active, next and the retired key are published');
      assert.equal(h.runtime.services.keys.active.kid, after.active[0], 'this instance signs with the stored active key');
      const fresh = await tokenFor(h, svc);
      assert.equal(headerOf(fresh).kid, after.active[0]);
      for (const token of [before, fresh]) {
        assert.equal((await oauthPost(h, '/oauth/introspect', { token }, { authorization: basic(svc.clientId, svc.secret) })).body.active, true, 'tokens of the retired key stay valid until they expire');
      }
    });

    it('several processes loading keys at once on a fresh database create exactly one active and one next key', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'keyward-keys-'));
      let databaseUrl: string | undefined;
      let schema: string | undefined;
      if (db.name === 'postgres' && TEST_DATABASE_URL) {
        schema = `kw_keys_${process.pid}_${Date.now().toString(36)}`;
        const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
        await c.connect();
        await c.query(`CREATE SCHEMA ${schema}`);
        await c.end();
        const url = new URL(TEST_DATABASE_URL);
        url.searchParams.set('options', `-c search_path=${schema}`);
        databaseUrl = url.toString();
      }
      try {
        const outputs = await Promise.all(Array.from({ length: 4 }, () => runKeyLoader(dataDir, databaseUrl)));
        const kids = outputs.map((o) => o.trim().split('\n').pop());
        assert.equal(new Set(kids).size, 1, `every process signs with the same key: ${kids.join(', ')}`);
        const h2 = await startHarness(undefined, { dataDir, databaseUrl });
        try {
          const state = await keyStates(h2);
          assert.equal(state.active.length, 1, JSON.stringify(state.all));
          assert.equal(state.next.length, 1, JSON.stringify(state.all));
          assert.equal(state.active[0], kids[0]);
        } finally {
          await h2.close();
        }
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
        if (schema && TEST_DATABASE_URL) {
          const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
          await c.connect();
          await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await c.end();
        }
      }
    });
  });
}

/** A separate process that opens a runtime (migrating, loading keys) and prints its signing kid. */
function runKeyLoader(dataDir: string, databaseUrl: string | undefined): Promise<string> {
  const script = `
    import { openRuntime } from './src/compose.ts';
    import { loadConfig } from './src/config.ts';
    import { createLogger } from './src/logger.ts';
    const config = loadConfig({ KEYWARD_DATA_DIR: process.env.DIR, KEYWARD_ISSUER: 'http://keyward.test', KEYWARD_PEPPER: 'test-pepper-0123456789abcdefghijklmnopqrstuvwxyz', KEYWARD_KEK: 'test-kek-0123456789abcdefghijklmnopqrstuvwxyz', LOG_LEVEL: 'silent', ...(process.env.DB ? { DATABASE_URL: process.env.DB } : {}) });
    const runtime = await openRuntime(config, createLogger('silent'));
    await runtime.services.keys.load();
    console.log(runtime.services.keys.active.kid);
    await runtime.close();
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, DIR: dataDir, DB: databaseUrl ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`key loader exited ${code}: ${err}`))));
  });
}
