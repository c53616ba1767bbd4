import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../services/index.js';
import { errors, parseTime, rfc3339 } from './shapes.js';

const readErrors = { 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] };

/** Whole hours, so written without fractional seconds: 2026-12-05T10:00:00Z. */
const hourTime = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

const closed = { additionalProperties: false } as const;
const Counts = {
  tokensIssued: Type.Integer({ description: 'Access tokens issued to the client at the token endpoint.' }),
  failedAuthentications: Type.Integer({ description: 'Requests at the token endpoint that named the client and failed to authenticate it.' }),
};
const UsageShape = Type.Object(
  {
    apiClient: Type.String({ examples: ['apiClients/ac_donlangsbyz6iiksdt4c'] }),
    interval: Type.String({ description: 'The length of each bucket.', examples: ['3600s'] }),
    startTime: Type.String({ description: 'RFC 3339; the first hour (startTime rounded down to a whole hour).' }),
    endTime: Type.String({ description: 'RFC 3339; the end of the last hour (endTime rounded up to a whole hour).' }),
    hours: Type.Array(Type.Object({ startTime: Type.String(), ...Counts }, closed), {
      description: 'Every hour of [startTime, endTime), oldest first, zeros included.',
    }),
    totals: Type.Object(Counts, closed),
  },
  closed,
);
const FailingClientShape = Type.Object(
  {
    apiClient: Type.String({ examples: ['apiClients/ac_donlangsbyz6iiksdt4c'] }),
    clientId: Type.String(),
    displayName: Type.String(),
    workspace: Type.String({ examples: ['workspaces/wks_x'] }),
    failedAuthentications: Type.Integer(),
    lastFailureTime: Type.Optional(Type.String({ description: 'RFC 3339' })),
  },
  closed,
);

/**
 * Usage counted at the token endpoint (src/runtime/usage-hours.ts): a client's tokens and failed
 * authentications per hour, and the clients with recent failures. Counts lag by at most a few
 * seconds across instances; the answering instance adds the ones it has not written yet.
 */
export const usageRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/v1/apiClients/:id/usage',
    {
      schema: {
        tags: ['API clients'],
        operationId: 'getApiClientUsage', summary: "A client's tokens issued and failed authentications per hour",
        description:
          'Hourly counts over [startTime, endTime): by default the 7 days up to the end of the current hour. ' +
          'The range spans at most 30 days and starts at most 30 days ago (counts are kept 30 days). Needs the permission to read the client.',
        params: Type.Object({ id: Type.String({ maxLength: 200 }) }),
        querystring: Type.Object({
          startTime: Type.Optional(Type.String({ description: 'RFC 3339; default endTime minus 7 days.' })),
          endTime: Type.Optional(Type.String({ description: 'RFC 3339; default now.' })),
        }),
        response: { 200: UsageShape, ...readErrors },
      },
    },
    async (request, reply) => {
      const usage = await services.usageHours.clientUsage(request.ctx, request.params.id, {
        startTime: parseTime('startTime', request.query.startTime) ?? undefined,
        endTime: parseTime('endTime', request.query.endTime) ?? undefined,
      });
      reply.header('cache-control', 'no-store');
      return {
        apiClient: `apiClients/${usage.client.id}`,
        interval: '3600s',
        startTime: hourTime(usage.startTime),
        endTime: hourTime(usage.endTime),
        hours: usage.hours.map((h) => ({ startTime: hourTime(h.hourStart), tokensIssued: h.tokensIssued, failedAuthentications: h.failedAuthentications })),
        totals: usage.totals,
      };
    },
  );

  app.get(
    '/v1/authenticationFailures',
    {
      schema: {
        tags: ['API clients'],
        operationId: 'listAuthenticationFailures', summary: 'Clients with failed authentications since a time',
        description:
          'Clients of the organization that failed to authenticate at the token endpoint since `since` (default 24 hours ago, ' +
          'at most 30 days ago), most failures first, at most 100. Counted per hour: an hour with a failure after `since` counts whole. ' +
          'Needs the permission to read clients.',
        querystring: Type.Object({ since: Type.Optional(Type.String({ description: 'RFC 3339; default 24 hours ago.' })) }),
        response: { 200: Type.Object({ clients: Type.Array(FailingClientShape) }, closed), ...readErrors },
      },
    },
    async (request, reply) => {
      const clients = await services.usageHours.failingClients(request.ctx, { since: parseTime('since', request.query.since) ?? undefined });
      reply.header('cache-control', 'no-store');
      return {
        clients: clients.map((c) => ({
          apiClient: `apiClients/${c.apiClientId}`,
          clientId: c.clientId,
          displayName: c.displayName,
          workspace: `workspaces/${c.workspaceId}`,
          failedAuthentications: c.failedAuthentications,
          lastFailureTime: rfc3339(c.lastFailureTime),
        })),
      };
    },
  );
};
