import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../services/index.js';
import type { SigningKey } from '../domain/model.js';
import { errors, rfc3339 } from './shapes.js';

const SigningKeyShape = Type.Object({
  name: Type.String({ examples: ['signingKeys/key_x'] }),
  kid: Type.String({ description: 'The key id in the header of the tokens it signs.' }),
  alg: Type.String({ examples: ['ES256'] }),
  state: Type.Union([Type.Literal('active'), Type.Literal('next'), Type.Literal('retired')], {
    description: 'active: signs tokens now. next: published, signs after the next rotation. retired: signs no more; published until expireTime so that its tokens still verify.',
  }),
  publicJwk: Type.Record(Type.String(), Type.String(), { description: 'The public key, as in /oauth/jwks. The private key is never shown.' }),
  createTime: Type.String(),
  activateTime: Type.Union([Type.String(), Type.Null()], { description: 'When it started signing; null for the next key.' }),
  expireTime: Type.Union([Type.String(), Type.Null()], { description: 'When a retired key leaves the key set (its last tokens have expired); null while active or next.' }),
});

const toSigningKeyShape = (k: SigningKey) => ({
  name: `signingKeys/${k.kid}`,
  kid: k.kid,
  alg: k.alg,
  state: k.state,
  publicJwk: k.publicJwk,
  createTime: rfc3339(k.createTime)!,
  activateTime: rfc3339(k.activateTime) ?? null,
  expireTime: rfc3339(k.expireTime) ?? null,
});

export const keyRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/v1/signingKeys',
    {
      schema: {
        tags: ['Signing keys'],
        operationId: 'listSigningKeys', summary: 'List the token signing keys',
        description: 'Every published key: the active one, the next one, and the retired ones still published. Needs keyward:keys.read.',
        response: { 200: Type.Object({ signingKeys: Type.Array(SigningKeyShape) }), 401: errors[401], 403: errors[403], 404: errors[404] },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { signingKeys: (await services.signingKeys.list(request.ctx)).map(toSigningKeyShape) };
    },
  );
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
