import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../../services/index.js';
import type { WorkspaceScope } from '../../../services/workspace-scope.js';

/** The Fastify instance a Keycard route set registers on, and what it needs. */
export type KeycardApp = Parameters<FastifyPluginAsyncTypebox<{ services: Services }>>[0];
export interface KeycardDeps {
  services: Services;
  issuer: string;
}

export const Any = Type.Object({}, { additionalProperties: true });
// null first: with type coercion on, a string-first union would turn null into "".
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([Type.Null(), schema]);
export const Cursor = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  after: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  before: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
});
export const ZoneParams = Type.Object({ zoneId: Type.String({ maxLength: 200 }) });
export const ItemParams = Type.Object({ zoneId: Type.String({ maxLength: 200 }), id: Type.String({ maxLength: 200 }) });

/** A zone path addresses what is in it: the services answer not-found for another zone's resources. */
export const zoneScope = (params: { zoneId: string }): WorkspaceScope => ({ workspaceId: params.zoneId });
