import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../services/index.js';
import { errors, Labels, PageQuery, parseUpdateMask, RequestBody, RoleShape, toRoleShape } from './shapes.js';

const RoleBody = Type.Object({
  displayName: Type.Optional(Type.String({ maxLength: 200 })),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  permissions: Type.Optional(Type.Array(Type.String(), { maxItems: 200 })),
  labels: Type.Optional(Labels),
});
const IdParams = Type.Object({ id: Type.String({ maxLength: 200 }) });
const tags = ['Roles'];

export const roleRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.post(
    '/v1/roles',
    {
      schema: {
        tags,
        operationId: 'createRole', summary: 'Create a role',
        description: 'A role is a named set of permission strings. `roleId` (AIP-133) chooses the id; lowercase hex, as Confidence mints them.',
        querystring: Type.Object({ roleId: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{2,79}$' })) }),
        body: RequestBody([Type.Object({ displayName: Type.String() }), RoleBody], RoleShape),
        response: { 200: RoleShape, ...errors },
      },
    },
    async (request) => toRoleShape(await services.roles.create(request.ctx, { ...request.body, id: request.query.roleId })),
  );

  app.get(
    '/v1/roles',
    {
      schema: { tags, operationId: 'listRoles', summary: 'List roles', querystring: PageQuery, response: { 200: Type.Object({ roles: Type.Array(RoleShape), nextPageToken: Type.String() }), ...errors } },
    },
    async (request) => {
      const page = await services.roles.list(request.ctx, request.query);
      return { roles: page.items.map(toRoleShape), nextPageToken: page.nextPageToken };
    },
  );

  app.get(
    '/v1/roles/:id',
    { schema: { tags, operationId: 'getRole', summary: 'Get a role', params: IdParams, response: { 200: RoleShape, ...errors } } },
    async (request) => toRoleShape(await services.roles.get(request.ctx, request.params.id)),
  );

  app.patch(
    '/v1/roles/:id',
    {
      schema: {
        tags,
        operationId: 'updateRole', summary: 'Update a role',
        description: 'AIP-134: only the fields in updateMask change; without a mask, every field present in the body. AIP-161: labels.{key} sets that one label from the body, or removes it when the body has none. Clients holding the role get the new permissions in their next token; admin tokens lose removed ones at once.',
        params: IdParams,
        querystring: Type.Object({ updateMask: Type.Optional(Type.String()) }),
        body: RequestBody([RoleBody], RoleShape),
        response: { 200: RoleShape, ...errors },
      },
    },
    async (request) => {
      return toRoleShape(await services.roles.update(request.ctx, request.params.id, request.body, parseUpdateMask(request.query.updateMask)));
    },
  );

  app.delete(
    '/v1/roles/:id',
    { schema: { tags, operationId: 'deleteRole', summary: 'Delete a role', description: 'Refused while API clients hold it.', params: IdParams, response: { 200: Type.Object({}), ...errors } } },
    async (request) => {
      await services.roles.delete(request.ctx, request.params.id);
      return {};
    },
  );
};
