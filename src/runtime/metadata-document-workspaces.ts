import type { AuditEvent } from '../domain/model.js';
import { metadataDocumentPrefixesOf, registrationPolicyOf, WORKSPACE_SETTING, type RegistrationPolicy } from '../domain/workspace-settings.js';
import type { Store } from '../store/index.js';
import { ReadThroughCache } from './cache.js';

/** A workspace that accepts Client ID Metadata Documents, as the token path needs it. */
export interface MetadataDocumentWorkspace {
  orgId: string;
  workspaceId: string;
  prefixes: readonly string[];
  policy: RegistrationPolicy;
}

const ALL = 'all';

/**
 * Which workspaces accept which client_id URLs, held in memory: a bare URL names no workspace,
 * so the token path looks the URL's prefix up here without reading the database. The few
 * workspaces that set `client_id_metadata_document_prefixes` are read once, and again after any
 * workspace changes (here at once, in other processes through the ChangeFeed).
 */
export class MetadataDocumentWorkspaces {
  readonly #cache: ReadThroughCache<MetadataDocumentWorkspace[]>;

  constructor(store: Store) {
    this.#cache = new ReadThroughCache(async () => {
      const workspaces = await store.read.workspaces.listWorkspacesWithSetting(WORKSPACE_SETTING.metadataDocumentPrefixes);
      return workspaces
        .map((ws) => ({ orgId: ws.orgId, workspaceId: ws.id, prefixes: metadataDocumentPrefixesOf(ws.settings), policy: registrationPolicyOf(ws.settings) }))
        .filter((ws) => ws.prefixes.length > 0);
    }, { maxEntries: 1, negativeTtlMs: 0 });
  }

  /** The workspaces with a prefix that admits `url`. */
  async admitting(url: string): Promise<MetadataDocumentWorkspace[]> {
    const all = (await this.#cache.get(ALL)) ?? [];
    return all.filter((ws) => ws.prefixes.some((prefix) => url.startsWith(prefix)));
  }

  handleEvent(event: AuditEvent) {
    if (event.type.startsWith('workspace.') || event.type.startsWith('organization.')) this.#cache.delete(ALL);
  }
}
