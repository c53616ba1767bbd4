import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildHttp } from '../../src/compose.js';
import { consoleContentSecurityPolicy } from '../../src/http/console.js';
import { startHarness, type Harness } from '../helpers/harness.js';

/**
 * How Keyward serves the console's files, on a build made here (the browser suite,
 * test/console, drives the real one): which surface, which headers, what a missing build says.
 */
describe('the console at /console', () => {
  const root = mkdtempSync(join(tmpdir(), 'keyward-console-build-'));
  const empty = mkdtempSync(join(tmpdir(), 'keyward-console-none-'));
  let h: Harness;
  const apps: FastifyInstance[] = [];
  const app = async (surface: 'public' | 'admin', consoleRoot = root, connectSources: string[] = []) => {
    const built = await buildHttp(h.runtime, { console: { root: consoleRoot, connectSources } }, surface);
    apps.push(built);
    return built;
  };

  before(async () => {
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>console</title><script type="module" src="/console/assets/app-1a2b.js"></script>');
    writeFileSync(join(root, 'assets', 'app-1a2b.js'), 'console.log(1)');
    writeFileSync(join(root, 'assets', '.hidden.js'), 'secret');
    writeFileSync(join(root, 'secret.txt'), 'not an asset');
    h = await startHarness(undefined, { extra: { console: { root } } });
  });
  after(async () => {
    for (const a of apps) await a.close();
    await h?.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  });

  it('serves index.html for the console and its deep links, never cached, with the strict policy', async () => {
    for (const url of ['/console/', '/console/clients', '/console/clients/ac_x/credentials']) {
      const res = await h.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      assert.match(res.body, /<title>console<\/title>/);
      assert.equal(res.headers['cache-control'], 'no-cache');
      assert.equal(res.headers['content-security-policy'], consoleContentSecurityPolicy());
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['referrer-policy'], 'no-referrer');
    }
    const bare = await h.inject({ method: 'GET', url: '/console' });
    assert.equal(bare.statusCode, 308);
    assert.equal(bare.headers.location, '/console/');
  });

  it('serves hashed assets for a year, and nothing outside assets/ or hidden', async () => {
    const js = await h.inject({ method: 'GET', url: '/console/assets/app-1a2b.js' });
    assert.equal(js.statusCode, 200);
    assert.match(String(js.headers['content-type']), /^text\/javascript/);
    assert.equal(js.headers['cache-control'], 'public, max-age=31536000, immutable');
    for (const url of ['/console/assets/missing.js', '/console/assets/.hidden.js', '/console/assets/..%2fsecret.txt', '/console/assets/%2e%2e/secret.txt']) {
      const res = await h.inject({ method: 'GET', url });
      // A path the router folds out of assets/ gets index.html, like any console route.
      assert.ok(res.statusCode === 404 || res.statusCode === 400 || (res.statusCode === 200 && res.body.includes('<title>console')), `${url}: ${res.statusCode}`);
      assert.doesNotMatch(res.body, /^secret|not an asset/);
    }
  });

  it('is on the admin surface only', async () => {
    assert.equal((await (await app('admin')).inject({ method: 'GET', url: '/console/' })).statusCode, 200);
    assert.equal((await (await app('public')).inject({ method: 'GET', url: '/console/' })).statusCode, 404);
  });

  it('lets its pages call the origins it is given besides its own, and refuses anything else as an origin', async () => {
    const res = await (await app('admin', root, ['https://login.example.com'])).inject({ method: 'GET', url: '/console/' });
    assert.match(String(res.headers['content-security-policy']), /connect-src 'self' https:\/\/login\.example\.com;/);
    assert.throws(() => consoleContentSecurityPolicy(["https://x.example; script-src 'unsafe-inline'"]), /not an http\(s\) origin/);
  });

  it('lets its pages call the issuers of the providers that offer sign-in now, read per page', async () => {
    const policy = async () => String((await h.inject({ method: 'GET', url: '/console/' })).headers['content-security-policy']);
    assert.match(await policy(), /connect-src 'self';/);
    const offering = await h.call('POST', '/v1/providers', {
      displayName: 'Company login',
      issuer: 'https://login.example.com/realms/acme',
      adminSignIn: true,
      consoleSignIn: { clientId: 'keyward-console' },
    });
    assert.equal(offering.status, 200, JSON.stringify(offering.body));
    const plain = await h.call('POST', '/v1/providers', { displayName: 'Workloads', issuer: 'https://ci.example.net', adminSignIn: true });
    assert.equal(plain.status, 200, JSON.stringify(plain.body));
    // The issuer's origin (its discovery document is there), not its path; not a provider without console sign-in.
    assert.match(await policy(), /connect-src 'self' https:\/\/login\.example\.com;/);
    assert.equal((await h.call('PATCH', `/v1/${offering.body.name}?updateMask=consoleSignIn`, { consoleSignIn: null })).status, 200);
    assert.match(await policy(), /connect-src 'self';/);
    for (const p of [offering, plain]) assert.equal((await h.call('DELETE', `/v1/${p.body.name}`)).status, 200);
  });

  it("also allows a provider's token endpoint when its discovery document puts it on another origin", async () => {
    // An issuer whose token endpoint is elsewhere, as some hosted providers publish it.
    const discovery = createServer();
    await new Promise<void>((resolve) => discovery.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(discovery.address() as AddressInfo).port}`;
    const tokenOrigin = 'http://tokens.login.test:8443';
    discovery.on('request', (_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks`, authorization_endpoint: `${issuer}/auth`, token_endpoint: `${tokenOrigin}/oauth/token` }));
    });
    try {
      const provider = await h.call('POST', '/v1/providers', { displayName: 'Hosted login', issuer, adminSignIn: true, consoleSignIn: { clientId: 'keyward-console' } });
      assert.equal(provider.status, 200, JSON.stringify(provider.body));
      const res = await h.inject({ method: 'GET', url: '/console/' });
      assert.match(String(res.headers['content-security-policy']), new RegExp(`connect-src 'self' ${issuer.replace(/\./g, '\\.')} ${tokenOrigin.replace(/\./g, '\\.')};`));
      assert.equal((await h.call('DELETE', `/v1/${provider.body.name}`)).status, 200);
    } finally {
      discovery.closeAllConnections();
      await new Promise<void>((resolve) => discovery.close(() => resolve()));
    }
  });

  it('says how to build the console when it is not built, without a 500', async () => {
    const res = await (await app('admin', empty)).inject({ method: 'GET', url: '/console/clients' });
    assert.equal(res.statusCode, 503);
    assert.match(res.body, /npm run build/);
    assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
  });
});
