import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RegisteredClient } from '../services/registrations.js';
import type { Services } from '../services/index.js';
import { NO_STORE, OAUTH_ROUTE } from './deps.js';
import type { RegistrationRateLimiter } from './rate-limit.js';

export const REGISTRATION_PATH = '/oauth/register';

/** The token of `Authorization: Bearer <token>`, or undefined; the scheme is case-insensitive (RFC 7235 §2.1). */
function bearerToken(request: FastifyRequest): string | undefined {
  const match = /^Bearer +([\x21-\x7e]+) *$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/** RFC 7591 §3.2.1 / RFC 7592 §3: the client's metadata, with what is shown once when there is any. */
function clientInformation(issuer: string, registered: RegisteredClient) {
  const { client, metadata } = registered;
  return {
    client_id: client.clientId,
    ...(registered.clientSecret ? { client_secret: registered.clientSecret, client_secret_expires_at: 0 } : {}),
    client_id_issued_at: Math.floor(client.createTime / 1000),
    ...(registered.registrationAccessToken ? { registration_access_token: registered.registrationAccessToken } : {}),
    registration_client_uri: `${issuer}${REGISTRATION_PATH}/${encodeURIComponent(client.clientId)}`,
    client_name: metadata.clientName,
    token_endpoint_auth_method: metadata.authMethod,
    grant_types: ['client_credentials'],
    scope: metadata.scope.join(' '),
    ...(metadata.audiences.length > 0 ? { audiences: metadata.audiences } : {}),
    ...(metadata.jwks ? { jwks: metadata.jwks } : {}),
    ...(metadata.jwksUri ? { jwks_uri: metadata.jwksUri } : {}),
    dpop_bound_access_tokens: metadata.dpopBoundAccessTokens,
  };
}

/**
 * RFC 7591 dynamic client registration, allowed only with an initial access token an admin
 * issued for a workspace, and RFC 7592 management with the registration access token the
 * registration returned. On the public surface, beside the token endpoint: the clients that
 * register are the ones that will ask it for tokens.
 */
export async function registrationRoutes(app: FastifyInstance, deps: { services: Services; issuer: string; limiter: RegistrationRateLimiter }) {
  const { services, issuer, limiter } = deps;
  const tags = ['OAuth 2.0'];
  const ClientParams = { type: 'object', properties: { clientId: { type: 'string', maxLength: 200 } }, required: ['clientId'] } as const;

  app.post(
    REGISTRATION_PATH,
    {
      schema: {
        tags,
        operationId: 'registerClient',
        summary: 'Register a client (RFC 7591)',
        description:
          'Authorization: Bearer <initial access token> (POST /v1/workspaces/{id}/registrationTokens). The body is RFC 7591 client metadata; ' +
          'the answer (201) carries client_secret (secret methods) and registration_access_token, each shown this once. ' +
          '400 invalid_client_metadata names the member and the workspace registration policy setting that refused it; 401: the token is unknown, expired or used up. ' +
          '429 with Retry-After: too many registrations from this address in a minute (KEYWARD_RATE_LIMIT_REGISTRATIONS).',
      },
      config: OAUTH_ROUTE,
      // Before the body is read: a malformed or oversized request counts as an attempt too.
      onRequest: async (request) => limiter.admit(request.ip),
    },
    async (request, reply) => {
      reply.headers(NO_STORE);
      const registered = await services.registrations.register(bearerToken(request), request.body);
      return reply.code(201).send(clientInformation(issuer, registered));
    },
  );

  app.get(
    `${REGISTRATION_PATH}/:clientId`,
    {
      schema: { tags, operationId: 'readClientRegistration', summary: 'Read a registered client (RFC 7592)', description: 'Authorization: Bearer <registration access token>.', params: ClientParams },
      config: OAUTH_ROUTE,
    },
    async (request, reply) => {
      reply.headers(NO_STORE);
      const { clientId } = request.params as { clientId: string };
      return reply.send(clientInformation(issuer, await services.registrations.read(bearerToken(request), clientId)));
    },
  );

  app.put(
    `${REGISTRATION_PATH}/:clientId`,
    {
      schema: {
        tags,
        operationId: 'updateClientRegistration',
        summary: 'Replace a registered client\'s metadata (RFC 7592)',
        description:
          'Authorization: Bearer <registration access token>. The body replaces the metadata, under the workspace registration policy as it is now. ' +
          'The answer carries a new registration_access_token (RFC 7592 §2.2); the one the request used stops working. A refused update keeps the old one.',
        params: ClientParams,
      },
      config: OAUTH_ROUTE,
    },
    async (request, reply) => {
      reply.headers(NO_STORE);
      const { clientId } = request.params as { clientId: string };
      return reply.send(clientInformation(issuer, await services.registrations.update(bearerToken(request), clientId, request.body)));
    },
  );

  app.delete(
    `${REGISTRATION_PATH}/:clientId`,
    {
      schema: { tags, operationId: 'deleteClientRegistration', summary: 'Delete a registered client (RFC 7592)', description: 'Authorization: Bearer <registration access token>. Answers 204.', params: ClientParams },
      config: OAUTH_ROUTE,
    },
    async (request, reply) => {
      const { clientId } = request.params as { clientId: string };
      await services.registrations.remove(bearerToken(request), clientId);
      return reply.code(204).headers(NO_STORE).send();
    },
  );
}
