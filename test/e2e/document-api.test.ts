import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildDocumentApi } from '../../examples/document-api/app.js';
import { createAdminClient, TokenSource, unwrap } from '../../packages/sdk/src/index.js';
import { createTenant, databases } from '../helpers/harness.js';
import { startKeyward, type LiveKeyward } from '../sdk/support.js';

/**
 * The example document API (examples/document-api) in front of a running Keyward: a Docpier
 * workspace and its agent client are made through the Docpier admin dialect, the agent gets
 * tokens with the SDK's TokenSource, and calls the API over HTTP.
 */
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
const PDF = Buffer.from('%PDF-1.7\n% an invoice\n').toString('base64');

/** Starts the example the way its README does (`npm run example:document-api`) and answers its URL. */
async function startExample(env: Record<string, string>): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'examples/document-api/server.ts'], { env: { ...process.env, PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the example did not start: ${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => reject(new Error(`the example exited (${code}): ${output}`)));
  });
  return { url, process: child };
}

for (const db of databases) {
  describe(`example document API protected by Keyward (${db.name})`, () => {
    let kw: LiveKeyward;
    let tenant: Awaited<ReturnType<typeof createTenant>>;
    let workspaceId: string;
    let otherWorkspaceId: string;
    let agent: { client_id: string; client_secret: string };
    let api: FastifyInstance;
    let apiUrl: string;

    /** A Docpier admin call over HTTP with the organization admin's token. */
    const docpier = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${kw.issuer}${path}`, {
        method,
        headers: { authorization: `Bearer ${tenant.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> & { id: string } };
    };
    const agentTokens = (scope?: string) =>
      new TokenSource({ issuer: kw.issuer, clientId: agent.client_id, clientSecret: agent.client_secret, authMethod: 'client_secret_post', ...(scope ? { scope } : {}) });
    const upload = (url: string, token: string, workspace = workspaceId) =>
      fetch(`${url}/v1/workspaces/${workspace}/documents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ filename: 'invoice.pdf', mimeType: 'application/pdf', content: PDF, extRef: 'INV-2025-001' }),
      });

    before(async () => {
      kw = await startKeyward({}, db);
      tenant = await createTenant(kw.h, 'Docpier');
      const ws = await docpier('POST', '/admin/workspaces', { name: 'Invoices' });
      assert.equal(ws.status, 201, JSON.stringify(ws.body));
      workspaceId = ws.body.id;
      otherWorkspaceId = (await docpier('POST', '/admin/workspaces', { name: 'Receipts' })).body.id;
      // New agents of this workspace receive all three scopes of the document API.
      const settings = await docpier('PATCH', `/admin/workspaces/${workspaceId}/settings`, { merge: { default_scope: 'idp.capture idp.read idp.feedback' } });
      assert.equal(settings.status, 200, JSON.stringify(settings.body));
      const created = await docpier('POST', `/admin/workspaces/${workspaceId}/keycloak/agent-client`, { client_id: 'invoice-agent' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      agent = created.body as unknown as typeof agent;

      api = buildDocumentApi({ issuer: kw.issuer });
      await api.listen({ port: 0, host: '127.0.0.1' });
      apiUrl = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
    });
    after(async () => {
      await api?.close();
      await kw?.close();
    });

    it('the agent uploads, reads and gives feedback with its token (200)', async () => {
      const token = await agentTokens().getToken();
      const uploaded = await upload(apiUrl, token);
      assert.equal(uploaded.status, 202);
      const document = (await uploaded.json()) as { documentId: string; workspaceId: string; fileSize: number; fileHash: string };
      assert.equal(document.workspaceId, workspaceId);
      assert.equal(document.fileSize, Buffer.from(PDF, 'base64').length);
      assert.match(document.fileHash, /^sha256:[0-9a-f]{64}$/);

      const read = await fetch(`${apiUrl}/v1/workspaces/${workspaceId}/documents/${document.documentId}`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(read.status, 200);
      const data = (await read.json()) as { status: string; extRef: string; file: { filename: string } };
      assert.equal(data.status, 'COMPLETED');
      assert.equal(data.extRef, 'INV-2025-001');
      assert.equal(data.file.filename, 'invoice.pdf');

      const feedback = await fetch(`${apiUrl}/v1/workspaces/${workspaceId}/documents/${document.documentId}/feedback`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ overallRating: 4, comments: 'The total was right.' }),
      });
      assert.equal(feedback.status, 200);
      assert.equal(((await feedback.json()) as { documentId: string }).documentId, document.documentId);
    });

    it('a token without the route scope gets 403 insufficient_scope', async () => {
      const captureOnly = agentTokens('idp.capture');
      assert.equal((await captureOnly.getTokenSet()).scope, 'idp.capture');
      const token = await captureOnly.getToken();
      const uploaded = await upload(apiUrl, token);
      assert.equal(uploaded.status, 202, 'idp.capture is enough to upload');
      const { documentId } = (await uploaded.json()) as { documentId: string };

      const read = await fetch(`${apiUrl}/v1/workspaces/${workspaceId}/documents/${documentId}`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(read.status, 403);
      const challenge = read.headers.get('www-authenticate') ?? '';
      assert.match(challenge, /^Bearer /);
      assert.match(challenge, /error="insufficient_scope"/);
      assert.match(challenge, /scope="idp\.read"/);
      assert.match(challenge, /resource_metadata="http:\/\/localhost:4000\/\.well-known\/oauth-protected-resource"/);
      assert.equal(((await read.json()) as { error: string }).error, 'insufficient_scope');
    });

    it('refuses a missing or foreign token with 401, and another workspace with 403', async () => {
      const bare = await fetch(`${apiUrl}/v1/workspaces/${workspaceId}/documents/any`);
      assert.equal(bare.status, 401);
      assert.equal(bare.headers.get('www-authenticate'), 'Bearer realm="document-api", resource_metadata="http://localhost:4000/.well-known/oauth-protected-resource"');

      const forged = await upload(apiUrl, `${(await agentTokens().getToken()).slice(0, -4)}AAAA`);
      assert.equal(forged.status, 401);
      assert.match(forged.headers.get('www-authenticate') ?? '', /error="invalid_token"/);

      const elsewhere = await upload(apiUrl, await agentTokens().getToken(), otherWorkspaceId);
      assert.equal(elsewhere.status, 403);
      assert.equal(((await elsewhere.json()) as { code: string }).code, 'FORBIDDEN');
    });

    it('publishes its RFC 9728 metadata naming Keyward', async () => {
      const res = await fetch(`${apiUrl}/.well-known/oauth-protected-resource`);
      assert.equal(res.status, 200);
      const metadata = (await res.json()) as { authorization_servers: string[]; scopes_supported: string[] };
      assert.deepEqual(metadata.authorization_servers, [kw.issuer]);
      assert.deepEqual(metadata.scopes_supported, ['idp.capture', 'idp.read', 'idp.feedback']);
    });

    it('started with one command in introspection mode, it refuses a revoked token at once (401)', async () => {
      // The API's own client at Keyward, in the agents' organization, made with the SDK admin client.
      const admin = createAdminClient({ baseUrl: kw.issuer, getToken: async () => tenant.token });
      const resourceServer = await unwrap(admin.POST('/v1/apiClients', { body: { displayName: 'document API', permissions: [] } }));
      const example = await startExample({ KEYWARD_ISSUER: kw.issuer, INTROSPECTION_CLIENT_ID: resourceServer.clientId, INTROSPECTION_CLIENT_SECRET: resourceServer.clientSecret! });
      try {
        const token = await agentTokens().getToken();
        assert.equal((await upload(example.url, token)).status, 202);

        // RFC 7009: the agent revokes its own token.
        const revoked = await fetch(`${kw.issuer}/oauth/revoke`, {
          method: 'POST',
          headers: { authorization: basic(agent.client_id, agent.client_secret), 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString(),
        });
        assert.equal(revoked.status, 200);

        const refused = await upload(example.url, token);
        assert.equal(refused.status, 401, 'refused on the very next request');
        assert.match(refused.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
        // Offline verification, by contrast, still accepts the signed token until it expires.
        assert.equal((await upload(apiUrl, token)).status, 202);
        assert.equal((await upload(example.url, await agentTokens().getToken())).status, 202, 'a new token works');
      } finally {
        example.process.kill();
      }
    });
  });
}
