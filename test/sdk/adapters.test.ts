import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  createVerifier,
  expressAuth,
  fastifyAuth,
  nodeAuth,
  protectedResourceMetadata,
  resourceMetadataPath,
  resourceMetadataUrl,
  serveResourceMetadata,
  TokenSource,
  type AccessTokenClaims,
  type Verifier,
} from '../../packages/sdk/src/index.js';
import { startKeyward, type LiveKeyward } from './support.js';

/**
 * Each adapter guards one route of a real server; the requests carry no token, a broken one, a
 * token without the needed scope, and a good one. Express is not installed in this repository,
 * so its middleware runs in a minimal Express-shaped pipeline over node:http (the middleware
 * only uses what node's request and response have, plus `next`).
 */
const SCOPES = ['reports.read', 'reports.delete'];

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('resource-server adapters against tokens from a running Keyward', () => {
  let kw: LiveKeyward;
  let verifier: Verifier;
  let good: string;
  let narrow: string;
  let clientId: string;
  const servers: { name: string; url: string; metadataUrl: string }[] = [];
  const closers: (() => Promise<unknown>)[] = [];

  before(async () => {
    kw = await startKeyward();
    const client = await kw.createClient({ permissions: ['reports.read', 'reports.delete'] });
    clientId = client.clientId;
    good = await new TokenSource({ issuer: kw.issuer, clientId: client.clientId, clientSecret: client.clientSecret }).getToken();
    narrow = await new TokenSource({ issuer: kw.issuer, clientId: client.clientId, clientSecret: client.clientSecret, scope: 'reports.read' }).getToken();
    verifier = createVerifier({ issuer: kw.issuer, audience: kw.issuer });

    // Fastify: a preHandler hook and the metadata as a route.
    const app: FastifyInstance = Fastify();
    const fastifyResource = 'http://127.0.0.1/fastify';
    const fastifyMetadata = { resource: fastifyResource, authorizationServers: [kw.issuer], scopesSupported: SCOPES };
    app.get(resourceMetadataPath(fastifyResource), async () => protectedResourceMetadata(fastifyMetadata));
    app.get('/reports', { preHandler: fastifyAuth(verifier, { scopes: SCOPES, resourceMetadata: resourceMetadataUrl(fastifyResource) }) }, async (request) => ({
      client: (request as unknown as { auth: AccessTokenClaims }).auth.client_id,
    }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const fastifyUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    servers.push({ name: 'fastify', url: `${fastifyUrl}/reports`, metadataUrl: `${fastifyUrl}${resourceMetadataPath(fastifyResource)}` });
    closers.push(() => app.close());

    // Express-shaped: middleware(req, res, next) then the handler, errors to a final handler.
    const expressResource = 'http://127.0.0.1/express';
    const metadataHandler = serveResourceMetadata({ resource: expressResource, authorizationServers: [kw.issuer], scopesSupported: SCOPES });
    const middleware = expressAuth(verifier, { scopes: SCOPES, resourceMetadata: resourceMetadataUrl(expressResource) });
    const expressServer = createServer((req: IncomingMessage, res: ServerResponse) => {
      if (metadataHandler(req, res)) return;
      middleware(req, res, (error?: unknown) => {
        if (error) {
          res.statusCode = 500;
          res.end();
          return;
        }
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ client: (req as IncomingMessage & { auth: AccessTokenClaims }).auth.client_id }));
      });
    });
    const expressUrl = await listen(expressServer);
    servers.push({ name: 'express', url: `${expressUrl}/reports`, metadataUrl: `${expressUrl}${resourceMetadataPath(expressResource)}` });
    closers.push(() => new Promise((resolve) => expressServer.close(resolve)));

    // Plain node:http.
    const nodeResource = 'http://127.0.0.1/node';
    const nodeMetadata = serveResourceMetadata({ resource: nodeResource, authorizationServers: [kw.issuer], scopesSupported: SCOPES });
    const auth = nodeAuth(verifier, { scopes: SCOPES, resourceMetadata: resourceMetadataUrl(nodeResource) });
    const nodeServer = createServer(async (req, res) => {
      if (nodeMetadata(req, res)) return;
      const claims = await auth(req, res);
      if (!claims) return;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ client: claims.client_id }));
    });
    const nodeUrl = await listen(nodeServer);
    servers.push({ name: 'node:http', url: `${nodeUrl}/reports`, metadataUrl: `${nodeUrl}${resourceMetadataPath(nodeResource)}` });
    closers.push(() => new Promise((resolve) => nodeServer.close(resolve)));
  });
  after(async () => {
    for (const close of closers) await close();
    await kw.close();
  });

  const get = (url: string, authorization?: string) => fetch(url, { headers: authorization ? { authorization } : {} });

  for (const name of ['fastify', 'express', 'node:http']) {
    describe(name, () => {
      const server = () => servers.find((s) => s.name === name)!;
      const metadataUrl = () => resourceMetadataUrl(`http://127.0.0.1/${name === 'node:http' ? 'node' : name}`);

      it('answers 401 with a bare Bearer challenge and resource_metadata when no token comes', async () => {
        for (const authorization of [undefined, 'Basic Zm9vOmJhcg==']) {
          const res = await get(server().url, authorization);
          assert.equal(res.status, 401);
          assert.equal(res.headers.get('www-authenticate'), `Bearer resource_metadata="${metadataUrl()}"`);
        }
      });

      it('answers 401 invalid_token for a broken token and 400 invalid_request for a malformed header', async () => {
        const res = await get(server().url, `Bearer ${good.slice(0, -4)}AAAA`);
        assert.equal(res.status, 401);
        assert.match(res.headers.get('www-authenticate')!, /^Bearer resource_metadata="[^"]+", error="invalid_token", error_description="bad signature"$/);
        assert.equal((await res.json()).error, 'invalid_token');
        const malformed = await get(server().url, 'Bearer a b');
        assert.equal(malformed.status, 400);
        assert.match(malformed.headers.get('www-authenticate')!, /error="invalid_request"/);
      });

      it('answers 403 insufficient_scope with the scopes the route needs', async () => {
        const res = await get(server().url, `Bearer ${narrow}`);
        assert.equal(res.status, 403);
        const challenge = res.headers.get('www-authenticate')!;
        assert.match(challenge, /error="insufficient_scope"/);
        assert.match(challenge, /scope="reports\.read reports\.delete"/);
        assert.deepEqual(await res.json(), { error: 'insufficient_scope', error_description: 'the token lacks a required scope', scope: 'reports.read reports.delete' });
      });

      it('lets a good token through with its claims', async () => {
        const res = await get(server().url, `Bearer ${good}`);
        assert.equal(res.status, 200);
        assert.deepEqual(await res.json(), { client: clientId });
      });

      it('serves RFC 9728 protected-resource metadata', async () => {
        const res = await get(server().metadataUrl);
        assert.equal(res.status, 200);
        assert.deepEqual(await res.json(), {
          resource: `http://127.0.0.1/${name === 'node:http' ? 'node' : name}`,
          authorization_servers: [kw.issuer],
          scopes_supported: SCOPES,
          bearer_methods_supported: ['header'],
        });
      });
    });
  }

  it('answers 503, not 401, when the key set cannot be reached', async () => {
    const down = createVerifier({ issuer: kw.issuer, audience: kw.issuer, jwksUri: 'http://127.0.0.1:1/jwks', jwks: { timeoutMs: 1_000 } });
    const auth = nodeAuth(down);
    const server = createServer(async (req, res) => {
      if (await auth(req, res)) res.end('through');
    });
    const url = await listen(server);
    try {
      const res = await get(url, `Bearer ${good}`);
      assert.equal(res.status, 503);
      assert.equal(res.headers.get('www-authenticate'), null);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
