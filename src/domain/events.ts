/**
 * Every event type Keyward records in the audit log, with what it means. The one list: services
 * may only record these (`EventDraft.type` is an `EventType`), webhook subscriptions are checked
 * against it, and the list of webhook events in docs/webhooks.md is rendered from it (`npm run
 * docs:gen`; test/docs.test.ts fails when that page lags behind).
 */
export const EVENT_CATALOGUE = [
  { type: 'organization.created', description: 'An organization was created, with its first workspace.' },
  { type: 'organization.updated', description: "An organization's display name changed." },
  { type: 'workspace.created', description: 'A workspace was created, the first one of a new organization included.' },
  { type: 'workspace.updated', description: "A workspace's name or description changed, with any settings the same request changed." },
  { type: 'workspace.settings_updated', description: "A workspace's settings were patched, and nothing else." },
  { type: 'workspace.deleted', description: 'A workspace was deleted.' },
  { type: 'access.granted', description: 'A user or client was given a role in a workspace.' },
  { type: 'access.updated', description: "An access grant's role or details changed." },
  { type: 'access.revoked', description: 'An access grant was removed.' },
  { type: 'client.created', description: 'An API client was created.' },
  { type: 'client.provisioned', description: 'An agent client was created in Keycloak for a workspace.' },
  { type: 'client.updated', description: "An API client's fields changed." },
  { type: 'client.enabled', description: 'An API client was enabled.' },
  { type: 'client.disabled', description: 'An API client was disabled.' },
  { type: 'client.deleted', description: 'An API client was deleted, with its credentials.' },
  { type: 'client.secret_rotated', description: "A client's secret was rotated; the previous ones expire after the overlap." },
  { type: 'credential.created', description: 'A credential (secret, public key or federated subject) was added to a client.' },
  { type: 'credential.updated', description: "A credential changed: its fences (allowedCidrs, maxUses), or a federated credential's expected subject; `data.before` and `data.after` say how." },
  { type: 'credential.revoked', description: 'A credential was revoked or removed.' },
  { type: 'credential.expiring', description: 'A credential expires within the notice period (sent once).' },
  { type: 'credential.expired', description: 'A credential has expired (sent once).' },
  { type: 'credential.use_refused', description: 'A credential authenticated but its fence refused the use (an address outside its allowedCidrs, or no uses left of its maxUses); `data.reason` says which.' },
  { type: 'credential.leaked', description: 'A secret was reported found in public (by a secret scanner or an admin) and its credential disabled; `url` says where it was found.' },
  { type: 'registration_token.created', description: 'An initial access token for self-registration (RFC 7591) was issued for a workspace.' },
  { type: 'registration_token.deleted', description: 'An initial access token was revoked.' },
  { type: 'role.created', description: 'A role was created.' },
  { type: 'role.updated', description: "A role's name, description, permissions or labels changed." },
  { type: 'role.deleted', description: 'A role was deleted.' },
  { type: 'roleBinding.created', description: 'A federated subject was bound to a role.' },
  { type: 'roleBinding.deleted', description: 'A role binding was removed.' },
  { type: 'provider.created', description: 'A federation identity provider was registered.' },
  { type: 'provider.updated', description: 'A federation identity provider changed.' },
  { type: 'provider.deleted', description: 'A federation identity provider was removed.' },
  { type: 'signing_key.rotated', description: 'The token signing keys were rotated.' },
  { type: 'token.revoked', description: 'An access token was revoked.' },
  { type: 'token.delegated', description: 'A client obtained a token acting for a subject (RFC 8693 delegation); names the subject and the chain of actors.' },
  { type: 'webhook.created', description: 'A webhook was created.' },
  { type: 'webhook.updated', description: "A webhook's fields or state changed." },
  { type: 'webhook.deleted', description: 'A webhook was deleted.' },
  { type: 'webhook.disabled', description: 'Keyward disabled a webhook (its receiver answered 410, or a delivery exhausted its retries).' },
  { type: 'webhook.secret_rotated', description: "A webhook's signing secret was rotated." },
  { type: 'webhook.redelivery_requested', description: 'A delivery was queued to be sent again.' },
] as const satisfies readonly { type: `${string}.${string}`; description: string }[];

export type EventType = (typeof EVENT_CATALOGUE)[number]['type'];

/** The part before the dot: `client` for `client.created`. */
export type EventFamily = EventType extends `${infer F}.${string}` ? F : never;

export const EVENT_TYPES: readonly EventType[] = EVENT_CATALOGUE.map((e) => e.type);

export function isEventType(type: string): type is EventType {
  return (EVENT_TYPES as readonly string[]).includes(type);
}

export function eventFamily(type: string): string {
  return type.split('.')[0];
}
