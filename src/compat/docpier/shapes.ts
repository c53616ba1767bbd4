import { Type, type Static } from '@sinclair/typebox';
import type { AccessGrant } from '../../domain/access.js';
import type { Workspace } from '../../domain/model.js';
import type { Webhook } from '../../domain/webhooks.js';
import type { AgentClientSummary } from '../../services/agent-clients.js';
import type { WebhookInput } from '../../services/webhooks.js';

/**
 * Docpier's admin shapes (docs.docpier.com, seed-apis §1): snake_case, ISO times, maps as
 * objects of strings. Mapping only; the services decide everything.
 */
const iso = (ms: number) => new Date(ms).toISOString();
const StringMap = Type.Record(Type.String(), Type.String());

export const AccessRow = Type.Object({ subject_id: Type.String(), subject_type: Type.String() });
export const toAccessRow = (g: AccessGrant): Static<typeof AccessRow> => ({ subject_id: g.subjectId, subject_type: g.subjectType });

export const DocpierWorkspace = Type.Object({
  id: Type.String(),
  name: Type.String(),
  ext_ref: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
  access: Type.Array(AccessRow),
});
export const toDocpierWorkspace = (w: Workspace, grants: AccessGrant[]): Static<typeof DocpierWorkspace> => ({
  id: w.id,
  name: w.displayName,
  ext_ref: w.extRef,
  created_at: iso(w.createTime),
  access: grants.map(toAccessRow),
});

export const WorkspaceCreate = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  ext_ref: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 200 })])),
});
export const WorkspacePatch = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  ext_ref: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 200 })])),
});

export const SubjectType = Type.Union([Type.Literal('USER'), Type.Literal('CLIENT')]);
export const AccessGrantBody = Type.Object({ subject_id: Type.String({ minLength: 1, maxLength: 255 }), subject_type: SubjectType });

export const Settings = Type.Object({ workspace_id: Type.String(), settings: StringMap });
export const toSettings = (w: Workspace): Static<typeof Settings> => ({ workspace_id: w.id, settings: w.settings });
export const SettingsMerge = Type.Object({ merge: Type.Record(Type.String(), Type.Union([Type.Null(), Type.String()])) });

// FastAPI reads an Optional[str] sent as null as "not given": the id is generated.
export const AgentClientCreate = Type.Object({ client_id: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 128 }), Type.Null()])) });
export const AgentClientCreated = Type.Object({ client_id: Type.String(), client_secret: Type.String() });
export const AgentClientListed = Type.Object({
  client_id: Type.String(),
  client_secret: Type.Union([Type.String(), Type.Null()], { description: "Masked: the secret's hint, never the secret (it is shown once, at creation)." }),
  client_secret_hint: Type.Union([Type.String(), Type.Null()]),
});
export const toAgentClientListed = (a: AgentClientSummary): Static<typeof AgentClientListed> => ({
  client_id: a.clientId,
  client_secret: a.secretHint,
  client_secret_hint: a.secretHint,
});

export const AuthType = Type.Union([Type.Literal('NONE'), Type.Literal('BEARER'), Type.Literal('BASIC'), Type.Literal('OAUTH2_CLIENT_CREDENTIALS')]);
const webhookFields = {
  auth_type: Type.Optional(AuthType),
  auth_url: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 2000 })])),
  token_request_config: Type.Optional(StringMap),
  webhook_headers_config: Type.Optional(StringMap),
  secrets: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'Write-only: bearer_token, username, password, client_secret, signing_secret.' })),
  event_types: Type.Optional(Type.Array(Type.String(), { maxItems: 50 })),
  enabled: Type.Optional(Type.Boolean()),
};
export const WebhookCreate = Type.Object({ url: Type.String({ minLength: 1, maxLength: 2000 }), ...webhookFields });
export const WebhookPatch = Type.Object({ url: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })), ...webhookFields });

export const toWebhookInput = (body: Static<typeof WebhookPatch>): WebhookInput => ({
  url: body.url,
  authType: body.auth_type,
  authUrl: body.auth_url,
  tokenRequestConfig: body.token_request_config,
  headers: body.webhook_headers_config,
  secrets: body.secrets,
  eventTypes: body.event_types,
  enabled: body.enabled,
});

export const DocpierWebhook = Type.Object({
  id: Type.String(),
  workspace_id: Type.Union([Type.String(), Type.Null()]),
  url: Type.String(),
  auth_type: Type.String(),
  auth_url: Type.Union([Type.String(), Type.Null()]),
  token_request_config: StringMap,
  webhook_headers_config: StringMap,
  secret_keys: Type.Array(Type.String(), { description: 'Names of the write-only secrets; values are never returned.' }),
  signing_secret_hint: Type.String(),
  signing_secret: Type.Optional(Type.String({ description: 'The Standard Webhooks whsec_ secret, only in the create response that generated it.' })),
  event_types: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  disabled_reason: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
  updated_at: Type.String(),
});
export const toDocpierWebhook = (w: Webhook, signingSecret?: string): Static<typeof DocpierWebhook> => ({
  id: w.id,
  workspace_id: w.workspaceId,
  url: w.url,
  auth_type: w.authType,
  auth_url: w.authUrl,
  token_request_config: w.tokenRequestConfig,
  webhook_headers_config: w.headers,
  secret_keys: w.secretKeys,
  signing_secret_hint: w.signingSecretHint,
  ...(signingSecret ? { signing_secret: signingSecret } : {}),
  event_types: w.eventTypes,
  enabled: w.enabled,
  disabled_reason: w.disabledReason,
  created_at: iso(w.createTime),
  updated_at: iso(w.updateTime),
});

export const Detail = Type.Object({ detail: Type.Unknown() }, { description: 'FastAPI-style error: a message, or for 422 a list of {loc, msg, type}.' });
