import { randomInt } from 'node:crypto';
import { CLIENT_ID_PATTERN } from '../../domain/ids.js';
import type { ApiClient, Credential, Workspace } from '../../domain/model.js';

/**
 * Zitadel's JSON (grpc-gateway): lowerCamelCase, uint64 as strings, enums by name, and
 * `details` on every object taken from the audit events of the resource. The shapes are pure:
 * the routes read the events of a whole page at once and hand each shape its details.
 */
export interface ObjectDetails {
  sequence: string;
  creationDate: string;
  changeDate: string;
  resourceOwner: string;
}

/** Sequence and time of a resource's first and last audit events (services/audit.ts `spans`). */
export interface EventSpan {
  first: { sequence: number; time: number };
  last: { sequence: number; time: number };
}

/** `details` from the resource's event span; `now` stands in for the dates of a resource without events. */
export function detailsOf(orgId: string, span: EventSpan | undefined, now: string): ObjectDetails {
  return {
    sequence: String(span?.last.sequence ?? 0),
    creationDate: span ? new Date(span.first.time).toISOString() : now,
    changeDate: span ? new Date(span.last.time).toISOString() : now,
    resourceOwner: orgId,
  };
}

export function listDetails(total: number, items: { details: ObjectDetails }[]) {
  const processed = items.reduce((max, i) => Math.max(max, Number(i.details.sequence)), 0);
  return { totalResult: String(total), processedSequence: String(processed), viewTimestamp: new Date().toISOString() };
}

/** Labels that remember what Zitadel says about a client and Keyward's model has no field for. */
export const LABEL = {
  kind: 'zitadel.kind',
  authMethod: 'zitadel.auth_method',
  accessTokenType: 'zitadel.access_token_type',
} as const;

export const AUTH_METHOD = { basic: 'API_AUTH_METHOD_TYPE_BASIC', jwt: 'API_AUTH_METHOD_TYPE_PRIVATE_KEY_JWT' } as const;

export const authMethodOf = (client: ApiClient) => (client.labels[LABEL.authMethod] === 'private_key_jwt' ? AUTH_METHOD.jwt : AUTH_METHOD.basic);

export const projectResource = (id: string) => `workspaces/${id}`;
export const clientResource = (id: string) => `apiClients/${id}`;
export const keyResource = (clientId: string, keyId: string) => `apiClients/${clientId}/credentials/${keyId}`;

export function projectShape(ws: Workspace, details: ObjectDetails) {
  return {
    id: ws.id,
    details,
    name: ws.displayName,
    state: 'PROJECT_STATE_ACTIVE',
    projectRoleAssertion: false,
    projectRoleCheck: false,
    hasProjectCheck: false,
    privateLabelingSetting: 'PRIVATE_LABELING_SETTING_UNSPECIFIED',
  };
}

export function appShape(client: ApiClient, details: ObjectDetails) {
  return {
    id: client.id,
    details,
    state: client.enabled ? 'APP_STATE_ACTIVE' : 'APP_STATE_INACTIVE',
    name: client.displayName,
    apiConfig: { clientId: client.clientId, authMethodType: authMethodOf(client) },
  };
}

/** Zitadel shows keys without an expiry as expiring at the end of time. */
const NO_EXPIRY = '9999-12-31T23:59:59Z';

export function keyShape(key: Credential, details: ObjectDetails) {
  return {
    id: key.id,
    details,
    type: 'KEY_TYPE_JSON',
    expirationDate: key.expireTime ? new Date(key.expireTime).toISOString() : NO_EXPIRY,
  };
}

export function machineUserShape(client: ApiClient, details: ObjectDetails, hasSecret: boolean) {
  return {
    id: client.id,
    details,
    state: client.enabled ? 'USER_STATE_ACTIVE' : 'USER_STATE_INACTIVE',
    userName: client.clientId,
    loginNames: [client.clientId],
    preferredLoginName: client.clientId,
    machine: {
      name: client.displayName,
      description: client.description,
      hasSecret,
      accessTokenType: client.labels[LABEL.accessTokenType] ?? 'ACCESS_TOKEN_TYPE_BEARER',
    },
  };
}

/** The JSON key file Zitadel hands out, base64-encoded as `keyDetails`. */
export function keyFile(fields: Record<string, string>): string {
  return Buffer.from(JSON.stringify(fields)).toString('base64');
}

/** Zitadel's API-app client ids read `<numeric id>@<project name>`. */
export function apiAppClientId(projectName: string): string {
  const project = projectName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'project';
  const numeric = `${randomInt(1, 10)}${Array.from({ length: 17 }, () => randomInt(0, 10)).join('')}`;
  const clientId = `${numeric}@${project}`;
  return CLIENT_ID_PATTERN.test(clientId) ? clientId : numeric;
}
