import type { AccessGrantService } from './access-grants.js';
import type { AgentClientService } from './agent-clients.js';
import type { AuditService } from './audit.js';
import type { ClientService } from './clients.js';
import type { Mutations } from './events.js';
import type { OrganizationService } from './organizations.js';
import type { ProviderService } from './providers.js';
import type { RoleBindingService } from './role-bindings.js';
import type { RoleService } from './roles.js';
import type { SecretlessCredentialService } from './secretless.js';
import type { SignInProviders } from './sign-in-providers.js';
import type { KeyRing } from './signing-keys.js';
import type { UsageHourService } from './usage-hours.js';
import type { WebhookService } from './webhooks.js';
import type { WorkspaceService } from './workspaces.js';

/** The use cases every surface (canonical API, dialects, CLI) calls. */
export interface Services {
  mutations: Mutations;
  organizations: OrganizationService;
  workspaces: WorkspaceService;
  clients: ClientService;
  roles: RoleService;
  audit: AuditService;
  keys: KeyRing;
  accessGrants: AccessGrantService;
  agentClients: AgentClientService;
  webhooks: WebhookService;
  providers: ProviderService;
  roleBindings: RoleBindingService;
  /** Unauthenticated: what the console shows before sign-in. */
  signInProviders: SignInProviders;
  secretless: SecretlessCredentialService;
  usageHours: UsageHourService;
}
