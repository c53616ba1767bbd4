import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ADMIN_ID, ADMIN_SECRET, createTenant, databases, startHarness, type Harness } from '../helpers/harness.js';

for (const db of databases) {
  describe(`/v1/apiClients (${db.name})`, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(undefined, { db });
    });
    after(() => h.close());

    describe('200', () => {
      it('creates a client, shows the secret once, and gets it back without the secret', async () => {
        const created = await h.call('POST', '/v1/apiClients', {
          displayName: 'Billing exporter',
          description: 'Exports invoices',
          permissions: ['invoices.read'],
          labels: { team: 'finance' },
        });
        assert.equal(created.status, 200);
        assert.match(created.body.name, /^apiClients\/ac_[a-z0-9]{20}$/);
        assert.match(created.body.clientSecret, /^kw_[0-9A-Za-z]{49}$/);
        assert.equal(created.body.state, 'ENABLED');
        assert.match(created.body.createdBy, /^apiClients\//);
        const got = await h.call('GET', `/v1/${created.body.name}`);
        assert.equal(got.status, 200);
        assert.equal(got.body.clientSecret, undefined);
        assert.equal(got.body.clientId, created.body.clientId);
        assert.deepEqual(got.body.labels, { team: 'finance' });
      });

      it('lists with pageSize/nextPageToken, a filter and an order', async () => {
        for (let i = 0; i < 5; i++) await h.call('POST', '/v1/apiClients', { displayName: `paged-${i}` });
        const first = await h.call('GET', '/v1/apiClients?pageSize=2&filter=' + encodeURIComponent('displayName: "paged-"') + '&orderBy=displayName%20desc');
        assert.equal(first.status, 200);
        assert.deepEqual(first.body.apiClients.map((c: { displayName: string }) => c.displayName), ['paged-4', 'paged-3']);
        assert.notEqual(first.body.nextPageToken, '');
        const rest: string[] = [];
        let token = first.body.nextPageToken;
        while (token) {
          const page = await h.call('GET', `/v1/apiClients?pageSize=2&filter=${encodeURIComponent('displayName: "paged-"')}&orderBy=displayName%20desc&pageToken=${token}`);
          rest.push(...page.body.apiClients.map((c: { displayName: string }) => c.displayName));
          token = page.body.nextPageToken;
        }
        assert.deepEqual(rest, ['paged-2', 'paged-1', 'paged-0']);
        for (const c of first.body.apiClients) assert.equal(c.clientSecret, undefined);
        // Proto names, as Google's HTTP transcoding takes them.
        const snake = await h.call('GET', `/v1/apiClients?page_size=2&filter=${encodeURIComponent('displayName: "paged-"')}&order_by=displayName%20desc&page_token=${first.body.nextPageToken}`);
        assert.equal(snake.status, 200, JSON.stringify(snake.body));
        assert.deepEqual(snake.body.apiClients.map((c: { displayName: string }) => c.displayName), ['paged-2', 'paged-1']);
        const bad = await h.call('GET', '/v1/apiClients?page_size=lots');
        assert.equal(bad.status, 400);
        assert.match(bad.body.detail, /pageSize/);
      });

      it('takes updateMask by its proto name too', async () => {
        const created = await h.call('POST', '/v1/apiClients', { displayName: 'snake', description: 'keep me' });
        const updated = await h.call('PATCH', `/v1/${created.body.name}?update_mask=displayName`, { displayName: 'snake after', description: 'ignored' });
        assert.equal(updated.status, 200, JSON.stringify(updated.body));
        assert.deepEqual([updated.body.displayName, updated.body.description], ['snake after', 'keep me']);
      });

      it('updates only the fields in updateMask', async () => {
        const created = await h.call('POST', '/v1/apiClients', { displayName: 'before', description: 'keep me' });
        const updated = await h.call('PATCH', `/v1/${created.body.name}?updateMask=displayName`, { displayName: 'after', description: 'ignored' });
        assert.equal(updated.status, 200);
        assert.equal(updated.body.displayName, 'after');
        assert.equal(updated.body.description, 'keep me');
      });

      it('tokenLifetime null goes back to the default lifetime', async () => {
        const created = (await h.call('POST', '/v1/apiClients', { displayName: 'lifetime', tokenLifetime: 600 })).body;
        assert.equal(created.tokenLifetime, 600);
        const reset = await h.call('PATCH', `/v1/${created.name}?updateMask=tokenLifetime`, { tokenLifetime: null });
        assert.equal(reset.status, 200, JSON.stringify(reset.body));
        assert.equal(reset.body.tokenLifetime, null);
        assert.equal((await h.call('PATCH', `/v1/${created.name}?updateMask=tokenLifetime`, { tokenLifetime: 0 })).status, 400, '0 is not null');
      });

      it('concurrent updates of different fields of one client all survive (no lost update)', async () => {
        const created = (await h.call('POST', '/v1/apiClients', { displayName: 'contended', labels: {} })).body;
        for (let round = 0; round < 5; round++) {
          const results = await Promise.all([
            h.call('PATCH', `/v1/${created.name}?updateMask=displayName`, { displayName: `name ${round}` }),
            h.call('PATCH', `/v1/${created.name}?updateMask=description`, { description: `description ${round}` }),
            h.call('PATCH', `/v1/${created.name}?updateMask=audiences`, { audiences: [`https://api-${round}.example.com`] }),
            h.call('PATCH', `/v1/${created.name}?updateMask=tokenLifetime`, { tokenLifetime: 60 + round }),
          ]);
          assert.deepEqual(results.map((r) => r.status), [200, 200, 200, 200]);
          const stored = (await h.call('GET', `/v1/${created.name}`)).body;
          assert.equal(stored.displayName, `name ${round}`);
          assert.equal(stored.description, `description ${round}`);
          assert.deepEqual(stored.audiences, [`https://api-${round}.example.com`]);
          assert.equal(stored.tokenLifetime, 60 + round);
        }
      });

      it('labels.{key} in updateMask sets or removes one label, and concurrent label changes all survive', async () => {
        const created = (await h.call('POST', '/v1/apiClients', { displayName: 'labelled', labels: { team: 'core', tier_name: 'gold' } })).body;
        const set = await h.call('PATCH', `/v1/${created.name}?updateMask=labels.env,labels.tier_name`, { labels: { env: 'prod', tier_name: 'silver', team: 'ignored' } });
        assert.equal(set.status, 200, JSON.stringify(set.body));
        assert.deepEqual(set.body.labels, { team: 'core', tier_name: 'silver', env: 'prod' }, 'the key is taken verbatim, not camel-cased');
        const removed = await h.call('PATCH', `/v1/${created.name}?updateMask=labels.team,labels.constructor`, { labels: {} });
        assert.equal(removed.status, 200, JSON.stringify(removed.body));
        assert.deepEqual(removed.body.labels, { tier_name: 'silver', env: 'prod' }, 'removing a label that is not there (even one named like a built-in) is no error');

        const results = await Promise.all(
          Array.from({ length: 6 }, (_, i) => h.call('PATCH', `/v1/${created.name}?updateMask=labels.k${i}`, { labels: { [`k${i}`]: `v${i}` } })),
        );
        assert.deepEqual(results.map((r) => r.status), [200, 200, 200, 200, 200, 200]);
        const stored = (await h.call('GET', `/v1/${created.name}`)).body;
        assert.deepEqual(stored.labels, { tier_name: 'silver', env: 'prod', k0: 'v0', k1: 'v1', k2: 'v2', k3: 'v3', k4: 'v4', k5: 'v5' });

        const both = await h.call('PATCH', `/v1/${created.name}?updateMask=labels,labels.env`, { labels: {} });
        assert.equal(both.status, 400);
        assert.match(both.body.detail, /labels and labels\.\{key\} together/);
        const badKey = await h.call('PATCH', `/v1/${created.name}?updateMask=labels.Bad%20Key`, {});
        assert.equal(badKey.status, 400);
        assert.equal(badKey.body.errors[0].field, 'labels.Bad Key');
        assert.deepEqual((await h.call('GET', `/v1/${created.name}`)).body.labels, stored.labels, 'refused updates change nothing');
      });

      it('disables a client: its tokens stop at once and it gets no new ones; enabling restores it', async () => {
        const created = await h.call('POST', '/v1/apiClients', { displayName: 'toggle', permissions: ['x'] });
        const tok = await h.token(created.body.clientId, created.body.clientSecret);
        const disabled = await h.call('POST', `/v1/${created.body.name}:disable`);
        assert.equal(disabled.body.state, 'DISABLED');
        assert.equal((await h.token(created.body.clientId, created.body.clientSecret)).status, 401);
        const introspected = await h.inject({
          method: 'POST',
          url: '/oauth/introspect',
          headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`test-admin:test-admin-secret-0123456789abcdefghij`).toString('base64')}` },
          payload: `token=${tok.body.access_token}`,
        });
        assert.deepEqual(JSON.parse(introspected.body), { active: false });
        await h.call('POST', `/v1/${created.body.name}:enable`);
        assert.equal((await h.token(created.body.clientId, created.body.clientSecret)).status, 200);
      });

      it('enabling a disabled client again does not revive the tokens issued before the disable, even in its second', async () => {
        const created = (await h.call('POST', '/v1/apiClients', { displayName: 'leaked', permissions: ['x'] })).body;
        const introspect = async (token: string) =>
          JSON.parse(
            (
              await h.inject({
                method: 'POST',
                url: '/oauth/introspect',
                headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${ADMIN_ID}:${ADMIN_SECRET}`).toString('base64')}` },
                payload: `token=${token}`,
              })
            ).body,
          );
        const earlier = (await h.token(created.clientId, created.clientSecret)).body.access_token;
        // From the start of a second, so that the next token, the disable and the enable share the
        // token's one-second `iat`.
        await sleep(1000 - (Date.now() % 1000));
        const sameSecond = (await h.token(created.clientId, created.clientSecret)).body.access_token;
        const disabledAt = Date.now();
        assert.equal((await h.call('POST', `/v1/${created.name}:disable`)).status, 200);
        assert.equal((await h.call('POST', `/v1/${created.name}:enable`)).status, 200);
        assert.equal(Math.floor(Date.now() / 1000), Math.floor(disabledAt / 1000), 'the test needs the disable and the enable in one second');
        assert.deepEqual(await introspect(earlier), { active: false });
        assert.deepEqual(await introspect(sameSecond), { active: false });

        // Issued after the enable, though in the second of the disable: it must live.
        const fresh = await h.token(created.clientId, created.clientSecret);
        assert.equal(fresh.status, 200);
        const active = await introspect(fresh.body.access_token);
        assert.equal(active.active, true);
        assert.ok(active.iat > Math.floor(disabledAt / 1000));
        assert.deepEqual(await introspect(earlier), { active: false }, 'still dead after a new token was issued');

        // Disabling through an update does the same.
        assert.equal((await h.call('PATCH', `/v1/${created.name}?updateMask=state`, { state: 'DISABLED' })).status, 200);
        assert.equal((await h.call('PATCH', `/v1/${created.name}?updateMask=state`, { state: 'ENABLED' })).status, 200);
        assert.deepEqual(await introspect(fresh.body.access_token), { active: false });
        assert.equal((await introspect((await h.token(created.clientId, created.clientSecret)).body.access_token)).active, true);
      });

      it('deletes a client and its credentials; the delete is audited', async () => {
        const created = await h.call('POST', '/v1/apiClients', { displayName: 'short-lived' });
        const deleted = await h.call('DELETE', `/v1/${created.body.name}`);
        assert.equal(deleted.status, 200);
        assert.deepEqual(deleted.body, {});
        assert.equal((await h.call('GET', `/v1/${created.body.name}`)).status, 404);
        assert.equal((await h.token(created.body.clientId, created.body.clientSecret)).status, 401);
        const audit = await h.call('GET', `/v1/auditEvents?filter=${encodeURIComponent(`resource = "${created.body.name}"`)}`);
        assert.deepEqual(audit.body.auditEvents.map((e: { type: string }) => e.type), ['client.deleted', 'client.created']);
      });

      it('assigns roles; the token scope holds the role permissions', async () => {
        const role = await h.call('POST', '/v1/roles', { displayName: 'Flags editor', permissions: ['flags.read', 'flags.write'] });
        const created = await h.call('POST', '/v1/apiClients', { displayName: 'with role', roles: [role.body.name], permissions: ['extra'] });
        assert.deepEqual(created.body.roles, [role.body.name]);
        const tok = await h.token(created.body.clientId, created.body.clientSecret);
        assert.equal(tok.body.scope, 'extra flags.read flags.write');
      });
    });

    describe('400', () => {
      it('refuses a missing displayName, bad labels, unknown roles and an unknown updateMask field, with field details', async () => {
        const missing = await h.call('POST', '/v1/apiClients', { description: 'x' });
        assert.equal(missing.status, 400);
        assert.equal(missing.headers['content-type'], 'application/problem+json; charset=utf-8');
        assert.equal(missing.body.code, 'invalid_argument');
        assert.match(missing.body.detail, /displayName/);
        const labels = await h.call('POST', '/v1/apiClients', { displayName: 'x', labels: { 'Bad Key': 'v' } });
        assert.equal(labels.status, 400);
        assert.match(JSON.stringify(labels.body.errors), /labels/);
        const role = await h.call('POST', '/v1/apiClients', { displayName: 'x', roles: ['roles/nope'] });
        assert.equal(role.status, 400);
        assert.match(role.body.detail, /roles\/nope/);
        const created = await h.call('POST', '/v1/apiClients', { displayName: 'x' });
        const mask = await h.call('PATCH', `/v1/${created.body.name}?updateMask=clientId`, { displayName: 'y' });
        assert.equal(mask.status, 400);
        assert.match(mask.body.detail, /clientId/);
      });

      it('refuses a field the body does not have (a misspelling), naming it, and writes nothing', async () => {
        const before = (await h.call('GET', '/v1/apiClients?pageSize=1000')).body.apiClients.length;
        const typo = await h.call('POST', '/v1/apiClients', { displayName: 'typo', permisions: ['orders.read'] });
        assert.equal(typo.status, 400, JSON.stringify(typo.body));
        assert.equal(typo.body.code, 'invalid_argument');
        assert.deepEqual(typo.body.errors.map((e: { field: string }) => e.field), ['body.permisions']);
        assert.match(typo.body.detail, /body\.permisions is not a field of this request; check its spelling/);
        assert.equal((await h.call('GET', '/v1/apiClients?pageSize=1000')).body.apiClients.length, before, 'nothing was created');

        const created = (await h.call('POST', '/v1/apiClients', { displayName: 'strict', description: 'kept' })).body;
        const patch = await h.call('PATCH', `/v1/${created.name}`, { description: 'changed', enabeld: false });
        assert.equal(patch.status, 400);
        assert.equal(patch.body.errors[0].field, 'body.enabeld');
        const stored = (await h.call('GET', `/v1/${created.name}`)).body;
        assert.equal(stored.description, 'kept');
        assert.equal(stored.state, 'ENABLED');
      });

      it('refuses a bad filter, orderBy and pageToken', async () => {
        assert.equal((await h.call('GET', '/v1/apiClients?filter=' + encodeURIComponent('secret = "x"'))).status, 400);
        assert.equal((await h.call('GET', '/v1/apiClients?orderBy=clientSecret')).status, 400);
        assert.equal((await h.call('GET', '/v1/apiClients?pageToken=garbage')).status, 400);
      });

      it('a rejected request writes nothing', async () => {
        const before = await h.call('GET', '/v1/auditEvents?pageSize=1');
        await h.call('POST', '/v1/apiClients', { displayName: 'x', roles: ['roles/nope'] });
        const after = await h.call('GET', '/v1/auditEvents?pageSize=1');
        assert.equal(after.body.auditEvents[0].sequence, before.body.auditEvents[0].sequence);
      });
    });

    describe('401', () => {
      it('without a token: a Bearer challenge without an error attribute', async () => {
        const res = await h.inject({ method: 'GET', url: '/v1/apiClients' });
        assert.equal(res.statusCode, 401);
        assert.equal(res.headers['www-authenticate'], 'Bearer realm="keyward"');
      });

      it('with a bad token: invalid_token', async () => {
        const res = await h.inject({ method: 'GET', url: '/v1/apiClients', headers: { authorization: 'Bearer not.a.token' } });
        assert.equal(res.statusCode, 401);
        assert.match(String(res.headers['www-authenticate']), /error="invalid_token"/);
      });
    });

    describe('403', () => {
      it('a token without the permission: insufficient_scope naming it', async () => {
        const created = await h.call('POST', '/v1/apiClients', { displayName: 'reader', permissions: ['keyward:clients.read'] });
        const tok = await h.token(created.body.clientId, created.body.clientSecret);
        const res = await h.call('POST', '/v1/apiClients', { displayName: 'nope' }, { authorization: `Bearer ${tok.body.access_token}` });
        assert.equal(res.status, 403);
        assert.match(String(res.headers['www-authenticate']), /error="insufficient_scope", scope="keyward:clients.write"/);
        assert.equal((await h.call('GET', '/v1/apiClients', undefined, { authorization: `Bearer ${tok.body.access_token}` })).status, 200);
      });

      it('an org admin cannot grant admin permissions it lacks, nor act in another organization', async () => {
        const tenant = await createTenant(h, 'Escalation');
        const asTenant = { authorization: `Bearer ${tenant.token}` };
        const escalate = await h.call('POST', '/v1/apiClients', { displayName: 'x', permissions: ['keyward:super'] }, asTenant);
        assert.equal(escalate.status, 403);
        const other = await h.call('GET', '/v1/apiClients', undefined, { ...asTenant, 'x-keyward-org': 'org_root' });
        assert.equal(other.status, 403);
      });
    });

    describe('404', () => {
      it("another organization's client is not found, for every verb, and nothing changes", async () => {
        const tenant = await createTenant(h, 'Neighbour');
        const mine = await h.call('POST', '/v1/apiClients', { displayName: 'root-owned' });
        const asTenant = { authorization: `Bearer ${tenant.token}` };
        assert.equal((await h.call('GET', `/v1/${mine.body.name}`, undefined, asTenant)).status, 404);
        assert.equal((await h.call('PATCH', `/v1/${mine.body.name}`, { displayName: 'pwned' }, asTenant)).status, 404);
        assert.equal((await h.call('DELETE', `/v1/${mine.body.name}`, undefined, asTenant)).status, 404);
        assert.equal((await h.call('POST', `/v1/${mine.body.name}:disable`, undefined, asTenant)).status, 404);
        assert.equal((await h.call('GET', `/v1/${mine.body.name}/credentials`, undefined, asTenant)).status, 404);
        assert.equal((await h.call('POST', `/v1/${mine.body.name}:rotateSecret`, {}, asTenant)).status, 404);
        const unchanged = await h.call('GET', `/v1/${mine.body.name}`);
        assert.equal(unchanged.body.displayName, 'root-owned');
        assert.equal(unchanged.body.state, 'ENABLED');
      });

      it('a super-admin reaches another organization with x-keyward-org, and an unknown one is 404', async () => {
        const tenant = await createTenant(h, 'Managed');
        const list = await h.call('GET', '/v1/apiClients', undefined, { 'x-keyward-org': tenant.orgId });
        assert.equal(list.status, 200);
        assert.deepEqual(list.body.apiClients.map((c: { clientId: string }) => c.clientId), [tenant.clientId]);
        assert.equal((await h.call('GET', '/v1/apiClients', undefined, { 'x-keyward-org': 'org_missing' })).status, 404);
      });
    });

    describe('409', () => {
      it('a taken client id is a conflict', async () => {
        const first = await h.call('POST', '/v1/apiClients?apiClientId=fixed-client-id', { displayName: 'a' });
        assert.equal(first.status, 200);
        assert.equal(first.body.clientId, 'fixed-client-id');
        const second = await h.call('POST', '/v1/apiClients?apiClientId=fixed-client-id', { displayName: 'b' });
        assert.equal(second.status, 409);
        assert.match(second.body.detail, /taken/);
      });
    });
  });
}
