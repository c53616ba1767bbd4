import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { createTenant, databases, startHarness, type Harness } from '../helpers/harness.js';
import { dispatchUntil, TestReceiver } from '../helpers/webhook-receiver.js';

/**
 * The delivery engine end to end: changes made through the API, deliveries sent by the real
 * dispatcher to real HTTP receivers, every delivery checked with the Standard Webhooks reference
 * verifier. Retry delays are milliseconds here instead of minutes (injected, not waited out).
 */
const RETRY_MS = 40;
const MAX_ATTEMPTS = 4;
const TIMEOUT_MS = 300;

const as = (token: string) => ({ authorization: `Bearer ${token}` });

for (const db of databases) {
  describe(`webhook dispatcher (${db.name})`, () => {
    let h: Harness;
    const receivers: TestReceiver[] = [];

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
      await Promise.all(receivers.map((r) => r.stop()));
    });

    /** A tenant, a workspace, a started receiver and a webhook on it that hears `eventTypes`. */
    async function setup(eventTypes: string[] = ['access.*'], extra: Record<string, unknown> = {}) {
      const tenant = await createTenant(h, 'Dispatch');
      const call = (method: string, url: string, body?: unknown) => h.call(method, url, body, as(tenant.token));
      const ws = (await call('POST', '/admin/workspaces', { name: 'Receiving' })).body.id as string;
      const receiver = await new TestReceiver().start();
      receivers.push(receiver);
      const created = await call('POST', `/admin/workspaces/${ws}/webhooks`, { url: receiver.url, event_types: eventTypes, ...extra });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const grant = (subject: string) => call('POST', `/admin/workspaces/${ws}/access`, { subject_id: subject, subject_type: 'USER' });
      const deliveries = async () => (await call('GET', `/v1/webhooks/${created.body.id}/deliveries`)).body.deliveries;
      return { tenant, call, ws, receiver, webhook: created.body, secret: created.body.signing_secret as string, grant, deliveries };
    }

    it('delivers a signed Standard Webhooks request with the documented payload, verified by the reference library', async () => {
      const { receiver, secret, grant, webhook, ws, tenant } = await setup();
      await grant('user-1');
      await dispatchUntil(h, () => receiver.delivered().length === 1);
      const [got] = receiver.received;
      const payload = receiver.verify(got, secret);
      assert.equal(got.headers['content-type'], 'application/json');
      assert.match(got.id, /^msg_[a-z0-9]{20}$/);
      assert.equal(payload.type, 'access.granted');
      assert.equal(payload.event, 'access.granted');
      assert.equal(payload.timestamp, payload.occurred);
      assert.equal(payload.webhookId, got.id);
      assert.equal(payload.retryCount, 0);
      const data = payload.data as Record<string, unknown>;
      assert.equal(data.organizationId, tenant.orgId);
      assert.equal(data.workspaceId, ws);
      assert.match(String(data.resource), new RegExp(`^workspaces/${ws}/accessGrants/grt_`));
      assert.deepEqual((data.after as Record<string, unknown>).subjectId, 'user-1');
      assert.deepEqual(payload.details, { organizationId: tenant.orgId, workspaceId: ws, resource: data.resource, eventId: data.id, sequence: data.sequence });
      assert.ok(Math.abs(Number(got.headers['webhook-timestamp']) - Date.now() / 1000) < 5);
      const log = (await h.call('GET', `/v1/webhooks/${webhook.id}/deliveries`, undefined, as(tenant.token))).body.deliveries;
      assert.deepEqual({ state: log[0].state, attempts: log[0].attempts, lastStatusCode: log[0].lastStatusCode }, { state: 'DELIVERED', attempts: 1, lastStatusCode: 204 });
    });

    it('routes by workspace and event type, and never across organizations', async () => {
      const a = await setup(['access.granted']);
      const otherWs = (await a.call('POST', '/admin/workspaces', { name: 'Elsewhere' })).body.id;
      const orgReceiver = await new TestReceiver().start();
      receivers.push(orgReceiver);
      const orgWide = (await h.call('POST', '/v1/webhooks', { url: orgReceiver.url }, as(a.tenant.token))).body;
      const b = await setup([]);
      await a.grant('in-a');
      await a.call('POST', `/admin/workspaces/${otherWs}/access`, { subject_id: 'elsewhere', subject_type: 'USER' });
      await a.call('DELETE', `/admin/workspaces/${a.ws}/access?subject_type=USER&subject_id=in-a`);

      // The scoped webhook hears its workspace and its event type only; the organization-wide one hears everything.
      assert.deepEqual((await a.deliveries()).map((d: { eventType: string }) => d.eventType), ['access.granted']);
      const orgLog = (await h.call('GET', `/v1/${orgWide.name}/deliveries`, undefined, as(a.tenant.token))).body.deliveries;
      assert.deepEqual(orgLog.map((d: { eventType: string }) => d.eventType).sort(), ['access.granted', 'access.granted', 'access.revoked', 'webhook.created']);
      await dispatchUntil(h, () => a.receiver.delivered().length === 1 && orgReceiver.delivered().length === 4);
      const scoped = a.receiver.verify(a.receiver.received[0], a.secret) as { data: { workspaceId: string; organizationId: string } };
      assert.equal(scoped.data.workspaceId, a.ws);
      for (const r of orgReceiver.received) {
        assert.equal((orgReceiver.verify(r, orgWide.signingSecret) as { data: { organizationId: string } }).data.organizationId, a.tenant.orgId);
      }
      // Tenant B's webhook hears all of B's events and none of A's.
      assert.ok((await b.deliveries()).every((d: { payload: { data: { organizationId: string } } }) => d.payload.data.organizationId === b.tenant.orgId));
      assert.ok(!b.receiver.received.some((r) => r.body.includes(a.tenant.orgId)));
    });

    it('retries a 500 with the same webhook-id, a fresh timestamp and retryCount, then records the 200', async () => {
      const { receiver, secret, grant, deliveries } = await setup();
      receiver.respond = (_r, i) => (i === 0 ? 500 : 200);
      await grant('retry-me');
      await h.runtime.dispatcher.runOnce();
      const [pending] = await deliveries();
      assert.equal(pending.state, 'PENDING');
      assert.equal(pending.attempts, 1);
      assert.equal(pending.lastStatusCode, 500);
      assert.match(pending.lastError, /500/);
      assert.ok(Date.parse(pending.nextAttemptTime) > Date.now() - 5);
      await dispatchUntil(h, () => receiver.delivered().length === 1);
      const [first, second] = receiver.received;
      assert.equal(first.id, second.id);
      assert.equal((receiver.verify(first, secret) as { retryCount: number }).retryCount, 0);
      const again = receiver.verify(second, secret) as { retryCount: number; timestamp: string };
      assert.equal(again.retryCount, 1);
      assert.equal(again.timestamp, (JSON.parse(first.body) as { timestamp: string }).timestamp);
      const [done] = await deliveries();
      assert.deepEqual({ state: done.state, attempts: done.attempts, lastStatusCode: done.lastStatusCode }, { state: 'DELIVERED', attempts: 2, lastStatusCode: 200 });
      assert.equal(done.lastError, undefined);
    });

    it('disables the webhook on 410 Gone, announces it, and queues nothing more for it', async () => {
      const { receiver, grant, deliveries, webhook, call, ws } = await setup();
      const watcher = await new TestReceiver().start();
      receivers.push(watcher);
      await call('POST', '/v1/webhooks', { url: watcher.url, eventTypes: ['webhook.disabled'] });
      receiver.respond = () => 410;
      for (const subject of ['gone-1', 'gone-2', 'gone-3', 'gone-4']) await grant(subject);
      await h.runtime.dispatcher.runOnce();
      const got = (await call('GET', `/admin/workspaces/${ws}/webhooks`)).body.find((w: { id: string }) => w.id === webhook.id);
      assert.equal(got.enabled, false);
      assert.equal(got.disabled_reason, 'gone');
      // At most the attempts already in flight together (the per-webhook share) met the 410.
      const sent = receiver.received.length;
      assert.ok(sent >= 1 && sent <= 2, `sent ${sent}`);
      const states = (await deliveries()).map((d: { state: string }) => d.state);
      assert.equal(states.filter((st: string) => st === 'FAILED').length, sent);
      assert.equal(states.filter((st: string) => st === 'DISABLED').length, 4 - sent);
      await grant('after-gone');
      await h.runtime.dispatcher.runOnce();
      assert.equal(receiver.received.length, sent);
      assert.equal((await deliveries()).length, 4);
      await dispatchUntil(h, () => watcher.delivered().length >= 1);
      await h.runtime.dispatcher.runOnce();
      assert.equal(watcher.received.length, 1, 'webhook.disabled is announced once');
      const notice = JSON.parse(watcher.received[0].body);
      assert.equal(notice.type, 'webhook.disabled');
      assert.equal(notice.data.reason, 'gone');
      assert.equal(notice.data.after.id, webhook.id);
    });

    it('gives up after the schedule, marks the delivery failed and disables a webhook that never succeeded', async () => {
      const { receiver, grant, deliveries, call, ws, webhook } = await setup();
      receiver.respond = () => 503;
      await grant('never');
      await dispatchUntil(h, async () => (await deliveries())[0].state === 'FAILED');
      assert.equal(receiver.received.length, MAX_ATTEMPTS);
      assert.equal(new Set(receiver.received.map((r) => r.id)).size, 1);
      const got = (await call('GET', `/admin/workspaces/${ws}/webhooks`)).body.find((w: { id: string }) => w.id === webhook.id);
      assert.equal(got.disabled_reason, 'failing');
    });

    it('times out a hanging receiver, retries it later, and records why', async () => {
      const { receiver, grant, deliveries } = await setup();
      receiver.respond = (_r, i) => (i === 0 ? 'hang' : 200);
      await grant('slow');
      const started = Date.now();
      await h.runtime.dispatcher.runOnce();
      assert.ok(Date.now() - started < TIMEOUT_MS + 1000);
      const [attempted] = await deliveries();
      assert.equal(attempted.state, 'PENDING');
      assert.match(attempted.lastError, /timeout/);
      assert.equal(attempted.lastStatusCode, undefined);
      await dispatchUntil(h, () => receiver.delivered().length === 1);
    });

    it('keeps delivering to other receivers while one hangs (no head-of-line blocking)', async () => {
      // Its own runtime with a long attempt deadline: everything below happens while the slow receiver still hangs.
      const long = await startHarness(undefined, {
        databaseUrl: h.databaseUrl,
        dataDir: h.dataDir,
        runtime: { webhooks: { autoStart: false, attemptTimeoutMs: 5000, concurrency: 8, pollIntervalMs: 50 }, credentialExpiry: { autoStart: false } },
      });
      const slow = await setup();
      const fast = await setup();
      slow.receiver.respond = () => 'hang';
      for (let i = 0; i < 6; i++) await slow.grant(`s-${i}`);
      for (let i = 0; i < 6; i++) await fast.grant(`f-${i}`);
      const started = Date.now();
      long.runtime.dispatcher.start();
      try {
        while (fast.receiver.delivered().length < 6) {
          assert.ok(Date.now() - started < 4000, 'the fast receiver starved');
          await sleep(5);
        }
        // The hanging receiver holds at most its share of the slots (a quarter of 8).
        assert.equal(slow.receiver.received.length, 2);
      } finally {
        await slow.receiver.stop();
        await long.close();
      }
      await h.call('DELETE', `/v1/webhooks/${slow.webhook.id}`, undefined, as(slow.tenant.token));
    });

    it('delivers after the receiver goes down and comes back, under the same webhook-id', async () => {
      const { receiver, secret, grant, deliveries } = await setup();
      await receiver.stop();
      await grant('while-down');
      await h.runtime.dispatcher.runOnce();
      const [failed] = await deliveries();
      assert.equal(failed.state, 'PENDING');
      assert.match(failed.lastError, /^connection/);
      await receiver.start();
      await dispatchUntil(h, () => receiver.delivered().length === 1);
      assert.equal(receiver.received[0].id, failed.id);
      assert.equal((receiver.verify(receiver.received[0], secret) as { retryCount: number }).retryCount, 1);
    });

    it('does not follow redirects', async () => {
      const { receiver, grant, deliveries } = await setup();
      receiver.respond = () => 302;
      await grant('redirected');
      await h.runtime.dispatcher.runOnce();
      const [d] = await deliveries();
      assert.equal(d.state, 'PENDING');
      assert.equal(d.lastStatusCode, 302);
      assert.match(d.lastError, /redirect/);
      assert.equal(receiver.received.length, 1);
      receiver.respond = () => 200;
      await dispatchUntil(h, () => receiver.delivered().length === 1);
    });

    it('signs with both secrets during a rotation; each verifies on its own', async () => {
      const { receiver, secret, grant, webhook, tenant } = await setup();
      const rotated = await h.call('POST', `/v1/webhooks/${webhook.id}:rotateSecret`, { overlap: '3600s' }, as(tenant.token));
      await grant('rotating');
      await dispatchUntil(h, () => receiver.delivered().length === 1);
      const [got] = receiver.received;
      assert.equal(String(got.headers['webhook-signature']).split(' ').length, 2);
      receiver.verify(got, secret);
      receiver.verify(got, rotated.body.signingSecret);
      const ended = await h.call('POST', `/v1/webhooks/${webhook.id}:rotateSecret`, { overlap: '0s' }, as(tenant.token));
      await grant('rotated');
      await dispatchUntil(h, () => receiver.delivered().length === 2);
      const last = receiver.received[1];
      assert.equal(String(last.headers['webhook-signature']).split(' ').length, 1);
      receiver.verify(last, ended.body.signingSecret);
      assert.throws(() => receiver.verify(last, rotated.body.signingSecret));
    });

    it('adds the receiver credentials and static headers (BEARER, BASIC)', async () => {
      const bearer = await setup(['access.*'], { auth_type: 'BEARER', secrets: { bearer_token: 'rcv-token-1' }, webhook_headers_config: { 'x-tenant': 'acme' } });
      const basic = await setup(['access.*'], { auth_type: 'BASIC', secrets: { username: 'keyward', password: 'p@ss:word' } });
      await bearer.grant('b');
      await basic.grant('c');
      await dispatchUntil(h, () => bearer.receiver.delivered().length === 1 && basic.receiver.delivered().length === 1);
      assert.equal(bearer.receiver.received[0].headers.authorization, 'Bearer rcv-token-1');
      assert.equal(bearer.receiver.received[0].headers['x-tenant'], 'acme');
      assert.equal(basic.receiver.received[0].headers.authorization, `Basic ${Buffer.from('keyward:p@ss:word').toString('base64')}`);
      bearer.receiver.verify(bearer.receiver.received[0], bearer.secret);
    });

    it('redelivers on request, with the same id', async () => {
      const { receiver, grant, deliveries, tenant, webhook } = await setup();
      await grant('again');
      await dispatchUntil(h, () => receiver.delivered().length === 1);
      const [d] = await deliveries();
      const redelivered = await h.call('POST', `/v1/${d.name}:redeliver`, undefined, as(tenant.token));
      assert.equal(redelivered.status, 200);
      await dispatchUntil(h, () => receiver.delivered().length === 2);
      assert.equal(receiver.received[1].id, receiver.received[0].id);
      assert.equal((await deliveries()).length, 1);
      void webhook;
    });

    it('picks up a delivery whose claim expired (a dispatcher that died mid-attempt)', async () => {
      const { receiver, grant } = await setup();
      await grant('orphaned');
      const now = Date.now();
      const stolen = await h.runtime.store.transaction((repos) =>
        repos.deliveries.claimDueDeliveries({ now, claimant: 'dead-dispatcher', lockedUntil: now + 200, limit: 100, perWebhookLimit: 100, inFlight: new Map() }),
      );
      assert.ok(stolen.length >= 1);
      await h.runtime.dispatcher.runOnce();
      assert.equal(receiver.received.length, 0);
      await sleep(250);
      await dispatchUntil(h, () => receiver.delivered().length === 1);
      await h.runtime.dispatcher.runOnce();
      assert.equal(receiver.received.length, 1);
    });

    it('refuses to deliver to a private address when the guard is on, even if the URL was accepted earlier', async () => {
      const { receiver, webhook, tenant } = await setup();
      const guarded = await startHarness(undefined, {
        databaseUrl: h.databaseUrl,
        dataDir: h.dataDir,
        runtime: { webhooks: { autoStart: false, allowPrivate: false, retryDelay: () => RETRY_MS }, credentialExpiry: { autoStart: false } },
      });
      try {
        await h.call('POST', `/admin/workspaces/${webhook.workspace_id}/access`, { subject_id: 'ssrf', subject_type: 'USER' }, as(tenant.token));
        await guarded.runtime.dispatcher.runOnce();
        const [d] = (await h.call('GET', `/v1/webhooks/${webhook.id}/deliveries`, undefined, as(tenant.token))).body.deliveries;
        assert.equal(d.state, 'PENDING');
        assert.match(d.lastError, /not public/);
        assert.ok(!d.lastError.includes('127.0.0.1'));
        assert.equal(receiver.received.length, 0);
      } finally {
        await guarded.close();
      }
    });

    it('announces credential.expiring ahead of expiry and credential.expired after it, each once', async () => {
      const { receiver, call, ws, secret } = await setup(['credential.expiring', 'credential.expired']);
      const client = (await call('POST', '/v1/apiClients', { displayName: 'Expiring', workspace: `workspaces/${ws}` })).body;
      const expireTime = new Date(Date.now() + 86_400_000).toISOString();
      const credential = (await call('POST', `/v1/${client.name}/credentials`, { displayName: 'short-lived', expireTime })).body;
      const notifier = h.runtime.expiryNotifier;
      assert.ok((await notifier.runOnce()) >= 1);
      assert.equal(await notifier.runOnce(), 0);
      assert.ok((await notifier.runOnce(Date.now() + 2 * 86_400_000)) >= 1);
      assert.equal(await notifier.runOnce(Date.now() + 2 * 86_400_000), 0);
      await dispatchUntil(h, () => receiver.delivered().length === 2);
      // Deliveries run concurrently, so they may arrive in either order.
      const events = receiver.received.map((r) => receiver.verify(r, secret) as { type: string; data: Record<string, unknown> });
      const [expired, expiring] = events.sort((x, y) => x.type.localeCompare(y.type));
      assert.equal(expiring.type, 'credential.expiring');
      assert.equal(expired.type, 'credential.expired');
      for (const event of [expiring, expired]) {
        assert.equal(event.data.resource, credential.name);
        assert.equal(event.data.clientId, client.clientId);
        assert.equal(event.data.workspaceId, ws);
        assert.equal(event.data.expireTime, expireTime, 'RFC 3339, as in the audit API');
        assert.equal((event.data.after as { expireTime: string }).expireTime, expireTime);
        assert.equal((event.data.after as { secretHint: string }).secretHint, credential.secretHint);
        assert.ok(!JSON.stringify(event).includes(credential.secret));
      }
    });
  });
}
