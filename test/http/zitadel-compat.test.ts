import assert from 'node:assert/strict';
import { createPrivateKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { decodeJwt, SignJWT } from 'jose';
import { form } from '../helpers/assertions.js';
import { ISSUER, createTenant, databases, startHarness, type Harness } from '../helpers/harness.js';
import { refuseWrites } from '../helpers/db-faults.js';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const ZITADEL_SCOPE = 'openid urn:zitadel:iam:org:project:id:zitadel:aud';

/** A Zitadel key file's private key signs the JWT profile assertion the way Zitadel's SDKs do. */
async function assertionFromKeyFile(keyDetails: string, iss: string) {
  const file = JSON.parse(Buffer.from(keyDetails, 'base64').toString('utf8')) as { type: string; keyId: string; key: string; clientId?: string; userId?: string };
  const now = Math.floor(Date.now() / 1000);
  const jwt = await new SignJWT({ iss, sub: iss, aud: ISSUER, iat: now, exp: now + 120, jti: randomUUID() })
    .setProtectedHeader({ alg: 'RS256', kid: file.keyId })
    .sign(createPrivateKey(file.key));
  return { file, jwt };
}

for (const db of databases) {
  describe(`Zitadel dialect (${db.name})`, () => {
    let h: Harness;
    let projectId: string;

    const basic = (id: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}` });
    const zitadelToken = (id: string, secret: string) => form(h, '/oauth/v2/token', { grant_type: 'client_credentials', scope: ZITADEL_SCOPE }, basic(id, secret));
    const auditOf = async (apiClientId: string) => {
      const res = await h.call('GET', `/v1/auditEvents?filter=${encodeURIComponent(`resource: "apiClients/${apiClientId}"`)}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.auditEvents.map((e: { type: string }) => e.type);
    };
    const credentialsOf = async (apiClientId: string) => (await h.call('GET', `/v1/apiClients/${apiClientId}/credentials`)).body.credentials as { type: string }[];
    const checkDetails = (details: Record<string, unknown>, orgId?: string) => {
      assert.match(String(details.sequence), /^\d+$/);
      assert.equal(typeof details.sequence, 'string');
      assert.ok(!Number.isNaN(Date.parse(String(details.creationDate))));
      assert.ok(!Number.isNaN(Date.parse(String(details.changeDate))));
      if (orgId) assert.equal(details.resourceOwner, orgId);
    };

    before(async () => {
      h = await startHarness(undefined, { db });
      const project = await h.call('POST', '/management/v1/projects', { name: 'Billing' });
      assert.equal(project.status, 200, JSON.stringify(project.body));
      projectId = project.body.id;
      checkDetails(project.body.details, 'org_root');
    });
    after(() => h.close());

    describe('the seed request', () => {
      it('POST …/api_config/_generate_client_secret replaces the old secret', async () => {
        const added = await h.call('POST', `/management/v1/projects/${projectId}/apps/api`, { name: 'billing-api', authMethodType: 'API_AUTH_METHOD_TYPE_BASIC' });
        assert.equal(added.status, 200, JSON.stringify(added.body));
        assert.match(added.body.clientId, /^\d{18}@billing$/);
        checkDetails(added.body.details);
        const old = added.body.clientSecret;
        assert.equal((await zitadelToken(added.body.clientId, old)).status, 200);

        // As written in 003_7fe660626a5d5113.txt, host and token aside.
        const res = await h.inject({
          method: 'POST',
          url: `/management/v1/projects/${projectId}/apps/${added.body.appId}/api_config/_generate_client_secret`,
          headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${h.adminToken}` },
          payload: '{}',
        });
        assert.equal(res.statusCode, 200, res.body);
        const body = res.json();
        assert.deepEqual(Object.keys(body).sort(), ['clientSecret', 'details']);
        checkDetails(body.details, 'org_root');
        assert.ok(Number(body.details.sequence) > Number(added.body.details.sequence));
        assert.notEqual(body.clientSecret, old);
        assert.equal((await zitadelToken(added.body.clientId, old)).status, 401);
        const fresh = await zitadelToken(added.body.clientId, body.clientSecret);
        assert.equal(fresh.status, 200, JSON.stringify(fresh.body));
        assert.equal(fresh.body.token_type, 'Bearer');
      });
    });

    describe('projects and API apps', () => {
      it('get, search, update, deactivate, reactivate and remove', async () => {
        const added = await h.call('POST', `/management/v1/projects/${projectId}/apps/api`, { name: 'ledger' });
        const appId = added.body.appId;
        assert.deepEqual(await auditOf(appId), ['credential.created', 'client.created']);
        assert.deepEqual((await credentialsOf(appId)).map((c) => c.type), ['SECRET']);
        const got = await h.call('GET', `/management/v1/projects/${projectId}/apps/${appId}`);
        assert.equal(got.status, 200);
        assert.deepEqual(got.body.app.apiConfig, { clientId: added.body.clientId, authMethodType: 'API_AUTH_METHOD_TYPE_BASIC' });
        assert.equal(got.body.app.state, 'APP_STATE_ACTIVE');
        const found = await h.call('POST', `/management/v1/projects/${projectId}/apps/_search`, { query: { limit: 10 }, queries: [{ nameQuery: { name: 'ledger', method: 'TEXT_QUERY_METHOD_EQUALS' } }] });
        assert.equal(found.status, 200, JSON.stringify(found.body));
        assert.deepEqual(found.body.result.map((a: { id: string }) => a.id), [appId]);
        assert.equal(found.body.details.totalResult, '1');
        assert.equal((await h.call('PUT', `/management/v1/projects/${projectId}/apps/${appId}`, { name: 'ledger-api' })).status, 200);
        // grpc-gateway style: a missing body is an empty message.
        const off = await h.inject({ method: 'POST', url: `/management/v1/projects/${projectId}/apps/${appId}/_deactivate`, headers: { authorization: `Bearer ${h.adminToken}` } });
        assert.equal(off.statusCode, 200, off.body);
        assert.equal((await zitadelToken(added.body.clientId, added.body.clientSecret)).status, 401);
        const twice = await h.call('POST', `/management/v1/projects/${projectId}/apps/${appId}/_deactivate`, {});
        assert.equal(twice.status, 400);
        assert.equal(twice.body.code, 9);
        assert.equal((await h.call('POST', `/management/v1/projects/${projectId}/apps/${appId}/_reactivate`, {})).status, 200);
        assert.equal((await zitadelToken(added.body.clientId, added.body.clientSecret)).status, 200);
        const removed = await h.call('DELETE', `/management/v1/projects/${projectId}/apps/${appId}`);
        assert.equal(removed.status, 200);
        checkDetails(removed.body.details);
        const gone = await h.call('GET', `/management/v1/projects/${projectId}/apps/${appId}`);
        assert.equal(gone.status, 404);
        assert.equal(gone.body.code, 5);
        assert.match(gone.body.message, /\(KW-not_found\)$/);
        assert.equal(gone.body.details[0]['@type'], 'type.googleapis.com/zitadel.v1.ErrorDetail');
      });

      it('a reactivated app does not get back the tokens issued before its deactivation', async () => {
        const added = await h.call('POST', `/management/v1/projects/${projectId}/apps/api`, { name: 'leaky' });
        const { clientId, clientSecret, appId } = added.body;
        const old = (await zitadelToken(clientId, clientSecret)).body.access_token;
        assert.equal((await h.call('POST', `/management/v1/projects/${projectId}/apps/${appId}/_deactivate`, {})).status, 200);
        assert.equal((await h.call('POST', `/management/v1/projects/${projectId}/apps/${appId}/_reactivate`, {})).status, 200);
        const introspect = async (token: string) => (await form(h, '/oauth/v2/introspect', { token }, basic(clientId, clientSecret))).body;
        assert.deepEqual(await introspect(old), { active: false });
        const fresh = await zitadelToken(clientId, clientSecret);
        assert.equal(fresh.status, 200);
        assert.equal((await introspect(fresh.body.access_token)).active, true);
      });

      it('projects: get, search, update, remove (refused while apps remain)', async () => {
        const p = await h.call('POST', '/management/v1/projects', { name: 'Scratch' });
        const got = await h.call('GET', `/management/v1/projects/${p.body.id}`);
        assert.equal(got.body.project.name, 'Scratch');
        assert.equal(got.body.project.state, 'PROJECT_STATE_ACTIVE');
        assert.equal((await h.call('PUT', `/management/v1/projects/${p.body.id}`, { name: 'Scratchpad' })).status, 200);
        const search = await h.call('POST', '/management/v1/projects/_search', { queries: [{ nameQuery: { name: 'Scratch', method: 'TEXT_QUERY_METHOD_CONTAINS' } }] });
        assert.deepEqual(search.body.result.map((r: { name: string }) => r.name), ['Scratchpad']);
        const busy = await h.call('DELETE', `/management/v1/projects/${projectId}`);
        assert.equal(busy.status, 400);
        assert.equal(busy.body.code, 9);
        const removed = await h.call('DELETE', `/management/v1/projects/${p.body.id}`);
        assert.equal(removed.status, 200);
        checkDetails(removed.body.details);
        const bad = await h.call('POST', '/management/v1/projects/_search', { queries: [{ nameQuery: { name: 'x', method: 'TEXT_QUERY_METHOD_STARTS_WITH' } }] });
        assert.equal(bad.status, 400);
        assert.equal(bad.body.code, 3);
      });

      it('ListProjects: newest first unless asc, names matched before offset and limit count', async () => {
        for (const name of ['Order A', 'Order B', 'Order C']) {
          assert.equal((await h.call('POST', '/management/v1/projects', { name })).status, 200);
          // Creation times order the list: two in the same millisecond would tie.
          await new Promise((resolve) => setTimeout(resolve, 3));
        }
        const search = async (query: Record<string, unknown>) => {
          const res = await h.call('POST', '/management/v1/projects/_search', { query, queries: [{ nameQuery: { name: 'Order ', method: 'TEXT_QUERY_METHOD_CONTAINS' } }] });
          assert.equal(res.status, 200, JSON.stringify(res.body));
          return { names: res.body.result.map((r: { name: string }) => r.name), total: res.body.details.totalResult };
        };
        assert.deepEqual(await search({ limit: 2 }), { names: ['Order C', 'Order B'], total: '3' });
        assert.deepEqual(await search({ offset: '2', limit: 2 }), { names: ['Order A'], total: '3' });
        assert.deepEqual(await search({ limit: 2, asc: true }), { names: ['Order A', 'Order B'], total: '3' });
      });

      it('a PRIVATE_KEY_JWT app authenticates with its JSON key file at /oauth/v2/introspect and /oauth/v2/token', async () => {
        const added = await h.call('POST', `/management/v1/projects/${projectId}/apps/api`, { name: 'resource-server', authMethodType: 'API_AUTH_METHOD_TYPE_PRIVATE_KEY_JWT' });
        assert.equal(added.body.clientSecret, '');
        // Created without a secret in one step: no secret was made and then taken away.
        assert.deepEqual(await auditOf(added.body.appId), ['client.created']);
        assert.deepEqual(await credentialsOf(added.body.appId), []);
        const key = await h.call('POST', `/management/v1/projects/${projectId}/apps/${added.body.appId}/keys`, { type: 'KEY_TYPE_JSON' });
        assert.equal(key.status, 200, JSON.stringify(key.body));
        assert.deepEqual(await auditOf(added.body.appId), ['credential.created', 'client.created']);
        assert.deepEqual((await credentialsOf(added.body.appId)).map((c) => c.type), ['PUBLIC_KEY']);
        const { file, jwt } = await assertionFromKeyFile(key.body.keyDetails, added.body.clientId);
        assert.equal(file.keyId, key.body.id);
        assert.match(file.key, /^-----BEGIN RSA PRIVATE KEY-----/);
        assert.deepEqual(Object.keys(file).sort(), ['appId', 'clientId', 'key', 'keyId', 'type']);
        const caller = await h.call('POST', `/management/v1/projects/${projectId}/apps/api`, { name: 'caller' });
        const accessToken = (await zitadelToken(caller.body.clientId, caller.body.clientSecret)).body.access_token;
        const introspected = await form(h, '/oauth/v2/introspect', { token: accessToken, client_assertion_type: JWT_BEARER, client_assertion: jwt });
        assert.equal(introspected.status, 200, JSON.stringify(introspected.body));
        assert.equal(introspected.body.active, true);
        const { jwt: second } = await assertionFromKeyFile(key.body.keyDetails, added.body.clientId);
        const token = await form(h, '/oauth/v2/token', { grant_type: 'client_credentials', scope: ZITADEL_SCOPE, client_assertion_type: JWT_BEARER, client_assertion: second });
        assert.equal(token.status, 200, JSON.stringify(token.body));
        const listed = await h.call('POST', `/management/v1/projects/${projectId}/apps/${added.body.appId}/keys/_search`, {});
        assert.deepEqual(listed.body.result.map((k: { id: string }) => k.id), [key.body.id]);
        const got = await h.call('GET', `/management/v1/projects/${projectId}/apps/${added.body.appId}/keys/${key.body.id}`);
        assert.equal(got.body.key.type, 'KEY_TYPE_JSON');
        assert.equal(got.body.key.expirationDate, '9999-12-31T23:59:59Z');
        assert.equal((await h.call('DELETE', `/management/v1/projects/${projectId}/apps/${added.body.appId}/keys/${key.body.id}`)).status, 200);
        const { jwt: third } = await assertionFromKeyFile(key.body.keyDetails, added.body.clientId);
        assert.equal((await form(h, '/oauth/v2/token', { grant_type: 'client_credentials', client_assertion_type: JWT_BEARER, client_assertion: third })).status, 401);
        assert.equal((await h.call('POST', `/management/v1/projects/${projectId}/apps/${added.body.appId}/keys`, { type: 'KEY_TYPE_UNSPECIFIED' })).status, 400);
      });

      it('UpdateAPIAppConfig to PRIVATE_KEY_JWT relabels the app and removes its secrets in one transaction', async () => {
        const added = await h.call('POST', `/management/v1/projects/${projectId}/apps/api`, { name: 'switching', authMethodType: 'API_AUTH_METHOD_TYPE_BASIC' });
        assert.equal(added.status, 200, JSON.stringify(added.body));
        const appId: string = added.body.appId;
        const rotated = await h.call('POST', `/v1/apiClients/${appId}/credentials`, { type: 'SECRET', displayName: 'second secret' });
        assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
        const configUrl = `/management/v1/projects/${projectId}/apps/${appId}/api_config`;
        const authMethod = async () => (await h.call('GET', `/management/v1/projects/${projectId}/apps/${appId}`)).body.app.apiConfig.authMethodType;
        const eventsBefore = await auditOf(appId);
        assert.deepEqual(eventsBefore, ['credential.created', 'credential.created', 'client.created']);

        // The second secret cannot be removed: the label change must not survive without it.
        const secondId = String(rotated.body.name).split('/').pop();
        const lift = await refuseWrites(h, 'credentials', 'DELETE', `OLD.id = '${secondId}'`);
        try {
          const failed = await h.call('PUT', configUrl, { authMethodType: 'API_AUTH_METHOD_TYPE_PRIVATE_KEY_JWT' });
          assert.ok(failed.status >= 500, `${failed.status} ${JSON.stringify(failed.body)}`);
        } finally {
          await lift();
        }
        assert.equal(await authMethod(), 'API_AUTH_METHOD_TYPE_BASIC');
        assert.deepEqual((await credentialsOf(appId)).map((c) => c.type), ['SECRET', 'SECRET']);
        assert.deepEqual(await auditOf(appId), eventsBefore);
        assert.equal((await zitadelToken(added.body.clientId, added.body.clientSecret)).status, 200);

        const switched = await h.call('PUT', configUrl, { authMethodType: 'API_AUTH_METHOD_TYPE_PRIVATE_KEY_JWT' });
        assert.equal(switched.status, 200, JSON.stringify(switched.body));
        checkDetails(switched.body.details);
        assert.equal(await authMethod(), 'API_AUTH_METHOD_TYPE_PRIVATE_KEY_JWT');
        assert.deepEqual(await credentialsOf(appId), []);
        assert.equal((await zitadelToken(added.body.clientId, added.body.clientSecret)).status, 401);
        // The events of the two steps it used to take, in their order, with nothing between them.
        const events = await h.call('GET', `/v1/auditEvents?filter=${encodeURIComponent(`resource: "apiClients/${appId}"`)}`);
        const fresh = (events.body.auditEvents as { type: string; sequence: string }[]).slice(0, 3).reverse();
        assert.deepEqual(fresh.map((e) => e.type), ['client.updated', 'credential.revoked', 'credential.revoked']);
        const first = Number(fresh[0].sequence);
        assert.deepEqual(fresh.map((e) => Number(e.sequence)), [first, first + 1, first + 2]);
        assert.equal(switched.body.details.sequence, String(first));

        const back = await h.call('PUT', configUrl, { authMethodType: 'API_AUTH_METHOD_TYPE_BASIC' });
        assert.equal(back.status, 200, JSON.stringify(back.body));
        assert.equal(await authMethod(), 'API_AUTH_METHOD_TYPE_BASIC');
        assert.deepEqual((await auditOf(appId)).slice(0, 2), ['client.updated', 'credential.revoked']);
      });

      it('a PRIVATE_KEY_JWT app gets no secret until it is switched to BASIC', async () => {
        const added = await h.call('POST', `/management/v1/projects/${projectId}/apps/api`, { name: 'key only', authMethodType: 'API_AUTH_METHOD_TYPE_PRIVATE_KEY_JWT' });
        const appUrl = `/management/v1/projects/${projectId}/apps/${added.body.appId}`;
        const before = await auditOf(added.body.appId);
        const refused = await h.call('POST', `${appUrl}/api_config/_generate_client_secret`, {});
        assert.equal(refused.status, 400, JSON.stringify(refused.body));
        assert.equal(refused.body.code, 9);
        assert.match(refused.body.message, /PRIVATE_KEY_JWT.*API_AUTH_METHOD_TYPE_BASIC/);
        assert.deepEqual(await credentialsOf(added.body.appId), []);
        assert.deepEqual(await auditOf(added.body.appId), before);

        assert.equal((await h.call('PUT', `${appUrl}/api_config`, { authMethodType: 'API_AUTH_METHOD_TYPE_BASIC' })).status, 200);
        const issued = await h.call('POST', `${appUrl}/api_config/_generate_client_secret`, {});
        assert.equal(issued.status, 200, JSON.stringify(issued.body));
        assert.equal((await zitadelToken(added.body.clientId, issued.body.clientSecret)).status, 200);
      });

      it('ListApps pages past the 1,000-row limit the way a Zitadel client pages, by offset until totalResult', async () => {
        const big = await h.call('POST', '/management/v1/projects', { name: 'Fleet' });
        assert.equal(big.status, 200, JSON.stringify(big.body));
        const fleet = big.body.id as string;
        const count = 1_005;
        const created: string[] = [];
        for (let start = 0; start < count; start += 50) {
          const batch = await Promise.all(
            Array.from({ length: Math.min(50, count - start) }, (_, i) => h.call('POST', `/management/v1/projects/${fleet}/apps/api`, { name: `app-${start + i}` })),
          );
          for (const res of batch) {
            assert.equal(res.status, 200, JSON.stringify(res.body));
            created.push(res.body.appId);
          }
        }
        const listed: string[] = [];
        let total = Infinity;
        for (let offset = 0; listed.length < total; offset = listed.length) {
          const page = await h.call('POST', `/management/v1/projects/${fleet}/apps/_search`, { query: { offset: String(offset), limit: 1000, asc: true } });
          assert.equal(page.status, 200, JSON.stringify(page.body));
          assert.ok(page.body.result.length > 0, `offset ${offset} came back empty with totalResult ${page.body.details.totalResult}`);
          listed.push(...page.body.result.map((a: { id: string }) => a.id));
          total = Number(page.body.details.totalResult);
        }
        assert.equal(total, count, 'exact once the last page was read');
        assert.equal(new Set(listed).size, count, 'no app twice');
        assert.deepEqual([...listed].sort(), [...created].sort());
      });
    });

    describe("errors in Zitadel's words", () => {
      /** A Zitadel client reads rpcStatus: code 5 for NOT_FOUND, the message ending in its error id. */
      const notFoundSays = (res: { status: number; body: { code: number; message: string; details: { message: string }[] } }, words: string) => {
        assert.equal(res.status, 404, JSON.stringify(res.body));
        assert.equal(res.body.code, 5);
        assert.equal(res.body.message, `${words} (KW-not_found)`);
        assert.equal(res.body.details[0].message, words);
      };

      it('a missing project, app, key or machine user is named as Zitadel names it', async () => {
        notFoundSays(await h.call('GET', '/management/v1/projects/ws_missing'), 'Project ws_missing was not found.');
        notFoundSays(await h.call('PUT', '/management/v1/projects/ws_missing', { name: 'x' }), 'Project ws_missing was not found.');
        notFoundSays(await h.call('GET', '/management/v1/projects/ws_missing/apps/cli_missing'), 'Project ws_missing was not found.');
        notFoundSays(await h.call('GET', `/management/v1/projects/${projectId}/apps/cli_missing`), 'App cli_missing was not found.');
        const added = await h.call('POST', `/management/v1/projects/${projectId}/apps/api`, { name: 'words-api' });
        assert.equal(added.status, 200, JSON.stringify(added.body));
        notFoundSays(await h.call('GET', `/management/v1/projects/${projectId}/apps/${added.body.appId}/keys/cred_missing`), 'Key cred_missing was not found.');
        notFoundSays(await h.call('GET', '/management/v1/users/cli_missing'), 'Machine user cli_missing was not found.');
        notFoundSays(await h.call('GET', `/management/v1/users/${added.body.appId}`), `Machine user ${added.body.appId} was not found.`);
        notFoundSays(await h.call('GET', `/management/v1/projects/${projectId}`, undefined, { 'x-zitadel-orgid': 'org_missing' }), 'Organization org_missing was not found.');
      });

      it("another project's app is not found in this project, and is left be", async () => {
        const other = await h.call('POST', '/management/v1/projects', { name: 'elsewhere' });
        const added = await h.call('POST', `/management/v1/projects/${projectId}/apps/api`, { name: 'scoped-api' });
        const appPath = `/management/v1/projects/${other.body.id}/apps/${added.body.appId}`;
        const words = `App ${added.body.appId} in project ${other.body.id} was not found.`;
        notFoundSays(await h.call('GET', appPath), words);
        notFoundSays(await h.call('PUT', appPath, { name: 'moved' }), words);
        notFoundSays(await h.call('DELETE', appPath), words);
        notFoundSays(await h.call('POST', `${appPath}/keys`, { type: 'KEY_TYPE_JSON' }), words);
        notFoundSays(await h.call('POST', `${appPath}/keys/_search`), words);
        const listed = await h.call('POST', `/management/v1/projects/${other.body.id}/apps/_search`);
        assert.deepEqual(listed.body.result, []);
        const kept = await h.call('GET', `/management/v1/projects/${projectId}/apps/${added.body.appId}`);
        assert.equal(kept.body.app.name, 'scoped-api');
      });

      it('a taken userName is ALREADY_EXISTS naming the userName', async () => {
        const first = await h.call('POST', '/management/v1/users/machine', { userName: 'svc-twice', name: 'Twice' });
        assert.equal(first.status, 200, JSON.stringify(first.body));
        const again = await h.call('POST', '/management/v1/users/machine', { userName: 'svc-twice', name: 'Twice' });
        assert.equal(again.status, 409);
        assert.equal(again.body.code, 6);
        assert.equal(again.body.details[0].message, 'The userName "svc-twice" is taken; choose another.');
      });
    });

    describe('machine users', () => {
      it('have no secret until one is generated; a new one replaces it; keys work too', async () => {
        const user = await h.call('POST', '/management/v1/users/machine', { userName: 'svc-reporter', name: 'Reporter', description: 'nightly reports', accessTokenType: 'ACCESS_TOKEN_TYPE_JWT' });
        assert.equal(user.status, 200, JSON.stringify(user.body));
        checkDetails(user.body.details);
        const got = await h.call('GET', `/management/v1/users/${user.body.userId}`);
        assert.equal(got.body.user.userName, 'svc-reporter');
        assert.equal(got.body.user.machine.hasSecret, false);
        assert.deepEqual(await auditOf(user.body.userId), ['client.created']);
        assert.deepEqual(await credentialsOf(user.body.userId), []);
        assert.equal(got.body.user.machine.accessTokenType, 'ACCESS_TOKEN_TYPE_JWT');
        const first = await h.call('PUT', `/management/v1/users/${user.body.userId}/secret`, {});
        assert.equal(first.status, 200, JSON.stringify(first.body));
        assert.equal(first.body.clientId, 'svc-reporter');
        assert.equal((await zitadelToken('svc-reporter', first.body.clientSecret)).status, 200);
        const second = await h.call('PUT', `/management/v1/users/${user.body.userId}/secret`, {});
        assert.equal((await zitadelToken('svc-reporter', first.body.clientSecret)).status, 401);
        assert.equal((await zitadelToken('svc-reporter', second.body.clientSecret)).status, 200);
        assert.equal((await h.call('DELETE', `/management/v1/users/${user.body.userId}/secret`)).status, 200);
        assert.equal((await zitadelToken('svc-reporter', second.body.clientSecret)).status, 401);

        const key = await h.call('POST', `/management/v1/users/${user.body.userId}/keys`, { type: 'KEY_TYPE_JSON', expirationDate: '2099-01-01T00:00:00Z' });
        assert.equal(key.status, 200, JSON.stringify(key.body));
        const { file, jwt } = await assertionFromKeyFile(key.body.keyDetails, 'svc-reporter');
        assert.equal(file.type, 'serviceaccount');
        assert.equal(file.userId, user.body.userId);
        assert.equal((await form(h, '/oauth/v2/token', { grant_type: 'client_credentials', scope: ZITADEL_SCOPE, client_assertion_type: JWT_BEARER, client_assertion: jwt })).status, 200);

        const own = generateKeyPairSync('rsa', { modulusLength: 2048 });
        const pem = own.publicKey.export({ type: 'spki', format: 'pem' }).toString();
        const supplied = await h.call('POST', `/management/v1/users/${user.body.userId}/keys`, { type: 'KEY_TYPE_JSON', publicKey: Buffer.from(pem).toString('base64') });
        assert.equal(supplied.status, 200, JSON.stringify(supplied.body));
        const suppliedFile = JSON.parse(Buffer.from(supplied.body.keyDetails, 'base64').toString('utf8'));
        assert.equal(suppliedFile.key, undefined);
        const now = Math.floor(Date.now() / 1000);
        const ownJwt = await new SignJWT({ iss: 'svc-reporter', sub: 'svc-reporter', aud: ISSUER, exp: now + 60, jti: randomUUID() })
          .setProtectedHeader({ alg: 'RS256', kid: supplied.body.keyId })
          .sign(own.privateKey);
        assert.equal((await form(h, '/oauth/token', { grant_type: 'client_credentials', client_assertion_type: JWT_BEARER, client_assertion: ownJwt })).status, 200);
        assert.equal((await h.call('DELETE', `/management/v1/users/${user.body.userId}/keys/${key.body.keyId}`)).status, 200);
        assert.equal((await h.call('DELETE', `/management/v1/users/${user.body.userId}`)).status, 200);
        assert.equal((await h.call('GET', `/management/v1/users/${user.body.userId}`)).status, 404);
      });
    });

    describe('JWT profile grant (RFC 7523 §2.1)', () => {
      const JWT_PROFILE = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
      /** As Zitadel's SDKs sign it from a key file: iss = sub = userId, no jti. */
      const profileAssertion = async (file: { keyId: string; key: string }, iss: string, claims: Record<string, unknown> = {}) => {
        const now = Math.floor(Date.now() / 1000);
        return new SignJWT({ iss, sub: iss, aud: ISSUER, iat: now, exp: now + 300, ...claims })
          .setProtectedHeader({ alg: 'RS256', kid: file.keyId })
          .sign(createPrivateKey(file.key));
      };

      it("a machine user's key file gets a token for the user, named by its userId as Zitadel's SDKs do", async () => {
        const user = await h.call('POST', '/management/v1/users/machine', { userName: 'svc-profile', name: 'Profile' });
        const key = await h.call('POST', `/management/v1/users/${user.body.userId}/keys`, { type: 'KEY_TYPE_JSON' });
        const file = JSON.parse(Buffer.from(key.body.keyDetails, 'base64').toString('utf8')) as { keyId: string; key: string; userId: string };
        const assertion = await profileAssertion(file, file.userId);
        const res = await form(h, '/oauth/v2/token', { grant_type: JWT_PROFILE, scope: ZITADEL_SCOPE, assertion });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(decodeJwt(res.body.access_token).client_id, 'svc-profile');
        assert.equal(res.body.token_type, 'Bearer');
        const replayed = await form(h, '/oauth/v2/token', { grant_type: JWT_PROFILE, scope: ZITADEL_SCOPE, assertion });
        assert.equal(replayed.status, 400);
        assert.equal(replayed.body.error, 'invalid_grant');
        assert.match(replayed.body.error_description, /used before \(the same JWT replay\); sign a new one/);
        // The same signature spelt otherwise (base64url's spare low bits) is the same assertion.
        const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
        const respelt = assertion.slice(0, -1) + alphabet[alphabet.indexOf(assertion.at(-1)!) ^ 1];
        assert.notEqual(respelt, assertion);
        const again = await form(h, '/oauth/v2/token', { grant_type: JWT_PROFILE, assertion: respelt });
        assert.equal(again.status, 400, JSON.stringify(again.body));
        assert.match(again.body.error_description, /used before/);
        // A grant assertion is no way to authenticate elsewhere.
        const introspected = await form(h, '/oauth/v2/introspect', { token: res.body.access_token, grant_type: JWT_PROFILE, assertion: await profileAssertion(file, file.userId) });
        assert.equal(introspected.status, 401, JSON.stringify(introspected.body));
        // The canonical endpoint knows the client by its client_id only.
        const byUserId = await form(h, '/oauth/token', { grant_type: JWT_PROFILE, assertion: await profileAssertion(file, file.userId) });
        assert.equal(byUserId.status, 400);
        assert.match(byUserId.body.error_description, /does not verify for a known, enabled client/);
        const byClientId = await form(h, '/oauth/token', { grant_type: JWT_PROFILE, assertion: await profileAssertion(file, 'svc-profile') });
        assert.equal(byClientId.status, 200, JSON.stringify(byClientId.body));
        // An assertion spent as client authentication is spent as a grant too.
        const spent = await profileAssertion(file, 'svc-profile', { jti: randomUUID() });
        assert.equal((await form(h, '/oauth/token', { grant_type: 'client_credentials', client_assertion_type: JWT_BEARER, client_assertion: spent })).status, 200);
        const spentAgain = await form(h, '/oauth/token', { grant_type: JWT_PROFILE, assertion: spent });
        assert.equal(spentAgain.status, 400);
        assert.match(spentAgain.body.error_description, /used before \(jti replay\)/);
        // A JWT typed for client authentication (RFC 7523bis) is not a grant.
        const now = Math.floor(Date.now() / 1000);
        const typed = await new SignJWT({ iss: 'svc-profile', sub: 'svc-profile', aud: ISSUER, iat: now, exp: now + 60 })
          .setProtectedHeader({ alg: 'RS256', kid: file.keyId, typ: 'client-authentication+jwt' })
          .sign(createPrivateKey(file.key));
        const typedRes = await form(h, '/oauth/token', { grant_type: JWT_PROFILE, assertion: typed });
        assert.equal(typedRes.status, 400);
        assert.match(typedRes.body.error_description, /typ/);
        // Refused with the reason, nothing issued.
        const cases: [Record<string, string>, number, RegExp][] = [
          [{ grant_type: JWT_PROFILE }, 400, /The parameter assertion is required/],
          [{ grant_type: JWT_PROFILE, assertion: 'not-a-jwt' }, 400, /assertion is not a signed JWT/],
          [{ grant_type: JWT_PROFILE, assertion: await profileAssertion(file, file.userId, { aud: 'https://elsewhere.example' }) }, 400, /aud must be/],
          [{ grant_type: JWT_PROFILE, assertion: await profileAssertion(file, file.userId, { sub: 'someone-else' }) }, 400, /iss and sub must both be the client's id/],
          [{ grant_type: JWT_PROFILE, assertion: await profileAssertion(file, file.userId, { exp: Math.floor(Date.now() / 1000) + 7200 }) }, 400, /exp lies more than/],
        ];
        for (const [params, status, message] of cases) {
          const refused = await form(h, '/oauth/v2/token', params);
          assert.equal(refused.status, status, JSON.stringify(refused.body));
          assert.match(refused.body.error_description, message);
        }
        const withSecret = await h.call('PUT', `/management/v1/users/${user.body.userId}/secret`, {});
        const twoWays = await form(h, '/oauth/v2/token', { grant_type: JWT_PROFILE, assertion: await profileAssertion(file, file.userId) }, basic('svc-profile', withSecret.body.clientSecret));
        assert.equal(twoWays.status, 400);
        assert.match(twoWays.body.error_description, /authenticated by its assertion alone/);
        // An API app is not a user: its id names nobody at the grant.
        const app = await h.call('POST', `/management/v1/projects/${projectId}/apps/api`, { name: 'not a user', authMethodType: 'API_AUTH_METHOD_TYPE_PRIVATE_KEY_JWT' });
        const appKey = await h.call('POST', `/management/v1/projects/${projectId}/apps/${app.body.appId}/keys`, { type: 'KEY_TYPE_JSON' });
        const appFile = JSON.parse(Buffer.from(appKey.body.keyDetails, 'base64').toString('utf8')) as { keyId: string; key: string };
        const asApp = await form(h, '/oauth/v2/token', { grant_type: JWT_PROFILE, assertion: await profileAssertion(appFile, app.body.appId) });
        assert.equal(asApp.status, 400);
        assert.match(asApp.body.error_description, /does not verify for a known, enabled client/);
        // A removed user's id names nobody either.
        assert.equal((await h.call('DELETE', `/management/v1/users/${user.body.userId}`)).status, 200);
        const gone = await form(h, '/oauth/v2/token', { grant_type: JWT_PROFILE, assertion: await profileAssertion(file, file.userId) });
        assert.equal(gone.status, 400);
        const metadata = (await h.inject({ method: 'GET', url: '/.well-known/openid-configuration' })).json();
        assert.ok(metadata.grant_types_supported.includes(JWT_PROFILE));
        assert.ok(!metadata.token_endpoint_auth_methods_supported.includes('jwt_bearer_grant'));
      });
    });

    describe('x-zitadel-orgid and neighbours', () => {
      it('a super-admin acts in another organization with x-zitadel-orgid; a tenant admin may not, and gets 404 on our objects', async () => {
        const tenant = await createTenant(h, 'Tenant');
        const inTenant = await h.call('POST', '/management/v1/projects', { name: 'Tenant project' }, { 'x-zitadel-orgid': tenant.orgId });
        assert.equal(inTenant.status, 200, JSON.stringify(inTenant.body));
        assert.equal(inTenant.body.details.resourceOwner, tenant.orgId);
        const as = { authorization: `Bearer ${tenant.token}` };
        assert.equal((await h.call('GET', `/management/v1/projects/${inTenant.body.id}`, undefined, as)).status, 200);
        const escalate = await h.call('GET', `/management/v1/projects/${projectId}`, undefined, { ...as, 'x-zitadel-orgid': 'org_root' });
        assert.equal(escalate.status, 403);
        assert.equal(escalate.body.code, 7);

        const app = await h.call('POST', `/management/v1/projects/${projectId}/apps/api`, { name: 'ours' });
        const key = await h.call('POST', `/management/v1/projects/${projectId}/apps/${app.body.appId}/keys`, { type: 'KEY_TYPE_JSON' });
        const user = await h.call('POST', '/management/v1/users/machine', { userName: 'svc-ours', name: 'ours' });
        for (const [method, url, body] of [
          ['GET', `/management/v1/projects/${projectId}`],
          ['PUT', `/management/v1/projects/${projectId}`, { name: 'x' }],
          ['DELETE', `/management/v1/projects/${projectId}`],
          ['POST', `/management/v1/projects/${projectId}/apps/api`, { name: 'x' }],
          ['POST', `/management/v1/projects/${projectId}/apps/_search`, {}],
          ['GET', `/management/v1/projects/${projectId}/apps/${app.body.appId}`],
          ['POST', `/management/v1/projects/${projectId}/apps/${app.body.appId}/api_config/_generate_client_secret`, {}],
          ['POST', `/management/v1/projects/${projectId}/apps/${app.body.appId}/keys`, { type: 'KEY_TYPE_JSON' }],
          ['GET', `/management/v1/projects/${projectId}/apps/${app.body.appId}/keys/${key.body.id}`],
          ['DELETE', `/management/v1/projects/${projectId}/apps/${app.body.appId}/keys/${key.body.id}`],
          ['GET', `/management/v1/users/${user.body.userId}`],
          ['PUT', `/management/v1/users/${user.body.userId}/secret`, {}],
          ['POST', `/management/v1/users/${user.body.userId}/keys`, { type: 'KEY_TYPE_JSON' }],
          ['DELETE', `/management/v1/users/${user.body.userId}`],
        ] as [string, string, unknown?][]) {
          const res = await h.call(method, url, body, as);
          assert.equal(res.status, 404, `${method} ${url}: ${JSON.stringify(res.body)}`);
          assert.equal(res.body.code, 5);
        }
      });
    });
  });
}
