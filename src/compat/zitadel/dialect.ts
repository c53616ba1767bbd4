import type { Dialect } from '../../http/dialect.js';
import { writeZitadelError } from './errors.js';
import { zitadelOAuthRoutes } from './oauth.js';
import { zitadelRoutes } from './routes.js';

/** Zitadel: the Management API v1 with grpc-gateway errors, and the token endpoint's aliases. */
export const zitadelDialect: Dialect = {
  name: 'zitadel',
  writeError: writeZitadelError,
  ownedPrefixes: ['/management/v1/'],
  orgHeader: 'x-zitadel-orgid',
  publicRoutes: (deps) => zitadelOAuthRoutes(deps.oauthIgnoringScopes),
  adminRoutes: () => zitadelRoutes,
};
