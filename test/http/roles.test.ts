import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bearerWith, createTenant, databases, type Harness, startHarness } from '../helpers/harness.js';

/** /v1/roles by status code. */
for (const db of databases) {
  describe(`/v1/roles (${db.name})`, () => {
    let h: Harness;
    let asTenant: { authorization: string };
    const call = (method: string, url: string, body?: unknown) => h.call(method, url, body, asTenant);
    const tokenWith = (permissions: string[]) => bearerWith(h, asTenant, permissions);
    const roleNames = async () => ((await call('GET', '/v1/roles?pageSize=1000')).body.roles as { name: string }[]).map((r) => r.name).sort();
    const latestSequence = async () => (await call('GET', '/v1/auditEvents?pageSize=1')).body.auditEvents[0].sequence as string;

    before(async () => {
      h = await startHarness(undefined, { db, runtime: { webhooks: { autoStart: false }, credentialExpiry: { autoStart: false } } });
      asTenant = { authorization: `Bearer ${(await createTenant(h, 'Roles')).token}` };
    });
    after(() => h.close());

    describe('200', () => {
      it('creates a role with a generated or a chosen id, gets it and lists it', async () => {
        const generated = await call('POST', '/v1/roles', { displayName: 'Readers', description: 'read all', permissions: ['orders.read'], labels: { team: 'core' } });
        assert.equal(generated.status, 200, JSON.stringify(generated.body));
        assert.match(generated.body.name, /^roles\/[0-9a-f]+$/);
        assert.deepEqual(generated.body.permissions, ['orders.read']);
        assert.deepEqual(generated.body.labels, { team: 'core' });
        const chosen = await call('POST', '/v1/roles?roleId=order-writers', { displayName: 'Writers', permissions: ['orders.write'] });
        assert.equal(chosen.status, 200, JSON.stringify(chosen.body));
        assert.equal(chosen.body.name, 'roles/order-writers');
        assert.deepEqual((await call('GET', `/v1/${generated.body.name}`)).body, generated.body);
        const listed = await roleNames();
        assert.ok(listed.includes(generated.body.name) && listed.includes(chosen.body.name), JSON.stringify(listed));
      });

      it('updates the fields of the updateMask, or those present without one', async () => {
        const role = (await call('POST', '/v1/roles', { displayName: 'Masked', description: 'keep me', permissions: ['a'] })).body;
        const masked = await call('PATCH', `/v1/${role.name}?updateMask=permissions`, { permissions: ['a', 'b', 'a'], description: 'ignored' });
        assert.equal(masked.status, 200, JSON.stringify(masked.body));
        assert.deepEqual([masked.body.permissions, masked.body.description], [['a', 'b'], 'keep me']);
        const present = await call('PATCH', `/v1/${role.name}`, { description: 'changed' });
        assert.equal(present.status, 200);
        assert.deepEqual([present.body.displayName, present.body.description, present.body.permissions], ['Masked', 'changed', ['a', 'b']]);
      });

      it('deletes an unheld role: {} and it is gone', async () => {
        const role = (await call('POST', '/v1/roles', { displayName: 'Passing' })).body;
        const deleted = await call('DELETE', `/v1/${role.name}`);
        assert.equal(deleted.status, 200);
        assert.deepEqual(deleted.body, {});
        assert.equal((await call('GET', `/v1/${role.name}`)).status, 404);
      });
    });

    describe('400', () => {
      it('refuses a missing or mistyped displayName, bad permissions, bad labels and a misspelt field, naming the field, and writes nothing', async () => {
        const before = await roleNames();
        const sequence = await latestSequence();
        for (const [body, field] of [
          [{ permissions: ['a'] }, 'displayName'],
          [{ displayName: '' }, 'displayName'],
          [{ displayName: 7 }, 'displayName'],
          [{ displayName: 'x', permissions: 'orders.read' }, 'permissions'],
          [{ displayName: 'x', permissions: ['has space'] }, 'permissions'],
          [{ displayName: 'x', labels: { 'Bad Key': 'v' } }, 'labels'],
          [{ displayName: 'x', permisions: ['a'] }, 'body.permisions'],
        ] as const) {
          const res = await call('POST', '/v1/roles', body);
          assert.equal(res.status, 400, JSON.stringify(body));
          assert.equal(res.body.code, 'invalid_argument');
          assert.match(JSON.stringify([res.body.detail, res.body.errors]), new RegExp(field.replace('.', '\\.')), JSON.stringify(res.body));
        }
        assert.deepEqual(await roleNames(), before, 'nothing was created');
        assert.equal(await latestSequence(), sequence, 'nothing was recorded');
      });

      it('refuses a roleId outside its pattern, naming roleId', async () => {
        for (const roleId of ['UPPER', 'ab', 'has_underscore', '-leading']) {
          const res = await call('POST', `/v1/roles?roleId=${roleId}`, { displayName: 'x' });
          assert.equal(res.status, 400, roleId);
          assert.equal(res.body.code, 'invalid_argument');
          assert.match(res.body.detail, /roleId/);
        }
      });

      it('refuses a bad update and a bad pageToken, and the role is unchanged', async () => {
        const role = (await call('POST', '/v1/roles', { displayName: 'Steady', permissions: ['a'] })).body;
        const empty = await call('PATCH', `/v1/${role.name}`, { displayName: '' });
        assert.equal(empty.status, 400);
        assert.match(empty.body.detail, /displayName/);
        const stray = await call('PATCH', `/v1/${role.name}`, { permissions: ['b'], permisions: ['c'] });
        assert.equal(stray.status, 400);
        assert.deepEqual(stray.body.errors.map((e: { field: string }) => e.field), ['body.permisions']);
        assert.deepEqual((await call('GET', `/v1/${role.name}`)).body, role);
        const token = await call('GET', '/v1/roles?pageToken=garbage');
        assert.equal(token.status, 400);
        assert.match(token.body.detail, /pageToken/);
      });

      it(
        'refuses an updateMask field a role does not have, naming it, and changes nothing',
        async () => {
          const role = (await call('POST', '/v1/roles', { displayName: 'Mask', permissions: ['a'] })).body;
          const mask = await call('PATCH', `/v1/${role.name}?updateMask=owner`, { displayName: 'x' });
          assert.equal(mask.status, 400, JSON.stringify(mask.body));
          assert.equal(mask.body.code, 'invalid_argument');
          assert.match(mask.body.detail, /owner/);
          assert.deepEqual((await call('GET', `/v1/${role.name}`)).body, role);
        },
      );

      it(
        'labels.{key} in updateMask sets one label of a role and leaves the others, as docs/api.md says of PATCH',
        async () => {
          const role = (await call('POST', '/v1/roles', { displayName: 'Labelled', labels: { team: 'core' } })).body;
          const set = await call('PATCH', `/v1/${role.name}?updateMask=labels.env`, { labels: { env: 'prod' } });
          assert.equal(set.status, 200, JSON.stringify(set.body));
          assert.deepEqual(set.body.labels, { team: 'core', env: 'prod' });
        },
      );

      it('refuses to delete a role API clients hold, saying so, and keeps it', async () => {
        const role = (await call('POST', '/v1/roles', { displayName: 'Held' })).body;
        const holder = (await call('POST', '/v1/apiClients', { displayName: 'holder', roles: [role.name] })).body;
        const refused = await call('DELETE', `/v1/${role.name}`);
        assert.equal(refused.status, 400);
        assert.equal(refused.body.code, 'failed_precondition');
        assert.match(refused.body.detail, /assigned to 1 API client/);
        assert.equal((await call('GET', `/v1/${role.name}`)).status, 200);
        assert.deepEqual((await call('GET', `/v1/${holder.name}`)).body.roles, [role.name]);
      });
      it('a role deleted while a client is given it: one of the two is refused, never a client holding a deleted role', async () => {
        for (let round = 0; round < 3; round++) {
          const role = (await call('POST', '/v1/roles', { displayName: `contested ${round}` })).body.name;
          const [deleted, assigned] = await Promise.all([call('DELETE', `/v1/${role}`), call('POST', '/v1/apiClients', { displayName: 'holder', roles: [role] })]);
          assert.deepEqual([deleted.status, assigned.status].sort(), [200, 400], JSON.stringify([deleted.body, assigned.body]));
          const roleKept = (await call('GET', `/v1/${role}`)).status === 200;
          assert.equal(roleKept, assigned.status === 200, 'the role stays exactly when the client got it');
          if (assigned.status === 200) assert.match(deleted.body.detail, /assigned to 1 API client/);
        }
      });
    });

    describe('401', () => {
      it('without a token, or with a bad one', async () => {
        const none = await h.inject({ method: 'GET', url: '/v1/roles' });
        assert.equal(none.statusCode, 401);
        assert.equal(none.headers['www-authenticate'], 'Bearer realm="keyward"');
        const bad = await h.inject({ method: 'POST', url: '/v1/roles', headers: { authorization: 'Bearer not.a.token' }, payload: { displayName: 'x' } });
        assert.equal(bad.statusCode, 401);
        assert.match(String(bad.headers['www-authenticate']), /error="invalid_token"/);
      });
    });

    describe('403', () => {
      it('keyward:roles.read reads but does not write; without it nothing is readable', async () => {
        const role = (await call('POST', '/v1/roles', { displayName: 'Guarded' })).body;
        const reader = await tokenWith(['keyward:roles.read']);
        assert.equal((await h.call('GET', '/v1/roles', undefined, reader)).status, 200);
        assert.equal((await h.call('GET', `/v1/${role.name}`, undefined, reader)).status, 200);
        const before = await roleNames();
        for (const [method, url, body] of [
          ['POST', '/v1/roles', { displayName: 'Intruder' }],
          ['PATCH', `/v1/${role.name}`, { displayName: 'Taken' }],
          ['DELETE', `/v1/${role.name}`, undefined],
        ] as const) {
          const res = await h.call(method, url, body, reader);
          assert.equal(res.status, 403, `${method} ${url}`);
          assert.match(String(res.headers['www-authenticate']), /error="insufficient_scope", scope="keyward:roles.write"/);
        }
        assert.deepEqual(await roleNames(), before);
        assert.deepEqual((await call('GET', `/v1/${role.name}`)).body, role);
        const stranger = await tokenWith(['orders.read']);
        const list = await h.call('GET', '/v1/roles', undefined, stranger);
        assert.equal(list.status, 403);
        assert.match(String(list.headers['www-authenticate']), /scope="keyward:roles.read"/);
      });

      it('a role cannot be given admin permissions its creator lacks, neither on create nor on update', async () => {
        const before = await roleNames();
        const created = await call('POST', '/v1/roles', { displayName: 'Root', permissions: ['keyward:super'] });
        assert.equal(created.status, 403);
        assert.equal(created.body.code, 'permission_denied');
        assert.match(created.body.detail, /keyward:super/);
        assert.deepEqual(await roleNames(), before);
        const role = (await call('POST', '/v1/roles', { displayName: 'Growing', permissions: ['a'] })).body;
        const grown = await call('PATCH', `/v1/${role.name}?updateMask=permissions`, { permissions: ['a', 'keyward:super'] });
        assert.equal(grown.status, 403);
        assert.deepEqual((await call('GET', `/v1/${role.name}`)).body.permissions, ['a']);
      });
    });

    describe('404', () => {
      it('an unknown role is not found, for every verb', async () => {
        for (const [method, body] of [['GET'], ['PATCH', { displayName: 'x' }], ['DELETE']] as [string, unknown?][]) {
          const res = await call(method, '/v1/roles/no-such-role', body);
          assert.equal(res.status, 404, method);
          assert.equal(res.body.code, 'not_found');
          assert.match(res.body.detail, /no-such-role/);
        }
      });

      it("another organization's role is not found, for every verb, nor can it be assigned, and nothing changes", async () => {
        const mine = (await h.call('POST', '/v1/roles', { displayName: 'Root only', permissions: ['x'] })).body;
        for (const [method, body] of [['GET'], ['PATCH', { displayName: 'pwned' }], ['DELETE']] as [string, unknown?][]) {
          assert.equal((await call(method, `/v1/${mine.name}`, body)).status, 404, method);
        }
        assert.equal((await call('POST', '/v1/apiClients', { displayName: 'borrow', roles: [mine.name] })).status, 400);
        assert.ok(!(await roleNames()).includes(mine.name));
        assert.deepEqual((await h.call('GET', `/v1/${mine.name}`)).body, mine);
      });
    });

    describe('409', () => {
      it('a taken roleId is a conflict and the first role is kept', async () => {
        const first = await call('POST', '/v1/roles?roleId=taken-role', { displayName: 'First', permissions: ['a'] });
        assert.equal(first.status, 200);
        const second = await call('POST', '/v1/roles?roleId=taken-role', { displayName: 'Second', permissions: ['b'] });
        assert.equal(second.status, 409);
        assert.equal(second.body.code, 'already_exists');
        assert.match(second.body.detail, /roles\/taken-role already exists/);
        assert.deepEqual((await call('GET', '/v1/roles/taken-role')).body, first.body);
      });

      it('another organization may take the same roleId', async () => {
        assert.equal((await call('POST', '/v1/roles?roleId=shared-role', { displayName: 'Theirs' })).status, 200);
        assert.equal((await h.call('POST', '/v1/roles?roleId=shared-role', { displayName: 'Ours' })).status, 200);
      });

      it('the same roleId created concurrently: one 200, the others 409, never a 500', async () => {
        const results = await Promise.all(Array.from({ length: 6 }, (_, i) => call('POST', '/v1/roles?roleId=raced-role', { displayName: `racer ${i}` })));
        const statuses = results.map((r) => r.status).sort();
        assert.deepEqual(statuses, [200, 409, 409, 409, 409, 409], JSON.stringify(results.map((r) => r.body)));
      });
    });
  });
}
