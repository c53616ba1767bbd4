import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clientKey } from '../helpers/assertions.js';
import { createTenant, databases, type Harness, startHarness } from '../helpers/harness.js';

const DAY = 86_400_000;

/**
 * A workspace's credentialPolicy through the real HTTP stack: new credentials are checked by
 * every path that makes one, a tightened policy lists (not disables) what breaks it, and the
 * credential lists filter by last use so that operators can prune.
 */
for (const db of databases) {
  describe(`workspace credentialPolicy and credential filters (${db.name})`, () => {
    let h: Harness;
    let asTenant: { authorization: string };
    const call = (method: string, url: string, body?: unknown) => h.call(method, url, body, asTenant);
    const newWorkspace = async (displayName: string, credentialPolicy?: unknown) => {
      const created = await call('POST', '/v1/workspaces', { displayName, ...(credentialPolicy !== undefined ? { credentialPolicy } : {}) });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      return created.body as { name: string; id: string; credentialPolicy?: Record<string, unknown> };
    };
    const newClient = async (workspace: string, query = '') => call('POST', `/v1/apiClients${query}`, { displayName: 'c', workspace });
    const setPolicy = (workspace: string, credentialPolicy: unknown) => call('PATCH', `/v1/${workspace}?updateMask=credentialPolicy`, { credentialPolicy });
    const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

    before(async () => {
      h = await startHarness(undefined, { db, runtime: { webhooks: { autoStart: false }, credentialExpiry: { autoStart: false } } });
      asTenant = { authorization: `Bearer ${(await createTenant(h, 'Policed')).token}` };
    });
    after(() => h.close());

    it('sets, shows, replaces and removes a policy; refuses bad values with a 400 naming the rule', async () => {
      const ws = await newWorkspace('policy values', { maxSecretLifetime: '7776000s', requireExpiry: true });
      assert.deepEqual(ws.credentialPolicy, { maxSecretLifetime: '7776000s', requireExpiry: true });
      const replaced = await setPolicy(ws.name, { allowSecrets: false });
      assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
      assert.deepEqual(replaced.body.credentialPolicy, { allowSecrets: false });
      assert.deepEqual((await call('GET', `/v1/${ws.name}`)).body.credentialPolicy, { allowSecrets: false });

      for (const [policy, pattern] of [
        [{ maxSecretLifetime: '90d' }, /maxSecretLifetime must be a duration such as/],
        [{ maxSecretLifetime: '0s' }, /credentialPolicy\.maxSecretLifetime/],
        [{ requireExpiry: 'yes' }, /requireExpiry/],
        [{ maxSecretLifetimes: '10s' }, /maxSecretLifetimes/],
      ] as const) {
        const bad = await setPolicy(ws.name, policy);
        assert.equal(bad.status, 400, JSON.stringify(policy));
        assert.match(JSON.stringify(bad.body), pattern);
      }
      const removed = await setPolicy(ws.name, null);
      assert.equal(removed.status, 200);
      assert.equal(removed.body.credentialPolicy, undefined);
      const displayOnly = await call('PATCH', `/v1/${ws.name}`, { displayName: 'renamed' });
      assert.equal(displayOnly.body.credentialPolicy, undefined);
    });

    it('maxSecretLifetime and requireExpiry: a first secret gets the longest lifetime allowed; longer, or no expiry, is a 400 naming the policy', async () => {
      const ws = await newWorkspace('lifetimes', { maxSecretLifetime: '7776000s', requireExpiry: true });
      const client = await newClient(ws.name);
      assert.equal(client.status, 200, JSON.stringify(client.body));
      const [first] = (await call('GET', `/v1/${client.body.name}/credentials`)).body.credentials;
      const lifetime = Date.parse(first.expireTime) - Date.parse(first.createTime);
      assert.ok(Math.abs(lifetime - 7_776_000_000) < 1000, `first secret lives ${lifetime} ms`);
      assert.equal(first.policyViolations, undefined);

      const tooLong = await call('POST', `/v1/${client.body.name}/credentials`, { expireTime: inDays(100) });
      assert.equal(tooLong.status, 400);
      assert.match(tooLong.body.detail ?? JSON.stringify(tooLong.body), new RegExp(`credential policy of ${ws.name} refuses this credential: maxSecretLifetime: a secret may live at most 7776000s`));
      const rotateLong = await call('POST', `/v1/${client.body.name}:rotateSecret`, { expireTime: inDays(91) });
      assert.equal(rotateLong.status, 400);
      assert.match(JSON.stringify(rotateLong.body), /maxSecretLifetime/);
      assert.equal((await call('POST', `/v1/${client.body.name}/credentials`, { expireTime: inDays(30) })).status, 200);

      const key = await clientKey();
      const keyWithout = await call('POST', `/v1/${client.body.name}/credentials`, { type: 'PUBLIC_KEY', jwk: key.publicJwk });
      assert.equal(keyWithout.status, 400);
      assert.match(JSON.stringify(keyWithout.body), /requireExpiry: every credential must have an expireTime/);
      assert.equal((await call('POST', `/v1/${client.body.name}/credentials`, { type: 'PUBLIC_KEY', jwk: key.publicJwk, expireTime: inDays(365) })).status, 200, 'the lifetime rule is for secrets');
    });

    it('allowSecrets false: no secret by any path, a client without one is fine, and a dialect cannot make one either', async () => {
      const ws = await newWorkspace('keys only', { allowSecrets: false });
      const refused = await newClient(ws.name);
      assert.equal(refused.status, 400);
      assert.match(JSON.stringify(refused.body), /allowSecrets: the workspace allows no secrets/);
      assert.equal((await call('GET', `/v1/apiClients?filter=${encodeURIComponent(`workspace = "${ws.name}"`)}`)).body.apiClients.length, 0, 'nothing written');

      const keyOnly = await newClient(ws.name, '?withoutSecret=true');
      assert.equal(keyOnly.status, 200, JSON.stringify(keyOnly.body));
      assert.equal(keyOnly.body.clientSecret, undefined);
      assert.equal((await call('POST', `/v1/${keyOnly.body.name}/credentials`, {})).status, 400);
      assert.equal((await call('POST', `/v1/${keyOnly.body.name}:rotateSecret`, {})).status, 400);
      assert.equal((await call('POST', `/v1/${keyOnly.body.name}/credentials`, { type: 'PUBLIC_KEY', jwk: (await clientKey()).publicJwk })).status, 200);

      // Keycard's application credentials make a secret through the same service.
      const keycard = await h.call('POST', `/zones/${ws.id}/application-credentials`, { type: 'password', application_id: keyOnly.body.name.split('/')[1] }, asTenant);
      assert.equal(keycard.status, 400, JSON.stringify(keycard.body));
      assert.match(JSON.stringify(keycard.body), /allowSecrets/);
    });

    it('a tightened policy disables nothing: credentials made before it keep working and are listed with their violations', async () => {
      const ws = await newWorkspace('tightened later');
      const client = await newClient(ws.name);
      const key = await call('POST', `/v1/${client.body.name}/credentials`, { type: 'PUBLIC_KEY', jwk: (await clientKey()).publicJwk, expireTime: inDays(10) });
      assert.equal(key.status, 200);
      assert.equal((await setPolicy(ws.name, { allowSecrets: false, requireExpiry: true })).status, 200);

      assert.equal((await h.token(client.body.clientId, client.body.clientSecret)).status, 200, 'the old secret still authenticates');
      const listed = (await call('GET', `/v1/${client.body.name}/credentials`)).body.credentials as { name: string; type: string; policyViolations?: { rule: string }[] }[];
      const secret = listed.find((c) => c.type === 'SECRET')!;
      assert.deepEqual(secret.policyViolations!.map((v) => v.rule).sort(), ['allowSecrets', 'requireExpiry']);
      assert.equal(listed.find((c) => c.type === 'PUBLIC_KEY')!.policyViolations, undefined);
      assert.deepEqual((await call('GET', `/v1/${secret.name}`)).body.policyViolations.map((v: { rule: string }) => v.rule).sort(), ['allowSecrets', 'requireExpiry']);

      const violating = await call('GET', `/v1/${client.body.name}/credentials?filter=${encodeURIComponent('policyViolated = true')}`);
      assert.deepEqual(violating.body.credentials.map((c: { name: string }) => c.name), [secret.name]);
      const inWorkspace = await call('GET', `/v1/${ws.name}/credentials?filter=${encodeURIComponent('policyViolated = true')}`);
      assert.equal(inWorkspace.status, 200, JSON.stringify(inWorkspace.body));
      assert.deepEqual(inWorkspace.body.credentials.map((c: { name: string }) => c.name), [secret.name]);
      assert.equal(inWorkspace.body.nextPageToken, '');
      const keeping = await call('GET', `/v1/${ws.name}/credentials?filter=${encodeURIComponent('policyViolated = false')}`);
      assert.deepEqual(keeping.body.credentials.map((c: { name: string }) => c.name), [key.body.name]);
    });

    it('lastUseTime < T lists credentials not used since T, the never-used ones made before T included', async () => {
      const ws = await newWorkspace('pruning');
      const client = await newClient(ws.name);
      const clientName = client.body.name as string;
      const add = async (displayName: string) => (await call('POST', `/v1/${clientName}/credentials`, { displayName })).body as { name: string; secret: string };
      const usedLongAgo = await add('used 40 days ago');
      const neverUsedOld = await add('never used, made 40 days ago');
      const neverUsedNew = await add('never used, made now');
      const idOf = (name: string) => name.split('/').at(-1)!;
      // Forty days pass for two of them.
      const kysely = h.runtime.store.db.kysely;
      await kysely.updateTable('credentials').set({ last_use_time: Date.now() - 40 * DAY, create_time: Date.now() - 50 * DAY }).where('id', '=', idOf(usedLongAgo.name)).execute();
      await kysely.updateTable('credentials').set({ create_time: Date.now() - 40 * DAY }).where('id', '=', idOf(neverUsedOld.name)).execute();
      // The first secret is used now.
      assert.equal((await h.token(client.body.clientId, client.body.clientSecret)).status, 200);
      await h.runtime.flushUsage();

      const since = new Date(Date.now() - 30 * DAY).toISOString();
      const filter = encodeURIComponent(`lastUseTime < "${since}"`);
      const names = (body: { credentials: { name: string }[] }) => body.credentials.map((c) => c.name).sort();
      const expected = [usedLongAgo.name, neverUsedOld.name].sort();
      const perClient = await call('GET', `/v1/${clientName}/credentials?filter=${filter}`);
      assert.equal(perClient.status, 200, JSON.stringify(perClient.body));
      assert.deepEqual(names(perClient.body), expected);
      assert.ok(!names(perClient.body).includes(neverUsedNew.name));
      assert.deepEqual(names((await call('GET', `/v1/${ws.name}/credentials?filter=${filter}&pageSize=1000`)).body), expected);
      const secretsOnly = await call('GET', `/v1/${clientName}/credentials?filter=${encodeURIComponent(`lastUseTime < "${since}" AND type = "SECRET"`)}`);
      assert.deepEqual(names(secretsOnly.body), expected);

      for (const bad of ['lastUseTime > "2026-01-01T00:00:00Z"', 'lastUseTime < "last month"', 'secretHash = "x"', 'type = "PASSWORD"']) {
        const refused = await call('GET', `/v1/${clientName}/credentials?filter=${encodeURIComponent(bad)}`);
        assert.equal(refused.status, 400, bad);
        assert.equal(refused.body.status ?? 400, 400);
      }
      assert.equal((await call('GET', `/v1/workspaces/ws_missing/credentials`)).status, 404);
    });
  });
}
