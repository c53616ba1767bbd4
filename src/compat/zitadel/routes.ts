import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../services/index.js';
import { appRoutes } from './routes/apps.js';
import { projectRoutes } from './routes/projects.js';
import { machineUserRoutes } from './routes/users.js';

/**
 * Zitadel's Management API v1 (`/management/v1`), as far as machine identities go: projects
 * (workspaces), API apps (clients), their secrets and JSON keys, and machine users (clients in
 * the organization's default workspace). `x-zitadel-orgid` chooses the organization. A path's
 * project scopes what it addresses: the services answer not-found for another project's apps.
 */
// One tag per resource (project, app, machine user), so a generated client groups them apart.
const zitadelTag = (url: string) =>
  url.includes('/apps') ? 'Zitadel apps' : url.includes('/users') ? 'Zitadel users' : url.includes('/projects') ? 'Zitadel projects' : 'Zitadel';

export const zitadelRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, tags: [zitadelTag(route.url)] };
  });
  // grpc-gateway reads a missing body as an empty message; so do we (`_deactivate`, `_search`, …).
  app.addHook('preValidation', async (request) => {
    if ((request.method === 'POST' || request.method === 'PUT') && (request.body === undefined || request.body === null)) request.body = {};
  });
  projectRoutes(app, services);
  appRoutes(app, services);
  machineUserRoutes(app, services);
};
