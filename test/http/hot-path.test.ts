import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import lightMyRequest, { type InjectOptions, type Response } from 'light-my-request';
import { hotPath } from '../../src/http/hot-path.js';
import { hotRoutes } from '../../src/routes.js';
import { databases, startHarness, type Harness } from '../helpers/harness.js';

const FORM = 'application/x-www-form-urlencoded';
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

/** What a client can tell of an answer: status, headers (bar the ones that differ per response) and body. */
function seen(response: Response) {
  const { date: _date, 'x-request-id': _id, 'content-length': _length, ...headers } = response.headers;
  let body: unknown = response.body;
  try {
    body = JSON.parse(response.body);
  } catch {
    // not JSON: compare the text
  }
  // Two tokens differ in every signature; their other members must not.
  if (typeof body === 'object' && body !== null && 'access_token' in body) body = { ...body, access_token: typeof body.access_token };
  return { status: response.statusCode, headers, body };
}

for (const db of databases) {
  describe(`the OAuth endpoints' hot path answers as Fastify does (${db.name})`, () => {
    let h: Harness;
    let svc: { clientId: string; clientSecret: string };
    let rs: { clientId: string; clientSecret: string };
    before(async () => {
      h = await startHarness(undefined, { db });
      svc = (await h.call('POST', '/v1/apiClients', { displayName: 'svc', permissions: ['read', 'write'] })).body;
      rs = (await h.call('POST', '/v1/apiClients', { displayName: 'resource server' })).body;
    });
    after(() => h.close());

    /** The same request through the server's listener (the hot path first) and through Fastify alone. */
    async function both(request: InjectOptions) {
      const hot = await h.inject(request as never);
      const fastify = await h.app.inject(request as never);
      return { hot: seen(hot as unknown as Response), fastify: seen(fastify as unknown as Response), raw: hot };
    }

    const token = (payload: string, headers: Record<string, string> = {}) =>
      ({ method: 'POST', url: '/oauth/token', headers: { 'content-type': FORM, authorization: basic(svc.clientId, svc.clientSecret), ...headers }, payload }) as const;

    const cases: [string, () => InjectOptions | Promise<InjectOptions>][] = [
      ['a token (client_secret_basic)', () => token('grant_type=client_credentials&scope=read')],
      ['a token with the form charset named', () => token('grant_type=client_credentials', { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' })],
      ['a token (client_secret_post)', () => ({ method: 'POST', url: '/oauth/token', headers: { 'content-type': FORM }, payload: `grant_type=client_credentials&client_id=${svc.clientId}&client_secret=${encodeURIComponent(svc.clientSecret)}` })],
      ['a wrong secret', () => token('grant_type=client_credentials', { authorization: basic(svc.clientId, 'wrong') })],
      ['no client authentication', () => ({ method: 'POST', url: '/oauth/token', headers: { 'content-type': FORM }, payload: 'grant_type=client_credentials' })],
      ['an unsupported grant type', () => token('grant_type=password&username=a&password=b')],
      ['no grant type', () => token('')],
      ['a parameter sent twice', () => token('grant_type=client_credentials&scope=read&scope=write')],
      ['a scope the client lacks', () => token('grant_type=client_credentials&scope=admin')],
      ['a DPoP header that is no proof', () => token('grant_type=client_credentials', { dpop: 'not-a-jwt' })],
      ['an introspection of garbage', () => ({ method: 'POST', url: '/oauth/introspect', headers: { 'content-type': FORM, authorization: basic(rs.clientId, rs.clientSecret) }, payload: 'token=garbage' })],
      ['an introspection without the token', () => ({ method: 'POST', url: '/oauth/introspect', headers: { 'content-type': FORM, authorization: basic(rs.clientId, rs.clientSecret) }, payload: '' })],
      ['an active token introspected', async () => {
        const issued = await h.token(svc.clientId, svc.clientSecret, { scope: 'read' });
        return { method: 'POST', url: '/oauth/introspect', headers: { 'content-type': FORM, authorization: basic(rs.clientId, rs.clientSecret) }, payload: `token=${issued.body.access_token}` };
      }],
      ['the JWKS', () => ({ method: 'GET', url: '/oauth/jwks' })],
    ];
    for (const [what, request] of cases) {
      it(`${what}: the same status, headers and body`, async () => {
        const { hot, fastify } = await both(await request());
        assert.deepEqual(hot, fastify);
      });
    }

    it('answers with the caller\'s request id, or a fresh one', async () => {
      const given = await h.inject({ ...token('grant_type=client_credentials'), headers: { ...token('').headers, 'x-request-id': 'trace-42' } });
      assert.equal(given.headers['x-request-id'], 'trace-42');
      const fresh = await h.inject({ method: 'GET', url: '/oauth/jwks', headers: { 'x-request-id': 'not a token!' } });
      assert.match(String(fresh.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    });

    it('takes only the requests it can finish alone, and passes the rest on untouched', async () => {
      const hot = hotPath(hotRoutes(h.runtime.oauth), { bodyLimit: h.config.bodyLimit, trustProxy: undefined, logger: h.runtime.logger, metrics: h.runtime.metrics, accessLog: undefined }, randomUUID);
      const taken = async (request: InjectOptions) => {
        let took = false;
        const response = await lightMyRequest((req: IncomingMessage, res: ServerResponse) => {
          took = hot.take(req, res);
          if (!took) res.writeHead(599).end();
        }, request);
        return { took, status: response.statusCode };
      };
      assert.deepEqual(await taken(token('grant_type=client_credentials')), { took: true, status: 200 });
      assert.deepEqual(await taken({ method: 'GET', url: '/oauth/jwks' }), { took: true, status: 200 });
      const passed = [
        { ...token('grant_type=client_credentials'), url: '/oauth/token?grant_type=client_credentials' },
        token('grant_type=client_credentials', { 'content-type': 'text/plain' }),
        token('grant_type=client_credentials', { 'content-type': 'application/x-www-form-urlencoded; charset=latin1' }),
        token('grant_type=client_credentials', { 'content-type': 'application/x-www-form-urlencoded-extra' }),
        token(`grant_type=client_credentials&pad=${'x'.repeat(h.config.bodyLimit)}`),
        { method: 'HEAD', url: '/oauth/jwks' },
        { method: 'POST', url: '/oauth/revoke', headers: { 'content-type': FORM }, payload: 'token=x' },
      ] as InjectOptions[];
      for (const request of passed) assert.deepEqual(await taken(request), { took: false, status: 599 }, `${request.method} ${request.url} ${JSON.stringify(request.headers)}`);
      hot.close();
      assert.deepEqual(await taken(token('grant_type=client_credentials')), { took: false, status: 599 }, 'closing, Fastify answers');
    });

    it('a body too large is refused by Fastify\'s rule, in the OAuth error format', async () => {
      const { hot, fastify } = await both(token(`grant_type=client_credentials&pad=${'x'.repeat(h.config.bodyLimit)}`));
      assert.deepEqual(hot, fastify);
      assert.equal(hot.status, 413);
    });
  });
}
