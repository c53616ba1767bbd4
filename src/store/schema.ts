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
  /** JSON CredentialPolicy, or null. */
  credential_policy: string | null;
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
  dpop_bound_access_tokens: number;
  /** JSON DelegationPolicy; '' when none was ever set. */
  delegation: string;
  enabled: number;
  tokens_not_before: number | null;
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
  claim_match: string | null;
  expire_time: number | null;
  last_use_time: number | null;
  /** JSON array of CIDR blocks. */
  allowed_cidrs: string;
  max_uses: number | null;
  use_count: number;
  created_by: string;
  create_time: number;
  disable_time: number | null;
  disabled_reason: string | null;
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

export interface ProvidersTable {
  id: string;
  org_id: string;
  workspace_id: string;
  identifier: string;
  display_name: string;
  description: string;
  issuer: string;
  jwks_uri: string | null;
  /** JSON JWKS pinned by the admin; NULL: fetched from jwks_uri or discovery. */
  jwks: string | null;
  audience: string | null;
  claim_conditions: string;
  admin_sign_in: number;
  /** JSON {clientId, scopes}; NULL: no console sign-in. */
  console_sign_in: string | null;
  created_by: string;
  updated_by: string;
  create_time: number;
  update_time: number;
}

export interface RoleBindingsTable {
  id: string;
  org_id: string;
  provider_id: string;
  subject: string;
  role_id: string;
  created_by: string;
  create_time: number;
}

export interface UsedAssertionsTable {
  id: string;
  expire_time: number;
}

export interface AccessGrantsTable {
  id: string;
  org_id: string;
  workspace_id: string;
  subject_type: string;
  subject_id: string;
  role: string;
  details: string;
  create_time: number;
  update_time: number;
}

export interface WebhooksTable {
  id: string;
  org_id: string;
  workspace_id: string | null;
  url: string;
  auth_type: string;
  auth_url: string | null;
  token_request_config: string;
  headers: string;
  secrets_encrypted: string;
  secret_keys: string;
  signing_secret_hint: string;
  event_types: string;
  enabled: number;
  disabled_reason: string | null;
  last_success_time: number | null;
  created_by: string;
  updated_by: string;
  create_time: number;
  update_time: number;
}

export interface WebhookDeliveriesTable {
  id: string;
  org_id: string;
  webhook_id: string;
  event_sequence: number;
  event_type: string;
  payload: string;
  status: string;
  attempts: number;
  next_attempt_time: number | null;
  last_attempt_time: number | null;
  last_status_code: number | null;
  last_error: string | null;
  locked_until: number | null;
  claimed_by: string | null;
  create_time: number;
  update_time: number;
}

export interface WebhookDeliveryAttemptsTable {
  id: string;
  org_id: string;
  delivery_id: string;
  attempt: number;
  start_time: number;
  duration_ms: number;
  status_code: number | null;
  outcome: string;
  message: string | null;
}

export interface CredentialNoticesTable {
  credential_id: string;
  notice: string;
  org_id: string;
  expire_time: number;
  create_time: number;
}

export interface TokenIssuersTable {
  issuer: string;
  first_seen: number;
}

export interface InstallationTable {
  name: string;
  value: string;
  create_time: number;
}

export interface ClientUsageHoursTable {
  api_client_id: string;
  hour_start: number;
  tokens_issued: number;
  failed_authentications: number;
  last_failure_time: number | null;
}

export interface RegistrationTokensTable {
  id: string;
  org_id: string;
  workspace_id: string;
  display_name: string;
  token_hash: string;
  token_hint: string;
  expire_time: number;
  uses_remaining: number;
  created_by: string;
  create_time: number;
}

export interface ClientRegistrationsTable {
  api_client_id: string;
  org_id: string;
  access_token_hash: string;
  auth_method: string;
  registration_token_id: string | null;
  create_time: number;
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
  providers: ProvidersTable;
  role_bindings: RoleBindingsTable;
  used_assertions: UsedAssertionsTable;
  access_grants: AccessGrantsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_delivery_attempts: WebhookDeliveryAttemptsTable;
  credential_notices: CredentialNoticesTable;
  token_issuers: TokenIssuersTable;
  installation: InstallationTable;
  client_usage_hours: ClientUsageHoursTable;
  registration_tokens: RegistrationTokensTable;
  client_registrations: ClientRegistrationsTable;
}
