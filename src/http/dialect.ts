import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services/index.js';
import type { AppDeps } from './app.js';
import type { ErrorDialect } from './errors.js';

/**
 * A vendor dialect (src/compat/*), registered as one object by src/routes.ts: its name, which is
 * the `errorFormat` of its routes; the error body its vendor's clients parse (`writeError`); the
 * paths it owns; and its routes on each surface.
 */
export interface Dialect extends ErrorDialect {
  /** Routes the public listener serves too: aliases of the token endpoint. */
  readonly publicRoutes?: (deps: AppDeps) => FastifyPluginAsync;
  /** Admin routes, registered behind the admin bearer token. */
  readonly adminRoutes?: (deps: AppDeps) => FastifyPluginAsync<{ services: Services }>;
  /** The header that chooses the organization on its admin routes (Zitadel's `x-zitadel-orgid`). */
  readonly orgHeader?: string;
}

/**
 * A dialect's routes, each writing its errors in the dialect's format unless the route names
 * another (its token aliases answer in RFC 6749's).
 */
export function dialectPlugin<Options extends object>(dialect: Dialect, plugin: FastifyPluginAsync<Options>): FastifyPluginAsync<Options> {
  return async (scope, options) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...(route.config as object), errorFormat: route.config?.errorFormat ?? dialect.name };
    });
    await plugin(scope, options);
  };
}
