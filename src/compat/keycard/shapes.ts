import type { ApiClient, Credential, Page, Provider, Workspace } from '../../domain/model.js';
import { ANY_SUBJECT } from '../../domain/federation.js';
import { invalidArgument } from '../../domain/errors.js';

/**
 * Keycard's shapes (keycard-ts / openapi.yaml): snake_case, ISO times, slugs and cursor pages.
 */
const iso = (ms: number) => new Date(ms).toISOString();
/** Keycard slugs are lowercase words joined by hyphens; ids already are, but for the underscore. */
const slugOf = (id: string) => id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');

/** Labels that carry Keycard's application metadata. */
export const METADATA_LABELS = { docs_url: 'keycard.docs_url', icon_url: 'keycard.icon_url' } as const;
/** Workspace setting that carries a zone's description. */
export const ZONE_DESCRIPTION_SETTING = 'description';

export function zoneShape(ws: Workspace, issuer: string) {
  return {
    id: ws.id,
    name: ws.displayName,
    organization_id: ws.orgId,
    slug: slugOf(ws.id),
    created_at: iso(ws.createTime),
    updated_at: iso(ws.updateTime),
    description: ws.settings[ZONE_DESCRIPTION_SETTING] ?? null,
    protocols: {
      oauth2: {
        authorization_endpoint: null,
        authorization_server_metadata: `${issuer}/.well-known/oauth-authorization-server`,
        dcr_enabled: false,
        issuer,
        jwks_uri: `${issuer}/oauth/jwks`,
        pkce_required: false,
        redirect_uri: null,
        registration_endpoint: null,
        token_endpoint: `${issuer}/oauth/token`,
      },
      openid: { provider_configuration: `${issuer}/.well-known/openid-configuration`, userinfo_endpoint: null },
    },
  };
}

export function applicationShape(client: ApiClient) {
  const metadata: Record<string, string> = {};
  for (const [field, label] of Object.entries(METADATA_LABELS)) if (client.labels[label] !== undefined) metadata[field] = client.labels[label];
  return {
    id: client.id,
    created_at: iso(client.createTime),
    dependencies_count: 0,
    identifier: client.clientId,
    name: client.displayName,
    organization_id: client.orgId,
    owner_type: 'customer',
    slug: slugOf(client.id),
    updated_at: iso(client.updateTime),
    zone_id: client.workspaceId,
    description: client.description === '' ? null : client.description,
    metadata,
    protocols: { oauth2: { post_logout_redirect_uris: [] as string[], redirect_uris: [] as string[] } },
  };
}

export function providerShape(p: Provider) {
  return {
    id: p.id,
    created_at: iso(p.createTime),
    identifier: p.identifier,
    name: p.displayName,
    organization_id: p.orgId,
    owner_type: 'customer',
    slug: slugOf(p.id),
    updated_at: iso(p.updateTime),
    zone_id: p.workspaceId,
    client_id: null,
    client_secret_set: false,
    description: p.description === '' ? null : p.description,
    metadata: {},
    protocols: { oauth2: { issuer: p.issuer, jwks_uri: p.jwksUri }, openid: {} },
    type: 'external',
  };
}

export const CREDENTIAL_TYPE = { secret: 'password', public_key: 'public-key', federated: 'token' } as const;

export function credentialShape(credential: Credential, client: ApiClient, provider: Provider | undefined, extra: { password?: string } = {}) {
  const base = {
    id: credential.id,
    application_id: client.id,
    created_at: iso(credential.createTime),
    organization_id: credential.orgId,
    slug: slugOf(credential.id),
    updated_at: iso(credential.createTime),
    zone_id: client.workspaceId,
    application: applicationShape(client),
  };
  switch (credential.type) {
    case 'federated':
      return {
        ...base,
        identifier: credential.subject ?? ANY_SUBJECT,
        provider_id: credential.providerId,
        type: CREDENTIAL_TYPE.federated,
        ...(provider ? { provider: providerShape(provider) } : {}),
        subject: credential.subject === ANY_SUBJECT ? null : credential.subject,
      };
    case 'public_key':
      return { ...base, identifier: client.clientId, type: CREDENTIAL_TYPE.public_key, jwks_uri: credential.jwksUri };
    default:
      return { ...base, identifier: client.clientId, type: CREDENTIAL_TYPE.secret, ...(extra.password ? { password: extra.password } : {}) };
  }
}

export interface CursorQuery {
  limit?: number;
  after?: string;
  cursor?: string;
  before?: string;
}

/** Keycard's cursors map onto Keyward's page tokens; pages run forward only. */
export function pageRequest(query: CursorQuery): { pageSize: number; pageToken?: string } {
  if (query.before !== undefined) {
    throw invalidArgument('Paging backwards (before) is not supported; follow pagination.after_cursor forward.', [{ field: 'before', description: 'use after' }]);
  }
  return { pageSize: query.limit ?? 100, pageToken: query.after ?? query.cursor };
}

export function cursorPage<T, R>(page: Page<T>, query: CursorQuery, map: (item: T) => R) {
  const after = page.nextPageToken || null;
  const current = query.after ?? query.cursor;
  return {
    items: page.items.map(map),
    page_info: { has_next_page: after !== null, has_previous_page: current !== undefined, start_cursor: current ?? null, end_cursor: after },
    pagination: { after_cursor: after, before_cursor: null },
  };
}
