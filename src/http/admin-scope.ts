import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { KeywardError } from '../domain/errors.js';
import type { Services } from '../services/index.js';
import { resolveContext } from './admin-auth.js';
import type { AppDeps } from './app.js';

/**
 * Admin APIs speak JSON only. Fastify would also parse text/plain and (with formbody, for the
 * OAuth endpoints) form bodies on these routes; refuse them up front with 415 instead of
 * letting another media type reach a handler.
 */
function requireJsonBody(request: FastifyRequest) {
  const hasBody = request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
  const type = request.headers['content-type'];
  if (!hasBody || (type !== undefined && /^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type))) return;
  throw new KeywardError('unsupported_media_type', `Content-Type ${String(type ?? '(none)').slice(0, 100)} is not supported; send application/json.`);
}

/**
 * Google's HTTP transcoding takes a query parameter by its proto name as well as its JSON name
 * (`page_size` for `pageSize`), and Confidence's clients may send either; /v1 does the same.
 * The JSON name wins when both are given.
 */
function acceptProtoNames(query: Record<string, unknown>) {
  for (const name of Object.keys(query)) {
    if (!/^[a-z]+(_[a-z]+)+$/.test(name)) continue;
    const jsonName = name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
    if (!(jsonName in query)) query[jsonName] = query[name];
    delete query[name];
  }
}

/** How an admin route set is registered: behind a bearer token, JSON only. */
export type AdminRegistrar = (plugin: FastifyPluginAsync<{ services: Services }>, orgHeader?: string) => PromiseLike<unknown>;

/**
 * What only administrators reach: the reference UI (/docs) and the OpenAPI document, then the
 * route sets given to the registrar this returns. Every route registered through it needs a
 * bearer token (the organization from `orgHeader` when a dialect names one). The app must have
 * @fastify/swagger registered before any route, for /openapi.json.
 */
export async function adminScope(app: FastifyInstance, deps: AppDeps): Promise<AdminRegistrar> {
  if (deps.docs) await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return (plugin, orgHeader) =>
    app.register(async (scope) => {
      scope.decorateRequest('ctx', null as never);
      scope.addHook('onRequest', async (request) => {
        request.ctx = await resolveContext(request, deps.adminAuth, orgHeader);
        requireJsonBody(request);
      });
      scope.addHook('preValidation', async (request) => {
        if (request.url.startsWith('/v1/')) acceptProtoNames(request.query as Record<string, unknown>);
      });
      await scope.register(plugin, { services: deps.services });
    });
}
