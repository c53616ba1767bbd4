import { Type } from '@sinclair/typebox';
import { invalidArgument } from '../../../domain/errors.js';
import { cursorPage, pageRequest, providerShape } from '../shapes.js';
import { Any, Cursor, ItemParams, Nullable, ZoneParams, zoneScope, type KeycardApp, type KeycardDeps } from './common.js';

/** Providers are trusted issuers of the zone's workspace. */
const ProviderOAuth2 = Type.Object({ issuer: Type.Optional(Type.String({ maxLength: 2000 })), jwks_uri: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) }, { additionalProperties: true });
const ProviderBody = Type.Object({
  identifier: Type.Optional(Type.String({ minLength: 1, maxLength: 2048 })),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  description: Type.Optional(Nullable(Type.String({ maxLength: 2048 }))),
  client_id: Type.Optional(Nullable(Type.String())),
  client_secret: Type.Optional(Nullable(Type.String())),
  metadata: Type.Optional(Nullable(Any)),
  protocols: Type.Optional(Nullable(Type.Object({ oauth2: Type.Optional(Nullable(ProviderOAuth2)), openid: Type.Optional(Nullable(Any)) }))),
});

function providerInput(body: typeof ProviderBody.static) {
  if (body.client_id || body.client_secret) {
    throw invalidArgument('Keyward does not sign in to providers, it only verifies their tokens: leave client_id and client_secret out.', [
      { field: body.client_secret ? 'client_secret' : 'client_id', description: 'not supported' },
    ]);
  }
  const oauth2 = body.protocols?.oauth2;
  return {
    identifier: body.identifier,
    displayName: body.name,
    description: body.description === undefined ? undefined : (body.description ?? ''),
    issuer: oauth2?.issuer,
    jwksUri: oauth2 === undefined || oauth2 === null ? undefined : oauth2.jwks_uri,
  };
}

export function providerRoutes(app: KeycardApp, { services }: KeycardDeps) {
  app.get('/zones/:zoneId/providers', { schema: { operationId: 'keycardListProviders', summary: 'List providers', params: ZoneParams, querystring: Cursor, response: { 200: Any } } }, async (request) => {
    const page = await services.providers.list(request.ctx, pageRequest(request.query), zoneScope(request.params));
    return cursorPage(page, request.query, providerShape);
  });

  app.post(
    '/zones/:zoneId/providers',
    {
      schema: {
        operationId: 'keycardCreateProvider', summary: 'Create a provider',
        description: 'protocols.oauth2.issuer is required: tokens of that issuer, addressed to this installation, can then authenticate applications.',
        params: ZoneParams,
        body: Type.Intersect([Type.Object({ identifier: Type.String(), name: Type.String() }), ProviderBody]),
        response: { 200: Any },
      },
    },
    async (request) => {
      const ws = await services.workspaces.get(request.ctx, request.params.zoneId);
      const input = providerInput(request.body);
      if (!input.issuer) {
        throw invalidArgument('protocols.oauth2.issuer is required: Keyward trusts a provider by the iss of its tokens.', [{ field: 'protocols.oauth2.issuer', description: 'the issuer URL' }]);
      }
      return providerShape(await services.providers.create(request.ctx, { ...input, workspaceId: ws.id }));
    },
  );

  app.get('/zones/:zoneId/providers/:id', { schema: { operationId: 'keycardGetProvider', summary: 'Get a provider', params: ItemParams, response: { 200: Any } } }, async (request) =>
    providerShape(await services.providers.get(request.ctx, request.params.id, zoneScope(request.params))),
  );

  app.patch('/zones/:zoneId/providers/:id', { schema: { operationId: 'keycardUpdateProvider', summary: 'Update a provider', params: ItemParams, body: ProviderBody, response: { 200: Any } } }, async (request) => {
    const scope = zoneScope(request.params);
    const found = await services.providers.get(request.ctx, request.params.id, scope);
    if (request.body.protocols?.oauth2?.issuer === null) throw invalidArgument('issuer cannot be null.', [{ field: 'protocols.oauth2.issuer', description: 'an issuer URL' }]);
    const input = providerInput(request.body);
    const mask = Object.entries(input).filter(([, v]) => v !== undefined).map(([k]) => k);
    return providerShape(mask.length > 0 ? await services.providers.update(request.ctx, found.id, input, mask, scope) : found);
  });

  app.delete('/zones/:zoneId/providers/:id', { schema: { operationId: 'keycardDeleteProvider', summary: 'Delete a provider', params: ItemParams } }, async (request, reply) => {
    await services.providers.delete(request.ctx, request.params.id, zoneScope(request.params));
    return reply.code(204).send();
  });
}
