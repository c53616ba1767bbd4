import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { invalidArgument } from '../domain/errors.js';
import type { Services } from '../services/index.js';
import { AllowedCidrs, CredentialShape, errors, MaxUses, parseDuration, parseTime, parseUpdateMask, RequestBody, toCredentialShape } from './shapes.js';

const ClientParams = Type.Object({ id: Type.String({ maxLength: 200 }) });
const CredentialParams = Type.Object({ id: Type.String({ maxLength: 200 }), credentialId: Type.String({ maxLength: 200 }) });
const tags = ['Credentials'];

/**
 * Other credential types (PUBLIC_KEY, FEDERATED) are added by their own module through this
 * hook, so the route stays one: it maps the body to a service call per type. `fields` are the
 * body fields the type takes besides type, displayName and expireTime: the body schema is their
 * union, and a field of another type is refused with the list of what each type takes.
 */
export interface CredentialCreator {
  fields: Record<string, TSchema>;
  create: (
    services: Services,
    request: { ctx: import('../domain/model.js').Context; apiClientId: string; body: Record<string, unknown> },
  ) => Promise<{ credential: import('../domain/model.js').Credential; secret?: string }>;
}

const COMMON_FIELDS = {
  type: Type.String({ maxLength: 40, description: 'SECRET (default), PUBLIC_KEY or FEDERATED' }),
  displayName: Type.String({ maxLength: 200 }),
  expireTime: Type.String({ description: 'RFC 3339' }),
  allowedCidrs: AllowedCidrs,
  maxUses: MaxUses,
};

/** "SECRET takes type, displayName, expireTime; PUBLIC_KEY takes … as well as jwk, jwks, jwksUri". */
function fieldsByType(creators: Record<string, CredentialCreator>) {
  const common = Object.keys(COMMON_FIELDS).join(', ');
  return [`SECRET takes ${common}`, ...Object.entries(creators).map(([type, c]) => `${type} takes ${common}, ${Object.keys(c.fields).join(', ')}`)].join('; ');
}

/**
 * The fields of one credential type, checked before the schema (which knows only their union):
 * `jwksUri` on a SECRET would otherwise be accepted and dropped. Output-only fields of the
 * resource stay accepted and ignored (AIP-203).
 */
function refuseFieldsOfOtherTypes(body: unknown, creators: Record<string, CredentialCreator>, outputOnly: Set<string>) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return;
  const given = (body as Record<string, unknown>).type;
  const type = typeof given === 'string' ? given.toUpperCase() : 'SECRET';
  if (type !== 'SECRET' && !creators[type]) return; // answered by the handler, with the supported types
  const own = new Set([...Object.keys(COMMON_FIELDS), ...Object.keys(creators[type]?.fields ?? {})]);
  const stray = Object.keys(body).find((field) => !own.has(field) && !outputOnly.has(field));
  if (stray === undefined) return;
  const ofAnother = Object.entries(creators).some(([, c]) => stray in c.fields);
  const name = stray.slice(0, 100);
  throw invalidArgument(
    `${name} is not a field of ${ofAnother ? `a ${type} credential` : 'a credential'}; ${fieldsByType(creators)}.`,
    [{ field: `body.${name}`, description: `is not a field of ${ofAnother ? `a ${type} credential` : 'this request'}; check its spelling against the API reference (/openapi.json)` }],
  );
}

export const credentialRoutes: FastifyPluginAsyncTypebox<{ services: Services; creators?: Record<string, CredentialCreator> }> = async (
  app,
  { services, creators = {} },
) => {
  app.get(
    '/v1/apiClients/:id/credentials',
    {
      schema: {
        tags,
        operationId: 'listCredentials', summary: "List a client's credentials",
        description:
          'Secrets are never listed, only their hint; lastUseTime is updated in batches. AIP-160 filter: lastUseTime < "2026-11-01T00:00:00Z" ' +
          '(not used since: last used before it, or never used and created before it), type = "SECRET", policyViolated = true.',
        params: ClientParams,
        querystring: Type.Object({ filter: Type.Optional(Type.String()) }),
        response: { 200: Type.Object({ credentials: Type.Array(CredentialShape) }), ...errors },
      },
    },
    async (request) => {
      const [credentials, policy] = await Promise.all([
        services.credentials.listCredentials(request.ctx, request.params.id, request.query.filter),
        services.credentials.policyOfClient(request.ctx, request.params.id),
      ]);
      return { credentials: credentials.map((c) => toCredentialShape(c, undefined, policy)) };
    },
  );

  app.get(
    '/v1/apiClients/:id/credentials/:credentialId',
    { schema: { tags, operationId: 'getCredential', summary: 'Get a credential', params: CredentialParams, response: { 200: CredentialShape, ...errors } } },
    async (request) => {
      const [credential, policy] = await Promise.all([
        services.credentials.getCredential(request.ctx, request.params.id, request.params.credentialId),
        services.credentials.policyOfClient(request.ctx, request.params.id),
      ]);
      return toCredentialShape(credential, undefined, policy);
    },
  );

  const kindFields = Object.values(creators).flatMap((c) => Object.entries(c.fields));
  const writable = new Set([...Object.keys(COMMON_FIELDS), ...kindFields.map(([field]) => field)]);
  const outputOnly = new Set(Object.keys(CredentialShape.properties).filter((field) => !writable.has(field)));
  app.post(
    '/v1/apiClients/:id/credentials',
    {
      preValidation: async (request) => refuseFieldsOfOtherTypes(request.body, creators, outputOnly),
      schema: {
        tags,
        operationId: 'createCredential', summary: 'Add a credential',
        description:
          'type SECRET (default) generates a secret, returned once in `secret`. Optional expireTime (RFC 3339). ' +
          `Each type takes its own fields, and a field of another type is refused: ${fieldsByType(creators)}.`,
        params: ClientParams,
        body: RequestBody(
          [Type.Object(Object.fromEntries([...Object.entries(COMMON_FIELDS), ...kindFields].map(([field, schema]) => [field, Type.Optional(schema)])))],
          CredentialShape,
        ),
        response: { 200: CredentialShape, ...errors },
      },
    },
    async (request) => {
      const body = request.body as Record<string, unknown> & { type?: string; displayName?: string; expireTime?: string; allowedCidrs?: string[]; maxUses?: number };
      const type = (body.type ?? 'SECRET').toUpperCase();
      if (type !== 'SECRET') {
        const create = creators[type]?.create;
        if (!create) throw invalidArgument(`Credential type ${type.slice(0, 40)} is not supported; use ${['SECRET', ...Object.keys(creators)].join(', ')}.`, [{ field: 'type', description: 'a supported type' }]);
        const made = await create(services, { ctx: request.ctx, apiClientId: request.params.id, body });
        return toCredentialShape(made.credential, made.secret);
      }
      const issued = await services.credentials.addSecret(request.ctx, request.params.id, {
        displayName: body.displayName,
        expireTime: parseTime('expireTime', body.expireTime),
        allowedCidrs: body.allowedCidrs,
        maxUses: body.maxUses,
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
        operationId: 'rotateApiClientSecret', summary: 'Rotate the client secret with an overlap',
        description:
          'Issues a new secret (returned once) and lets every other secret of the client expire after `overlap` ' +
          '(a duration such as "3600s"; default one hour; "0s" revokes them now). The new secret keeps the allowedCidrs of the newest ' +
          'secret unless the body names others (an empty list: any address); maxUses applies to the new secret only. The body may be omitted.',
        params: ClientParams,
        body: RequestBody([Type.Object({
          overlap: Type.Optional(Type.Union([Type.String(), Type.Integer()])),
          displayName: Type.Optional(Type.String({ maxLength: 200 })),
          expireTime: Type.Optional(Type.String()),
          allowedCidrs: Type.Optional(AllowedCidrs),
          maxUses: Type.Optional(MaxUses),
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
      const rotated = await services.credentials.rotateSecret(request.ctx, request.params.id, {
        overlapSeconds,
        displayName: body.displayName,
        expireTime: parseTime('expireTime', body.expireTime),
        allowedCidrs: body.allowedCidrs,
        maxUses: body.maxUses,
      });
      return {
        credential: toCredentialShape(rotated.credential, rotated.secret),
        secret: rotated.secret,
        previousCredentials: rotated.expiredCredentialIds.map((id) => `apiClients/${request.params.id}/credentials/${id}`),
        previousExpireTime: new Date(Date.now() + overlapSeconds * 1000).toISOString(),
      };
    },
  );

  app.patch(
    '/v1/apiClients/:id/credentials/:credentialId',
    {
      schema: {
        tags,
        operationId: 'updateCredential', summary: "Change a credential's fences",
        description:
          'AIP-134: changes allowedCidrs and maxUses, the fields in updateMask (without a mask, those present in the body). ' +
          'A field the mask names and the body leaves out is cleared: any address, no limit; so is maxUses null. ' +
          'useCount is kept: a maxUses at or below it leaves the credential no uses. Every instance applies the change to its next token request.',
        params: CredentialParams,
        querystring: Type.Object({ updateMask: Type.Optional(Type.String()) }),
        body: RequestBody(
          [Type.Object({
            allowedCidrs: Type.Optional(AllowedCidrs),
            // One JSON type list, not anyOf: under type coercion anyOf would turn null into 0 through
            // its integer branch, and a limit could never be removed.
            maxUses: Type.Optional(Type.Unsafe<number | null>({ type: ['integer', 'null'], description: `${MaxUses.description} null removes the limit.` })),
          })],
          CredentialShape,
        ),
        response: { 200: CredentialShape, ...errors },
      },
    },
    async (request) => {
      const { id, credentialId } = request.params;
      const [credential, policy] = await Promise.all([
        services.credentials.updateFences(request.ctx, id, credentialId, request.body, parseUpdateMask(request.query.updateMask)),
        services.credentials.policyOfClient(request.ctx, id),
      ]);
      return toCredentialShape(credential, undefined, policy);
    },
  );

  app.delete(
    '/v1/apiClients/:id/credentials/:credentialId',
    {
      schema: {
        tags,
        operationId: 'deleteCredential', summary: 'Delete (revoke) a credential',
        description: 'Tokens obtained with it become inactive at once.',
        params: CredentialParams,
        response: { 200: Type.Object({}), ...errors },
      },
    },
    async (request) => {
      await services.credentials.deleteCredential(request.ctx, request.params.id, request.params.credentialId);
      return {};
    },
  );

  app.get(
    '/v1/expiringCredentials',
    {
      schema: {
        tags,
        operationId: 'listExpiringCredentials', summary: 'Credentials of the organization that expire soon',
        description:
          "The organization's enabled credentials that expire between now and `before` (default 14 days ahead, at most 366), soonest first, " +
          'at most 100, each with its client. Needs the permission to read clients.',
        querystring: Type.Object({ before: Type.Optional(Type.String({ description: 'RFC 3339; default 14 days from now.' })) }),
        response: {
          200: Type.Object(
            {
              credentials: Type.Array(
                Type.Object(
                  {
                    apiClient: Type.String({ examples: ['apiClients/ac_donlangsbyz6iiksdt4c'] }),
                    clientId: Type.String(),
                    displayName: Type.String(),
                    workspace: Type.String({ examples: ['workspaces/wks_x'] }),
                    credential: CredentialShape,
                  },
                  { additionalProperties: false },
                ),
              ),
            },
            { additionalProperties: false },
          ),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const expiring = await services.credentials.expiringCredentials(request.ctx, { before: parseTime('before', request.query.before) ?? undefined });
      reply.header('cache-control', 'no-store');
      return {
        credentials: expiring.map((e) => ({
          apiClient: `apiClients/${e.credential.apiClientId}`,
          clientId: e.clientId,
          displayName: e.displayName,
          workspace: `workspaces/${e.workspaceId}`,
          credential: toCredentialShape(e.credential),
        })),
      };
    },
  );
};
