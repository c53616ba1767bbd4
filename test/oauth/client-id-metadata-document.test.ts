import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { decodeJwt, exportJWK } from 'jose';
import { TokenSource } from '../../packages/sdk/src/index.js';
import { assertionClaims, clientKey, signAssertion, tokenWithAssertion, type ClientKey } from '../helpers/assertions.js';
import { ISSUER, databases, startHarness, type Harness } from '../helpers/harness.js';

const SETTING = 'client_id_metadata_document_prefixes';

interface Served {
  body: string;
  headers?: Record<string, string>;
  status?: number;
}

/** The clients' own web host: documents and key sets by path, and how often each was asked for. */
async function documentHost() {
  const documents = new Map<string, Served>();
  const hits = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const served = documents.get(path);
    if (!served) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.statusCode = served.status ?? 200;
    res.setHeader('content-type', 'application/json');
    for (const [name, value] of Object.entries(served.headers ?? {})) res.setHeader(name, value);
    res.end(served.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    serve: (path: string, body: unknown, headers?: Record<string, string>, status?: number) => {
      documents.set(path, { body: typeof body === 'string' ? body : JSON.stringify(body), headers, status });
      return `${origin}${path}`;
    },
    hits: (path: string) => hits.get(path) ?? 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const signFor = (key: ClientKey, url: string, extra: Record<string, unknown> = {}) => signAssertion(key, assertionClaims(url, `${ISSUER}/oauth/token`, extra));

for (const db of databases) {
  describe(`Client ID Metadata Documents at the token endpoint (${db.name})`, () => {
    let h: Harness;
    let host: Awaited<ReturnType<typeof documentHost>>;
    let workspace: string;
    let key: ClientKey;

    const metadataFor = (url: string, extra: Record<string, unknown> = {}) => ({
      client_id: url,
      client_name: 'Report agent',
      token_endpoint_auth_method: 'private_key_jwt',
      grant_types: ['client_credentials'],
      scope: 'read',
      jwks: { keys: [key.publicJwk] },
      ...extra,
    });
    const clientByUrl = async (url: string) => {
      const list = await h.call('GET', `/v1/apiClients?filter=${encodeURIComponent(`clientId = "${url}"`)}`);
      assert.equal(list.status, 200, JSON.stringify(list.body));
      return list.body.apiClients[0] as { name: string; clientId: string; workspace: string; permissions: string[]; displayName: string; updateTime: string } | undefined;
    };
    const eventsOf = async (apiClient: string) => (await h.call('GET', `/v1/auditEvents?filter=${encodeURIComponent(`resource: "${apiClient}"`)}`)).body.auditEvents as { type: string; actor: string }[];

    before(async () => {
      host = await documentHost();
      h = await startHarness(undefined, { db, env: { KEYWARD_RATE_LIMIT_FAILURES: '100000', KEYWARD_JWKS_MIN_REFETCH: '0' } });
      key = await clientKey('ES256');
      workspace = (await h.call('POST', '/v1/workspaces', { displayName: 'agents' })).body.id;
      const settings = await h.call('PATCH', `/v1/workspaces/${workspace}/settings`, {
        merge: { registration_auth_methods: 'private_key_jwt', registration_scopes: 'read write', [SETTING]: `${host.origin}/clients/` },
      });
      assert.equal(settings.status, 200, JSON.stringify(settings.body));
    });
    after(async () => {
      await h.close();
      await host.close();
    });

    it('advertises the capability in the authorization server metadata', async () => {
      const res = await h.inject({ method: 'GET', url: '/.well-known/oauth-authorization-server' });
      const metadata = JSON.parse(res.body);
      assert.equal(metadata.client_id_metadata_document_supported, true);
      assert.ok(metadata.token_endpoint_auth_methods_supported.includes('private_key_jwt'));
    });

    it('issues a token to a client named by its document URL, which becomes an audited client of the workspace on first use', async () => {
      const url = host.serve('/clients/report-agent.json', metadataFor(host.origin + '/clients/report-agent.json'), { 'cache-control': 'max-age=300' });
      const res = await tokenWithAssertion(h, await signFor(key, url));
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const claims = decodeJwt(res.body.access_token);
      assert.equal(claims.client_id, url);
      assert.equal(res.body.scope, 'read');

      const client = await clientByUrl(url);
      assert.ok(client, 'the client is listed in /v1');
      assert.equal(client.workspace, `workspaces/${workspace}`);
      assert.equal(client.displayName, 'Report agent');
      assert.deepEqual(client.permissions, ['read']);
      const keys = await h.call('GET', `/v1/${client.name}/credentials`);
      assert.equal(keys.body.credentials.length, 1);
      assert.equal(keys.body.credentials[0].type, 'PUBLIC_KEY');
      const events = await eventsOf(client.name);
      assert.deepEqual(events.map((e) => e.type).sort(), ['client.created', 'credential.created']);
      assert.ok(events.every((e) => e.actor === 'client ID metadata document'), JSON.stringify(events));
    });

    it('reuses a document within its max-age: the second token neither refetches nor writes', async () => {
      const path = '/clients/cached.json';
      const url = host.serve(path, metadataFor(host.origin + path), { 'cache-control': 'public, max-age=300' });
      assert.equal((await tokenWithAssertion(h, await signFor(key, url))).status, 200);
      const client = (await clientByUrl(url))!;
      const eventsBefore = (await eventsOf(client.name)).length;
      assert.equal(host.hits(path), 1);
      for (let i = 0; i < 3; i++) assert.equal((await tokenWithAssertion(h, await signFor(key, url))).status, 200);
      assert.equal(host.hits(path), 1, 'no refetch within max-age');
      assert.equal((await eventsOf(client.name)).length, eventsBefore, 'no write on the warm path');
      assert.equal((await clientByUrl(url))!.updateTime, client.updateTime);
    });

    it('fetches a no-store document at every use, and follows what it says when it changes', async () => {
      const path = '/clients/uncached.json';
      const url = host.serve(path, metadataFor(host.origin + path), { 'cache-control': 'no-store' });
      assert.equal((await tokenWithAssertion(h, await signFor(key, url))).status, 200);
      assert.equal((await tokenWithAssertion(h, await signFor(key, url))).status, 200);
      assert.equal(host.hits(path), 2);
      const client = (await clientByUrl(url))!;
      const eventsBefore = (await eventsOf(client.name)).length;

      // The document grants more now (within the workspace policy) and names a new key.
      const next = await clientKey('RS256');
      host.serve(path, metadataFor(url, { scope: 'read write', jwks: { keys: [next.publicJwk] } }), { 'cache-control': 'no-store' });
      const res = await tokenWithAssertion(h, await signFor(next, url), { scope: 'write' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.scope, 'write');
      assert.equal(host.hits(path), 3);
      assert.deepEqual((await clientByUrl(url))!.permissions.sort(), ['read', 'write']);
      const types = (await eventsOf(client.name)).slice(0, -eventsBefore || undefined).map((e) => e.type).sort();
      assert.deepEqual(types, ['client.updated', 'credential.created', 'credential.revoked']);
      // The old key is gone with the document's old keys.
      const stale = await tokenWithAssertion(h, await signFor(key, url));
      assert.equal(stale.status, 401);
    });

    it('stops accepting a client whose document is withdrawn, but rides out a host that is down', async () => {
      const path = '/clients/withdrawn.json';
      const url = host.serve(path, metadataFor(host.origin + path), { 'cache-control': 'no-store' });
      assert.equal((await tokenWithAssertion(h, await signFor(key, url))).status, 200);
      // A 503 is the host's trouble, not a withdrawal: the last good document keeps serving.
      host.serve(path, '', {}, 503);
      assert.equal((await tokenWithAssertion(h, await signFor(key, url))).status, 200);
      // A 404 withdraws the document: the client stops authenticating at once.
      const gonePath = '/clients/gone.json';
      const gone = host.serve(gonePath, metadataFor(host.origin + gonePath), { 'cache-control': 'no-store' });
      assert.equal((await tokenWithAssertion(h, await signFor(key, gone))).status, 200);
      host.serve(gonePath, '', {}, 404);
      const refused = await tokenWithAssertion(h, await signFor(key, gone));
      assert.equal(refused.status, 401, JSON.stringify(refused.body));
      assert.match(String(refused.body.error_description), /HTTP 404/);
    });

    it('honours Expires against the response Date, and max-age=0', async () => {
      const served = new Date();
      const cases = [
        ['/clients/expires-ahead.json', { date: served.toUTCString(), expires: new Date(served.getTime() + 600_000).toUTCString() }, 1],
        ['/clients/expired.json', { date: served.toUTCString(), expires: new Date(served.getTime() - 1000).toUTCString() }, 2],
        ['/clients/max-age-0.json', { 'cache-control': 'max-age=0' }, 2],
      ] as const;
      for (const [path, headers, fetches] of cases) {
        const url = host.serve(path, metadataFor(host.origin + path), headers);
        for (let i = 0; i < 2; i++) assert.equal((await tokenWithAssertion(h, await signFor(key, url))).status, 200, path);
        assert.equal(host.hits(path), fetches, path);
      }
    });

    it('creates one client when first uses race', async () => {
      const path = '/clients/racing.json';
      const url = host.serve(path, metadataFor(host.origin + path), { 'cache-control': 'no-store' });
      const answers = await Promise.all([0, 1, 2, 3].map(async () => tokenWithAssertion(h, await signFor(key, url))));
      assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 200], JSON.stringify(answers.map((a) => a.body)));
      const client = (await clientByUrl(url))!;
      assert.equal((await eventsOf(client.name)).filter((e) => e.type === 'client.created').length, 1);
      assert.equal((await h.call('GET', `/v1/${client.name}/credentials`)).body.credentials.length, 1);
    });

    it('works with the SDK: TokenSource given the URL as clientId and the private key', async () => {
      const path = '/clients/sdk-agent.json';
      const url = host.serve(path, metadataFor(host.origin + path));
      // The SDK's own fetch, answered by this server in process.
      const throughHarness = async (input: string | URL, init?: RequestInit) => {
        const res = await h.inject({
          method: (init?.method ?? 'GET') as 'POST',
          url: new URL(String(input)).pathname,
          headers: Object.fromEntries(new Headers(init?.headers).entries()),
          payload: init?.body === undefined || init.body === null ? undefined : String(init.body),
        });
        return new Response(res.body, { status: res.statusCode, headers: res.headers as Record<string, string> });
      };
      const source = new TokenSource({
        issuer: ISSUER,
        tokenEndpoint: `${ISSUER}/oauth/token`,
        clientId: url,
        privateKey: { ...(await exportJWK(key.privateKey)), kid: key.kid, alg: key.alg },
        scope: 'read',
        fetch: throughHarness,
      });
      assert.equal(decodeJwt(await source.getToken()).client_id, url);
    });

    it('reads the keys from the jwks_uri the document names', async () => {
      const jwksUrl = host.serve('/clients/keys.json', { keys: [key.publicJwk] });
      const path = '/clients/by-jwks-uri.json';
      const url = host.serve(path, metadataFor(host.origin + path, { jwks: undefined, jwks_uri: jwksUrl }));
      const res = await tokenWithAssertion(h, await signFor(key, url));
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const client = (await clientByUrl(url))!;
      const keys = await h.call('GET', `/v1/${client.name}/credentials`);
      assert.equal(keys.body.credentials[0].jwksUri, jwksUrl);
    });

    it('refuses a document whose client_id is not its own URL, and creates nothing', async () => {
      const path = '/clients/impostor.json';
      const url = host.serve(path, metadataFor(`${host.origin}/clients/someone-else.json`));
      const res = await tokenWithAssertion(h, await signFor(key, url));
      assert.equal(res.status, 401);
      assert.equal(res.body.error, 'invalid_client');
      assert.match(res.body.error_description, /client_id .*someone-else\.json. is not the URL it was fetched from/);
      assert.equal(await clientByUrl(url), undefined);
    });

    it('refuses a document larger than 5 KB, saying so', async () => {
      const path = '/clients/large.json';
      const url = host.serve(path, metadataFor(host.origin + path, { client_name: 'x'.repeat(150), logo_uri: `https://example.com/${'a'.repeat(6000)}` }));
      const res = await tokenWithAssertion(h, await signFor(key, url));
      assert.equal(res.status, 401, JSON.stringify(res.body));
      assert.equal(res.body.error, 'invalid_client');
      assert.match(res.body.error_description, /larger than 5120 bytes/);
      assert.equal(await clientByUrl(url), undefined);
    });

    it('refuses a document that is missing, redirected or not a JSON object', async () => {
      const target = host.serve('/clients/target.json', metadataFor(`${host.origin}/clients/target.json`));
      for (const [path, served, reason] of [
        ['/clients/missing.json', undefined, /answered HTTP 404/],
        ['/clients/moved.json', () => host.serve('/clients/moved.json', '', { location: target }, 302), /answered HTTP 302/],
        ['/clients/text.json', () => host.serve('/clients/text.json', 'not json'), /not a JSON object/],
      ] as const) {
        served?.();
        const url = host.origin + path;
        const res = await tokenWithAssertion(h, await signFor(key, url));
        assert.equal(res.status, 401, path);
        assert.match(res.body.error_description, reason, path);
      }
      assert.equal(host.hits('/clients/target.json'), 0, 'the redirect was not followed');
    });

    it('refuses a document that asks for a shared secret, and a secret presented for such a client', async () => {
      const path = '/clients/secret.json';
      const url = host.serve(path, metadataFor(host.origin + path, { token_endpoint_auth_method: 'client_secret_basic', jwks: undefined }));
      const res = await tokenWithAssertion(h, await signFor(key, url));
      assert.equal(res.status, 401);
      assert.match(res.body.error_description, /client_secret_basic uses a shared secret/);
      const missing = '/clients/no-method.json';
      const noMethod = host.serve(missing, metadataFor(host.origin + missing, { token_endpoint_auth_method: undefined }));
      assert.match((await tokenWithAssertion(h, await signFor(key, noMethod))).body.error_description, /token_endpoint_auth_method must be private_key_jwt/);

      // A client that exists (the first test's) has no secret to present.
      const known = `${host.origin}/clients/report-agent.json`;
      const basic = await h.inject({
        method: 'POST',
        url: '/oauth/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${encodeURIComponent(known)}:guess`).toString('base64')}` },
        payload: 'grant_type=client_credentials',
      });
      assert.equal(basic.statusCode, 401);
      assert.equal(JSON.parse(basic.body).error, 'invalid_client');

      // Not even a secret an admin added to it.
      const client = (await clientByUrl(known))!;
      const added = await h.call('POST', `/v1/${client.name}/credentials`, { type: 'SECRET', displayName: 'added by hand' });
      assert.equal(added.status, 200, JSON.stringify(added.body));
      for (const headers of [
        { authorization: `Basic ${Buffer.from(`${encodeURIComponent(known)}:${encodeURIComponent(added.body.secret)}`).toString('base64')}` },
        {},
      ]) {
        const body = new URLSearchParams({ grant_type: 'client_credentials', ...('authorization' in headers ? {} : { client_id: known, client_secret: added.body.secret }) });
        const res = await h.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: body.toString() });
        assert.equal(res.statusCode, 401, res.body);
        assert.match(JSON.parse(res.body).error_description, /private_key_jwt only, never with a shared secret/);
      }
      await h.call('DELETE', `/v1/${added.body.name}`);

      // The jwt-bearer grant would skip the document and the workspace's prefixes: refused.
      const grant = await h.inject({
        method: 'POST',
        url: '/oauth/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: await signFor(key, known) }).toString(),
      });
      assert.equal(grant.statusCode, 400, grant.body);
      assert.match(JSON.parse(grant.body).error_description, /authenticates with client_assertion/);
    });

    it('refuses a scope the workspace registration policy does not allow', async () => {
      const path = '/clients/greedy.json';
      const url = host.serve(path, metadataFor(host.origin + path, { scope: 'read admin' }));
      const res = await tokenWithAssertion(h, await signFor(key, url));
      assert.equal(res.status, 401);
      assert.match(res.body.error_description, /scope admin is not allowed by the workspace registration policy \(registration_scopes/);
    });

    it('never fetches a URL no workspace lists, and refuses it', async () => {
      const path = '/elsewhere/agent.json';
      const url = host.serve(path, metadataFor(host.origin + path));
      const res = await tokenWithAssertion(h, await signFor(key, url));
      assert.equal(res.status, 401);
      assert.match(res.body.error_description, /no workspace accepts client ID metadata documents from .*client_id_metadata_document_prefixes/);
      assert.equal(host.hits(path), 0);
    });

    it('stops accepting a client when its workspace drops the prefix', async () => {
      const path = '/clients/report-agent.json';
      const url = host.origin + path;
      const other = (await h.call('POST', '/v1/workspaces', { displayName: 'elsewhere' })).body.id;
      assert.equal((await h.call('PATCH', `/v1/workspaces/${other}/settings`, { merge: { [SETTING]: `${host.origin}/clients/` } })).status, 200);
      // The client lives in the first workspace, so a second one listing the prefix changes nothing for it.
      assert.equal((await tokenWithAssertion(h, await signFor(key, url))).status, 200);
      assert.equal((await h.call('PATCH', `/v1/workspaces/${workspace}/settings`, { merge: { [SETTING]: `${host.origin}/other/` } })).status, 200);
      const refused = await tokenWithAssertion(h, await signFor(key, url));
      assert.equal(refused.status, 401);
      assert.match(refused.body.error_description, /no workspace accepts/);
      // An unknown URL now fits two workspaces: refused rather than guessed at.
      assert.equal((await h.call('PATCH', `/v1/workspaces/${workspace}/settings`, { merge: { [SETTING]: `${host.origin}/clients/` } })).status, 200);
      const newPath = '/clients/newcomer.json';
      const newcomer = host.serve(newPath, metadataFor(host.origin + newPath));
      const ambiguous = await tokenWithAssertion(h, await signFor(key, newcomer));
      assert.equal(ambiguous.status, 401);
      assert.match(ambiguous.body.error_description, /more than one workspace accepts/);
      assert.equal(host.hits(newPath), 0);
      assert.equal((await h.call('PATCH', `/v1/workspaces/${other}/settings`, { merge: { [SETTING]: null } })).status, 200);
    });

    it('refuses client_id URLs the draft rules out, and a prefix setting that is not one', async () => {
      for (const [url, reason] of [
        [`${host.origin}/clients/../clients/report-agent.json`, /normal form/],
        [`${host.origin}/`, /must have a path/],
        [`http://user:pw@127.0.0.1/clients/x.json`, /user name or password/],
      ] as const) {
        const res = await tokenWithAssertion(h, await signFor(key, url));
        assert.equal(res.status, 401, url);
        assert.match(res.body.error_description, reason, url);
      }
      for (const prefix of ['https://example.com', 'ftp://example.com/', 'https://example.com/?q=1']) {
        const res = await h.call('PATCH', `/v1/workspaces/${workspace}/settings`, { merge: { [SETTING]: prefix } });
        assert.equal(res.status, 400, prefix);
        assert.match(res.body.detail ?? JSON.stringify(res.body), /client_id_metadata_document_prefixes/);
      }
    });

    it('refuses a forged assertion before writing anything', async () => {
      const path = '/clients/forged.json';
      const url = host.serve(path, metadataFor(host.origin + path));
      const other = await clientKey('ES256', key.kid);
      const res = await tokenWithAssertion(h, await signFor(other, url));
      assert.equal(res.status, 401);
      assert.match(res.body.error_description, /does not verify with the keys its client ID metadata document names/);
      assert.equal(await clientByUrl(url), undefined);
    });
  });

  describe(`Client ID Metadata Documents with the SSRF guard on (${db.name})`, () => {
    let h: Harness;
    let host: Awaited<ReturnType<typeof documentHost>>;

    before(async () => {
      host = await documentHost();
      h = await startHarness(undefined, { db, env: { KEYWARD_WEBHOOKS_ALLOW_PRIVATE: 'false', KEYWARD_RATE_LIMIT_FAILURES: '100000' } });
      const ws = (await h.call('POST', '/v1/workspaces', { displayName: 'guarded' })).body.id;
      const port = new URL(host.origin).port;
      const prefixes = `https://127.0.0.1:${port}/clients/ https://localhost:${port}/clients/ ${host.origin}/clients/`;
      const res = await h.call('PATCH', `/v1/workspaces/${ws}/settings`, { merge: { registration_scopes: 'read', [SETTING]: prefixes } });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    });
    after(async () => {
      await h.close();
      await host.close();
    });

    it('refuses a document served from a private address, without connecting', async () => {
      const key = await clientKey('ES256');
      const port = new URL(host.origin).port;
      const url = `https://127.0.0.1:${port}/clients/agent.json`;
      const res = await tokenWithAssertion(h, await signFor(key, url));
      assert.equal(res.status, 401, JSON.stringify(res.body));
      assert.equal(res.body.error, 'invalid_client');
      assert.match(res.body.error_description, /client ID metadata document at https:\/\/127\.0\.0\.1.* was refused: .*loopback/);
      assert.equal(host.hits('/clients/agent.json'), 0);
    });

    it('refuses a host name that resolves to a private address, without connecting', async () => {
      const key = await clientKey('ES256');
      const url = `https://localhost:${new URL(host.origin).port}/clients/agent.json`;
      const res = await tokenWithAssertion(h, await signFor(key, url));
      assert.equal(res.status, 401, JSON.stringify(res.body));
      assert.match(res.body.error_description, /client ID metadata document at https:\/\/localhost.* was refused: .*(loopback|localhost)/);
    });

    it('refuses an http client_id URL', async () => {
      const key = await clientKey('ES256');
      const url = host.serve('/clients/plain.json', {});
      const res = await tokenWithAssertion(h, await signFor(key, url));
      assert.equal(res.status, 401);
      assert.match(res.body.error_description, /must use https/);
      assert.equal(host.hits('/clients/plain.json'), 0);
    });
  });
}
