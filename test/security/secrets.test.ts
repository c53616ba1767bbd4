import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateSecret, hasValidChecksum, SecretHasher } from '../../src/crypto/secrets.js';
import { BASE62, randomString } from '../../src/domain/ids.js';
import { databases, startHarness, type Harness } from '../helpers/harness.js';
import { adminCall, basic, createClient, introspect, LogCapture, oauthPost, parse, revoke, sleep, tokenFor, type TestClient } from './support.js';

/**
 * Battery part D: secret generation, storage, leakage, timing and brute force.
 */
const PEPPER = 'test-pepper-0123456789abcdefghijklmnopqrstuvwxyz';

describe('D1 secret generation', () => {
  it('is kw_ + 43 base62 characters carrying 256 random bits + a 6-character checksum, all distinct', () => {
    const seen = new Set<string>();
    const ones = new Array<number>(256).fill(0);
    const N = 4000;
    for (let i = 0; i < 20_000; i++) {
      const secret = generateSecret();
      assert.match(secret, /^kw_[0-9A-Za-z]{49}$/);
      assert.ok(hasValidChecksum(secret));
      seen.add(secret);
      if (i < N) {
        let n = 0n;
        for (const c of secret.slice(3, 46)) n = n * 62n + BigInt(BASE62.indexOf(c));
        assert.ok(n < 1n << 256n);
        for (let bit = 0; bit < 256; bit++) if ((n >> BigInt(bit)) & 1n) ones[bit]++;
      }
    }
    assert.equal(seen.size, 20_000);
    // Each of the 256 bits is set about half the time: the body really holds 256 random bits
    // (a 128-bit value padded out would leave half of them at zero). 4 000 samples: σ ≈ 32.
    for (let bit = 0; bit < 256; bit++) assert.ok(ones[bit] > N * 0.42 && ones[bit] < N * 0.58, `bit ${bit}: ${ones[bit]}/${N}`);
  });

  it('rejects every single-character change through the checksum', () => {
    for (let i = 0; i < 100; i++) {
      const secret = generateSecret();
      for (let pos = 3; pos < secret.length; pos++) {
        const other = BASE62[(BASE62.indexOf(secret[pos]) + 1 + (i % 61)) % 62];
        assert.equal(hasValidChecksum(secret.slice(0, pos) + other + secret.slice(pos + 1)), false);
      }
    }
  });

  it('uses the CSPRNG: no Math.random or UUIDs where secrets and ids are made', () => {
    for (const file of ['src/crypto/secrets.ts', 'src/domain/ids.ts', 'src/crypto/key-encryption.ts']) {
      const text = readFileSync(file, 'utf8');
      assert.doesNotMatch(text, /Math\.random|randomUUID/, file);
      assert.match(text, /randomBytes|randomFillSync/, file);
    }
  });

  it('draws ids from a pooled CSPRNG buffer that never hands out the same bytes twice', () => {
    const seen = new Set<string>();
    const counts = new Map<string, number>();
    // 5 000 ids of 40 random bytes each go through the 4 KiB pool about fifty times.
    for (let i = 0; i < 5000; i++) {
      const id = randomString(20, BASE62);
      assert.equal(id.length, 20);
      seen.add(id);
      for (const c of id) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    assert.equal(seen.size, 5000);
    // 100 000 characters over 62 symbols: about 1 613 each (σ ≈ 40).
    assert.equal(counts.size, 62);
    for (const [c, n] of counts) assert.ok(n > 1400 && n < 1830, `${c}: ${n}`);
    assert.equal(randomString(5000, BASE62).length, 5000, 'a draw larger than the pool');
  });

  it('stores HMAC-SHA-256 under the pepper, compared in constant time on fixed-length digests', () => {
    const hasher = new SecretHasher(PEPPER);
    const secret = generateSecret();
    const stored = hasher.hash(secret);
    assert.equal(stored, createHmac('sha256', PEPPER).update(secret).digest('base64url'));
    assert.notEqual(stored, createHash('sha256').update(secret).digest('base64url'));
    assert.ok(hasher.verify(secret, stored));
    assert.ok(!hasher.verify(`${secret}x`, stored));
    assert.ok(!hasher.verify(secret, 'short'));
    assert.match(readFileSync('src/crypto/secrets.ts', 'utf8'), /timingSafeEqual/);
  });
});

for (const db of databases) {
  describe(`D. secrets at run time (${db.name})`, () => {
    let h: Harness;
    const logs = new LogCapture();
    const captured: string[] = [];
    let canary: TestClient;
    let canaryToken: string;
    before(async () => {
      h = await startHarness(undefined, { db, logStream: logs, env: { LOG_LEVEL: 'trace', KEYWARD_RATE_LIMIT_FAILURES: '1000000' } });
    });
    after(() => h.close());

    /** Records every response body and header block the test sees, for the canary search. */
    const keep = <T extends { body: unknown; headers: Record<string, unknown> }>(res: T): T => {
      captured.push(JSON.stringify(res.body ?? ''), JSON.stringify(res.headers));
      return res;
    };

    it('D2/D4 a canary secret and its token appear nowhere: logs, audit, errors, metrics, database', async () => {
      const created = await h.call('POST', '/v1/apiClients', { displayName: 'canary', permissions: ['keyward:clients.read', 'orders.read'] });
      canary = { id: created.body.name.split('/')[1], name: created.body.name, clientId: created.body.clientId, secret: created.body.clientSecret };
      const rotated = await h.call('POST', `/v1/apiClients/${canary.id}:rotateSecret`, { overlap: '3600s' });
      const second = rotated.body.secret as string;
      const added = await h.call('POST', `/v1/apiClients/${canary.id}/credentials`, { displayName: 'third' });
      const third = added.body.secret as string;
      canaryToken = await tokenFor(h, canary);
      const forms = (s: string) => [s, encodeURIComponent(s), Buffer.from(s).toString('base64'), Buffer.from(`${canary.clientId}:${s}`).toString('base64'), s.slice(6, -4)];

      // Every way a client might send it, right and wrong, at every endpoint.
      for (const secret of [canary.secret, second, third]) {
        keep(await oauthPost(h, '/oauth/token', { grant_type: 'client_credentials' }, { authorization: basic(canary.clientId, secret) }));
        keep(await oauthPost(h, '/oauth/token', { grant_type: 'client_credentials', client_id: canary.clientId, client_secret: secret }));
        keep(await oauthPost(h, '/oauth/token', { grant_type: 'client_credentials' }, { authorization: basic('kwc_unknown', secret) }));
        keep(await oauthPost(h, '/oauth/token', { grant_type: 'client_credentials', client_id: 'kwc_unknown', client_secret: secret }));
        keep(await oauthPost(h, `/oauth/token?client_secret=${secret}`, { grant_type: 'client_credentials', client_id: canary.clientId }));
        keep(await oauthPost(h, '/oauth/token', { grant_type: 'client_credentials', client_secret: secret }, { authorization: basic(canary.clientId, secret) }));
        keep(await oauthPost(h, '/oauth/token', `grant_type=client_credentials&client_id=${canary.clientId}&client_secret=${secret}&client_secret=${secret}`));
        keep(await oauthPost(h, '/oauth/introspect', { token: canaryToken }, { authorization: basic(canary.clientId, `${secret}x`) }));
        keep(await oauthPost(h, '/oauth/revoke', { token: 'x' }, { authorization: basic(canary.clientId, `${secret}x`) }));
        keep(parse(await h.inject({ method: 'GET', url: '/v1/apiClients', headers: { authorization: `Bearer ${secret}` } })));
        keep(parse(await h.inject({ method: 'GET', url: `/v1/apiClients?access_token=${secret}`, headers: { authorization: `Basic ${Buffer.from(`${canary.clientId}:${secret}`).toString('base64')}` } })));
        keep(parse(await h.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/json', authorization: basic(canary.clientId, secret) }, payload: JSON.stringify({ grant_type: 'client_credentials', client_secret: secret }) })));
        keep(parse(await h.inject({ method: 'POST', url: '/v1/apiClients', headers: { 'content-type': 'application/json', authorization: `Bearer ${h.adminToken}` }, payload: `{"displayName": "x", "clientSecret": "${secret}", ` })));
      }
      // The token, too: introspected, revoked, used and misused.
      keep(await introspect(h, canaryToken, canary.clientId, canary.secret));
      keep(await adminCall(h, 'GET', '/v1/apiClients', canaryToken));
      keep(await adminCall(h, 'GET', `/v1/apiClients?token=${canaryToken}`, null));
      keep(await revoke(h, canaryToken, canary.clientId, canary.secret));
      keep(await adminCall(h, 'GET', '/v1/apiClients', canaryToken));
      keep(await oauthPost(h, '/oauth/token', { grant_type: canaryToken }, { authorization: basic(canary.clientId, canary.secret) }));
      await h.call('POST', `/v1/apiClients/${canary.id}:disable`);
      keep(await oauthPost(h, '/oauth/token', { grant_type: 'client_credentials' }, { authorization: basic(canary.clientId, canary.secret) }));
      await sleep(50);

      const audit = await h.call('GET', '/v1/auditEvents?pageSize=1000');
      assert.ok(audit.body.auditEvents.length > 5);
      const metrics = (await h.inject({ method: 'GET', url: '/metrics' })).body;
      const dbText = await dumpDatabase(h);
      const files = db.name === 'sqlite' ? ['keyward.sqlite', 'keyward.sqlite-wal'].map((f) => join(h.dataDir, f)).filter(existsSync).map((f) => readFileSync(f).toString('latin1')) : [];
      const places: Record<string, string> = {
        logs: logs.text,
        'audit events': JSON.stringify(audit.body),
        'error and response bodies': captured.join('\n'),
        metrics,
        database: dbText,
        'database files': files.join('\n'),
      };
      assert.ok(logs.lines.length > 20, `trace logging captured ${logs.lines.length} lines`);
      for (const secret of [canary.secret, second, third]) {
        for (const form of forms(secret)) {
          for (const [place, text] of Object.entries(places)) assert.ok(!text.includes(form), `the canary secret (form ${forms(secret).indexOf(form)}) is in the ${place}`);
        }
      }
      for (const [place, text] of Object.entries(places)) {
        if (place === 'error and response bodies') continue;
        assert.ok(!text.includes(canaryToken) && !text.includes(canaryToken.split('.')[2]), `the access token is in the ${place}`);
      }
      // Positive control: the capture does see what passes through it.
      assert.ok(logs.text.includes(canary.clientId) || dbText.includes(canary.clientId));
    });

    it('D3 comparison time does not depend on how much of the secret is right', async () => {
      const c = await createClient(h, { displayName: 'timing' });
      const flip = (s: string, at: number) => s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);
      const rightPrefix = flip(c.secret, c.secret.length - 1);
      const wrongPrefix = flip(c.secret, 3);
      const send = (secret: string) => oauthPost(h, '/oauth/token', { grant_type: 'client_credentials' }, { authorization: basic(c.clientId, secret) });
      const result = await compareTimings(() => send(rightPrefix), () => send(wrongPrefix), 600);
      assert.ok(result.withinBound, `right-prefix vs wrong-prefix: ${JSON.stringify(result)}`);
      // Unknown client vs known client with a wrong secret: same work, same answer.
      const unknown = await compareTimings(() => send(wrongPrefix), () => oauthPost(h, '/oauth/token', { grant_type: 'client_credentials' }, { authorization: basic('kwc_nobodyhasthisid00000', wrongPrefix) }), 600);
      assert.ok(unknown.withinBound, `known vs unknown client: ${JSON.stringify(unknown)}`);
      // Positive control: the same measurement does see a 300 µs difference, so "no difference"
      // above means something.
      const leaky = await compareTimings(() => send(rightPrefix), () => busyThen(0.3, () => send(wrongPrefix)), 300);
      assert.ok(!leaky.withinBound, `the detector missed a planted 300 µs leak: ${JSON.stringify(leaky)}`);
    });
  });

  describe(`D6 brute force and rate limits (${db.name})`, () => {
    let h: Harness;
    let svc: TestClient;
    before(async () => {
      h = await startHarness(undefined, { db, env: { KEYWARD_RATE_LIMIT_FAILURES: '20' } });
      svc = await createClient(h, { displayName: 'svc' });
    });
    after(() => h.close());

    it('a flood of wrong secrets gets 429 for its address; the real client elsewhere still gets tokens', async () => {
      let limitedAt = -1;
      for (let i = 0; i < 100; i++) {
        const res = await oauthPost(h, '/oauth/token', { grant_type: 'client_credentials' }, { authorization: basic(svc.clientId, `kw_guess${i}`), remoteAddress: '203.0.113.9' });
        if (res.status === 429) {
          if (limitedAt < 0) limitedAt = i;
          assert.ok(Number(res.headers['retry-after']) >= 1, 'Retry-After');
          assert.equal(res.body.error, 'slow_down');
        } else assert.equal(res.status, 401);
        if (i % 10 === 0) {
          const legit = await oauthPost(h, '/oauth/token', { grant_type: 'client_credentials' }, { authorization: basic(svc.clientId, svc.secret), remoteAddress: '198.51.100.20' });
          assert.equal(legit.status, 200, 'the legitimate client is never locked out');
        }
      }
      assert.ok(limitedAt >= 0 && limitedAt <= 21, `limited after ${limitedAt} failures`);
      // Even the right secret from the flooding address waits: the limit is checked before hashing.
      const fromFlooder = await oauthPost(h, '/oauth/token', { grant_type: 'client_credentials' }, { authorization: basic(svc.clientId, svc.secret), remoteAddress: '203.0.113.9' });
      assert.equal(fromFlooder.status, 429);
    });

    it('introspection and revocation share the failed-authentication limit (RFC 7662 §4)', async () => {
      const token = await tokenFor(h, svc);
      for (const url of ['/oauth/introspect', '/oauth/revoke']) {
        const address = url === '/oauth/introspect' ? '203.0.113.30' : '203.0.113.31';
        let limited = false;
        for (let i = 0; i < 40 && !limited; i++) {
          const res = await oauthPost(h, url, { token }, { authorization: basic(svc.clientId, `kw_guess${i}`), remoteAddress: address });
          limited = res.status === 429;
        }
        assert.ok(limited, `${url} lets an address guess secrets without limit`);
        const legit = await oauthPost(h, url, { token }, { authorization: basic(svc.clientId, svc.secret), remoteAddress: '198.51.100.21' });
        assert.equal(legit.status, 200);
      }
    });
  });
}

/** Every text column of every table, to search for a secret in the database. */
async function dumpDatabase(h: Harness): Promise<string> {
  const db = h.runtime.store.db.kysely;
  const tables = ['organizations', 'workspaces', 'api_clients', 'credentials', 'roles', 'events', 'signing_keys', 'revoked_tokens'] as const;
  const parts: string[] = [];
  for (const table of tables) parts.push(JSON.stringify(await db.selectFrom(table).selectAll().execute()));
  return parts.join('\n');
}

function busyThen<T>(ms: number, fn: () => T): T {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin: a planted, measurable difference
  }
  return fn();
}

/**
 * A timing comparison that holds on a noisy shared machine: the two kinds of request are
 * interleaved in random order (so drift, GC and neighbours hit both alike), and the medians of
 * the two samples are compared. The bound is generous (the larger of 60 µs and 15 % of the
 * median): it cannot see nanosecond leaks over HTTP, which is why the digest comparison is also
 * checked in code (timingSafeEqual on fixed-length HMACs); it does see a leak of a few hundred
 * microseconds, which the positive control proves.
 */
async function compareTimings(a: () => Promise<unknown>, b: () => Promise<unknown>, n: number) {
  for (let i = 0; i < 50; i++) await (i % 2 ? a() : b()); // warm up
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < n; i++) {
    const order = Math.random() < 0.5;
    for (const first of [order, !order]) {
      const start = process.hrtime.bigint();
      await (first ? a() : b());
      (first ? ta : tb).push(Number(process.hrtime.bigint() - start) / 1000);
    }
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const ma = median(ta);
  const mb = median(tb);
  const bound = Math.max(60, 0.15 * Math.min(ma, mb));
  return { medianA: Math.round(ma), medianB: Math.round(mb), boundMicros: Math.round(bound), withinBound: Math.abs(ma - mb) < bound };
}
