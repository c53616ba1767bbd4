import { Type } from '@sinclair/typebox';
import { failedPrecondition } from '../../../domain/errors.js';
import type { Services } from '../../../services/index.js';
import { AUTH_METHOD, LABEL, apiAppClientId, appShape, clientResource, keyFile, keyResource, keyShape, listDetails } from '../shapes.js';
import { AppKeyParams, AppParams, AuthMethodType, BASE, KeyBody, MAX_LIMIT, ProjectParams, Rpc, SearchBody, apiApp, detailsFor, detailsOfOne, keyOf, nameFilter, parseExpiration, window, type ZitadelApp } from './common.js';

/** API apps are the API clients of a project, with their secrets and JSON keys. */
export function appRoutes(app: ZitadelApp, services: Services) {
  app.post(
    `${BASE}/projects/:projectId/apps/api`,
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
      const ws = await services.workspaces.get(request.ctx, request.params.projectId);
      const jwt = request.body.authMethodType === AUTH_METHOD.jwt;
      const created = await services.clients.create(request.ctx, {
        displayName: request.body.name,
        workspaceId: ws.id,
        clientId: apiAppClientId(ws.displayName),
        labels: { [LABEL.kind]: 'api_app', [LABEL.authMethod]: jwt ? 'private_key_jwt' : 'basic' },
      }, { withoutSecret: jwt });
      return {
        appId: created.client.id,
        details: await detailsOfOne(services, created.client.orgId, clientResource(created.client.id)),
        clientId: created.client.clientId,
        clientSecret: created.secret ?? '',
      };
    },
  );

  app.post(`${BASE}/projects/:projectId/apps/_search`, { schema: { operationId: 'zitadelListApps', summary: 'ListApps', params: ProjectParams, body: SearchBody, response: { 200: Rpc } } }, async (request) => {
    const body = request.body ?? {};
    const filter = nameFilter(body.queries);
    const orderBy = body.query?.asc ? 'createTime' : 'createTime desc';
    // Machine users live in the default workspace too; they are left out before the offset counts.
    const { items, total } = await window(body.query, async (pageToken) => {
      const page = await services.clients.list(request.ctx, { filter, orderBy, pageSize: MAX_LIMIT, pageToken }, { workspaceId: request.params.projectId });
      return { ...page, items: page.items.filter((c) => c.labels[LABEL.kind] !== 'machine_user') };
    });
    const details = await detailsFor(services, request.ctx.orgId, items.map((c) => clientResource(c.id)));
    const result = items.map((c) => appShape(c, details(clientResource(c.id))));
    return { details: listDetails(total, result), result };
  });

  app.get(`${BASE}/projects/:projectId/apps/:appId`, { schema: { operationId: 'zitadelGetAppById', summary: 'GetAppByID', params: AppParams, response: { 200: Rpc } } }, async (request) => {
    const client = await apiApp(services, request.ctx, request.params);
    return { app: appShape(client, await detailsOfOne(services, client.orgId, clientResource(client.id))) };
  });

  app.put(
    `${BASE}/projects/:projectId/apps/:appId`,
    { schema: { operationId: 'zitadelUpdateApp', summary: 'UpdateApp', params: AppParams, body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }), response: { 200: Rpc } } },
    async (request) => {
      const client = await apiApp(services, request.ctx, request.params);
      await services.clients.update(request.ctx, client.id, { displayName: request.body.name }, ['displayName']);
      return { details: await detailsOfOne(services, client.orgId, clientResource(client.id)) };
    },
  );

  app.put(
    `${BASE}/projects/:projectId/apps/:appId/api_config`,
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
      const client = await apiApp(services, request.ctx, request.params);
      const jwt = request.body.authMethodType === AUTH_METHOD.jwt;
      // One label, merged inside the update's transaction: the client's other labels are not rewritten.
      const labels = { [LABEL.authMethod]: jwt ? 'private_key_jwt' : 'basic' };
      const mask = [`labels.${LABEL.authMethod}`];
      if (jwt) await services.clients.updateRemovingSecrets(request.ctx, client.id, { labels }, mask);
      else await services.clients.update(request.ctx, client.id, { labels }, mask);
      return { details: await detailsOfOne(services, client.orgId, clientResource(client.id)) };
    },
  );

  for (const [verb, enabled] of [
    ['_deactivate', false],
    ['_reactivate', true],
  ] as const) {
    app.post(
      `${BASE}/projects/:projectId/apps/:appId/${verb}`,
      { schema: { operationId: enabled ? 'zitadelReactivateApp' : 'zitadelDeactivateApp', summary: enabled ? 'ReactivateApp' : 'DeactivateApp', params: AppParams, body: Type.Optional(Rpc), response: { 200: Rpc } } },
      async (request) => {
        const client = await apiApp(services, request.ctx, request.params);
        if (client.enabled === enabled) throw failedPrecondition(`App ${client.id} is already ${enabled ? 'active' : 'inactive'}.`);
        await services.clients.setEnabled(request.ctx, client.id, enabled);
        return { details: await detailsOfOne(services, client.orgId, clientResource(client.id)) };
      },
    );
  }

  app.delete(`${BASE}/projects/:projectId/apps/:appId`, { schema: { operationId: 'zitadelRemoveApp', summary: 'RemoveApp', params: AppParams, response: { 200: Rpc } } }, async (request) => {
    const client = await apiApp(services, request.ctx, request.params);
    await services.clients.delete(request.ctx, client.id);
    return { details: await detailsOfOne(services, client.orgId, clientResource(client.id)) };
  });

  app.post(
    `${BASE}/projects/:projectId/apps/:appId/api_config/_generate_client_secret`,
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
      const client = await apiApp(services, request.ctx, request.params);
      // A secret would let a key-only app authenticate with it: the switch comes first, explicitly.
      if (client.labels[LABEL.authMethod] === 'private_key_jwt') {
        throw failedPrecondition(
          `App ${client.id} authenticates with API_AUTH_METHOD_TYPE_PRIVATE_KEY_JWT and has no secret; set authMethodType API_AUTH_METHOD_TYPE_BASIC through PUT …/api_config first.`,
        );
      }
      const issued = await services.credentials.replaceSecret(request.ctx, client.id);
      return { clientSecret: issued.secret, details: await detailsOfOne(services, client.orgId, clientResource(client.id)) };
    },
  );

  // ── App keys ───────────────────────────────────────────────────────────────────────────
  app.post(
    `${BASE}/projects/:projectId/apps/:appId/keys`,
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
      const client = await apiApp(services, request.ctx, request.params);
      const { credential, privateKeyPem } = await services.credentials.generateKeyPair(request.ctx, client.id, {
        displayName: 'app key',
        expireTime: parseExpiration(request.body.expirationDate),
      });
      return {
        id: credential.id,
        details: await detailsOfOne(services, client.orgId, keyResource(client.id, credential.id)),
        keyDetails: keyFile({ type: 'application', keyId: credential.id, key: privateKeyPem, appId: client.id, clientId: client.clientId }),
      };
    },
  );

  app.post(`${BASE}/projects/:projectId/apps/:appId/keys/_search`, { schema: { operationId: 'zitadelListAppKeys', summary: 'ListAppKeys', params: AppParams, body: SearchBody, response: { 200: Rpc } } }, async (request) => {
    const client = await apiApp(services, request.ctx, request.params);
    const keys = (await services.credentials.listCredentials(request.ctx, client.id)).filter((c) => c.type === 'public_key');
    const details = await detailsFor(services, client.orgId, keys.map((k) => keyResource(client.id, k.id)));
    const result = keys.map((k) => keyShape(k, details(keyResource(client.id, k.id))));
    return { details: listDetails(result.length, result), result };
  });

  app.get(`${BASE}/projects/:projectId/apps/:appId/keys/:keyId`, { schema: { operationId: 'zitadelGetAppKey', summary: 'GetAppKey', params: AppKeyParams, response: { 200: Rpc } } }, async (request) => {
    const client = await apiApp(services, request.ctx, request.params);
    const key = await keyOf(services, request.ctx, client, request.params.keyId);
    return { key: keyShape(key, await detailsOfOne(services, client.orgId, keyResource(client.id, key.id))) };
  });

  app.delete(`${BASE}/projects/:projectId/apps/:appId/keys/:keyId`, { schema: { operationId: 'zitadelRemoveAppKey', summary: 'RemoveAppKey', params: AppKeyParams, response: { 200: Rpc } } }, async (request) => {
    const client = await apiApp(services, request.ctx, request.params);
    const key = await keyOf(services, request.ctx, client, request.params.keyId);
    await services.credentials.deleteCredential(request.ctx, client.id, key.id);
    return { details: await detailsOfOne(services, client.orgId, keyResource(client.id, key.id)) };
  });
}
