import { secretHint } from '../crypto/secrets.js';
import { DEFAULT_ACCESS_ROLE } from '../domain/access.js';
import { DuplicateKeyError, alreadyExists, missing } from '../domain/errors.js';
import { newClientId } from '../domain/ids.js';
import type { Context, Workspace } from '../domain/model.js';
import { ADMIN_PERMISSIONS } from '../domain/permissions.js';
import { defaultScopeOf } from '../domain/workspace-settings.js';
import type { Store } from '../store/index.js';
import type { AccessGrantService } from './access-grants.js';
import { requirePermission } from './authorization.js';
import type { ClientService } from './clients.js';
import type { UnitsOfWork } from './unit-of-work.js';
import type { ExternalClientRegistry } from './external-client-registry.js';

/**
 * Agent clients: confidential clients that work in one workspace (Docpier's agents), each with
 * a CLIENT access row in it. They are Keyward API clients, or, with a Keycloak admin connection
 * configured, clients created in Keycloak through its Admin REST API.
 */
export interface AgentClientSummary {
  clientId: string;
  /** The hint of the newest valid secret (`kw_abc…wxyz`); secrets are never shown again. */
  secretHint: string | null;
  provider: 'keyward' | 'keycloak';
  grantId: string;
  createTime: number;
}

export interface CreatedAgentClient {
  clientId: string;
  /** Shown this once. */
  clientSecret: string;
  provider: 'keyward' | 'keycloak';
}

export interface AgentClientOptions {
  /** Permissions of a new agent when its workspace sets no `default_scope` (KEYWARD_AGENT_DEFAULT_SCOPE). */
  defaultScope: string[];
  /** Docpier's Keycloak: agent clients are made there instead of here. */
  external?: ExternalClientRegistry;
  onError?: (error: unknown, message: string) => void;
}

export class AgentClientService {
  constructor(
    private readonly store: Store,
    private readonly units: UnitsOfWork,
    private readonly clients: ClientService,
    private readonly access: AccessGrantService,
    private readonly options: AgentClientOptions,
  ) {}

  get provider(): 'keyward' | 'keycloak' {
    return this.options.external?.provider ?? 'keyward';
  }

  async create(ctx: Context, workspaceId: string, input: { clientId?: string }): Promise<CreatedAgentClient> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsWrite);
    requirePermission(ctx, ADMIN_PERMISSIONS.workspacesWrite);
    const clientId = input.clientId ?? newClientId();
    return this.options.external ? this.createExternally(ctx, this.options.external, workspaceId, clientId) : this.createHere(ctx, workspaceId, clientId);
  }

  /** The new client as ClientService creates it; its permissions are the workspace's default scope. */
  private draft(workspace: Workspace, clientId: string) {
    const draft = {
      clientId,
      workspaceId: workspace.id,
      displayName: `Agent ${clientId}`,
      description: `Agent client of workspaces/${workspace.id}.`,
      permissions: defaultScopeOf(workspace.settings) ?? this.options.defaultScope,
    };
    this.clients.validateCreate(draft);
    return draft;
  }

  /** The workspace is read once, in the unit that creates the client and its access row. */
  private async createHere(ctx: Context, workspaceId: string, clientId: string): Promise<CreatedAgentClient> {
    try {
      return await this.units.run(ctx, async (uow) => {
        const workspace = await uow.tx.workspaces.findWorkspaceById(ctx.orgId, workspaceId);
        if (!workspace) throw missing('workspace', workspaceId);
        const created = await this.clients.createIn(uow, ctx, this.draft(workspace, clientId), workspace);
        await this.access.grantIn(uow, ctx, workspace, {
          subjectType: 'CLIENT',
          subjectId: created.client.clientId,
          role: DEFAULT_ACCESS_ROLE,
        });
        return { clientId: created.client.clientId, clientSecret: created.secret, provider: 'keyward' as const };
      });
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw alreadyExists(`The client id "${clientId}" is taken; choose another or leave it out to have one generated.`, { kind: 'apiClient', id: clientId, field: 'clientId' });
      throw error;
    }
  }

  /**
   * The workspace is read before the registry is called (so a bad request makes nothing there)
   * and again in the unit that records the client, since the call takes a while and the
   * workspace may be gone by then.
   */
  private async createExternally(ctx: Context, registry: ExternalClientRegistry, workspaceId: string, clientId: string): Promise<CreatedAgentClient> {
    const workspace = await this.store.read.workspaces.findWorkspaceById(ctx.orgId, workspaceId);
    if (!workspace) throw missing('workspace', workspaceId);
    this.draft(workspace, clientId);
    const made = await registry.createConfidentialClient(clientId);
    try {
      await this.units.run(ctx, async (uow) => {
        const current = await uow.tx.workspaces.findWorkspaceById(ctx.orgId, workspaceId);
        if (!current) throw missing('workspace', workspaceId);
        await uow.record({
          type: 'client.provisioned',
          resource: `workspaces/${workspaceId}/agentClients/${clientId}`,
          data: { clientId, workspaceId, provider: registry.provider, realm: registry.realm, externalId: made.id },
        });
        await this.access.grantIn(uow, ctx, current, {
          subjectType: 'CLIENT',
          subjectId: clientId,
          role: DEFAULT_ACCESS_ROLE,
          details: { provider: registry.provider, externalId: made.id, secretHint: secretHint(made.secret) },
        });
      });
    } catch (error) {
      // The registry has a client that Keyward does not know of; take it back rather than leave an orphan.
      await registry.deleteClient(made.id).catch((cleanup) => this.options.onError?.(cleanup, `could not delete an orphaned ${registry.provider} client`));
      throw error;
    }
    return { clientId, clientSecret: made.secret, provider: registry.provider };
  }

  /** One entry per CLIENT access row of the workspace; never a secret, only its hint. */
  async list(ctx: Context, workspaceId: string): Promise<AgentClientSummary[]> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsRead);
    const grants = (await this.access.list(ctx, workspaceId)).filter((g) => g.subjectType === 'CLIENT');
    const now = Date.now();
    const summaries: AgentClientSummary[] = [];
    for (const grant of grants) {
      if (grant.details.provider === 'keycloak') {
        summaries.push({ clientId: grant.subjectId, secretHint: grant.details.secretHint ?? null, provider: 'keycloak', grantId: grant.id, createTime: grant.createTime });
        continue;
      }
      const client = await this.store.read.clients.findClientByClientId(grant.subjectId);
      let hint: string | null = null;
      if (client && client.orgId === ctx.orgId) {
        const secrets = (await this.store.read.credentials.listCredentialsByClientId(ctx.orgId, client.id)).filter(
          (c) => c.type === 'secret' && (c.expireTime === null || c.expireTime > now),
        );
        hint = secrets.at(-1)?.secretHint ?? grant.details.secretHint ?? null;
      }
      summaries.push({ clientId: grant.subjectId, secretHint: hint, provider: 'keyward', grantId: grant.id, createTime: grant.createTime });
    }
    return summaries;
  }
}
