import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { invalidArgument, isMissing, notFound } from '../../../domain/errors.js';
import type { ApiClient, Context, Credential, Page } from '../../../domain/model.js';
import type { Services } from '../../../services/index.js';
import { AUTH_METHOD, LABEL, detailsOf, type ObjectDetails } from '../shapes.js';

/** The Fastify instance a Zitadel route set registers on. */
export type ZitadelApp = Parameters<FastifyPluginAsyncTypebox<{ services: Services }>>[0];

export const BASE = '/management/v1';
export const Rpc = Type.Object({}, { additionalProperties: true });
const ListQuery = Type.Optional(
  Type.Object({ offset: Type.Optional(Type.Union([Type.String(), Type.Integer()])), limit: Type.Optional(Type.Integer({ minimum: 0 })), asc: Type.Optional(Type.Boolean()) }),
);
const NameQuery = Type.Object({ nameQuery: Type.Optional(Type.Object({ name: Type.String({ maxLength: 200 }), method: Type.Optional(Type.String()) })) }, { additionalProperties: true });
export const SearchBody = Type.Optional(Type.Object({ query: ListQuery, queries: Type.Optional(Type.Array(NameQuery, { maxItems: 10 })) }));
export const AuthMethodType = Type.Union([Type.Literal(AUTH_METHOD.basic), Type.Literal(AUTH_METHOD.jwt)]);
export const KeyBody = Type.Object({
  type: Type.Literal('KEY_TYPE_JSON', { description: 'KEY_TYPE_UNSPECIFIED is refused, as in Zitadel' }),
  expirationDate: Type.Optional(Type.String()),
  publicKey: Type.Optional(Type.String({ maxLength: 20000, description: 'base64 of a PEM public key; the response then holds no private key' })),
});
export const ProjectParams = Type.Object({ projectId: Type.String({ maxLength: 200 }) });
export const AppParams = Type.Object({ projectId: Type.String({ maxLength: 200 }), appId: Type.String({ maxLength: 200 }) });
export const AppKeyParams = Type.Object({ projectId: Type.String({ maxLength: 200 }), appId: Type.String({ maxLength: 200 }), keyId: Type.String({ maxLength: 200 }) });
export const UserParams = Type.Object({ userId: Type.String({ maxLength: 200 }) });
export const UserKeyParams = Type.Object({ userId: Type.String({ maxLength: 200 }), keyId: Type.String({ maxLength: 200 }) });

export const MAX_LIMIT = 1000;

export function parseExpiration(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw invalidArgument('expirationDate must be an RFC 3339 time.', [{ field: 'expirationDate', description: 'an RFC 3339 time' }]);
  return ms;
}

/** A text query as the AIP-160 filter the client list understands. */
export function nameFilter(queries: { nameQuery?: { name: string; method?: string } }[] | undefined): string | undefined {
  const terms = (queries ?? []).flatMap((q) => (q.nameQuery ? [q.nameQuery] : []));
  return terms.length === 0 ? undefined : terms.map((t) => `displayName ${operatorOf(t.method)} "${t.name.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(' AND ');
}

export function operatorOf(method: string | undefined): string {
  switch (method ?? 'TEXT_QUERY_METHOD_EQUALS') {
    case 'TEXT_QUERY_METHOD_EQUALS':
      return '=';
    case 'TEXT_QUERY_METHOD_CONTAINS':
      return ':';
    default:
      throw invalidArgument(`nameQuery method ${String(method).slice(0, 60)} is not supported; use TEXT_QUERY_METHOD_EQUALS or TEXT_QUERY_METHOD_CONTAINS.`, [
        { field: 'queries.nameQuery.method', description: 'EQUALS or CONTAINS' },
      ]);
  }
}

/**
 * Zitadel pages by offset; the services by keyset, so the rows before the offset are read and
 * skipped. `total` is exact once the last page was read, and otherwise one more than the rows
 * seen: a client that pages until it has `totalResult` rows asks for the next page and gets it.
 */
export async function window<T>(query: { offset?: string | number; limit?: number } | undefined, read: (pageToken?: string) => Promise<Page<T>>) {
  const offset = Number(query?.offset ?? 0);
  const limit = query?.limit ? Math.min(query.limit, MAX_LIMIT) : MAX_LIMIT;
  if (!Number.isInteger(offset) || offset < 0) throw invalidArgument('query.offset must be a whole number.', [{ field: 'query.offset', description: 'a whole number' }]);
  const items: T[] = [];
  let seen = 0;
  let token: string | undefined;
  do {
    const page = await read(token);
    for (const row of page.items) {
      if (seen >= offset && items.length < limit) items.push(row);
      seen += 1;
    }
    token = page.nextPageToken || undefined;
  } while (token && seen < offset + limit);
  return { total: seen + (token ? 1 : 0), items };
}

/** The `details` of many resources of one organization, from one batched read of their events. */
export async function detailsFor(services: Services, orgId: string, resources: readonly string[]): Promise<(resource: string) => ObjectDetails> {
  const spans = await services.audit.spans(orgId, resources);
  const now = new Date().toISOString();
  return (resource) => detailsOf(orgId, spans.get(resource), now);
}

/** The `details` of one resource. */
export async function detailsOfOne(services: Services, orgId: string, resource: string): Promise<ObjectDetails> {
  return (await detailsFor(services, orgId, [resource]))(resource);
}

/**
 * An API app of the project the path names (the service answers not-found for a client of
 * another project). A machine user is an API client too, but not an app.
 */
export async function apiApp(services: Services, ctx: Context, params: { projectId: string; appId: string }): Promise<ApiClient> {
  const client = await services.clients.get(ctx, params.appId, { workspaceId: params.projectId });
  if (client.labels[LABEL.kind] === 'machine_user') throw notFound(`App ${params.appId} in project ${params.projectId}`);
  return client;
}

/** An API client is an app unless it is a machine user, so these routes name it themselves. */
export async function machineUser(services: Services, ctx: Context, userId: string): Promise<ApiClient> {
  const client = await services.clients.get(ctx, userId).catch((error: unknown) => {
    throw isMissing(error, 'apiClient') ? notFound(`Machine user ${userId}`) : error;
  });
  if (client.labels[LABEL.kind] !== 'machine_user') throw notFound(`Machine user ${userId}`);
  return client;
}

export async function keyOf(services: Services, ctx: Context, client: ApiClient, keyId: string): Promise<Credential> {
  const key = await services.credentials.getCredential(ctx, client.id, keyId);
  if (key.type !== 'public_key') throw notFound(`Key ${keyId}`);
  return key;
}
