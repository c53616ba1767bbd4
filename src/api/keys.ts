import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../services/index.js';
import { errors } from './shapes.js';

export const keyRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.post(
    '/v1/signingKeys::rotate',
    {
      schema: {
        tags: ['Signing keys'],
        operationId: 'rotateSigningKey', summary: 'Rotate the token signing key',
        description: 'The pre-published next key starts signing; the old key stays in the JWKS until its tokens expire.',
        response: { 200: Type.Object({ activeKey: Type.String(), nextKey: Type.String(), retiredKey: Type.String() }), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
      },
    },
    async (request) => {
      const rotated = await services.signingKeys.rotate(request.ctx);
      return { activeKey: rotated.activeKid, nextKey: rotated.nextKid, retiredKey: rotated.retiredKid };
    },
  );
};
