import type { Page } from '../domain/model.js';
import type { Webhook, WebhookAuthType } from '../domain/webhooks.js';
import type { Executor } from './db.js';
import { fromJson, toJson } from './json.js';
import { keysetPage } from './keyset.js';
import type { WebhooksTable } from './schema.js';

/** A webhook with its sealed secrets: only the services that sign and send ever ask for this. */
export interface SealedWebhook {
  webhook: Webhook;
  /** KeyEncryption ciphertext of WebhookSecrets, bound to the webhook id. */
  secretsEncrypted: string;
}

export interface WebhookStore {
  insertWebhook(webhook: Webhook, secretsEncrypted: string): Promise<void>;
  findWebhookById(orgId: string, id: string): Promise<Webhook | undefined>;
  findSealedWebhookById(orgId: string, id: string): Promise<SealedWebhook | undefined>;
  listWebhooksByOrg(orgId: string, query: { workspaceId?: string; pageSize: number; pageToken?: string }): Promise<Page<Webhook>>;
  /** The outbox hook's question for every event: usually none, so it must be one indexed read. */
  listEnabledWebhooksByOrg(orgId: string): Promise<Webhook[]>;
  /** Writes everything but the secrets unless `secretsEncrypted` is given. */
  updateWebhook(webhook: Webhook, secretsEncrypted?: string): Promise<void>;
  markWebhookSucceeded(orgId: string, id: string, time: number): Promise<void>;
  /**
   * Disables an enabled webhook; false when it was not enabled (anymore). Conditional on the row,
   * so two attempts that meet a 410 at once cannot both announce it.
   */
  disableWebhook(orgId: string, id: string, change: { reason: string; by: string; time: number }): Promise<boolean>;
  deleteWebhook(orgId: string, id: string): Promise<void>;
}

const toWebhook = (row: WebhooksTable): Webhook => ({
  id: row.id,
  orgId: row.org_id,
  workspaceId: row.workspace_id,
  url: row.url,
  authType: row.auth_type as WebhookAuthType,
  authUrl: row.auth_url,
  tokenRequestConfig: fromJson(row.token_request_config, {}),
  headers: fromJson(row.headers, {}),
  secretKeys: fromJson(row.secret_keys, []),
  signingSecretHint: row.signing_secret_hint,
  eventTypes: fromJson(row.event_types, []),
  enabled: row.enabled === 1,
  disabledReason: row.disabled_reason,
  lastSuccessTime: row.last_success_time,
  createdBy: row.created_by,
  updatedBy: row.updated_by,
  createTime: row.create_time,
  updateTime: row.update_time,
});

const columns = (w: Webhook) => ({
  workspace_id: w.workspaceId,
  url: w.url,
  auth_type: w.authType,
  auth_url: w.authUrl,
  token_request_config: toJson(w.tokenRequestConfig),
  headers: toJson(w.headers),
  secret_keys: toJson(w.secretKeys),
  signing_secret_hint: w.signingSecretHint,
  event_types: toJson(w.eventTypes),
  enabled: w.enabled ? 1 : 0,
  disabled_reason: w.disabledReason,
  last_success_time: w.lastSuccessTime,
  updated_by: w.updatedBy,
  update_time: w.updateTime,
});

export function webhookStore(db: Executor): WebhookStore {
  return {
    async insertWebhook(w, secretsEncrypted) {
      await db
        .insertInto('webhooks')
        .values({ id: w.id, org_id: w.orgId, ...columns(w), secrets_encrypted: secretsEncrypted, created_by: w.createdBy, create_time: w.createTime })
        .execute();
    },
    async findWebhookById(orgId, id) {
      const row = await db.selectFrom('webhooks').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      return row && toWebhook(row);
    },
    async findSealedWebhookById(orgId, id) {
      const row = await db.selectFrom('webhooks').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      return row && { webhook: toWebhook(row), secretsEncrypted: row.secrets_encrypted };
    },
    listWebhooksByOrg(orgId, query) {
      let q = db.selectFrom('webhooks').selectAll().where('org_id', '=', orgId);
      if (query.workspaceId !== undefined) q = q.where('workspace_id', '=', query.workspaceId);
      return keysetPage(
        q,
        { sortColumn: 'create_time', idColumn: 'id', descending: false, pageSize: query.pageSize, pageToken: query.pageToken, fingerprint: `webhooks:${query.workspaceId ?? ''}` },
        toWebhook,
        (row) => row.create_time,
      );
    },
    async listEnabledWebhooksByOrg(orgId) {
      const rows = await db.selectFrom('webhooks').selectAll().where('org_id', '=', orgId).where('enabled', '=', 1).orderBy('create_time').orderBy('id').execute();
      return rows.map(toWebhook);
    },
    async updateWebhook(w, secretsEncrypted) {
      await db
        .updateTable('webhooks')
        .set({ ...columns(w), ...(secretsEncrypted !== undefined ? { secrets_encrypted: secretsEncrypted } : {}) })
        .where('org_id', '=', w.orgId)
        .where('id', '=', w.id)
        .execute();
    },
    async markWebhookSucceeded(orgId, id, time) {
      await db.updateTable('webhooks').set({ last_success_time: time }).where('org_id', '=', orgId).where('id', '=', id).execute();
    },
    async disableWebhook(orgId, id, change) {
      const result = await db
        .updateTable('webhooks')
        .set({ enabled: 0, disabled_reason: change.reason, updated_by: change.by, update_time: change.time })
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .where('enabled', '=', 1)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async deleteWebhook(orgId, id) {
      await db.deleteFrom('webhooks').where('org_id', '=', orgId).where('id', '=', id).execute();
    },
  };
}
