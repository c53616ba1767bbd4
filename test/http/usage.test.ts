import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTenant, databases, startHarness, type Harness } from '../helpers/harness.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const hourOf = (ms: number) => ms - (ms % HOUR);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/**
 * Tokens issued and failed authentications per client and hour: counted in memory at the token
 * endpoint, added to the database in batches, read back with the answering instance's unwritten
 * counts, kept 30 days.
 */
for (const db of databases) {
  describe(`/v1/apiClients/{id}/usage and /v1/authenticationFailures (${db.name})`, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(undefined, { db });
    });
    after(() => h.close());

    const newClient = async (displayName: string, headers: Record<string, string> = {}) => {
      const created = await h.call('POST', '/v1/apiClients', { displayName }, headers);
      assert.equal(created.status, 200, JSON.stringify(created.body));
      return created.body as { name: string; clientId: string; clientSecret: string };
    };
    const introspect = (clientId: string, secret: string) =>
      h.inject({
        method: 'POST',
        url: '/oauth/introspect',
        headers: {
          authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: 'token=x',
      });
    const storedRows = async (apiClientName: string) =>
      h.runtime.store.db.kysely.selectFrom('client_usage_hours').selectAll().where('api_client_id', '=', apiClientName.split('/')[1]).execute();

    it('counts tokens and failed authentications per hour, written in a batch, every hour of 7 days listed', async () => {
      const c = await newClient('charted');
      for (let i = 0; i < 3; i++) assert.equal((await h.token(c.clientId, c.clientSecret)).status, 200);
      for (let i = 0; i < 2; i++) assert.equal((await h.token(c.clientId, 'wrong-secret')).status, 401);
      assert.equal((await introspect(c.clientId, 'wrong-secret')).statusCode, 401, 'introspection failures are not counted');
      assert.equal((await storedRows(c.name)).length, 0, 'nothing written on the token path');
      await h.runtime.flushUsage();
      const rows = await storedRows(c.name);
      assert.equal(rows.length, 1);
      assert.equal(Number(rows[0].tokens_issued), 3);
      assert.equal(Number(rows[0].failed_authentications), 2);

      const res = await h.call('GET', `/v1/${c.name}/usage`);
      assert.equal(res.status, 200);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.equal(res.body.apiClient, c.name);
      assert.equal(res.body.interval, '3600s');
      const end = hourOf(Date.now()) + HOUR;
      assert.equal(res.body.endTime, iso(end));
      assert.equal(res.body.startTime, iso(end - 7 * DAY));
      assert.equal(res.body.hours.length, 7 * 24);
      assert.deepEqual(res.body.hours[0], { startTime: iso(end - 7 * DAY), tokensIssued: 0, failedAuthentications: 0 });
      assert.deepEqual(res.body.hours.at(-1), { startTime: iso(end - HOUR), tokensIssued: 3, failedAuthentications: 2 });
      assert.ok(res.body.hours.every((x: { startTime: string }, i: number) => x.startTime === iso(end - 7 * DAY + i * HOUR)), 'ascending, one per hour');
      assert.deepEqual(res.body.totals, { tokensIssued: 3, failedAuthentications: 2 });
      assert.deepEqual(Object.keys(res.body).sort(), ['apiClient', 'endTime', 'hours', 'interval', 'startTime', 'totals']);
    });

    it('counts a failure against the client a form body or an assertion names, not a name no client has', async () => {
      const c = await newClient('named');
      const post = (params: Record<string, string>) =>
        h.inject({
          method: 'POST',
          url: '/oauth/token',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ grant_type: 'client_credentials', ...params }).toString(),
        });
      const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const forged = `${b64({ alg: 'ES256', typ: 'JWT' })}.${b64({ iss: c.clientId, sub: c.clientId, aud: 'http://keyward.test', exp: Math.floor(Date.now() / 1000) + 60, jti: 'j1' })}.${Buffer.from('not a signature').toString('base64url')}`;
      assert.equal((await post({ client_id: c.clientId, client_secret: 'wrong' })).statusCode, 401);
      assert.equal((await post({ client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: forged })).statusCode, 401);
      assert.equal((await post({ client_id: 'nobody-has-this-id', client_secret: 'wrong' })).statusCode, 401);
      assert.deepEqual((await h.call('GET', `/v1/${c.name}/usage`)).body.totals, { tokensIssued: 0, failedAuthentications: 2 });
    });

    it('shows the counts this instance has not written yet, added to the stored ones', async () => {
      const c = await newClient('fresh');
      await h.token(c.clientId, c.clientSecret);
      await h.runtime.flushUsage();
      await h.token(c.clientId, c.clientSecret);
      await h.token(c.clientId, 'nope');
      assert.equal(Number((await storedRows(c.name))[0].tokens_issued), 1);
      const res = await h.call('GET', `/v1/${c.name}/usage`);
      assert.deepEqual(res.body.totals, { tokensIssued: 2, failedAuthentications: 1 });
      await h.runtime.flushUsage();
      assert.deepEqual((await h.call('GET', `/v1/${c.name}/usage`)).body.totals, { tokensIssued: 2, failedAuthentications: 1 }, 'not counted twice once written');
    });

    it('answers a chosen range of whole hours, zeros where nothing happened', async () => {
      const c = await newClient('ranged');
      const end = hourOf(Date.now()) - 2 * HOUR;
      const res = await h.call('GET', `/v1/${c.name}/usage?startTime=${encodeURIComponent(new Date(end - 3 * HOUR + 1234).toISOString())}&endTime=${iso(end)}`);
      assert.equal(res.status, 200);
      assert.equal(res.body.startTime, iso(end - 3 * HOUR));
      assert.deepEqual(
        res.body.hours,
        [3, 2, 1].map((n) => ({ startTime: iso(end - n * HOUR), tokensIssued: 0, failedAuthentications: 0 })),
      );
    });

    it('refuses bad times with 400 naming the field', async () => {
      const c = await newClient('bad-times');
      const now = Date.now();
      const cases: [string, string, RegExp][] = [
        ['startTime=yesterday', 'startTime', /RFC 3339/],
        ['endTime=2026-13-45', 'endTime', /RFC 3339/],
        [`startTime=${iso(now - 31 * DAY)}`, 'startTime', /30 days/],
        [`startTime=${iso(now - 40 * DAY)}&endTime=${iso(now - 35 * DAY)}`, 'startTime', /30 days ago/],
        [`startTime=${iso(now - 2 * HOUR)}&endTime=${iso(now - 3 * HOUR)}`, 'startTime', /before endTime/],
        [`endTime=${iso(now + 3 * HOUR)}`, 'endTime', /future/],
      ];
      for (const [query, field, detail] of cases) {
        const res = await h.call('GET', `/v1/${c.name}/usage?${query}`);
        assert.equal(res.status, 400, query);
        assert.match(res.body.detail, detail, query);
        assert.equal(res.body.errors[0].field, field, query);
      }
      for (const query of ['since=soon', `since=${iso(now - 31 * DAY)}`, `since=${iso(now + DAY)}`]) {
        const res = await h.call('GET', `/v1/authenticationFailures?${query}`);
        assert.equal(res.status, 400, query);
        assert.equal(res.body.errors[0].field, 'since', query);
      }
    });

    it('an unknown client is 404; a caller without the permission is 403; another organization’s client is 404', async () => {
      assert.equal((await h.call('GET', '/v1/apiClients/ac_nosuchclient/usage')).status, 404);
      const c = await newClient('guarded');
      const noPermission = await newClient('no permission');
      const weak = await h.token(noPermission.clientId, noPermission.clientSecret);
      const asWeak = { authorization: `Bearer ${weak.body.access_token}` };
      const denied = await h.call('GET', `/v1/${c.name}/usage`, undefined, asWeak);
      assert.equal(denied.status, 403);
      assert.match(denied.body.detail, /keyward:clients\.read/);
      assert.equal((await h.call('GET', '/v1/authenticationFailures', undefined, asWeak)).status, 403);
      const tenant = await createTenant(h, 'Usage neighbour');
      assert.equal((await h.call('GET', `/v1/${c.name}/usage`, undefined, { authorization: `Bearer ${tenant.token}` })).status, 404);
    });

    it('lists clients with recent failures, most first, only the caller’s own', async () => {
      const tenant = await createTenant(h, 'Failing tenant');
      const asTenant = { authorization: `Bearer ${tenant.token}` };
      const theirs = await newClient('tenant failing', { 'x-keyward-org': tenant.orgId });
      const mostly = await newClient('fails thrice');
      const once = await newClient('fails once');
      for (let i = 0; i < 3; i++) await h.token(mostly.clientId, 'wrong');
      await h.token(once.clientId, 'wrong');
      await h.token(theirs.clientId, 'wrong');
      await h.token(theirs.clientId, 'wrong');
      await h.token('no-such-client-id', 'wrong');
      await h.runtime.flushUsage();
      await h.token(once.clientId, 'wrong'); // unwritten, still listed

      const mine = await h.call('GET', '/v1/authenticationFailures');
      assert.equal(mine.status, 200);
      assert.equal(mine.headers['cache-control'], 'no-store');
      const names = mine.body.clients.map((x: { apiClient: string }) => x.apiClient);
      assert.ok(!names.includes(theirs.name), 'another organization’s client is not listed');
      const [first, second] = mine.body.clients.filter((x: { apiClient: string }) => x.apiClient === mostly.name || x.apiClient === once.name);
      assert.equal(first.apiClient, mostly.name);
      assert.equal(first.failedAuthentications, 3);
      assert.equal(first.clientId, mostly.clientId);
      assert.equal(first.displayName, 'fails thrice');
      assert.equal(first.workspace, (await h.call('GET', `/v1/${mostly.name}`)).body.workspace, 'named as the client routes name it');
      assert.ok(Math.abs(Date.parse(first.lastFailureTime) - Date.now()) < 60_000);
      assert.deepEqual(Object.keys(first).sort(), ['apiClient', 'clientId', 'displayName', 'failedAuthentications', 'lastFailureTime', 'workspace']);
      assert.equal(second.apiClient, once.name);
      assert.equal(second.failedAuthentications, 2);
      const failing = mine.body.clients.map((x: { failedAuthentications: number }) => x.failedAuthentications);
      assert.deepEqual(failing, [...failing].sort((a, b) => b - a), 'most failures first');

      const tenantView = await h.call('GET', '/v1/authenticationFailures', undefined, asTenant);
      assert.equal(tenantView.status, 200);
      assert.deepEqual(
        tenantView.body.clients.map((x: { apiClient: string; failedAuthentications: number; displayName: string }) => [x.apiClient, x.failedAuthentications, x.displayName]),
        [[theirs.name, 2, 'tenant failing']],
      );
      const later = await h.call('GET', `/v1/authenticationFailures?since=${encodeURIComponent(new Date(Date.now() + 1000).toISOString())}`);
      assert.equal(later.status, 400, 'since in the future');
    });

    it('prunes hours older than 30 days, and drops the counts of a deleted client', async () => {
      const c = await newClient('old');
      const id = c.name.split('/')[1];
      const now = Date.now();
      await h.runtime.store.write((repos) =>
        repos.usageHours.addUsageHours([
          { apiClientId: id, hourStart: hourOf(now - 31 * DAY), tokensIssued: 5, failedAuthentications: 0, lastFailureTime: null },
          { apiClientId: id, hourStart: hourOf(now - 29 * DAY), tokensIssued: 7, failedAuthentications: 1, lastFailureTime: hourOf(now - 29 * DAY) + 5 },
        ]),
      );
      assert.equal((await storedRows(c.name)).length, 2);
      assert.equal(await h.runtime.usageHours.prune(now), 1);
      assert.deepEqual((await storedRows(c.name)).map((r) => Number(r.tokens_issued)), [7]);

      await h.token(c.clientId, c.clientSecret);
      assert.equal((await h.call('DELETE', `/v1/${c.name}`)).status, 200);
      assert.equal((await storedRows(c.name)).length, 0, 'the rows went with the client');
      await h.runtime.flushUsage(); // the unwritten count of the deleted client is dropped, not retried forever
      assert.equal((await storedRows(c.name)).length, 0);
    });

    it('two instances on one database add up their counts', async () => {
      const second = await startHarness(undefined, { dataDir: h.dataDir, databaseUrl: h.databaseUrl });
      try {
        const c = await newClient('shared');
        await h.token(c.clientId, c.clientSecret);
        await second.token(c.clientId, c.clientSecret);
        await second.token(c.clientId, c.clientSecret);
        await second.token(c.clientId, 'wrong');
        await h.runtime.flushUsage();
        await second.runtime.flushUsage();
        const rows = await storedRows(c.name);
        assert.equal(rows.length, 1);
        assert.equal(Number(rows[0].tokens_issued), 3);
        assert.deepEqual((await h.call('GET', `/v1/${c.name}/usage`)).body.totals, { tokensIssued: 3, failedAuthentications: 1 });
      } finally {
        await second.close();
      }
    });
  });

  describe(`usage counting off (${db.name})`, () => {
    it('KEYWARD_USAGE_COUNTING=off counts nothing and writes no rows', async (t) => {
      const h = await startHarness(t, { db, env: { KEYWARD_USAGE_COUNTING: 'off' } });
      const created = await h.call('POST', '/v1/apiClients', { displayName: 'uncounted' });
      await h.token(created.body.clientId, created.body.clientSecret);
      await h.token(created.body.clientId, 'wrong');
      await h.runtime.flushUsage();
      assert.deepEqual(await h.runtime.store.db.kysely.selectFrom('client_usage_hours').selectAll().execute(), []);
      const res = await h.call('GET', `/v1/${created.body.name}/usage`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.totals, { tokensIssued: 0, failedAuthentications: 0 });
      assert.deepEqual((await h.call('GET', '/v1/authenticationFailures')).body, { clients: [] });
    });
  });
}
