import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createAdminClient, KeywardProblemError, paginate, TokenSource, unwrap, type AdminClient } from '../../packages/sdk/src/index.js';
import { countingFetch, startKeyward, type LiveKeyward } from './support.js';

/**
 * The admin client against a running Keyward over HTTP, authenticated as an organization's own
 * admin client through the SDK's TokenSource, the way an integrator's provisioning job runs.
 */
describe('admin client against a running Keyward', () => {
  let kw: LiveKeyward;
  let orgId: string;
  let adminId: string;
  let adminSecret: string;

  before(async () => {
    kw = await startKeyward();
    const org = await kw.h.call('POST', '/v1/organizations', { displayName: 'Provisioning' });
    orgId = org.body.id;
    const admin = await kw.h.call('POST', '/v1/apiClients', { displayName: 'provisioner', permissions: ['keyward:admin'], tokenLifetime: 60 }, { 'x-keyward-org': orgId });
    assert.equal(admin.status, 200, JSON.stringify(admin.body));
    adminId = admin.body.clientId;
    adminSecret = admin.body.clientSecret;
  });
  after(() => kw.close());

  const connect = (options: { refreshSkewSeconds?: number } = {}) => {
    const tokens = countingFetch();
    const api = countingFetch();
    const tokenSource = new TokenSource({ issuer: kw.issuer, clientId: adminId, clientSecret: adminSecret, fetch: tokens.fetch, ...options });
    const admin = createAdminClient({ baseUrl: kw.issuer, tokenSource, fetch: api.fetch });
    return { admin, tokenSource, tokens, api };
  };

  it('creates, reads and updates a client with typed calls', async () => {
    const { admin } = connect();
    const created = await unwrap(admin.POST('/v1/apiClients', { body: { displayName: 'billing', permissions: ['reports.read'], labels: { team: 'billing' } } }));
    assert.match(created.clientId, /\S/);
    assert.ok(created.clientSecret, 'the secret comes once, in the create answer');
    const id = created.name.replace('apiClients/', '');
    const read = await unwrap(admin.GET('/v1/apiClients/{id}', { params: { path: { id } } }));
    assert.equal(read.displayName, 'billing');
    assert.equal(read.clientSecret, undefined);
    assert.deepEqual(read.labels, { team: 'billing' });
    const updated = await unwrap(
      admin.PATCH('/v1/apiClients/{id}', { params: { path: { id }, query: { updateMask: 'displayName' } }, body: { displayName: 'billing v2' } }),
    );
    assert.equal(updated.displayName, 'billing v2');
  });

  it('paginate follows nextPageToken over every page', async () => {
    const { admin, api } = connect();
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await unwrap(admin.POST('/v1/apiClients', { body: { displayName: `paged ${i}`, labels: { batch: 'paged' } } }))).clientId);
    const seen: string[] = [];
    for await (const client of paginate(admin, '/v1/apiClients', { params: { query: { pageSize: 2, filter: 'displayName:"paged"' } } })) seen.push(client.clientId);
    assert.deepEqual(seen.sort(), made.sort());
    assert.equal(api.count('/v1/apiClients') - 5, 3, 'three pages of at most two: 2, 2, 1');
  });

  it('a page fetched with a bad parameter throws the problem', async () => {
    const { admin } = connect();
    const pages = paginate(admin, '/v1/apiClients', { params: { query: { orderBy: 'colour' } } });
    await assert.rejects(pages.next(), (e: unknown) => e instanceof KeywardProblemError && e.status === 400 && e.code === 'invalid_argument');
  });

  it('turns 400, 404 and 409 into KeywardProblemError with the server fields', async () => {
    const { admin } = connect();
    await assert.rejects(unwrap(admin.POST('/v1/apiClients', { body: { displayName: 'bad', tokenLifetime: 1.5 } })), (e: unknown) => {
      assert.ok(e instanceof KeywardProblemError);
      assert.equal(e.status, 400);
      assert.equal(e.code, 'invalid_argument');
      assert.equal(e.type, 'https://keyward.dev/errors/invalid_argument');
      assert.equal(e.instance, '/v1/apiClients');
      assert.match(e.requestId!, /\S/);
      assert.ok(e.errors.some((v) => v.field === 'body.tokenLifetime'), JSON.stringify(e.errors));
      assert.match(e.message, /^400 invalid_argument: /);
      return true;
    });

    await assert.rejects(unwrap(admin.GET('/v1/apiClients/{id}', { params: { path: { id: 'ac_doesnotexist' } } })), (e: unknown) => {
      assert.ok(e instanceof KeywardProblemError);
      assert.equal(e.status, 404);
      assert.equal(e.code, 'not_found');
      assert.equal(e.title, 'not found');
      assert.deepEqual(e.errors, []);
      return true;
    });

    await unwrap(admin.POST('/v1/apiClients', { params: { query: { apiClientId: 'fixed-id' } }, body: { displayName: 'first' } }));
    await assert.rejects(unwrap(admin.POST('/v1/apiClients', { params: { query: { apiClientId: 'fixed-id' } }, body: { displayName: 'second' } })), (e: unknown) => {
      assert.ok(e instanceof KeywardProblemError);
      assert.equal(e.status, 409);
      assert.equal(e.code, 'already_exists');
      assert.match(e.detail, /\S/);
      return true;
    });
  });

  it('renews the token through the TokenSource when it nears expiry', async () => {
    // 60 s tokens renewed 59 s early: fresh for one second.
    const { admin, tokens } = connect({ refreshSkewSeconds: 59 });
    await unwrap(admin.GET('/v1/apiClients', { params: { query: { pageSize: 1 } } }));
    await unwrap(admin.GET('/v1/apiClients', { params: { query: { pageSize: 1 } } }));
    assert.equal(tokens.count('/oauth/token'), 1, 'the held token is reused');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await unwrap(admin.GET('/v1/apiClients', { params: { query: { pageSize: 1 } } }));
    assert.equal(tokens.count('/oauth/token'), 2, 'a new token near the end of the old one');
  });

  it('drops a revoked token on the 401, and the next call gets a new one', async () => {
    const { admin, tokenSource, tokens } = connect();
    const revoked = await tokenSource.getToken();
    const res = await fetch(`${kw.issuer}/oauth/revoke`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${encodeURIComponent(adminId)}:${encodeURIComponent(adminSecret)}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: revoked }).toString(),
    });
    assert.equal(res.status, 200);
    await assert.rejects(unwrap(admin.GET('/v1/apiClients', {})), (e: unknown) => e instanceof KeywardProblemError && e.status === 401 && e.code === 'invalid_token');
    const page = await unwrap(admin.GET('/v1/apiClients', {}));
    assert.ok(page.apiClients.length > 0);
    assert.equal(tokens.count('/oauth/token'), 2);
    assert.notEqual(await tokenSource.getToken(), revoked);
  });

  it("makes a problem of an answer that is not one (a proxy's 502 page), keeping its Retry-After", async () => {
    const proxy = createServer((_req, res) => res.writeHead(502, { 'content-type': 'text/html', 'retry-after': '7' }).end('<h1>Bad Gateway</h1>'));
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const admin = createAdminClient({ baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, getToken: async () => 'token' });
      await assert.rejects(unwrap(admin.GET('/v1/roles', {})), (e: unknown) => {
        assert.ok(e instanceof KeywardProblemError);
        assert.equal(e.status, 502);
        assert.equal(e.type, 'about:blank');
        assert.equal(e.title, 'Bad Gateway');
        assert.equal(e.code, 'unknown');
        assert.equal(e.detail, '<h1>Bad Gateway</h1>');
        assert.equal(e.retryAfter, 7);
        return true;
      });
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('refuses to be built without a way to get tokens', () => {
    assert.throws(() => createAdminClient({ baseUrl: kw.issuer } as Parameters<typeof createAdminClient>[0]), /tokenSource or getToken/);
  });

  it('takes a plain getToken function and extra headers', async () => {
    // The bootstrap super-admin acts inside the organization through x-keyward-org.
    const admin: AdminClient = createAdminClient({ baseUrl: `${kw.issuer}/`, getToken: async () => kw.h.adminToken, headers: { 'x-keyward-org': orgId } });
    const names = [];
    for await (const client of paginate(admin, '/v1/apiClients', { params: { query: { filter: `clientId = "${adminId}"` } } })) names.push(client.displayName);
    assert.deepEqual(names, ['provisioner']);
  });
});
