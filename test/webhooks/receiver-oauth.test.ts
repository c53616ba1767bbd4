import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { createTenant, databases, startHarness, type Harness } from '../helpers/harness.js';
import { dispatchUntil, TestReceiver, type Received } from '../helpers/webhook-receiver.js';

/**
 * OAUTH2_CLIENT_CREDENTIALS receiver auth end to end: a webhook configured through /v1, events
 * from real admin changes, the real dispatcher, a real token endpoint and a real receiver that
 * accepts only the tokens that endpoint issued and has not revoked. The unit tests of
 * receiver-auth cover the token cache on its own; this covers the dispatcher's use of it.
 */
const RETRY_MS = 30;
const MAX_ATTEMPTS = 4;

const as = (token: string) => ({ authorization: `Bearer ${token}` });

interface TokenCall {
  headers: http.IncomingHttpHeaders;
  method: string;
  form: URLSearchParams;
}

/** A client_credentials token endpoint: checks the client, issues tok-1, tok-2, … */
class TokenServer {
  calls: TokenCall[] = [];
  issued: string[] = [];
  expiresIn = 3600;
  clientSecret = 'receiver-client-secret';
  #server: http.Server | undefined;

  get url(): string {
    return `http://127.0.0.1:${(this.#server!.address() as AddressInfo).port}/oauth/token`;
  }

  async start(): Promise<this> {
    this.#server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        this.calls.push({ headers: req.headers, method: req.method ?? '', form });
        const json = (status: number, body: object) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        if (req.url !== '/oauth/token' || form.get('grant_type') !== 'client_credentials') return json(400, { error: 'unsupported_grant_type' });
        if (form.get('client_secret') !== this.clientSecret) return json(401, { error: 'invalid_client', error_description: 'bad secret' });
        const token = `tok-${this.issued.length + 1}`;
        this.issued.push(token);
        json(200, { access_token: token, token_type: 'Bearer', expires_in: this.expiresIn, scope: form.get('scope') });
      });
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

for (const db of databases) {
  describe(`webhook receivers authenticated with OAuth 2.0 client credentials (${db.name})`, () => {
    let h: Harness;
    const servers: { stop(): Promise<void> }[] = [];

    before(async () => {
      h = await startHarness(undefined, {
        db,
        runtime: {
          webhooks: { autoStart: false, attemptTimeoutMs: 2000, concurrency: 8, retryDelay: (n) => (n < MAX_ATTEMPTS ? RETRY_MS : null) },
          credentialExpiry: { autoStart: false },
        },
      });
    });
    after(async () => {
      await h.close();
      await Promise.all(servers.map((s) => s.stop()));
    });

    /**
     * A tenant, a token endpoint, a receiver that accepts only unrevoked tokens of that endpoint,
     * and a webhook on client.created that authenticates to the receiver with client credentials.
     */
    async function setup() {
      const tenant = await createTenant(h, 'Hooks');
      const call = (method: string, url: string, body?: unknown) => h.call(method, url, body, as(tenant.token));
      const tokens = await new TokenServer().start();
      const receiver = await new TestReceiver().start();
      servers.push(tokens, receiver);
      const revoked = new Set<string>();
      receiver.respond = (r) => {
        const match = /^Bearer (.+)$/.exec(String(r.headers.authorization ?? ''));
        return match && tokens.issued.includes(match[1]) && !revoked.has(match[1]) ? 204 : 401;
      };
      const created = await call('POST', '/v1/webhooks', {
        url: receiver.url,
        authType: 'OAUTH2_CLIENT_CREDENTIALS',
        authUrl: tokens.url,
        tokenRequestConfig: { client_id: 'keyward-webhooks', scope: 'events:write', audience: 'https://receiver.example.com' },
        secrets: { client_secret: tokens.clientSecret },
        eventTypes: ['client.created'],
      });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      assert.deepEqual(created.body.secretKeys, ['client_secret']);
      const webhook = created.body as { name: string; signingSecret: string };
      let n = 0;
      const cause = async () => assert.equal((await call('POST', '/v1/apiClients', { displayName: `announced ${++n}` })).status, 200);
      const deliveries = async () => (await call('GET', `/v1/${webhook.name}/deliveries`)).body.deliveries as Record<string, unknown>[];
      const bearerOf = (r: Received) => String(r.headers.authorization).replace(/^Bearer /, '');
      return { call, tokens, receiver, revoked, webhook, cause, deliveries, bearerOf };
    }

    it('asks the token endpoint with the configured client credentials, scope and audience, and sends the token as Bearer, signed as ever', async () => {
      const { tokens, receiver, webhook, cause, deliveries } = await setup();
      await cause();
      await dispatchUntil(h, () => receiver.delivered().length === 1);

      assert.equal(tokens.calls.length, 1);
      const [call] = tokens.calls;
      assert.equal(call.method, 'POST');
      assert.equal(call.headers['content-type'], 'application/x-www-form-urlencoded');
      assert.equal(call.headers.authorization, undefined);
      assert.deepEqual(Object.fromEntries(call.form), {
        grant_type: 'client_credentials',
        client_id: 'keyward-webhooks',
        scope: 'events:write',
        audience: 'https://receiver.example.com',
        client_secret: tokens.clientSecret,
      });

      assert.equal(receiver.received.length, 1);
      const [got] = receiver.received;
      assert.equal(got.headers.authorization, 'Bearer tok-1');
      const payload = receiver.verify(got, webhook.signingSecret);
      assert.equal(payload.type, 'client.created');
      const [log] = await deliveries();
      assert.deepEqual([log.state, log.attempts, log.lastStatusCode], ['DELIVERED', 1, 204]);
      // The client secret is write-only: neither the webhook nor its delivery log shows it.
      const shown = JSON.stringify([(await h.call('GET', `/v1/${webhook.name}`)).body, await deliveries()]);
      assert.ok(!shown.includes(tokens.clientSecret));
    });

    it('reuses the token within its lifetime, concurrent deliveries included, and asks for a new one after it', async () => {
      const { tokens, receiver, webhook, cause, bearerOf } = await setup();
      tokens.expiresIn = 2;
      await cause();
      await cause();
      await dispatchUntil(h, () => receiver.delivered().length === 2);
      await cause();
      await dispatchUntil(h, () => receiver.delivered().length === 3);
      assert.equal(tokens.calls.length, 1, 'one token request for three deliveries within its lifetime');
      assert.deepEqual(receiver.received.map(bearerOf), ['tok-1', 'tok-1', 'tok-1']);

      // A two-second token is refreshed a tenth of its lifetime early.
      await sleep(2000);
      await cause();
      await dispatchUntil(h, () => receiver.delivered().length === 4);
      assert.equal(tokens.calls.length, 2);
      assert.equal(bearerOf(receiver.received[3]), 'tok-2');
      for (const r of receiver.received) receiver.verify(r, webhook.signingSecret);
    });

    it('a 401 from the receiver drops the token; the retry, under the same webhook-id, carries a fresh one', async () => {
      const { tokens, receiver, revoked, webhook, cause, deliveries, bearerOf } = await setup();
      await cause();
      await dispatchUntil(h, () => receiver.delivered().length === 1);

      // The receiver's side revokes tok-1 before it expires.
      revoked.add('tok-1');
      await cause();
      await h.runtime.dispatcher.runOnce();
      assert.equal(receiver.received.length, 2);
      assert.equal(receiver.received[1].status, 401);
      assert.equal(bearerOf(receiver.received[1]), 'tok-1');
      const [pending] = await deliveries();
      assert.deepEqual([pending.state, pending.attempts, pending.lastStatusCode], ['PENDING', 1, 401]);
      assert.match(String(pending.lastError), /401/);
      assert.equal(tokens.calls.length, 1);

      await dispatchUntil(h, () => receiver.delivered().length === 2);
      assert.equal(tokens.calls.length, 2, 'the retry asked for a new token');
      const retried = receiver.received[2];
      assert.equal(bearerOf(retried), 'tok-2');
      assert.equal(retried.id, receiver.received[1].id);
      assert.equal((receiver.verify(retried, webhook.signingSecret) as { retryCount: number }).retryCount, 1);
      const [done] = await deliveries();
      assert.deepEqual([done.state, done.attempts, done.lastStatusCode], ['DELIVERED', 2, 204]);

      // The fresh token is kept for the next delivery.
      await cause();
      await dispatchUntil(h, () => receiver.delivered().length === 3);
      assert.equal(tokens.calls.length, 2);
      assert.equal(bearerOf(receiver.received[3]), 'tok-2');
    });

    it('a refused token request sends nothing to the receiver and is retried; new client credentials take effect at once', async () => {
      const { call, tokens, receiver, webhook, cause, deliveries, bearerOf } = await setup();
      tokens.clientSecret = 'rotated-on-the-token-server';
      await cause();
      await h.runtime.dispatcher.runOnce();
      assert.equal(receiver.received.length, 0);
      const [pending] = await deliveries();
      assert.deepEqual([pending.state, pending.attempts], ['PENDING', 1]);
      assert.equal(pending.lastStatusCode, undefined);
      assert.match(String(pending.lastError), /token endpoint answered 401 \(invalid_client\)/);
      assert.ok(!String(pending.lastError).includes('bad secret'), 'the free-text error_description is not kept');

      const patched = await call('PATCH', `/v1/${webhook.name}`, { secrets: { client_secret: tokens.clientSecret } });
      assert.equal(patched.status, 200, JSON.stringify(patched.body));
      await dispatchUntil(h, () => receiver.delivered().length === 1);
      assert.equal(tokens.calls.at(-1)!.form.get('client_secret'), 'rotated-on-the-token-server');
      assert.equal(bearerOf(receiver.received[0]), 'tok-1');
      receiver.verify(receiver.received[0], webhook.signingSecret);
      const [done] = await deliveries();
      assert.deepEqual([done.state, done.attempts], ['DELIVERED', 2]);
    });
  });
}
