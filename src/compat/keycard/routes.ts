import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../services/index.js';
import { applicationRoutes } from './routes/applications.js';
import { credentialRoutes } from './routes/credentials.js';
import { providerRoutes } from './routes/providers.js';
import { zoneRoutes } from './routes/zones.js';

/**
 * Keycard's zone API (`/zones/...`): zones are workspaces, applications are API clients,
 * providers are trusted issuers, and application credentials are a client's credentials. 200 on
 * create, 204 on delete, cursor pages. A path's zone scopes what it addresses: the services
 * answer not-found for a resource of another zone.
 */
// One tag per resource, named after the innermost collection in the path, so a generated client
// groups zones, applications, providers and credentials apart.
const keycardTag = (url: string) => {
  const collection = url.split('/').filter((part) => part && !part.startsWith(':')).at(-1);
  const names: Record<string, string> = {
    zones: 'Keycard zones',
    applications: 'Keycard applications',
    providers: 'Keycard providers',
    'application-credentials': 'Keycard application credentials',
  };
  return names[collection ?? ''] ?? 'Keycard';
};

export function keycardRoutes(issuer: string): FastifyPluginAsyncTypebox<{ services: Services }> {
  return async (app, { services }) => {
    app.addHook('onRoute', (route) => {
      route.schema = { ...route.schema, tags: [keycardTag(route.url)] };
    });
    const deps = { services, issuer };
    zoneRoutes(app, deps);
    applicationRoutes(app, deps);
    providerRoutes(app, deps);
    credentialRoutes(app, deps);
  };
}
