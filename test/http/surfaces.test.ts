import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildHttp } from '../../src/compose.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { listRoutes, PUBLIC_PREFIXES } from '../security/routes.js';

/**
 * The two surfaces a split listener serves (KEYWARD_ADMIN_PORT), read from Fastify's route
 * trees: together they are exactly the one-listener app, the public one holds nothing that needs
 * an admin, and the admin one holds every admin route. The route tree does not depend on the
 * store, so SQLite suffices; test/e2e/admin-port.test.ts drives both through real processes.
 */
const key = (route: { method: string; path: string }) => `${route.method} ${route.path}`;
const keysOf = (app: FastifyInstance) => new Set(listRoutes(app).map(key));
const ADMIN_ONLY_PREFIXES = ['/docs', '/openapi.json', '/v1/signInProviders', '/console'];

describe('surfaces: public and admin routes', () => {
  let h: Harness;
  let all: Set<string>;
  let publicSurface: Set<string>;
  let adminSurface: Set<string>;
  const apps: FastifyInstance[] = [];

  before(async () => {
    h = await startHarness(undefined);
    all = keysOf(h.app);
    for (const surface of ['public', 'admin'] as const) apps.push(await buildHttp(h.runtime, {}, surface));
    [publicSurface, adminSurface] = apps.map(keysOf);
  });
  after(async () => {
    for (const app of apps) await app.close();
    await h?.close();
  });

  it('public and admin together are the one-listener app, route for route', () => {
    assert.deepEqual(new Set([...publicSurface, ...adminSurface]), all);
  });

  it('the public surface holds only routes without admin authentication, and no /docs or console', () => {
    const outside = [...publicSurface].filter((route) => {
      const path = route.split(' ')[1]!;
      return !PUBLIC_PREFIXES.some((prefix) => path.startsWith(prefix)) || ADMIN_ONLY_PREFIXES.some((prefix) => path.startsWith(prefix));
    });
    assert.deepEqual(outside, []);
    assert.ok(publicSurface.has('POST /oauth/token'));
    assert.ok(publicSurface.has('GET /metrics'));
  });

  it('the admin surface holds every admin route, the token endpoint and the probes, not /metrics', () => {
    const adminRoutes = [...all].filter((route) => !publicSurface.has(route));
    assert.ok(adminRoutes.length > 50, `${adminRoutes.length} admin routes`);
    assert.deepEqual(adminRoutes.filter((route) => !adminSurface.has(route)), []);
    for (const route of ['POST /oauth/token', 'GET /oauth/jwks', 'GET /.well-known/openid-configuration', 'GET /healthz', 'GET /readyz', 'GET /docs/', 'GET /v1/apiClients', 'GET /v1/signInProviders', 'GET /console/', 'GET /console/*']) {
      assert.ok(adminSurface.has(route), route);
    }
    assert.ok(!adminSurface.has('GET /metrics'));
  });
});
