import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../services/index.js';
import { errors, OrganizationShape, RequestBody, toOrganizationShape } from './shapes.js';

const IdParams = Type.Object({ id: Type.String({ maxLength: 200 }) });
const tags = ['Organizations'];

export const organizationRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.post(
    '/v1/organizations',
    {
      schema: {
        tags,
        operationId: 'createOrganization', summary: 'Create an organization (super-admin)',
        description: 'A tenant, with its default workspace. Act in it with the x-keyward-org header.',
        body: RequestBody([Type.Object({ displayName: Type.String({ maxLength: 200 }) })], OrganizationShape),
        response: { 200: OrganizationShape, ...errors },
      },
    },
    async (request) => toOrganizationShape(await services.organizations.create(request.ctx, request.body)),
  );

  app.get(
    '/v1/organizations',
    { schema: { tags, operationId: 'listOrganizations', summary: 'List organizations (super-admin)', response: { 200: Type.Object({ organizations: Type.Array(OrganizationShape) }), ...errors } } },
    async (request) => ({ organizations: (await services.organizations.list(request.ctx)).map(toOrganizationShape) }),
  );

  app.get(
    '/v1/organizations/:id',
    { schema: { tags, operationId: 'getOrganization', summary: 'Get an organization', params: IdParams, response: { 200: OrganizationShape, ...errors } } },
    async (request) => toOrganizationShape(await services.organizations.get(request.ctx, request.params.id)),
  );

  app.patch(
    '/v1/organizations/:id',
    {
      schema: { tags, operationId: 'updateOrganization', summary: 'Rename an organization (super-admin)', params: IdParams, body: RequestBody([Type.Object({ displayName: Type.String({ maxLength: 200 }) })], OrganizationShape), response: { 200: OrganizationShape, ...errors } },
    },
    async (request) => toOrganizationShape(await services.organizations.update(request.ctx, request.params.id, request.body)),
  );
};
