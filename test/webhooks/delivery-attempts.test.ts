import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { DELIVERY_ATTEMPT_OUTCOMES } from '../../src/domain/webhooks.js';
import { MAX_DELIVERY_ATTEMPTS } from '../../src/webhooks/retry-schedule.js';
import { createTenant, databases, startHarness, type Harness } from '../helpers/harness.js';
import { dispatchUntil, TestReceiver } from '../helpers/webhook-receiver.js';

/**
 * A delivery's attempt history, written by the real dispatcher against real receivers and read
 * through /v1: one entry per attempt, in order, with its time, duration and outcome, and never
 * a receiver credential or signing secret.
 */
const RETRY_MS = 40;
const MAX_ATTEMPTS = 4;
const TIMEOUT_MS = 300;
// Attempt start times come from the wall clock and durations from a monotonic one, each rounded.
const CLOCK_SLACK_MS = 5;

const as = (token: string) => ({ authorization: `Bearer ${token}` });

interface Attempt {
  attempt: number;
  startTime: string;
  durationMs: number;
  statusCode?: number;
  outcome: string;
  message?: string;
}

for (const db of databases) {
  describe(`webhook delivery attempts (${db.name})`, () => {
    let h: Harness;
    const servers: TestReceiver[] = [];

    before(async () => {
      h = await startHarness(undefined, {
        db,
        runtime: {
          webhooks: { autoStart: false, attemptTimeoutMs: TIMEOUT_MS, concurrency: 8, retryDelay: (n) => (n < MAX_ATTEMPTS ? RETRY_MS : null) },
          credentialExpiry: { autoStart: false },
        },
      });
    });
    after(async () => {
      await h.close();
      await Promise.all(servers.map((s) => s.stop()));
    });

    /** A tenant, a started receiver and a webhook on it for client.created; `cause` makes one event. */
    async function setup(extra: Record<string, unknown> = {}) {
      const tenant = await createTenant(h, 'Attempts');
      const call = (method: string, url: string, body?: unknown) => h.call(method, url, body, as(tenant.token));
      const receiver = await new TestReceiver().start();
      servers.push(receiver);
      const created = await call('POST', '/v1/webhooks', { url: receiver.url, eventTypes: ['client.created'], ...extra });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      const webhook = created.body as { name: string; signingSecret: string };
      const webhookId = webhook.name.slice('webhooks/'.length);
      let n = 0;
      const cause = async () => assert.equal((await call('POST', '/v1/apiClients', { displayName: `announced ${++n}` })).status, 200);
      const deliveries = async () => (await call('GET', `/v1/${webhook.name}/deliveries`)).body.deliveries as Record<string, unknown>[];
      const attemptsOf = async (deliveryName: unknown) => {
        const got = await call('GET', `/v1/${String(deliveryName)}/attempts`);
        assert.equal(got.status, 200, JSON.stringify(got.body));
        return got.body.attempts as Attempt[];
      };
      return { tenant, call, receiver, webhook, webhookId, cause, deliveries, attemptsOf };
    }

    it('records each attempt oldest first, with its time, duration and outcome: a 500, a timeout, then a 2xx', async () => {
      const { call, receiver, cause, deliveries, attemptsOf } = await setup();
      receiver.respond = (_r, i) => (i === 0 ? 500 : i === 1 ? 'hang' : 200);
      await cause();
      await dispatchUntil(h, () => receiver.delivered().length === 1);

      const [listed] = await deliveries();
      // The log stays as it was: a count, no history inline.
      assert.equal(listed.attempts, 3);
      const got = await call('GET', `/v1/${String(listed.name)}`);
      assert.equal(got.status, 200, JSON.stringify(got.body));
      assert.deepEqual(
        { name: got.body.name, state: got.body.state, attempts: got.body.attempts, lastStatusCode: got.body.lastStatusCode, lastError: got.body.lastError },
        { name: listed.name, state: 'DELIVERED', attempts: 3, lastStatusCode: 200, lastError: undefined },
      );

      const attempts = await attemptsOf(listed.name);
      assert.deepEqual(
        attempts.map((a) => ({ attempt: a.attempt, outcome: a.outcome, statusCode: a.statusCode })),
        [
          { attempt: 1, outcome: 'HTTP_ERROR', statusCode: 500 },
          { attempt: 2, outcome: 'TIMEOUT', statusCode: undefined },
          { attempt: 3, outcome: 'DELIVERED', statusCode: 200 },
        ],
      );
      assert.equal(attempts[0].message, 'the receiver answered 500');
      assert.match(attempts[1].message!, /^timeout: no complete response within 300 ms$/);
      assert.equal(attempts[2].message, undefined);

      assert.ok(attempts.every((a) => Number.isInteger(a.durationMs) && a.durationMs >= 0));
      assert.ok(attempts[1].durationMs >= TIMEOUT_MS - CLOCK_SLACK_MS && attempts[1].durationMs < TIMEOUT_MS + 1000, `timeout took ${attempts[1].durationMs} ms`);
      assert.ok(attempts[0].durationMs < TIMEOUT_MS && attempts[2].durationMs < TIMEOUT_MS);
      // Each attempt began after the previous one ended, and the receiver saw it within its span.
      const starts = attempts.map((a) => Date.parse(a.startTime));
      for (let i = 1; i < attempts.length; i++) assert.ok(starts[i] >= starts[i - 1] + attempts[i - 1].durationMs - CLOCK_SLACK_MS);
      receiver.received.forEach((r, i) => {
        assert.ok(r.time >= starts[i] - CLOCK_SLACK_MS && r.time <= starts[i] + attempts[i].durationMs + CLOCK_SLACK_MS, `attempt ${i + 1} arrived outside its span`);
      });
    });

    it('names the failure class of a refused connection, a redirect and a receiver token that could not be had', async () => {
      const { receiver, cause, deliveries, attemptsOf } = await setup();
      await receiver.stop();
      await cause();
      await h.runtime.dispatcher.runOnce();
      receiver.respond = (_r, i) => (i === 0 ? 302 : 204);
      await receiver.start();
      await dispatchUntil(h, () => receiver.delivered().length === 1);
      const [delivery] = await deliveries();
      const attempts = await attemptsOf(delivery.name);
      assert.deepEqual(
        attempts.map((a) => [a.attempt, a.outcome, a.statusCode]),
        [
          [1, 'CONNECTION', undefined],
          [2, 'REDIRECT_NOT_FOLLOWED', 302],
          [3, 'DELIVERED', 204],
        ],
      );
      assert.match(attempts[0].message!, /^connection: /);
      assert.match(attempts[1].message!, /redirects are not followed/);

      // The token endpoint answers 500 with a body: the attempt names the class and the status, nothing it said.
      const tokenEndpoint = await new TestReceiver('/oauth/token').start();
      servers.push(tokenEndpoint);
      tokenEndpoint.respond = () => 500;
      const oauth = await setup({
        authType: 'OAUTH2_CLIENT_CREDENTIALS',
        authUrl: tokenEndpoint.url,
        tokenRequestConfig: { client_id: 'keyward-webhooks' },
        secrets: { client_secret: 'receiver-client-secret-for-attempts' },
      });
      await oauth.cause();
      await dispatchUntil(h, () => tokenEndpoint.received.length === 1);
      const [pending] = await oauth.deliveries();
      assert.equal(pending.state, 'PENDING');
      const [refused] = await oauth.attemptsOf(pending.name);
      assert.deepEqual({ attempt: refused.attempt, outcome: refused.outcome, statusCode: refused.statusCode }, { attempt: 1, outcome: 'RECEIVER_AUTH', statusCode: undefined });
      assert.equal(refused.message, 'could not obtain an access token from auth_url: the token endpoint answered 500');
      assert.equal(oauth.receiver.received.length, 0);
      assert.ok(!JSON.stringify(refused).includes('receiver-client-secret-for-attempts'));
    });

    it('never shows a receiver credential or signing secret in the attempts', async () => {
      const bearerToken = 'rcv-bearer-token-for-attempts';
      const password = 'p@ss-word-for-attempts';
      const signingSecret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
      const bearer = await setup({ authType: 'BEARER', secrets: { bearer_token: bearerToken, signing_secret: signingSecret } });
      const basic = await setup({ authType: 'BASIC', secrets: { username: 'keyward', password } });
      for (const hook of [bearer, basic]) hook.receiver.respond = (_r, i) => (i === 0 ? 401 : 200);
      await bearer.cause();
      await basic.cause();
      await dispatchUntil(h, () => bearer.receiver.delivered().length === 1 && basic.receiver.delivered().length === 1);
      // The credentials did go out, so their absence below is redaction, not a missing header.
      assert.equal(bearer.receiver.received[0].headers.authorization, `Bearer ${bearerToken}`);
      const basicHeader = String(basic.receiver.received[0].headers.authorization);
      assert.equal(basicHeader, `Basic ${Buffer.from(`keyward:${password}`).toString('base64')}`);

      const forbidden = [bearerToken, password, basicHeader.slice('Basic '.length), signingSecret, signingSecret.slice('whsec_'.length), basic.webhook.signingSecret];
      for (const hook of [bearer, basic]) {
        const [delivery] = await hook.deliveries();
        const attempts = await hook.attemptsOf(delivery.name);
        assert.deepEqual(
          attempts.map((a) => [a.outcome, a.statusCode]),
          [
            ['HTTP_ERROR', 401],
            ['DELIVERED', 200],
          ],
        );
        const text = JSON.stringify(attempts) + JSON.stringify((await hook.call('GET', `/v1/${String(delivery.name)}`)).body);
        for (const secret of forbidden) assert.ok(!text.includes(secret), `an attempt shows ${secret}`);
        // Neither the receiver's body ('nope', 'ok') nor any header is kept.
        assert.ok(!/nope|"ok"|authorization/i.test(JSON.stringify(attempts)));
      }
    });

    it('answers 404 to another organization and to the wrong webhook, and needs keyward:webhooks.read', async () => {
      const { tenant, call, receiver, webhookId, cause, deliveries } = await setup();
      await cause();
      await dispatchUntil(h, () => receiver.delivered().length === 1);
      const [delivery] = await deliveries();
      const path = `/v1/${String(delivery.name)}`;

      const stranger = await createTenant(h, 'Stranger');
      for (const url of [path, `${path}/attempts`]) {
        const got = await h.call('GET', url, undefined, as(stranger.token));
        assert.equal(got.status, 404, `${url}: ${JSON.stringify(got.body)}`);
        assert.ok(!JSON.stringify(got.body).includes('DELIVERED'));
      }
      const sibling = (await call('POST', '/v1/webhooks', { url: receiver.url, eventTypes: ['role.created'] })).body as { name: string };
      assert.equal((await call('GET', `/v1/${sibling.name}`)).status, 200);
      assert.equal((await call('GET', `${path}/attempts`)).status, 200);
      for (const url of [
        `/v1/${sibling.name}/deliveries/${String(delivery.id)}/attempts`,
        `/v1/${sibling.name}/deliveries/${String(delivery.id)}`,
        `/v1/webhooks/${webhookId}/deliveries/msg_doesnotexist000000/attempts`,
        `/v1/webhooks/wh_doesnotexist0000000/deliveries/${String(delivery.id)}`,
      ]) {
        assert.equal((await call('GET', url)).status, 404, url);
      }

      const client = async (permissions: string[]) => {
        const created = await h.call('POST', '/v1/apiClients', { displayName: permissions.join(' '), permissions }, as(tenant.token));
        assert.equal(created.status, 200, JSON.stringify(created.body));
        return (await h.token(created.body.clientId, created.body.clientSecret)).body.access_token as string;
      };
      const reader = await client(['keyward:webhooks.read']);
      const outsider = await client(['keyward:clients.read']);
      assert.equal((await h.call('GET', `${path}/attempts`, undefined, as(reader))).body.attempts.length, 1);
      assert.equal((await h.call('GET', path, undefined, as(reader))).status, 200);
      assert.equal((await h.call('GET', `${path}/attempts`, undefined, as(outsider))).status, 403);
      assert.equal((await h.call('GET', path, undefined, as(outsider))).status, 403);
    });

    it(`keeps the newest ${MAX_DELIVERY_ATTEMPTS} attempts of a delivery that is redelivered again and again`, async () => {
      const { call, receiver, cause, deliveries, attemptsOf } = await setup();
      await cause();
      await dispatchUntil(h, () => receiver.delivered().length === 1);
      const [delivery] = await deliveries();
      const total = MAX_DELIVERY_ATTEMPTS + 2;
      for (let sent = 2; sent <= total; sent++) {
        assert.equal((await call('POST', `/v1/${String(delivery.name)}:redeliver`)).status, 200);
        await dispatchUntil(h, () => receiver.delivered().length === sent);
      }
      const attempts = await attemptsOf(delivery.name);
      assert.deepEqual(
        attempts.map((a) => a.attempt),
        Array.from({ length: MAX_DELIVERY_ATTEMPTS }, (_, i) => total - MAX_DELIVERY_ATTEMPTS + 1 + i),
      );
      assert.ok(attempts.every((a) => a.outcome === 'DELIVERED' && a.statusCode === 204));
      // The delivery's own count restarts with each redelivery; the history numbers on.
      assert.equal((await call('GET', `/v1/${String(delivery.name)}`)).body.attempts, 1);
    });

    it('records the attempt of a dispatcher whose claim lapsed as INTERRUPTED, nothing that dispatcher writes late, and forgets the attempts with their webhook', async () => {
      const { call, receiver, webhook, webhookId, cause, deliveries, attemptsOf } = await setup();
      await cause();
      const claimTime = Date.now();
      const claims = await h.runtime.store.transaction((repos) =>
        repos.deliveries.claimDueDeliveries({ now: claimTime, claimant: 'dead-dispatcher', lockedUntil: claimTime + 200, limit: 100, perWebhookLimit: 100, inFlight: new Map() }),
      );
      const claimed = claims.find((d) => d.webhookId === webhookId);
      assert.ok(claimed);
      assert.equal(claimed.lapsedClaim, null, 'nobody had claimed it before');
      const stale = {
        status: 'pending' as const,
        attempts: 1,
        nextAttemptTime: claimTime,
        lastStatusCode: 500,
        lastError: 'the receiver answered 500',
        time: claimTime,
        history: {
          attempt: { id: 'att_stale', orgId: claimed.orgId, startTime: claimTime, durationMs: 1, statusCode: 500, outcome: 'http_error' as const, message: 'the receiver answered 500' },
          keep: MAX_DELIVERY_ATTEMPTS,
        },
      };
      assert.equal(await h.runtime.store.transaction((repos) => repos.deliveries.recordDeliveryAttempt(claimed.id, 'another-dispatcher', stale)), false);
      await sleep(250);
      await dispatchUntil(h, () => receiver.delivered().length === 1);
      const [delivery] = await deliveries();
      assert.equal(delivery.id, claimed.id);
      assert.equal(delivery.attempts, 2, 'the lost attempt counts: the receiver may have had it');
      assert.equal(JSON.parse(receiver.received[0].body).retryCount, 1, "the send says it is a retry");
      const attempts = await attemptsOf(delivery.name);
      assert.deepEqual(
        attempts.map((a) => [a.attempt, a.outcome, a.statusCode]),
        [
          [1, 'INTERRUPTED', undefined],
          [2, 'DELIVERED', 204],
        ],
      );
      assert.equal(Date.parse(attempts[0].startTime), claimTime, 'it began when the lapsed claim was taken');
      assert.equal(attempts[0].durationMs, 200, 'and lasted until that claim ran out');
      assert.match(attempts[0].message!, /stopped before recording how it ended/);
      assert.ok(Date.parse(attempts[1].startTime) >= claimTime + 200 - CLOCK_SLACK_MS);

      const before = await h.runtime.store.db.kysely.selectFrom('webhook_delivery_attempts').select('id').where('delivery_id', '=', claimed.id).execute();
      assert.equal(before.length, 2);
      assert.equal((await call('DELETE', `/v1/${webhook.name}`)).status, 200);
      const left = await h.runtime.store.db.kysely.selectFrom('webhook_delivery_attempts').select('id').where('delivery_id', '=', claimed.id).execute();
      assert.deepEqual(left, []);
    });

    it('allows in the database exactly the outcomes the code knows', async () => {
      const { cause, deliveries } = await setup();
      await cause();
      const [listed] = await deliveries();
      const k = h.runtime.store.db.kysely;
      const delivery = await k.selectFrom('webhook_deliveries').select(['id', 'org_id']).where('id', '=', String(listed.id)).executeTakeFirstOrThrow();
      const attempt = (outcome: string, n: number) => ({
        id: `att_check_${n}`, org_id: delivery.org_id, delivery_id: delivery.id, attempt: 1000 + n,
        start_time: 0, duration_ms: 0, status_code: null, outcome, message: null,
      });
      const rolledBack = new Error('rolled back on purpose');
      await assert.rejects(
        h.runtime.store.db.transaction(async (trx) => {
          for (const [n, outcome] of DELIVERY_ATTEMPT_OUTCOMES.entries()) await trx.insertInto('webhook_delivery_attempts').values(attempt(outcome, n)).execute();
          throw rolledBack;
        }),
        (error) => error === rolledBack,
      );
      await assert.rejects(
        h.runtime.store.db.transaction((trx) => trx.insertInto('webhook_delivery_attempts').values(attempt('made_up', 99)).execute()),
        /check/i,
      );
    });
  });
}
