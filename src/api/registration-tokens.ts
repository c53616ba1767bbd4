import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RegistrationToken } from '../domain/model.js';
import type { Services } from '../services/index.js';
import { errors, PageQuery, parseTime, RequestBody, rfc3339 } from './shapes.js';

export const RegistrationTokenShape = Type.Object({
  name: Type.String({ description: 'workspaces/{id}/registrationTokens/{id}' }),
  displayName: Type.String(),
  token: Type.Optional(Type.String({ description: 'The initial access token (RFC 7591 §3), returned once at creation only.' })),
  tokenHint: Type.String({ description: 'The first and last characters of the token, to tell tokens apart.' }),
  expireTime: Type.String(),
  usesRemaining: Type.Integer({ description: 'How many more clients the token may register.' }),
  createdBy: Type.String(),
  createTime: Type.String(),
});

const toShape = (t: RegistrationToken, token?: string): Static<typeof RegistrationTokenShape> => ({
  name: `workspaces/${t.workspaceId}/registrationTokens/${t.id}`,
  displayName: t.displayName,
  ...(token ? { token } : {}),
  tokenHint: t.tokenHint,
  expireTime: rfc3339(t.expireTime)!,
  usesRemaining: t.usesRemaining,
  createdBy: t.createdBy,
  createTime: rfc3339(t.createTime)!,
});

const WorkspaceParams = Type.Object({ id: Type.String({ maxLength: 200 }) });
const TokenParams = Type.Object({ id: Type.String({ maxLength: 200 }), tokenId: Type.String({ maxLength: 200 }) });
const tags = ['Registration tokens'];

/** Initial access tokens: what a client needs to register itself at /oauth/register (docs/registration.md). */
export const registrationTokenRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.post(
    '/v1/workspaces/:id/registrationTokens',
    {
      schema: {
        tags,
        operationId: 'createRegistrationToken', summary: 'Issue an initial access token',
        description:
          'Lets whoever holds it register clients in this workspace at POST /oauth/register (RFC 7591), as the workspace registration policy allows. ' +
          'The token is returned in `token` this once. expireTime defaults to a day from now (at most 90 days); uses to 1 (at most 10000).',
        params: WorkspaceParams,
        body: RequestBody(
          [Type.Object({
            displayName: Type.Optional(Type.String({ maxLength: 200 })),
            expireTime: Type.Optional(Type.String({ description: 'RFC 3339' })),
            uses: Type.Optional(Type.Integer({ description: 'How many clients the token may register.' })),
          })],
          RegistrationTokenShape,
        ),
        response: { 200: RegistrationTokenShape, ...errors },
      },
    },
    async (request) => {
      const { displayName, expireTime, uses } = request.body;
      const created = await services.registrations.createToken(request.ctx, request.params.id, {
        displayName,
        expireTime: parseTime('expireTime', expireTime) ?? undefined,
        uses,
      });
      return toShape(created.token, created.secret);
    },
  );

  app.get(
    '/v1/workspaces/:id/registrationTokens',
    {
      schema: {
        tags,
        operationId: 'listRegistrationTokens', summary: "List a workspace's initial access tokens",
        description: 'Tokens are never listed, only their hint, expiry and remaining uses.',
        params: WorkspaceParams,
        querystring: PageQuery,
        response: { 200: Type.Object({ registrationTokens: Type.Array(RegistrationTokenShape), nextPageToken: Type.String() }), ...errors },
      },
    },
    async (request) => {
      const page = await services.registrations.listTokens(request.ctx, request.params.id, request.query);
      return { registrationTokens: page.items.map((t) => toShape(t)), nextPageToken: page.nextPageToken };
    },
  );

  app.get(
    '/v1/workspaces/:id/registrationTokens/:tokenId',
    { schema: { tags, operationId: 'getRegistrationToken', summary: 'Get an initial access token', params: TokenParams, response: { 200: RegistrationTokenShape, ...errors } } },
    async (request) => toShape(await services.registrations.getToken(request.ctx, request.params.id, request.params.tokenId)),
  );

  app.delete(
    '/v1/workspaces/:id/registrationTokens/:tokenId',
    {
      schema: {
        tags,
        operationId: 'deleteRegistrationToken', summary: 'Revoke an initial access token',
        description: 'It registers no more clients; clients it registered stay.',
        params: TokenParams,
        response: { 200: Type.Object({}), ...errors },
      },
    },
    async (request) => {
      await services.registrations.deleteToken(request.ctx, request.params.id, request.params.tokenId);
      return {};
    },
  );
};
