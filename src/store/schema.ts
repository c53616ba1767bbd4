import type { Generated } from 'kysely';

/** Row types of the tables, as Kysely sees them. Both dialects share this layout. */
export interface OrganizationsTable {
  id: string;
  display_name: string;
  default_workspace_id: string | null;
  create_time: number;
  update_time: number;
}

export interface WorkspacesTable {
  id: string;
  org_id: string;
  display_name: string;
  ext_ref: string | null;
  settings: string;
  create_time: number;
  update_time: number;
}

export interface RolesTable {
  id: string;
  org_id: string;
  display_name: string;
  description: string;
  permissions: string;
  labels: string;
  created_by: string;
  updated_by: string;
  create_time: number;
  update_time: number;
}

export interface ApiClientsTable {
  id: string;
  org_id: string;
  workspace_id: string;
  client_id: string;
  display_name: string;
  description: string;
  labels: string;
  permissions: string;
  roles: string;
  audiences: string;
  token_lifetime: number | null;
  enabled: number;
  created_by: string;
  updated_by: string;
  create_time: number;
  update_time: number;
}

export interface CredentialsTable {
  id: string;
  org_id: string;
  api_client_id: string;
  type: string;
  display_name: string;
  secret_hash: string | null;
  secret_hint: string | null;
  jwks: string | null;
  jwks_uri: string | null;
  provider_id: string | null;
  subject: string | null;
  expire_time: number | null;
  last_use_time: number | null;
  created_by: string;
  create_time: number;
}

export interface EventsTable {
  sequence: Generated<number>;
  id: string;
  org_id: string;
  type: string;
  resource: string;
  actor: string;
  time: number;
  data: string;
}

export interface SigningKeysTable {
  kid: string;
  alg: string;
  state: 'next' | 'active' | 'retired';
  private_key_encrypted: string;
  public_jwk: string;
  create_time: number;
  activate_time: number | null;
  retire_until: number | null;
}

export interface RevokedTokensTable {
  jti: string;
  org_id: string;
  expire_time: number;
}

export interface SchemaMigrationsTable {
  version: string;
  apply_time: number;
}

export interface Database {
  organizations: OrganizationsTable;
  workspaces: WorkspacesTable;
  roles: RolesTable;
  api_clients: ApiClientsTable;
  credentials: CredentialsTable;
  events: EventsTable;
  signing_keys: SigningKeysTable;
  revoked_tokens: RevokedTokensTable;
  schema_migrations: SchemaMigrationsTable;
}
