import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../services/index.js';
import { CredentialPolicyShape, CredentialShape, errors, PageQuery, parseCredentialPolicy, parseUpdateMask, RequestBody, toCredentialShape, toWorkspaceShape, WorkspaceShape } from './shapes.js';

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
        body: RequestBody([Type.Object({
          displayName: Type.String({ maxLength: 200 }),
          extRef: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 200 })])),
          credentialPolicy: Type.Optional(Type.Union([Type.Null(), CredentialPolicyShape])),
        })], WorkspaceShape),
        response: { 200: WorkspaceShape, ...errors },
      },
    },
    async (request) =>
      toWorkspaceShape(await services.workspaces.create(request.ctx, { ...request.body, credentialPolicy: parseCredentialPolicy(request.body.credentialPolicy) })),
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
        description:
          'AIP-134: only the fields in updateMask change; without a mask, every field present in the body. ' +
          'credentialPolicy is replaced whole (null removes it); it governs new credentials only.',
        params: IdParams,
        querystring: Type.Object({ updateMask: Type.Optional(Type.String()) }),
        body: RequestBody([Type.Object({
          displayName: Type.Optional(Type.String({ maxLength: 200 })),
          extRef: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 200 })])),
          credentialPolicy: Type.Optional(Type.Union([Type.Null(), CredentialPolicyShape])),
        })], WorkspaceShape),
        response: { 200: WorkspaceShape, ...errors },
      },
    },
    async (request) =>
      toWorkspaceShape(
        await services.workspaces.update(
          request.ctx,
          request.params.id,
          { ...request.body, credentialPolicy: parseCredentialPolicy(request.body.credentialPolicy) },
          {},
          parseUpdateMask(request.query.updateMask),
        ),
      ),
  );

  app.get(
    '/v1/workspaces/:id/credentials',
    {
      schema: {
        tags,
        operationId: 'listWorkspaceCredentials', summary: "List the credentials of a workspace's clients",
        description:
          'AIP-160 filter: lastUseTime < "2026-11-01T00:00:00Z" (not used since: last used before it, or never used and created before it), ' +
          'type = "SECRET", policyViolated = true (breaks the workspace\'s credentialPolicy). Each credential that breaks the policy carries policyViolations. ' +
          'The filter runs over each page, so a page may hold fewer items than pageSize: follow nextPageToken until it is empty.',
        params: IdParams,
        querystring: Type.Intersect([PageQuery, Type.Object({ filter: Type.Optional(Type.String()) })]),
        response: { 200: Type.Object({ credentials: Type.Array(CredentialShape), nextPageToken: Type.String() }), ...errors },
      },
    },
    async (request) => {
      const { page, policy } = await services.credentials.reviewCredentialsInWorkspace(request.ctx, request.params.id, request.query);
      return { credentials: page.items.map((c) => toCredentialShape(c, undefined, policy)), nextPageToken: page.nextPageToken };
    },
  );

  app.delete(
    '/v1/workspaces/:id',
    {
      schema: {
        tags,
        operationId: 'deleteWorkspace', summary: 'Delete a workspace',
        description:
          "Only an empty one: refused (failed_precondition) for the organization's default workspace and while API clients or providers live in it, " +
          'so deleting a workspace never deletes machine identities or trust as a side effect. Its settings, access grants and webhooks go with it.',
        params: IdParams,
        response: { 200: Type.Object({}), ...errors },
      },
    },
    async (request) => {
      await services.workspaces.delete(request.ctx, request.params.id);
      return {};
    },
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
