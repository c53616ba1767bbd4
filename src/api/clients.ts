import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../services/index.js';
import { ApiClientShape, bareId, DelegationBody, errors, Labels, PageQuery, parseUpdateMask, RequestBody, toApiClientShape } from './shapes.js';

const ClientBody = Type.Object({
  displayName: Type.Optional(Type.String({ maxLength: 200 })),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  permissions: Type.Optional(Type.Array(Type.String(), { maxItems: 200 })),
  roles: Type.Optional(Type.Array(Type.String(), { maxItems: 50, description: 'roles/{id}' })),
  labels: Type.Optional(Labels),
  audiences: Type.Optional(Type.Array(Type.String(), { maxItems: 50 })),
  // One JSON type list, not anyOf: under type coercion anyOf would turn null into 0 through its
  // integer branch, and null (the default lifetime) could never be set again.
  tokenLifetime: Type.Optional(Type.Unsafe<number | null>({ type: ['integer', 'null'], description: 'Seconds; null uses the default.' })),
  dpopBoundAccessTokens: Type.Optional(Type.Boolean({ description: 'RFC 9449: tokens only with a DPoP proof, bound to its key.' })),
  delegation: Type.Optional(DelegationBody),
  workspace: Type.Optional(Type.String({ description: 'workspaces/{id}; the organization default when omitted. Create only.' })),
  state: Type.Optional(Type.Union([Type.Literal('ENABLED'), Type.Literal('DISABLED')])),
});

const IdParams = Type.Object({ id: Type.String({ maxLength: 200 }) });
const tags = ['API clients'];

export const clientRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.post(
    '/v1/apiClients',
    {
      schema: {
        tags,
        operationId: 'createApiClient', summary: 'Create an API client',
        description:
          'Returns the client with `clientSecret`, shown this once. Answers 200, as Confidence does. With withoutSecret=true the client gets no secret ' +
          '(it authenticates by the PUBLIC_KEY or FEDERATED credentials you add), as a workspace whose credentialPolicy sets allowSecrets false requires.',
        querystring: Type.Object({
          apiClientId: Type.Optional(Type.String({ description: 'A client id of your choosing (AIP-133).' })),
          withoutSecret: Type.Optional(Type.Boolean({ description: 'Create the client without a secret.' })),
        }),
        body: RequestBody([Type.Object({ displayName: Type.String() }), ClientBody], ApiClientShape),
        response: { 200: ApiClientShape, ...errors },
      },
    },
    async (request) => {
      const { workspace, state, ...body } = request.body;
      const created = await services.clients.create(request.ctx, {
        ...body,
        enabled: state === undefined ? undefined : state === 'ENABLED',
        workspaceId: workspace ? bareId(workspace, 'workspaces') : undefined,
        clientId: request.query.apiClientId,
      }, { withoutSecret: request.query.withoutSecret === true });
      return toApiClientShape(created.client, created.secret);
    },
  );

  app.get(
    '/v1/apiClients',
    {
      schema: {
        tags,
        operationId: 'listApiClients', summary: 'List API clients',
        description: 'AIP-160 filter over displayName (= != :), clientId, workspace, enabled, role (:), createTime; orderBy createTime or displayName [desc].',
        querystring: Type.Intersect([PageQuery, Type.Object({ filter: Type.Optional(Type.String()), orderBy: Type.Optional(Type.String()) })]),
        response: { 200: Type.Object({ apiClients: Type.Array(ApiClientShape), nextPageToken: Type.String() }), ...errors },
      },
    },
    async (request) => {
      const page = await services.clients.list(request.ctx, request.query);
      return { apiClients: page.items.map((c) => toApiClientShape(c)), nextPageToken: page.nextPageToken };
    },
  );

  app.get(
    '/v1/apiClients/:id',
    { schema: { tags, operationId: 'getApiClient', summary: 'Get an API client', params: IdParams, response: { 200: ApiClientShape, ...errors } } },
    async (request) => toApiClientShape(await services.clients.get(request.ctx, request.params.id)),
  );

  app.patch(
    '/v1/apiClients/:id',
    {
      schema: {
        tags,
        operationId: 'updateApiClient', summary: 'Update an API client',
        description: 'AIP-134: only the fields in updateMask change; without a mask, every field present in the body. AIP-161: labels.{key} sets that one label from the body, or removes it when the body has none.',
        params: IdParams,
        querystring: Type.Object({ updateMask: Type.Optional(Type.String()) }),
        body: RequestBody([ClientBody], ApiClientShape),
        response: { 200: ApiClientShape, ...errors },
      },
    },
    async (request) => {
      const { state, workspace, ...body } = request.body;
      void workspace;
      const mask = parseUpdateMask(request.query.updateMask).map((f) => (f === 'state' ? 'enabled' : f));
      const client = await services.clients.update(
        request.ctx,
        request.params.id,
        { ...body, enabled: state === undefined ? undefined : state === 'ENABLED' },
        mask,
      );
      return toApiClientShape(client);
    },
  );

  app.delete(
    '/v1/apiClients/:id',
    { schema: { tags, operationId: 'deleteApiClient', summary: 'Delete an API client', params: IdParams, response: { 200: Type.Object({}), ...errors } } },
    async (request) => {
      await services.clients.delete(request.ctx, request.params.id);
      return {};
    },
  );

  for (const [verb, enabled] of [
    ['disable', false],
    ['enable', true],
  ] as const) {
    app.post(
      `/v1/apiClients/:id(^[^:]+)::${verb}`,
      {
        schema: {
          tags,
          operationId: `${verb}ApiClient`,
          summary: `${verb === 'disable' ? 'Disable' : 'Enable'} an API client`,
          description: verb === 'disable' ? 'Its tokens become inactive at once and it cannot get new ones.' : undefined,
          params: IdParams,
          response: { 200: ApiClientShape, ...errors },
        },
      },
      async (request) => toApiClientShape(await services.clients.setEnabled(request.ctx, request.params.id, enabled)),
    );
  }
};
