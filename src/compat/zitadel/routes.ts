import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { failedPrecondition, invalidArgument, isMissing, notFound } from '../../domain/errors.js';
import type { ApiClient, Context, Credential, Page, Workspace } from '../../domain/model.js';
import type { Services } from '../../services/index.js';
import {
  AUTH_METHOD,
  LABEL,
  apiAppClientId,
  appShape,
  clientResource,
  detailsOf,
  keyFile,
  keyResource,
  keyShape,
  listDetails,
  machineUserShape,
  projectResource,
  projectShape,
} from './shapes.js';

/**
 * Zitadel's Management API v1 (`/management/v1`), as far as machine identities go: projects
 * (workspaces), API apps (clients), their secrets and JSON keys, and machine users (clients in
 * the organization's default workspace). `x-zitadel-orgid` chooses the organization.
 */
const Rpc = Type.Object({}, { additionalProperties: true });
const ListQuery = Type.Optional(
  Type.Object({ offset: Type.Optional(Type.Union([Type.String(), Type.Integer()])), limit: Type.Optional(Type.Integer({ minimum: 0 })), asc: Type.Optional(Type.Boolean()) }),
);
const NameQuery = Type.Object({ nameQuery: Type.Optional(Type.Object({ name: Type.String({ maxLength: 200 }), method: Type.Optional(Type.String()) })) }, { additionalProperties: true });
const SearchBody = Type.Optional(Type.Object({ query: ListQuery, queries: Type.Optional(Type.Array(NameQuery, { maxItems: 10 })) }));
const AuthMethodType = Type.Union([Type.Literal(AUTH_METHOD.basic), Type.Literal(AUTH_METHOD.jwt)]);
const KeyBody = Type.Object({
  type: Type.Literal('KEY_TYPE_JSON', { description: 'KEY_TYPE_UNSPECIFIED is refused, as in Zitadel' }),
  expirationDate: Type.Optional(Type.String()),
  publicKey: Type.Optional(Type.String({ maxLength: 20000, description: 'base64 of a PEM public key; the response then holds no private key' })),
});
const ProjectParams = Type.Object({ projectId: Type.String({ maxLength: 200 }) });
const AppParams = Type.Object({ projectId: Type.String({ maxLength: 200 }), appId: Type.String({ maxLength: 200 }) });
const AppKeyParams = Type.Object({ projectId: Type.String({ maxLength: 200 }), appId: Type.String({ maxLength: 200 }), keyId: Type.String({ maxLength: 200 }) });
const UserParams = Type.Object({ userId: Type.String({ maxLength: 200 }) });
const UserKeyParams = Type.Object({ userId: Type.String({ maxLength: 200 }), keyId: Type.String({ maxLength: 200 }) });

const MAX_LIMIT = 1000;

function parseExpiration(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw invalidArgument('expirationDate must be an RFC 3339 time.', [{ field: 'expirationDate', description: 'an RFC 3339 time' }]);
  return ms;
}

/** A text query as the AIP-160 filter the client list understands. */
function nameFilter(queries: { nameQuery?: { name: string; method?: string } }[] | undefined): string | undefined {
  const terms = (queries ?? []).flatMap((q) => (q.nameQuery ? [q.nameQuery] : []));
  return terms.length === 0 ? undefined : terms.map((t) => `displayName ${operatorOf(t.method)} "${t.name.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(' AND ');
}

function operatorOf(method: string | undefined): string {
  switch (method ?? 'TEXT_QUERY_METHOD_EQUALS') {
    case 'TEXT_QUERY_METHOD_EQUALS':
      return '=';
    case 'TEXT_QUERY_METHOD_CONTAINS':
      return ':';
    default:
      throw invalidArgument(`nameQuery method ${String(method).slice(0, 60)} is not supported; use TEXT_QUERY_METHOD_EQUALS or TEXT_QUERY_METHOD_CONTAINS.`, [
        { field: 'queries.nameQuery.method', description: 'EQUALS or CONTAINS' },
      ]);
  }
}

/**
 * Zitadel pages by offset; the services by keyset, so the rows before the offset are read and
 * skipped. `total` is exact once the last page was read, and otherwise one more than the rows
 * seen: a client that pages until it has `totalResult` rows asks for the next page and gets it.
 */
async function window<T>(query: { offset?: string | number; limit?: number } | undefined, read: (pageToken?: string) => Promise<Page<T>>) {
  const offset = Number(query?.offset ?? 0);
  const limit = query?.limit ? Math.min(query.limit, MAX_LIMIT) : MAX_LIMIT;
  if (!Number.isInteger(offset) || offset < 0) throw invalidArgument('query.offset must be a whole number.', [{ field: 'query.offset', description: 'a whole number' }]);
  const items: T[] = [];
  let seen = 0;
  let token: string | undefined;
  do {
    const page = await read(token);
    for (const row of page.items) {
      if (seen >= offset && items.length < limit) items.push(row);
      seen += 1;
    }
    token = page.nextPageToken || undefined;
  } while (token && seen < offset + limit);
  return { total: seen + (token ? 1 : 0), items };
}

// One tag per resource (project, app, machine user), so a generated client groups them apart.
const zitadelTag = (url: string) =>
  url.includes('/apps') ? 'Zitadel apps' : url.includes('/users') ? 'Zitadel users' : url.includes('/projects') ? 'Zitadel projects' : 'Zitadel';

export const zitadelRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, tags: [zitadelTag(route.url)] };
  });
  // grpc-gateway reads a missing body as an empty message; so do we (`_deactivate`, `_search`, …).
  app.addHook('preValidation', async (request) => {
    if ((request.method === 'POST' || request.method === 'PUT') && (request.body === undefined || request.body === null)) request.body = {};
  });
  const base = '/management/v1';

  const project = (ctx: Context, id: string) => services.workspaces.get(ctx, id);
  const apiApp = async (ctx: Context, projectId: string, appId: string): Promise<ApiClient> => {
    await project(ctx, projectId);
    const client = await services.clients.get(ctx, appId);
    if (client.workspaceId !== projectId || client.labels[LABEL.kind] === 'machine_user') throw notFound(`App ${appId} in project ${projectId}`);
    return client;
  };
  // An API client is an app unless it is a machine user, so these routes name it themselves.
  const machineUser = async (ctx: Context, userId: string): Promise<ApiClient> => {
    const client = await services.clients.get(ctx, userId).catch((error: unknown) => {
      throw isMissing(error, 'apiClient') ? notFound(`Machine user ${userId}`) : error;
    });
    if (client.labels[LABEL.kind] !== 'machine_user') throw notFound(`Machine user ${userId}`);
    return client;
  };
  const keyOf = async (ctx: Context, client: ApiClient, keyId: string): Promise<Credential> => {
    const key = await services.clients.getCredential(ctx, client.id, keyId);
    if (key.type !== 'public_key') throw notFound(`Key ${keyId}`);
    return key;
  };
  const hasSecret = async (ctx: Context, client: ApiClient) => (await services.clients.listCredentials(ctx, client.id)).some((c) => c.type === 'secret');

  // ── Projects ───────────────────────────────────────────────────────────────────────────
  app.post(
    `${base}/projects`,
    { schema: { operationId: 'zitadelAddProject', summary: 'AddProject', body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: true }), response: { 200: Rpc } } },
    async (request) => {
      const ws = await services.workspaces.create(request.ctx, { displayName: request.body.name });
      return { id: ws.id, details: await detailsOf(services, ws.orgId, projectResource(ws.id)) };
    },
  );

  app.post(`${base}/projects/_search`, { schema: { operationId: 'zitadelListProjects', summary: 'ListProjects', body: SearchBody, response: { 200: Rpc } } }, async (request) => {
    const body = request.body ?? {};
    const names = (body.queries ?? []).flatMap((q) => (q.nameQuery ? [q.nameQuery] : []));
    names.forEach((n) => operatorOf(n.method));
    const matches = (ws: Workspace) => names.every((n) => (operatorOf(n.method) === '=' ? ws.displayName === n.name : ws.displayName.includes(n.name)));
    // Newest first unless `asc`, as Zitadel lists; the names are matched before the offset counts.
    const { items, total } = await window(body.query, async (pageToken) => {
      const page = await services.workspaces.list(request.ctx, { pageSize: MAX_LIMIT, pageToken, descending: !body.query?.asc });
      return { ...page, items: page.items.filter(matches) };
    });
    const result = await Promise.all(items.map((ws) => projectShape(services, ws)));
    return { details: listDetails(total, result), result };
  });

  app.get(`${base}/projects/:projectId`, { schema: { operationId: 'zitadelGetProjectById', summary: 'GetProjectByID', params: ProjectParams, response: { 200: Rpc } } }, async (request) => ({
    project: await projectShape(services, await project(request.ctx, request.params.projectId)),
  }));

  app.put(
    `${base}/projects/:projectId`,
    { schema: { operationId: 'zitadelUpdateProject', summary: 'UpdateProject', params: ProjectParams, body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: true }), response: { 200: Rpc } } },
    async (request) => {
      const ws = await services.workspaces.update(request.ctx, request.params.projectId, { displayName: request.body.name });
      return { details: await detailsOf(services, ws.orgId, projectResource(ws.id)) };
    },
  );

  app.delete(`${base}/projects/:projectId`, { schema: { operationId: 'zitadelRemoveProject', summary: 'RemoveProject', params: ProjectParams, response: { 200: Rpc } } }, async (request) => {
    const ws = await services.workspaces.delete(request.ctx, request.params.projectId);
    return { details: await detailsOf(services, ws.orgId, projectResource(ws.id)) };
  });

  // ── API apps ───────────────────────────────────────────────────────────────────────────
  app.post(
    `${base}/projects/:projectId/apps/api`,
    {
      schema: {
        operationId: 'zitadelAddApiApp', summary: 'AddAPIApp',
        description: 'BASIC apps get a client secret, returned this once; PRIVATE_KEY_JWT apps get none and authenticate with an app key.',
        params: ProjectParams,
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), authMethodType: Type.Optional(AuthMethodType) }),
        response: { 200: Rpc },
      },
    },
    async (request) => {
      const ws = await project(request.ctx, request.params.projectId);
      const jwt = request.body.authMethodType === AUTH_METHOD.jwt;
      const created = await services.clients.create(request.ctx, {
        displayName: request.body.name,
        workspaceId: ws.id,
        clientId: apiAppClientId(ws.displayName),
        labels: { [LABEL.kind]: 'api_app', [LABEL.authMethod]: jwt ? 'private_key_jwt' : 'basic' },
      }, { withoutSecret: jwt });
      return {
        appId: created.client.id,
        details: await detailsOf(services, created.client.orgId, clientResource(created.client.id)),
        clientId: created.client.clientId,
        clientSecret: created.secret ?? '',
      };
    },
  );

  app.post(`${base}/projects/:projectId/apps/_search`, { schema: { operationId: 'zitadelListApps', summary: 'ListApps', params: ProjectParams, body: SearchBody, response: { 200: Rpc } } }, async (request) => {
    await project(request.ctx, request.params.projectId);
    const body = request.body ?? {};
    const names = nameFilter(body.queries);
    const filter = [`workspace = "${request.params.projectId.replace(/["\\]/g, '')}"`, ...(names ? [names] : [])].join(' AND ');
    const orderBy = body.query?.asc ? 'createTime' : 'createTime desc';
    // Machine users live in the default workspace too; they are left out before the offset counts.
    const { items, total } = await window(body.query, async (pageToken) => {
      const page = await services.clients.list(request.ctx, { filter, orderBy, pageSize: MAX_LIMIT, pageToken });
      return { ...page, items: page.items.filter((c) => c.labels[LABEL.kind] !== 'machine_user') };
    });
    const result = await Promise.all(items.map((c) => appShape(services, c)));
    return { details: listDetails(total, result), result };
  });

  app.get(`${base}/projects/:projectId/apps/:appId`, { schema: { operationId: 'zitadelGetAppById', summary: 'GetAppByID', params: AppParams, response: { 200: Rpc } } }, async (request) => ({
    app: await appShape(services, await apiApp(request.ctx, request.params.projectId, request.params.appId)),
  }));

  app.put(
    `${base}/projects/:projectId/apps/:appId`,
    { schema: { operationId: 'zitadelUpdateApp', summary: 'UpdateApp', params: AppParams, body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }), response: { 200: Rpc } } },
    async (request) => {
      const client = await apiApp(request.ctx, request.params.projectId, request.params.appId);
      await services.clients.update(request.ctx, client.id, { displayName: request.body.name }, ['displayName']);
      return { details: await detailsOf(services, client.orgId, clientResource(client.id)) };
    },
  );

  app.put(
    `${base}/projects/:projectId/apps/:appId/api_config`,
    {
      schema: {
        operationId: 'zitadelUpdateApiAppConfig', summary: 'UpdateAPIAppConfig',
        description: 'Switching to PRIVATE_KEY_JWT removes the secrets; switching to BASIC needs a new secret from _generate_client_secret.',
        params: AppParams,
        body: Type.Object({ authMethodType: AuthMethodType }),
        response: { 200: Rpc },
      },
    },
    async (request) => {
      const client = await apiApp(request.ctx, request.params.projectId, request.params.appId);
      const jwt = request.body.authMethodType === AUTH_METHOD.jwt;
      // One label, merged inside the update's transaction: the client's other labels are not rewritten.
      const labels = { [LABEL.authMethod]: jwt ? 'private_key_jwt' : 'basic' };
      const mask = [`labels.${LABEL.authMethod}`];
      if (jwt) await services.secretless.updateRemovingSecrets(request.ctx, client.id, { labels }, mask);
      else await services.clients.update(request.ctx, client.id, { labels }, mask);
      return { details: await detailsOf(services, client.orgId, clientResource(client.id)) };
    },
  );

  for (const [verb, enabled] of [
    ['_deactivate', false],
    ['_reactivate', true],
  ] as const) {
    app.post(
      `${base}/projects/:projectId/apps/:appId/${verb}`,
      { schema: { operationId: enabled ? 'zitadelReactivateApp' : 'zitadelDeactivateApp', summary: enabled ? 'ReactivateApp' : 'DeactivateApp', params: AppParams, body: Type.Optional(Rpc), response: { 200: Rpc } } },
      async (request) => {
        const client = await apiApp(request.ctx, request.params.projectId, request.params.appId);
        if (client.enabled === enabled) throw failedPrecondition(`App ${client.id} is already ${enabled ? 'active' : 'inactive'}.`);
        await services.clients.setEnabled(request.ctx, client.id, enabled);
        return { details: await detailsOf(services, client.orgId, clientResource(client.id)) };
      },
    );
  }

  app.delete(`${base}/projects/:projectId/apps/:appId`, { schema: { operationId: 'zitadelRemoveApp', summary: 'RemoveApp', params: AppParams, response: { 200: Rpc } } }, async (request) => {
    const client = await apiApp(request.ctx, request.params.projectId, request.params.appId);
    await services.clients.delete(request.ctx, client.id);
    return { details: await detailsOf(services, client.orgId, clientResource(client.id)) };
  });

  app.post(
    `${base}/projects/:projectId/apps/:appId/api_config/_generate_client_secret`,
    {
      schema: {
        operationId: 'zitadelRegenerateApiClientSecret', summary: 'RegenerateAPIClientSecret',
        description: 'A new client secret, returned this once; the previous secret stops working at once. Refused (FAILED_PRECONDITION) for a PRIVATE_KEY_JWT app.',
        params: AppParams,
        body: Type.Optional(Rpc),
        response: { 200: Rpc },
      },
    },
    async (request) => {
      const client = await apiApp(request.ctx, request.params.projectId, request.params.appId);
      // A secret would let a key-only app authenticate with it: the switch comes first, explicitly.
      if (client.labels[LABEL.authMethod] === 'private_key_jwt') {
        throw failedPrecondition(
          `App ${client.id} authenticates with API_AUTH_METHOD_TYPE_PRIVATE_KEY_JWT and has no secret; set authMethodType API_AUTH_METHOD_TYPE_BASIC through PUT …/api_config first.`,
        );
      }
      const issued = await services.clients.replaceSecret(request.ctx, client.id);
      return { clientSecret: issued.secret, details: await detailsOf(services, client.orgId, clientResource(client.id)) };
    },
  );

  // ── App keys ───────────────────────────────────────────────────────────────────────────
  app.post(
    `${base}/projects/:projectId/apps/:appId/keys`,
    {
      schema: {
        operationId: 'zitadelAddAppKey', summary: 'AddAppKey',
        description: 'Generates an RSA key; keyDetails is the base64 JSON key file holding the private key, returned this once.',
        params: AppParams,
        body: KeyBody,
        response: { 200: Rpc },
      },
    },
    async (request) => {
      const client = await apiApp(request.ctx, request.params.projectId, request.params.appId);
      const { credential, privateKeyPem } = await services.secretless.generateKeyPair(request.ctx, client.id, {
        displayName: 'app key',
        expireTime: parseExpiration(request.body.expirationDate),
      });
      return {
        id: credential.id,
        details: await detailsOf(services, client.orgId, keyResource(client.id, credential.id)),
        keyDetails: keyFile({ type: 'application', keyId: credential.id, key: privateKeyPem, appId: client.id, clientId: client.clientId }),
      };
    },
  );

  app.post(`${base}/projects/:projectId/apps/:appId/keys/_search`, { schema: { operationId: 'zitadelListAppKeys', summary: 'ListAppKeys', params: AppParams, body: SearchBody, response: { 200: Rpc } } }, async (request) => {
    const client = await apiApp(request.ctx, request.params.projectId, request.params.appId);
    const keys = (await services.clients.listCredentials(request.ctx, client.id)).filter((c) => c.type === 'public_key');
    const result = await Promise.all(keys.map((k) => keyShape(services, client, k)));
    return { details: listDetails(result.length, result), result };
  });

  app.get(`${base}/projects/:projectId/apps/:appId/keys/:keyId`, { schema: { operationId: 'zitadelGetAppKey', summary: 'GetAppKey', params: AppKeyParams, response: { 200: Rpc } } }, async (request) => {
    const client = await apiApp(request.ctx, request.params.projectId, request.params.appId);
    return { key: await keyShape(services, client, await keyOf(request.ctx, client, request.params.keyId)) };
  });

  app.delete(`${base}/projects/:projectId/apps/:appId/keys/:keyId`, { schema: { operationId: 'zitadelRemoveAppKey', summary: 'RemoveAppKey', params: AppKeyParams, response: { 200: Rpc } } }, async (request) => {
    const client = await apiApp(request.ctx, request.params.projectId, request.params.appId);
    const key = await keyOf(request.ctx, client, request.params.keyId);
    await services.clients.deleteCredential(request.ctx, client.id, key.id);
    return { details: await detailsOf(services, client.orgId, keyResource(client.id, key.id)) };
  });

  // ── Machine users ──────────────────────────────────────────────────────────────────────
  app.post(
    `${base}/users/machine`,
    {
      schema: {
        operationId: 'zitadelAddMachineUser', summary: 'AddMachineUser',
        description: 'A machine user is an API client whose client id is its userName; it has no secret until PUT /users/{userId}/secret.',
        body: Type.Object({
          userName: Type.String({ minLength: 1, maxLength: 200 }),
          name: Type.String({ minLength: 1, maxLength: 200 }),
          description: Type.Optional(Type.String({ maxLength: 500 })),
          accessTokenType: Type.Optional(Type.Union([Type.Literal('ACCESS_TOKEN_TYPE_BEARER'), Type.Literal('ACCESS_TOKEN_TYPE_JWT')])),
          userId: Type.Optional(Type.String({ maxLength: 200 })),
        }),
        response: { 200: Rpc },
      },
    },
    async (request) => {
      const { userName, name, description, accessTokenType, userId } = request.body;
      if (userId) throw invalidArgument('userId cannot be chosen here; Keyward generates user ids.', [{ field: 'userId', description: 'leave it out' }]);
      const created = await services.clients.create(request.ctx, {
        clientId: userName,
        displayName: name,
        description,
        labels: { [LABEL.kind]: 'machine_user', [LABEL.accessTokenType]: accessTokenType ?? 'ACCESS_TOKEN_TYPE_BEARER' },
      }, { withoutSecret: true });
      return { userId: created.client.id, details: await detailsOf(services, created.client.orgId, clientResource(created.client.id)) };
    },
  );

  app.get(`${base}/users/:userId`, { schema: { operationId: 'zitadelGetUserById', summary: 'GetUserByID', params: UserParams, response: { 200: Rpc } } }, async (request) => {
    const client = await machineUser(request.ctx, request.params.userId);
    return { user: await machineUserShape(services, client, await hasSecret(request.ctx, client)) };
  });

  app.delete(`${base}/users/:userId`, { schema: { operationId: 'zitadelRemoveUser', summary: 'RemoveUser', params: UserParams, response: { 200: Rpc } } }, async (request) => {
    const client = await machineUser(request.ctx, request.params.userId);
    await services.clients.delete(request.ctx, client.id);
    return { details: await detailsOf(services, client.orgId, clientResource(client.id)) };
  });

  app.put(
    `${base}/users/:userId/secret`,
    {
      schema: {
        operationId: 'zitadelGenerateMachineSecret', summary: 'GenerateMachineSecret',
        description: 'A new secret, returned this once; it replaces the previous one.',
        params: UserParams,
        body: Type.Optional(Rpc),
        response: { 200: Rpc },
      },
    },
    async (request) => {
      const client = await machineUser(request.ctx, request.params.userId);
      const issued = await services.clients.replaceSecret(request.ctx, client.id);
      return { clientId: client.clientId, clientSecret: issued.secret, details: await detailsOf(services, client.orgId, clientResource(client.id)) };
    },
  );

  app.delete(`${base}/users/:userId/secret`, { schema: { operationId: 'zitadelRemoveMachineSecret', summary: 'RemoveMachineSecret', params: UserParams, response: { 200: Rpc } } }, async (request) => {
    const client = await machineUser(request.ctx, request.params.userId);
    await services.secretless.removeSecrets(request.ctx, client.id);
    return { details: await detailsOf(services, client.orgId, clientResource(client.id)) };
  });

  app.post(
    `${base}/users/:userId/keys`,
    {
      schema: {
        operationId: 'zitadelAddMachineKey', summary: 'AddMachineKey',
        description: 'Without publicKey, an RSA key is generated and the key file (with its private key) is returned this once.',
        params: UserParams,
        body: KeyBody,
        response: { 200: Rpc },
      },
    },
    async (request) => {
      const client = await machineUser(request.ctx, request.params.userId);
      const expireTime = parseExpiration(request.body.expirationDate);
      if (request.body.publicKey) {
        const pem = Buffer.from(request.body.publicKey, 'base64').toString('utf8');
        const credential = await services.secretless.addPemKey(request.ctx, client.id, { pem, displayName: 'machine key', expireTime });
        return {
          keyId: credential.id,
          keyDetails: keyFile({ type: 'serviceaccount', keyId: credential.id, userId: client.id }),
          details: await detailsOf(services, client.orgId, keyResource(client.id, credential.id)),
        };
      }
      const { credential, privateKeyPem } = await services.secretless.generateKeyPair(request.ctx, client.id, { displayName: 'machine key', expireTime });
      return {
        keyId: credential.id,
        keyDetails: keyFile({ type: 'serviceaccount', keyId: credential.id, key: privateKeyPem, userId: client.id }),
        details: await detailsOf(services, client.orgId, keyResource(client.id, credential.id)),
      };
    },
  );

  app.post(`${base}/users/:userId/keys/_search`, { schema: { operationId: 'zitadelListMachineKeys', summary: 'ListMachineKeys', params: UserParams, body: SearchBody, response: { 200: Rpc } } }, async (request) => {
    const client = await machineUser(request.ctx, request.params.userId);
    const keys = (await services.clients.listCredentials(request.ctx, client.id)).filter((c) => c.type === 'public_key');
    const result = await Promise.all(keys.map((k) => keyShape(services, client, k)));
    return { details: listDetails(result.length, result), result };
  });

  app.delete(`${base}/users/:userId/keys/:keyId`, { schema: { operationId: 'zitadelRemoveMachineKey', summary: 'RemoveMachineKey', params: UserKeyParams, response: { 200: Rpc } } }, async (request) => {
    const client = await machineUser(request.ctx, request.params.userId);
    const key = await keyOf(request.ctx, client, request.params.keyId);
    await services.clients.deleteCredential(request.ctx, client.id, key.id);
    return { details: await detailsOf(services, client.orgId, keyResource(client.id, key.id)) };
  });
};
