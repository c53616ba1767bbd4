import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { invalidArgument } from '../domain/errors.js';
import type { Services } from '../services/index.js';
import { CredentialShape, parseDuration, parseTime, ProblemRef, RequestBody, toCredentialShape } from './shapes.js';

const ClientParams = Type.Object({ id: Type.String({ maxLength: 200 }) });
const CredentialParams = Type.Object({ id: Type.String({ maxLength: 200 }), credentialId: Type.String({ maxLength: 200 }) });
const errors = { 400: ProblemRef, 401: ProblemRef, 403: ProblemRef, 404: ProblemRef, 409: ProblemRef };
const tags = ['Credentials'];

/**
 * Other credential types (PUBLIC_KEY, FEDERATED) are added by their own module through this
 * hook, so the route stays one: it maps the body to a service call per type.
 */
export type CredentialCreator = (
  services: Services,
  request: { ctx: import('../domain/model.js').Context; apiClientId: string; body: Record<string, unknown> },
) => Promise<{ credential: import('../domain/model.js').Credential; secret?: string }>;

export const credentialRoutes: FastifyPluginAsyncTypebox<{ services: Services; creators?: Record<string, CredentialCreator> }> = async (
  app,
  { services, creators = {} },
) => {
  app.get(
    '/v1/apiClients/:id/credentials',
    {
      schema: {
        tags,
        summary: "List a client's credentials",
        description: 'Secrets are never listed, only their hint; lastUseTime is updated in batches.',
        params: ClientParams,
        response: { 200: Type.Object({ credentials: Type.Array(CredentialShape) }), ...errors },
      },
    },
    async (request) => ({ credentials: (await services.clients.listCredentials(request.ctx, request.params.id)).map((c) => toCredentialShape(c)) }),
  );

  app.get(
    '/v1/apiClients/:id/credentials/:credentialId',
    { schema: { tags, summary: 'Get a credential', params: CredentialParams, response: { 200: CredentialShape, ...errors } } },
    async (request) => toCredentialShape(await services.clients.getCredential(request.ctx, request.params.id, request.params.credentialId)),
  );

  app.post(
    '/v1/apiClients/:id/credentials',
    {
      schema: {
        tags,
        summary: 'Add a credential',
        description: 'type SECRET (default) generates a secret, returned once in `secret`. Optional expireTime (RFC 3339).',
        params: ClientParams,
        body: Type.Object(
          {
            type: Type.Optional(Type.String({ maxLength: 40, description: 'SECRET, PUBLIC_KEY or FEDERATED' })),
            displayName: Type.Optional(Type.String({ maxLength: 200 })),
            expireTime: Type.Optional(Type.String()),
          },
          { additionalProperties: true },
        ),
        response: { 200: CredentialShape, ...errors },
      },
    },
    async (request) => {
      const type = (request.body.type ?? 'SECRET').toUpperCase();
      if (type !== 'SECRET') {
        const create = creators[type];
        if (!create) throw invalidArgument(`Credential type ${type.slice(0, 40)} is not supported; use ${['SECRET', ...Object.keys(creators)].join(', ')}.`, [{ field: 'type', description: 'a supported type' }]);
        const made = await create(services, { ctx: request.ctx, apiClientId: request.params.id, body: request.body });
        return toCredentialShape(made.credential, made.secret);
      }
      const issued = await services.clients.addSecret(request.ctx, request.params.id, {
        displayName: request.body.displayName,
        expireTime: parseTime('expireTime', request.body.expireTime),
      });
      return toCredentialShape(issued.credential, issued.secret);
    },
  );

  app.post(
    '/v1/apiClients/:id(^[^:]+)::rotateSecret',
    {
      // A bodyless POST means "all defaults"; validation needs an object to check.
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: {
        tags,
        summary: 'Rotate the client secret with an overlap',
        description:
          'Issues a new secret (returned once) and lets every other secret of the client expire after `overlap` ' +
          '(a duration such as "3600s"; default one hour; "0s" revokes them now). The body may be omitted.',
        params: ClientParams,
        body: RequestBody([Type.Object({
          overlap: Type.Optional(Type.Union([Type.String(), Type.Integer()])),
          displayName: Type.Optional(Type.String({ maxLength: 200 })),
          expireTime: Type.Optional(Type.String()),
        })]),
        response: {
          200: Type.Object({ credential: CredentialShape, secret: Type.String(), previousCredentials: Type.Array(Type.String()), previousExpireTime: Type.String() }),
          ...errors,
        },
      },
    },
    async (request) => {
      const body = request.body;
      const overlapSeconds = parseDuration('overlap', body.overlap, 3600);
      if (!Number.isInteger(overlapSeconds)) throw invalidArgument('overlap must be whole seconds.');
      const rotated = await services.clients.rotateSecret(request.ctx, request.params.id, {
        overlapSeconds,
        displayName: body.displayName,
        expireTime: parseTime('expireTime', body.expireTime),
      });
      return {
        credential: toCredentialShape(rotated.credential, rotated.secret),
        secret: rotated.secret,
        previousCredentials: rotated.expiredCredentialIds.map((id) => `apiClients/${request.params.id}/credentials/${id}`),
        previousExpireTime: new Date(Date.now() + overlapSeconds * 1000).toISOString(),
      };
    },
  );

  app.delete(
    '/v1/apiClients/:id/credentials/:credentialId',
    {
      schema: {
        tags,
        summary: 'Delete (revoke) a credential',
        description: 'Tokens obtained with it become inactive at once.',
        params: CredentialParams,
        response: { 200: Type.Object({}), ...errors },
      },
    },
    async (request) => {
      await services.clients.deleteCredential(request.ctx, request.params.id, request.params.credentialId);
      return {};
    },
  );
};
