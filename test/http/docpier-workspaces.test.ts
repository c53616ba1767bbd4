import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTenant, databases, startHarness, type Harness } from '../helpers/harness.js';

/**
 * Docpier admin-workspaces: workspaces, access grants, settings and the document-type catalogue,
 * through HTTP with Docpier's shapes (seed-apis §1.2–1.3), on every database.
 */
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

for (const db of databases) {
  describe(`Docpier workspaces (${db.name})`, () => {
    let h: Harness;
    let tenant: Awaited<ReturnType<typeof createTenant>>;
    const as = (token: string) => ({ authorization: `Bearer ${token}` });
    const call = (method: string, url: string, body?: unknown) => h.call(method, url, body, as(tenant.token));

    before(async () => {
      h = await startHarness(undefined, { db, runtime: { webhooks: { autoStart: false }, credentialExpiry: { autoStart: false } } });
      tenant = await createTenant(h, 'Docpier tenant');
    });
    after(() => h.close());

    it('POST /admin/workspaces answers 201 with the workspace and no access rows', async () => {
      const created = await call('POST', '/admin/workspaces', { name: 'Invoices', ext_ref: 'INV-1' });
      assert.equal(created.status, 201);
      assert.match(created.body.id, /^ws_[a-z0-9]{20}$/);
      assert.deepEqual({ ...created.body, id: undefined, created_at: undefined }, { id: undefined, name: 'Invoices', ext_ref: 'INV-1', created_at: undefined, access: [] });
      assert.match(created.body.created_at, ISO);
      const without = await call('POST', '/admin/workspaces', { name: 'No ref' });
      assert.equal(without.status, 201);
      assert.equal(without.body.ext_ref, null);
    });

    it('GET /admin/workspaces lists every workspace of the organization as a bare array, with access rows', async () => {
      const ws = (await call('POST', '/admin/workspaces', { name: 'Listed' })).body;
      await call('POST', `/admin/workspaces/${ws.id}/access`, { subject_id: 'user-7', subject_type: 'USER' });
      const listed = await call('GET', '/admin/workspaces');
      assert.equal(listed.status, 200);
      assert.ok(Array.isArray(listed.body));
      const mine = listed.body.find((w: { id: string }) => w.id === ws.id);
      assert.deepEqual(mine.access, [{ subject_id: 'user-7', subject_type: 'USER' }]);
      assert.ok(listed.body.some((w: { name: string }) => w.name === 'Default'));
    });

    it('GET /admin/workspaces/{id} answers the workspace, 404 {"detail"} when unknown', async () => {
      const ws = (await call('POST', '/admin/workspaces', { name: 'Get me' })).body;
      const got = await call('GET', `/admin/workspaces/${ws.id}`);
      assert.equal(got.status, 200);
      assert.deepEqual(got.body, ws);
      const missing = await call('GET', '/admin/workspaces/ws_doesnotexist00000000');
      assert.equal(missing.status, 404);
      assert.equal(typeof missing.body.detail, 'string');
      assert.equal(missing.body.detail, 'Workspace ws_doesnotexist00000000 was not found.');
    });

    it('PATCH /admin/workspaces/{id} changes what is given and keeps the rest', async () => {
      const ws = (await call('POST', '/admin/workspaces', { name: 'Before', ext_ref: 'R1' })).body;
      const renamed = await call('PATCH', `/admin/workspaces/${ws.id}`, { name: 'After' });
      assert.equal(renamed.status, 200);
      assert.equal(renamed.body.name, 'After');
      assert.equal(renamed.body.ext_ref, 'R1');
      const cleared = await call('PATCH', `/admin/workspaces/${ws.id}`, { ext_ref: null });
      assert.equal(cleared.body.ext_ref, null);
      assert.equal(cleared.body.name, 'After');
    });

    it('grants access idempotently (201 both times, one row) and revokes it (204, then 404)', async () => {
      const ws = (await call('POST', '/admin/workspaces', { name: 'Access' })).body;
      const first = await call('POST', `/admin/workspaces/${ws.id}/access`, { subject_id: 'kc-user-1', subject_type: 'USER' });
      assert.equal(first.status, 201);
      assert.deepEqual(first.body, { subject_id: 'kc-user-1', subject_type: 'USER' });
      const again = await call('POST', `/admin/workspaces/${ws.id}/access`, { subject_id: 'kc-user-1', subject_type: 'USER' });
      assert.equal(again.status, 201);
      await call('POST', `/admin/workspaces/${ws.id}/access`, { subject_id: 'agent-x', subject_type: 'CLIENT' });
      const got = await call('GET', `/admin/workspaces/${ws.id}`);
      assert.deepEqual(got.body.access, [
        { subject_id: 'kc-user-1', subject_type: 'USER' },
        { subject_id: 'agent-x', subject_type: 'CLIENT' },
      ]);

      const revoked = await call('DELETE', `/admin/workspaces/${ws.id}/access?subject_type=USER&subject_id=kc-user-1`);
      assert.equal(revoked.status, 204);
      assert.equal(revoked.body, undefined);
      const absent = await call('DELETE', `/admin/workspaces/${ws.id}/access?subject_type=USER&subject_id=kc-user-1`);
      assert.equal(absent.status, 404);
      assert.equal(typeof absent.body.detail, 'string');
      const byPath = await call('DELETE', `/admin/workspaces/${ws.id}/access/CLIENT/agent-x`);
      assert.equal(byPath.status, 204);
      assert.deepEqual((await call('GET', `/admin/workspaces/${ws.id}`)).body.access, []);

      const audit = await call('GET', `/v1/auditEvents?filter=${encodeURIComponent('type: "access."')}`);
      assert.deepEqual(
        audit.body.auditEvents
          .filter((e: { resource: string }) => e.resource.startsWith(`workspaces/${ws.id}/`))
          .map((e: { type: string }) => e.type)
          .reverse(),
        ['access.granted', 'access.granted', 'access.revoked', 'access.revoked'],
      );
    });

    it('answers invalid input with 422 and FastAPI detail entries', async () => {
      const ws = (await call('POST', '/admin/workspaces', { name: 'Validation' })).body;
      const badType = await call('POST', `/admin/workspaces/${ws.id}/access`, { subject_id: 'u', subject_type: 'ROBOT' });
      assert.equal(badType.status, 422);
      assert.ok(Array.isArray(badType.body.detail));
      for (const entry of badType.body.detail) {
        assert.deepEqual(Object.keys(entry).sort(), ['loc', 'msg', 'type']);
        assert.equal(entry.loc[0], 'body');
      }
      const missing = await call('POST', '/admin/workspaces', {});
      assert.equal(missing.status, 422);
      assert.deepEqual(missing.body.detail[0].loc, ['body', 'name']);
      assert.equal(missing.body.detail[0].type, 'missing');
      const blank = await call('POST', '/admin/workspaces', { name: '   ' });
      assert.equal(blank.status, 422);
      assert.deepEqual(blank.body.detail[0].loc, ['body', 'name']);
      const noQuery = await call('DELETE', `/admin/workspaces/${ws.id}/access`);
      assert.equal(noQuery.status, 422);
      assert.equal(noQuery.body.detail[0].loc[0], 'query');
    });

    it('answers 401 {"detail"} without a token', async () => {
      const res = await h.inject({ method: 'GET', url: '/admin/workspaces' });
      assert.equal(res.statusCode, 401);
      assert.equal(typeof JSON.parse(res.body).detail, 'string');
      assert.match(String(res.headers['www-authenticate']), /^Bearer/);
    });

    it("answers a path a dialect owns but no route serves with a 404 in that vendor's body", async () => {
      const get = async (url: string) => {
        const res = await h.inject({ method: 'GET', url, headers: as(tenant.token) });
        assert.equal(res.statusCode, 404, url);
        return JSON.parse(res.body);
      };
      assert.deepEqual(Object.keys(await get('/admin/workspaces/ws_x/unserved')), ['detail'], 'Docpier');
      const keycard = await get('/zones/ws_x/unserved');
      assert.deepEqual([keycard.code, keycard.status], ['not_found', 404], 'Keycard');
      const zitadel = await get('/management/v1/unserved');
      assert.equal(zitadel.code, 5, 'Zitadel');
      assert.match(zitadel.message, /\(KW-not_found\)$/);
      assert.equal((await get('/v1/unserved')).status, 404, 'problem+json elsewhere');
    });

    it('gets settings ({} at first) and merges them shallowly; null deletes; the whole result comes back', async () => {
      const ws = (await call('POST', '/admin/workspaces', { name: 'Settings' })).body;
      const empty = await call('GET', `/admin/workspaces/${ws.id}/settings`);
      assert.equal(empty.status, 200);
      assert.deepEqual(empty.body, { workspace_id: ws.id, settings: {} });
      const merged = await call('PATCH', `/admin/workspaces/${ws.id}/settings`, { merge: { language: 'de', ocr: 'on' } });
      assert.equal(merged.status, 200);
      assert.deepEqual(merged.body, { workspace_id: ws.id, settings: { language: 'de', ocr: 'on' } });
      const again = await call('PATCH', `/admin/workspaces/${ws.id}/settings`, { merge: { ocr: null, region: 'eu' } });
      assert.deepEqual(again.body.settings, { language: 'de', region: 'eu' });
      assert.deepEqual((await call('GET', `/admin/workspaces/${ws.id}/settings`)).body.settings, { language: 'de', region: 'eu' });
      const badScope = await call('PATCH', `/admin/workspaces/${ws.id}/settings`, { merge: { default_scope: 'a "quoted" scope' } });
      assert.equal(badScope.status, 422);
      const noMerge = await call('PATCH', `/admin/workspaces/${ws.id}/settings`, { language: 'fr' });
      assert.equal(noMerge.status, 422);
      const unknown = await call('GET', '/admin/workspaces/ws_nope/settings');
      assert.equal(unknown.status, 404);
    });

    it("GET /admin/meta/document-types serves Docpier's catalogue", async () => {
      const types = await call('GET', '/admin/meta/document-types');
      assert.equal(types.status, 200);
      assert.deepEqual(types.body, [
        'UNKNOWN',
        'INVOICE',
        'REMINDER',
        'RECEIPT',
        'CREDIT_NOTE',
        'ACCOUNT_STATEMENT',
        'CREDIT_CARD_STATEMENT',
        'INSURANCE_POLICY',
        'POLICY_ADJUSTMENT',
      ]);
    });

    it("answers 404 for another organization's workspace on every Docpier route, and changes nothing", async () => {
      const other = await createTenant(h, 'Neighbour');
      const theirs = (await h.call('POST', '/admin/workspaces', { name: 'Theirs' }, as(other.token))).body;
      await h.call('POST', `/admin/workspaces/${theirs.id}/access`, { subject_id: 'their-user', subject_type: 'USER' }, as(other.token));
      const hook = (await h.call('POST', `/admin/workspaces/${theirs.id}/webhooks`, { url: 'http://127.0.0.1:9/hook' }, as(other.token))).body;
      const id = theirs.id;
      const probes: [string, string, unknown?][] = [
        ['GET', `/admin/workspaces/${id}`],
        ['PATCH', `/admin/workspaces/${id}`, { name: 'pwned' }],
        ['POST', `/admin/workspaces/${id}/access`, { subject_id: 'me', subject_type: 'USER' }],
        ['DELETE', `/admin/workspaces/${id}/access?subject_type=USER&subject_id=their-user`],
        ['DELETE', `/admin/workspaces/${id}/access/USER/their-user`],
        ['GET', `/admin/workspaces/${id}/keycloak/agent-client`],
        ['GET', `/admin/workspaces/${id}/keycloak/agent-clients`],
        ['POST', `/admin/workspaces/${id}/keycloak/agent-client`, { client_id: 'intruder-agent' }],
        ['GET', `/admin/workspaces/${id}/settings`],
        ['PATCH', `/admin/workspaces/${id}/settings`, { merge: { pwned: 'yes' } }],
        ['GET', `/admin/workspaces/${id}/webhooks`],
        ['POST', `/admin/workspaces/${id}/webhooks`, { url: 'http://127.0.0.1:9/x' }],
        ['PATCH', `/admin/workspaces/${id}/webhooks/${hook.id}`, { url: 'http://127.0.0.1:9/pwned' }],
        ['DELETE', `/admin/workspaces/${id}/webhooks/${hook.id}`],
        ['GET', `/v1/workspaces/${id}/accessGrants`],
        ['POST', `/v1/workspaces/${id}/accessGrants`, { subjectType: 'USER', subjectId: 'me' }],
        ['GET', `/v1/webhooks/${hook.id}`],
        ['PATCH', `/v1/webhooks/${hook.id}`, { url: 'http://127.0.0.1:9/pwned' }],
        ['DELETE', `/v1/webhooks/${hook.id}`],
        ['GET', `/v1/webhooks/${hook.id}/deliveries`],
        ['POST', `/v1/webhooks/${hook.id}:rotateSecret`, {}],
      ];
      for (const [method, url, body] of probes) {
        const res = await call(method, url, body);
        assert.equal(res.status, 404, `${method} ${url} answered ${res.status}`);
      }
      const still = await h.call('GET', `/admin/workspaces/${id}`, undefined, as(other.token));
      assert.equal(still.body.name, 'Theirs');
      assert.deepEqual(still.body.access, [{ subject_id: 'their-user', subject_type: 'USER' }]);
      const theirHooks = await h.call('GET', `/admin/workspaces/${id}/webhooks`, undefined, as(other.token));
      assert.equal(theirHooks.body[0].url, 'http://127.0.0.1:9/hook');
      assert.equal((await call('GET', '/admin/workspaces')).body.some((w: { id: string }) => w.id === id), false);
    });

    it('exposes access grants in /v1 too: list, create (idempotent) and delete', async () => {
      const ws = (await call('POST', '/v1/workspaces', { displayName: 'Canonical' })).body;
      const created = await call('POST', `/v1/workspaces/${ws.id}/accessGrants`, { subjectType: 'CLIENT', subjectId: 'some-agent', role: 'editor' });
      assert.equal(created.status, 200);
      assert.match(created.body.name, new RegExp(`^workspaces/${ws.id}/accessGrants/grt_[a-z0-9]{20}$`));
      assert.equal(created.body.role, 'editor');
      const same = await call('POST', `/v1/workspaces/${ws.id}/accessGrants`, { subjectType: 'CLIENT', subjectId: 'some-agent', role: 'editor' });
      assert.equal(same.body.name, created.body.name);
      const listed = await call('GET', `/v1/workspaces/${ws.id}/accessGrants`);
      assert.equal(listed.body.accessGrants.length, 1);
      const bad = await call('POST', `/v1/workspaces/${ws.id}/accessGrants`, { subjectType: 'ROBOT', subjectId: 'x' });
      assert.equal(bad.status, 400);
      assert.equal((await call('DELETE', `/v1/${created.body.name}`)).status, 200);
      assert.equal((await call('DELETE', `/v1/${created.body.name}`)).status, 404);
    });
  });
}
