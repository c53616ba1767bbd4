import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AccessGrant } from '../domain/access.js';
import type { Services } from '../services/index.js';
import { errors, RequestBody, rfc3339 } from './shapes.js';

export const AccessGrantShape = Type.Object({
  name: Type.String({ examples: ['workspaces/ws_x/accessGrants/grt_y'] }),
  workspace: Type.String(),
  subjectType: Type.Union([Type.Literal('USER'), Type.Literal('CLIENT')]),
  subjectId: Type.String({ description: 'A user subject (e.g. a Keycloak user id) or an OAuth client id.' }),
  role: Type.String(),
  provider: Type.Optional(Type.String({ description: 'Set when the CLIENT lives in an external identity provider (keycloak).' })),
  createTime: Type.String(),
  updateTime: Type.String(),
});

export const toAccessGrantShape = (g: AccessGrant): Static<typeof AccessGrantShape> => ({
  name: `workspaces/${g.workspaceId}/accessGrants/${g.id}`,
  workspace: `workspaces/${g.workspaceId}`,
  subjectType: g.subjectType,
  subjectId: g.subjectId,
  role: g.role,
  ...(g.details.provider ? { provider: g.details.provider } : {}),
  createTime: rfc3339(g.createTime)!,
  updateTime: rfc3339(g.updateTime)!,
});

const WorkspaceParams = Type.Object({ id: Type.String({ maxLength: 200 }) });
const GrantParams = Type.Object({ id: Type.String({ maxLength: 200 }), grantId: Type.String({ maxLength: 200 }) });
const tags = ['Workspace access'];

export const accessGrantRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/v1/workspaces/:id/accessGrants',
    {
      schema: { tags, operationId: 'listAccessGrants', summary: "List a workspace's access grants", params: WorkspaceParams, response: { 200: Type.Object({ accessGrants: Type.Array(AccessGrantShape) }), ...errors } },
    },
    async (request) => ({ accessGrants: (await services.accessGrants.list(request.ctx, request.params.id)).map(toAccessGrantShape) }),
  );

  app.post(
    '/v1/workspaces/:id/accessGrants',
    {
      schema: {
        tags,
        operationId: 'createAccessGrant', summary: 'Grant a USER or CLIENT access to a workspace',
        description: 'Idempotent: granting the same subject again returns its grant (with the new role, if one is given).',
        params: WorkspaceParams,
        body: RequestBody([Type.Object({
          subjectType: Type.String({ description: 'USER or CLIENT' }),
          subjectId: Type.String({ maxLength: 255 }),
          role: Type.Optional(Type.String({ maxLength: 63, description: 'Default: member.' })),
        })], AccessGrantShape),
        response: { 200: AccessGrantShape, ...errors },
      },
    },
    async (request) => toAccessGrantShape(await services.accessGrants.grant(request.ctx, request.params.id, request.body)),
  );

  app.delete(
    '/v1/workspaces/:id/accessGrants/:grantId',
    { schema: { tags, operationId: 'deleteAccessGrant', summary: 'Revoke an access grant', params: GrantParams, response: { 200: Type.Object({}), ...errors } } },
    async (request) => {
      await services.accessGrants.revokeById(request.ctx, request.params.id, request.params.grantId);
      return {};
    },
  );
};
