import assert from 'node:assert/strict';
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateSecret } from '../../src/crypto/secrets.js';
import { createTenant, databases, startHarness, type Harness } from '../helpers/harness.js';
import { dispatchUntil, TestReceiver } from '../helpers/webhook-receiver.js';
import { LogCapture } from '../security/support.js';

/**
 * Leak reports through the real HTTP stack: a key pair made here plays GitHub's secret scanner,
 * its public key served from a local HTTP server (KEYWARD_WEBHOOKS_ALLOW_PRIVATE lets the SSRF
 * guard reach loopback in tests) or from a file.
 */
const KEY_ID = 'scanner-key-1';
const FOUND_AT = 'https://github.com/acme/app/blob/0123abc/.env#L3';

function scanner() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const document = JSON.stringify({
    public_keys: [{ key_identifier: KEY_ID, key: publicKey.export({ type: 'spki', format: 'pem' }).toString(), is_current: true }],
  });
  return { privateKey, document };
}

/** ECDSA-SHA256 over the exact bytes, DER, base64: what GitHub sends in Github-Public-Key-Signature. */
const sign = (body: string, key: KeyObject) => createSign('sha256').update(body).sign(key).toString('base64');

async function keyServer(initial: string) {
  let hits = 0;
  let document = initial;
  const server = http.createServer((_req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(document);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/meta/public_keys/secret_scanning`,
    hits: () => hits,
    publish: (next: string) => (document = next),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function report(h: Harness, body: string, headers: Record<string, string>) {
  return h.inject({ method: 'POST', url: '/secret-scanning/github', headers: { 'content-type': 'application/json', ...headers }, payload: body });
}

const signed = (body: string, key: KeyObject, keyId = KEY_ID) => ({ 'github-public-key-identifier': keyId, 'github-public-key-signature': sign(body, key) });

/** A Keyward secret with an intact checksum that no credential holds. */
const UNKNOWN_SECRET = generateSecret();

for (const db of databases) {
  describe(`leak reports (${db.name})`, () => {
    const { privateKey, document } = scanner();
    let keys: Awaited<ReturnType<typeof keyServer>>;
    let h: Harness;
    let tenant: Awaited<ReturnType<typeof createTenant>>;
    let receiver: TestReceiver;
    let webhookSecret: string;
    const logs = new LogCapture();
    const call = (method: string, url: string, body?: unknown) => h.call(method, url, body, { authorization: `Bearer ${tenant.token}` });
    const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
    const introspect = async (token: string) =>
      JSON.parse(
        (
          await h.inject({
            method: 'POST',
            url: '/oauth/introspect',
            headers: { authorization: basic(tenant.clientId, tenant.secret), 'content-type': 'application/x-www-form-urlencoded' },
            payload: new URLSearchParams({ token }).toString(),
          })
        ).body,
      ).active as boolean;

    /** A client of the tenant with one secret, and a token it obtained before any report. */
    async function victim(name: string) {
      const created = await call('POST', '/v1/apiClients', { displayName: name, permissions: ['documents.read'] });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      const token = await h.token(created.body.clientId, created.body.clientSecret);
      assert.equal(token.status, 200);
      const credentials = (await call('GET', `/v1/${created.body.name}/credentials`)).body.credentials;
      return { client: created.body, secret: created.body.clientSecret as string, token: token.body.access_token as string, credential: credentials[0].name as string };
    }

    const leakedEvents = async () => (await call('GET', `/v1/auditEvents?filter=${encodeURIComponent('type = "credential.leaked"')}&pageSize=100`)).body.auditEvents as Record<string, unknown>[];

    before(async () => {
      keys = await keyServer(document);
      h = await startHarness(undefined, {
        db,
        // No minimum between rereads, so that a rotated key is picked up at once here.
        env: { KEYWARD_SECRET_SCANNING_KEYS_URL: keys.url, KEYWARD_JWKS_MIN_REFETCH: '0', LOG_LEVEL: 'debug' },
        logStream: logs,
        runtime: { webhooks: { autoStart: false }, credentialExpiry: { autoStart: false } },
      });
      tenant = await createTenant(h, 'Leaky');
      receiver = await new TestReceiver().start();
      const hook = await call('POST', '/v1/webhooks', { url: receiver.url, eventTypes: ['credential.leaked'] });
      assert.equal(hook.status, 200, JSON.stringify(hook.body));
      webhookSecret = hook.body.signingSecret;
    });
    after(async () => {
      await h.close();
      await keys.close();
      await receiver.stop();
    });

    it('a signed report disables the credential, makes its earlier token inactive, announces credential.leaked with the url, and labels each entry', async () => {
      const leaked = await victim('leaky service');
      assert.equal(await introspect(leaked.token), true);
      const mistyped = leaked.secret.slice(0, -1) + (leaked.secret.endsWith('a') ? 'b' : 'a');
      const body = JSON.stringify([
        { token: leaked.secret, type: 'keyward_client_secret', url: FOUND_AT, source: 'content' },
        { token: 'ghp_notKeywardAtAll000000000000000000000', type: 'github_token', url: FOUND_AT, source: 'content' },
        { token: UNKNOWN_SECRET, type: 'keyward_client_secret', url: FOUND_AT, source: 'commit' },
        { token: mistyped, type: 'keyward_client_secret', url: FOUND_AT, source: 'commit' },
      ]);
      const answer = await report(h, body, signed(body, privateKey));
      assert.equal(answer.statusCode, 200, answer.body);
      assert.deepEqual(
        JSON.parse(answer.body).map((e: { label: string }) => e.label),
        ['true_positive', 'false_positive', 'false_positive', 'false_positive'],
      );
      assert.deepEqual(JSON.parse(answer.body)[0], { token_raw: leaked.secret, token_type: 'keyward_client_secret', label: 'true_positive' });

      // Disabled, not deleted: listed and read with its state.
      const got = await call('GET', `/v1/${leaked.credential}`);
      assert.equal(got.status, 200);
      assert.equal(got.body.state, 'DISABLED');
      assert.equal(got.body.disabledReason, 'LEAKED');
      assert.ok(Date.parse(got.body.disableTime) <= Date.now());
      const listed = (await call('GET', `/v1/${leaked.client.name}/credentials`)).body.credentials;
      assert.deepEqual(listed.map((c: { state: string }) => c.state), ['DISABLED']);

      assert.equal(await introspect(leaked.token), false, 'the token obtained before the report is inactive');
      const again = await h.token(leaked.client.clientId, leaked.secret);
      assert.equal(again.status, 401);
      assert.equal(again.body.error, 'invalid_client');

      const events = await leakedEvents();
      assert.equal(events.length, 1);
      const data = events[0].data as Record<string, unknown>;
      assert.equal(events[0].resource, leaked.credential);
      assert.equal(data.url, FOUND_AT);
      assert.equal(data.source, 'content');
      assert.equal(data.reportedBy, 'github');

      await dispatchUntil(h, () => receiver.delivered().length === 1);
      const payload = receiver.verify(receiver.received[0], webhookSecret);
      assert.equal(payload.type, 'credential.leaked');
      assert.equal((payload.data as Record<string, unknown>).url, FOUND_AT);
      assert.equal((payload.data as Record<string, unknown>).resource, leaked.credential);
      assert.equal(((payload.data as Record<string, Record<string, unknown>>).after).disabledReason, 'leaked');

      // The secret is in none of what Keyward wrote: events, webhooks, logs.
      for (const [what, text] of [['audit events', JSON.stringify(events)], ['webhook', receiver.received[0].body], ['logs', logs.text]] as const) {
        assert.ok(!text.includes(leaked.secret), `the secret appears in the ${what}`);
        assert.ok(!text.includes(mistyped) && !text.includes(UNKNOWN_SECRET), `a reported string appears in the ${what}`);
      }

      // Scanners retry: the same report answers the same labels and records nothing more.
      const replay = await report(h, body, signed(body, privateKey));
      assert.equal(replay.statusCode, 200);
      assert.deepEqual(JSON.parse(replay.body), JSON.parse(answer.body));
      assert.equal((await leakedEvents()).length, 1);
      await h.runtime.dispatcher.runOnce();
      assert.equal(receiver.received.length, 1, 'no second webhook');
    });

    it('refuses a missing, unknown or wrong signature (401, 401, 403), and the credential stays enabled', async () => {
      const safe = await victim('safe service');
      const body = JSON.stringify([{ token: safe.secret, type: 'keyward_client_secret', url: FOUND_AT, source: 'content' }]);
      const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
      const cases: [Record<string, string>, number, RegExp][] = [
        [{}, 401, /not signed/],
        [signed(body, privateKey, 'rotated-away'), 401, /not among the scanner's public keys/],
        [signed(body, other), 403, /does not verify/],
        [signed(body.replace('content', 'commit'), privateKey), 403, /does not verify/],
        [{ 'github-public-key-identifier': KEY_ID, 'github-public-key-signature': 'not base64!' }, 403, /does not verify/],
      ];
      for (const [headers, status, detail] of cases) {
        const answer = await report(h, body, headers);
        assert.equal(answer.statusCode, status, answer.body);
        assert.equal(answer.headers['content-type'], 'application/problem+json; charset=utf-8');
        assert.match(JSON.parse(answer.body).detail, detail);
        assert.ok(!answer.body.includes(safe.secret));
      }
      assert.equal((await call('GET', `/v1/${safe.credential}`)).body.state, 'ENABLED');
      assert.equal(await introspect(safe.token), true);
    });

    it('refuses a body over the limit with 413, another media type with 415, and a signed body that is not a report with 400', async () => {
      const huge = JSON.stringify([{ token: 'x'.repeat(70_000), type: 't', url: FOUND_AT, source: 'content' }]);
      const answer = await report(h, huge, signed(huge, privateKey));
      assert.equal(answer.statusCode, 413, answer.body);
      assert.equal(JSON.parse(answer.body).code, 'payload_too_large');
      const plain = await h.inject({ method: 'POST', url: '/secret-scanning/github', headers: { 'content-type': 'text/plain', ...signed('[]', privateKey) }, payload: '[]' });
      assert.equal(plain.statusCode, 415, plain.body);
      for (const body of ['{"token": "x"}', 'not json', '[]']) {
        const refused = await report(h, body, signed(body, privateKey));
        assert.equal(refused.statusCode, 400, `${body}: ${refused.body}`);
      }
    });

    it('reads the keys once and reuses them; a key id it does not know reads them again (the scanner rotated)', async () => {
      const hitsBefore = keys.hits();
      const body = JSON.stringify([{ token: UNKNOWN_SECRET, type: 't', url: FOUND_AT, source: 'content' }]);
      for (let i = 0; i < 3; i++) assert.equal((await report(h, body, signed(body, privateKey))).statusCode, 200);
      assert.equal(keys.hits(), hitsBefore, 'cached');

      const next = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const published = JSON.parse(document) as { public_keys: Record<string, unknown>[] };
      published.public_keys.push({ key_identifier: 'scanner-key-2', key: next.publicKey.export({ type: 'spki', format: 'pem' }).toString(), is_current: true });
      keys.publish(JSON.stringify(published));
      const rotated = await report(h, body, signed(body, next.privateKey, 'scanner-key-2'));
      assert.equal(rotated.statusCode, 200, rotated.body);
      assert.equal(keys.hits(), hitsBefore + 1);
      assert.equal((await report(h, body, signed(body, privateKey))).statusCode, 200, 'the previous key still counts while it is published');
    });

    it('POST /v1/credentials:reportLeaked: an admin reports by hand, with the same labels, once', async () => {
      const leaked = await victim('pasted in a ticket');
      const neighbour = await createTenant(h, 'Neighbour');
      const theirs = await h.call('POST', '/v1/apiClients', { displayName: 'theirs' }, { authorization: `Bearer ${neighbour.token}` });
      const body = { secrets: [leaked.secret, theirs.body.clientSecret, 'hunter2'], url: 'https://tickets.example/T-42' };
      const first = await call('POST', '/v1/credentials:reportLeaked', body);
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.deepEqual(
        first.body.results.map((r: { label: string; credentials: string[] }) => [r.label, r.credentials]),
        [['true_positive', [leaked.credential]], ['false_positive', []], ['false_positive', []]],
        "another organization's secret is not this admin's to judge",
      );
      assert.equal(first.body.results[0].secretHint, `${leaked.secret.slice(0, 6)}…${leaked.secret.slice(-4)}`);
      assert.ok(!JSON.stringify(first.body).includes(leaked.secret));
      assert.equal(await introspect(leaked.token), false);
      const second = await call('POST', '/v1/credentials:reportLeaked', body);
      assert.deepEqual(second.body, first.body);
      const mine = (await leakedEvents()).filter((e) => e.resource === leaked.credential);
      assert.equal(mine.length, 1);
      assert.equal((mine[0].data as Record<string, unknown>).url, 'https://tickets.example/T-42');
      assert.equal((mine[0].data as Record<string, unknown>).reportedBy, 'admin');
      assert.equal((await h.call('GET', `/v1/${theirs.body.name}/credentials`, undefined, { authorization: `Bearer ${neighbour.token}` })).body.credentials[0].state, 'ENABLED');

      const empty = await call('POST', '/v1/credentials:reportLeaked', { secrets: [] });
      assert.equal(empty.status, 400);
      const reader = await h.call('POST', '/v1/apiClients', { displayName: 'reader', permissions: ['keyward:clients.read'] }, { authorization: `Bearer ${tenant.token}` });
      const readerToken = (await h.token(reader.body.clientId, reader.body.clientSecret)).body.access_token;
      const denied = await h.call('POST', '/v1/credentials:reportLeaked', { secrets: [leaked.secret] }, { authorization: `Bearer ${readerToken}` });
      assert.equal(denied.status, 403);
    });

    it('a leaked credential does not count against the 20 a client may hold, so it can be replaced', async () => {
      const full = await victim('twenty credentials');
      for (let i = 1; i < 20; i++) assert.equal((await call('POST', `/v1/${full.client.name}/credentials`, { displayName: `extra ${i}` })).status, 200);
      assert.equal((await call('POST', `/v1/${full.client.name}/credentials`, {})).status, 400, 'the twenty-first is refused');
      assert.equal((await call('POST', '/v1/credentials:reportLeaked', { secrets: [full.secret] })).body.results[0].label, 'true_positive');
      const replacement = await call('POST', `/v1/${full.client.name}/credentials`, { displayName: 'replacement' });
      assert.equal(replacement.status, 200, JSON.stringify(replacement.body));
    });

    it('a leaked credential is not announced as expiring: it authenticates nothing already', async () => {
      const soon = new Date(Date.now() + 3_600_000).toISOString();
      const client = await victim('expiring soon');
      const kept = await call('POST', `/v1/${client.client.name}/credentials`, { displayName: 'kept', expireTime: soon });
      const leaked = await call('POST', `/v1/${client.client.name}/credentials`, { displayName: 'leaked', expireTime: soon });
      assert.equal((await call('POST', '/v1/credentials:reportLeaked', { secrets: [leaked.body.secret] })).body.results[0].label, 'true_positive');
      await h.runtime.expiryNotifier.runOnce();
      const expiring = (await call('GET', `/v1/auditEvents?filter=${encodeURIComponent('type = "credential.expiring"')}&pageSize=100`)).body.auditEvents.map((e: { resource: string }) => e.resource);
      assert.ok(expiring.includes(kept.body.name), 'the enabled one is announced');
      assert.ok(!expiring.includes(leaked.body.name), 'the leaked one is not');
    });
  });

  describe(`leak reports with the keys in a file (${db.name})`, () => {
    const { privateKey, document } = scanner();
    const dir = mkdtempSync(join(tmpdir(), 'keyward-scanner-keys-'));
    const file = join(dir, 'secret_scanning.json');
    let h: Harness;

    before(async () => {
      writeFileSync(file, document);
      h = await startHarness(undefined, { db, env: { KEYWARD_SECRET_SCANNING_KEYS_FILE: file }, runtime: { webhooks: { autoStart: false }, credentialExpiry: { autoStart: false } } });
    });
    after(async () => {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('verifies against the file and disables the reported secret', async () => {
      const created = await h.call('POST', '/v1/apiClients', { displayName: 'file keyed' });
      const body = JSON.stringify([{ token: created.body.clientSecret, type: 'keyward_client_secret', url: FOUND_AT, source: 'content' }]);
      const answer = await report(h, body, signed(body, privateKey));
      assert.equal(answer.statusCode, 200, answer.body);
      assert.equal(JSON.parse(answer.body)[0].label, 'true_positive');
      const credentials = (await h.call('GET', `/v1/${created.body.name}/credentials`)).body.credentials;
      assert.equal(credentials[0].state, 'DISABLED');
    });
  });
}

describe('leak reports without configured keys', () => {
  it('answers 404 with what to configure', async (t) => {
    const h = await startHarness(t);
    const answer = await report(h, '[]', { 'github-public-key-identifier': KEY_ID, 'github-public-key-signature': 'AAAA' });
    assert.equal(answer.statusCode, 404);
    assert.match(JSON.parse(answer.body).detail, /KEYWARD_SECRET_SCANNING_KEYS_URL/);
  });
});
