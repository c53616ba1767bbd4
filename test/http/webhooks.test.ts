import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WEBHOOK_EVENT_FAMILIES, WEBHOOK_EVENTS } from '../../src/domain/webhooks.js';
import { bearerWith, createTenant, databases, type Harness, startHarness } from '../helpers/harness.js';

/**
 * /v1/webhooks by status code. Deliveries are only queued here (the dispatcher does not run);
 * sending them is test/webhooks/*'s concern, Docpier's paths are docpier-webhooks.test.ts'.
 */
const quiet = { webhooks: { autoStart: false }, credentialExpiry: { autoStart: false } };
const RECEIVER = 'http://127.0.0.1:9/receiver';
const GIVEN_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

for (const db of databases) {
  describe(`/v1/webhooks (${db.name})`, () => {
    let h: Harness;
    let asTenant: { authorization: string };
    let workspace: string;
    const call = (method: string, url: string, body?: unknown) => h.call(method, url, body, asTenant);
    const tokenWith = (permissions: string[]) => bearerWith(h, asTenant, permissions);
    const webhookCount = async () => (await call('GET', '/v1/webhooks?pageSize=1000')).body.webhooks.length as number;

    before(async () => {
      h = await startHarness(undefined, { db, runtime: quiet });
      asTenant = { authorization: `Bearer ${(await createTenant(h, 'Hooks')).token}` };
      workspace = (await call('POST', '/v1/workspaces', { displayName: 'Hooked' })).body.name;
    });
    after(() => h.close());

    describe('200', () => {
      it('creates a webhook: the signing secret once, receiver secrets never, and reads it back without either', async () => {
        const created = await call('POST', '/v1/webhooks', {
          url: RECEIVER,
          workspace,
          authType: 'BEARER',
          headers: { 'x-tenant': 'acme' },
          secrets: { bearer_token: 'receiver-token-123' },
          eventTypes: ['client.*', 'access.granted'],
        });
        assert.equal(created.status, 200, JSON.stringify(created.body));
        assert.match(created.body.name, /^webhooks\/wh_[a-z0-9]{20}$/);
        assert.equal(created.body.workspace, workspace);
        assert.match(created.body.signingSecret, /^whsec_/);
        assert.equal(created.body.signingSecretHint, `whsec_${created.body.signingSecret.slice(6, 10)}…${created.body.signingSecret.slice(-4)}`);
        assert.deepEqual(created.body.secretKeys, ['bearer_token']);
        assert.deepEqual(created.body.eventTypes, ['client.*', 'access.granted']);
        assert.equal(created.body.state, 'ENABLED');
        assert.equal(created.body.disabledReason, null);
        assert.doesNotMatch(JSON.stringify(created.body), /receiver-token-123/);

        const got = await call('GET', `/v1/${created.body.name}`);
        assert.equal(got.status, 200);
        const { signingSecret: _shownOnce, ...withoutSecret } = created.body;
        assert.deepEqual(got.body, withoutSecret);
        assert.doesNotMatch(JSON.stringify(got.body), /receiver-token-123|whsec_[A-Za-z0-9+/]{20}/);
      });

      it('a signing secret given in secrets.signing_secret is used and not echoed', async () => {
        const created = await call('POST', '/v1/webhooks', { url: RECEIVER, secrets: { signing_secret: GIVEN_SECRET } });
        assert.equal(created.status, 200, JSON.stringify(created.body));
        assert.equal(created.body.signingSecret, undefined);
        assert.equal(created.body.signingSecretHint, `whsec_${GIVEN_SECRET.slice(6, 10)}…${GIVEN_SECRET.slice(-4)}`);
        assert.deepEqual(created.body.secretKeys, []);
      });

      it('accepts every event type and family of the catalogue that webhooks carry, and * for everything', async () => {
        const types = WEBHOOK_EVENTS.map((e) => e.type);
        const families = WEBHOOK_EVENT_FAMILIES.map((f) => `${f}.*`);
        for (const eventTypes of [types, families, ['*'], []]) {
          const created = await call('POST', '/v1/webhooks', { url: RECEIVER, eventTypes });
          assert.equal(created.status, 200, JSON.stringify(created.body));
          assert.deepEqual(created.body.eventTypes, eventTypes);
        }
      });

      it('lists the organization, or one workspace, page by page', async () => {
        const scoped = (await call('POST', '/v1/webhooks', { url: RECEIVER, workspace })).body;
        const orgWide = (await call('POST', '/v1/webhooks', { url: RECEIVER })).body;
        const inWorkspace = await call('GET', `/v1/webhooks?workspace=${workspace}`);
        assert.equal(inWorkspace.status, 200);
        assert.ok(inWorkspace.body.webhooks.length > 0);
        assert.ok(inWorkspace.body.webhooks.every((w: { workspace: string }) => w.workspace === workspace));
        assert.ok(inWorkspace.body.webhooks.some((w: { name: string }) => w.name === scoped.name));
        const seen: string[] = [];
        let pageToken = '';
        do {
          const page = await call('GET', `/v1/webhooks?pageSize=2${pageToken ? `&pageToken=${pageToken}` : ''}`);
          assert.equal(page.status, 200);
          assert.ok(page.body.webhooks.length <= 2);
          for (const w of page.body.webhooks) assert.equal(w.signingSecret, undefined);
          seen.push(...page.body.webhooks.map((w: { name: string }) => w.name));
          pageToken = page.body.nextPageToken;
        } while (pageToken);
        assert.ok(seen.includes(scoped.name) && seen.includes(orgWide.name));
        assert.equal(new Set(seen).size, seen.length, 'no webhook on two pages');
      });

      it('PATCH changes the fields present and keeps the others; state DISABLED and ENABLED say why', async () => {
        const created = (await call('POST', '/v1/webhooks', { url: RECEIVER, headers: { 'x-a': '1' }, eventTypes: ['role.*'] })).body;
        const patched = await call('PATCH', `/v1/${created.name}`, { eventTypes: ['client.created'], authType: 'BASIC', secrets: { username: 'u', password: 'p' } });
        assert.equal(patched.status, 200, JSON.stringify(patched.body));
        assert.deepEqual(patched.body.eventTypes, ['client.created']);
        assert.equal(patched.body.authType, 'BASIC');
        assert.deepEqual(patched.body.secretKeys, ['password', 'username']);
        assert.deepEqual(patched.body.headers, { 'x-a': '1' });
        assert.equal(patched.body.url, RECEIVER);
        assert.equal(patched.body.signingSecretHint, created.signingSecretHint);

        const disabled = await call('PATCH', `/v1/${created.name}`, { state: 'DISABLED' });
        assert.equal(disabled.status, 200);
        assert.deepEqual([disabled.body.state, disabled.body.disabledReason], ['DISABLED', 'admin']);
        const enabled = await call('PATCH', `/v1/${created.name}`, { state: 'ENABLED' });
        assert.deepEqual([enabled.body.state, enabled.body.disabledReason], ['ENABLED', null]);
      });

      it(':rotateSecret returns a new secret once, takes an overlap or a given secret, and needs no body', async () => {
        const created = (await call('POST', '/v1/webhooks', { url: RECEIVER })).body;
        const rotated = await call('POST', `/v1/${created.name}:rotateSecret`, { overlap: '3600s' });
        assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
        assert.match(rotated.body.signingSecret, /^whsec_/);
        assert.notEqual(rotated.body.signingSecret, created.signingSecret);
        const given = await call('POST', `/v1/${created.name}:rotateSecret`, { secret: GIVEN_SECRET, overlap: 0 });
        assert.equal(given.status, 200);
        assert.equal(given.body.signingSecret, undefined);
        assert.equal(given.body.signingSecretHint, `whsec_${GIVEN_SECRET.slice(6, 10)}…${GIVEN_SECRET.slice(-4)}`);
        const bare = await h.inject({ method: 'POST', url: `/v1/${created.name}:rotateSecret`, headers: asTenant });
        assert.equal(bare.statusCode, 200);
        assert.match(JSON.parse(bare.body).signingSecret, /^whsec_/);
      });

      it('an event the webhook hears is queued in its delivery log; a delivery can be read, its attempts listed and redelivered', async () => {
        const hook = (await call('POST', '/v1/webhooks', { url: RECEIVER, eventTypes: ['role.created'] })).body;
        const role = (await call('POST', '/v1/roles', { displayName: 'Heard', permissions: ['x.read'] })).body;
        await call('POST', '/v1/apiClients', { displayName: 'not heard' });
        const log = await call('GET', `/v1/${hook.name}/deliveries`);
        assert.equal(log.status, 200);
        assert.deepEqual(log.body.deliveries.map((d: { eventType: string }) => d.eventType), ['role.created']);
        const [delivery] = log.body.deliveries;
        assert.equal(delivery.state, 'PENDING');
        assert.equal(delivery.payload.type, 'role.created');
        assert.equal(delivery.payload.data.resource, role.name);
        assert.equal((await call('GET', `/v1/${hook.name}/deliveries?state=PENDING`)).body.deliveries.length, 1);
        assert.equal((await call('GET', `/v1/${hook.name}/deliveries?state=DELIVERED`)).body.deliveries.length, 0);

        const got = await call('GET', `/v1/${delivery.name}`);
        assert.equal(got.status, 200);
        assert.deepEqual(got.body, delivery);
        const attempts = await call('GET', `/v1/${delivery.name}/attempts`);
        assert.equal(attempts.status, 200);
        assert.deepEqual(attempts.body, { attempts: [] });
        const redelivered = await call('POST', `/v1/${delivery.name}:redeliver`);
        assert.equal(redelivered.status, 200, JSON.stringify(redelivered.body));
        assert.equal(redelivered.body.state, 'PENDING');
        assert.equal(redelivered.body.id, delivery.id, 'the same webhook-id');
      });

      it('DELETE answers {} and the webhook is gone', async () => {
        const created = (await call('POST', '/v1/webhooks', { url: RECEIVER })).body;
        const deleted = await call('DELETE', `/v1/${created.name}`);
        assert.equal(deleted.status, 200);
        assert.deepEqual(deleted.body, {});
        assert.equal((await call('GET', `/v1/${created.name}`)).status, 404);
      });
    });

    describe('400', () => {
      it('refuses a missing url, a bad url, an unknown authType and a BEARER without its token, naming the field', async () => {
        const before = await webhookCount();
        const cases: [unknown, string, RegExp][] = [
          [{}, 'body.url', /url/],
          [{ url: 'ftp://example.com/x' }, 'url', /scheme ftp:/],
          [{ url: RECEIVER, authType: 'DIGEST' }, 'authType', /NONE, BEARER, BASIC, OAUTH2_CLIENT_CREDENTIALS/],
          [{ url: RECEIVER, authType: 'BEARER' }, 'secrets', /bearer_token/],
          [{ url: RECEIVER, authType: 'OAUTH2_CLIENT_CREDENTIALS', secrets: { client_secret: 's' } }, 'authUrl', /authUrl/],
          [{ url: RECEIVER, headers: { Authorization: 'Bearer x' } }, 'headers.Authorization', /set by Keyward/],
          [{ url: RECEIVER, secrets: { signing_secret: 'whsec_short' } }, 'secrets.signing_secret', /whsec_/],
          [{ url: RECEIVER, state: 'OFF' }, 'body.state', /ENABLED/],
          [{ url: RECEIVER, evenTypes: ['client.*'] }, 'body.evenTypes', /check its spelling/],
        ];
        for (const [body, field, detail] of cases) {
          const res = await call('POST', '/v1/webhooks', body);
          assert.equal(res.status, 400, `${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
          assert.equal(res.body.code, 'invalid_argument');
          assert.equal(res.body.errors[0].field, field, JSON.stringify(res.body));
          assert.match(res.body.detail, detail);
        }
        assert.equal(await webhookCount(), before, 'nothing was created');
      });

      it('refuses an event type outside the families webhooks carry, naming them, and one that is no event type at all', async () => {
        const family = await call('POST', '/v1/webhooks', { url: RECEIVER, eventTypes: ['client.*', 'organization.created'] });
        assert.equal(family.status, 400);
        assert.equal(family.body.errors[0].field, 'eventTypes');
        assert.match(family.body.detail, /"organization\.created": webhooks carry the families workspace, access, client, credential, role, webhook/);
        const malformed = await call('POST', '/v1/webhooks', { url: RECEIVER, eventTypes: ['Client Created'] });
        assert.equal(malformed.status, 400);
        assert.match(malformed.body.detail, /such as "client\.created" or a family such as "client\.\*"/);
        const notString = await call('POST', '/v1/webhooks', { url: RECEIVER, eventTypes: [3] });
        assert.equal(notString.status, 400);
        assert.equal(notString.body.errors[0].field, 'body.eventTypes.0');
        const tooMany = await call('POST', '/v1/webhooks', { url: RECEIVER, eventTypes: Array.from({ length: 51 }, () => 'client.*') });
        assert.equal(tooMany.status, 400);
      });

      it('a refused PATCH changes nothing', async () => {
        const created = (await call('POST', '/v1/webhooks', { url: RECEIVER, eventTypes: ['role.*'] })).body;
        const res = await call('PATCH', `/v1/${created.name}`, { eventTypes: ['token.revoked'], url: 'http://127.0.0.1:9/elsewhere' });
        assert.equal(res.status, 400);
        const stored = (await call('GET', `/v1/${created.name}`)).body;
        assert.deepEqual([stored.url, stored.eventTypes], [RECEIVER, ['role.*']]);
      });

      it(':rotateSecret refuses a bad overlap and a secret that is not whsec_', async () => {
        const created = (await call('POST', '/v1/webhooks', { url: RECEIVER })).body;
        for (const body of [{ overlap: 'soon' }, { overlap: '99999999s' }, { overlap: -5 }, { secret: 'not-a-secret' }]) {
          const res = await call('POST', `/v1/${created.name}:rotateSecret`, body);
          assert.equal(res.status, 400, JSON.stringify(body));
          assert.equal(res.body.code, 'invalid_argument');
        }
        assert.equal((await call('GET', `/v1/${created.name}`)).body.signingSecretHint, created.signingSecretHint, 'the secret did not change');
      });

      it('refuses a bad pageToken and an unknown delivery state', async () => {
        const created = (await call('POST', '/v1/webhooks', { url: RECEIVER })).body;
        const token = await call('GET', '/v1/webhooks?pageToken=garbage');
        assert.equal(token.status, 400);
        assert.match(token.body.detail, /pageToken/);
        const state = await call('GET', `/v1/${created.name}/deliveries?state=LOST`);
        assert.equal(state.status, 400);
        assert.match(state.body.detail, /pending, delivered, failed, disabled/);
      });

      it('redelivering to a disabled webhook is refused until it is enabled', async () => {
        const hook = (await call('POST', '/v1/webhooks', { url: RECEIVER, eventTypes: ['role.deleted'] })).body;
        const role = (await call('POST', '/v1/roles', { displayName: 'Doomed' })).body;
        await call('DELETE', `/v1/${role.name}`);
        const [delivery] = (await call('GET', `/v1/${hook.name}/deliveries`)).body.deliveries;
        await call('PATCH', `/v1/${hook.name}`, { state: 'DISABLED' });
        const refused = await call('POST', `/v1/${delivery.name}:redeliver`);
        assert.equal(refused.status, 400);
        assert.equal(refused.body.code, 'failed_precondition');
        assert.match(refused.body.detail, /disabled \(admin\); enable it first/);
      });
    });

    describe('401', () => {
      it('without a token, or with a bad one', async () => {
        const none = await h.inject({ method: 'GET', url: '/v1/webhooks' });
        assert.equal(none.statusCode, 401);
        assert.equal(none.headers['www-authenticate'], 'Bearer realm="keyward"');
        const bad = await h.inject({ method: 'POST', url: '/v1/webhooks', headers: { authorization: 'Bearer not.a.token' }, payload: { url: RECEIVER } });
        assert.equal(bad.statusCode, 401);
        assert.match(String(bad.headers['www-authenticate']), /error="invalid_token"/);
      });
    });

    describe('403', () => {
      it('keyward:webhooks.read reads but does not write; without it nothing is readable', async () => {
        const created = (await call('POST', '/v1/webhooks', { url: RECEIVER })).body;
        const reader = await tokenWith(['keyward:webhooks.read']);
        assert.equal((await h.call('GET', `/v1/${created.name}`, undefined, reader)).status, 200);
        assert.equal((await h.call('GET', `/v1/${created.name}/deliveries`, undefined, reader)).status, 200);
        for (const [method, url, body] of [
          ['POST', '/v1/webhooks', { url: RECEIVER }],
          ['PATCH', `/v1/${created.name}`, { state: 'DISABLED' }],
          ['POST', `/v1/${created.name}:rotateSecret`, {}],
          ['DELETE', `/v1/${created.name}`, undefined],
        ] as const) {
          const res = await h.call(method, url, body, reader);
          assert.equal(res.status, 403, `${method} ${url}`);
          assert.match(String(res.headers['www-authenticate']), /error="insufficient_scope", scope="keyward:webhooks.write"/);
        }
        const stranger = await tokenWith(['orders.read']);
        const list = await h.call('GET', '/v1/webhooks', undefined, stranger);
        assert.equal(list.status, 403);
        assert.match(String(list.headers['www-authenticate']), /scope="keyward:webhooks.read"/);
        const stored = (await call('GET', `/v1/${created.name}`)).body;
        assert.deepEqual([stored.state, stored.signingSecretHint], ['ENABLED', created.signingSecretHint]);
      });
    });

    describe('404', () => {
      it("another organization's webhook, its deliveries and its workspace are not found, for every verb, and nothing changes", async () => {
        const hook = (await call('POST', '/v1/webhooks', { url: RECEIVER, workspace, eventTypes: ['role.*'] })).body;
        await call('POST', '/v1/roles', { displayName: 'Queued' });
        const [delivery] = (await call('GET', `/v1/${hook.name}/deliveries`)).body.deliveries;
        const neighbour = { authorization: `Bearer ${(await createTenant(h, 'Neighbour')).token}` };
        for (const [method, url, body] of [
          ['GET', `/v1/${hook.name}`, undefined],
          ['PATCH', `/v1/${hook.name}`, { url: 'http://127.0.0.1:9/stolen' }],
          ['POST', `/v1/${hook.name}:rotateSecret`, {}],
          ['DELETE', `/v1/${hook.name}`, undefined],
          ['GET', `/v1/${hook.name}/deliveries`, undefined],
          ['GET', `/v1/${delivery.name}`, undefined],
          ['GET', `/v1/${delivery.name}/attempts`, undefined],
          ['POST', `/v1/${delivery.name}:redeliver`, undefined],
          ['GET', `/v1/webhooks?workspace=${workspace}`, undefined],
          ['POST', '/v1/webhooks', { url: RECEIVER, workspace }],
        ] as const) {
          const res = await h.call(method, url, body, neighbour);
          assert.equal(res.status, 404, `${method} ${url}: ${JSON.stringify(res.body)}`);
          assert.equal(res.body.code, 'not_found');
        }
        assert.deepEqual((await h.call('GET', '/v1/webhooks', undefined, neighbour)).body.webhooks, []);
        const stored = (await call('GET', `/v1/${hook.name}`)).body;
        assert.deepEqual([stored.url, stored.signingSecretHint, stored.state], [RECEIVER, hook.signingSecretHint, 'ENABLED']);
      });

      it('an unknown webhook, delivery or workspace is not found', async () => {
        const hook = (await call('POST', '/v1/webhooks', { url: RECEIVER })).body;
        for (const [method, url, body] of [
          ['GET', '/v1/webhooks/wh_nope', undefined],
          ['PATCH', '/v1/webhooks/wh_nope', { state: 'DISABLED' }],
          ['DELETE', '/v1/webhooks/wh_nope', undefined],
          ['POST', '/v1/webhooks/wh_nope:rotateSecret', {}],
          ['GET', `/v1/${hook.name}/deliveries/msg_nope`, undefined],
          ['POST', `/v1/${hook.name}/deliveries/msg_nope:redeliver`, undefined],
          ['GET', '/v1/webhooks?workspace=workspaces/ws_nope', undefined],
          ['POST', '/v1/webhooks', { url: RECEIVER, workspace: 'workspaces/ws_nope' }],
        ] as const) {
          const res = await call(method, url, body);
          assert.equal(res.status, 404, `${method} ${url}`);
          assert.match(res.body.detail, /was not found/);
        }
      });
    });
  });
}
