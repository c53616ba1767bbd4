import type { FastifyInstance } from 'fastify';
import type { AppDeps } from './app.js';

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
