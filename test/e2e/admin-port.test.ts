import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server as NetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ADMIN_ID, ADMIN_SECRET, buildOnce, freePort, freshSchema, http, startServer, startupFailure, type Server } from '../faults/support.js';

/**
 * KEYWARD_ADMIN_PORT through real processes (`node dist/main.js`): PORT serves the public surface
 * (OAuth, discovery, JWKS, probes, metrics) and answers 404 for /v1, the dialects' admin APIs and
 * /docs; the admin listener serves those and the token endpoint an admin signs in with.
 */
const engines: { name: 'sqlite' | 'postgres'; url?: string }[] = [
  { name: 'sqlite' },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'postgres' as const, url: process.env.TEST_DATABASE_URL }] : []),
];

const admin = (server: Server) => ({ url: server.adminUrl! });

async function tokenOf(server: { url: string }, clientId: string, secret: string) {
  return http(server, 'POST', '/oauth/token', { form: { grant_type: 'client_credentials' }, basic: [clientId, secret] });
}

async function adminTokenAt(server: { url: string }): Promise<string> {
  const res = await tokenOf(server, ADMIN_ID, ADMIN_SECRET);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.access_token;
}

/** SIGTERM, as an orchestrator stops a container: the exit code of a graceful stop. */
function terminate(server: Server): Promise<number | null> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null) return resolve(server.child.exitCode);
    server.child.once('exit', (code) => resolve(code));
    server.child.kill('SIGTERM');
  });
}

async function holdPort(): Promise<{ port: number; release: () => Promise<void> }> {
  const holder: NetServer = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const { port } = holder.address() as { port: number };
  return { port, release: () => new Promise((resolve) => holder.close(() => resolve())) };
}

describe('admin listener (KEYWARD_ADMIN_PORT)', () => {
  before(() => buildOnce());

  for (const engine of engines) {
    describe(engine.name, () => {
      let dataDir: string;
      let databaseUrl: string | undefined;
      let dropSchema: (() => Promise<void>) | undefined;
      let server: Server;

      before(async () => {
        dataDir = mkdtempSync(join(tmpdir(), 'keyward-admin-port-'));
        if (engine.url) ({ url: databaseUrl, drop: dropSchema } = await freshSchema(engine.url));
        server = await startServer({ dataDir, databaseUrl, env: { KEYWARD_ADMIN_PORT: String(await freePort()), KEYWARD_DOCS: 'true' } });
      });
      after(async () => {
        await server?.kill();
        await dropSchema?.();
        rmSync(dataDir, { recursive: true, force: true });
      });

      it('PORT serves OAuth, discovery, JWKS and the probes', async () => {
        assert.equal((await tokenOf(server, ADMIN_ID, ADMIN_SECRET)).status, 200);
        const jwks = await http(server, 'GET', '/oauth/jwks');
        assert.equal(jwks.status, 200);
        assert.ok(jwks.body.keys.length > 0);
        const discovery = await http(server, 'GET', '/.well-known/openid-configuration');
        assert.equal(discovery.status, 200);
        assert.equal(discovery.body.token_endpoint, 'http://keyward.faults/oauth/token');
        assert.equal((await http(server, 'GET', '/healthz')).status, 200);
        assert.equal((await http(server, 'GET', '/readyz')).status, 200);
        assert.equal((await http(server, 'GET', '/metrics')).status, 200);
      });

      it('PORT answers 404 for /v1, the dialects\' admin APIs and /docs, even with an admin token', async () => {
        const token = await adminTokenAt(server);
        for (const path of ['/v1/apiClients', '/v1/organizations', '/admin/meta/document-types', '/zones', '/management/v1/users/_search', '/docs', '/openapi.json']) {
          const method = path.endsWith('_search') ? 'POST' : 'GET';
          const res = await http(server, method, path, { token, ...(method === 'POST' ? { body: {} } : {}) });
          assert.equal(res.status, 404, `${method} ${path}: ${JSON.stringify(res.body)}`);
        }
      });

      it('the admin port serves /v1 with a token from its own /oauth/token, and the reference UI', async () => {
        const token = await adminTokenAt(admin(server));
        const list = await http(admin(server), 'GET', '/v1/apiClients', { token });
        assert.equal(list.status, 200, JSON.stringify(list.body));
        assert.ok(Array.isArray(list.body.apiClients));
        assert.equal((await http(admin(server), 'GET', '/v1/apiClients')).status, 401);
        assert.equal((await http(admin(server), 'GET', '/docs/')).status, 200);
        assert.equal((await http(admin(server), 'GET', '/openapi.json')).status, 200);
        assert.equal((await http(admin(server), 'GET', '/oauth/jwks')).status, 200);
        assert.equal((await http(admin(server), 'GET', '/healthz')).status, 200);
        // Scraped once per process, on PORT: the same registry on two ports would be counted twice.
        assert.equal((await http(admin(server), 'GET', '/metrics')).status, 404);
      });

      it('a client created on the admin port gets a token on PORT, which the admin port accepts', async () => {
        const token = await adminTokenAt(admin(server));
        const created = await http(admin(server), 'POST', '/v1/apiClients', { token, body: { displayName: 'split listeners' } });
        assert.equal(created.status, 200, JSON.stringify(created.body));
        const issued = await tokenOf(server, created.body.clientId, created.body.clientSecret);
        assert.equal(issued.status, 200, JSON.stringify(issued.body));
        const publicAdminToken = await adminTokenAt(server);
        assert.equal((await http(admin(server), 'GET', `/v1/${created.body.name}`, { token: publicAdminToken })).status, 200);
      });
    });
  }

  it('with KEYWARD_WORKERS=2 both ports serve, and SIGTERM stops both', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'keyward-admin-port-'));
    const adminPort = await freePort();
    const server = await startServer({ dataDir, env: { KEYWARD_ADMIN_PORT: String(adminPort), KEYWARD_WORKERS: '2' } });
    try {
      for (let i = 0; i < 6; i++) {
        const token = await adminTokenAt(admin(server));
        assert.equal((await http(admin(server), 'GET', '/v1/apiClients', { token })).status, 200);
        assert.equal((await tokenOf(server, ADMIN_ID, ADMIN_SECRET)).status, 200);
        assert.equal((await http(server, 'GET', '/v1/apiClients', { token })).status, 404);
      }
      assert.equal(await terminate(server), 0, server.output());
      for (const url of [server.url, server.adminUrl!]) {
        await assert.rejects(fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) }), `${url} still answers`);
      }
    } finally {
      await server.kill();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a busy admin port: one line naming KEYWARD_ADMIN_PORT, the exit code of a busy PORT', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'keyward-admin-port-'));
    const held = await holdPort();
    try {
      for (const workers of ['1', '2']) {
        const result = await startupFailure({ dataDir, env: { KEYWARD_ADMIN_PORT: String(held.port), KEYWARD_WORKERS: workers } });
        assert.equal(result.code, 3, `workers=${workers}: ${result.stderr}`);
        const lines = result.stderr.trim().split('\n');
        assert.equal(lines.length, 1, `workers=${workers}: ${result.stderr}`);
        assert.match(lines[0], new RegExp(`^keyward: admin port ${held.port} on 127\\.0\\.0\\.1 is already in use; .*KEYWARD_ADMIN_PORT`));
        assert.doesNotMatch(result.stderr + result.stdout, /\n\s+at |EADDRINUSE/);
      }
    } finally {
      await held.release();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('KEYWARD_ADMIN_PORT equal to PORT is refused at start, naming both', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'keyward-admin-port-'));
    try {
      const port = await freePort();
      const result = await startupFailure({ dataDir, port, env: { KEYWARD_ADMIN_PORT: String(port) } });
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, /^keyward: KEYWARD_ADMIN_PORT must differ from PORT/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
