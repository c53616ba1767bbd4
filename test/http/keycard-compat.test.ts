import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { tokenWithAssertion } from '../helpers/assertions.js';
import { ISSUER, createTenant, databases, startHarness, type Harness } from '../helpers/harness.js';
import { refuseWrites } from '../helpers/db-faults.js';
import { IDP_CLIENT_ID, startIdp, type Idp } from '../helpers/idp.js';

/** The response of the seed request in 002_99fa522e1b054508.txt (create application credential, type token). */
const SEED_RESPONSE = {
  id: 'id',
  application_id: 'application_id',
  created_at: '2019-12-27T18:11:19.117Z',
  organization_id: 'organization_id',
  slug: 'slug',
  updated_at: '2019-12-27T18:11:19.117Z',
  zone_id: 'zone_id',
  application: {
    id: 'id',
    created_at: '2019-12-27T18:11:19.117Z',
    dependencies_count: 0,
    identifier: 'x',
    name: 'x',
    organization_id: 'organization_id',
    owner_type: 'platform',
    slug: 'slug',
    updated_at: '2019-12-27T18:11:19.117Z',
    zone_id: 'zone_id',
    description: 'description',
    metadata: { docs_url: 'https://example.com' },
    protocols: { oauth2: { post_logout_redirect_uris: ['https://example.com'], redirect_uris: ['https://example.com'] } },
  },
  identifier: 'identifier',
  provider_id: 'provider_id',
  type: 'token',
  provider: {
    id: 'id',
    created_at: '2019-12-27T18:11:19.117Z',
    identifier: 'x',
    name: 'x',
    organization_id: 'organization_id',
    owner_type: 'platform',
    slug: 'slug',
    updated_at: '2019-12-27T18:11:19.117Z',
    zone_id: 'zone_id',
    client_id: 'client_id',
    client_secret_set: true,
    description: 'description',
    metadata: {},
    protocols: { oauth2: { issuer: 'https://example.com', jwks_uri: 'https://example.com' }, openid: { userinfo_endpoint: 'https://example.com' } },
    type: 'external',
  },
  subject: 'subject',
};

const keys = (o: object) => Object.keys(o).sort();
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

for (const db of databases) {
  describe(`Keycard dialect (${db.name})`, () => {
    let h: Harness;
    let idp: Idp;
    let zone: string;
    let app: { id: string; identifier: string };
    let provider: { id: string };

    before(async () => {
      idp = await startIdp();
      h = await startHarness(undefined, { db });
      const z = await h.call('POST', '/zones', { name: 'Production', description: 'Workloads in prod' });
      assert.equal(z.status, 200, JSON.stringify(z.body));
      zone = z.body.id;
      const a = await h.call('POST', `/zones/${zone}/applications`, { identifier: 'deploy-bot', name: 'Deploy bot', description: 'description', metadata: { docs_url: 'https://example.com' } });
      assert.equal(a.status, 200, JSON.stringify(a.body));
      app = a.body;
      const p = await h.call('POST', `/zones/${zone}/providers`, { identifier: 'ci', name: 'CI', description: 'description', protocols: { oauth2: { issuer: idp.issuer } } });
      assert.equal(p.status, 200, JSON.stringify(p.body));
      provider = p.body;
    });
    after(async () => {
      await h.close();
      await idp.close();
    });

    describe('200 / 204', () => {
      it('answers the seed request with the seed shape, nested application and provider included', async () => {
        const res = await h.call('POST', `/zones/${zone}/application-credentials`, { type: 'token', application_id: app.id, provider_id: provider.id, subject: IDP_CLIENT_ID });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.deepEqual(keys(res.body), keys(SEED_RESPONSE));
        assert.deepEqual(keys(res.body.application), keys(SEED_RESPONSE.application));
        assert.deepEqual(keys(res.body.provider), keys(SEED_RESPONSE.provider));
        assert.deepEqual(keys(res.body.provider.protocols.oauth2), ['issuer', 'jwks_uri']);
        assert.equal(res.body.type, 'token');
        assert.equal(res.body.identifier, IDP_CLIENT_ID);
        assert.equal(res.body.subject, IDP_CLIENT_ID);
        assert.equal(res.body.provider_id, provider.id);
        assert.equal(res.body.zone_id, zone);
        assert.equal(res.body.application.identifier, 'deploy-bot');
        assert.deepEqual(res.body.application.metadata, { docs_url: 'https://example.com' });
        assert.equal(res.body.provider.protocols.oauth2.issuer, idp.issuer);
        assert.equal(res.body.provider.type, 'external');
        assert.match(res.body.created_at, ISO);
        assert.match(res.body.slug, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
        // The credential works: the IdP's token authenticates the application at the token endpoint.
        const token = await tokenWithAssertion(h, await idp.token(ISSUER));
        assert.equal(token.status, 200, JSON.stringify(token.body));
        assert.equal(decodeJwt(token.body.access_token).client_id, 'deploy-bot');
      });

      it('another zone trusts the same issuer through its own provider', async () => {
        const staging = await h.call('POST', '/zones', { name: 'Staging' });
        const p = await h.call('POST', `/zones/${staging.body.id}/providers`, { identifier: 'ci', name: 'CI', protocols: { oauth2: { issuer: idp.issuer } } });
        assert.equal(p.status, 200, JSON.stringify(p.body));
        const twice = await h.call('POST', `/zones/${staging.body.id}/providers`, { identifier: 'ci-again', name: 'CI', protocols: { oauth2: { issuer: idp.issuer } } });
        assert.equal(twice.status, 409);
        assert.equal(twice.body.code, 'already_exists');
        const a = await h.call('POST', `/zones/${staging.body.id}/applications`, { identifier: 'deploy-bot-staging', name: 'Deploy bot (staging)' });
        const cred = await h.call('POST', `/zones/${staging.body.id}/application-credentials`, { type: 'token', application_id: a.body.id, provider_id: p.body.id, subject: IDP_CLIENT_ID });
        assert.equal(cred.status, 200, JSON.stringify(cred.body));
        // The production provider is not the staging zone's to use.
        const crossed = await h.call('POST', `/zones/${staging.body.id}/application-credentials`, { type: 'token', application_id: a.body.id, provider_id: provider.id });
        assert.equal(crossed.status, 404);
        const either = await tokenWithAssertion(h, await idp.token(ISSUER));
        assert.equal(either.status, 401);
        assert.match(either.body.error_description, /several clients; send client_id/);
        for (const clientId of ['deploy-bot-staging', 'deploy-bot']) {
          const res = await tokenWithAssertion(h, await idp.token(ISSUER), { client_id: clientId });
          assert.equal(res.status, 200, JSON.stringify(res.body));
          assert.equal(decodeJwt(res.body.access_token).client_id, clientId);
        }
        assert.equal((await h.call('DELETE', `/zones/${staging.body.id}/application-credentials/${cred.body.id}`)).status, 204);
      });

      it('password: returned once, and it is the OAuth client secret of the identifier', async () => {
        const res = await h.call('POST', `/zones/${zone}/application-credentials`, { type: 'password', application_id: app.id });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(res.body.identifier, 'deploy-bot');
        assert.match(res.body.password, /^kw_/);
        assert.equal((await h.token('deploy-bot', res.body.password)).status, 200);
        const got = await h.call('GET', `/zones/${zone}/application-credentials/${res.body.id}`);
        assert.equal(got.status, 200);
        assert.equal(got.body.password, undefined);
        assert.equal((await h.call('DELETE', `/zones/${zone}/application-credentials/${res.body.id}`)).status, 204);
        assert.equal((await h.token('deploy-bot', res.body.password)).status, 401);
      });

      it('public-key: a jwks_uri', async () => {
        const res = await h.call('POST', `/zones/${zone}/application-credentials`, { type: 'public-key', application_id: app.id, jwks_uri: 'https://keys.example.com/jwks.json' });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(res.body.type, 'public-key');
        assert.equal(res.body.jwks_uri, 'https://keys.example.com/jwks.json');
        assert.equal(res.body.identifier, 'deploy-bot');
      });

      it('patches a token credential to any subject and lists with cursors', async () => {
        const created = await h.call('POST', `/zones/${zone}/application-credentials`, { type: 'token', application_id: app.id, provider_id: provider.id, subject: 'job-1' });
        const patched = await h.call('PATCH', `/zones/${zone}/application-credentials/${created.body.id}`, { subject: null });
        assert.equal(patched.status, 200, JSON.stringify(patched.body));
        assert.equal(patched.body.subject, null);
        assert.equal(patched.body.identifier, '*');
        const first = await h.call('GET', `/zones/${zone}/application-credentials?limit=1`);
        assert.equal(first.status, 200);
        assert.equal(first.body.items.length, 1);
        assert.equal(first.body.page_info.has_next_page, true);
        assert.equal(first.body.page_info.has_previous_page, false);
        assert.equal(typeof first.body.pagination.after_cursor, 'string');
        const forged = await h.call('GET', `/zones/${zone}/application-credentials?limit=1&after=not-a-cursor`);
        assert.equal(forged.status, 400);
        assert.match(forged.body.message, /The after cursor is not one this list gave/);
        const second = await h.call('GET', `/zones/${zone}/application-credentials?limit=1&after=${encodeURIComponent(first.body.pagination.after_cursor)}`);
        assert.equal(second.body.items.length, 1);
        assert.notEqual(second.body.items[0].id, first.body.items[0].id);
        assert.equal(second.body.page_info.has_previous_page, true);
        const ofApp = await h.call('GET', `/zones/${zone}/applications/${app.id}/application-credentials`);
        assert.ok(ofApp.body.items.length >= 3);
        const bySlug = await h.call('GET', `/zones/${zone}/application-credentials?slug=${created.body.slug}`);
        assert.equal(bySlug.status, 200, JSON.stringify(bySlug.body));
        assert.deepEqual(bySlug.body.items.map((i: { id: string }) => i.id), [created.body.id]);
        assert.deepEqual((await h.call('GET', `/zones/${zone}/application-credentials?slug=no-such-credential`)).body.items, []);
      });

      it('a zone with a description and a new application are each one event; the application has no credential until one is added', async () => {
        const auditOf = async (resource: string) => {
          const res = await h.call('GET', `/v1/auditEvents?filter=${encodeURIComponent(`resource: "${resource}"`)}`);
          assert.equal(res.status, 200, JSON.stringify(res.body));
          return res.body.auditEvents as { type: string; data: { after?: { settings?: Record<string, string> } } }[];
        };
        const z = await h.call('POST', '/zones', { name: 'Staging', description: 'Workloads in staging' });
        assert.equal(z.status, 200, JSON.stringify(z.body));
        assert.equal(z.body.description, 'Workloads in staging');
        const zoneEvents = await auditOf(`workspaces/${z.body.id}`);
        assert.deepEqual(zoneEvents.map((e) => e.type), ['workspace.created']);
        assert.equal(zoneEvents[0].data.after?.settings?.description, 'Workloads in staging');
        assert.equal((await h.call('GET', `/zones/${z.body.id}`)).body.description, 'Workloads in staging');

        const a = await h.call('POST', `/zones/${z.body.id}/applications`, { identifier: 'keyless-bot', name: 'Keyless bot' });
        assert.equal(a.status, 200, JSON.stringify(a.body));
        // Created without a secret in one step: no secret was made and then taken away.
        assert.deepEqual((await auditOf(`apiClients/${a.body.id}`)).map((e) => e.type), ['client.created']);
        assert.deepEqual((await h.call('GET', `/zones/${z.body.id}/applications/${a.body.id}/application-credentials`)).body.items, []);
        assert.deepEqual((await h.call('GET', `/v1/apiClients/${a.body.id}/credentials`)).body.credentials, []);
        const key = await h.call('POST', `/zones/${z.body.id}/application-credentials`, { type: 'public-key', application_id: a.body.id, jwks_uri: 'https://keys.example.com/jwks.json' });
        assert.equal(key.status, 200, JSON.stringify(key.body));
        assert.deepEqual((await auditOf(`apiClients/${a.body.id}`)).map((e) => e.type), ['credential.created', 'client.created']);
        const listed = await h.call('GET', `/zones/${z.body.id}/applications/${a.body.id}/application-credentials`);
        assert.deepEqual(listed.body.items.map((i: { id: string; type: string }) => [i.id, i.type]), [[key.body.id, 'public-key']]);
        assert.equal((await h.call('DELETE', `/zones/${z.body.id}/applications/${a.body.id}`)).status, 204);
        assert.equal((await h.call('DELETE', `/zones/${z.body.id}`)).status, 204);
      });

      it('PATCH of a zone with name and description is one transaction and one event', async () => {
        type ZoneEvent = { type: string; data: { before?: { displayName: string; settings: Record<string, string> }; after?: { displayName: string; settings: Record<string, string> } } };
        const created = await h.call('POST', '/zones', { name: 'Edge', description: 'first' });
        assert.equal(created.status, 200, JSON.stringify(created.body));
        const id: string = created.body.id;
        const eventsOf = async () => {
          const res = await h.call('GET', `/v1/auditEvents?filter=${encodeURIComponent(`resource = "workspaces/${id}"`)}`);
          assert.equal(res.status, 200, JSON.stringify(res.body));
          return res.body.auditEvents as ZoneEvent[];
        };

        const both = await h.call('PATCH', `/zones/${id}`, { name: 'Edge 2', description: 'second' });
        assert.equal(both.status, 200, JSON.stringify(both.body));
        assert.equal(both.body.name, 'Edge 2');
        assert.equal(both.body.description, 'second');
        const [updated, ...older] = await eventsOf();
        assert.deepEqual(older.map((e) => e.type), ['workspace.created']);
        assert.equal(updated.type, 'workspace.updated');
        assert.deepEqual(
          [updated.data.before?.displayName, updated.data.before?.settings.description, updated.data.after?.displayName, updated.data.after?.settings.description],
          ['Edge', 'first', 'Edge 2', 'second'],
        );

        // The description cannot be stored: the new name must not be stored without it.
        const lift = await refuseWrites(h, 'workspaces', 'UPDATE', `NEW.settings LIKE '%refused description%'`);
        try {
          const failed = await h.call('PATCH', `/zones/${id}`, { name: 'Edge 3', description: 'refused description' });
          assert.ok(failed.status >= 500, `${failed.status} ${JSON.stringify(failed.body)}`);
        } finally {
          await lift();
        }
        const kept = await h.call('GET', `/zones/${id}`);
        assert.deepEqual([kept.body.name, kept.body.description], ['Edge 2', 'second']);
        assert.equal((await eventsOf()).length, 2);

        const cleared = await h.call('PATCH', `/zones/${id}`, { description: null });
        assert.deepEqual([cleared.status, cleared.body.name, cleared.body.description], [200, 'Edge 2', null]);
        const renamed = await h.call('PATCH', `/zones/${id}`, { name: 'Edge 4' });
        assert.deepEqual([renamed.status, renamed.body.name, renamed.body.description], [200, 'Edge 4', null]);
        assert.equal((await h.call('PATCH', `/zones/${id}`, {})).status, 200);
        assert.deepEqual((await eventsOf()).map((e) => e.type), ['workspace.updated', 'workspace.updated', 'workspace.updated', 'workspace.created']);
        assert.equal((await h.call('PATCH', '/zones/ws_missing', { name: 'x', description: 'y' })).status, 404);
        assert.equal((await h.call('DELETE', `/zones/${id}`)).status, 204);
      });

      it('zones, applications and providers: get, list, patch, delete', async () => {
        const z = await h.call('GET', `/zones/${zone}`);
        assert.equal(z.body.description, 'Workloads in prod');
        assert.equal(z.body.protocols.oauth2.issuer, ISSUER);
        assert.equal(z.body.protocols.oauth2.token_endpoint, `${ISSUER}/oauth/token`);
        const renamed = await h.call('PATCH', `/zones/${zone}`, { name: 'Prod', description: null });
        assert.equal(renamed.body.name, 'Prod');
        assert.equal(renamed.body.description, null);
        const zones = await h.call('GET', '/zones');
        assert.ok(zones.body.items.some((i: { id: string }) => i.id === zone));
        const apps = await h.call('GET', `/zones/${zone}/applications?filter[identifier]=deploy-bot`);
        assert.deepEqual(apps.body.items.map((i: { id: string }) => i.id), [app.id]);
        const patchedApp = await h.call('PATCH', `/zones/${zone}/applications/${app.id}`, { name: 'Deployer', metadata: null });
        assert.equal(patchedApp.body.name, 'Deployer');
        assert.deepEqual(patchedApp.body.metadata, {});
        const providers = await h.call('GET', `/zones/${zone}/providers`);
        assert.deepEqual(providers.body.items.map((i: { id: string }) => i.id), [provider.id]);
        const patchedProvider = await h.call('PATCH', `/zones/${zone}/providers/${provider.id}`, { name: 'CI system' });
        assert.equal(patchedProvider.body.name, 'CI system');
        const temp = await h.call('POST', `/zones/${zone}/applications`, { identifier: 'temp-app', name: 'temp' });
        assert.equal((await h.call('DELETE', `/zones/${zone}/applications/${temp.body.id}`)).status, 204);
        assert.equal((await h.call('GET', `/zones/${zone}/applications/${temp.body.id}`)).status, 404);
        const empty = await h.call('POST', '/zones', { name: 'Empty' });
        const deleted = await h.inject({ method: 'DELETE', url: `/zones/${empty.body.id}`, headers: { authorization: `Bearer ${h.adminToken}` } });
        assert.equal(deleted.statusCode, 204);
        assert.equal(deleted.body, '');
      });
    });

    describe('4xx with {code, message, status}', () => {
      it('refuses url and public credentials clearly', async () => {
        for (const type of ['url', 'public']) {
          const res = await h.call('POST', `/zones/${zone}/application-credentials`, { type, application_id: app.id, identifier: 'https://app.example' });
          assert.equal(res.status, 400);
          assert.deepEqual(keys(res.body), ['code', 'message', 'status']);
          assert.equal(res.body.status, 400);
          assert.match(res.body.message, new RegExp(`Credential type ${type} is not supported by Keyward`));
        }
      });

      it("names what is missing or taken in Keycard's words: zones, applications, credentials, providers", async () => {
        const says = async (url: string, status: number, message: string, method = 'GET', body?: unknown) => {
          const res = await h.call(method, url, body);
          assert.equal(res.status, status, `${url}: ${JSON.stringify(res.body)}`);
          assert.deepEqual(res.body, { code: status === 404 ? 'not_found' : 'already_exists', message, status });
        };
        await says('/zones/ws_missing', 404, 'Zone ws_missing was not found.');
        await says('/zones/ws_missing/applications/cli_missing', 404, 'Zone ws_missing was not found.');
        await says(`/zones/${zone}/applications/cli_missing`, 404, 'Application cli_missing was not found.');
        await says(`/zones/${zone}/application-credentials/cred_missing`, 404, 'Application credential cred_missing was not found.');
        await says(`/zones/${zone}/providers/prov_missing`, 404, 'Provider prov_missing was not found.');
        await says(`/zones/${zone}/applications`, 409, 'The identifier "deploy-bot" is taken; choose another.', 'POST', { identifier: 'deploy-bot', name: 'again' });
      });

      it("answers a resource of another zone of the organization as not found in this one, and leaves it be", async () => {
        const other = await h.call('POST', '/zones', { name: 'Other zone' });
        const provider = await h.call('POST', `/zones/${zone}/providers`, { identifier: 'scoped-idp', name: 'IdP', protocols: { oauth2: { issuer: 'https://scoped-idp.example' } } });
        assert.equal(provider.status, 200, JSON.stringify(provider.body));
        const cred = await h.call('POST', `/zones/${zone}/application-credentials`, { type: 'token', application_id: app.id, provider_id: provider.body.id });
        assert.equal(cred.status, 200, JSON.stringify(cred.body));
        const elsewhere = `/zones/${other.body.id}`;
        const before = await h.call('GET', `/zones/${zone}/applications/${app.id}`);
        for (const [method, url, body, words] of [
          ['GET', `${elsewhere}/applications/${app.id}`, undefined, `Application ${app.id}`],
          ['PATCH', `${elsewhere}/applications/${app.id}`, { name: 'moved' }, `Application ${app.id}`],
          ['DELETE', `${elsewhere}/applications/${app.id}`, undefined, `Application ${app.id}`],
          ['GET', `${elsewhere}/applications/${app.id}/application-credentials`, undefined, `Application ${app.id}`],
          ['POST', `${elsewhere}/application-credentials`, { type: 'password', application_id: app.id }, `Application ${app.id}`],
          ['GET', `${elsewhere}/application-credentials/${cred.body.id}`, undefined, `Application credential ${cred.body.id}`],
          ['PATCH', `${elsewhere}/application-credentials/${cred.body.id}`, { subject: 'x' }, `Application credential ${cred.body.id}`],
          ['DELETE', `${elsewhere}/application-credentials/${cred.body.id}`, undefined, `Application credential ${cred.body.id}`],
          ['GET', `${elsewhere}/providers/${provider.body.id}`, undefined, `Provider ${provider.body.id}`],
          ['PATCH', `${elsewhere}/providers/${provider.body.id}`, { name: 'moved' }, `Provider ${provider.body.id}`],
          ['DELETE', `${elsewhere}/providers/${provider.body.id}`, undefined, `Provider ${provider.body.id}`],
        ] as [string, string, unknown, string][]) {
          const res = await h.call(method, url, body);
          assert.equal(res.status, 404, `${method} ${url}: ${JSON.stringify(res.body)}`);
          assert.deepEqual(res.body, { code: 'not_found', message: `${words} in zone ${other.body.id} was not found.`, status: 404 });
        }
        assert.deepEqual((await h.call('GET', `/zones/${zone}/applications/${app.id}`)).body, before.body, 'the application is unchanged');
        assert.equal((await h.call('GET', `/zones/${zone}/application-credentials/${cred.body.id}`)).status, 200);
        assert.equal((await h.call('GET', `/zones/${zone}/providers/${provider.body.id}`)).body.name, 'IdP');
        assert.deepEqual((await h.call('GET', `${elsewhere}/applications`)).body.items, []);
        assert.deepEqual((await h.call('GET', `${elsewhere}/providers`)).body.items, []);
        assert.equal((await h.call('DELETE', `/zones/${zone}/application-credentials/${cred.body.id}`)).status, 204);
        assert.equal((await h.call('DELETE', `/zones/${zone}/providers/${provider.body.id}`)).status, 204);
      });

      it('refuses bad applications and providers', async () => {
        const taken = await h.call('POST', `/zones/${zone}/applications`, { identifier: 'deploy-bot', name: 'again' });
        assert.equal(taken.status, 409);
        assert.equal(taken.body.code, 'already_exists');
        assert.equal((await h.call('POST', `/zones/${zone}/applications`, { identifier: 'https://app.example/x', name: 'url' })).status, 400);
        const redirects = await h.call('POST', `/zones/${zone}/applications`, { identifier: 'browser-app', name: 'b', protocols: { oauth2: { redirect_uris: ['https://x.example/cb'] } } });
        assert.equal(redirects.status, 400);
        assert.match(redirects.body.message, /Redirect URIs are not supported/);
        const noIssuer = await h.call('POST', `/zones/${zone}/providers`, { identifier: 'p', name: 'p' });
        assert.equal(noIssuer.status, 400);
        assert.match(noIssuer.body.message, /issuer is required/);
        const secret = await h.call('POST', `/zones/${zone}/providers`, { identifier: 'p', name: 'p', client_secret: 'x', protocols: { oauth2: { issuer: 'https://p.example' } } });
        assert.equal(secret.status, 400);
        const otherId = await h.call('POST', `/zones/${zone}/application-credentials`, { type: 'password', application_id: app.id, identifier: 'someone-else' });
        assert.equal(otherId.status, 400);
        const zoneWithApps = await h.call('DELETE', `/zones/${zone}`);
        assert.equal(zoneWithApps.status, 400);
        assert.equal(zoneWithApps.body.code, 'failed_precondition');
        const unauthenticated = await h.inject({ method: 'GET', url: '/zones' });
        assert.equal(unauthenticated.statusCode, 401);
        assert.deepEqual(keys(unauthenticated.json()), ['code', 'message', 'status']);
      });

      it('answers 404 to a neighbour organization on every zone resource', async () => {
        const tenant = await createTenant(h, 'Neighbour');
        const as = { authorization: `Bearer ${tenant.token}` };
        const cred = await h.call('POST', `/zones/${zone}/application-credentials`, { type: 'token', application_id: app.id, provider_id: provider.id });
        for (const [method, url, body] of [
          ['GET', `/zones/${zone}`],
          ['PATCH', `/zones/${zone}`, { name: 'theirs' }],
          ['DELETE', `/zones/${zone}`],
          ['GET', `/zones/${zone}/applications`],
          ['POST', `/zones/${zone}/applications`, { identifier: 'neighbour-app', name: 'n' }],
          ['GET', `/zones/${zone}/applications/${app.id}`],
          ['PATCH', `/zones/${zone}/applications/${app.id}`, { name: 'n' }],
          ['DELETE', `/zones/${zone}/applications/${app.id}`],
          ['GET', `/zones/${zone}/providers/${provider.id}`],
          ['DELETE', `/zones/${zone}/providers/${provider.id}`],
          ['GET', `/zones/${zone}/application-credentials`],
          ['POST', `/zones/${zone}/application-credentials`, { type: 'password', application_id: app.id }],
          ['GET', `/zones/${zone}/application-credentials/${cred.body.id}`],
          ['PATCH', `/zones/${zone}/application-credentials/${cred.body.id}`, { subject: 'x' }],
          ['DELETE', `/zones/${zone}/application-credentials/${cred.body.id}`],
        ] as [string, string, unknown?][]) {
          const res = await h.call(method, url, body, as);
          assert.equal(res.status, 404, `${method} ${url}: ${JSON.stringify(res.body)}`);
          assert.equal(res.body.code, 'not_found');
          assert.equal(res.body.message, `Zone ${zone} was not found.`, 'in Keycard\'s words');
        }
        // The same ids inside the neighbour's own zone are not found either.
        const theirZone = await h.call('POST', '/zones', { name: 'Theirs' }, as);
        assert.equal((await h.call('GET', `/zones/${theirZone.body.id}/applications/${app.id}`, undefined, as)).status, 404);
      });
    });
  });
}
