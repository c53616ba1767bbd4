import type { FastifyInstance } from 'fastify';
import { confidenceTokenRoutes } from '../compat/confidence/token.js';
import { zitadelOAuthRoutes } from '../compat/zitadel/oauth.js';
import { discoveryRoutes } from '../oauth/discovery.js';
import { introspectionRoutes } from '../oauth/introspect.js';
import { jwksRoutes } from '../oauth/jwks.js';
import { revocationRoutes } from '../oauth/revoke.js';
import { tokenRoutes } from '../oauth/token.js';
import type { AppDeps } from './app.js';

/**
 * The OAuth endpoints: token (with the dialects' aliases of it), introspection, revocation,
 * discovery and JWKS. The public surface serves them, and the admin surface too, so that an
 * admin signs in on the listener it works on.
 */
export async function oauthRoutes(app: FastifyInstance, deps: AppDeps) {
  await tokenRoutes(app, deps.oauth);
  await introspectionRoutes(app, deps.oauth);
  await revocationRoutes(app, deps.oauth);
  await discoveryRoutes(app, deps.oauth);
  await jwksRoutes(app, deps.oauth);
  await app.register(zitadelOAuthRoutes(deps.oauthIgnoringScopes));
  await app.register(confidenceTokenRoutes(deps.oauth));
}

/** Liveness and readiness probes, on every surface; Prometheus metrics where `metrics` is set. */
export function operationRoutes(app: FastifyInstance, deps: AppDeps, { metrics }: { metrics: boolean }) {
  const ops = { schema: { tags: ['Operations'], security: [] } };
  app.get('/healthz', { ...ops, schema: { ...ops.schema, operationId: 'healthz', summary: 'The process is alive' } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { ...ops, schema: { ...ops.schema, operationId: 'readyz', summary: 'The store answers and the signing keys are loaded' } }, async (_request, reply) => {
    try {
      await deps.ready();
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });
  if (!metrics) return;
  app.get('/metrics', { ...ops, schema: { ...ops.schema, operationId: 'metrics', summary: 'Prometheus metrics' } }, async (_request, reply) =>
    reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics()),
  );
}

/** What the internet may reach: the OAuth endpoints, health, readiness and metrics. */
export async function publicRoutes(app: FastifyInstance, deps: AppDeps) {
  await oauthRoutes(app, deps);
  operationRoutes(app, deps, { metrics: true });
}
