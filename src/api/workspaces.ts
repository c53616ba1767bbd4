import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../services/index.js';
import { errors, PageQuery, parseUpdateMask, RequestBody, toWorkspaceShape, WorkspaceShape } from './shapes.js';

const IdParams = Type.Object({ id: Type.String({ maxLength: 200 }) });
const tags = ['Workspaces'];
const Settings = Type.Object({ name: Type.String(), settings: Type.Record(Type.String(), Type.String()) });

export const workspaceRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.post(
    '/v1/workspaces',
    {
      schema: {
        tags,
        operationId: 'createWorkspace', summary: 'Create a workspace',
        body: RequestBody([Type.Object({ displayName: Type.String({ maxLength: 200 }), extRef: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 200 })])) })], WorkspaceShape),
        response: { 200: WorkspaceShape, ...errors },
      },
    },
    async (request) => toWorkspaceShape(await services.workspaces.create(request.ctx, request.body)),
  );

  app.get(
    '/v1/workspaces',
    {
      schema: { tags, operationId: 'listWorkspaces', summary: 'List workspaces', querystring: PageQuery, response: { 200: Type.Object({ workspaces: Type.Array(WorkspaceShape), nextPageToken: Type.String() }), ...errors } },
    },
    async (request) => {
      const page = await services.workspaces.list(request.ctx, request.query);
      return { workspaces: page.items.map(toWorkspaceShape), nextPageToken: page.nextPageToken };
    },
  );

  app.get(
    '/v1/workspaces/:id',
    { schema: { tags, operationId: 'getWorkspace', summary: 'Get a workspace', params: IdParams, response: { 200: WorkspaceShape, ...errors } } },
    async (request) => toWorkspaceShape(await services.workspaces.get(request.ctx, request.params.id)),
  );

  app.patch(
    '/v1/workspaces/:id',
    {
      schema: {
        tags,
        operationId: 'updateWorkspace', summary: 'Update a workspace',
        description: 'AIP-134: only the fields in updateMask change; without a mask, every field present in the body.',
        params: IdParams,
        querystring: Type.Object({ updateMask: Type.Optional(Type.String()) }),
        body: RequestBody([Type.Object({ displayName: Type.Optional(Type.String({ maxLength: 200 })), extRef: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 200 })])) })], WorkspaceShape),
        response: { 200: WorkspaceShape, ...errors },
      },
    },
    async (request) => toWorkspaceShape(await services.workspaces.update(request.ctx, request.params.id, request.body, {}, parseUpdateMask(request.query.updateMask))),
  );

  app.get(
    '/v1/workspaces/:id/settings',
    { schema: { tags, operationId: 'getWorkspaceSettings', summary: 'Get workspace settings', params: IdParams, response: { 200: Settings, ...errors } } },
    async (request) => {
      const ws = await services.workspaces.get(request.ctx, request.params.id);
      return { name: `workspaces/${ws.id}/settings`, settings: ws.settings };
    },
  );

  app.patch(
    '/v1/workspaces/:id/settings',
    {
      schema: {
        tags,
        operationId: 'updateWorkspaceSettings', summary: 'Merge workspace settings',
        description: 'RFC 7396 merge on a flat string map: `{"merge": {"key": "value", "gone": null}}`; a null value deletes the key. Returns the whole result.',
        params: IdParams,
        body: RequestBody([Type.Object({ merge: Type.Record(Type.String(), Type.Union([Type.Null(), Type.String()])) })]),
        response: { 200: Settings, ...errors },
      },
    },
    async (request) => {
      const ws = await services.workspaces.mergeSettings(request.ctx, request.params.id, request.body.merge);
      return { name: `workspaces/${ws.id}/settings`, settings: ws.settings };
    },
  );
};
