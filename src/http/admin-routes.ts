import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { accessGrantRoutes } from '../api/access-grants.js';
import { auditRoutes } from '../api/audit.js';
import { clientRoutes } from '../api/clients.js';
import { credentialRoutes } from '../api/credentials.js';
import { keyRoutes } from '../api/keys.js';
import { organizationRoutes } from '../api/organizations.js';
import { providerRoutes, roleBindingRoutes } from '../api/providers.js';
import { roleRoutes } from '../api/roles.js';
import { secretlessCredentialCreators } from '../api/secretless-credentials.js';
import { webhookRoutes } from '../api/webhooks.js';
import { workspaceRoutes } from '../api/workspaces.js';
import { docpierAdminRoutes } from '../compat/docpier/routes.js';
import { keycardRoutes } from '../compat/keycard/routes.js';
import { zitadelRoutes } from '../compat/zitadel/routes.js';
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

/**
 * What only administrators reach: the reference UI (/docs) and the OpenAPI document, the /v1
 * route sets and the dialects' admin APIs. Every route in the admin scopes needs a bearer token.
 * The app must have @fastify/swagger registered before any route, for /openapi.json.
 */
export async function adminRoutes(app: FastifyInstance, deps: AppDeps) {
  if (deps.docs) await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const admin = (plugin: FastifyPluginAsync<{ services: Services }>, orgHeader?: string) =>
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
  await admin(organizationRoutes);
  await admin(workspaceRoutes);
  await admin(accessGrantRoutes);
  await admin(webhookRoutes);
  await admin(clientRoutes);
  await admin(async (scope, { services }) => scope.register(credentialRoutes, { services, creators: secretlessCredentialCreators }));
  await admin(roleRoutes);
  await admin(auditRoutes);
  await admin(keyRoutes);
  await admin(docpierAdminRoutes({ documentTypes: deps.documentTypes }));
  await admin(providerRoutes);
  await admin(roleBindingRoutes);
  await admin(keycardRoutes(deps.issuer));
  await admin(zitadelRoutes, 'x-zitadel-orgid');
}
