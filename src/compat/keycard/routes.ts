import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { invalidArgument, notFound } from '../../domain/errors.js';
import type { ApiClient, Context, Credential, Provider } from '../../domain/model.js';
import type { Services } from '../../services/index.js';
import {
  CREDENTIAL_TYPE,
  METADATA_LABELS,
  ZONE_DESCRIPTION_SETTING,
  applicationShape,
  credentialShape,
  cursorPage,
  pageRequest,
  providerShape,
  zoneShape,
} from './shapes.js';

/**
 * Keycard's zone API (`/zones/...`): zones are workspaces, applications are API clients,
 * providers are trusted issuers, and application credentials are a client's credentials
 * (`password` = secret, `public-key` = jwks_uri, `token` = federated). 200 on create, 204 on
 * delete, cursor pages.
 */
const Any = Type.Object({}, { additionalProperties: true });
// null first: with type coercion on, a string-first union would turn null into "".
const Nullable = <T extends TSchema>(schema: T) => Type.Union([Type.Null(), schema]);
const Cursor = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  after: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  before: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
});
const ZoneParams = Type.Object({ zoneId: Type.String({ maxLength: 200 }) });
const ItemParams = Type.Object({ zoneId: Type.String({ maxLength: 200 }), id: Type.String({ maxLength: 200 }) });
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
const CredentialBody = Type.Object({
  type: Type.String({ maxLength: 40 }),
  application_id: Type.String({ maxLength: 200 }),
  identifier: Type.Optional(Type.String({ maxLength: 2048 })),
  jwks_uri: Type.Optional(Type.String({ maxLength: 2000 })),
  provider_id: Type.Optional(Type.String({ maxLength: 200 })),
  subject: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
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

// One tag per resource, named after the innermost collection in the path, so a generated client
// groups zones, applications, providers and credentials apart.
const keycardTag = (url: string) => {
  const collection = url.split('/').filter((part) => part && !part.startsWith(':')).at(-1);
  const names: Record<string, string> = {
    zones: 'Keycard zones',
    applications: 'Keycard applications',
    providers: 'Keycard providers',
    'application-credentials': 'Keycard application credentials',
  };
  return names[collection ?? ''] ?? 'Keycard';
};

export function keycardRoutes(issuer: string): FastifyPluginAsyncTypebox<{ services: Services }> {
  return async (app, { services }) => {
    app.addHook('onRoute', (route) => {
      route.schema = { ...route.schema, tags: [keycardTag(route.url)] };
    });

    const zone = (ctx: Context, zoneId: string) => services.workspaces.get(ctx, zoneId);
    const application = async (ctx: Context, zoneId: string, id: string): Promise<ApiClient> => {
      await zone(ctx, zoneId);
      const client = await services.clients.get(ctx, id);
      if (client.workspaceId !== zoneId) throw notFound(`Application ${id} in zone ${zoneId}`);
      return client;
    };
    const provider = async (ctx: Context, zoneId: string, id: string): Promise<Provider> => {
      await zone(ctx, zoneId);
      const found = await services.providers.get(ctx, id);
      if (found.workspaceId !== zoneId) throw notFound(`Provider ${id} in zone ${zoneId}`);
      return found;
    };
    const credential = async (ctx: Context, zoneId: string, id: string) => {
      await zone(ctx, zoneId);
      const found = await services.secretless.getCredentialInOrg(ctx, id);
      if (found.client.workspaceId !== zoneId) throw notFound(`Application credential ${id} in zone ${zoneId}`);
      return found;
    };
    const shapeCredential = async (ctx: Context, c: Credential, client: ApiClient, extra: { password?: string } = {}) =>
      credentialShape(c, client, c.providerId ? await services.providers.get(ctx, c.providerId).catch(() => undefined) : undefined, extra);

    // ── Zones ──────────────────────────────────────────────────────────────────────────
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
      zoneShape(await zone(request.ctx, request.params.zoneId), issuer),
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
        if (name === undefined && description === undefined) return zoneShape(await zone(request.ctx, request.params.zoneId), issuer);
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

    // ── Applications ───────────────────────────────────────────────────────────────────
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
        await zone(request.ctx, request.params.zoneId);
        const quote = (v: string) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`;
        const identifier = request.query['filter[identifier]'];
        const filter = [`workspace = ${quote(request.params.zoneId)}`, ...(identifier ? [`clientId = ${quote(identifier)}`] : [])].join(' AND ');
        const page = await services.clients.list(request.ctx, { filter, ...pageRequest(request.query) });
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
        const ws = await zone(request.ctx, request.params.zoneId);
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
      applicationShape(await application(request.ctx, request.params.zoneId, request.params.id)),
    );

    app.patch(
      '/zones/:zoneId/applications/:id',
      { schema: { operationId: 'keycardUpdateApplication', summary: 'Update an application', params: ItemParams, body: ApplicationBody, response: { 200: Any } } },
      async (request) => {
        const body = request.body;
        unsupportedApplicationFields(body);
        const client = await application(request.ctx, request.params.zoneId, request.params.id);
        if (body.identifier !== undefined && body.identifier !== client.clientId) {
          throw invalidArgument('identifier is the OAuth client_id and cannot change; create a new application instead.', [{ field: 'identifier', description: 'unchangeable' }]);
        }
        const changes = {
          displayName: body.name,
          description: body.description === undefined ? undefined : (body.description ?? ''),
          labels: body.metadata === undefined ? undefined : metadataLabels(client.labels, body.metadata),
        };
        const mask = Object.entries(changes).filter(([, v]) => v !== undefined).map(([k]) => k);
        const updated = mask.length > 0 ? await services.clients.update(request.ctx, client.id, changes, mask) : client;
        return applicationShape(updated);
      },
    );

    app.delete('/zones/:zoneId/applications/:id', { schema: { operationId: 'keycardDeleteApplication', summary: 'Delete an application', params: ItemParams } }, async (request, reply) => {
      const client = await application(request.ctx, request.params.zoneId, request.params.id);
      await services.clients.delete(request.ctx, client.id);
      return reply.code(204).send();
    });

    app.get(
      '/zones/:zoneId/applications/:id/application-credentials',
      { schema: { operationId: 'keycardListApplicationCredentialsOfApplication', summary: "List an application's credentials", params: ItemParams, querystring: Cursor, response: { 200: Any } } },
      async (request) => {
        const client = await application(request.ctx, request.params.zoneId, request.params.id);
        const page = await services.secretless.listCredentialsInWorkspace(request.ctx, client.workspaceId, { apiClientId: client.id, ...pageRequest(request.query) });
        const items = await Promise.all(page.items.map((c) => shapeCredential(request.ctx, c, client)));
        return cursorPage({ items, nextPageToken: page.nextPageToken }, request.query, (i) => i);
      },
    );

    // ── Providers ──────────────────────────────────────────────────────────────────────
    app.get('/zones/:zoneId/providers', { schema: { operationId: 'keycardListProviders', summary: 'List providers', params: ZoneParams, querystring: Cursor, response: { 200: Any } } }, async (request) => {
      await zone(request.ctx, request.params.zoneId);
      const page = await services.providers.list(request.ctx, { workspaceId: request.params.zoneId, ...pageRequest(request.query) });
      return cursorPage(page, request.query, providerShape);
    });

    const providerInput = (body: typeof ProviderBody.static) => {
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
    };

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
        const ws = await zone(request.ctx, request.params.zoneId);
        const input = providerInput(request.body);
        if (!input.issuer) {
          throw invalidArgument('protocols.oauth2.issuer is required: Keyward trusts a provider by the iss of its tokens.', [{ field: 'protocols.oauth2.issuer', description: 'the issuer URL' }]);
        }
        return providerShape(await services.providers.create(request.ctx, { ...input, workspaceId: ws.id }));
      },
    );

    app.get('/zones/:zoneId/providers/:id', { schema: { operationId: 'keycardGetProvider', summary: 'Get a provider', params: ItemParams, response: { 200: Any } } }, async (request) =>
      providerShape(await provider(request.ctx, request.params.zoneId, request.params.id)),
    );

    app.patch('/zones/:zoneId/providers/:id', { schema: { operationId: 'keycardUpdateProvider', summary: 'Update a provider', params: ItemParams, body: ProviderBody, response: { 200: Any } } }, async (request) => {
      const found = await provider(request.ctx, request.params.zoneId, request.params.id);
      if (request.body.protocols?.oauth2?.issuer === null) throw invalidArgument('issuer cannot be null.', [{ field: 'protocols.oauth2.issuer', description: 'an issuer URL' }]);
      const input = providerInput(request.body);
      const mask = Object.entries(input).filter(([, v]) => v !== undefined).map(([k]) => k);
      return providerShape(mask.length > 0 ? await services.providers.update(request.ctx, found.id, input, mask) : found);
    });

    app.delete('/zones/:zoneId/providers/:id', { schema: { operationId: 'keycardDeleteProvider', summary: 'Delete a provider', params: ItemParams } }, async (request, reply) => {
      const found = await provider(request.ctx, request.params.zoneId, request.params.id);
      await services.providers.delete(request.ctx, found.id);
      return reply.code(204).send();
    });

    // ── Application credentials ────────────────────────────────────────────────────────
    app.get(
      '/zones/:zoneId/application-credentials',
      {
        schema: {
          operationId: 'keycardListApplicationCredentials', summary: 'List application credentials',
          params: ZoneParams,
          querystring: Type.Intersect([
            Cursor,
            Type.Object({ applicationId: Type.Optional(Type.String({ maxLength: 200 })), slug: Type.Optional(Type.String({ maxLength: 63 })) }),
          ]),
          response: { 200: Any },
        },
      },
      async (request) => {
        await zone(request.ctx, request.params.zoneId);
        const { slug } = request.query;
        const page = await services.secretless.listCredentialsInWorkspace(request.ctx, request.params.zoneId, {
          apiClientId: request.query.applicationId,
          ...pageRequest(request.query),
        });
        const clients = new Map<string, ApiClient>();
        for (const id of new Set(page.items.map((c) => c.apiClientId))) clients.set(id, await services.clients.get(request.ctx, id));
        const shaped = await Promise.all(page.items.map((c) => shapeCredential(request.ctx, c, clients.get(c.apiClientId)!)));
        // Slugs are derived from ids, so they are matched as each page is read; a page may come back short.
        const items = slug === undefined ? shaped : shaped.filter((item) => item.slug === slug);
        return cursorPage({ items, nextPageToken: page.nextPageToken }, request.query, (i) => i);
      },
    );

    app.post(
      '/zones/:zoneId/application-credentials',
      {
        schema: {
          operationId: 'keycardCreateApplicationCredential', summary: 'Create an application credential',
          description:
            'type password (a client secret, returned once as `password`), public-key (private_key_jwt with keys at jwks_uri) or token ' +
            '(a provider\'s token for `subject`, any subject when omitted). url and public are not supported.',
          params: ZoneParams,
          body: CredentialBody,
          response: { 200: Any },
        },
      },
      async (request) => {
        const body = request.body;
        const { ctx } = request;
        const client = await application(ctx, request.params.zoneId, body.application_id);
        if ((body.type === CREDENTIAL_TYPE.secret || body.type === CREDENTIAL_TYPE.public_key) && body.identifier !== undefined && body.identifier !== client.clientId) {
          throw invalidArgument(`identifier must be the application's identifier (${client.clientId}): a Keyward client has one client_id.`, [
            { field: 'identifier', description: 'leave it out or repeat the application identifier' },
          ]);
        }
        switch (body.type) {
          case CREDENTIAL_TYPE.secret: {
            const issued = await services.clients.addSecret(ctx, client.id, { displayName: 'password' });
            return shapeCredential(ctx, issued.credential, client, { password: issued.secret });
          }
          case CREDENTIAL_TYPE.public_key: {
            if (!body.jwks_uri) throw invalidArgument('jwks_uri is required for public-key credentials.', [{ field: 'jwks_uri', description: 'the URL of the JWKS' }]);
            return shapeCredential(ctx, await services.secretless.addPublicKey(ctx, client.id, { jwksUri: body.jwks_uri }), client);
          }
          case CREDENTIAL_TYPE.federated: {
            if (!body.provider_id) throw invalidArgument('provider_id is required for token credentials.', [{ field: 'provider_id', description: 'the trusted provider' }]);
            const trusted = await provider(ctx, request.params.zoneId, body.provider_id);
            return shapeCredential(ctx, await services.secretless.addFederated(ctx, client.id, { providerId: trusted.id, subject: body.subject }), client);
          }
          case 'url':
          case 'public':
            throw invalidArgument(
              `Credential type ${body.type} is not supported by Keyward, which issues tokens to confidential machine clients only; use password, public-key or token.`,
              [{ field: 'type', description: 'password, public-key or token' }],
            );
          default:
            throw invalidArgument(`Unknown credential type "${body.type.slice(0, 40)}"; use password, public-key or token.`, [{ field: 'type', description: 'password, public-key or token' }]);
        }
      },
    );

    app.get('/zones/:zoneId/application-credentials/:id', { schema: { operationId: 'keycardGetApplicationCredential', summary: 'Get an application credential', params: ItemParams, response: { 200: Any } } }, async (request) => {
      const { credential: c, client } = await credential(request.ctx, request.params.zoneId, request.params.id);
      return shapeCredential(request.ctx, c, client);
    });

    app.patch(
      '/zones/:zoneId/application-credentials/:id',
      {
        schema: {
          operationId: 'keycardUpdateApplicationCredential', summary: 'Update an application credential',
          description: 'Token credentials: a new subject, or null for any. Other types have nothing to change.',
          params: ItemParams,
          body: Type.Object({ type: Type.Optional(Type.String({ maxLength: 40 })), subject: Type.Optional(Nullable(Type.String({ maxLength: 255 }))) }),
          response: { 200: Any },
        },
      },
      async (request) => {
        const found = await credential(request.ctx, request.params.zoneId, request.params.id);
        const type = CREDENTIAL_TYPE[found.credential.type];
        if (request.body.type !== undefined && request.body.type !== type) {
          throw invalidArgument(`This credential is of type ${type}; its type cannot change.`, [{ field: 'type', description: type }]);
        }
        if (request.body.subject !== undefined) {
          const updated = await services.secretless.updateFederatedSubject(request.ctx, found.credential.id, request.body.subject);
          return shapeCredential(request.ctx, updated, found.client);
        }
        return shapeCredential(request.ctx, found.credential, found.client);
      },
    );

    app.delete('/zones/:zoneId/application-credentials/:id', { schema: { operationId: 'keycardDeleteApplicationCredential', summary: 'Delete an application credential', params: ItemParams } }, async (request, reply) => {
      const found = await credential(request.ctx, request.params.zoneId, request.params.id);
      await services.clients.deleteCredential(request.ctx, found.client.id, found.credential.id);
      return reply.code(204).send();
    });
  };
}
