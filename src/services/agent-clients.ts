import { secretHint } from '../crypto/secrets.js';
import { DEFAULT_ACCESS_ROLE } from '../domain/access.js';
import { DuplicateKeyError, alreadyExists, missing } from '../domain/errors.js';
import { newClientId } from '../domain/ids.js';
import type { Context } from '../domain/model.js';
import { ADMIN_PERMISSIONS } from '../domain/permissions.js';
import { defaultScopeOf } from '../domain/workspace-settings.js';
import type { Store } from '../store/index.js';
import type { AccessGrantService } from './access-grants.js';
import { requirePermission } from './authorization.js';
import type { ClientService } from './clients.js';
import type { Mutations } from './events.js';
import type { KeycloakAdmin } from './keycloak-admin.js';

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
  keycloak?: KeycloakAdmin;
  onError?: (error: unknown, message: string) => void;
}

export class AgentClientService {
  constructor(
    private readonly store: Store,
    private readonly mutations: Mutations,
    private readonly clients: ClientService,
    private readonly access: AccessGrantService,
    private readonly options: AgentClientOptions,
  ) {}

  get provider(): 'keyward' | 'keycloak' {
    return this.options.keycloak ? 'keycloak' : 'keyward';
  }

  async create(ctx: Context, workspaceId: string, input: { clientId?: string }): Promise<CreatedAgentClient> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsWrite);
    requirePermission(ctx, ADMIN_PERMISSIONS.workspacesWrite);
    const workspace = await this.store.read.workspaces.findWorkspaceById(ctx.orgId, workspaceId);
    if (!workspace) throw missing('workspace', workspaceId);
    const clientId = input.clientId ?? newClientId();
    const draft = {
      clientId,
      workspaceId,
      displayName: `Agent ${clientId}`,
      description: `Agent client of workspaces/${workspaceId}.`,
      permissions: defaultScopeOf(workspace.settings) ?? this.options.defaultScope,
    };
    this.clients.validateCreate(draft);
    return this.options.keycloak ? this.createInKeycloak(ctx, this.options.keycloak, workspaceId, clientId) : this.createHere(ctx, draft);
  }

  private async createHere(ctx: Context, draft: Parameters<ClientService['createWithin']>[3] & { clientId: string; workspaceId: string }) {
    try {
      return await this.mutations.runAs(ctx, async (repos, recorder) => {
        const created = await this.clients.createWithin(ctx, repos, recorder, draft);
        await this.access.grantWithin(ctx, repos, recorder, draft.workspaceId, {
          subjectType: 'CLIENT',
          subjectId: created.client.clientId,
          role: DEFAULT_ACCESS_ROLE,
        });
        return { clientId: created.client.clientId, clientSecret: created.secret, provider: 'keyward' as const };
      });
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw alreadyExists(`The client id "${draft.clientId}" is taken; choose another or leave it out to have one generated.`, { kind: 'apiClient', id: draft.clientId, field: 'clientId' });
      throw error;
    }
  }

  private async createInKeycloak(ctx: Context, keycloak: KeycloakAdmin, workspaceId: string, clientId: string): Promise<CreatedAgentClient> {
    const made = await keycloak.createConfidentialClient(clientId);
    try {
      await this.mutations.runAs(ctx, async (repos, recorder) => {
        if (!(await repos.workspaces.findWorkspaceById(ctx.orgId, workspaceId))) throw missing('workspace', workspaceId);
        await recorder.record({
          type: 'client.provisioned',
          resource: `workspaces/${workspaceId}/agentClients/${clientId}`,
          data: { clientId, workspaceId, provider: 'keycloak', realm: keycloak.realm, externalId: made.id },
        });
        await this.access.grantWithin(ctx, repos, recorder, workspaceId, {
          subjectType: 'CLIENT',
          subjectId: clientId,
          role: DEFAULT_ACCESS_ROLE,
          details: { provider: 'keycloak', externalId: made.id, secretHint: secretHint(made.secret) },
        });
      });
    } catch (error) {
      // Keycloak has a client that Keyward does not know of; take it back rather than leave an orphan.
      await keycloak.deleteClient(made.id).catch((cleanup) => this.options.onError?.(cleanup, 'could not delete an orphaned Keycloak client'));
      throw error;
    }
    return { clientId, clientSecret: made.secret, provider: 'keycloak' };
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
