import AjvCompiler, { type BuildCompilerFromPool, type RouteDefinition } from '@fastify/ajv-compiler';
import formbody from '@fastify/formbody';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions, type FastifyRequest, type onResponseHookHandler, type preValidationHookHandler, type RouteOptions } from 'fastify';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { AccessLineWriter, AccessLog } from '../logger.js';
import type { OAuthDeps } from '../oauth/deps.js';
import type { Services } from '../services/index.js';
import type { Context } from '../domain/model.js';
import type { AdminAuthOptions } from './admin-auth.js';
import type { ConsoleOptions } from './console.js';
import { errorHandlers, type ErrorDialect } from './errors.js';
import { hotPath, requestIdOf, type HotPath, type HotRoute } from './hot-path.js';
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
  /** KEYWARD_DOCUMENT_TYPES: the catalogue of Docpier's admin API. */
  documentTypes: string[];
  /** The OAuth pipeline with some scopes ignored, for the token aliases of dialects whose clients send reserved scopes. */
  oauthIgnoringScopes: (ignored: (scope: string) => boolean) => OAuthDeps;
  /** Which routes this app serves (one listener serves 'all'). */
  surface?: Surface;
  /** The admin console at /console: where its build is, and the origins its pages may call besides their own. */
  console?: ConsoleOptions;
}

/**
 * What one listener serves. 'public' is what the internet may reach: the OAuth endpoints, secret
 * scanners' leak reports, health, readiness and metrics. 'admin' is /v1, the dialects' admin APIs, /docs, /openapi.json and the console (/console), with
 * the OAuth endpoints and the probes beside them so that an admin signs in where it works.
 * 'all' is both, on one listener (the default).
 */
export type Surface = 'all' | 'public' | 'admin';

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
 * Builds the HTTP application of one surface: external plugins, the hooks every route gets
 * (metrics, access log, the text rule), one error handler that writes each dialect's errors in
 * its vendor's body, then the routes its caller registers (src/routes.ts chooses them per
 * surface). Only server.ts opens a port.
 */
export async function buildApp(
  deps: AppDeps,
  routes: { register: (app: FastifyInstance) => Promise<void>; dialects: readonly ErrorDialect[]; hot?: readonly HotRoute[] },
): Promise<FastifyInstance> {
  const { errorHandler, notFoundHandler } = errorHandlers(routes.dialects);
  const hot = routes.hot?.length ? hotPath(routes.hot, deps, randomUUID) : undefined;
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: deps.bodyLimit,
    // Only named proxies may speak for the client address (rate limits key on it).
    trustProxy: deps.trustProxy ?? false,
    genReqId: (req) => requestIdOf(req.headers['x-request-id'], randomUUID),
    ...(hot && { serverFactory: serverWith(hot) }),
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
  // Closing, Fastify answers new requests with 503 and `connection: close`: the hot path lets it.
  if (hot) app.addHook('preClose', (done) => {
    hot.close();
    done();
  });
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
  const surface = deps.surface ?? 'all';
  // The OpenAPI document describes the admin API and is served beside it.
  if (surface !== 'public') {
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
  }
  await routes.register(app);

  await app.ready();
  return app;
}

/**
 * The server Fastify would build (its timeouts included), with the hot path in front of
 * Fastify's own handler. `app.server` is this server, so tests reach the hot path through its
 * request listener as a client reaches it through the port.
 */
function serverWith(hot: HotPath) {
  return (fastify: (req: IncomingMessage, res: ServerResponse) => void, options: FastifyServerOptions) => {
    const server = createServer((req, res) => {
      if (!hot.take(req, res)) fastify(req, res);
    });
    server.keepAliveTimeout = options.keepAliveTimeout!;
    server.requestTimeout = options.requestTimeout!;
    server.setTimeout(options.connectionTimeout!);
    if (options.maxRequestsPerSocket) server.maxRequestsPerSocket = options.maxRequestsPerSocket;
    return server;
  };
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
