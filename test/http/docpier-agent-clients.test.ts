import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createTenant, databases, startHarness, type Harness } from '../helpers/harness.js';

/**
 * Docpier's agent clients: created as Keyward clients with a CLIENT access row, or, with
 * KEYCLOAK_* configured, in Keycloak through its Admin REST API (seed-apis §6), which the tests
 * answer with a small node:http server speaking exactly those calls.
 */
const quiet = { webhooks: { autoStart: false }, credentialExpiry: { autoStart: false } };
const as = (token: string) => ({ authorization: `Bearer ${token}` });

/** Docpier's agents call the Keycloak-style token path with the secret in the form. */
async function agentToken(h: Harness, clientId: string, secret: string, scope?: string) {
  const res = await h.inject({
    method: 'POST',
    url: '/realms/idp/protocol/openid-connect/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret, ...(scope ? { scope } : {}) }).toString(),
  });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

interface KeycloakCall {
  method: string;
  path: string;
  authorization?: string;
  form?: URLSearchParams;
}

/** Answers the Keycloak Admin REST calls of seed-apis §6, and records them. */
class FakeKeycloak {
  calls: KeycloakCall[] = [];
  issued: string[] = [];
  clients = new Map<string, { id: string; secret: string; representation: Record<string, unknown> }>();
  failCreate = 0;
  refuseAdmin = false;
  hang = false;
  #valid = new Set<string>();
  #server: http.Server | undefined;
  #port = 0;

  get url() {
    return `http://127.0.0.1:${this.#port}`;
  }

  revokeTokens() {
    this.#valid.clear();
  }

  async start() {
    this.#server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.#handle(req, res, Buffer.concat(chunks).toString('utf8')));
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.#port = (this.#server!.address() as AddressInfo).port;
  }

  async stop() {
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }

  #handle(req: http.IncomingMessage, res: http.ServerResponse, body: string) {
    const path = (req.url ?? '').split('?')[0];
    const json = (status: number, value?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { ...(value !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }).end(value !== undefined ? JSON.stringify(value) : undefined);
    };
    if (this.hang) return;
    if (req.method === 'POST' && path === '/realms/master/protocol/openid-connect/token') {
      const form = new URLSearchParams(body);
      this.calls.push({ method: 'POST', path, form });
      if (this.refuseAdmin || form.get('client_id') !== 'keyward-admin' || form.get('client_secret') !== 'admin-secret-for-tests') {
        return json(401, { error: 'unauthorized_client', error_description: 'Invalid client or Invalid client credentials' });
      }
      const token = `adm-${randomUUID()}`;
      this.issued.push(token);
      this.#valid.add(token);
      return json(200, { access_token: token, expires_in: 60, token_type: 'Bearer', scope: 'profile email' });
    }
    const authorization = req.headers.authorization;
    this.calls.push({ method: req.method ?? '', path, authorization });
    if (!authorization || !this.#valid.has(authorization.replace(/^Bearer /, ''))) return json(401, { error: 'HTTP 401 Unauthorized' });
    if (req.method === 'POST' && path === '/admin/realms/idp/clients') {
      if (this.failCreate) return json(this.failCreate, { error: 'unknown_error' });
      const representation = JSON.parse(body) as { clientId: string };
      if (this.clients.has(representation.clientId)) return json(409, { errorMessage: `Client ${representation.clientId} already exists` });
      const id = randomUUID();
      this.clients.set(representation.clientId, { id, secret: `kc-${randomUUID()}`, representation });
      return json(201, undefined, { location: `${this.url}/admin/realms/idp/clients/${id}` });
    }
    const secret = /^\/admin\/realms\/idp\/clients\/([\w-]+)\/client-secret$/.exec(path);
    if (req.method === 'GET' && secret) {
      const client = [...this.clients.values()].find((c) => c.id === secret[1]);
      return client ? json(200, { type: 'secret', value: client.secret }) : json(404, { error: 'Could not find client' });
    }
    const one = /^\/admin\/realms\/idp\/clients\/([\w-]+)$/.exec(path);
    if (req.method === 'DELETE' && one) {
      for (const [clientId, c] of this.clients) if (c.id === one[1]) this.clients.delete(clientId);
      return json(204);
    }
    json(404, { error: 'not found' });
  }
}

for (const db of databases) {
  describe(`Docpier agent clients, Keyward mode (${db.name})`, () => {
    let h: Harness;
    let tenant: Awaited<ReturnType<typeof createTenant>>;
    let workspaceId: string;
    const call = (method: string, url: string, body?: unknown) => h.call(method, url, body, as(tenant.token));

    before(async () => {
      h = await startHarness(undefined, { db, runtime: quiet });
      tenant = await createTenant(h, 'Agents');
      workspaceId = (await call('POST', '/admin/workspaces', { name: 'Capture' })).body.id;
    });
    after(() => h.close());

    it('creates the agent with the seed body: 201 {client_id, client_secret}, and its CLIENT access row', async () => {
      const created = await call('POST', `/admin/workspaces/${workspaceId}/keycloak/agent-client`, { client_id: 'capture-agent-1' });
      assert.equal(created.status, 201);
      assert.deepEqual(Object.keys(created.body).sort(), ['client_id', 'client_secret']);
      assert.equal(created.body.client_id, 'capture-agent-1');
      assert.match(created.body.client_secret, /^kw_[0-9A-Za-z]{49}$/);
      const ws = await call('GET', `/admin/workspaces/${workspaceId}`);
      assert.deepEqual(ws.body.access, [{ subject_id: 'capture-agent-1', subject_type: 'CLIENT' }]);
      const client = await call('GET', `/v1/apiClients?filter=${encodeURIComponent('clientId = "capture-agent-1"')}`);
      assert.equal(client.body.apiClients[0].workspace, `workspaces/${workspaceId}`);
      assert.deepEqual(client.body.apiClients[0].permissions, ['idp.capture']);
    });

    it('lets the agent get a token at /oauth/token and at the Keycloak-style path, with idp.capture', async () => {
      const created = (await call('POST', `/admin/workspaces/${workspaceId}/keycloak/agent-client`, { client_id: 'capture-agent-2' })).body;
      const viaKeycloakPath = await agentToken(h, created.client_id, created.client_secret, 'idp.capture');
      assert.equal(viaKeycloakPath.status, 200, JSON.stringify(viaKeycloakPath.body));
      assert.equal(viaKeycloakPath.body.token_type, 'Bearer');
      assert.equal(viaKeycloakPath.body.scope, 'idp.capture');
      const viaOAuth = await h.token(created.client_id, created.client_secret);
      assert.equal(viaOAuth.status, 200);
      assert.equal(viaOAuth.body.scope, 'idp.capture');
      const claims = JSON.parse(Buffer.from(viaOAuth.body.access_token.split('.')[1], 'base64url').toString());
      assert.equal(claims.workspace_id, workspaceId);
      assert.equal(claims.client_id, 'capture-agent-2');
    });

    it('generates a client id when the body names none', async () => {
      const bare = await h.inject({ method: 'POST', url: `/admin/workspaces/${workspaceId}/keycloak/agent-client`, headers: as(tenant.token) });
      assert.equal(bare.statusCode, 201);
      const body = JSON.parse(bare.body);
      assert.match(body.client_id, /^kwc_/);
      assert.equal((await agentToken(h, body.client_id, body.client_secret)).status, 200);
      const empty = await call('POST', `/admin/workspaces/${workspaceId}/keycloak/agent-client`, {});
      assert.equal(empty.status, 201);
      // FastAPI reads an Optional[str] sent as null as "not given".
      const nullId = await call('POST', `/admin/workspaces/${workspaceId}/keycloak/agent-client`, { client_id: null });
      assert.equal(nullId.status, 201, JSON.stringify(nullId.body));
      assert.match(nullId.body.client_id, /^kwc_/);
      const numeric = await call('POST', `/admin/workspaces/${workspaceId}/keycloak/agent-client`, { client_id: 123 });
      assert.equal(numeric.status, 422, JSON.stringify(numeric.body));
      assert.deepEqual(numeric.body.detail, [{ loc: ['body', 'client_id'], msg: 'must be one of: string, null', type: 'value_error' }]);
    });

    it('answers 409 {"detail"} when the client id is taken, anywhere in the installation', async () => {
      await call('POST', `/admin/workspaces/${workspaceId}/keycloak/agent-client`, { client_id: 'taken-agent' });
      const again = await call('POST', `/admin/workspaces/${workspaceId}/keycloak/agent-client`, { client_id: 'taken-agent' });
      assert.equal(again.status, 409);
      assert.match(again.body.detail, /taken/);
      assert.equal(again.body.detail, 'The client_id "taken-agent" is taken; choose another or leave it out to have one generated.', "in Docpier's words");
      const other = await createTenant(h, 'Other agents');
      const otherWs = (await h.call('POST', '/admin/workspaces', { name: 'Theirs' }, as(other.token))).body.id;
      const elsewhere = await h.call('POST', `/admin/workspaces/${otherWs}/keycloak/agent-client`, { client_id: 'taken-agent' }, as(other.token));
      assert.equal(elsewhere.status, 409);
      // The failed attempt left no access row behind (one transaction).
      assert.deepEqual((await h.call('GET', `/admin/workspaces/${otherWs}`, undefined, as(other.token))).body.access, []);
      const bad = await call('POST', `/admin/workspaces/${workspaceId}/keycloak/agent-client`, { client_id: 'no spaces please' });
      assert.equal(bad.status, 422);
      const missing = await call('POST', '/admin/workspaces/ws_unknown/keycloak/agent-client', { client_id: 'lost-agent' });
      assert.equal(missing.status, 404);
    });

    it("lists the workspace's agents with the secret's hint, never a secret (singular and plural paths)", async () => {
      const ws = (await call('POST', '/admin/workspaces', { name: 'Listing' })).body.id;
      const created = (await call('POST', `/admin/workspaces/${ws}/keycloak/agent-client`, { client_id: 'listed-agent' })).body;
      await call('POST', `/admin/workspaces/${ws}/access`, { subject_id: 'a-user', subject_type: 'USER' });
      for (const path of ['agent-client', 'agent-clients']) {
        const listed = await call('GET', `/admin/workspaces/${ws}/keycloak/${path}`);
        assert.equal(listed.status, 200);
        assert.equal(listed.body.length, 1);
        const [entry] = listed.body;
        assert.equal(entry.client_id, 'listed-agent');
        assert.equal(entry.client_secret, entry.client_secret_hint);
        assert.match(entry.client_secret_hint, /^kw_\w{3}…\w{4}$/);
        assert.ok(!JSON.stringify(listed.body).includes(created.client_secret));
        assert.ok(created.client_secret.startsWith(entry.client_secret_hint.split('…')[0]));
      }
    });

    it("grants the workspace's default_scope setting: to new agents, and to token requests without scope", async () => {
      const ws = (await call('POST', '/admin/workspaces', { name: 'Scoped' })).body.id;
      const early = (await call('POST', `/admin/workspaces/${ws}/keycloak/agent-client`, { client_id: 'early-agent' })).body;
      assert.equal((await agentToken(h, early.client_id, early.client_secret)).body.scope, 'idp.capture');

      const set = await call('PATCH', `/admin/workspaces/${ws}/settings`, { merge: { default_scope: 'idp.capture idp.review' } });
      assert.equal(set.status, 200);
      const late = (await call('POST', `/admin/workspaces/${ws}/keycloak/agent-client`, { client_id: 'late-agent' })).body;
      assert.equal((await agentToken(h, late.client_id, late.client_secret)).body.scope, 'idp.capture idp.review');
      assert.equal((await agentToken(h, late.client_id, late.client_secret, 'idp.review')).body.scope, 'idp.review');
      // The early agent holds only part of the new default: it gets that part, nothing more.
      assert.equal((await agentToken(h, early.client_id, early.client_secret)).body.scope, 'idp.capture');

      await call('PATCH', `/admin/workspaces/${ws}/settings`, { merge: { default_scope: 'idp.review' } });
      const none = await agentToken(h, early.client_id, early.client_secret);
      assert.equal(none.status, 400);
      assert.equal(none.body.error, 'invalid_scope');
      assert.equal((await agentToken(h, early.client_id, early.client_secret, 'idp.capture')).status, 200);
    });
  });

  describe(`Docpier agent clients, Keycloak mode (${db.name})`, () => {
    const fake = new FakeKeycloak();
    let h: Harness;
    let tenant: Awaited<ReturnType<typeof createTenant>>;
    let workspaceId: string;
    const call = (method: string, url: string, body?: unknown) => h.call(method, url, body, as(tenant.token));

    before(async () => {
      await fake.start();
      h = await startHarness(undefined, {
        db,
        runtime: { ...quiet, keycloak: { timeoutMs: 500 } },
        env: {
          KEYCLOAK_URL: fake.url,
          KEYCLOAK_REALM: 'idp',
          KEYCLOAK_ADMIN_CLIENT_ID: 'keyward-admin',
          KEYCLOAK_ADMIN_CLIENT_SECRET: 'admin-secret-for-tests',
        },
      });
      tenant = await createTenant(h, 'Keycloak agents');
      workspaceId = (await call('POST', '/admin/workspaces', { name: 'Keycloak capture' })).body.id;
    });
    after(async () => {
      await h.close();
      await fake.stop();
    });

    it('creates the client through the Admin REST API exactly as documented and answers its secret', async () => {
      const created = await call('POST', `/admin/workspaces/${workspaceId}/keycloak/agent-client`, { client_id: 'kc-agent-1' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const stored = fake.clients.get('kc-agent-1')!;
      assert.deepEqual(created.body, { client_id: 'kc-agent-1', client_secret: stored.secret });
      assert.deepEqual(stored.representation, {
        clientId: 'kc-agent-1',
        enabled: true,
        protocol: 'openid-connect',
        publicClient: false,
        clientAuthenticatorType: 'client-secret',
        serviceAccountsEnabled: true,
        standardFlowEnabled: false,
        directAccessGrantsEnabled: false,
      });
      assert.deepEqual(
        fake.calls.map((c) => `${c.method} ${c.path.replace(stored.id, '{id}')}`),
        ['POST /realms/master/protocol/openid-connect/token', 'POST /admin/realms/idp/clients', 'GET /admin/realms/idp/clients/{id}/client-secret'],
      );
      assert.equal(fake.calls[0].form?.get('grant_type'), 'client_credentials');
      assert.equal(fake.calls[0].form?.get('client_id'), 'keyward-admin');
      assert.ok(fake.calls.slice(1).every((c) => c.authorization === `Bearer ${fake.issued[0]}`));

      const ws = await call('GET', `/admin/workspaces/${workspaceId}`);
      assert.deepEqual(ws.body.access, [{ subject_id: 'kc-agent-1', subject_type: 'CLIENT' }]);
      // Not a Keyward client: Keycloak issues its tokens.
      const local = await call('GET', `/v1/apiClients?filter=${encodeURIComponent('clientId = "kc-agent-1"')}`);
      assert.equal(local.body.apiClients.length, 0);
      const listed = await call('GET', `/admin/workspaces/${workspaceId}/keycloak/agent-client`);
      assert.equal(listed.body[0].client_id, 'kc-agent-1');
      assert.equal(listed.body[0].client_secret_hint, `${stored.secret.slice(0, 6)}…${stored.secret.slice(-4)}`);
      assert.ok(!JSON.stringify(listed.body).includes(stored.secret));
    });

    it('reuses the admin token until it nears expiry, and fetches a new one after a 401', async () => {
      fake.calls.length = 0;
      await call('POST', `/admin/workspaces/${workspaceId}/keycloak/agent-client`, { client_id: 'kc-agent-2' });
      assert.equal(fake.calls.filter((c) => c.path.endsWith('/token')).length, 0);
      fake.revokeTokens();
      const created = await call('POST', `/admin/workspaces/${workspaceId}/keycloak/agent-client`, { client_id: 'kc-agent-3' });
      assert.equal(created.status, 201);
      assert.equal(fake.calls.filter((c) => c.path.endsWith('/token')).length, 1);
    });

    it('answers 409 when Keycloak already has the client id', async () => {
      const again = await call('POST', `/admin/workspaces/${workspaceId}/keycloak/agent-client`, { client_id: 'kc-agent-1' });
      assert.equal(again.status, 409);
      assert.match(again.body.detail, /Keycloak/);
    });

    it('answers 502 naming Keycloak when it fails, and leaves no access row', async () => {
      fake.failCreate = 500;
      const failed = await call('POST', `/admin/workspaces/${workspaceId}/keycloak/agent-client`, { client_id: 'kc-agent-broken' });
      fake.failCreate = 0;
      assert.equal(failed.status, 502);
      assert.match(failed.body.detail, /^Keycloak /);
      assert.match(failed.body.detail, /500/);
      const access = (await call('GET', `/admin/workspaces/${workspaceId}`)).body.access;
      assert.ok(!access.some((a: { subject_id: string }) => a.subject_id === 'kc-agent-broken'));
    });

    it('checks the workspace before asking Keycloak for anything', async () => {
      fake.calls.length = 0;
      const gone = await call('POST', '/admin/workspaces/ws_missing000000000000/keycloak/agent-client', { client_id: 'kc-orphan' });
      assert.equal(gone.status, 404);
      assert.equal(fake.calls.length, 0);
    });

    it('answers 502 when Keycloak refuses the admin credentials or cannot be reached', async () => {
      fake.revokeTokens();
      fake.refuseAdmin = true;
      const refused = await call('POST', `/admin/workspaces/${workspaceId}/keycloak/agent-client`, { client_id: 'kc-agent-refused' });
      fake.refuseAdmin = false;
      assert.equal(refused.status, 502);
      assert.match(refused.body.detail, /Keycloak refused to issue an admin token \(401\)/);
      fake.hang = true;
      const slow = await call('POST', `/admin/workspaces/${workspaceId}/keycloak/agent-client`, { client_id: 'kc-agent-slow' });
      fake.hang = false;
      assert.equal(slow.status, 502);
      assert.match(slow.body.detail, /Keycloak did not answer within 500 ms/);
    });
  });
}
