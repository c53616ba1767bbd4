import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { invalidArgument } from '../domain/errors.js';
import type { Provider, RoleBinding } from '../domain/model.js';
import type { Services } from '../services/index.js';
import { bareId, errors, PageQuery, parseUpdateMask, RequestBody, rfc3339 } from './shapes.js';

const Conditions = Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())]), {
  description: 'Claims a token must carry: each equals the value, or one of the values (for array claims: contains one).',
});

const Jwks = Type.Object({ keys: Type.Array(Type.Object({}, { additionalProperties: true }), { maxItems: 20 }) }, { description: 'A JWKS of public keys.' });

const ConsoleSignInShape = Type.Object(
  {
    clientId: Type.String({ description: "The console's public client (no secret) registered at the provider." }),
    scopes: Type.Array(Type.String(), { description: 'What the console asks the provider for; openid when left out.' }),
  },
  { description: 'The console signs people in through this provider (with adminSignIn on): authorization code with PKCE, as clientId.' },
);

export const ProviderShape = Type.Object({
  name: Type.String({ examples: ['providers/prv_x'] }),
  id: Type.String(),
  identifier: Type.String(),
  displayName: Type.String(),
  description: Type.String(),
  issuer: Type.String(),
  jwksUri: Type.Union([Type.String(), Type.Null()], { description: 'null: discovered from the issuer' }),
  jwks: Type.Union([Jwks, Type.Null()], { description: 'Keys pinned here (a SPIFFE trust bundle, say), used instead of fetching any; null: jwksUri or discovery.' }),
  audience: Type.Union([Type.String(), Type.Null()], { description: "null: Keyward's issuer URL" }),
  claimConditions: Conditions,
  adminSignIn: Type.Boolean(),
  consoleSignIn: Type.Union([ConsoleSignInShape, Type.Null()], { description: 'null: the console does not offer sign-in through this provider' }),
  workspace: Type.String(),
  createdBy: Type.String(),
  updatedBy: Type.String(),
  createTime: Type.String(),
  updateTime: Type.String(),
});

export const toProviderShape = (p: Provider): Static<typeof ProviderShape> => ({
  name: `providers/${p.id}`,
  id: p.id,
  identifier: p.identifier,
  displayName: p.displayName,
  description: p.description,
  issuer: p.issuer,
  jwksUri: p.jwksUri,
  jwks: p.jwks,
  audience: p.audience,
  claimConditions: p.claimConditions,
  adminSignIn: p.adminSignIn,
  consoleSignIn: p.consoleSignIn,
  workspace: `workspaces/${p.workspaceId}`,
  createdBy: p.createdBy,
  updatedBy: p.updatedBy,
  createTime: rfc3339(p.createTime)!,
  updateTime: rfc3339(p.updateTime)!,
});

const RoleBindingShape = Type.Object({
  name: Type.String({ examples: ['roleBindings/rb_x'] }),
  principal: Type.String({ examples: ['users/8f14e45f'] }),
  provider: Type.String(),
  role: Type.String(),
  createdBy: Type.String(),
  createTime: Type.String(),
});

const toRoleBindingShape = (b: RoleBinding): Static<typeof RoleBindingShape> => ({
  name: `roleBindings/${b.id}`,
  principal: `users/${b.subject}`,
  provider: `providers/${b.providerId}`,
  role: `roles/${b.roleId}`,
  createdBy: b.createdBy,
  createTime: rfc3339(b.createTime)!,
});

const ProviderBody = Type.Object({
  identifier: Type.Optional(Type.String({ maxLength: 255 })),
  displayName: Type.Optional(Type.String({ maxLength: 255 })),
  description: Type.Optional(Type.String({ maxLength: 2048 })),
  issuer: Type.Optional(Type.String({ maxLength: 2000, description: 'The exact iss of the tokens to trust.' })),
  // null first: with type coercion on, a string-first union would turn null into "".
  jwksUri: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 2000 })])),
  jwks: Type.Optional(Type.Union([Type.Null(), Jwks])),
  audience: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 500 })])),
  claimConditions: Type.Optional(Conditions),
  adminSignIn: Type.Optional(Type.Boolean({ description: 'Its users may sign in to the admin API with the roles bound to them.' })),
  consoleSignIn: Type.Optional(
    Type.Union([
      Type.Null(),
      Type.Object(
        {
          clientId: Type.String({ maxLength: 255 }),
          scopes: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 })),
        },
        { additionalProperties: false },
      ),
    ], { description: 'Offer sign-in through this provider in the console (listed at /v1/signInProviders while adminSignIn is on); null removes it.' }),
  ),
});

const IdParams = Type.Object({ id: Type.String({ maxLength: 200 }) });

const SignInProviderShape = Type.Object({
  name: Type.String({ examples: ['providers/prv_x'] }),
  id: Type.String(),
  organization: Type.String({ description: 'Send its id as X-Keyward-Org when several organizations trust the same issuer.', examples: ['organizations/org_x'] }),
  displayName: Type.String(),
  issuer: Type.String({ description: "The provider's issuer: its OpenID discovery document names the authorization and token endpoints." }),
  clientId: Type.String({ description: "The console's public client at the provider." }),
  scopes: Type.Array(Type.String()),
  audience: Type.String({ description: 'The audience the access token must carry: ask for it as the resource (RFC 8707).' }),
});

/**
 * Before anyone signs in: which providers the console offers, with what it needs to start the
 * authorization code flow there. Public by design, so it says nothing else (no role bindings,
 * conditions or key sets). Served from memory, as discovery and the key set are, so it costs no
 * database read per request.
 */
export const signInProviderRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/v1/signInProviders',
    {
      schema: {
        tags: ['Providers'],
        operationId: 'listSignInProviders',
        summary: 'Providers the console offers for sign-in',
        description:
          'Needs no token. Each provider with adminSignIn and consoleSignIn set: run the authorization code flow with PKCE at its issuer as clientId ' +
          '(a public client), asking for scopes and for audience as resource, and call this API with the access token it returns.',
        security: [],
        response: { 200: Type.Object({ signInProviders: Type.Array(SignInProviderShape) }), ...errors },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      const providers = await services.signInProviders.list();
      return {
        signInProviders: providers.map((p) => ({
          name: `providers/${p.id}`,
          id: p.id,
          organization: `organizations/${p.orgId}`,
          displayName: p.displayName,
          issuer: p.issuer,
          clientId: p.clientId,
          scopes: p.scopes,
          audience: p.audience,
        })),
      };
    },
  );
};

export const providerRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const tags = ['Providers'];
  app.post(
    '/v1/providers',
    {
      schema: {
        tags,
        operationId: 'createProvider', summary: 'Trust an external issuer',
        description:
          'Its tokens can then authenticate clients that hold a FEDERATED credential naming it, and, with adminSignIn, people at this API. ' +
          'Keys come from jwksUri, or from the issuer\'s OpenID discovery document when jwksUri is omitted. Tokens must carry `audience` ' +
          "(Keyward's issuer URL by default).",
        body: RequestBody([Type.Object({ displayName: Type.String(), issuer: Type.String() }), ProviderBody, Type.Object({ workspace: Type.Optional(Type.String()) })], ProviderShape),
        response: { 200: ProviderShape, ...errors },
      },
    },
    async (request) => {
      const { workspace, ...body } = request.body;
      return toProviderShape(await services.providers.create(request.ctx, { ...body, workspaceId: workspace ? bareId(workspace, 'workspaces') : undefined }));
    },
  );

  app.get(
    '/v1/providers',
    {
      schema: {
        tags,
        operationId: 'listProviders', summary: 'List providers',
        querystring: PageQuery,
        response: { 200: Type.Object({ providers: Type.Array(ProviderShape), nextPageToken: Type.String() }), ...errors },
      },
    },
    async (request) => {
      const page = await services.providers.list(request.ctx, request.query);
      return { providers: page.items.map(toProviderShape), nextPageToken: page.nextPageToken };
    },
  );

  app.get(
    '/v1/providers/:id',
    { schema: { tags, operationId: 'getProvider', summary: 'Get a provider', params: IdParams, response: { 200: ProviderShape, ...errors } } },
    async (request) => toProviderShape(await services.providers.get(request.ctx, request.params.id)),
  );

  app.patch(
    '/v1/providers/:id',
    {
      schema: {
        tags,
        operationId: 'updateProvider', summary: 'Update a provider',
        description: 'AIP-134: only the fields in updateMask change; without a mask, every field present in the body.',
        params: IdParams,
        querystring: Type.Object({ updateMask: Type.Optional(Type.String()) }),
        body: RequestBody([ProviderBody], ProviderShape),
        response: { 200: ProviderShape, ...errors },
      },
    },
    async (request) =>
      toProviderShape(await services.providers.update(request.ctx, request.params.id, request.body, parseUpdateMask(request.query.updateMask))),
  );

  app.delete(
    '/v1/providers/:id',
    {
      schema: {
        tags,
        operationId: 'deleteProvider', summary: 'Delete a provider',
        description: 'Refused while federated credentials or role bindings name it.',
        params: IdParams,
        response: { 200: Type.Object({}), ...errors },
      },
    },
    async (request) => {
      await services.providers.delete(request.ctx, request.params.id);
      return {};
    },
  );
};

export const roleBindingRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const tags = ['Role bindings'];
  app.post(
    '/v1/roleBindings',
    {
      schema: {
        tags,
        operationId: 'createRoleBinding', summary: 'Give a user a role',
        description:
          'A USER principal is a subject of a provider with adminSignIn: `users/{sub}`, or `users/*` for every user it signs in. ' +
          'Signed in with that provider\'s token, the user holds the permissions of its roles.',
        body: RequestBody([Type.Object({
          principal: Type.String({ maxLength: 300, examples: ['users/8f14e45f'] }),
          provider: Type.String({ maxLength: 200, examples: ['providers/prv_x'] }),
          role: Type.String({ maxLength: 200, examples: ['roles/726f6c5f68386b6c46596c4a335350384e6a7377'] }),
        })], RoleBindingShape),
        response: { 200: RoleBindingShape, ...errors },
      },
    },
    async (request) => {
      const { principal, provider, role } = request.body;
      if (!principal.startsWith('users/')) {
        throw invalidArgument('principal must be users/{subject}.', [{ field: 'principal', description: 'users/{sub} or users/*' }]);
      }
      const binding = await services.roleBindings.create(request.ctx, {
        subject: principal.slice('users/'.length),
        providerId: bareId(provider, 'providers'),
        roleId: bareId(role, 'roles'),
      });
      return toRoleBindingShape(binding);
    },
  );

  app.get(
    '/v1/roleBindings',
    {
      schema: {
        tags,
        operationId: 'listRoleBindings', summary: 'List role bindings',
        querystring: Type.Intersect([PageQuery, Type.Object({ provider: Type.Optional(Type.String({ maxLength: 200 })) })]),
        response: { 200: Type.Object({ roleBindings: Type.Array(RoleBindingShape), nextPageToken: Type.String() }), ...errors },
      },
    },
    async (request) => {
      const { provider, ...page } = request.query;
      const result = await services.roleBindings.list(request.ctx, { ...page, providerId: provider ? bareId(provider, 'providers') : undefined });
      return { roleBindings: result.items.map(toRoleBindingShape), nextPageToken: result.nextPageToken };
    },
  );

  app.get(
    '/v1/roleBindings/:id',
    { schema: { tags, operationId: 'getRoleBinding', summary: 'Get a role binding', params: IdParams, response: { 200: RoleBindingShape, ...errors } } },
    async (request) => toRoleBindingShape(await services.roleBindings.get(request.ctx, request.params.id)),
  );

  app.delete(
    '/v1/roleBindings/:id',
    { schema: { tags, operationId: 'deleteRoleBinding', summary: 'Delete a role binding', params: IdParams, response: { 200: Type.Object({}), ...errors } } },
    async (request) => {
      await services.roleBindings.delete(request.ctx, request.params.id);
      return {};
    },
  );
};
