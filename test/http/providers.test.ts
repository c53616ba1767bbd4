import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ISSUER, createTenant, databases, startHarness, type Harness } from '../helpers/harness.js';

for (const db of databases) {
  describe(`/v1/providers and /v1/roleBindings (${db.name})`, () => {
    let h: Harness;
    let neighbour: { authorization: string };

    before(async () => {
      h = await startHarness(undefined, { db });
      neighbour = { authorization: `Bearer ${(await createTenant(h, 'Neighbour')).token}` };
    });
    after(() => h.close());

    describe('200', () => {
      it('creates, reads, lists, updates and deletes a provider, auditing each change', async () => {
        const created = await h.call('POST', '/v1/providers', {
          displayName: 'GitHub Actions',
          issuer: 'https://token.actions.githubusercontent.com',
          audience: 'https://keyward.example',
          claimConditions: { repository_owner: 'acme', ref: ['refs/heads/main', 'refs/heads/release'] },
        });
        assert.equal(created.status, 200, JSON.stringify(created.body));
        assert.match(created.body.name, /^providers\/prv_[a-z0-9]{20}$/);
        assert.equal(created.body.identifier, created.body.id);
        assert.equal(created.body.adminSignIn, false);
        assert.match(created.body.workspace, /^workspaces\//);
        const got = await h.call('GET', `/v1/${created.body.name}`);
        assert.deepEqual(got.body, created.body);
        const listed = await h.call('GET', '/v1/providers');
        assert.ok(listed.body.providers.some((p: { name: string }) => p.name === created.body.name));
        const updated = await h.call('PATCH', `/v1/${created.body.name}?updateMask=jwksUri,displayName`, {
          displayName: 'GitHub',
          jwksUri: 'https://token.actions.githubusercontent.com/.well-known/jwks',
          audience: 'ignored-without-mask',
        });
        assert.equal(updated.status, 200, JSON.stringify(updated.body));
        assert.equal(updated.body.displayName, 'GitHub');
        assert.equal(updated.body.audience, 'https://keyward.example');
        const reset = await h.call('PATCH', `/v1/${created.body.name}?updateMask=audience`, { audience: null });
        assert.equal(reset.status, 200, JSON.stringify(reset.body));
        assert.equal(reset.body.audience, null);
        const events = await h.call('GET', `/v1/auditEvents?filter=${encodeURIComponent(`resource = "${created.body.name}"`)}`);
        assert.equal(events.status, 200, JSON.stringify(events.body));
        assert.deepEqual(events.body.auditEvents.map((e: { type: string }) => e.type).sort(), ['provider.created', 'provider.updated', 'provider.updated']);
        assert.equal((await h.call('DELETE', `/v1/${created.body.name}`)).status, 200);
        assert.equal((await h.call('GET', `/v1/${created.body.name}`)).status, 404);
      });
    });

    describe('400 / 409', () => {
      it('refuses bad issuers, conditions on checked claims and unknown mask fields', async () => {
        const bad = async (body: Record<string, unknown>, detail: RegExp) => {
          const res = await h.call('POST', '/v1/providers', { displayName: 'x', issuer: 'https://idp.example', ...body });
          assert.equal(res.status, 400, JSON.stringify(res.body));
          assert.match(JSON.stringify(res.body), detail);
        };
        await bad({ issuer: 'not a url' }, /absolute URL/);
        await bad({ issuer: 'https://user:pw@idp.example' }, /user information/);
        await bad({ issuer: ISSUER }, /Keyward's own issuer/);
        await bad({ claimConditions: { aud: 'x' } }, /always checked/);
        await bad({ claimConditions: { team: [] } }, /non-empty string/);
        await bad({ audience: 'has space' }, /without spaces/);
        const p = await h.call('POST', '/v1/providers', { displayName: 'ok', issuer: 'https://mask.example' });
        const mask = await h.call('PATCH', `/v1/${p.body.name}?updateMask=createTime`, {});
        assert.equal(mask.status, 400);
      });

      it('trusts an issuer once per workspace (409), but another workspace or organization may trust it too', async () => {
        assert.equal((await h.call('POST', '/v1/providers', { displayName: 'a', issuer: 'https://twice.example', identifier: 'twice' })).status, 200);
        const again = await h.call('POST', '/v1/providers', { displayName: 'b', issuer: 'https://twice.example' });
        assert.equal(again.status, 409);
        assert.match(again.body.detail, /This workspace already has a provider with this issuer/);
        const sameName = await h.call('POST', '/v1/providers', { displayName: 'b', issuer: 'https://other-twice.example', identifier: 'twice' });
        assert.equal(sameName.status, 409, 'an identifier names one provider in its workspace');
        const staging = await h.call('POST', '/v1/workspaces', { displayName: 'staging' });
        const elsewhere = await h.call('POST', '/v1/providers', { displayName: 'b', issuer: 'https://twice.example', identifier: 'twice', workspace: staging.body.name });
        assert.equal(elsewhere.status, 200, JSON.stringify(elsewhere.body));
        assert.equal((await h.call('POST', '/v1/providers', { displayName: 'c', issuer: 'https://twice.example' }, neighbour)).status, 200);
      });

      it('refuses to delete a provider that credentials or role bindings use', async () => {
        const p = await h.call('POST', '/v1/providers', { displayName: 'used', issuer: 'https://used.example' });
        const c = await h.call('POST', '/v1/apiClients', { displayName: 'federated' });
        const cred = await h.call('POST', `/v1/${c.body.name}/credentials`, { type: 'FEDERATED', provider: p.body.name, subject: 'repo:acme/app:ref:refs/heads/main' });
        assert.equal(cred.status, 200, JSON.stringify(cred.body));
        const refused = await h.call('DELETE', `/v1/${p.body.name}`);
        assert.equal(refused.status, 400);
        assert.match(refused.body.detail, /used by 1 federated credential/);
        await h.call('DELETE', `/v1/${cred.body.name}`);
        assert.equal((await h.call('DELETE', `/v1/${p.body.name}`)).status, 200);
      });

      it('refuses role bindings for unknown providers or roles and duplicates', async () => {
        const p = await h.call('POST', '/v1/providers', { displayName: 'people', issuer: 'https://people.example', adminSignIn: true });
        const role = await h.call('POST', '/v1/roles', { displayName: 'readers', permissions: ['keyward:clients.read'] });
        assert.equal((await h.call('POST', '/v1/roleBindings', { principal: 'users/alice', provider: 'providers/prv_nope', role: role.body.name })).status, 404);
        assert.equal((await h.call('POST', '/v1/roleBindings', { principal: 'users/alice', provider: p.body.name, role: 'roles/nope' })).status, 404);
        assert.equal((await h.call('POST', '/v1/roleBindings', { principal: 'alice', provider: p.body.name, role: role.body.name })).status, 400);
        const first = await h.call('POST', '/v1/roleBindings', { principal: 'users/alice', provider: p.body.name, role: role.body.name });
        assert.equal(first.status, 200);
        assert.equal((await h.call('POST', '/v1/roleBindings', { principal: 'users/alice', provider: p.body.name, role: role.body.name })).status, 409);
        const listed = await h.call('GET', `/v1/roleBindings?provider=${encodeURIComponent(p.body.name)}`);
        assert.deepEqual(listed.body.roleBindings.map((b: { name: string }) => b.name), [first.body.name]);
      });
    });

    describe('404 for a neighbour organization', () => {
      it('on providers, role bindings and credentials', async () => {
        const p = await h.call('POST', '/v1/providers', { displayName: 'mine', issuer: 'https://mine.example' });
        const role = await h.call('POST', '/v1/roles', { displayName: 'r', permissions: [] });
        const b = await h.call('POST', '/v1/roleBindings', { principal: 'users/bob', provider: p.body.name, role: role.body.name });
        const c = await h.call('POST', '/v1/apiClients', { displayName: 'mine' });
        const cred = await h.call('POST', `/v1/${c.body.name}/credentials`, { type: 'FEDERATED', subject: 'ci-job', provider: p.body.name });
        for (const [method, url, body] of [
          ['GET', `/v1/${p.body.name}`],
          ['PATCH', `/v1/${p.body.name}`, { displayName: 'theirs' }],
          ['DELETE', `/v1/${p.body.name}`],
          ['GET', `/v1/${b.body.name}`],
          ['DELETE', `/v1/${b.body.name}`],
          ['POST', `/v1/${c.body.name}/credentials`, { type: 'PUBLIC_KEY', jwksUri: 'https://x.example/jwks' }],
          ['POST', `/v1/${c.body.name}/credentials`, { type: 'FEDERATED', subject: 'ci-job', provider: p.body.name }],
          ['GET', `/v1/${cred.body.name}`],
        ] as [string, string, unknown?][]) {
          const res = await h.call(method, url, body, neighbour);
          assert.equal(res.status, 404, `${method} ${url}: ${JSON.stringify(res.body)}`);
        }
        const theirs = await h.call('GET', '/v1/providers', undefined, neighbour);
        assert.ok(!theirs.body.providers.some((x: { name: string }) => x.name === p.body.name));
      });
    });
  });
}
