import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bearerWith, createTenant, databases, type Harness, startHarness } from '../helpers/harness.js';

/**
 * /v1/providers and /v1/roleBindings by status code, each change made by an organization admin.
 * providers.test.ts follows a provider through its life and the trust rules of its fields.
 */
for (const db of databases) {
  describe(`/v1/providers and /v1/roleBindings by status (${db.name})`, () => {
    let h: Harness;
    let asTenant: { authorization: string };
    const call = (method: string, url: string, body?: unknown) => h.call(method, url, body, asTenant);
    const tokenWith = (permissions: string[]) => bearerWith(h, asTenant, permissions);
    const providerNames = async () => ((await call('GET', '/v1/providers?pageSize=1000')).body.providers as { name: string }[]).map((p) => p.name).sort();
    const bindingNames = async () => ((await call('GET', '/v1/roleBindings?pageSize=1000')).body.roleBindings as { name: string }[]).map((b) => b.name).sort();
    let issuers = 0;
    const newProvider = async (extra: Record<string, unknown> = {}) => {
      const res = await call('POST', '/v1/providers', { displayName: 'IdP', issuer: `https://idp-${++issuers}.example`, ...extra });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body as { name: string; issuer: string; identifier: string };
    };
    const newRole = async (permissions: string[] = ['keyward:clients.read']) => (await call('POST', '/v1/roles', { displayName: 'bound', permissions })).body.name as string;

    before(async () => {
      h = await startHarness(undefined, { db, runtime: { webhooks: { autoStart: false }, credentialExpiry: { autoStart: false } } });
      asTenant = { authorization: `Bearer ${(await createTenant(h, 'Federated')).token}` };
    });
    after(() => h.close());

    describe('200', () => {
      it('creates, gets, lists, updates and deletes a provider', async () => {
        const created = await newProvider({ identifier: 'github', audience: 'https://keyward.example', claimConditions: { repository_owner: 'acme' } });
        assert.match(created.name, /^providers\//);
        assert.equal(created.identifier, 'github');
        assert.deepEqual((await call('GET', `/v1/${created.name}`)).body, created);
        assert.ok((await providerNames()).includes(created.name));
        const updated = await call('PATCH', `/v1/${created.name}?updateMask=displayName`, { displayName: 'GitHub', audience: 'ignored' });
        assert.equal(updated.status, 200, JSON.stringify(updated.body));
        assert.deepEqual([updated.body.displayName, updated.body.audience], ['GitHub', 'https://keyward.example']);
        const deleted = await call('DELETE', `/v1/${created.name}`);
        assert.equal(deleted.status, 200);
        assert.deepEqual(deleted.body, {});
        assert.ok(!(await providerNames()).includes(created.name));
      });

      it('binds a role to a user of a provider, gets it, lists it by provider, and deletes it', async () => {
        const provider = await newProvider({ adminSignIn: true });
        const role = await newRole();
        const bound = await call('POST', '/v1/roleBindings', { principal: 'users/alice', provider: provider.name, role });
        assert.equal(bound.status, 200, JSON.stringify(bound.body));
        assert.deepEqual([bound.body.principal, bound.body.provider, bound.body.role], ['users/alice', provider.name, role]);
        const everyone = await call('POST', '/v1/roleBindings', { principal: 'users/*', provider: provider.name, role });
        assert.equal(everyone.status, 200, JSON.stringify(everyone.body));
        assert.deepEqual((await call('GET', `/v1/${bound.body.name}`)).body, bound.body);
        const listed = await call('GET', `/v1/roleBindings?provider=${encodeURIComponent(provider.name)}`);
        assert.deepEqual(listed.body.roleBindings.map((b: { name: string }) => b.name).sort(), [bound.body.name, everyone.body.name].sort());
        assert.deepEqual((await call('DELETE', `/v1/${bound.body.name}`)).body, {});
        assert.equal((await call('GET', `/v1/${bound.body.name}`)).status, 404);
      });
    });

    describe('400', () => {
      it('refuses a provider with missing or bad fields, naming the field, and creates nothing', async () => {
        const before = await providerNames();
        for (const [body, field] of [
          [{ displayName: 'x' }, 'issuer'],
          [{ issuer: 'https://no-name.example' }, 'displayName'],
          [{ displayName: 'x', issuer: 'not a url' }, 'issuer'],
          [{ displayName: 'x', issuer: 'https://a.example', jwksUri: 'not a url' }, 'jwksUri'],
          [{ displayName: 'x', issuer: 'https://a.example', audience: 'has space' }, 'audience'],
          [{ displayName: 'x', issuer: 'https://a.example', claimConditions: { team: 7 } }, 'claimConditions'],
          [{ displayName: 'x', issuer: 'https://a.example', adminSignIn: 'yes' }, 'adminSignIn'],
          [{ displayName: 'x', issuer: 'https://a.example', isuser: 'https://b.example' }, 'body.isuser'],
        ] as [Record<string, unknown>, string][]) {
          const res = await call('POST', '/v1/providers', body);
          assert.equal(res.status, 400, `${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
          assert.equal(res.body.code, 'invalid_argument');
          assert.match(JSON.stringify([res.body.detail, res.body.errors]), new RegExp(field.replace('.', '\\.')), JSON.stringify(res.body));
        }
        assert.deepEqual(await providerNames(), before, 'nothing was created');
      });

      it('refuses a bad update, an unknown updateMask field and removing the issuer, and the provider is unchanged', async () => {
        const provider = await newProvider();
        for (const [query, body, field] of [
          ['?updateMask=createTime', {}, 'updateMask'],
          ['?updateMask=issuer', { issuer: '' }, 'issuer'],
          ['', { issuer: 'not a url' }, 'issuer'],
          ['?updateMask=claimConditions', { claimConditions: { aud: 'https://elsewhere.example' } }, 'claimConditions.aud'],
          ['', { displayName: 'x', audiance: 'https://b.example' }, 'body.audiance'],
        ] as [string, Record<string, unknown>, string][]) {
          const res = await call('PATCH', `/v1/${provider.name}${query}`, body);
          assert.equal(res.status, 400, `${query} ${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
          assert.equal(res.body.code, 'invalid_argument');
          assert.match(JSON.stringify([res.body.detail, res.body.errors]), new RegExp(field.replace('.', '\\.')), JSON.stringify(res.body));
        }
        assert.deepEqual((await call('GET', `/v1/${provider.name}`)).body, provider);
      });

      it('refuses to delete a provider a role binding or a federated credential names, and keeps it', async () => {
        const provider = await newProvider({ adminSignIn: true });
        await call('POST', '/v1/roleBindings', { principal: 'users/bob', provider: provider.name, role: await newRole() });
        const client = (await call('POST', '/v1/apiClients', { displayName: 'federated' })).body;
        await call('POST', `/v1/${client.name}/credentials`, { type: 'FEDERATED', subject: 'ci-job', provider: provider.name });
        const refused = await call('DELETE', `/v1/${provider.name}`);
        assert.equal(refused.status, 400);
        assert.equal(refused.body.code, 'failed_precondition');
        assert.match(refused.body.detail, /used by 1 federated credential\(s\) and 1 role binding\(s\)/);
        assert.equal((await call('GET', `/v1/${provider.name}`)).status, 200);
      });

      it('a provider deleted while a federated credential names it: one of the two is refused, never a credential of a deleted provider', async () => {
        for (let round = 0; round < 3; round++) {
          const provider = await newProvider();
          const client = (await call('POST', '/v1/apiClients', { displayName: `contested ${round}` })).body;
          const [deleted, added] = await Promise.all([call('DELETE', `/v1/${provider.name}`), call('POST', `/v1/${client.name}/credentials`, { type: 'FEDERATED', subject: 'ci-job', provider: provider.name })]);
          const refused = deleted.status === 200 ? added.status : deleted.status;
          assert.ok(deleted.status === 200 || added.status === 200, JSON.stringify([deleted.body, added.body]));
          assert.equal(refused, deleted.status === 200 ? 404 : 400, JSON.stringify([deleted.body, added.body]));
          const federated = ((await call('GET', `/v1/${client.name}/credentials`)).body.credentials as { type: string }[]).filter((c) => c.type === 'FEDERATED');
          assert.equal(federated.length, added.status === 200 ? 1 : 0);
          assert.equal((await call('GET', `/v1/${provider.name}`)).status, added.status === 200 ? 200 : 404);
        }
      });

      it('refuses a role binding with a bad principal or a misspelt field, naming it, and binds nothing', async () => {
        const provider = await newProvider({ adminSignIn: true });
        const role = await newRole();
        const before = await bindingNames();
        for (const [body, field] of [
          [{ principal: 'alice', provider: provider.name, role }, 'principal'],
          [{ principal: 'users/', provider: provider.name, role }, 'principal'],
          [{ provider: provider.name, role }, 'principal'],
          [{ principal: 'users/alice', provider: provider.name, role, subject: 'alice' }, 'body.subject'],
        ] as [Record<string, unknown>, string][]) {
          const res = await call('POST', '/v1/roleBindings', body);
          assert.equal(res.status, 400, `${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
          assert.equal(res.body.code, 'invalid_argument');
          assert.match(JSON.stringify([res.body.detail, res.body.errors]), new RegExp(field.replace('.', '\\.')), JSON.stringify(res.body));
        }
        assert.deepEqual(await bindingNames(), before);
      });
    });

    describe('401', () => {
      it('without a token, or with a bad one', async () => {
        for (const url of ['/v1/providers', '/v1/roleBindings']) {
          const none = await h.inject({ method: 'GET', url });
          assert.equal(none.statusCode, 401, url);
          assert.equal(none.headers['www-authenticate'], 'Bearer realm="keyward"');
          const bad = await h.inject({ method: 'POST', url, headers: { authorization: 'Bearer not.a.token' }, payload: {} });
          assert.equal(bad.statusCode, 401, url);
          assert.match(String(bad.headers['www-authenticate']), /error="invalid_token"/);
        }
      });
    });

    describe('403', () => {
      it('keyward:providers.read reads providers but does not write them; without it nothing is readable', async () => {
        const provider = await newProvider();
        const reader = await tokenWith(['keyward:providers.read']);
        assert.equal((await h.call('GET', '/v1/providers', undefined, reader)).status, 200);
        assert.equal((await h.call('GET', `/v1/${provider.name}`, undefined, reader)).status, 200);
        const before = await providerNames();
        for (const [method, url, body] of [
          ['POST', '/v1/providers', { displayName: 'x', issuer: 'https://intruder.example' }],
          ['PATCH', `/v1/${provider.name}`, { displayName: 'taken' }],
          ['DELETE', `/v1/${provider.name}`, undefined],
        ] as [string, string, unknown?][]) {
          const res = await h.call(method, url, body, reader);
          assert.equal(res.status, 403, `${method} ${url}`);
          assert.match(String(res.headers['www-authenticate']), /error="insufficient_scope", scope="keyward:providers.write"/);
        }
        assert.deepEqual(await providerNames(), before);
        assert.deepEqual((await call('GET', `/v1/${provider.name}`)).body, provider);
        const stranger = await tokenWith(['keyward:roles.read']);
        const list = await h.call('GET', '/v1/providers', undefined, stranger);
        assert.equal(list.status, 403);
        assert.match(String(list.headers['www-authenticate']), /scope="keyward:providers.read"/);
      });

      it('role bindings need keyward:roles.write to change and keyward:roles.read to read', async () => {
        const provider = await newProvider({ adminSignIn: true });
        const binding = (await call('POST', '/v1/roleBindings', { principal: 'users/carol', provider: provider.name, role: await newRole() })).body;
        const reader = await tokenWith(['keyward:roles.read', 'keyward:providers.write']);
        assert.equal((await h.call('GET', `/v1/${binding.name}`, undefined, reader)).status, 200);
        const before = await bindingNames();
        for (const [method, url, body] of [
          ['POST', '/v1/roleBindings', { principal: 'users/mallory', provider: provider.name, role: binding.role }],
          ['DELETE', `/v1/${binding.name}`, undefined],
        ] as [string, string, unknown?][]) {
          const res = await h.call(method, url, body, reader);
          assert.equal(res.status, 403, `${method} ${url}`);
          assert.match(String(res.headers['www-authenticate']), /error="insufficient_scope", scope="keyward:roles.write"/);
        }
        assert.deepEqual(await bindingNames(), before);
        const stranger = await tokenWith(['keyward:providers.read']);
        const list = await h.call('GET', '/v1/roleBindings', undefined, stranger);
        assert.equal(list.status, 403);
        assert.match(String(list.headers['www-authenticate']), /scope="keyward:roles.read"/);
      });

      it('a role holding admin permissions the caller lacks cannot be bound', async () => {
        const provider = await newProvider({ adminSignIn: true });
        const role = await newRole(['keyward:clients.read']);
        const limited = await tokenWith(['keyward:roles.write', 'keyward:roles.read']);
        const before = await bindingNames();
        const res = await h.call('POST', '/v1/roleBindings', { principal: 'users/dave', provider: provider.name, role }, limited);
        assert.equal(res.status, 403);
        assert.equal(res.body.code, 'permission_denied');
        assert.match(res.body.detail, /keyward:clients\.read/);
        assert.deepEqual(await bindingNames(), before);
      });
    });

    describe('404', () => {
      it('an unknown provider or role binding is not found, for every verb; nor can a binding name an unknown provider or role', async () => {
        const provider = await newProvider({ adminSignIn: true });
        const role = await newRole();
        const before = await bindingNames();
        for (const [method, url, body, named] of [
          ['GET', '/v1/providers/prv_nope', undefined, /prv_nope/],
          ['PATCH', '/v1/providers/prv_nope', { displayName: 'x' }, /prv_nope/],
          ['DELETE', '/v1/providers/prv_nope', undefined, /prv_nope/],
          ['GET', '/v1/roleBindings/rb_nope', undefined, /rb_nope/],
          ['DELETE', '/v1/roleBindings/rb_nope', undefined, /rb_nope/],
          ['POST', '/v1/roleBindings', { principal: 'users/erin', provider: 'providers/prv_nope', role }, /prv_nope/],
          ['POST', '/v1/roleBindings', { principal: 'users/erin', provider: provider.name, role: 'roles/no-such-role' }, /no-such-role/],
        ] as [string, string, unknown, RegExp][]) {
          const res = await call(method, url, body);
          assert.equal(res.status, 404, `${method} ${url}: ${JSON.stringify(res.body)}`);
          assert.equal(res.body.code, 'not_found');
          assert.match(res.body.detail, named);
        }
        assert.deepEqual(await bindingNames(), before);
      });

      it("another organization's providers and role bindings are not found, for every verb, and nothing changes", async () => {
        const provider = (await h.call('POST', '/v1/providers', { displayName: 'root', issuer: 'https://root-idp.example', adminSignIn: true })).body;
        const rootRole = (await h.call('POST', '/v1/roles', { displayName: 'root role' })).body.name;
        const binding = (await h.call('POST', '/v1/roleBindings', { principal: 'users/root', provider: provider.name, role: rootRole })).body;
        for (const [method, url, body] of [
          ['GET', `/v1/${provider.name}`],
          ['PATCH', `/v1/${provider.name}`, { displayName: 'pwned' }],
          ['DELETE', `/v1/${provider.name}`],
          ['GET', `/v1/${binding.name}`],
          ['DELETE', `/v1/${binding.name}`],
          ['POST', '/v1/roleBindings', { principal: 'users/mallory', provider: provider.name, role: await newRole() }],
          ['POST', '/v1/roleBindings', { principal: 'users/mallory', provider: (await newProvider({ adminSignIn: true })).name, role: rootRole }],
        ] as [string, string, unknown?][]) {
          const res = await call(method, url, body);
          assert.equal(res.status, 404, `${method} ${url}: ${JSON.stringify(res.body)}`);
        }
        assert.deepEqual((await h.call('GET', `/v1/${provider.name}`)).body, provider);
        assert.deepEqual((await h.call('GET', `/v1/${binding.name}`)).body, binding);
        assert.ok(!(await providerNames()).includes(provider.name));
        assert.ok(!(await bindingNames()).includes(binding.name));
      });
    });

    describe('409', () => {
      it('a workspace trusts an issuer once and names a provider once: on create and on update, and the first is kept', async () => {
        const first = await newProvider({ identifier: 'first-idp' });
        const before = await providerNames();
        const sameIssuer = await call('POST', '/v1/providers', { displayName: 'again', issuer: first.issuer });
        assert.equal(sameIssuer.status, 409);
        assert.equal(sameIssuer.body.code, 'already_exists');
        assert.match(sameIssuer.body.detail, /issuer/);
        const sameIdentifier = await call('POST', '/v1/providers', { displayName: 'again', issuer: 'https://fresh-idp.example', identifier: 'first-idp' });
        assert.equal(sameIdentifier.status, 409);
        assert.match(sameIdentifier.body.detail, /identifier/);
        assert.deepEqual(await providerNames(), before, 'nothing was created');

        const second = await newProvider();
        const moved = await call('PATCH', `/v1/${second.name}`, { issuer: first.issuer });
        assert.equal(moved.status, 409, JSON.stringify(moved.body));
        const renamed = await call('PATCH', `/v1/${second.name}?updateMask=identifier`, { identifier: 'first-idp' });
        assert.equal(renamed.status, 409, JSON.stringify(renamed.body));
        assert.deepEqual((await call('GET', `/v1/${second.name}`)).body, second);
      });

      it('a user holds a role through a provider once', async () => {
        const provider = await newProvider({ adminSignIn: true });
        const role = await newRole();
        const first = await call('POST', '/v1/roleBindings', { principal: 'users/frank', provider: provider.name, role });
        assert.equal(first.status, 200);
        const again = await call('POST', '/v1/roleBindings', { principal: 'users/frank', provider: provider.name, role });
        assert.equal(again.status, 409);
        assert.equal(again.body.code, 'already_exists');
        assert.match(again.body.detail, /users\/frank already holds/);
        assert.deepEqual((await call('GET', `/v1/roleBindings?provider=${encodeURIComponent(provider.name)}`)).body.roleBindings.map((b: { name: string }) => b.name), [first.body.name]);
      });

      it('the same issuer trusted concurrently: one 200, the others 409, never a 500', async () => {
        const results = await Promise.all(Array.from({ length: 5 }, (_, i) => call('POST', '/v1/providers', { displayName: `racer ${i}`, issuer: 'https://raced-idp.example' })));
        assert.deepEqual(results.map((r) => r.status).sort(), [200, 409, 409, 409, 409], JSON.stringify(results.map((r) => r.body)));
      });
    });
  });
}
