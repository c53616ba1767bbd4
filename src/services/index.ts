import type { AuditService } from './audit.js';
import type { ClientService } from './clients.js';
import type { Mutations } from './events.js';
import type { OrganizationService } from './organizations.js';
import type { RoleService } from './roles.js';
import type { KeyRing } from './signing-keys.js';
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
}
