import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeJwt } from '../../src/crypto/jwt.js';
import { databases, startHarness, type Harness, type Parsed } from '../helpers/harness.js';
import { basic, b64url, createClient, FORM, lastSequence, OAUTH_DESCRIPTION_CHARSET, oauthPost, parse, type TestClient } from './support.js';

/**
 * Battery part B: property-based fuzzing of bodies, query strings, headers, the token form and
 * the JWT parser. Properties: never a 5xx, never a state change when the request is refused, and
 * always a clear error body (RFC 9457 on /v1, RFC 6749 on /oauth). Run counts stay modest so the
 * suite fits the CI budget; FUZZ_RUNS raises them for a deeper local run.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

/** Strings a hostile client likes: unicode, NULs, lone surrogates, quotes, prototype keys, huge numbers. */
const nasty = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '\ud800', '__proto__', 'constructor', 'prototype', "' OR 1=1--", '../../etc/passwd', '%00', '1e309', '-1', 'NaN', '<script>', '${x}', 'a'.repeat(5000)),
);
const jsonish: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(fc.oneof(nasty, fc.constantFrom('displayName', 'permissions', 'roles', 'labels', 'audiences', 'tokenLifetime', 'workspace', 'state', 'merge', 'overlap', 'expireTime', 'type', 'description', 'extRef')), fc.oneof(nasty, fc.jsonValue({ maxDepth: 2 })), { maxKeys: 6 }),
);

/** Lone surrogates cannot be percent-encoded; a client library would have replaced them. */
const wellFormed = (s: string) => s.replace(/[\ud800-\udfff]/g, '\ufffd');

type Res = Parsed;

function assertCleanProblem(res: Res, what: string) {
  assert.ok(res.status < 500, `${what}: ${res.status} ${JSON.stringify(res.body)}`);
  if (res.status >= 400) {
    assert.match(String(res.headers['content-type']), /application\/problem\+json/, what);
    assert.equal(res.body.status, res.status, what);
    assert.equal(typeof res.body.detail, 'string', what);
    assert.ok(res.body.detail.length > 0 && res.body.detail.length < 2000, what);
  }
}

function assertCleanOAuth(res: Res, what: string) {
  assert.ok(res.status < 500, `${what}: ${res.status} ${JSON.stringify(res.body)}`);
  if (res.status >= 400) {
    assert.equal(typeof res.body.error, 'string', `${what}: ${JSON.stringify(res.body)}`);
    assert.match(res.body.error_description ?? '', OAUTH_DESCRIPTION_CHARSET, what);
  }
}

for (const db of databases) {
  describe(`B. bad input (${db.name})`, () => {
    let h: Harness;
    let svc: TestClient;
    let roleId: string;
    let wsId: string;
    before(async () => {
      h = await startHarness(undefined, { db });
      svc = await createClient(h, { displayName: 'svc', permissions: ['orders.read'] });
      roleId = String((await h.call('POST', '/v1/roles', { displayName: 'r', permissions: ['orders.read'] })).body.name).split('/')[1];
      wsId = (await h.call('POST', '/v1/workspaces', { displayName: 'ws' })).body.id;
    });
    after(() => h.close());

    const rawJson = (method: string, url: string, payload: string, headers: Record<string, string> = {}) =>
      h.inject({ method: method as 'POST', url, headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/json', ...headers }, payload }).then(parse);

    it('B1 /v1 bodies: never a 5xx, a problem body on refusal, and no state change on refusal', async () => {
      const routes = () => [
        ['POST', '/v1/apiClients'],
        ['PATCH', `/v1/apiClients/${svc.id}`],
        ['PATCH', `/v1/apiClients/${svc.id}?updateMask=displayName,permissions,labels`],
        ['POST', `/v1/apiClients/${svc.id}/credentials`],
        ['POST', `/v1/apiClients/${svc.id}:rotateSecret`],
        ['POST', '/v1/roles'],
        ['PATCH', `/v1/roles/${roleId}?updateMask=permissions`],
        ['POST', '/v1/workspaces'],
        ['PATCH', `/v1/workspaces/${wsId}`],
        ['PATCH', `/v1/workspaces/${wsId}/settings`],
        ['POST', '/v1/organizations'],
      ];
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...routes()), jsonish, async ([method, url], body) => {
          const before = await lastSequence(h);
          const res = await rawJson(method, url, JSON.stringify(body));
          assertCleanProblem(res, `${method} ${url} ${JSON.stringify(body).slice(0, 200)}`);
          if (res.status >= 400) assert.equal(await lastSequence(h), before, 'a refused request changed state');
        }),
        { numRuns: RUNS * 3 },
      );
    });

    it('B1 /v1 bodies that are not JSON objects: prototype keys, NULs, deep nesting, truncation', async () => {
      const bodies = [
        '{"displayName":"x","__proto__":{"admin":true}}',
        '{"displayName":"x","constructor":{"prototype":{"admin":true}}}',
        '{"displayName":"x\u0000"}',
        '{"displayName":"x", "displayName":"y", "permissions":["a"], "permissions":["b"]}',
        `${'['.repeat(5000)}${']'.repeat(5000)}`,
        `{"labels":${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}}`,
        '{"displayName":',
        '\xff\xfe\x00',
        'null',
        '[]',
        '"string"',
        '1e309',
      ];
      for (const payload of bodies) {
        const before = await lastSequence(h);
        const res = await rawJson('POST', '/v1/apiClients', payload);
        assertCleanProblem(res, payload.slice(0, 60));
        if (res.status >= 400) assert.equal(await lastSequence(h), before);
      }
      assert.equal(({} as Record<string, unknown>).admin, undefined, 'Object.prototype was not polluted');
    });

    it('B1 query strings: filters, orderBy, page sizes and page tokens never cause a 5xx', async () => {
      const token = fc.oneof(nasty, fc.jsonValue({ maxDepth: 2 }).map((v) => b64url(v)), fc.record({ after: fc.tuple(fc.jsonValue({ maxDepth: 1 }), fc.jsonValue({ maxDepth: 1 })), query: fc.constantFrom('workspaces', 'roles', '[]', '[[],{"field":"createTime","descending":false}]') }).map((v) => b64url(v)));
      const url = fc.oneof(
        fc.record({ filter: nasty, orderBy: nasty, pageSize: nasty, pageToken: token }).map((q) => `/v1/apiClients?${new URLSearchParams(q)}`),
        fc.record({ filter: nasty, pageToken: token }).map((q) => `/v1/auditEvents?${new URLSearchParams(q)}`),
        fc.record({ pageSize: nasty, pageToken: token }).map((q) => `/v1/workspaces?${new URLSearchParams(q)}`),
        fc.record({ pageToken: token }).map((q) => `/v1/roles?${new URLSearchParams(q)}`),
        fc.record({ updateMask: nasty }).map((q) => `/v1/apiClients/${svc.id}?${new URLSearchParams(q)}`),
        nasty.map((id) => `/v1/apiClients/${encodeURIComponent(wellFormed(id))}`),
        nasty.map((id) => `/v1/roles/${encodeURIComponent(wellFormed(id))}/../../organizations`),
        fc.constantFrom('/v1/apiClients/%E0%A4%A', '/v1/apiClients/%', `/v1/apiClients/${'a'.repeat(5000)}`, '/v1/workspaces/%00', '/v1/apiClients/..%2F..%2Forganizations'),
      );
      await fc.assert(
        fc.asyncProperty(url, async (u) => {
          const res = parse(await h.inject({ method: 'GET', url: u, headers: { authorization: `Bearer ${h.adminToken}` } }));
          assertCleanProblem(res, u.slice(0, 300));
        }),
        { numRuns: RUNS * 3 },
      );
    });

    it('B1 crafted page tokens (valid structure, wrong types) are a 400, not a 5xx', async () => {
      const crafted = [
        { after: [{ a: 1 }, 'x'], query: 'workspaces' },
        { after: ['not-a-number', 'x'], query: 'workspaces' },
        { after: [1e308, 'x'], query: 'workspaces' },
        { after: [[1, 2], 'x'], query: 'roles' },
        { after: [null, 'x'], query: 'roles' },
        { after: [true, 'x'], query: '[]' },
      ];
      for (const cursor of crafted) {
        const paths = cursor.query === '[]' ? ['/v1/auditEvents'] : [`/v1/${cursor.query}`];
        for (const path of paths) {
          const res = parse(await h.inject({ method: 'GET', url: `${path}?pageToken=${b64url(cursor)}`, headers: { authorization: `Bearer ${h.adminToken}` } }));
          assertCleanProblem(res, `${path} ${JSON.stringify(cursor)}`);
          assert.equal(res.status, 400, `${path} ${JSON.stringify(cursor)}`);
        }
      }
    });

    it('B1 headers: Authorization, x-keyward-org, content-type and x-request-id never cause a 5xx', async () => {
      const header = fc.oneof(nasty.filter((s) => /^[\t\x20-\x7e\x80-\xff]*$/.test(s)), fc.constantFrom('Bearer', 'Bearer ', 'Basic', `Bearer ${'a'.repeat(10_000)}`, 'bearer x.y.z', 'Bearer eyJhbGciOiJub25lIn0.e30.'));
      await fc.assert(
        fc.asyncProperty(header, header, header, header, async (authorization, org, contentType, requestId) => {
          const before = await lastSequence(h);
          const res = parse(
            await h.inject({
              method: 'POST',
              url: '/v1/workspaces',
              headers: { authorization, 'x-keyward-org': org, 'content-type': contentType, 'x-request-id': requestId },
              payload: '{"displayName":"fuzz"}',
            }),
          );
          assertCleanProblem(res, JSON.stringify({ authorization, org, contentType }).slice(0, 300));
          assert.ok(res.status >= 400, 'none of these is a valid admin token');
          assert.equal(await lastSequence(h), before);
          const id = res.headers['x-request-id'];
          assert.ok(typeof id === 'string' && /^[\w.-]{1,64}$/.test(id), 'the request id is sanitised before it is echoed or logged');
        }),
        { numRuns: RUNS },
      );
    });

    it('B1 token endpoint form: never a 5xx, always an RFC 6749 error body and no-store', async () => {
      const name = fc.oneof(fc.constantFrom('grant_type', 'scope', 'client_id', 'client_secret', 'resource', 'audience', 'client_assertion', 'client_assertion_type', '__proto__', 'constructor', 'hasOwnProperty'), nasty);
      const form = fc.array(fc.tuple(name, fc.oneof(nasty, fc.constant('client_credentials'), fc.constant(svc.clientId))), { maxLength: 8 });
      const auth = fc.oneof(
        fc.constant(undefined),
        fc.constant(basic(svc.clientId, 'kw_wrong')),
        fc.tuple(nasty, nasty).map(([a, b]) => basic(wellFormed(a), wellFormed(b))),
        fc.tuple(nasty, nasty).map(([a, b]) => `Basic ${Buffer.from(`${a}:${b}`).toString('base64')}`),
        nasty.map((s) => `Basic ${Buffer.from(s).toString('base64')}`),
        nasty.filter((s) => /^[\t\x20-\x7e]*$/.test(s)),
      );
      await fc.assert(
        fc.asyncProperty(form, auth, fc.boolean(), async (pairs, authorization, raw) => {
          const payload = raw ? pairs.map(([k, v]) => `${k}=${v}`).join('&') : new URLSearchParams(pairs).toString();
          const before = await lastSequence(h);
          const res = await oauthPost(h, '/oauth/token', payload, { authorization, remoteAddress: '198.51.100.7' });
          assertCleanOAuth(res, `${payload.slice(0, 200)} ${authorization?.slice(0, 80)}`);
          assert.notEqual(res.status, 200, 'none of these carries valid credentials');
          assert.equal(res.headers['cache-control'], 'no-store');
          assert.equal(await lastSequence(h), before);
        }),
        { numRuns: RUNS * 2 },
      );
      // Same fuzz at introspection and revocation, which parse the same form.
      await fc.assert(
        fc.asyncProperty(form, fc.constantFrom('/oauth/introspect', '/oauth/revoke'), async (pairs, url) => {
          const before = await lastSequence(h);
          const res = await oauthPost(h, url, new URLSearchParams(pairs).toString(), { authorization: basic(svc.clientId, svc.secret), remoteAddress: '198.51.100.8' });
          assertCleanOAuth(res, `${url} ${JSON.stringify(pairs).slice(0, 200)}`);
          assert.equal(await lastSequence(h), before);
        }),
        { numRuns: RUNS },
      );
    });

    it('NUL characters in a client id, a token or a path never reach the database as a 5xx', async () => {
      const cases = [
        () => oauthPost(h, '/oauth/token', { grant_type: 'client_credentials' }, { authorization: basic('kwc_\u0000x', 'kw_x') }),
        () => oauthPost(h, '/oauth/token', { grant_type: 'client_credentials', client_id: 'a\u0000', client_secret: 'b' }),
        () => oauthPost(h, '/oauth/introspect', { token: 'a\u0000.b.c' }, { authorization: basic(svc.clientId, svc.secret) }),
        () => oauthPost(h, '/oauth/revoke', { token: '\u0000' }, { authorization: basic(svc.clientId, svc.secret) }),
      ];
      for (const send of cases) assertCleanOAuth(await send(), 'NUL');
      for (const url of ['/v1/apiClients/%00', `/v1/roles/x%00`, `/v1/apiClients?filter=${encodeURIComponent('clientId = "a\u0000"')}`, `/v1/auditEvents?filter=${encodeURIComponent('actor = "\u0000"')}`]) {
        assertCleanProblem(parse(await h.inject({ method: 'GET', url, headers: { authorization: `Bearer ${h.adminToken}` } })), url);
      }
      assertCleanProblem(await rawJson('PATCH', `/v1/workspaces/${wsId}/settings`, JSON.stringify({ merge: { 'k\u0000': 'v\u0000' } })), 'settings');
      assertCleanProblem(await rawJson('POST', '/v1/apiClients', JSON.stringify({ displayName: 'x', labels: { a: '\u0000' }, permissions: ['p'] })), 'labels');
    });

    it('B2 JWT parser: decodeJwt and AccessTokens.verify never throw on any input and accept none of it', async () => {
      const verify = (t: string) => h.runtime.oauth.tokens.verify(t);
      const segment = fc.oneof(
        fc.string({ maxLength: 60 }),
        fc.jsonValue({ maxDepth: 3 }).map((v) => b64url(v)),
        fc.constantFrom('', 'null', b64url('null'), b64url('[]'), b64url('{"alg":"none"}'), b64url('{"alg":"ES256","crit":["x"]}'), b64url('{"exp":"soon"}'), b64url('{"exp":1e309}'), b64url('{"a":1,"a":2}'), '====', '%%%'),
      );
      const token = fc.oneof(fc.string({ maxLength: 200 }), fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('.')));
      fc.assert(
        fc.property(token, (t) => {
          const parse = () => {
            const started = performance.now();
            decodeJwt(t);
            assert.equal(verify(t), null);
            return performance.now() - started;
          };
          // A garbage collection or a descheduled core on a loaded machine can stall one run; a
          // parser that is slow on this input is slow every time, so only a second slow run fails.
          assert.ok(parse() < 50 || parse() < 50, 'parsing never blocks the event loop');
        }),
        { numRuns: RUNS * 20 },
      );
      // A JWE where a JWS is expected, and an oversized token.
      assert.equal(verify('eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d'), null);
      assert.equal(verify(`${b64url({ alg: 'ES256' })}.${'a'.repeat(1_000_000)}.sig`), null);
    });

    it('B2 the same garbage at the admin API and introspection: 401 / {"active":false}, never a 5xx', async () => {
      const segment = fc.oneof(fc.jsonValue({ maxDepth: 2 }).map((v) => b64url(v)), fc.stringMatching(/^[A-Za-z0-9_-]{0,40}$/));
      const token = fc.array(segment, { minLength: 3, maxLength: 3 }).map((p) => p.join('.'));
      await fc.assert(
        fc.asyncProperty(token, async (t) => {
          const admin = parse(await h.inject({ method: 'GET', url: '/v1/apiClients', headers: { authorization: `Bearer ${t}` } }));
          assertCleanProblem(admin, t);
          assert.equal(admin.status, 401);
          const intro = await oauthPost(h, '/oauth/introspect', { token: t }, { authorization: basic(svc.clientId, svc.secret) });
          assert.equal(intro.status, 200);
          assert.equal(intro.raw, '{"active":false}');
        }),
        { numRuns: RUNS },
      );
    });

    it('oversized bodies are 413, on /v1 and on /oauth', async () => {
      const before = await lastSequence(h);
      const big = await rawJson('POST', '/v1/apiClients', JSON.stringify({ displayName: 'x', description: 'y'.repeat(100_000) }));
      assert.equal(big.status, 413);
      assertCleanProblem(big, 'big json');
      const form = await oauthPost(h, '/oauth/token', `grant_type=client_credentials&scope=${'a'.repeat(100_000)}`, { authorization: basic(svc.clientId, svc.secret) });
      assert.equal(form.status, 413);
      assertCleanOAuth(form, 'big form');
      const ten = await h.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': FORM }, payload: Buffer.alloc(10 * 1024 * 1024, 0x61) });
      assert.equal(ten.statusCode, 413);
      assert.equal(await lastSequence(h), before);
    });

    it('wrong content types are 415 on /v1, and never parsed as a form or JSON', async () => {
      for (const type of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/octet-stream']) {
        const before = await lastSequence(h);
        const res = parse(await h.inject({ method: 'POST', url: '/v1/workspaces', headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': type }, payload: 'displayName=x' }));
        assert.equal(res.status, 415, `${type}: ${res.status}`);
        assertCleanProblem(res, type);
        assert.equal(await lastSequence(h), before);
      }
      for (const type of ['text/plain', 'application/xml']) {
        const res = await oauthPost(h, '/oauth/token', 'grant_type=client_credentials', { authorization: basic(svc.clientId, svc.secret), headers: { 'content-type': type } });
        assert.ok(res.status === 415 || res.status === 400, `${type}: ${res.status}`);
        assertCleanOAuth(res, type);
      }
    });

    it('B4 mass assignment: output-only fields are ignored, fields the resource does not have are refused', async () => {
      const res = await h.call('POST', '/v1/apiClients', {
        displayName: 'mass',
        name: 'apiClients/ac_chosen',
        clientSecret: 'kw_chosen',
        createdBy: 'users/mallory',
        createTime: '2000-01-01T00:00:00Z',
      });
      assert.equal(res.status, 200);
      assert.notEqual(res.body.name, 'apiClients/ac_chosen');
      assert.notEqual(res.body.clientSecret, 'kw_chosen');
      assert.notEqual(res.body.createdBy, 'users/mallory');
      assert.notEqual(res.body.createTime, '2000-01-01T00:00:00.000Z');
      assert.equal(JSON.stringify(res.body).includes('secretHash'), false);
      const id = res.body.name.split('/')[1];

      // Fields that are not the resource's, whatever they aim at, are refused whole.
      for (const extra of [{ id: 'ac_chosen' }, { orgId: 'org_other' }, { org_id: 'org_other' }, { secretHash: 'AAAA' }, { secret_hash: 'AAAA' }]) {
        const before = await lastSequence(h);
        const refused = await h.call('POST', '/v1/apiClients', { displayName: 'mass', ...extra });
        assert.equal(refused.status, 400, JSON.stringify(extra));
        assert.equal(refused.body.errors[0].field, `body.${Object.keys(extra)[0]}`);
        assert.equal(await lastSequence(h), before, 'nothing written');
        assert.equal((await h.call('PATCH', `/v1/apiClients/${id}`, { displayName: 'm1', ...extra })).status, 400);
      }

      // The resource as GET returns it, changed and sent back whole (AIP-203): output-only fields are ignored.
      const read = (await h.call('GET', `/v1/apiClients/${id}`)).body;
      const patched = await h.call('PATCH', `/v1/apiClients/${id}`, { ...read, displayName: 'm2', clientId: 'hijack', createdBy: 'users/mallory', createTime: '2000-01-01T00:00:00Z' });
      assert.equal(patched.status, 200, JSON.stringify(patched.body));
      assert.equal(patched.body.displayName, 'm2');
      assert.equal(patched.body.clientId, res.body.clientId);
      assert.equal(patched.body.createdBy, res.body.createdBy);
      assert.equal(patched.body.createTime, res.body.createTime);
      for (const url of [`/v1/apiClients/${id}`, `/v1/apiClients/${id}/credentials`]) {
        const text = JSON.stringify((await h.call('GET', url)).body);
        assert.doesNotMatch(text, /secretHash|secret_hash|"secret"|clientSecret/);
      }
    });

    it('B1 a JSON value of the wrong type is refused, never converted: a number is not a name, null is not ""', async () => {
      const created = await h.call('POST', '/v1/apiClients', { displayName: 'typed', permissions: ['orders.read'] });
      const id = created.body.name.split('/')[1];
      const cases: [string, string, unknown][] = [
        ['POST', '/v1/apiClients', { displayName: 5 }],
        ['POST', '/v1/apiClients', { displayName: 'x', permissions: 'orders.read' }],
        ['POST', '/v1/apiClients', { displayName: null }],
        ['PATCH', `/v1/apiClients/${id}`, { displayName: [1] }],
        ['PATCH', `/v1/apiClients/${id}`, { displayName: true }],
        ['POST', '/v1/workspaces', { displayName: 12 }],
      ];
      for (const [method, url, body] of cases) {
        const before = await lastSequence(h);
        const res = await h.call(method, url, body);
        assert.equal(res.status, 400, `${method} ${url} ${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
        assertCleanProblem(res, JSON.stringify(body));
        assert.match(res.body.detail, /must be (string|array)/, JSON.stringify(res.body));
        assert.equal(await lastSequence(h), before, `nothing written for ${JSON.stringify(body)}`);
      }
      assert.equal((await h.call('GET', `/v1/apiClients/${id}`)).body.displayName, 'typed');
      // Query strings are text by nature: their numbers are still read as numbers.
      assert.equal((await h.call('GET', '/v1/apiClients?pageSize=1')).body.apiClients.length, 1);
    });

    it('B3 X-Forwarded-For is ignored without KEYWARD_TRUST_PROXY: the flooding address is limited whatever it claims', async () => {
      let limited = false;
      for (let i = 0; i < 40; i++) {
        const res = await oauthPost(h, '/oauth/token', { grant_type: 'client_credentials' }, {
          authorization: basic(svc.clientId, 'kw_wrong'),
          remoteAddress: '203.0.113.50',
          headers: { 'x-forwarded-for': `192.0.2.${i}`, 'x-real-ip': `192.0.2.${i}`, forwarded: `for=192.0.2.${i}` },
        });
        if (res.status === 429) limited = true;
      }
      assert.ok(limited, 'spoofed X-Forwarded-For must not dodge the per-address limit');
      const legit = await oauthPost(h, '/oauth/token', { grant_type: 'client_credentials' }, { authorization: basic(svc.clientId, svc.secret), remoteAddress: '203.0.113.51' });
      assert.equal(legit.status, 200);
    });
  });
}

describe('B3 X-Forwarded-For with KEYWARD_TRUST_PROXY (sqlite)', () => {
  it('is believed only from the configured proxy', async (t) => {
    const h = await startHarness(t, { env: { KEYWARD_TRUST_PROXY: '10.9.9.9' } });
    const svc = await createClient(h, { displayName: 'svc' });
    const attempt = (remoteAddress: string, xff: string, secret = 'kw_wrong') =>
      oauthPost(h, '/oauth/token', { grant_type: 'client_credentials' }, { authorization: basic(svc.clientId, secret), remoteAddress, headers: { 'x-forwarded-for': xff } });
    // Through the proxy, the client address is the forwarded one: each forwarded address has its own budget.
    for (let i = 0; i < 25; i++) await attempt('10.9.9.9', '192.0.2.1');
    assert.equal((await attempt('10.9.9.9', '192.0.2.1')).status, 429);
    assert.equal((await attempt('10.9.9.9', '192.0.2.2', svc.secret)).status, 200);
    // From anywhere else, the header is ignored.
    for (let i = 0; i < 25; i++) await attempt('198.51.100.1', `192.0.2.${100 + i}`);
    assert.equal((await attempt('198.51.100.1', '192.0.2.200')).status, 429);
  });
});
