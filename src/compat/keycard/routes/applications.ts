import { Type } from '@sinclair/typebox';
import { invalidArgument } from '../../../domain/errors.js';
import { METADATA_LABELS, applicationShape, cursorPage, pageRequest } from '../shapes.js';
import { Any, Cursor, ItemParams, Nullable, ZoneParams, zoneScope, type KeycardApp, type KeycardDeps } from './common.js';
import { shapeCredential } from './credentials.js';

/** Applications are API clients of the zone's workspace. */
const Metadata = Type.Object({ docs_url: Type.Optional(Type.String({ maxLength: 256 })), icon_url: Type.Optional(Type.String({ maxLength: 256 })) });
const Protocols = Type.Object(
  { oauth2: Type.Optional(Nullable(Type.Object({ redirect_uris: Type.Optional(Type.Array(Type.String())), post_logout_redirect_uris: Type.Optional(Type.Array(Type.String())) }))) },
  { additionalProperties: true },
);
const ApplicationBody = Type.Object({
  identifier: Type.Optional(Type.String({ minLength: 1, maxLength: 2048 })),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  description: Type.Optional(Nullable(Type.String({ maxLength: 2048 }))),
  metadata: Type.Optional(Nullable(Metadata)),
  protocols: Type.Optional(Nullable(Protocols)),
  dependencies: Type.Optional(Type.Array(Any)),
  consent: Type.Optional(Type.Union([Type.Literal('implicit'), Type.Literal('required')])),
});

function unsupportedApplicationFields(body: { protocols?: { oauth2?: { redirect_uris?: string[]; post_logout_redirect_uris?: string[] } | null } | null; dependencies?: unknown[] }) {
  const oauth2 = body.protocols?.oauth2;
  if ((oauth2?.redirect_uris?.length ?? 0) > 0 || (oauth2?.post_logout_redirect_uris?.length ?? 0) > 0) {
    throw invalidArgument('Redirect URIs are not supported: Keyward applications are machine clients (client_credentials), with no browser flows.', [
      { field: 'protocols.oauth2.redirect_uris', description: 'leave empty' },
    ]);
  }
  if ((body.dependencies?.length ?? 0) > 0) {
    throw invalidArgument('Application dependencies are not supported by Keyward.', [{ field: 'dependencies', description: 'leave empty' }]);
  }
}

function metadataLabels(labels: Record<string, string>, metadata: { docs_url?: string; icon_url?: string } | null | undefined): Record<string, string> {
  const next = { ...labels };
  for (const [field, label] of Object.entries(METADATA_LABELS)) {
    const value = metadata?.[field as keyof typeof METADATA_LABELS];
    if (value === undefined) delete next[label];
    else next[label] = value;
  }
  return next;
}

const quote = (v: string) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`;

export function applicationRoutes(app: KeycardApp, { services }: KeycardDeps) {
  app.get(
    '/zones/:zoneId/applications',
    {
      schema: {
        operationId: 'keycardListApplications', summary: 'List applications',
        params: ZoneParams,
        querystring: Type.Intersect([Cursor, Type.Object({ 'filter[identifier]': Type.Optional(Type.String({ maxLength: 200 })) })]),
        response: { 200: Any },
      },
    },
    async (request) => {
      const identifier = request.query['filter[identifier]'];
      const filter = identifier ? `clientId = ${quote(identifier)}` : undefined;
      const page = await services.clients.list(request.ctx, { filter, ...pageRequest(request.query) }, zoneScope(request.params));
      return cursorPage(page, request.query, applicationShape);
    },
  );

  app.post(
    '/zones/:zoneId/applications',
    {
      schema: {
        operationId: 'keycardCreateApplication', summary: 'Create an application',
        description: 'identifier becomes the OAuth client_id (letters, digits and . _ @ -); it must be unique in the installation.',
        params: ZoneParams,
        body: Type.Intersect([Type.Object({ identifier: Type.String(), name: Type.String() }), ApplicationBody]),
        response: { 200: Any },
      },
    },
    async (request) => {
      const body = request.body;
      unsupportedApplicationFields(body);
      const ws = await services.workspaces.get(request.ctx, request.params.zoneId);
      // A Keycard application has no password until a password credential is created.
      const created = await services.clients.create(request.ctx, {
        clientId: body.identifier,
        displayName: body.name,
        description: body.description ?? undefined,
        labels: metadataLabels({}, body.metadata),
        workspaceId: ws.id,
      }, { withoutSecret: true });
      return applicationShape(created.client);
    },
  );

  app.get('/zones/:zoneId/applications/:id', { schema: { operationId: 'keycardGetApplication', summary: 'Get an application', params: ItemParams, response: { 200: Any } } }, async (request) =>
    applicationShape(await services.clients.get(request.ctx, request.params.id, zoneScope(request.params))),
  );

  app.patch(
    '/zones/:zoneId/applications/:id',
    { schema: { operationId: 'keycardUpdateApplication', summary: 'Update an application', params: ItemParams, body: ApplicationBody, response: { 200: Any } } },
    async (request) => {
      const body = request.body;
      unsupportedApplicationFields(body);
      const scope = zoneScope(request.params);
      const client = await services.clients.get(request.ctx, request.params.id, scope);
      if (body.identifier !== undefined && body.identifier !== client.clientId) {
        throw invalidArgument('identifier is the OAuth client_id and cannot change; create a new application instead.', [{ field: 'identifier', description: 'unchangeable' }]);
      }
      const changes = {
        displayName: body.name,
        description: body.description === undefined ? undefined : (body.description ?? ''),
        labels: body.metadata === undefined ? undefined : metadataLabels(client.labels, body.metadata),
      };
      const mask = Object.entries(changes).filter(([, v]) => v !== undefined).map(([k]) => k);
      const updated = mask.length > 0 ? await services.clients.update(request.ctx, client.id, changes, mask, scope) : client;
      return applicationShape(updated);
    },
  );

  app.delete('/zones/:zoneId/applications/:id', { schema: { operationId: 'keycardDeleteApplication', summary: 'Delete an application', params: ItemParams } }, async (request, reply) => {
    await services.clients.delete(request.ctx, request.params.id, zoneScope(request.params));
    return reply.code(204).send();
  });

  app.get(
    '/zones/:zoneId/applications/:id/application-credentials',
    { schema: { operationId: 'keycardListApplicationCredentialsOfApplication', summary: "List an application's credentials", params: ItemParams, querystring: Cursor, response: { 200: Any } } },
    async (request) => {
      const client = await services.clients.get(request.ctx, request.params.id, zoneScope(request.params));
      const page = await services.credentials.listCredentialsInWorkspace(request.ctx, client.workspaceId, { apiClientId: client.id, ...pageRequest(request.query) });
      const items = await Promise.all(page.items.map((c) => shapeCredential(services, request.ctx, c, client)));
      return cursorPage({ items, nextPageToken: page.nextPageToken }, request.query, (i) => i);
    },
  );
}
