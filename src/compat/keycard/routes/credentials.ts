import { Type } from '@sinclair/typebox';
import { invalidArgument } from '../../../domain/errors.js';
import { ANY_SUBJECT } from '../../../domain/federation.js';
import type { ApiClient, Context, Credential } from '../../../domain/model.js';
import type { Services } from '../../../services/index.js';
import { CREDENTIAL_TYPE, credentialShape, cursorPage, pageRequest } from '../shapes.js';
import { Any, Cursor, ItemParams, Nullable, ZoneParams, zoneScope, type KeycardApp, type KeycardDeps } from './common.js';

/**
 * Application credentials are a client's credentials: `password` = secret, `public-key` =
 * jwks_uri, `token` = federated.
 */
const CredentialBody = Type.Object({
  type: Type.String({ maxLength: 40 }),
  application_id: Type.String({ maxLength: 200 }),
  identifier: Type.Optional(Type.String({ maxLength: 2048 })),
  jwks_uri: Type.Optional(Type.String({ maxLength: 2000 })),
  provider_id: Type.Optional(Type.String({ maxLength: 200 })),
  subject: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
});

/** A credential with its application, and the provider a token credential trusts (when it still exists). */
export async function shapeCredential(services: Services, ctx: Context, c: Credential, client: ApiClient, extra: { password?: string } = {}) {
  return credentialShape(c, client, c.providerId ? await services.providers.get(ctx, c.providerId).catch(() => undefined) : undefined, extra);
}

export function credentialRoutes(app: KeycardApp, { services }: KeycardDeps) {
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
      const { slug } = request.query;
      const page = await services.credentials.listCredentialsInWorkspace(request.ctx, request.params.zoneId, {
        apiClientId: request.query.applicationId,
        ...pageRequest(request.query),
      });
      const clients = new Map<string, ApiClient>();
      for (const id of new Set(page.items.map((c) => c.apiClientId))) clients.set(id, await services.clients.get(request.ctx, id));
      const shaped = await Promise.all(page.items.map((c) => shapeCredential(services, request.ctx, c, clients.get(c.apiClientId)!)));
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
      const scope = zoneScope(request.params);
      const client = await services.clients.get(ctx, body.application_id, scope);
      if ((body.type === CREDENTIAL_TYPE.secret || body.type === CREDENTIAL_TYPE.public_key) && body.identifier !== undefined && body.identifier !== client.clientId) {
        throw invalidArgument(`identifier must be the application's identifier (${client.clientId}): a Keyward client has one client_id.`, [
          { field: 'identifier', description: 'leave it out or repeat the application identifier' },
        ]);
      }
      switch (body.type) {
        case CREDENTIAL_TYPE.secret: {
          const issued = await services.credentials.addSecret(ctx, client.id, { displayName: 'password' });
          return shapeCredential(services, ctx, issued.credential, client, { password: issued.secret });
        }
        case CREDENTIAL_TYPE.public_key: {
          if (!body.jwks_uri) throw invalidArgument('jwks_uri is required for public-key credentials.', [{ field: 'jwks_uri', description: 'the URL of the JWKS' }]);
          return shapeCredential(services, ctx, await services.credentials.addPublicKey(ctx, client.id, { jwksUri: body.jwks_uri }), client);
        }
        case CREDENTIAL_TYPE.federated: {
          if (!body.provider_id) throw invalidArgument('provider_id is required for token credentials.', [{ field: 'provider_id', description: 'the trusted provider' }]);
          const trusted = await services.providers.get(ctx, body.provider_id, scope);
          return shapeCredential(services, ctx, await services.credentials.addFederated(ctx, client.id, { providerId: trusted.id, subject: body.subject ?? ANY_SUBJECT }), client);
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
    const { credential: c, client } = await services.credentials.getCredentialInOrg(request.ctx, request.params.id, zoneScope(request.params));
    return shapeCredential(services, request.ctx, c, client);
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
      const scope = zoneScope(request.params);
      const found = await services.credentials.getCredentialInOrg(request.ctx, request.params.id, scope);
      const type = CREDENTIAL_TYPE[found.credential.type];
      if (request.body.type !== undefined && request.body.type !== type) {
        throw invalidArgument(`This credential is of type ${type}; its type cannot change.`, [{ field: 'type', description: type }]);
      }
      if (request.body.subject !== undefined) {
        const updated = await services.credentials.updateFederatedSubject(request.ctx, found.credential.id, request.body.subject, scope);
        return shapeCredential(services, request.ctx, updated, found.client);
      }
      return shapeCredential(services, request.ctx, found.credential, found.client);
    },
  );

  app.delete('/zones/:zoneId/application-credentials/:id', { schema: { operationId: 'keycardDeleteApplicationCredential', summary: 'Delete an application credential', params: ItemParams } }, async (request, reply) => {
    const found = await services.credentials.getCredentialInOrg(request.ctx, request.params.id, zoneScope(request.params));
    await services.credentials.deleteCredential(request.ctx, found.client.id, found.credential.id);
    return reply.code(204).send();
  });
}
