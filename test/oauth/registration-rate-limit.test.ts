import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { databases, startHarness, type Harness, type Parsed } from '../helpers/harness.js';

/**
 * POST /oauth/register has its own budget per source address (KEYWARD_RATE_LIMIT_REGISTRATIONS),
 * apart from the token endpoint's: every attempt counts, accepted or refused. Requests arrive
 * from 127.0.0.1, a trusted proxy here, with X-Forwarded-For naming the caller.
 */
for (const db of databases) {
  describe(`registration rate limit (${db.name})`, () => {
    let h: Harness;
    let workspace: string;

    const register = async (address: string, token: string | undefined, body: string): Promise<Parsed> => {
      const res = await h.inject({
        method: 'POST',
        url: '/oauth/register',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        payload: body,
      });
      let parsed: unknown = res.body;
      try {
        parsed = JSON.parse(res.body);
      } catch {
        // kept as text
      }
      return { status: res.statusCode, body: parsed, headers: res.headers as Record<string, unknown> };
    };
    const metadata = (name: string) => JSON.stringify({ client_name: name, token_endpoint_auth_method: 'client_secret_basic' });
    const issueToken = async (uses: number) => {
      const res = await h.call('POST', `/v1/workspaces/${workspace}/registrationTokens`, { uses });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body as { name: string; token: string };
    };
    const clientCount = async () => (await h.call('GET', `/v1/apiClients?filter=${encodeURIComponent(`workspace = "workspaces/${workspace}"`)}&pageSize=100`)).body.apiClients.length as number;

    before(async () => {
      h = await startHarness(undefined, { db, env: { KEYWARD_TRUST_PROXY: '127.0.0.1', KEYWARD_RATE_LIMIT_REGISTRATIONS: '3' } });
      const ws = await h.call('POST', '/v1/workspaces', { displayName: 'self-registered' });
      assert.equal(ws.status, 200, JSON.stringify(ws.body));
      workspace = ws.body.id;
    });
    after(() => h.close());

    it('past the budget an address gets 429 with Retry-After and an RFC 7591 error body; nothing is spent or created', async () => {
      const issued = await issueToken(10);
      assert.equal((await register('198.51.100.1', issued.token, metadata('first'))).status, 201);
      // A refused attempt counts too: an address guessing initial access tokens is limited as well.
      assert.equal((await register('198.51.100.1', 'kwiat_not-a-token', metadata('guess'))).status, 401);
      // So does a body that is not JSON: the attempt is counted before the body is read.
      assert.equal((await register('198.51.100.1', issued.token, '{not json')).status, 400);

      const clientsBefore = await clientCount();
      const usesBefore = (await h.call('GET', `/v1/${issued.name}`)).body.usesRemaining;
      assert.equal(usesBefore, 9);
      const refused = await register('198.51.100.1', issued.token, metadata('one too many'));
      assert.equal(refused.status, 429, JSON.stringify(refused.body));
      const retryAfter = Number(refused.headers['retry-after']);
      assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After: ${String(refused.headers['retry-after'])}`);
      assert.equal(refused.headers['cache-control'], 'no-store');
      assert.match(String(refused.headers['content-type']), /^application\/json/);
      assert.deepEqual(Object.keys(refused.body as object).sort(), ['error', 'error_description']);
      const { error, error_description: description } = refused.body as { error: string; error_description: string };
      assert.equal(error, 'slow_down');
      assert.match(description, /Too many client registrations from this address \(at most 3 a minute\)/);
      assert.match(description, /KEYWARD_RATE_LIMIT_REGISTRATIONS/);
      assert.doesNotMatch(description, new RegExp(issued.token));
      assert.equal(await clientCount(), clientsBefore, 'a refused registration creates no client');
      assert.equal((await h.call('GET', `/v1/${issued.name}`)).body.usesRemaining, usesBefore, 'and spends no use of the token');
      assert.equal((await register('198.51.100.1', issued.token, metadata('again'))).status, 429, 'refused attempts keep the address refused');
    });

    it('counts each address apart, and leaves the token endpoint its own budget', async () => {
      const issued = await issueToken(10);
      for (let i = 0; i < 3; i++) assert.equal((await register('203.0.113.7', issued.token, metadata(`fleet ${i}`))).status, 201);
      assert.equal((await register('203.0.113.7', issued.token, metadata('fleet 3'))).status, 429);
      const elsewhere = await register('2001:db8::7', issued.token, metadata('elsewhere'));
      assert.equal(elsewhere.status, 201, JSON.stringify(elsewhere.body));

      // The limited address still gets tokens for the client it registered.
      const { client_id: clientId, client_secret: secret } = elsewhere.body as { client_id: string; client_secret: string };
      const token = await h.inject({
        method: 'POST',
        url: '/oauth/token',
        headers: {
          authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
          'x-forwarded-for': '203.0.113.7',
        },
        payload: 'grant_type=client_credentials',
      });
      assert.equal(token.statusCode, 200, token.body);
      // Management of a registration (RFC 7592) is not registration: it has its own token.
      const read = await h.inject({
        method: 'GET',
        url: `/oauth/register/${encodeURIComponent(clientId)}`,
        headers: { authorization: `Bearer ${(elsewhere.body as { registration_access_token: string }).registration_access_token}`, 'x-forwarded-for': '203.0.113.7' },
      });
      assert.equal(read.statusCode, 200, read.body);
    });
  });
}

describe('KEYWARD_RATE_LIMIT_REGISTRATIONS', () => {
  const base = { KEYWARD_DATA_DIR: '/tmp/unused', KEYWARD_ISSUER: 'http://keyward.test' };
  it('defaults to 30 a minute, below the failed-authentication and token budgets; takes a whole number of at least 1', () => {
    const config = loadConfig(base);
    assert.equal(config.registrationsPerMinute, 30);
    assert.equal(loadConfig({ ...base, KEYWARD_RATE_LIMIT_REGISTRATIONS: '5' }).registrationsPerMinute, 5);
    for (const bad of ['0', '-1', '2.5', 'many']) {
      assert.throws(() => loadConfig({ ...base, KEYWARD_RATE_LIMIT_REGISTRATIONS: bad }), /KEYWARD_RATE_LIMIT_REGISTRATIONS must be a whole number between 1 and 1000000/);
    }
  });
});
