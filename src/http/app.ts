import AjvCompiler, { type BuildCompilerFromPool, type RouteDefinition } from '@fastify/ajv-compiler';
import formbody from '@fastify/formbody';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync, type FastifyRequest, type onResponseHookHandler, type preValidationHookHandler, type RouteOptions } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { AccessLineWriter, AccessLog } from '../logger.js';
import { accessGrantRoutes } from '../api/access-grants.js';
import { auditRoutes } from '../api/audit.js';
import { clientRoutes } from '../api/clients.js';
import { credentialRoutes, type CredentialCreator } from '../api/credentials.js';
import { keyRoutes } from '../api/keys.js';
import { organizationRoutes } from '../api/organizations.js';
import { roleRoutes } from '../api/roles.js';
import { webhookRoutes } from '../api/webhooks.js';
import { workspaceRoutes } from '../api/workspaces.js';
import type { OAuthDeps } from '../oauth/deps.js';
import { discoveryRoutes } from '../oauth/discovery.js';
import { introspectionRoutes } from '../oauth/introspect.js';
import { jwksRoutes } from '../oauth/jwks.js';
import { revocationRoutes } from '../oauth/revoke.js';
import { tokenRoutes } from '../oauth/token.js';
import type { Services } from '../services/index.js';
import { KeywardError } from '../domain/errors.js';
import type { Context } from '../domain/model.js';
import { resolveContext, type AdminAuthOptions } from './admin-auth.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { checkRequestText, refuseUnexpectedBody, supplyOmittedBody } from './input-text.js';
import { lazyChildLogger } from './lazy-logger.js';
import type { Metrics } from './metrics.js';
import './types.js';

export interface AppDeps {
  issuer: string;
  bodyLimit: number;
  trustProxy: string | undefined;
  docs: boolean;
  /** Where one `info` line per request goes (KEYWARD_ACCESS_LOG); none when it is off. */
  accessLog: AccessLog | undefined;
  logger: Logger;
  services: Services;
  oauth: OAuthDeps;
  adminAuth: AdminAuthOptions;
  metrics: Metrics;
  /** Throws when the instance cannot serve (store unreachable, keys not loaded). */
  ready: () => Promise<void>;
  /** Credential types beyond SECRET, by their API name. */
  credentialCreators?: Record<string, CredentialCreator>;
  /** Dialect adapters and other admin route sets; each runs behind admin authentication. */
  adminPlugins?: { plugin: FastifyPluginAsync<{ services: Services }>; orgHeader?: string }[];
  /** Route sets without admin authentication (dialect token aliases). */
  publicPlugins?: FastifyPluginAsync[];
}

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
 * Query strings, path parameters and headers arrive as text, so their validators coerce
 * (`?pageSize=10` is a number). A JSON body carries its own types: `{"name": [1]}` or
 * `{"client_id": null}` is the caller's mistake, answered with a 400, not quietly stored as
 * "1" or "".
 */
function buildValidator(): BuildCompilerFromPool {
  const pool = AjvCompiler();
  return (externalSchemas, options) => {
    const coercing = pool(externalSchemas, options);
    const exact = pool(externalSchemas, { ...options, customOptions: { ...options?.customOptions, coerceTypes: false } } as typeof options);
    // Fastify hands the compiler a route definition, not the bare schema its type names.
    return (route) => ((route as unknown as RouteDefinition).httpPart === 'body' ? exact : coercing)(route);
  };
}

/**
 * One access-log line per request, written by the route's own writer. The client is the
 * authenticated OAuth client_id, or the admin principal (`apiClients/…`, `users/…`).
 */
function logAccess(write: AccessLineWriter, request: FastifyRequest, status: number, ms: number) {
  write(request.id, request.method, status, Math.round(ms * 100) / 100, request.oauth?.clientId ?? (request.ctx as Context | null | undefined)?.actor.name);
}

/**
 * Builds the HTTP application: external plugins, then the public routes (OAuth, health,
 * metrics, docs), then the admin routes behind bearer authentication, and one error handler.
 * Only main.ts opens a port.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: deps.bodyLimit,
    // Only named proxies may speak for the client address (rate limits key on it).
    trustProxy: deps.trustProxy ?? false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    // Requests are logged once, in onResponse below, without their bodies.
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: lazyChildLogger,
    // removeAdditional off: a body with a field its schema does not name is refused, not quietly trimmed.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
    schemaController: { compilersFactory: { buildValidator: buildValidator() } },
    routerOptions: { maxParamLength: 500 },
    // Malformed URLs and over-long path segments are refused by the router before any route;
    // answer them through the one error handler too, not with Fastify's raw body echoing the URL.
    frameworkErrors: (error, request, reply) => errorHandler(error, request, reply),
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setErrorHandler(errorHandler);
  app.decorateRequest('oauth', null);
  const unmatchedAccess = deps.accessLog?.(null);
  // Requests no route took are counted when their 404 is written: no route-level hook runs for them.
  const unmatched = deps.metrics.requestDurations('unmatched');
  app.setNotFoundHandler((request, reply) => {
    unmatched.observe(request.method, 404, reply.elapsedTime / 1000);
    if (unmatchedAccess) logAccess(unmatchedAccess, request, 404, reply.elapsedTime);
    return notFoundHandler(request, reply);
  });
  // Callback-style hooks: on the token path every microtask counts.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  // Each route gets its own onResponse hook holding its histogram series, so that a request
  // neither rebuilds request.routeOptions nor looks its series up by label.
  app.addHook('onRoute', (route) => {
    const durations = deps.metrics.requestDurations(route.url);
    const access = deps.accessLog?.(route.url);
    const observe: onResponseHookHandler = (request, reply, done) => {
      durations.observe(request.method, reply.statusCode, reply.elapsedTime / 1000);
      if (access) logAccess(access, request, reply.statusCode, reply.elapsedTime);
      else if (reply.statusCode >= 500) request.log.warn({ req: request, statusCode: reply.statusCode }, 'request failed');
      else if (deps.logger.isLevelEnabled('debug')) request.log.debug({ req: request, statusCode: reply.statusCode, ms: reply.elapsedTime }, 'request');
      done();
    };
    route.onResponse = [...[route.onResponse ?? []].flat(), observe];
    // Before the schema and handler of every route that takes text Keyward may keep (/v1 and the
    // dialects): one rule for text, and one answer for a body left out. The OAuth endpoints store
    // nothing and answer in RFC 6749's terms (unsupported_grant_type, invalid_client); a GET
    // without parameters (JWKS, health) has no text to judge, and skipping it keeps those paths lean.
    if (route.config?.errorFormat !== 'oauth' && takesText(route)) {
      route.preValidation = [...[route.preValidation ?? []].flat(), checkInput];
    }
  });

  // An empty application/json body is no body: a DELETE or a bodyless POST sent by a client that
  // always sets the header must not be refused for it. Anything else is parsed as before.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body.length === 0) return done(null, undefined);
    return parseJson(request, body as string, done);
  });
  await app.register(formbody, { bodyLimit: deps.bodyLimit });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Keyward',
        version: '0.1.0',
        description: 'Machine identities: API clients, credentials and OAuth 2.0 client_credentials tokens.',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      servers: [{ url: deps.issuer }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
  });
  if (deps.docs) await app.register(swaggerUi, { routePrefix: '/docs' });

  // Public: OAuth endpoints and operations.
  await tokenRoutes(app, deps.oauth);
  await introspectionRoutes(app, deps.oauth);
  await revocationRoutes(app, deps.oauth);
  await discoveryRoutes(app, deps.oauth);
  await jwksRoutes(app, deps.oauth);
  for (const plugin of deps.publicPlugins ?? []) await app.register(plugin);

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
  app.get('/metrics', { ...ops, schema: { ...ops.schema, operationId: 'metrics', summary: 'Prometheus metrics' } }, async (_request, reply) =>
    reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics()),
  );
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Admin: every route in these scopes needs a bearer token.
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
  await admin(async (scope, { services }) => scope.register(credentialRoutes, { services, creators: deps.credentialCreators }));
  await admin(roleRoutes);
  await admin(auditRoutes);
  await admin(keyRoutes);
  for (const { plugin, orgHeader } of deps.adminPlugins ?? []) await admin(plugin, orgHeader);

  await app.ready();
  return app;
}

const checkInput: preValidationHookHandler = (request, _reply, done) => {
  try {
    checkRequestText(request);
    supplyOmittedBody(request);
    refuseUnexpectedBody(request);
    done();
  } catch (error) {
    done(error as Error);
  }
};

function takesText(route: RouteOptions): boolean {
  const methods = [route.method].flat();
  const readsOnly = methods.every((m) => m === 'GET' || m === 'HEAD');
  return !readsOnly || route.url.includes(':') || route.url.includes('*') || route.schema?.querystring !== undefined;
}
