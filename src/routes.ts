import type { FastifyInstance } from 'fastify';
import { accessGrantRoutes } from './api/access-grants.js';
import { auditRoutes } from './api/audit.js';
import { clientRoutes } from './api/clients.js';
import { usageRoutes } from './api/usage.js';
import { credentialRoutes } from './api/credentials.js';
import { keyRoutes } from './api/keys.js';
import { leakedCredentialRoutes, secretScanningRoutes } from './api/leaked-credentials.js';
import { organizationRoutes } from './api/organizations.js';
import { providerRoutes, roleBindingRoutes, signInProviderRoutes } from './api/providers.js';
import { registrationTokenRoutes } from './api/registration-tokens.js';
import { roleRoutes } from './api/roles.js';
import { secretlessCredentialCreators } from './api/secretless-credentials.js';
import { webhookRoutes } from './api/webhooks.js';
import { workspaceRoutes } from './api/workspaces.js';
import { confidenceDialect } from './compat/confidence/dialect.js';
import { docpierDialect } from './compat/docpier/dialect.js';
import { keycardDialect } from './compat/keycard/dialect.js';
import { zitadelDialect } from './compat/zitadel/dialect.js';
import { adminScope, type AdminRegistrar } from './http/admin-scope.js';
import type { AppDeps, Surface } from './http/app.js';
import type { HotRoute } from './http/hot-path.js';
import { consoleRoutes } from './http/console.js';
import { dialectPlugin, type Dialect } from './http/dialect.js';
import { operationRoutes } from './http/operations.js';
import type { OAuthDeps } from './oauth/deps.js';
import { discoveryRoutes } from './oauth/discovery.js';
import { INTROSPECTION_PATH, introspectionAnswer, introspectionRoutes } from './oauth/introspect.js';
import { JWKS_PATH, jwksAnswer, jwksRoutes } from './oauth/jwks.js';
import { registrationRoutes } from './oauth/register.js';
import { revocationRoutes } from './oauth/revoke.js';
import { TOKEN_PATH, tokenAnswer, tokenRoutes } from './oauth/token.js';

/**
 * Which routes each listener serves, in the way Hydra separates its public and admin ports.
 * 'public' is what the internet may reach: the OAuth endpoints (with the dialects' aliases of
 * the token endpoint), discovery, JWKS, secret scanners' leak reports, health, readiness and metrics. 'admin' is /v1, the
 * dialects' admin APIs, /docs and /openapi.json, with the OAuth endpoints and the probes beside
 * them so that an admin signs in where it works. 'all' is both, on one listener.
 */
/** The vendor dialects, each one object: its routes and its error body (src/compat). */
export const DIALECTS: readonly Dialect[] = [docpierDialect, keycardDialect, zitadelDialect, confidenceDialect];

export async function registerRoutes(app: FastifyInstance, deps: AppDeps, surface: Surface) {
  await oauthRoutes(app, deps);
  // Metrics on the public listener only: both listeners share one process's counters.
  operationRoutes(app, deps, { metrics: surface !== 'admin' });
  if (surface !== 'public') {
    await adminRoutes(app, deps);
    // The admin console is a page of the admin surface: it calls /v1 from the same origin.
    await consoleRoutes(app, deps.console);
  }
}

/**
 * The endpoints every surface serves most, answered on the hot path ahead of Fastify
 * (src/http/hot-path.ts); their Fastify routes stay for what the hot path passes on.
 */
export function hotRoutes(oauth: OAuthDeps): HotRoute[] {
  return [
    { method: 'POST', path: TOKEN_PATH, answer: (req) => tokenAnswer(oauth, req) },
    { method: 'POST', path: INTROSPECTION_PATH, answer: (req) => introspectionAnswer(oauth, req) },
    { method: 'GET', path: JWKS_PATH, answer: () => jwksAnswer(oauth) },
  ];
}

async function oauthRoutes(app: FastifyInstance, deps: AppDeps) {
  await tokenRoutes(app, deps.oauth);
  await introspectionRoutes(app, deps.oauth);
  await revocationRoutes(app, deps.oauth);
  await discoveryRoutes(app, deps.oauth);
  await jwksRoutes(app, deps.oauth);
  await registrationRoutes(app, { services: deps.services, issuer: deps.oauth.config.issuer, limiter: deps.oauth.registrationLimiter });
  // A secret scanner reports leaks from the internet, as clients ask for tokens.
  await app.register(secretScanningRoutes, { services: deps.services });
  await publicDialectRoutes(app, deps, zitadelDialect);
  await publicDialectRoutes(app, deps, confidenceDialect);
}

async function publicDialectRoutes(app: FastifyInstance, deps: AppDeps, dialect: Dialect) {
  if (dialect.publicRoutes) await app.register(dialectPlugin(dialect, dialect.publicRoutes(deps)));
}

async function adminDialectRoutes(admin: AdminRegistrar, deps: AppDeps, dialect: Dialect) {
  if (dialect.adminRoutes) await admin(dialectPlugin(dialect, dialect.adminRoutes(deps)), dialect.orgHeader);
}

async function adminRoutes(app: FastifyInstance, deps: AppDeps) {
  const admin = await adminScope(app, deps);
  // Outside the admin scope: the console reads it before anyone has a token.
  await app.register(signInProviderRoutes, { services: deps.services });
  await admin(organizationRoutes);
  await admin(workspaceRoutes);
  await admin(accessGrantRoutes);
  await admin(webhookRoutes);
  await admin(clientRoutes);
  await admin(registrationTokenRoutes);
  await admin(usageRoutes);
  await admin(async (scope, { services }) => scope.register(credentialRoutes, { services, creators: secretlessCredentialCreators }));
  await admin(leakedCredentialRoutes);
  await admin(roleRoutes);
  await admin(auditRoutes);
  await admin(keyRoutes);
  await adminDialectRoutes(admin, deps, docpierDialect);
  await admin(providerRoutes);
  await admin(roleBindingRoutes);
  await adminDialectRoutes(admin, deps, keycardDialect);
  await adminDialectRoutes(admin, deps, zitadelDialect);
}
