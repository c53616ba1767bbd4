import { Type } from '@sinclair/typebox';
import { invalidArgument } from '../../../domain/errors.js';
import { ZONE_DESCRIPTION_SETTING, cursorPage, pageRequest, zoneShape } from '../shapes.js';
import { Any, Cursor, Nullable, ZoneParams, type KeycardApp, type KeycardDeps } from './common.js';

/** Zones are workspaces. */
export function zoneRoutes(app: KeycardApp, { services, issuer }: KeycardDeps) {
  app.get('/zones', { schema: { operationId: 'keycardListZones', summary: 'List zones', querystring: Cursor, response: { 200: Any } } }, async (request) => {
    const page = await services.workspaces.list(request.ctx, pageRequest(request.query));
    return cursorPage(page, request.query, (ws) => zoneShape(ws, issuer));
  });

  app.post(
    '/zones',
    {
      schema: {
        operationId: 'keycardCreateZone', summary: 'Create a zone',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 255 }),
            description: Type.Optional(Nullable(Type.String({ maxLength: 2048 }))),
            encryption_key: Type.Optional(Nullable(Any)),
            protocols: Type.Optional(Nullable(Type.Object({ oauth2: Type.Optional(Nullable(Type.Object({ dcr_enabled: Type.Optional(Type.Boolean()) }, { additionalProperties: true }))) }))),
          },
          { additionalProperties: true },
        ),
        response: { 200: Any },
      },
    },
    async (request) => {
      const { name, description, encryption_key, protocols } = request.body;
      if (encryption_key) throw invalidArgument('Customer-managed encryption keys are not supported; Keyward encrypts its keys with KEYWARD_KEK.', [{ field: 'encryption_key', description: 'leave it out' }]);
      if (protocols?.oauth2?.dcr_enabled) throw invalidArgument('Dynamic client registration is not supported; create applications through this API.', [{ field: 'protocols.oauth2.dcr_enabled', description: 'false' }]);
      const ws = await services.workspaces.create(request.ctx, { displayName: name }, description ? { [ZONE_DESCRIPTION_SETTING]: description } : {});
      return zoneShape(ws, issuer);
    },
  );

  app.get('/zones/:zoneId', { schema: { operationId: 'keycardGetZone', summary: 'Get a zone', params: ZoneParams, response: { 200: Any } } }, async (request) =>
    zoneShape(await services.workspaces.get(request.ctx, request.params.zoneId), issuer),
  );

  app.patch(
    '/zones/:zoneId',
    {
      schema: {
        operationId: 'keycardUpdateZone', summary: 'Update a zone',
        params: ZoneParams,
        body: Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })), description: Type.Optional(Nullable(Type.String({ maxLength: 2048 }))) }, { additionalProperties: true }),
        response: { 200: Any },
      },
    },
    async (request) => {
      const { name, description } = request.body;
      // A body that changes nothing records no event.
      if (name === undefined && description === undefined) return zoneShape(await services.workspaces.get(request.ctx, request.params.zoneId), issuer);
      const ws = await services.workspaces.update(
        request.ctx,
        request.params.zoneId,
        name === undefined ? {} : { displayName: name },
        description === undefined ? {} : { [ZONE_DESCRIPTION_SETTING]: description || null },
      );
      return zoneShape(ws, issuer);
    },
  );

  app.delete('/zones/:zoneId', { schema: { operationId: 'keycardDeleteZone', summary: 'Delete a zone', params: ZoneParams } }, async (request, reply) => {
    await services.workspaces.delete(request.ctx, request.params.zoneId);
    return reply.code(204).send();
  });
}
