import type { ApiClient, AuditEvent, Credential } from '../domain/model.js';
import { defaultScopeOf } from '../domain/workspace-settings.js';
import type { Store } from '../store/index.js';

/**
 * The token path's view of clients: the client, its credentials and its effective permissions
 * (direct ∪ roles'), kept in memory so issuing a token reads no database on a hit. Entries are
 * dropped when an event says the client, one of its credentials or a role of its organization
 * changed, in this process at once and in others through the ChangeFeed.
 *
 * Bounded (oldest entries go first) so a million clients cannot grow the heap without limit,
 * and unknown client ids are remembered briefly so a flood of made-up ids does not become a
 * flood of queries.
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
}

interface Slot {
  entry: ClientEntry | null;
  /** Unknown ids are remembered only until then. */
  expires: number;
}

export class ClientDirectory {
  readonly #store: Store;
  readonly #maxEntries: number;
  readonly #negativeTtlMs: number;
  readonly #slots = new Map<string, Slot>();
  readonly #loading = new Map<string, Promise<ClientEntry | null>>();
  readonly #clientIds = new Map<string, { clientId: string | null; expires: number }>();
  /** Bumped by every invalidation; a load that started before one must not cache its result. */
  #epoch = 0;

  constructor(store: Store, options: { maxEntries?: number; negativeTtlMs?: number } = {}) {
    this.#store = store;
    this.#maxEntries = options.maxEntries ?? 20_000;
    this.#negativeTtlMs = options.negativeTtlMs ?? 10_000;
  }

  get size() {
    return this.#slots.size;
  }

  /** Resolves a client by OAuth client_id; null when unknown. */
  lookup(clientId: string): ClientEntry | null | Promise<ClientEntry | null> {
    const slot = this.#slots.get(clientId);
    if (slot && (slot.entry !== null || slot.expires > Date.now())) return slot.entry;
    return this.#load(clientId);
  }

  /**
   * The client_id of the client with this resource id (`ac_…`), for dialects whose assertions
   * name the client that way. The answer can outlive the client: callers check the entry's id.
   */
  async clientIdOf(id: string): Promise<string | null> {
    const known = this.#clientIds.get(id);
    if (known && (known.clientId !== null || known.expires > Date.now())) return known.clientId;
    const clientId = (await this.#store.read.clients.findClientIdById(id)) ?? null;
    if (this.#clientIds.size >= this.#maxEntries) {
      const oldest = this.#clientIds.keys().next().value;
      if (oldest !== undefined) this.#clientIds.delete(oldest);
    }
    this.#clientIds.set(id, { clientId, expires: Date.now() + this.#negativeTtlMs });
    return clientId;
  }

  #load(clientId: string): Promise<ClientEntry | null> {
    const pending = this.#loading.get(clientId);
    if (pending) return pending;
    const epoch = this.#epoch;
    const promise = this.#read(clientId)
      .then((entry) => {
        if (epoch === this.#epoch) this.#remember(clientId, entry);
        return entry;
      })
      .finally(() => this.#loading.delete(clientId));
    this.#loading.set(clientId, promise);
    return promise;
  }

  async #read(clientId: string): Promise<ClientEntry | null> {
    const repos = this.#store.read;
    const client = await repos.clients.findClientByClientId(clientId);
    if (!client) return null;
    const [credentials, roles, workspace] = await Promise.all([
      repos.credentials.listCredentialsByClientId(client.orgId, client.id),
      repos.roles.findRolesByIds(client.orgId, client.roles),
      repos.workspaces.findWorkspaceById(client.orgId, client.workspaceId),
    ]);
    const permissions = [...new Set([...client.permissions, ...roles.flatMap((r) => r.permissions)])].sort();
    const defaultScope = workspace ? defaultScopeOf(workspace.settings) : null;
    return { client, credentials, permissions, permissionSet: new Set(permissions), defaultScope };
  }

  #remember(clientId: string, entry: ClientEntry | null) {
    if (this.#slots.size >= this.#maxEntries) {
      const oldest = this.#slots.keys().next().value;
      if (oldest !== undefined) this.#slots.delete(oldest);
    }
    this.#slots.set(clientId, { entry, expires: Date.now() + this.#negativeTtlMs });
  }

  invalidate(clientId: string) {
    this.#epoch++;
    this.#slots.delete(clientId);
  }

  invalidateOrg(orgId: string) {
    this.#epoch++;
    for (const [clientId, slot] of this.#slots) {
      if (slot.entry === null || slot.entry.client.orgId === orgId) this.#slots.delete(clientId);
    }
  }

  invalidateWorkspace(workspaceId: string) {
    this.#epoch++;
    for (const [clientId, slot] of this.#slots) {
      if (slot.entry?.client.workspaceId === workspaceId) this.#slots.delete(clientId);
    }
  }

  /** Reads an event and drops what it makes stale. */
  handleEvent(event: AuditEvent) {
    if (event.type.startsWith('role.')) return this.invalidateOrg(event.orgId);
    // An update may carry a settings patch too (a Keycard zone's name and description at once).
    if (event.type === 'workspace.settings_updated' || event.type === 'workspace.updated') {
      return this.invalidateWorkspace(event.resource.replace(/^workspaces\//, ''));
    }
    if (!event.type.startsWith('client.') && !event.type.startsWith('credential.')) return;
    const data = event.data as { clientId?: string; before?: { clientId?: string }; after?: { clientId?: string } };
    const ids = [data.clientId, data.before?.clientId, data.after?.clientId].filter((id): id is string => typeof id === 'string');
    if (ids.length === 0) return this.invalidateOrg(event.orgId);
    for (const id of new Set(ids)) this.invalidate(id);
  }
}
