import type { KeyRing } from '../runtime/key-ring.js';
import type { AccessGrantService } from './access-grants.js';
import type { AgentClientService } from './agent-clients.js';
import type { AuditService } from './audit.js';
import type { ClientService } from './clients.js';
import type { CredentialService } from './credentials.js';
import type { LeakedCredentialService } from './leaked-credentials.js';
import type { OrganizationService } from './organizations.js';
import type { ProviderService } from './providers.js';
import type { RegistrationService } from './registrations.js';
import type { RoleBindingService } from './role-bindings.js';
import type { RoleService } from './roles.js';
import type { SigningKeyService } from './signing-keys.js';
import type { UnitsOfWork } from './unit-of-work.js';
import type { SignInProviders } from './sign-in-providers.js';
import type { UsageHourService } from './usage-hours.js';
import type { WebhookService } from './webhooks.js';
import type { WorkspaceService } from './workspaces.js';

/** The use cases every surface (canonical API, dialects, CLI) calls. */
export interface Services {
  units: UnitsOfWork;
  organizations: OrganizationService;
  workspaces: WorkspaceService;
  clients: ClientService;
  /** Secrets, public keys and federated credentials of clients. */
  credentials: CredentialService;
  roles: RoleService;
  audit: AuditService;
  /** The signing keys the token path holds (runtime); readiness and the CLI load and read them. */
  keys: KeyRing;
  signingKeys: SigningKeyService;
  accessGrants: AccessGrantService;
  agentClients: AgentClientService;
  webhooks: WebhookService;
  providers: ProviderService;
  roleBindings: RoleBindingService;
  /** Initial access tokens, and clients that register themselves with one (RFC 7591, RFC 7592). */
  registrations: RegistrationService;
  /** Unauthenticated: what the console shows before sign-in. */
  signInProviders: SignInProviders;
  usageHours: UsageHourService;
  /** Leak reports (a secret scanner's, an admin's): the reported secrets' credentials disabled. */
  leakedCredentials: LeakedCredentialService;
}
