import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { KeywardError } from '../../domain/errors.js';
import type { ErrorWriter } from '../../http/errors.js';
import type { OAuthDeps } from '../../oauth/deps.js';
import { NO_STORE } from '../../oauth/deps.js';
import { issueToken } from '../../oauth/token.js';

/** google.rpc.Code numbers, the codes AIP-style APIs such as Confidence answer with. */
const GRPC_CODE: Record<number, number> = { 400: 3, 401: 16, 403: 7, 404: 5, 409: 6, 413: 3, 415: 3, 429: 8, 500: 13, 502: 14, 503: 14 };

export function rpcStatusOf(error: KeywardError, status: number) {
  return { code: GRPC_CODE[status] ?? 2, message: error.message, details: [] as unknown[] };
}

export const writeConfidenceError: ErrorWriter = (error, _request, reply) => {
  const status = error.code === 'invalid_client' || error.code === 'invalid_token' ? 401 : error.status === 403 ? 400 : error.status;
  return reply.code(status).headers(NO_STORE).send(rpcStatusOf(error, status));
};

/**
 * Confidence's token request (`POST /v1/oauth/token`, JSON `{grantType, clientId, clientSecret}`
 * → `{accessToken, expiresIn}`): the same pipeline as /oauth/token, with the body renamed on the
 * way in and the answer on the way out.
 */
export function confidenceTokenRoutes(deps: OAuthDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/v1/oauth/token',
      {
        schema: {
          tags: ['Confidence'],
          operationId: 'confidenceToken', summary: 'Request an access token (Confidence)',
          description: 'JSON client_credentials request; the same token endpoint as /oauth/token.',
          security: [],
          body: Type.Object({
            grantType: Type.String({ examples: ['client_credentials'] }),
            clientId: Type.String({ maxLength: 200 }),
            clientSecret: Type.String({ maxLength: 500 }),
            scope: Type.Optional(Type.String({ maxLength: 2000 })),
          }),
          response: { 200: Type.Object({ accessToken: Type.String(), expiresIn: Type.Integer() }) },
        },
      },
      async (request, reply) => {
        reply.headers(NO_STORE);
        const { grantType, clientId, clientSecret, scope } = request.body;
        const issued = await issueToken(deps, {
          authorization: undefined,
          params: { grant_type: grantType, client_id: clientId, client_secret: clientSecret, ...(scope ? { scope } : {}) },
          address: request.ip,
          url: request.url,
          dpop: request.headers.dpop,
        });
        return { accessToken: issued.access_token, expiresIn: issued.expires_in };
      },
    );
  };
}
