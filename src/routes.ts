import type { FastifyInstance } from 'fastify';
import { accessGrantRoutes } from './api/access-grants.js';
import { auditRoutes } from './api/audit.js';
import { clientRoutes } from './api/clients.js';
import { credentialRoutes } from './api/credentials.js';
import { keyRoutes } from './api/keys.js';
import { organizationRoutes } from './api/organizations.js';
import { providerRoutes, roleBindingRoutes } from './api/providers.js';
import { roleRoutes } from './api/roles.js';
import { secretlessCredentialCreators } from './api/secretless-credentials.js';
import { webhookRoutes } from './api/webhooks.js';
import { workspaceRoutes } from './api/workspaces.js';
import { confidenceTokenRoutes } from './compat/confidence/token.js';
import { docpierAdminRoutes } from './compat/docpier/routes.js';
import { keycardRoutes } from './compat/keycard/routes.js';
import { zitadelOAuthRoutes } from './compat/zitadel/oauth.js';
import { zitadelRoutes } from './compat/zitadel/routes.js';
import { adminScope } from './http/admin-scope.js';
import type { AppDeps, Surface } from './http/app.js';
import { operationRoutes } from './http/operations.js';
import { discoveryRoutes } from './oauth/discovery.js';
import { introspectionRoutes } from './oauth/introspect.js';
import { jwksRoutes } from './oauth/jwks.js';
import { revocationRoutes } from './oauth/revoke.js';
import { tokenRoutes } from './oauth/token.js';

/**
 * Which routes each listener serves, in the way Hydra separates its public and admin ports.
 * 'public' is what the internet may reach: the OAuth endpoints (with the dialects' aliases of
 * the token endpoint), discovery, JWKS, health, readiness and metrics. 'admin' is /v1, the
 * dialects' admin APIs, /docs and /openapi.json, with the OAuth endpoints and the probes beside
 * them so that an admin signs in where it works. 'all' is both, on one listener.
 */
export async function registerRoutes(app: FastifyInstance, deps: AppDeps, surface: Surface) {
  await oauthRoutes(app, deps);
  // Metrics on the public listener only: both listeners share one process's counters.
  operationRoutes(app, deps, { metrics: surface !== 'admin' });
  if (surface !== 'public') await adminRoutes(app, deps);
}

async function oauthRoutes(app: FastifyInstance, deps: AppDeps) {
  await tokenRoutes(app, deps.oauth);
  await introspectionRoutes(app, deps.oauth);
  await revocationRoutes(app, deps.oauth);
  await discoveryRoutes(app, deps.oauth);
  await jwksRoutes(app, deps.oauth);
  await app.register(zitadelOAuthRoutes(deps.oauthIgnoringScopes));
  await app.register(confidenceTokenRoutes(deps.oauth));
}

async function adminRoutes(app: FastifyInstance, deps: AppDeps) {
  const admin = await adminScope(app, deps);
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
