import { Type } from '@sinclair/typebox';
import { invalidArgument } from '../../../domain/errors.js';
import type { Services } from '../../../services/index.js';
import { LABEL, clientResource, keyFile, keyResource, keyShape, listDetails, machineUserShape } from '../shapes.js';
import { BASE, KeyBody, Rpc, SearchBody, UserKeyParams, UserParams, detailsFor, detailsOfOne, keyOf, machineUser, parseExpiration, type ZitadelApp } from './common.js';

/** Machine users are API clients of the organization's default workspace, with their secret and keys. */
export function machineUserRoutes(app: ZitadelApp, services: Services) {
  app.post(
    `${BASE}/users/machine`,
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
      return { userId: created.client.id, details: await detailsOfOne(services, created.client.orgId, clientResource(created.client.id)) };
    },
  );

  app.get(`${BASE}/users/:userId`, { schema: { operationId: 'zitadelGetUserById', summary: 'GetUserByID', params: UserParams, response: { 200: Rpc } } }, async (request) => {
    const client = await machineUser(services, request.ctx, request.params.userId);
    const hasSecret = (await services.credentials.listCredentials(request.ctx, client.id)).some((c) => c.type === 'secret');
    return { user: machineUserShape(client, await detailsOfOne(services, client.orgId, clientResource(client.id)), hasSecret) };
  });

  app.delete(`${BASE}/users/:userId`, { schema: { operationId: 'zitadelRemoveUser', summary: 'RemoveUser', params: UserParams, response: { 200: Rpc } } }, async (request) => {
    const client = await machineUser(services, request.ctx, request.params.userId);
    await services.clients.delete(request.ctx, client.id);
    return { details: await detailsOfOne(services, client.orgId, clientResource(client.id)) };
  });

  app.put(
    `${BASE}/users/:userId/secret`,
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
      const client = await machineUser(services, request.ctx, request.params.userId);
      const issued = await services.credentials.replaceSecret(request.ctx, client.id);
      return { clientId: client.clientId, clientSecret: issued.secret, details: await detailsOfOne(services, client.orgId, clientResource(client.id)) };
    },
  );

  app.delete(`${BASE}/users/:userId/secret`, { schema: { operationId: 'zitadelRemoveMachineSecret', summary: 'RemoveMachineSecret', params: UserParams, response: { 200: Rpc } } }, async (request) => {
    const client = await machineUser(services, request.ctx, request.params.userId);
    await services.credentials.removeSecrets(request.ctx, client.id);
    return { details: await detailsOfOne(services, client.orgId, clientResource(client.id)) };
  });

  app.post(
    `${BASE}/users/:userId/keys`,
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
      const client = await machineUser(services, request.ctx, request.params.userId);
      const expireTime = parseExpiration(request.body.expirationDate);
      if (request.body.publicKey) {
        const pem = Buffer.from(request.body.publicKey, 'base64').toString('utf8');
        const credential = await services.credentials.addPemKey(request.ctx, client.id, { pem, displayName: 'machine key', expireTime });
        return {
          keyId: credential.id,
          keyDetails: keyFile({ type: 'serviceaccount', keyId: credential.id, userId: client.id }),
          details: await detailsOfOne(services, client.orgId, keyResource(client.id, credential.id)),
        };
      }
      const { credential, privateKeyPem } = await services.credentials.generateKeyPair(request.ctx, client.id, { displayName: 'machine key', expireTime });
      return {
        keyId: credential.id,
        keyDetails: keyFile({ type: 'serviceaccount', keyId: credential.id, key: privateKeyPem, userId: client.id }),
        details: await detailsOfOne(services, client.orgId, keyResource(client.id, credential.id)),
      };
    },
  );

  app.post(`${BASE}/users/:userId/keys/_search`, { schema: { operationId: 'zitadelListMachineKeys', summary: 'ListMachineKeys', params: UserParams, body: SearchBody, response: { 200: Rpc } } }, async (request) => {
    const client = await machineUser(services, request.ctx, request.params.userId);
    const keys = (await services.credentials.listCredentials(request.ctx, client.id)).filter((c) => c.type === 'public_key');
    const details = await detailsFor(services, client.orgId, keys.map((k) => keyResource(client.id, k.id)));
    const result = keys.map((k) => keyShape(k, details(keyResource(client.id, k.id))));
    return { details: listDetails(result.length, result), result };
  });

  app.delete(`${BASE}/users/:userId/keys/:keyId`, { schema: { operationId: 'zitadelRemoveMachineKey', summary: 'RemoveMachineKey', params: UserKeyParams, response: { 200: Rpc } } }, async (request) => {
    const client = await machineUser(services, request.ctx, request.params.userId);
    const key = await keyOf(services, request.ctx, client, request.params.keyId);
    await services.credentials.deleteCredential(request.ctx, client.id, key.id);
    return { details: await detailsOfOne(services, client.orgId, keyResource(client.id, key.id)) };
  });
}
