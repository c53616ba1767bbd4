import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../services/index.js';
import { AuditEventShape, errors, PageQuery, toAuditEventShape } from './shapes.js';

export const auditRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/v1/auditEvents',
    {
      schema: {
        tags: ['Audit'],
        operationId: 'listAuditEvents', summary: 'List audit events, newest first',
        description:
          'AIP-160 filter: resource = "apiClients/x" (or resource: "apiClients/x" for it and its children), type, actor, ' +
          'time >= "2026-01-01T00:00:00Z". Secrets never appear in events.',
        querystring: Type.Intersect([PageQuery, Type.Object({ filter: Type.Optional(Type.String()) })]),
        response: { 200: Type.Object({ auditEvents: Type.Array(AuditEventShape), nextPageToken: Type.String() }), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
      },
    },
    async (request) => {
      const page = await services.audit.list(request.ctx, request.query);
      return { auditEvents: page.items.map(toAuditEventShape), nextPageToken: page.nextPageToken };
    },
  );
};
