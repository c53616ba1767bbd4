import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertionClaims, clientKey, form, JWT_BEARER, signAssertion } from '../helpers/assertions.js';
import { bearerWith, createTenant, databases, ISSUER, type Harness, type Parsed, startHarness } from '../helpers/harness.js';
import { dispatchUntil, TestReceiver } from '../helpers/webhook-receiver.js';

/**
 * Credential fences through the real HTTP stack: allowedCidrs checked on the client address
 * that KEYWARD_TRUST_PROXY resolves (here: requests arrive from 127.0.0.1, a trusted proxy, with
 * X-Forwarded-For), and maxUses counted exactly in the database.
 */
for (const db of databases) {
  describe(`credential fences (${db.name})`, () => {
    let h: Harness;
    let asTenant: { authorization: string };
    let receiver: TestReceiver;
    let webhookSecret: string;
    const call = (method: string, url: string, body?: unknown) => h.call(method, url, body, asTenant);
    const basic = (clientId: string, secret: string) => `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;
    const tokenFrom = (address: string, clientId: string, secret: string): Promise<Parsed> =>
      form(h, '/oauth/token', { grant_type: 'client_credentials' }, { authorization: basic(clientId, secret), 'x-forwarded-for': address });
    const newClient = async (displayName: string) => {
      const created = await call('POST', '/v1/apiClients', { displayName });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      return created.body as { name: string; clientId: string; clientSecret: string };
    };
    /** The client's first secret is unfenced; these tests authenticate with a second, fenced one only. */
    const fencedSecret = async (client: { name: string }, fences: Record<string, unknown>) => {
      const added = await call('POST', `/v1/${client.name}/credentials`, { displayName: 'fenced', ...fences });
      assert.equal(added.status, 200, JSON.stringify(added.body));
      return added.body as { name: string; secret: string; allowedCidrs?: string[]; maxUses?: number; useCount?: number };
    };
    const refusals = async (credentialName: string, count: number) => {
      // The refusal is recorded beside the answer, not before it.
      for (let i = 0; i < 50; i++) {
        const listed = await call('GET', `/v1/auditEvents?filter=${encodeURIComponent(`type = "credential.use_refused" AND resource = "${credentialName}"`)}`);
        assert.equal(listed.status, 200, JSON.stringify(listed.body));
        if (listed.body.auditEvents.length >= count) return listed.body.auditEvents as { data: { reason: string; address: string } }[];
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.fail(`expected ${count} credential.use_refused events for ${credentialName}`);
    };

    before(async () => {
      h = await startHarness(undefined, {
        db,
        env: { KEYWARD_TRUST_PROXY: '127.0.0.1', KEYWARD_RATE_LIMIT_FAILURES: '1000' },
        runtime: { webhooks: { autoStart: false }, credentialExpiry: { autoStart: false } },
      });
      asTenant = { authorization: `Bearer ${(await createTenant(h, 'Fenced')).token}` };
      receiver = await new TestReceiver().start();
      const hook = await call('POST', '/v1/webhooks', { url: receiver.url, eventTypes: ['credential.updated'] });
      assert.equal(hook.status, 200, JSON.stringify(hook.body));
      webhookSecret = hook.body.signingSecret;
    });
    after(async () => {
      await h.close();
      await receiver.stop();
    });

    describe('allowedCidrs', () => {
      it('a secret fenced to IPv4 and IPv6 blocks authenticates from inside them only; a refusal is a plain invalid_client, its reason in the audit log', async () => {
        const client = await newClient('fenced by address');
        const secret = await fencedSecret(client, { allowedCidrs: ['203.0.113.0/24', ' 2001:db8::/32', '198.51.100.7'] });
        assert.deepEqual(secret.allowedCidrs, ['203.0.113.0/24', '2001:db8::/32', '198.51.100.7']);

        for (const address of ['203.0.113.9', '198.51.100.7', '2001:db8::5', '2001:db8:ffff::1', '::ffff:203.0.113.200']) {
          const ok = await tokenFrom(address, client.clientId, secret.secret);
          assert.equal(ok.status, 200, `${address}: ${JSON.stringify(ok.body)}`);
        }
        const wrongSecret = await tokenFrom('203.0.113.9', client.clientId, `${secret.secret.slice(0, -2)}xx`);
        for (const address of ['198.51.100.8', '10.0.0.1', '2001:db9::1', '::1']) {
          const refused = await tokenFrom(address, client.clientId, secret.secret);
          assert.equal(refused.status, 401, address);
          assert.deepEqual(refused.body, wrongSecret.body, 'a refusal tells the caller nothing a wrong secret does not');
        }
        // Without X-Forwarded-For the address is the proxy's own, outside the blocks.
        const direct = await form(h, '/oauth/token', { grant_type: 'client_credentials' }, { authorization: basic(client.clientId, secret.secret) });
        assert.equal(direct.status, 401);

        const events = await refusals(secret.name, 5);
        const reasons = events.map((e) => e.data.reason);
        assert.ok(reasons.includes("address 198.51.100.8 is outside the credential's allowedCidrs (203.0.113.0/24, 2001:db8::/32, 198.51.100.7)"), reasons.join('\n'));
        assert.ok(reasons.some((r) => r.startsWith('address 2001:db9::1 is outside')));
        assert.ok(!JSON.stringify(events).includes(secret.secret), 'no secret in the audit log');

        // The client's unfenced first secret works from anywhere.
        assert.equal((await tokenFrom('10.0.0.1', client.clientId, client.clientSecret)).status, 200);
      });

      it('fences a PUBLIC_KEY credential (private_key_jwt) the same way', async () => {
        const client = await newClient('key fenced');
        const key = await clientKey();
        const added = await call('POST', `/v1/${client.name}/credentials`, { type: 'PUBLIC_KEY', jwk: key.publicJwk, allowedCidrs: ['2001:db8:aa::/48'] });
        assert.equal(added.status, 200, JSON.stringify(added.body));
        assert.deepEqual(added.body.allowedCidrs, ['2001:db8:aa::/48']);
        const withAssertion = async (address: string) =>
          form(
            h,
            '/oauth/token',
            {
              grant_type: 'client_credentials',
              client_assertion_type: JWT_BEARER,
              client_assertion: await signAssertion(key, assertionClaims(client.clientId, `${ISSUER}/oauth/token`)),
            },
            { 'x-forwarded-for': address },
          );
        assert.equal((await withAssertion('2001:db8:aa:1::9')).status, 200);
        const refused = await withAssertion('2001:db8:ab::9');
        assert.equal(refused.status, 401);
        assert.equal(refused.body.error, 'invalid_client');
        assert.doesNotMatch(refused.body.error_description, /allowedCidrs|2001/);
        const [event] = await refusals(added.body.name, 1);
        assert.match(event.data.reason, /^address 2001:db8:ab::9 is outside the credential's allowedCidrs/);
      });

      it('refuses blocks that are not CIDR blocks with a 400 naming each, and writes nothing', async () => {
        const client = await newClient('bad blocks');
        const before = (await call('GET', `/v1/${client.name}/credentials`)).body.credentials.length;
        const bad = await call('POST', `/v1/${client.name}/credentials`, { allowedCidrs: ['10.0.0.0/8', '10.0.0.0/33', 'example.com', '2001:db8::/129'] });
        assert.equal(bad.status, 400, JSON.stringify(bad.body));
        const fields = (bad.body.fieldViolations ?? bad.body.violations ?? bad.body.invalidParams ?? []) as { field: string; description: string }[];
        const text = JSON.stringify(bad.body);
        assert.match(text, /10\.0\.0\.0\/33/);
        assert.match(text, /IPv4 prefix is 0 to 32/);
        assert.match(text, /example\.com/);
        assert.match(text, /IPv6 prefix is 0 to 128/);
        assert.ok(fields.length === 0 || fields.some((f) => f.field === 'allowedCidrs.1'), text);
        const federatedBad = await call('POST', `/v1/${client.name}/credentials`, { type: 'PUBLIC_KEY', jwk: (await clientKey()).publicJwk, allowedCidrs: ['300.1.1.1/8'] });
        assert.equal(federatedBad.status, 400);
        const notList = await call('POST', `/v1/${client.name}/credentials`, { allowedCidrs: '10.0.0.0/8' });
        assert.equal(notList.status, 400);
        assert.equal((await call('GET', `/v1/${client.name}/credentials`)).body.credentials.length, before);
      });

      it(':rotateSecret keeps the fence of the secret it replaces unless told otherwise', async () => {
        const client = await newClient('rotated fenced');
        await fencedSecret(client, { allowedCidrs: ['203.0.113.0/24'] });
        const rotated = await call('POST', `/v1/${client.name}:rotateSecret`, { overlap: '0s' });
        assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
        assert.deepEqual(rotated.body.credential.allowedCidrs, ['203.0.113.0/24']);
        assert.equal((await tokenFrom('10.1.1.1', client.clientId, rotated.body.secret)).status, 401);
        const opened = await call('POST', `/v1/${client.name}:rotateSecret`, { overlap: '0s', allowedCidrs: [] });
        assert.equal(opened.body.credential.allowedCidrs, undefined);
        assert.equal((await tokenFrom('10.1.1.1', client.clientId, opened.body.secret)).status, 200);
      });
    });

    describe('maxUses', () => {
      it('limit 5, 20 concurrent token requests: exactly 5 succeed, and useCount says 5', async () => {
        const client = await newClient('five uses');
        const secret = await fencedSecret(client, { maxUses: 5 });
        assert.equal(secret.maxUses, 5);
        assert.equal(secret.useCount, 0);
        const answers = await Promise.all(Array.from({ length: 20 }, () => tokenFrom('192.0.2.1', client.clientId, secret.secret)));
        assert.equal(answers.filter((a) => a.status === 200).length, 5, JSON.stringify(answers.map((a) => a.status)));
        for (const refused of answers.filter((a) => a.status !== 200)) {
          assert.equal(refused.status, 401);
          assert.equal(refused.body.error, 'invalid_client');
        }
        const got = await call('GET', `/v1/${secret.name}`);
        assert.equal(got.body.useCount, 5);
        assert.equal(got.body.maxUses, 5);
        const events = await refusals(secret.name, 15);
        assert.equal(events[0].data.reason, 'the credential has been used 5 times, its maxUses');
        // Other credentials are not counted: the first secret shows no count and keeps working.
        const first = ((await call('GET', `/v1/${client.name}/credentials`)).body.credentials as { name: string; useCount?: number }[]).find((c) => c.name !== secret.name)!;
        assert.equal(first.useCount, undefined);
        assert.equal((await tokenFrom('192.0.2.1', client.clientId, client.clientSecret)).status, 200);
      });

      it('an address refusal spends no use', async () => {
        const client = await newClient('fenced twice');
        const secret = await fencedSecret(client, { maxUses: 1, allowedCidrs: ['192.0.2.0/24'] });
        assert.equal((await tokenFrom('198.51.100.1', client.clientId, secret.secret)).status, 401);
        assert.equal((await call('GET', `/v1/${secret.name}`)).body.useCount, 0);
        assert.equal((await tokenFrom('192.0.2.1', client.clientId, secret.secret)).status, 200);
        assert.equal((await tokenFrom('192.0.2.1', client.clientId, secret.secret)).status, 401);
      });

      it('refuses a maxUses that is not a whole number of at least 1', async () => {
        const client = await newClient('bad limit');
        for (const maxUses of [0, -3]) {
          const bad = await call('POST', `/v1/${client.name}/credentials`, { maxUses });
          assert.equal(bad.status, 400, JSON.stringify(bad.body));
          assert.match(JSON.stringify(bad.body), /maxUses/);
        }
        assert.equal((await call('POST', `/v1/${client.name}/credentials`, { maxUses: 2.5 })).status, 400);
      });
    });
    describe('PATCH a credential\'s fences', () => {
      const patch = (name: string, mask: string | undefined, body: unknown) => call('PATCH', `/v1/${name}${mask === undefined ? '' : `?updateMask=${mask}`}`, body);
      const updatedEvents = async (credentialName: string) => {
        const listed = await call('GET', `/v1/auditEvents?filter=${encodeURIComponent(`type = "credential.updated" AND resource = "${credentialName}"`)}`);
        assert.equal(listed.status, 200, JSON.stringify(listed.body));
        return listed.body.auditEvents as { actor: string; data: { clientId: string; before: { allowedCidrs: string[]; maxUses: number | null }; after: { allowedCidrs: string[]; maxUses: number | null } } }[];
      };

      it('widens allowedCidrs in place: the next token request sees it, the change is audited and announced to webhooks', async () => {
        const client = await newClient('widened');
        const secret = await fencedSecret(client, { allowedCidrs: ['203.0.113.0/24'] });
        // The token path now holds the client, fence included; the change must reach it.
        assert.equal((await tokenFrom('198.51.100.8', client.clientId, secret.secret)).status, 401);

        const widened = await patch(secret.name, 'allowedCidrs', { allowedCidrs: ['203.0.113.0/24', ' 198.51.100.0/24', '198.51.100.0/24'] });
        assert.equal(widened.status, 200, JSON.stringify(widened.body));
        assert.deepEqual(widened.body.allowedCidrs, ['203.0.113.0/24', '198.51.100.0/24'], 'trimmed, repeats dropped, as on create');
        assert.equal(widened.body.name, secret.name);
        assert.equal(widened.body.secret, undefined, 'the secret is shown only when made');
        assert.equal((await tokenFrom('198.51.100.8', client.clientId, secret.secret)).status, 200);
        assert.equal((await tokenFrom('10.0.0.1', client.clientId, secret.secret)).status, 401);
        assert.deepEqual((await call('GET', `/v1/${secret.name}`)).body.allowedCidrs, ['203.0.113.0/24', '198.51.100.0/24']);

        const [event] = await updatedEvents(secret.name);
        assert.equal(event.data.clientId, client.clientId);
        assert.deepEqual(event.data.before.allowedCidrs, ['203.0.113.0/24']);
        assert.deepEqual(event.data.after.allowedCidrs, ['203.0.113.0/24', '198.51.100.0/24']);
        assert.ok(!JSON.stringify(event).includes(secret.secret), 'no secret in the audit log');

        await dispatchUntil(h, () => receiver.delivered().some((r) => r.body.includes(secret.name)));
        const delivered = receiver.delivered().find((r) => r.body.includes(secret.name))!;
        const payload = receiver.verify(delivered, webhookSecret) as { type: string; data: Record<string, unknown> };
        assert.equal(payload.type, 'credential.updated');
        assert.ok(!delivered.body.includes(secret.secret), 'no secret in the webhook');

        // Named in the mask and left out of the body: cleared, any address.
        const opened = await patch(secret.name, 'allowedCidrs', {});
        assert.equal(opened.status, 200, JSON.stringify(opened.body));
        assert.equal(opened.body.allowedCidrs, undefined);
        assert.equal((await tokenFrom('10.0.0.1', client.clientId, secret.secret)).status, 200);
      });

      it('maxUses: lowered to the use count, the credential stops authenticating; null lifts the limit; uses are counted only under one', async () => {
        const client = await newClient('relimited');
        const secret = await fencedSecret(client, { maxUses: 5 });
        for (let i = 0; i < 2; i++) assert.equal((await tokenFrom('192.0.2.1', client.clientId, secret.secret)).status, 200);

        // Without a mask, the fields the body carries; the others stay.
        const lowered = await patch(secret.name, undefined, { maxUses: 2 });
        assert.equal(lowered.status, 200, JSON.stringify(lowered.body));
        assert.deepEqual([lowered.body.maxUses, lowered.body.useCount], [2, 2]);
        const spent = await tokenFrom('192.0.2.1', client.clientId, secret.secret);
        assert.equal(spent.status, 401);
        assert.equal(spent.body.error, 'invalid_client');
        const [refusal] = await refusals(secret.name, 1);
        assert.equal(refusal.data.reason, 'the credential has been used 2 times, its maxUses');

        const lifted = await patch(secret.name, 'max_uses', { maxUses: null });
        assert.equal(lifted.status, 200, JSON.stringify(lifted.body));
        assert.equal(lifted.body.maxUses, undefined);
        assert.equal(lifted.body.useCount, undefined);
        for (let i = 0; i < 3; i++) assert.equal((await tokenFrom('192.0.2.1', client.clientId, secret.secret)).status, 200);

        // The count resumes where it stood: the three uses without a limit were not counted.
        const again = await patch(secret.name, 'maxUses', { maxUses: 3 });
        assert.deepEqual([again.body.maxUses, again.body.useCount], [3, 2]);
        assert.equal((await tokenFrom('192.0.2.1', client.clientId, secret.secret)).status, 200);
        assert.equal((await tokenFrom('192.0.2.1', client.clientId, secret.secret)).status, 401);
        assert.equal((await call('GET', `/v1/${secret.name}`)).body.useCount, 3);

        const events = await updatedEvents(secret.name);
        assert.deepEqual(
          events.map((e) => [e.data.before.maxUses, e.data.after.maxUses]).sort(),
          [[2, null], [5, 2], [null, 3]].sort(),
        );
      });

      it('a resource read with GET can be sent back changed: output-only fields are ignored', async () => {
        const client = await newClient('round trip');
        const secret = await fencedSecret(client, { maxUses: 4, allowedCidrs: ['192.0.2.0/24'] });
        const got = (await call('GET', `/v1/${secret.name}`)).body;
        const sent = await patch(secret.name, 'allowedCidrs', { ...got, allowedCidrs: ['192.0.2.0/24', '2001:db8::/32'], displayName: 'ignored' });
        assert.equal(sent.status, 200, JSON.stringify(sent.body));
        assert.deepEqual([sent.body.allowedCidrs, sent.body.maxUses, sent.body.displayName], [['192.0.2.0/24', '2001:db8::/32'], 4, 'fenced']);
      });

      it('refuses bad fences with the rule of create, names what can be updated, and changes nothing', async () => {
        const client = await newClient('bad patch');
        const secret = await fencedSecret(client, { maxUses: 3, allowedCidrs: ['192.0.2.0/24'] });
        const bad = await patch(secret.name, 'allowedCidrs', { allowedCidrs: ['10.0.0.0/8', '10.0.0.0/33', 'example.com'] });
        assert.equal(bad.status, 400, JSON.stringify(bad.body));
        assert.deepEqual(
          bad.body.errors.map((e: { field: string }) => e.field),
          ['allowedCidrs.1', 'allowedCidrs.2'],
        );
        assert.match(bad.body.errors[0].description, /IPv4 prefix is 0 to 32/);
        for (const maxUses of [0, -1, 2.5]) {
          const refused = await patch(secret.name, 'maxUses', { maxUses });
          assert.equal(refused.status, 400, `${maxUses}: ${JSON.stringify(refused.body)}`);
          assert.match(JSON.stringify(refused.body), /maxUses/);
        }
        const tooMany = await patch(secret.name, undefined, { allowedCidrs: Array.from({ length: 101 }, (_, i) => `10.0.${i}.0/24`) });
        assert.equal(tooMany.status, 400);
        assert.match(JSON.stringify(tooMany.body), /at most 100 CIDR blocks/);

        const notUpdatable = await patch(secret.name, 'displayName,expireTime', { displayName: 'x' });
        assert.equal(notUpdatable.status, 400);
        assert.match(notUpdatable.body.detail, /cannot be updated: displayName, expireTime/);
        assert.match(JSON.stringify(notUpdatable.body.errors), /allowedCidrs, maxUses/);
        const nothing = await patch(secret.name, undefined, { displayName: 'x' });
        assert.equal(nothing.status, 400);
        assert.match(nothing.body.detail, /Nothing to update/);

        const after = (await call('GET', `/v1/${secret.name}`)).body;
        assert.deepEqual([after.allowedCidrs, after.maxUses], [['192.0.2.0/24'], 3]);
        assert.equal((await updatedEvents(secret.name)).length, 0, 'a refused change records nothing');

        assert.equal((await patch(`${client.name}/credentials/cred_nope`, 'maxUses', { maxUses: 1 })).status, 404);
        const other = await h.call('POST', '/v1/apiClients', { displayName: 'another organization' });
        assert.equal((await h.call('PATCH', `/v1/${other.body.name}/credentials/${secret.name.split('/').pop()}?updateMask=maxUses`, { maxUses: 1 })).status, 404);
        assert.equal((await h.call('PATCH', `/v1/${secret.name}?updateMask=maxUses`, { maxUses: 1 })).status, 404, 'another organization cannot reach it');
      });

      it('needs the permission to write clients', async () => {
        const client = await newClient('guarded');
        const secret = await fencedSecret(client, { maxUses: 3 });
        const reader = await bearerWith(h, asTenant, ['keyward:clients.read']);
        const refused = await h.call('PATCH', `/v1/${secret.name}?updateMask=maxUses`, { maxUses: 100 }, reader);
        assert.equal(refused.status, 403, JSON.stringify(refused.body));
        assert.equal((await call('GET', `/v1/${secret.name}`)).body.maxUses, 3);
      });
    });
  });
}

/**
 * Two instances on one database (as in test/security/instances.test.ts): a fence changed through
 * one reaches the other's token path, which holds the client and its compiled fences in memory.
 * On SQLite both share this process, so requests go one at a time.
 */
for (const db of databases) {
  describe(`a credential's fences changed on one instance (${db.name})`, () => {
    let one: Harness;
    let two: Harness;
    const env = { KEYWARD_TRUST_PROXY: '127.0.0.1', KEYWARD_RATE_LIMIT_FAILURES: '1000' };
    before(async () => {
      one = await startHarness(undefined, { db, env, runtime: { webhooks: { autoStart: false }, credentialExpiry: { autoStart: false } } });
      two = await startHarness(undefined, { dataDir: one.dataDir, databaseUrl: one.databaseUrl, env, runtime: { webhooks: { autoStart: false }, credentialExpiry: { autoStart: false } } });
    });
    after(async () => {
      await two.close();
      await one.close();
    });

    it('the other instance authenticates by the new fence on its next requests', async () => {
      const basic = (clientId: string, secret: string) => `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;
      const client = (await one.call('POST', '/v1/apiClients', { displayName: 'two instances' })).body;
      const secret = (await one.call('POST', `/v1/${client.name}/credentials`, { allowedCidrs: ['203.0.113.0/24'], maxUses: 100 })).body;
      const tokenOnTwo = (address: string) =>
        form(two, '/oauth/token', { grant_type: 'client_credentials' }, { authorization: basic(client.clientId, secret.secret), 'x-forwarded-for': address });
      assert.equal((await tokenOnTwo('203.0.113.5')).status, 200);
      // The events of the client's creation reach the second instance by its change feed (a poll
      // every 250 ms) and drop what it read; only an entry read after them shows that the
      // change's own event reaches it.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      assert.equal((await tokenOnTwo('198.51.100.5')).status, 401, 'the second instance now holds the client and its fence');

      const widened = await one.call('PATCH', `/v1/${secret.name}?updateMask=allowedCidrs`, { allowedCidrs: ['198.51.100.0/24'] });
      assert.equal(widened.status, 200, JSON.stringify(widened.body));
      const started = Date.now();
      for (;;) {
        if ((await tokenOnTwo('198.51.100.5')).status === 200) break;
        assert.ok(Date.now() - started < 5000, 'the second instance never saw the new fence');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.equal((await tokenOnTwo('203.0.113.5')).status, 401, 'the old block is gone there too');

      // A limit lowered to the count on one instance holds on the other at once: the count is in the database.
      const used = (await one.call('GET', `/v1/${secret.name}`)).body.useCount as number;
      assert.equal((await one.call('PATCH', `/v1/${secret.name}?updateMask=maxUses`, { maxUses: used })).status, 200);
      assert.equal((await tokenOnTwo('198.51.100.5')).status, 401);
    });
  });
}
