import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTenant, databases, startHarness, type Harness } from '../helpers/harness.js';

/**
 * Webhook administration: Docpier's list/create/patch/delete under a workspace, and the canonical
 * /v1/webhooks with its delivery log. Secrets are write-only; the signing secret is shown once.
 */
const quiet = { webhooks: { autoStart: false }, credentialExpiry: { autoStart: false } };
const as = (token: string) => ({ authorization: `Bearer ${token}` });
const GIVEN_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

for (const db of databases) {
  describe(`Docpier webhooks (${db.name})`, () => {
    let h: Harness;
    let tenant: Awaited<ReturnType<typeof createTenant>>;
    let ws: string;
    const call = (method: string, url: string, body?: unknown) => h.call(method, url, body, as(tenant.token));

    before(async () => {
      h = await startHarness(undefined, { db, runtime: quiet });
      tenant = await createTenant(h, 'Hooks');
      ws = (await call('POST', '/admin/workspaces', { name: 'Hooked' })).body.id;
    });
    after(() => h.close());

    it('creates a webhook: 201, Docpier fields, the whsec_ signing secret once, secrets never echoed', async () => {
      const created = await call('POST', `/admin/workspaces/${ws}/webhooks`, {
        url: 'http://127.0.0.1:9/receiver',
        auth_type: 'BEARER',
        webhook_headers_config: { 'x-tenant': 'acme' },
        secrets: { bearer_token: 'receiver-token-123' },
        event_types: ['client.*', 'access.granted'],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const body = created.body;
      assert.match(body.id, /^wh_[a-z0-9]{20}$/);
      assert.match(body.signing_secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
      assert.deepEqual(
        { ...body, id: undefined, signing_secret: undefined, signing_secret_hint: undefined, created_at: undefined, updated_at: undefined },
        {
          id: undefined,
          workspace_id: ws,
          url: 'http://127.0.0.1:9/receiver',
          auth_type: 'BEARER',
          auth_url: null,
          token_request_config: {},
          webhook_headers_config: { 'x-tenant': 'acme' },
          secret_keys: ['bearer_token'],
          signing_secret: undefined,
          signing_secret_hint: undefined,
          event_types: ['client.*', 'access.granted'],
          enabled: true,
          disabled_reason: null,
          created_at: undefined,
          updated_at: undefined,
        },
      );
      assert.equal(body.signing_secret_hint, `whsec_${body.signing_secret.slice(6, 10)}…${body.signing_secret.slice(-4)}`);

      const listed = await call('GET', `/admin/workspaces/${ws}/webhooks`);
      assert.equal(listed.status, 200);
      const again = listed.body.find((w: { id: string }) => w.id === body.id);
      assert.equal(again.signing_secret, undefined);
      assert.equal(again.signing_secret_hint, body.signing_secret_hint);
      const audit = await call('GET', `/v1/auditEvents?filter=${encodeURIComponent('type: "webhook."')}`);
      for (const text of [JSON.stringify(listed.body), JSON.stringify(audit.body), JSON.stringify(await call('GET', `/v1/webhooks/${body.id}`))]) {
        assert.ok(!text.includes('receiver-token-123'));
        assert.ok(!text.includes(body.signing_secret));
      }
      const stored = await h.runtime.store.db.kysely.selectFrom('webhooks').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
      assert.ok(!JSON.stringify(stored).includes('receiver-token-123'));
      assert.ok(!JSON.stringify(stored).includes(body.signing_secret.slice(6)));
    });

    it('takes the signing secret from secrets.signing_secret and then shows only its hint', async () => {
      const created = await call('POST', `/admin/workspaces/${ws}/webhooks`, { url: 'http://127.0.0.1:9/own', secrets: { signing_secret: GIVEN_SECRET } });
      assert.equal(created.status, 201);
      assert.equal(created.body.signing_secret, undefined);
      assert.equal(created.body.signing_secret_hint, 'whsec_MfKQ…LaSw');
      assert.deepEqual(created.body.secret_keys, []);
      const bad = await call('POST', `/admin/workspaces/${ws}/webhooks`, { url: 'http://127.0.0.1:9/own', secrets: { signing_secret: 'whsec_short' } });
      assert.equal(bad.status, 422);
      assert.deepEqual(bad.body.detail[0].loc, ['body', 'secrets', 'signing_secret']);
    });

    it('patches: omitted fields stay, supplied maps replace, secrets replace the receiver secrets', async () => {
      const created = (
        await call('POST', `/admin/workspaces/${ws}/webhooks`, {
          url: 'http://127.0.0.1:9/a',
          auth_type: 'BASIC',
          secrets: { username: 'keyward', password: 'pw-1' },
          webhook_headers_config: { 'x-one': '1', 'x-two': '2' },
        })
      ).body;
      const patched = await call('PATCH', `/admin/workspaces/${ws}/webhooks/${created.id}`, { url: 'http://127.0.0.1:9/b', webhook_headers_config: { 'x-three': '3' } });
      assert.equal(patched.status, 200);
      assert.equal(patched.body.url, 'http://127.0.0.1:9/b');
      assert.deepEqual(patched.body.webhook_headers_config, { 'x-three': '3' });
      assert.equal(patched.body.auth_type, 'BASIC');
      assert.deepEqual(patched.body.secret_keys, ['password', 'username']);
      assert.equal(patched.body.signing_secret_hint, created.signing_secret_hint);

      const switched = await call('PATCH', `/admin/workspaces/${ws}/webhooks/${created.id}`, {
        auth_type: 'OAUTH2_CLIENT_CREDENTIALS',
        auth_url: 'http://127.0.0.1:9/token',
        token_request_config: { client_id: 'keyward', scope: 'hooks' },
        secrets: { client_secret: 'cs-1', signing_secret: GIVEN_SECRET },
      });
      assert.equal(switched.status, 200, JSON.stringify(switched.body));
      assert.deepEqual(switched.body.secret_keys, ['client_secret']);
      assert.equal(switched.body.signing_secret_hint, 'whsec_MfKQ…LaSw');
      assert.deepEqual(switched.body.token_request_config, { client_id: 'keyward', scope: 'hooks' });
      assert.ok(!JSON.stringify(switched.body).includes('cs-1'));

      const types = await call('PATCH', `/admin/workspaces/${ws}/webhooks/${created.id}`, { event_types: ['credential.expiring'], enabled: false });
      assert.deepEqual(types.body.event_types, ['credential.expiring']);
      assert.equal(types.body.enabled, false);
      assert.equal(types.body.disabled_reason, 'admin');
    });

    it('refuses bad webhook settings with 422 naming the field', async () => {
      const cases: [unknown, (string | number)[]][] = [
        [{ url: 'http://127.0.0.1:9/x', auth_type: 'BEARER' }, ['body', 'secrets']],
        [{ url: 'http://127.0.0.1:9/x', auth_type: 'OAUTH2_CLIENT_CREDENTIALS' }, ['body', 'auth_url']],
        [{ url: 'http://127.0.0.1:9/x', token_request_config: { client_secret: 'leak' } }, ['body', 'token_request_config', 'client_secret']],
        [{ url: 'http://127.0.0.1:9/x', webhook_headers_config: { Authorization: 'Bearer x' } }, ['body', 'webhook_headers_config', 'Authorization']],
        [{ url: 'http://127.0.0.1:9/x', webhook_headers_config: { 'webhook-id': 'x' } }, ['body', 'webhook_headers_config', 'webhook-id']],
        [{ url: 'http://127.0.0.1:9/x', webhook_headers_config: { 'x-bad': 'a\r\nb' } }, ['body', 'webhook_headers_config', 'x-bad']],
        [{ url: 'http://127.0.0.1:9/x', event_types: ['organization.created'] }, ['body', 'event_types']],
        [{ url: 'http://127.0.0.1:9/x', event_types: ['Client Created'] }, ['body', 'event_types']],
        [{ url: 'ftp://127.0.0.1/x' }, ['body', 'url']],
        [{ url: 'http://user:pw@127.0.0.1/x' }, ['body', 'url']],
        [{ url: 'not a url' }, ['body', 'url']],
        [{ auth_type: 'NONE' }, ['body', 'url']],
      ];
      for (const [body, loc] of cases) {
        const res = await call('POST', `/admin/workspaces/${ws}/webhooks`, body);
        assert.equal(res.status, 422, `${JSON.stringify(body)} → ${res.status} ${JSON.stringify(res.body)}`);
        assert.deepEqual(res.body.detail[0].loc, loc, JSON.stringify(res.body));
      }
      const badType = await call('POST', `/admin/workspaces/${ws}/webhooks`, { url: 'http://127.0.0.1:9/x', auth_type: 'DIGEST' });
      assert.equal(badType.status, 422);
    });

    it('deletes: 204, then 404; a webhook is only reachable through its own workspace', async () => {
      const created = (await call('POST', `/admin/workspaces/${ws}/webhooks`, { url: 'http://127.0.0.1:9/del' })).body;
      const otherWs = (await call('POST', '/admin/workspaces', { name: 'Other' })).body.id;
      assert.equal((await call('PATCH', `/admin/workspaces/${otherWs}/webhooks/${created.id}`, { url: 'http://127.0.0.1:9/x' })).status, 404);
      assert.equal((await call('DELETE', `/admin/workspaces/${otherWs}/webhooks/${created.id}`)).status, 404);
      const deleted = await call('DELETE', `/admin/workspaces/${ws}/webhooks/${created.id}`);
      assert.equal(deleted.status, 204);
      const again = await call('DELETE', `/admin/workspaces/${ws}/webhooks/${created.id}`);
      assert.equal(again.status, 404);
      assert.match(again.body.detail, /Webhook .* not found/);
      assert.equal((await call('PATCH', `/admin/workspaces/${ws}/webhooks/${created.id}`, { url: 'http://127.0.0.1:9/x' })).status, 404);
      assert.equal((await call('GET', '/admin/workspaces/ws_nope/webhooks')).status, 404);
    });

    it('/v1/webhooks: organization-wide webhooks, list by workspace, state, secret rotation, delivery log and redeliver', async () => {
      const orgWide = await call('POST', '/v1/webhooks', { url: 'http://127.0.0.1:9/org', eventTypes: ['workspace.*'] });
      assert.equal(orgWide.status, 200, JSON.stringify(orgWide.body));
      assert.equal(orgWide.body.workspace, null);
      assert.match(orgWide.body.signingSecret, /^whsec_/);
      const scoped = await call('POST', '/v1/webhooks', { url: 'http://127.0.0.1:9/ws', workspace: `workspaces/${ws}` });
      assert.equal(scoped.body.workspace, `workspaces/${ws}`);
      const inWs = await call('GET', `/v1/webhooks?workspace=workspaces/${ws}`);
      assert.ok(inWs.body.webhooks.every((w: { workspace: string }) => w.workspace === `workspaces/${ws}`));
      assert.ok(inWs.body.webhooks.some((w: { name: string }) => w.name === scoped.body.name));
      const all = await call('GET', '/v1/webhooks');
      assert.ok(all.body.webhooks.some((w: { name: string }) => w.name === orgWide.body.name));

      const rotated = await call('POST', `/v1/${orgWide.body.name}:rotateSecret`, { overlap: '3600s' });
      assert.equal(rotated.status, 200);
      assert.match(rotated.body.signingSecret, /^whsec_/);
      assert.notEqual(rotated.body.signingSecret, orgWide.body.signingSecret);
      assert.notEqual(rotated.body.signingSecretHint, orgWide.body.signingSecretHint);
      const bare = await h.inject({ method: 'POST', url: `/v1/${orgWide.body.name}:rotateSecret`, headers: as(tenant.token) });
      assert.equal(bare.statusCode, 200);

      // A workspace change queues a delivery for the organization-wide webhook.
      await call('PATCH', `/admin/workspaces/${ws}`, { name: 'Renamed' });
      const log = await call('GET', `/v1/${orgWide.body.name}/deliveries`);
      assert.equal(log.status, 200);
      const [delivery] = log.body.deliveries;
      assert.equal(delivery.eventType, 'workspace.updated');
      assert.equal(delivery.state, 'PENDING');
      assert.match(delivery.id, /^msg_/);
      assert.equal(delivery.payload.webhookId, delivery.id);
      const metrics = await h.inject({ method: 'GET', url: '/metrics' });
      assert.match(metrics.body, /^keyward_webhook_deliveries_pending [1-9]\d*$/m);
      const filtered = await call('GET', `/v1/${orgWide.body.name}/deliveries?state=DELIVERED`);
      assert.equal(filtered.body.deliveries.length, 0);

      const disabled = await call('PATCH', `/v1/${orgWide.body.name}`, { state: 'DISABLED' });
      assert.equal(disabled.body.state, 'DISABLED');
      assert.equal(disabled.body.disabledReason, 'admin');
      assert.equal((await call('GET', `/v1/${orgWide.body.name}/deliveries`)).body.deliveries[0].state, 'DISABLED');
      const refused = await call('POST', `/v1/${delivery.name}:redeliver`);
      assert.equal(refused.status, 400);
      await call('PATCH', `/v1/${orgWide.body.name}`, { state: 'ENABLED' });
      const redelivered = await call('POST', `/v1/${delivery.name}:redeliver`);
      assert.equal(redelivered.status, 200);
      assert.equal(redelivered.body.state, 'PENDING');
      assert.equal(redelivered.body.id, delivery.id);
      assert.equal((await call('POST', `/v1/${orgWide.body.name}/deliveries/msg_nope:redeliver`)).status, 404);
      assert.equal((await call('DELETE', `/v1/${orgWide.body.name}`)).status, 200);
      assert.equal((await call('GET', `/v1/${orgWide.body.name}/deliveries`)).status, 404);
    });
  });

  describe(`Webhook registration SSRF guard (${db.name})`, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(undefined, { db, runtime: quiet, env: { KEYWARD_WEBHOOKS_ALLOW_PRIVATE: 'false' } });
    });
    after(() => h.close());

    it('refuses non-public, non-https and odd-port targets at registration, for url and auth_url', async () => {
      const ws = (await h.call('GET', '/admin/workspaces')).body[0].id;
      const refused = [
        'http://hooks.example.com/x',
        'https://localhost/x',
        'https://api.localhost/x',
        'https://127.0.0.1/x',
        'https://127.1.2.3/x',
        'https://[::1]/x',
        'https://0.0.0.0/x',
        'https://10.0.0.8/x',
        'https://172.16.4.4/x',
        'https://192.168.1.1/x',
        'https://169.254.169.254/latest/meta-data/',
        'https://100.64.0.1/x',
        'https://[fc00::1]/x',
        'https://[fe80::1]/x',
        'https://[::ffff:127.0.0.1]/x',
        'https://2130706433/x',
        'https://0x7f.1/x',
        'https://user@hooks.example.com/x',
        'https://hooks.example.com:22/x',
      ];
      for (const url of refused) {
        const res = await h.call('POST', `/admin/workspaces/${ws}/webhooks`, { url });
        assert.equal(res.status, 422, `${url} was accepted`);
        assert.deepEqual(res.body.detail[0].loc, ['body', 'url']);
      }
      const oauth = await h.call('POST', `/admin/workspaces/${ws}/webhooks`, {
        url: 'https://hooks.example.com/x',
        auth_type: 'OAUTH2_CLIENT_CREDENTIALS',
        auth_url: 'https://169.254.169.254/token',
      });
      assert.equal(oauth.status, 422);
      assert.deepEqual(oauth.body.detail[0].loc, ['body', 'auth_url']);
      const ok = await h.call('POST', `/admin/workspaces/${ws}/webhooks`, { url: 'https://hooks.example.com:8443/keyward' });
      assert.equal(ok.status, 201);
    });
  });
}
