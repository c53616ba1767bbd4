import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { MAX_PAGE_SIZE } from '../../domain/paging.js';
import type { Services } from '../../services/index.js';
import {
  AccessGrantBody,
  AccessRow,
  AgentClientCreate,
  AgentClientCreated,
  AgentClientListed,
  Detail,
  DocpierWebhook,
  DocpierWorkspace,
  Settings,
  SettingsMerge,
  SubjectType,
  WebhookCreate,
  WebhookPatch,
  WorkspaceCreate,
  WorkspacePatch,
  toAccessRow,
  toAgentClientListed,
  toDocpierWebhook,
  toDocpierWorkspace,
  toSettings,
  toWebhookInput,
} from './shapes.js';

/**
 * Docpier's fifteen admin-workspaces endpoints (seed 000, seed-apis §1.3) at their own paths,
 * with Docpier's shapes, 201 on create, 204 on delete and FastAPI-style errors.
 */
export interface DocpierOptions {
  /** The catalogue GET /admin/meta/document-types serves (KEYWARD_DOCUMENT_TYPES). */
  documentTypes: readonly string[];
}

// One tag per resource, so a generated client groups workspaces, access, agent clients and webhooks apart.
const workspaceTags = ['Docpier workspaces'];
const accessTags = ['Docpier workspace access'];
const agentClientTags = ['Docpier agent clients'];
const webhookTags = ['Docpier webhooks'];
const metaTags = ['Docpier meta'];
const errors = { 401: Detail, 403: Detail, 404: Detail, 409: Detail, 422: Detail, 502: Detail };
const WorkspaceParams = Type.Object({ workspaceId: Type.String({ maxLength: 200 }) });
const WebhookParams = Type.Object({ workspaceId: Type.String({ maxLength: 200 }), webhook_id: Type.String({ maxLength: 200 }) });
const SubjectParams = Type.Object({ workspaceId: Type.String({ maxLength: 200 }), subject_type: Type.String(), subject_id: Type.String({ maxLength: 255 }) });
const NoContent = { 204: Type.Null({ description: 'No content' }) };

/** The seed sends the agent-client body optionally; a request without one means "generate an id". */
const emptyBodyIsEmptyObject = async (request: FastifyRequest) => {
  request.body ??= {};
};

export function docpierAdminRoutes(options: DocpierOptions): FastifyPluginAsyncTypebox<{ services: Services }> {
  return async (app, { services }) => {
    app.get(
      '/admin/workspaces',
      { schema: { tags: workspaceTags, operationId: 'docpierListWorkspaces', summary: 'Admin List Workspaces', response: { 200: Type.Array(DocpierWorkspace), ...errors } } },
      async (request) => (await services.accessGrants.listWorkspaces(request.ctx)).map(({ workspace, grants }) => toDocpierWorkspace(workspace, grants)),
    );

    app.post(
      '/admin/workspaces',
      { schema: { tags: workspaceTags, operationId: 'docpierCreateWorkspace', summary: 'Admin Create Workspace', body: WorkspaceCreate, response: { 201: DocpierWorkspace, ...errors } } },
      async (request, reply) => {
        const workspace = await services.workspaces.create(request.ctx, { displayName: request.body.name, extRef: request.body.ext_ref });
        return reply.code(201).send(toDocpierWorkspace(workspace, []));
      },
    );

    app.get(
      '/admin/workspaces/:workspaceId',
      { schema: { tags: workspaceTags, operationId: 'docpierGetWorkspace', summary: 'Admin Get Workspace', params: WorkspaceParams, response: { 200: DocpierWorkspace, ...errors } } },
      async (request) => {
        const { workspace, grants } = await services.accessGrants.getWorkspace(request.ctx, request.params.workspaceId);
        return toDocpierWorkspace(workspace, grants);
      },
    );

    app.patch(
      '/admin/workspaces/:workspaceId',
      { schema: { tags: workspaceTags, operationId: 'docpierUpdateWorkspace', summary: 'Admin Patch Workspace', params: WorkspaceParams, body: WorkspacePatch, response: { 200: DocpierWorkspace, ...errors } } },
      async (request) => {
        const workspace = await services.workspaces.update(request.ctx, request.params.workspaceId, { displayName: request.body.name, extRef: request.body.ext_ref });
        const { grants } = await services.accessGrants.getWorkspace(request.ctx, workspace.id);
        return toDocpierWorkspace(workspace, grants);
      },
    );

    app.post(
      '/admin/workspaces/:workspaceId/access',
      {
        schema: {
          tags: accessTags,
          operationId: 'docpierGrantWorkspaceAccess', summary: 'Admin Grant Workspace Access',
          description: 'Idempotent: granting a subject that already has access answers 201 with the same row.',
          params: WorkspaceParams,
          body: AccessGrantBody,
          response: { 201: AccessRow, ...errors },
        },
      },
      async (request, reply) => {
        const grant = await services.accessGrants.grant(request.ctx, request.params.workspaceId, {
          subjectType: request.body.subject_type,
          subjectId: request.body.subject_id,
        });
        return reply.code(201).send(toAccessRow(grant));
      },
    );

    const revoke = async (ctx: Parameters<Services['accessGrants']['revoke']>[0], workspaceId: string, subjectType: string, subjectId: string) =>
      services.accessGrants.revoke(ctx, workspaceId, { subjectType, subjectId });

    app.delete(
      '/admin/workspaces/:workspaceId/access',
      {
        schema: {
          tags: accessTags,
          operationId: 'docpierRevokeWorkspaceAccess', summary: 'Admin Revoke Workspace Access',
          params: WorkspaceParams,
          querystring: Type.Object({ subject_type: SubjectType, subject_id: Type.String({ minLength: 1, maxLength: 255 }) }),
          response: { ...NoContent, ...errors },
        },
      },
      async (request, reply) => {
        await revoke(request.ctx, request.params.workspaceId, request.query.subject_type, request.query.subject_id);
        return reply.code(204).send(null);
      },
    );

    app.delete(
      '/admin/workspaces/:workspaceId/access/:subject_type/:subject_id',
      { schema: { tags: accessTags, operationId: 'docpierRevokeWorkspaceAccessBySubject', summary: 'Admin Revoke Workspace Access (path form)', params: SubjectParams, response: { ...NoContent, ...errors } } },
      async (request, reply) => {
        await revoke(request.ctx, request.params.workspaceId, request.params.subject_type, request.params.subject_id);
        return reply.code(204).send(null);
      },
    );

    for (const [path, operationId] of [
      ['/admin/workspaces/:workspaceId/keycloak/agent-client', 'docpierListAgentClientCredentials'],
      ['/admin/workspaces/:workspaceId/keycloak/agent-clients', 'docpierListAgentClients'],
    ]) {
      app.get(
        path,
        {
            schema: {
            tags: agentClientTags,
            operationId,
            summary: 'Admin List Keycloak Agent Client Credentials',
            description: "One entry per CLIENT access row. Secrets are shown once, at creation; here `client_secret` holds only the secret's hint.",
            params: WorkspaceParams,
            response: { 200: Type.Array(AgentClientListed), ...errors },
          },
        },
        async (request) => (await services.agentClients.list(request.ctx, request.params.workspaceId)).map(toAgentClientListed),
      );
    }

    app.post(
      '/admin/workspaces/:workspaceId/keycloak/agent-client',
      {
        schema: {
          tags: agentClientTags,
          operationId: 'docpierCreateAgentClient', summary: 'Admin Create Keycloak Agent Client',
          description:
            'Creates a confidential client-credentials client and the matching CLIENT access row. With KEYCLOAK_* configured the ' +
            'client is created in Keycloak through its Admin REST API; otherwise it is a Keyward API client.',
          params: WorkspaceParams,
          body: AgentClientCreate,
          response: { 201: AgentClientCreated, ...errors },
        },
        preValidation: emptyBodyIsEmptyObject,
      },
      async (request, reply) => {
        const created = await services.agentClients.create(request.ctx, request.params.workspaceId, { clientId: request.body.client_id ?? undefined });
        return reply.code(201).send({ client_id: created.clientId, client_secret: created.clientSecret });
      },
    );

    app.get(
      '/admin/workspaces/:workspaceId/settings',
      { schema: { tags: workspaceTags, operationId: 'docpierGetWorkspaceSettings', summary: 'Admin Get Workspace Settings', params: WorkspaceParams, response: { 200: Settings, ...errors } } },
      async (request) => toSettings(await services.workspaces.get(request.ctx, request.params.workspaceId)),
    );

    app.patch(
      '/admin/workspaces/:workspaceId/settings',
      {
        schema: {
          tags: workspaceTags,
          operationId: 'docpierUpdateWorkspaceSettings', summary: 'Admin Merge Workspace Settings',
          description: 'Shallow merge: each key of `merge` is set, a null value deletes the key. Returns the whole result.',
          params: WorkspaceParams,
          body: SettingsMerge,
          response: { 200: Settings, ...errors },
        },
      },
      async (request) => toSettings(await services.workspaces.mergeSettings(request.ctx, request.params.workspaceId, request.body.merge)),
    );

    app.get(
      '/admin/workspaces/:workspaceId/webhooks',
      { schema: { tags: webhookTags, operationId: 'docpierListWebhooks', summary: 'Admin List Webhooks', params: WorkspaceParams, response: { 200: Type.Array(DocpierWebhook), ...errors } } },
      async (request) => (await services.webhooks.list(request.ctx, { workspaceId: request.params.workspaceId, pageSize: MAX_PAGE_SIZE })).items.map((w) => toDocpierWebhook(w)),
    );

    app.post(
      '/admin/workspaces/:workspaceId/webhooks',
      {
        schema: {
          tags: webhookTags,
          operationId: 'docpierCreateWebhook', summary: 'Admin Create Webhook',
          description: 'The Standard Webhooks signing secret is returned once in `signing_secret`, unless given in `secrets.signing_secret`.',
          params: WorkspaceParams,
          body: WebhookCreate,
          response: { 201: DocpierWebhook, ...errors },
        },
      },
      async (request, reply) => {
        const created = await services.webhooks.create(request.ctx, { ...toWebhookInput(request.body), workspaceId: request.params.workspaceId });
        return reply.code(201).send(toDocpierWebhook(created.webhook, created.signingSecret));
      },
    );

    app.patch(
      '/admin/workspaces/:workspaceId/webhooks/:webhook_id',
      { schema: { tags: webhookTags, operationId: 'docpierUpdateWebhook', summary: 'Admin Patch Webhook', params: WebhookParams, body: WebhookPatch, response: { 200: DocpierWebhook, ...errors } } },
      async (request) =>
        toDocpierWebhook(await services.webhooks.update(request.ctx, request.params.webhook_id, toWebhookInput(request.body), request.params.workspaceId)),
    );

    app.delete(
      '/admin/workspaces/:workspaceId/webhooks/:webhook_id',
      { schema: { tags: webhookTags, operationId: 'docpierDeleteWebhook', summary: 'Admin Delete Webhook', params: WebhookParams, response: { ...NoContent, ...errors } } },
      async (request, reply) => {
        await services.webhooks.delete(request.ctx, request.params.webhook_id, request.params.workspaceId);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/admin/meta/document-types',
      { schema: { tags: metaTags, operationId: 'docpierListDocumentTypes', summary: 'Admin Meta Document Types', response: { 200: Type.Array(Type.String()), ...errors } } },
      async () => [...options.documentTypes],
    );
  };
}
