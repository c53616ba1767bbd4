import { compileFence, type CredentialFence } from '../domain/credential-fences.js';
import type { ApiClient, AuditEvent, Credential } from '../domain/model.js';
import { defaultScopeOf } from '../domain/workspace-settings.js';
import type { Store } from '../store/index.js';
import { ReadThroughCache } from './cache.js';

/**
 * The token path's view of clients: the client, its credentials and its effective permissions
 * (direct ∪ roles'), kept in memory so issuing a token reads no database on a hit. Entries are
 * dropped when an event says the client, one of its credentials or a role of its organization
 * changed, in this process at once and in others through the ChangeFeed.
 *
 * Built on ReadThroughCache (bounded; unknown ids remembered briefly).
 */
export interface ClientEntry {
  client: ApiClient;
  credentials: Credential[];
  /** Effective permissions, sorted, deduplicated. */
  permissions: string[];
  permissionSet: ReadonlySet<string>;
  /**
   * The workspace's `default_scope` setting: what a token request without scope is granted
   * (within the permissions above). Carried here so the token path reads no workspace.
   */
  defaultScope?: string[] | null;
  /**
   * The compiled fences (allowedCidrs, maxUses) of the credentials that carry one, by credential
   * id; null when none does, so an unfenced client costs the token path one null check.
   */
  fences: ReadonlyMap<string, CredentialFence> | null;
}

export class ClientDirectory {
  readonly #store: Store;
  readonly #entries: ReadThroughCache<ClientEntry>;
  readonly #clientIds: ReadThroughCache<string>;

  constructor(store: Store, options: { maxEntries?: number; negativeTtlMs?: number } = {}) {
    this.#store = store;
    const bounds = { maxEntries: options.maxEntries ?? 20_000, negativeTtlMs: options.negativeTtlMs ?? 10_000 };
    this.#entries = new ReadThroughCache((clientId) => this.#read(clientId), bounds);
    this.#clientIds = new ReadThroughCache(async (id) => (await this.#store.read.clients.findClientIdById(id)) ?? null, bounds);
  }

  get size() {
    return this.#entries.size;
  }

  /** Resolves a client by OAuth client_id; null when unknown. */
  lookup(clientId: string): ClientEntry | null | Promise<ClientEntry | null> {
    return this.#entries.get(clientId);
  }

  /**
   * The client_id of the client with this resource id (`ac_…`), for dialects whose assertions
   * name the client that way. The answer can outlive the client: callers check the entry's id.
   */
  async clientIdOf(id: string): Promise<string | null> {
    return this.#clientIds.get(id);
  }

  async #read(clientId: string): Promise<ClientEntry | null> {
    const repos = this.#store.read;
    const client = await repos.clients.findClientByClientId(clientId);
    if (!client) return null;
    const [credentials, roles, workspace] = await Promise.all([
      // A disabled credential (reported leaked) authenticates nothing, and the tokens it obtained
      // are inactive (stillValid looks for their credential here): the token path never sees it.
      repos.credentials.listCredentialsByClientId(client.orgId, client.id).then((all) => all.filter((c) => c.disableTime === null)),
      repos.roles.findRolesByIds(client.orgId, client.roles),
      repos.workspaces.findWorkspaceById(client.orgId, client.workspaceId),
    ]);
    const permissions = [...new Set([...client.permissions, ...roles.flatMap((r) => r.permissions)])].sort();
    const defaultScope = workspace ? defaultScopeOf(workspace.settings) : null;
    return { client, credentials, permissions, permissionSet: new Set(permissions), defaultScope, fences: fencesOf(credentials) };
  }

  invalidate(clientId: string) {
    this.#entries.delete(clientId);
  }

  invalidateOrg(orgId: string) {
    this.#entries.deleteWhere((entry) => entry === null || entry.client.orgId === orgId);
  }

  invalidateWorkspace(workspaceId: string) {
    this.#entries.deleteWhere((entry) => entry?.client.workspaceId === workspaceId);
  }

  /** Reads an event and drops what it makes stale. */
  handleEvent(event: AuditEvent) {
    if (event.type.startsWith('role.')) return this.invalidateOrg(event.orgId);
    // An update may carry a settings patch too (a Keycard zone's name and description at once).
    if (event.type === 'workspace.settings_updated' || event.type === 'workspace.updated') {
      return this.invalidateWorkspace(event.resource.replace(/^workspaces\//, ''));
    }
    if (!event.type.startsWith('client.') && !event.type.startsWith('credential.')) return;
    // A refused use changes nothing the entry holds; dropping it would let refusals thrash the cache.
    if (event.type === 'credential.use_refused') return;
    const data = event.data as { clientId?: string; before?: { clientId?: string }; after?: { clientId?: string } };
    const ids = [data.clientId, data.before?.clientId, data.after?.clientId].filter((id): id is string => typeof id === 'string');
    if (ids.length === 0) return this.invalidateOrg(event.orgId);
    for (const id of new Set(ids)) this.invalidate(id);
  }
}

function fencesOf(credentials: Credential[]): Map<string, CredentialFence> | null {
  let fences: Map<string, CredentialFence> | null = null;
  for (const credential of credentials) {
    const fence = compileFence(credential);
    if (fence) (fences ??= new Map()).set(credential.id, fence);
  }
  return fences;
}
