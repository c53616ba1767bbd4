import { newId } from '../domain/ids.js';
import type { AuditEvent } from '../domain/model.js';
import { buildPayload, isDeliverableEvent, matchesEventTypes } from '../domain/webhooks.js';
import type { OutboxHook } from '../services/events.js';
import type { Repos } from '../store/index.js';

/**
 * The transactional outbox: for every event a mutation records, one delivery row per webhook
 * that hears it, written in the mutation's own transaction. The change, its event and its
 * deliveries commit together or not at all, so an event is never lost to a crash between
 * "changed" and "queued", and never announced for a change that rolled back.
 */
export function webhookOutboxHook(): OutboxHook {
  return async (repos, event) => {
    if (!isDeliverableEvent(event.type)) return;
    const webhooks = await repos.webhooks.listEnabledWebhooksByOrg(event.orgId);
    if (webhooks.length === 0) return;
    const workspaceId = await workspaceOf(repos, event);
    for (const webhook of webhooks) {
      // A workspace's webhook hears its workspace and the organization-wide events (roles);
      // an organization-wide webhook hears everything in the organization.
      if (webhook.workspaceId !== null && workspaceId !== null && webhook.workspaceId !== workspaceId) continue;
      if (!matchesEventTypes(webhook.eventTypes, event.type)) continue;
      const id = newId('delivery');
      await repos.deliveries.insertDelivery({
        id,
        orgId: event.orgId,
        webhookId: webhook.id,
        eventSequence: event.sequence,
        eventType: event.type,
        payload: JSON.stringify(buildPayload(event, id, workspaceId)),
        status: 'pending',
        attempts: 0,
        nextAttemptTime: event.time,
        lastAttemptTime: null,
        lastStatusCode: null,
        lastError: null,
        createTime: event.time,
        updateTime: event.time,
      });
    }
  };
}

type EventData = {
  workspaceId?: unknown;
  clientId?: unknown;
  before?: { workspaceId?: unknown };
  after?: { workspaceId?: unknown };
};

/** The workspace an event concerns, or null when it concerns the whole organization. */
async function workspaceOf(repos: Repos, event: AuditEvent): Promise<string | null> {
  const data = event.data as EventData;
  for (const candidate of [data.workspaceId, data.after?.workspaceId, data.before?.workspaceId]) {
    if (typeof candidate === 'string') return candidate;
  }
  if (data.workspaceId === null) return null;
  const named = /^workspaces\/([^/]+)/.exec(event.resource);
  if (named) return named[1];
  // Credential events name their client, whose workspace is one read away.
  if (typeof data.clientId === 'string') {
    const client = await repos.clients.findClientByClientId(data.clientId);
    if (client && client.orgId === event.orgId) return client.workspaceId;
  }
  return null;
}
