import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DELIVERY_ATTEMPT_OUTCOMES, type Delivery, type DeliveryAttempt, type Webhook } from '../domain/webhooks.js';
import type { Services } from '../services/index.js';
import { bareId, errors, PageQuery, parseDuration, RequestBody, rfc3339 } from './shapes.js';

const StringMap = Type.Record(Type.String(), Type.String());

export const WebhookShape = Type.Object({
  name: Type.String({ examples: ['webhooks/wh_x'] }),
  workspace: Type.Union([Type.String(), Type.Null()], { description: 'workspaces/{id}, or null for every workspace of the organization.' }),
  url: Type.String(),
  authType: Type.String({ description: 'NONE, BEARER, BASIC or OAUTH2_CLIENT_CREDENTIALS' }),
  authUrl: Type.Union([Type.String(), Type.Null()]),
  tokenRequestConfig: StringMap,
  headers: StringMap,
  secretKeys: Type.Array(Type.String(), { description: 'Names of the write-only receiver secrets.' }),
  signingSecretHint: Type.String(),
  signingSecret: Type.Optional(Type.String({ description: 'The Standard Webhooks secret (whsec_…): only in the response that generated it.' })),
  eventTypes: Type.Array(Type.String()),
  state: Type.Union([Type.Literal('ENABLED'), Type.Literal('DISABLED')]),
  disabledReason: Type.Union([Type.String(), Type.Null()]),
  lastSuccessTime: Type.Optional(Type.String()),
  createdBy: Type.String(),
  updatedBy: Type.String(),
  createTime: Type.String(),
  updateTime: Type.String(),
});

export const toWebhookShape = (w: Webhook, signingSecret?: string): Static<typeof WebhookShape> => ({
  name: `webhooks/${w.id}`,
  workspace: w.workspaceId === null ? null : `workspaces/${w.workspaceId}`,
  url: w.url,
  authType: w.authType,
  authUrl: w.authUrl,
  tokenRequestConfig: w.tokenRequestConfig,
  headers: w.headers,
  secretKeys: w.secretKeys,
  signingSecretHint: w.signingSecretHint,
  ...(signingSecret ? { signingSecret } : {}),
  eventTypes: w.eventTypes,
  state: w.enabled ? 'ENABLED' : 'DISABLED',
  disabledReason: w.disabledReason,
  ...(w.lastSuccessTime ? { lastSuccessTime: rfc3339(w.lastSuccessTime) } : {}),
  createdBy: w.createdBy,
  updatedBy: w.updatedBy,
  createTime: rfc3339(w.createTime)!,
  updateTime: rfc3339(w.updateTime)!,
});

export const DeliveryShape = Type.Object({
  name: Type.String({ examples: ['webhooks/wh_x/deliveries/msg_y'] }),
  id: Type.String({ description: 'msg_…: the Standard Webhooks webhook-id header of every attempt.' }),
  eventType: Type.String(),
  eventSequence: Type.String(),
  state: Type.String({ description: 'PENDING, DELIVERED, FAILED or DISABLED' }),
  attempts: Type.Integer(),
  nextAttemptTime: Type.Optional(Type.String()),
  lastAttemptTime: Type.Optional(Type.String()),
  lastStatusCode: Type.Optional(Type.Integer()),
  lastError: Type.Optional(Type.String()),
  payload: Type.Object({}, { additionalProperties: true }),
  createTime: Type.String(),
  updateTime: Type.String(),
});

export const toDeliveryShape = (d: Delivery): Static<typeof DeliveryShape> => ({
  name: `webhooks/${d.webhookId}/deliveries/${d.id}`,
  id: d.id,
  eventType: d.eventType,
  eventSequence: String(d.eventSequence),
  state: d.status.toUpperCase(),
  attempts: d.attempts,
  ...(d.nextAttemptTime !== null ? { nextAttemptTime: rfc3339(d.nextAttemptTime) } : {}),
  ...(d.lastAttemptTime !== null ? { lastAttemptTime: rfc3339(d.lastAttemptTime) } : {}),
  ...(d.lastStatusCode !== null ? { lastStatusCode: d.lastStatusCode } : {}),
  ...(d.lastError !== null ? { lastError: d.lastError } : {}),
  payload: JSON.parse(d.payload) as Record<string, unknown>,
  createTime: rfc3339(d.createTime)!,
  updateTime: rfc3339(d.updateTime)!,
});

export const DeliveryAttemptShape = Type.Object({
  attempt: Type.Integer({ description: '1, 2, 3… for this delivery; a redelivery restarts the retry schedule, not this count.' }),
  startTime: Type.String(),
  durationMs: Type.Integer({ description: 'From the start of the attempt, a receiver token request included, to its outcome.' }),
  statusCode: Type.Optional(Type.Integer({ description: "The receiver's HTTP status; absent when none came back." })),
  outcome: Type.Union(
    DELIVERY_ATTEMPT_OUTCOMES.map((o) => Type.Literal(o.toUpperCase())),
    {
      description:
        'DELIVERED (a 2xx), HTTP_ERROR (another status), REDIRECT_NOT_FOLLOWED (a 3xx); or why no answer came: TIMEOUT, CONNECTION, ' +
        'SSRF_REFUSED (the host is not public), INVALID_REQUEST, RECEIVER_AUTH (no receiver token could be had, so nothing was sent); ' +
        'INTERRUPTED: the process sending it stopped before recording how it ended, and it was sent again (the receiver may have had it; ' +
        'startTime is when that attempt was taken up, durationMs how long until its claim ran out).',
    },
  ),
  message: Type.Optional(Type.String({ description: "Why the attempt failed, as the delivery's lastError said after it." })),
});

export const toDeliveryAttemptShape = (a: DeliveryAttempt): Static<typeof DeliveryAttemptShape> => ({
  attempt: a.attempt,
  startTime: rfc3339(a.startTime)!,
  durationMs: a.durationMs,
  ...(a.statusCode !== null ? { statusCode: a.statusCode } : {}),
  outcome: a.outcome.toUpperCase(),
  ...(a.message !== null ? { message: a.message } : {}),
});

const WebhookBody = Type.Object({
  url: Type.Optional(Type.String({ maxLength: 2000 })),
  authType: Type.Optional(Type.String()),
  authUrl: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 2000 })])),
  tokenRequestConfig: Type.Optional(StringMap),
  headers: Type.Optional(StringMap),
  secrets: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'Write-only: bearer_token, username, password, client_secret, signing_secret.' })),
  eventTypes: Type.Optional(Type.Array(Type.String(), { maxItems: 50, description: 'Event types or families (client.*); empty: every event.' })),
  state: Type.Optional(Type.Union([Type.Literal('ENABLED'), Type.Literal('DISABLED')])),
});

const IdParams = Type.Object({ id: Type.String({ maxLength: 200 }) });
const DeliveryParams = Type.Object({ id: Type.String({ maxLength: 200 }), deliveryId: Type.String({ maxLength: 200 }) });
const tags = ['Webhooks'];

const enabledOf = (state: 'ENABLED' | 'DISABLED' | undefined) => (state === undefined ? undefined : state === 'ENABLED');

export const webhookRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.post(
    '/v1/webhooks',
    {
      schema: {
        tags,
        operationId: 'createWebhook', summary: 'Create a webhook',
        description:
          'Deliveries follow Standard Webhooks. The signing secret (whsec_…) is generated and returned once in `signingSecret`, ' +
          'unless you give your own in `secrets.signing_secret`.',
        body: RequestBody(
          [
            Type.Object({ url: Type.String({ maxLength: 2000 }), workspace: Type.Optional(Type.String({ description: 'workspaces/{id}; omit for the whole organization.' })) }),
            WebhookBody,
          ],
          WebhookShape,
        ),
        response: { 200: WebhookShape, ...errors },
      },
    },
    async (request) => {
      const { workspace, state, ...body } = request.body;
      const created = await services.webhooks.create(request.ctx, {
        ...body,
        workspaceId: workspace ? bareId(workspace, 'workspaces') : null,
        enabled: enabledOf(state),
      });
      return toWebhookShape(created.webhook, created.signingSecret);
    },
  );

  app.get(
    '/v1/webhooks',
    {
      schema: {
        tags,
        operationId: 'listWebhooks', summary: 'List webhooks',
        querystring: Type.Intersect([PageQuery, Type.Object({ workspace: Type.Optional(Type.String({ description: 'workspaces/{id}' })) })]),
        response: { 200: Type.Object({ webhooks: Type.Array(WebhookShape), nextPageToken: Type.String() }), ...errors },
      },
    },
    async (request) => {
      const { workspace, ...page } = request.query;
      const result = await services.webhooks.list(request.ctx, { ...page, workspaceId: workspace ? bareId(workspace, 'workspaces') : undefined });
      return { webhooks: result.items.map((w) => toWebhookShape(w)), nextPageToken: result.nextPageToken };
    },
  );

  app.get(
    '/v1/webhooks/:id',
    { schema: { tags, operationId: 'getWebhook', summary: 'Get a webhook', params: IdParams, response: { 200: WebhookShape, ...errors } } },
    async (request) => toWebhookShape(await services.webhooks.get(request.ctx, request.params.id)),
  );

  app.patch(
    '/v1/webhooks/:id',
    {
      schema: {
        tags,
        operationId: 'updateWebhook', summary: 'Update a webhook',
        description: 'Fields present change, absent ones stay; a map replaces the old map. `secrets` replaces the receiver secrets.',
        params: IdParams,
        body: RequestBody([WebhookBody], WebhookShape),
        response: { 200: WebhookShape, ...errors },
      },
    },
    async (request) => {
      const { state, ...body } = request.body;
      return toWebhookShape(await services.webhooks.update(request.ctx, request.params.id, { ...body, enabled: enabledOf(state) }));
    },
  );

  app.delete(
    '/v1/webhooks/:id',
    { schema: { tags, operationId: 'deleteWebhook', summary: 'Delete a webhook and its delivery log', params: IdParams, response: { 200: Type.Object({}), ...errors } } },
    async (request) => {
      await services.webhooks.delete(request.ctx, request.params.id);
      return {};
    },
  );

  app.post(
    '/v1/webhooks/:id(^[^:]+)::rotateSecret',
    {
      schema: {
        tags,
        operationId: 'rotateWebhookSecret', summary: 'Rotate the signing secret',
        description:
          'A new whsec_ secret (returned once unless you give `secret`); deliveries carry a signature from each secret until `overlap` ' +
          '(a duration such as "86400s", the default) has passed.',
        params: IdParams,
        body: RequestBody([Type.Object({ overlap: Type.Optional(Type.Union([Type.String(), Type.Integer()])), secret: Type.Optional(Type.String()) })]),
        response: { 200: WebhookShape, ...errors },
      },
      // The body is optional: no body rotates to a generated secret with the default overlap.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => {
      const body = request.body;
      const rotated = await services.webhooks.rotateSigningSecret(request.ctx, request.params.id, {
        overlapSeconds: body.overlap === undefined ? undefined : parseDuration('overlap', body.overlap, 0),
        secret: body.secret,
      });
      return toWebhookShape(rotated.webhook, rotated.signingSecret);
    },
  );

  app.get(
    '/v1/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        operationId: 'listWebhookDeliveries', summary: "A webhook's delivery log, newest first",
        params: IdParams,
        querystring: Type.Intersect([PageQuery, Type.Object({ state: Type.Optional(Type.String({ description: 'PENDING, DELIVERED, FAILED or DISABLED' })) })]),
        response: { 200: Type.Object({ deliveries: Type.Array(DeliveryShape), nextPageToken: Type.String() }), ...errors },
      },
    },
    async (request) => {
      const { state, ...page } = request.query;
      const result = await services.webhooks.listDeliveries(request.ctx, request.params.id, { ...page, status: state?.toLowerCase() });
      return { deliveries: result.items.map(toDeliveryShape), nextPageToken: result.nextPageToken };
    },
  );

  app.get(
    '/v1/webhooks/:id/deliveries/:deliveryId',
    { schema: { tags, operationId: 'getWebhookDelivery', summary: 'Get a delivery', params: DeliveryParams, response: { 200: DeliveryShape, ...errors } } },
    async (request) => toDeliveryShape(await services.webhooks.getDelivery(request.ctx, request.params.id, request.params.deliveryId)),
  );

  app.get(
    '/v1/webhooks/:id/deliveries/:deliveryId/attempts',
    {
      schema: {
        tags,
        operationId: 'listWebhookDeliveryAttempts', summary: "A delivery's attempts, oldest first",
        description:
          'When each attempt started, how long it took, the status code or why none came, and the error message. ' +
          'The newest attempts are kept, as many as the retry schedule makes; redeliveries add theirs. Never a response body.',
        params: DeliveryParams,
        response: { 200: Type.Object({ attempts: Type.Array(DeliveryAttemptShape) }), ...errors },
      },
    },
    async (request) => ({
      attempts: (await services.webhooks.listDeliveryAttempts(request.ctx, request.params.id, request.params.deliveryId)).map(toDeliveryAttemptShape),
    }),
  );

  app.post(
    '/v1/webhooks/:id/deliveries/:deliveryId(^[^:]+)::redeliver',
    {
      schema: {
        tags,
        operationId: 'redeliverWebhookDelivery', summary: 'Send a delivery again',
        description: 'Now, with a fresh retry schedule and the same webhook-id.',
        params: DeliveryParams,
        response: { 200: DeliveryShape, ...errors },
      },
    },
    async (request) => toDeliveryShape(await services.webhooks.redeliver(request.ctx, request.params.id, request.params.deliveryId)),
  );
};
