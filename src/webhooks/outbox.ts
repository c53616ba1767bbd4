import { newId } from '../domain/ids.js';
import type { AuditEvent } from '../domain/model.js';
import { buildPayload, isDeliverableEvent, matchesEventTypes, type Webhook } from '../domain/webhooks.js';
import type { OutboxHook } from '../services/unit-of-work.js';
import type { Repos } from '../store/index.js';

/**
 * The transactional outbox: for every event a mutation records, one delivery row per webhook
 * that hears it, written in the mutation's own transaction. The change, its event and its
 * deliveries commit together or not at all, so an event is never lost to a crash between
 * "changed" and "queued", and never announced for a change that rolled back.
 */
export function webhookOutboxHook(): OutboxHook {
  // One mutation often records several events of one organization (a client and its first
  // secret); its webhooks are read once per transaction (`repos` is bound to one transaction).
  // An event about a webhook follows a change to the webhooks, so it reads them afresh.
  const perTransaction = new WeakMap<Repos, Map<string, Webhook[]>>();
  return async (repos, event) => {
    let known = perTransaction.get(repos);
    if (!known) perTransaction.set(repos, (known = new Map()));
    if (event.type.startsWith('webhook.')) known.clear();
    if (!isDeliverableEvent(event.type)) return;
    let webhooks = known.get(event.orgId);
    if (!webhooks) known.set(event.orgId, (webhooks = await repos.webhooks.listEnabledWebhooksByOrg(event.orgId)));
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
