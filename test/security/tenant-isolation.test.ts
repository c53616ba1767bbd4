import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTenant, databases, startHarness, type Harness } from '../helpers/harness.js';
import { adminCall, createClient, introspect, revoke, snapshotRows, tokenFor, type TestClient } from './support.js';
import { isPublic, listRoutes } from './routes.js';

/**
 * Battery part C: tenant isolation and privilege escalation. Tenant A's admin addresses every
 * resource of tenant B, with every verb, on every admin surface: the answer is the answer for a
 * resource that does not exist (404 for resources), and not one row changes. The matrix is a
 * table; a coverage check fails when the app serves an admin route with an id that has no row.
 */

/** B's resources, and ids that exist nowhere, substituted into the matrix paths. */
interface Ids {
  org: string;
  workspace: string;
  client: string;
  credential: string;
  role: string;
  webhook: string;
  /** One of B's webhook's deliveries. */
  delivery: string;
  provider: string;
  grant: string;
  registrationToken: string;
  /** A resource of A's own, to combine with B's child ids. */
  ownClient: string;
}

interface Probe {
  method: string;
  /** The route pattern it exercises (as listRoutes prints it), for the coverage check. */
  route: string;
  url: (ids: Ids) => string;
  body?: (ids: Ids) => unknown;
  /** 404 unless the verb is refused for every id alike (a function-level check, no oracle). */
  expect?: number[];
}

/** The canonical /v1 surface. Dialect surfaces add their own table below as they land. */
const CANONICAL: Probe[] = [
  { method: 'GET', route: '/v1/organizations/:id', url: (i) => `/v1/organizations/${i.org}` },
  // Renaming an organization is super-admin only, for every id: refused alike, so no oracle.
  { method: 'PATCH', route: '/v1/organizations/:id', url: (i) => `/v1/organizations/${i.org}`, body: () => ({ displayName: 'pwned' }), expect: [403] },
  { method: 'GET', route: '/v1/workspaces/:id', url: (i) => `/v1/workspaces/${i.workspace}` },
  { method: 'PATCH', route: '/v1/workspaces/:id', url: (i) => `/v1/workspaces/${i.workspace}`, body: () => ({ displayName: 'pwned' }) },
  { method: 'DELETE', route: '/v1/workspaces/:id', url: (i) => `/v1/workspaces/${i.workspace}` },
  { method: 'GET', route: '/v1/workspaces/:id/settings', url: (i) => `/v1/workspaces/${i.workspace}/settings` },
  { method: 'GET', route: '/v1/workspaces/:id/credentials', url: (i) => `/v1/workspaces/${i.workspace}/credentials` },
  { method: 'GET', route: '/v1/workspaces/:id/registrationTokens', url: (i) => `/v1/workspaces/${i.workspace}/registrationTokens` },
  { method: 'POST', route: '/v1/workspaces/:id/registrationTokens', url: (i) => `/v1/workspaces/${i.workspace}/registrationTokens`, body: () => ({ uses: 1 }) },
  { method: 'GET', route: '/v1/workspaces/:id/registrationTokens/:tokenId', url: (i) => `/v1/workspaces/${i.workspace}/registrationTokens/${i.registrationToken}` },
  { method: 'DELETE', route: '/v1/workspaces/:id/registrationTokens/:tokenId', url: (i) => `/v1/workspaces/${i.workspace}/registrationTokens/${i.registrationToken}` },
  { method: 'PATCH', route: '/v1/workspaces/:id/settings', url: (i) => `/v1/workspaces/${i.workspace}/settings`, body: () => ({ merge: { pwned: 'yes' } }) },
  { method: 'GET', route: '/v1/apiClients/:id', url: (i) => `/v1/apiClients/${i.client}` },
  { method: 'PATCH', route: '/v1/apiClients/:id', url: (i) => `/v1/apiClients/${i.client}`, body: () => ({ displayName: 'pwned', permissions: ['pwned'] }) },
  { method: 'DELETE', route: '/v1/apiClients/:id', url: (i) => `/v1/apiClients/${i.client}` },
  { method: 'POST', route: '/v1/apiClients/:id:disable', url: (i) => `/v1/apiClients/${i.client}:disable` },
  { method: 'POST', route: '/v1/apiClients/:id:enable', url: (i) => `/v1/apiClients/${i.client}:enable` },
  { method: 'POST', route: '/v1/apiClients/:id:rotateSecret', url: (i) => `/v1/apiClients/${i.client}:rotateSecret`, body: () => ({ overlap: '0s' }) },
  { method: 'GET', route: '/v1/apiClients/:id/usage', url: (i) => `/v1/apiClients/${i.client}/usage` },
  { method: 'GET', route: '/v1/apiClients/:id/credentials', url: (i) => `/v1/apiClients/${i.client}/credentials` },
  { method: 'POST', route: '/v1/apiClients/:id/credentials', url: (i) => `/v1/apiClients/${i.client}/credentials`, body: () => ({ type: 'SECRET' }) },
  { method: 'GET', route: '/v1/apiClients/:id/credentials/:credentialId', url: (i) => `/v1/apiClients/${i.client}/credentials/${i.credential}` },
  { method: 'PATCH', route: '/v1/apiClients/:id/credentials/:credentialId', url: (i) => `/v1/apiClients/${i.client}/credentials/${i.credential}?updateMask=allowedCidrs`, body: () => ({ allowedCidrs: [] }) },
  { method: 'DELETE', route: '/v1/apiClients/:id/credentials/:credentialId', url: (i) => `/v1/apiClients/${i.client}/credentials/${i.credential}` },
  // B's credential under A's own client: the child id alone must not be enough.
  { method: 'GET', route: '/v1/apiClients/:id/credentials/:credentialId', url: (i) => `/v1/apiClients/${i.ownClient}/credentials/${i.credential}` },
  { method: 'PATCH', route: '/v1/apiClients/:id/credentials/:credentialId', url: (i) => `/v1/apiClients/${i.ownClient}/credentials/${i.credential}?updateMask=maxUses`, body: () => ({ maxUses: 1 }) },
  { method: 'DELETE', route: '/v1/apiClients/:id/credentials/:credentialId', url: (i) => `/v1/apiClients/${i.ownClient}/credentials/${i.credential}` },
  { method: 'GET', route: '/v1/roles/:id', url: (i) => `/v1/roles/${i.role}` },
  { method: 'PATCH', route: '/v1/roles/:id', url: (i) => `/v1/roles/${i.role}?updateMask=permissions`, body: () => ({ permissions: ['pwned'] }) },
  { method: 'DELETE', route: '/v1/roles/:id', url: (i) => `/v1/roles/${i.role}` },
  // B's ids referenced from a body: refused like ids that do not exist.
  { method: 'POST', route: '/v1/apiClients', url: () => '/v1/apiClients', body: (i) => ({ displayName: 'x', workspace: `workspaces/${i.workspace}` }) },
  { method: 'POST', route: '/v1/apiClients', url: () => '/v1/apiClients', body: (i) => ({ displayName: 'x', roles: [`roles/${i.role}`] }), expect: [400] },
  { method: 'PATCH', route: '/v1/apiClients/:id', url: (i) => `/v1/apiClients/${i.ownClient}?updateMask=roles`, body: (i) => ({ roles: [`roles/${i.role}`] }), expect: [400] },
];

/** Webhooks, deliveries, providers, role bindings and access grants (canonical, added with migrations 002/003). */
const CANONICAL_MORE: Probe[] = [
  { method: 'GET', route: '/v1/webhooks/:id', url: (i) => `/v1/webhooks/${i.webhook}` },
  { method: 'PATCH', route: '/v1/webhooks/:id', url: (i) => `/v1/webhooks/${i.webhook}`, body: () => ({ url: 'http://127.0.0.1:9/pwned' }) },
  { method: 'DELETE', route: '/v1/webhooks/:id', url: (i) => `/v1/webhooks/${i.webhook}` },
  { method: 'POST', route: '/v1/webhooks/:id:rotateSecret', url: (i) => `/v1/webhooks/${i.webhook}:rotateSecret`, body: () => ({}) },
  { method: 'GET', route: '/v1/webhooks/:id/deliveries', url: (i) => `/v1/webhooks/${i.webhook}/deliveries` },
  { method: 'POST', route: '/v1/webhooks/:id/deliveries/:deliveryId:redeliver', url: (i) => `/v1/webhooks/${i.webhook}/deliveries/msg_x:redeliver` },
  { method: 'GET', route: '/v1/webhooks/:id/deliveries/:deliveryId', url: (i) => `/v1/webhooks/${i.webhook}/deliveries/${i.delivery}` },
  { method: 'GET', route: '/v1/webhooks/:id/deliveries/:deliveryId/attempts', url: (i) => `/v1/webhooks/${i.webhook}/deliveries/${i.delivery}/attempts` },
  { method: 'GET', route: '/v1/providers/:id', url: (i) => `/v1/providers/${i.provider}` },
  { method: 'PATCH', route: '/v1/providers/:id', url: (i) => `/v1/providers/${i.provider}`, body: () => ({ displayName: 'pwned' }) },
  { method: 'DELETE', route: '/v1/providers/:id', url: (i) => `/v1/providers/${i.provider}` },
  { method: 'GET', route: '/v1/roleBindings/:id', url: () => '/v1/roleBindings/rb_doesnotexist' },
  { method: 'DELETE', route: '/v1/roleBindings/:id', url: () => '/v1/roleBindings/rb_doesnotexist' },
  { method: 'GET', route: '/v1/workspaces/:id/accessGrants', url: (i) => `/v1/workspaces/${i.workspace}/accessGrants` },
  { method: 'POST', route: '/v1/workspaces/:id/accessGrants', url: (i) => `/v1/workspaces/${i.workspace}/accessGrants`, body: () => ({ subjectType: 'USER', subjectId: 'mallory' }) },
  { method: 'DELETE', route: '/v1/workspaces/:id/accessGrants/:grantId', url: (i) => `/v1/workspaces/${i.workspace}/accessGrants/${i.grant}` },
  { method: 'DELETE', route: '/v1/workspaces/:id/accessGrants/:grantId', url: (i) => `/v1/workspaces/${i.ownClient ? i.workspace : ''}/accessGrants/${i.grant}` },
];

/** Vendor dialects answer in their own error shapes; body validation may come first (400/422), but never differently for B's ids than for absent ones. */
const REFUSED = [400, 404, 422];

const DOCPIER: Probe[] = [
  { method: 'GET', route: '/admin/workspaces/:workspaceId', url: (i) => `/admin/workspaces/${i.workspace}` },
  { method: 'PATCH', route: '/admin/workspaces/:workspaceId', url: (i) => `/admin/workspaces/${i.workspace}`, body: () => ({ name: 'pwned' }), expect: REFUSED },
  { method: 'POST', route: '/admin/workspaces/:workspaceId/access', url: (i) => `/admin/workspaces/${i.workspace}/access`, body: () => ({ subject_type: 'USER', subject_id: 'mallory' }), expect: REFUSED },
  { method: 'DELETE', route: '/admin/workspaces/:workspaceId/access', url: (i) => `/admin/workspaces/${i.workspace}/access`, body: () => ({ subject_type: 'USER', subject_id: 'mallory' }), expect: REFUSED },
  { method: 'DELETE', route: '/admin/workspaces/:workspaceId/access/:subject_type/:subject_id', url: (i) => `/admin/workspaces/${i.workspace}/access/USER/mallory`, expect: REFUSED },
  { method: 'GET', route: '/admin/workspaces/:workspaceId/keycloak/agent-client', url: (i) => `/admin/workspaces/${i.workspace}/keycloak/agent-client` },
  { method: 'POST', route: '/admin/workspaces/:workspaceId/keycloak/agent-client', url: (i) => `/admin/workspaces/${i.workspace}/keycloak/agent-client`, body: () => ({ client_id: 'pwned-agent' }), expect: REFUSED },
  { method: 'GET', route: '/admin/workspaces/:workspaceId/keycloak/agent-clients', url: (i) => `/admin/workspaces/${i.workspace}/keycloak/agent-clients` },
  { method: 'GET', route: '/admin/workspaces/:workspaceId/settings', url: (i) => `/admin/workspaces/${i.workspace}/settings` },
  { method: 'PATCH', route: '/admin/workspaces/:workspaceId/settings', url: (i) => `/admin/workspaces/${i.workspace}/settings`, body: () => ({ pwned: 'yes' }), expect: REFUSED },
  { method: 'GET', route: '/admin/workspaces/:workspaceId/webhooks', url: (i) => `/admin/workspaces/${i.workspace}/webhooks` },
  { method: 'POST', route: '/admin/workspaces/:workspaceId/webhooks', url: (i) => `/admin/workspaces/${i.workspace}/webhooks`, body: () => ({ url: 'http://127.0.0.1:9/pwned' }), expect: REFUSED },
  { method: 'PATCH', route: '/admin/workspaces/:workspaceId/webhooks/:webhook_id', url: (i) => `/admin/workspaces/${i.workspace}/webhooks/${i.webhook}`, body: () => ({ url: 'http://127.0.0.1:9/pwned' }), expect: REFUSED },
  { method: 'DELETE', route: '/admin/workspaces/:workspaceId/webhooks/:webhook_id', url: (i) => `/admin/workspaces/${i.workspace}/webhooks/${i.webhook}`, expect: REFUSED },
];

/** Keycard: zones are workspaces, applications clients, application credentials credentials. */
const KEYCARD: Probe[] = [
  { method: 'GET', route: '/zones/:zoneId', url: (i) => `/zones/${i.workspace}` },
  { method: 'PATCH', route: '/zones/:zoneId', url: (i) => `/zones/${i.workspace}`, body: () => ({ name: 'pwned' }), expect: REFUSED },
  { method: 'DELETE', route: '/zones/:zoneId', url: (i) => `/zones/${i.workspace}`, expect: REFUSED },
  { method: 'GET', route: '/zones/:zoneId/applications', url: (i) => `/zones/${i.workspace}/applications` },
  { method: 'POST', route: '/zones/:zoneId/applications', url: (i) => `/zones/${i.workspace}/applications`, body: () => ({ name: 'pwned', identifier: 'pwned-app' }), expect: REFUSED },
  { method: 'GET', route: '/zones/:zoneId/applications/:id', url: (i) => `/zones/${i.workspace}/applications/${i.client}`, expect: REFUSED },
  { method: 'PATCH', route: '/zones/:zoneId/applications/:id', url: (i) => `/zones/${i.workspace}/applications/${i.client}`, body: () => ({ name: 'pwned' }), expect: REFUSED },
  { method: 'DELETE', route: '/zones/:zoneId/applications/:id', url: (i) => `/zones/${i.workspace}/applications/${i.client}`, expect: REFUSED },
  { method: 'GET', route: '/zones/:zoneId/applications/:id/application-credentials', url: (i) => `/zones/${i.workspace}/applications/${i.client}/application-credentials`, expect: REFUSED },
  { method: 'GET', route: '/zones/:zoneId/application-credentials', url: (i) => `/zones/${i.workspace}/application-credentials` },
  { method: 'POST', route: '/zones/:zoneId/application-credentials', url: (i) => `/zones/${i.workspace}/application-credentials`, body: (i) => ({ type: 'password', application_id: i.client }), expect: REFUSED },
  { method: 'GET', route: '/zones/:zoneId/application-credentials/:id', url: (i) => `/zones/${i.workspace}/application-credentials/${i.credential}`, expect: REFUSED },
  { method: 'PATCH', route: '/zones/:zoneId/application-credentials/:id', url: (i) => `/zones/${i.workspace}/application-credentials/${i.credential}`, body: () => ({ name: 'pwned' }), expect: REFUSED },
  { method: 'DELETE', route: '/zones/:zoneId/application-credentials/:id', url: (i) => `/zones/${i.workspace}/application-credentials/${i.credential}`, expect: REFUSED },
  { method: 'GET', route: '/zones/:zoneId/providers', url: (i) => `/zones/${i.workspace}/providers` },
  { method: 'POST', route: '/zones/:zoneId/providers', url: (i) => `/zones/${i.workspace}/providers`, body: () => ({ identifier: 'https://pwned.example', name: 'pwned' }), expect: REFUSED },
  { method: 'GET', route: '/zones/:zoneId/providers/:id', url: (i) => `/zones/${i.workspace}/providers/${i.provider}`, expect: REFUSED },
  { method: 'PATCH', route: '/zones/:zoneId/providers/:id', url: (i) => `/zones/${i.workspace}/providers/${i.provider}`, body: () => ({ name: 'pwned' }), expect: REFUSED },
  { method: 'DELETE', route: '/zones/:zoneId/providers/:id', url: (i) => `/zones/${i.workspace}/providers/${i.provider}`, expect: REFUSED },
];

/** Zitadel: projects are workspaces, API apps are clients, app keys are public-key credentials. */
const ZITADEL: Probe[] = [
  { method: 'GET', route: '/management/v1/projects/:projectId', url: (i) => `/management/v1/projects/${i.workspace}` },
  { method: 'PUT', route: '/management/v1/projects/:projectId', url: (i) => `/management/v1/projects/${i.workspace}`, body: () => ({ name: 'pwned' }), expect: REFUSED },
  { method: 'DELETE', route: '/management/v1/projects/:projectId', url: (i) => `/management/v1/projects/${i.workspace}`, expect: REFUSED },
  { method: 'POST', route: '/management/v1/projects/:projectId/apps/api', url: (i) => `/management/v1/projects/${i.workspace}/apps/api`, body: () => ({ name: 'pwned', authMethodType: 'API_AUTH_METHOD_TYPE_BASIC' }), expect: REFUSED },
  { method: 'POST', route: '/management/v1/projects/:projectId/apps/_search', url: (i) => `/management/v1/projects/${i.workspace}/apps/_search`, body: () => ({}), expect: REFUSED },
  { method: 'GET', route: '/management/v1/projects/:projectId/apps/:appId', url: (i) => `/management/v1/projects/${i.workspace}/apps/${i.client}` },
  { method: 'PUT', route: '/management/v1/projects/:projectId/apps/:appId', url: (i) => `/management/v1/projects/${i.workspace}/apps/${i.client}`, body: () => ({ name: 'pwned' }), expect: REFUSED },
  { method: 'DELETE', route: '/management/v1/projects/:projectId/apps/:appId', url: (i) => `/management/v1/projects/${i.workspace}/apps/${i.client}`, expect: REFUSED },
  { method: 'PUT', route: '/management/v1/projects/:projectId/apps/:appId/api_config', url: (i) => `/management/v1/projects/${i.workspace}/apps/${i.client}/api_config`, body: () => ({ authMethodType: 'API_AUTH_METHOD_TYPE_BASIC' }), expect: REFUSED },
  { method: 'POST', route: '/management/v1/projects/:projectId/apps/:appId/api_config/_generate_client_secret', url: (i) => `/management/v1/projects/${i.workspace}/apps/${i.client}/api_config/_generate_client_secret`, body: () => ({}), expect: REFUSED },
  { method: 'POST', route: '/management/v1/projects/:projectId/apps/:appId/_deactivate', url: (i) => `/management/v1/projects/${i.workspace}/apps/${i.client}/_deactivate`, body: () => ({}), expect: REFUSED },
  { method: 'POST', route: '/management/v1/projects/:projectId/apps/:appId/_reactivate', url: (i) => `/management/v1/projects/${i.workspace}/apps/${i.client}/_reactivate`, body: () => ({}), expect: REFUSED },
  { method: 'POST', route: '/management/v1/projects/:projectId/apps/:appId/keys', url: (i) => `/management/v1/projects/${i.workspace}/apps/${i.client}/keys`, body: () => ({ type: 'KEY_TYPE_JSON' }), expect: REFUSED },
  { method: 'POST', route: '/management/v1/projects/:projectId/apps/:appId/keys/_search', url: (i) => `/management/v1/projects/${i.workspace}/apps/${i.client}/keys/_search`, body: () => ({}), expect: REFUSED },
  { method: 'GET', route: '/management/v1/projects/:projectId/apps/:appId/keys/:keyId', url: (i) => `/management/v1/projects/${i.workspace}/apps/${i.client}/keys/${i.credential}` },
  { method: 'DELETE', route: '/management/v1/projects/:projectId/apps/:appId/keys/:keyId', url: (i) => `/management/v1/projects/${i.workspace}/apps/${i.client}/keys/${i.credential}`, expect: REFUSED },
  // Machine users: addressed by B's client ids (the closest thing B has); refused like absent ones.
  { method: 'GET', route: '/management/v1/users/:userId', url: (i) => `/management/v1/users/${i.client}` },
  { method: 'DELETE', route: '/management/v1/users/:userId', url: (i) => `/management/v1/users/${i.client}`, expect: REFUSED },
  { method: 'PUT', route: '/management/v1/users/:userId/secret', url: (i) => `/management/v1/users/${i.client}/secret`, body: () => ({}), expect: REFUSED },
  { method: 'DELETE', route: '/management/v1/users/:userId/secret', url: (i) => `/management/v1/users/${i.client}/secret`, expect: REFUSED },
  { method: 'POST', route: '/management/v1/users/:userId/keys', url: (i) => `/management/v1/users/${i.client}/keys`, body: () => ({ type: 'KEY_TYPE_JSON' }), expect: REFUSED },
  { method: 'POST', route: '/management/v1/users/:userId/keys/_search', url: (i) => `/management/v1/users/${i.client}/keys/_search`, body: () => ({}), expect: REFUSED },
  { method: 'DELETE', route: '/management/v1/users/:userId/keys/:keyId', url: (i) => `/management/v1/users/${i.client}/keys/${i.credential}`, expect: REFUSED },
];

/** Admin routes with an id that are not tenant resources, each with the reason. */
const NOT_TENANT_SCOPED: Record<string, string> = {};

/** One table per surface. */
const SURFACES: Record<string, Probe[]> = { canonical: CANONICAL, 'canonical (webhooks, providers, access)': CANONICAL_MORE, docpier: DOCPIER, zitadel: ZITADEL, keycard: KEYCARD };

const ABSENT: Ids = {
  org: 'org_doesnotexist0000000',
  workspace: 'ws_doesnotexist00000000',
  client: 'ac_doesnotexist00000000',
  credential: 'cred_doesnotexist000000',
  role: '726f6c5f646f65736e6f74657869737430',
  webhook: 'wh_doesnotexist000000000',
  delivery: 'msg_doesnotexist00000000',
  provider: 'prv_doesnotexist00000000',
  grant: 'grt_doesnotexist00000000',
  registrationToken: 'rgt_doesnotexist00000000',
  ownClient: '',
};

for (const db of databases) {
  describe(`C. tenant isolation (${db.name})`, () => {
    let h: Harness;
    let a: Awaited<ReturnType<typeof createTenant>>;
    let b: Awaited<ReturnType<typeof createTenant>>;
    let bIds: Ids;
    let aClient: TestClient;
    let bClient: TestClient;
    before(async () => {
      h = await startHarness(undefined, { db });
      a = await createTenant(h, 'Tenant A');
      b = await createTenant(h, 'Tenant B');
      const asB = (method: string, url: string, body?: unknown) => adminCall(h, method, url, b.token, body);
      const ws = await asB('POST', '/v1/workspaces', { displayName: 'B workspace' });
      const role = await asB('POST', '/v1/roles', { displayName: 'B role', permissions: ['b.read'] });
      assert.equal((await asB('POST', '/v1/roles?roleId=shared-role', { displayName: 'B shared role', permissions: ['b.read'] })).status, 200);
      bClient = await createClient(h, { displayName: 'B client', permissions: ['b.read'], roles: ['roles/shared-role'], workspace: `workspaces/${ws.body.id}` }, undefined, b.token);
      const creds = await asB('GET', `/v1/apiClients/${bClient.id}/credentials`);
      // The same role id in A: ids are per organization, never a way into B's.
      const shared = await adminCall(h, 'POST', '/v1/roles?roleId=shared-role', a.token, { displayName: 'A role', permissions: ['a.read'] });
      assert.equal(shared.status, 200);
      assert.equal((await adminCall(h, 'GET', '/v1/roles/shared-role', a.token)).body.displayName, 'A role');
      aClient = await createClient(h, { displayName: 'A client', permissions: ['a.read'] }, undefined, a.token);
      const webhook = await asB('POST', '/v1/webhooks', { url: 'http://127.0.0.1:9/hook', workspace: `workspaces/${ws.body.id}` });
      const provider = await asB('POST', '/v1/providers', { identifier: 'gh', displayName: 'B provider', issuer: 'https://issuer.b.example' });
      const grant = await asB('POST', `/v1/workspaces/${ws.body.id}/accessGrants`, { subjectType: 'CLIENT', subjectId: bClient.clientId });
      const registrationToken = await asB('POST', `/v1/workspaces/${ws.body.id}/registrationTokens`, { uses: 1 });
      for (const r of [webhook, provider, grant, registrationToken]) assert.equal(r.status, 200, JSON.stringify(r.body));
      const deliveries = await asB('GET', `/v1/${webhook.body.name}/deliveries`);
      assert.ok(deliveries.body.deliveries.length > 0, 'the grant was announced to B\'s webhook');
      bIds = {
        webhook: webhook.body.name.split('/')[1],
        delivery: deliveries.body.deliveries[0].id,
        provider: provider.body.id,
        grant: grant.body.name.split('/').pop(),
        registrationToken: registrationToken.body.name.split('/').pop(),
        org: b.orgId,
        workspace: ws.body.id,
        client: bClient.id,
        credential: String(creds.body.credentials[0].name).split('/').pop()!,
        role: String(role.body.name).split('/')[1],
        ownClient: aClient.id,
      };
      ABSENT.ownClient = aClient.id;
    });
    after(() => h.close());

    it('every admin route with an id has a row in the matrix (add new routes to SURFACES)', () => {
      const covered = new Set(Object.values(SURFACES).flat().map((p) => `${p.method} ${p.route}`));
      const missing = listRoutes(h.app)
        .filter((r) => !isPublic(r.path) && r.path.includes('/:'))
        .map((r) => `${r.method} ${r.path}`)
        .filter((r) => !covered.has(r) && !(r in NOT_TENANT_SCOPED));
      assert.deepEqual(missing, [], 'admin routes without a tenant-isolation probe');
    });

    for (const [surface, probes] of Object.entries(SURFACES)) {
      it(`${surface}: B's resources are absent for A, and nothing changes`, async () => {
        for (const probe of probes) {
          const label = `${probe.method} ${probe.url(bIds)} ${JSON.stringify(probe.body?.(bIds) ?? '')}`;
          const before = await snapshotRows(h);
          const res = await adminCall(h, probe.method, probe.url(bIds), a.token, probe.body?.(bIds));
          const absent = await adminCall(h, probe.method, probe.url(ABSENT), a.token, probe.body?.(ABSENT));
          assert.equal(await snapshotRows(h), before, `${label}: a row changed`);
          assert.ok((probe.expect ?? [404]).includes(res.status), `${label}: ${res.status} ${JSON.stringify(res.body)}`);
          assert.equal(res.status, absent.status, `${label}: B's resource is distinguishable from an absent one`);
          assert.equal(res.body?.title, absent.body?.title, label);
          assert.ok(!JSON.stringify(res.body).includes('B client') && !JSON.stringify(res.body).includes('b.read'), `${label}: leaks B's data`);
        }
      });
    }

    it("positive control: the same URLs are B's real resources", async () => {
      const controls = Object.values(SURFACES).flat().filter((p) => p.method === 'GET' && !p.url(bIds).includes(aClient.id) && p.expect === undefined && !/roleBindings|\/users\/|\/keys\//.test(p.route));
      for (const probe of controls) {
        const res = await adminCall(h, 'GET', probe.url(bIds), b.token);
        assert.equal(res.status, 200, `${probe.url(bIds)} as B: ${res.status}`);
      }
    });

    it("lists, filters and the audit log never show B's resources to A", async () => {
      const secretsOfB = [bIds.client, bIds.workspace, bIds.credential, bClient.clientId, 'B client', 'B workspace', 'B role'];
      for (const url of [
        '/v1/apiClients',
        '/v1/roles',
        '/v1/workspaces',
        '/v1/auditEvents?pageSize=1000',
        `/v1/apiClients?filter=${encodeURIComponent(`workspace = "workspaces/${bIds.workspace}"`)}`,
        `/v1/apiClients?filter=${encodeURIComponent(`clientId = "${bClient.clientId}"`)}`,
        `/v1/auditEvents?filter=${encodeURIComponent(`resource: "apiClients/${bIds.client}"`)}`,
      ]) {
        const res = await adminCall(h, 'GET', url, a.token);
        assert.equal(res.status, 200, url);
        const text = JSON.stringify(res.body);
        for (const s of secretsOfB) assert.ok(!text.includes(s), `${url} shows ${s}`);
      }
      const orgs = await adminCall(h, 'GET', '/v1/organizations', a.token);
      assert.equal(orgs.status, 403, 'listing organizations is for super-admins');
    });

    it('A cannot act in B through the organization header', async () => {
      const before = await snapshotRows(h);
      for (const [method, url, body] of [
        ['GET', '/v1/apiClients', undefined],
        ['POST', '/v1/apiClients', { displayName: 'x' }],
        ['GET', `/v1/apiClients/${bIds.client}`, undefined],
      ] as const) {
        const res = await adminCall(h, method, url, a.token, body, { 'x-keyward-org': b.orgId });
        assert.equal(res.status, 403, `${method} ${url}`);
        const absentOrg = await adminCall(h, method, url, a.token, body, { 'x-keyward-org': ABSENT.org });
        assert.equal(absentOrg.status, res.status, 'an existing and an absent organization look alike');
      }
      assert.equal(await snapshotRows(h), before);
    });

    it("C2 A's tokens are inactive at B's introspection and untouched by B's revocation", async () => {
      const aToken = await tokenFor(h, aClient);
      const atB = await introspect(h, aToken, bClient.clientId, bClient.secret);
      assert.equal(atB.raw, '{"active":false}');
      assert.equal((await introspect(h, aToken, a.clientId, a.secret)).body.active, true, 'positive control');
      const before = await snapshotRows(h);
      const res = await revoke(h, aToken, bClient.clientId, bClient.secret);
      assert.ok(res.status === 200 || res.status === 400, `${res.status}`);
      assert.equal(await snapshotRows(h), before, "B's revocation changed nothing");
      assert.equal((await introspect(h, aToken, a.clientId, a.secret)).body.active, true, 'the token is still active for A');
      // And A's admin token is no key to B's API.
      assert.equal((await adminCall(h, 'GET', `/v1/apiClients/${bIds.client}`, a.token)).status, 404);
    });

    describe('C4 no privilege escalation through clients and roles', () => {
      let writer: TestClient;
      let writerToken: string;
      let adminRole: string;
      before(async () => {
        writer = await createClient(h, { displayName: 'writer', permissions: ['keyward:clients.write', 'keyward:clients.read', 'orders.read'] }, undefined, a.token);
        writerToken = await tokenFor(h, writer);
        const role = await adminCall(h, 'POST', '/v1/roles', a.token, { displayName: 'admins', permissions: ['keyward:admin'] });
        assert.equal(role.status, 200);
        adminRole = role.body.name;
      });

      const refused = async (token: string, method: string, url: string, body: unknown, status = 403) => {
        const before = await snapshotRows(h);
        const res = await adminCall(h, method, url, token, body);
        assert.equal(res.status, status, `${method} ${url} ${JSON.stringify(body)}: ${res.status} ${JSON.stringify(res.body)}`);
        assert.equal(await snapshotRows(h), before);
      };

      it('a clients.write holder cannot hand out admin permissions it lacks, directly or through a role', async () => {
        for (const permissions of [['keyward:admin'], ['keyward:super'], ['keyward:roles.write'], ['keyward:clients.write', 'keyward:audit.read']]) {
          await refused(writerToken, 'POST', '/v1/apiClients', { displayName: 'x', permissions });
        }
        await refused(writerToken, 'POST', '/v1/apiClients', { displayName: 'x', roles: [adminRole] });
        await refused(writerToken, 'PATCH', `/v1/apiClients/${writer.id}?updateMask=permissions`, { permissions: ['keyward:clients.write', 'keyward:admin'] });
        await refused(writerToken, 'PATCH', `/v1/apiClients/${aClient.id}?updateMask=roles`, { roles: [adminRole] });
        await refused(writerToken, 'POST', '/v1/roles', { displayName: 'r', permissions: ['orders.read'] });
        // What it holds, and non-admin permissions, it may hand out.
        assert.equal((await adminCall(h, 'POST', '/v1/apiClients', writerToken, { displayName: 'ok', permissions: ['keyward:clients.read', 'orders.read'] })).status, 200);
      });

      it('an organization admin cannot reach installation-wide powers', async () => {
        await refused(a.token, 'POST', '/v1/apiClients', { displayName: 'x', permissions: ['keyward:super'] });
        await refused(a.token, 'POST', '/v1/roles', { displayName: 'r', permissions: ['keyward:super'] });
        await refused(a.token, 'POST', '/v1/organizations', { displayName: 'mine' });
        // Signing keys serve every organization: rotating them is not a tenant's call.
        await refused(a.token, 'POST', '/v1/signingKeys:rotate', undefined);
        const role = await adminCall(h, 'POST', '/v1/roles', a.token, { displayName: 'r2', permissions: ['orders.read'] });
        await refused(a.token, 'PATCH', `/v1/${role.body.name}?updateMask=permissions`, { permissions: ['orders.read', 'keyward:super'] });
        const scoped = await h.token(a.clientId, a.secret, { scope: 'keyward:super' });
        assert.equal(scoped.status, 400);
        assert.equal(scoped.body.error, 'invalid_scope');
      });

      it('a roles.write holder cannot add admin permissions to a role it can edit', async () => {
        const editor = await createClient(h, { displayName: 'editor', permissions: ['keyward:roles.write', 'keyward:roles.read'] }, undefined, a.token);
        const token = await tokenFor(h, editor);
        const role = await adminCall(h, 'POST', '/v1/roles', token, { displayName: 'plain', permissions: ['orders.read'] });
        assert.equal(role.status, 200);
        await refused(token, 'PATCH', `/v1/${role.body.name}?updateMask=permissions`, { permissions: ['orders.read', 'keyward:clients.write'] });
        await refused(token, 'POST', '/v1/roles', { displayName: 'r', permissions: ['keyward:admin'] });
      });

      it('C6 removing a permission from a role takes effect on existing admin tokens at once', async () => {
        const role = await adminCall(h, 'POST', '/v1/roles', a.token, { displayName: 'readers', permissions: ['keyward:clients.read'] });
        const reader = await createClient(h, { displayName: 'reader', roles: [role.body.name] }, undefined, a.token);
        const token = await tokenFor(h, reader);
        assert.equal((await adminCall(h, 'GET', '/v1/apiClients', token)).status, 200);
        assert.equal((await adminCall(h, 'PATCH', `/v1/${role.body.name}?updateMask=permissions`, a.token, { permissions: [] })).status, 200);
        assert.equal((await adminCall(h, 'GET', '/v1/apiClients', token)).status, 403);
        assert.equal((await adminCall(h, 'POST', `/v1/apiClients/${reader.id}:disable`, a.token)).status, 200);
        assert.equal((await adminCall(h, 'GET', '/v1/apiClients', token)).status, 401);
      });
    });
  });
}
