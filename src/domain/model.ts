/**
 * The model, as the services see it. Times are milliseconds since the epoch; the API layers
 * format them as RFC 3339.
 */
export interface Organization {
  id: string;
  displayName: string;
  /** Where clients go when the caller names no workspace. */
  defaultWorkspaceId: string;
  createTime: number;
  updateTime: number;
}

export interface Workspace {
  id: string;
  orgId: string;
  displayName: string;
  extRef: string | null;
  /** Flat string map, merged with RFC 7396 semantics (null deletes a key). */
  settings: Record<string, string>;
  createTime: number;
  updateTime: number;
}

export interface ApiClient {
  id: string;
  orgId: string;
  workspaceId: string;
  /** The OAuth client_id; unique in the whole installation. */
  clientId: string;
  displayName: string;
  description: string;
  labels: Record<string, string>;
  /** Permissions granted directly; the effective set adds those of `roles`. */
  permissions: string[];
  /** Role ids of the same organization. */
  roles: string[];
  /** Allowed token audiences (RFC 8707 resource or `audience`). Empty: the token's aud is the issuer. */
  audiences: string[];
  /** Access-token lifetime in seconds; null means the installation default. */
  tokenLifetime: number | null;
  enabled: boolean;
  /**
   * Epoch ms of the latest disable; null when never disabled. Tokens issued in that second or
   * before stay inactive after the client is enabled again.
   */
  tokensNotBefore: number | null;
  createdBy: string;
  updatedBy: string;
  createTime: number;
  updateTime: number;
}

export type CredentialType = 'secret' | 'public_key' | 'federated';

export interface Credential {
  id: string;
  orgId: string;
  apiClientId: string;
  type: CredentialType;
  displayName: string;
  /** Keyed hash of a generated secret (type secret); never the secret itself. */
  secretHash: string | null;
  /** The first and last characters of the secret, so people can tell secrets apart. */
  secretHint: string | null;
  /** Type public_key: a JWKS (`{keys: [...]}`) given inline, or a jwks_uri. */
  jwks: { keys: Record<string, unknown>[] } | null;
  jwksUri: string | null;
  /** Type federated: the trusted provider and the expected `sub` (`*` for any). */
  providerId: string | null;
  subject: string | null;
  expireTime: number | null;
  lastUseTime: number | null;
  createdBy: string;
  createTime: number;
}

/**
 * The console's public OAuth client at a provider: the console runs the authorization code
 * flow with PKCE against the provider as `clientId`, asking for `scopes`, and presents the
 * access token it gets to the admin API (admin sign-in). No secret: a browser cannot keep one.
 */
export interface ConsoleSignIn {
  clientId: string;
  scopes: string[];
}

/**
 * A trusted external issuer (Keycard provider): its tokens can authenticate API clients that
 * hold a federated credential naming it, and, with `adminSignIn`, people at the admin API.
 * A provider belongs to a workspace, and each workspace trusts an issuer once: staging and
 * production may each trust the same CI issuer, with their own conditions. A federated
 * identity is (workspace, issuer, subject): the same subject at another issuer, or at the same
 * issuer trusted by another workspace or organization, is someone else.
 */
export interface Provider {
  id: string;
  orgId: string;
  workspaceId: string;
  /** Caller-chosen handle, unique in the workspace (Keycard's identifier); defaults to the id. */
  identifier: string;
  displayName: string;
  description: string;
  /** Exact `iss` of its tokens; unique per workspace. */
  issuer: string;
  /** Explicit key set; null means discover it from `{issuer}/.well-known/openid-configuration`. */
  jwksUri: string | null;
  /** The `aud` its tokens must carry; null means Keyward's issuer URL. */
  audience: string | null;
  /** Further claims a token must carry: each claim equals the value, or one of the values. */
  claimConditions: Record<string, string | string[]>;
  /** Its users may sign in to the admin API, with the roles bound to them. */
  adminSignIn: boolean;
  /** How the console signs people in through this provider; null: it does not offer to. */
  consoleSignIn: ConsoleSignIn | null;
  createdBy: string;
  updatedBy: string;
  createTime: number;
  updateTime: number;
}

/** Gives a USER principal (`users/{subject}` at a provider) a role's permissions in the admin API. */
export interface RoleBinding {
  id: string;
  orgId: string;
  providerId: string;
  /** The `sub` of the provider's tokens; `*` binds every user the provider signs in. */
  subject: string;
  roleId: string;
  createdBy: string;
  createTime: number;
}

export interface Role {
  id: string;
  orgId: string;
  displayName: string;
  description: string;
  permissions: string[];
  labels: Record<string, string>;
  createdBy: string;
  updatedBy: string;
  createTime: number;
  updateTime: number;
}

export interface AuditEvent {
  /** Strictly increasing across the installation, in commit order. */
  sequence: number;
  id: string;
  orgId: string;
  /** e.g. `client.created`, `credential.revoked`. */
  type: string;
  /** Resource name, e.g. `apiClients/ac_x`. */
  resource: string;
  /** Who did it: `apiClients/{clientId}`, `users/{subject}` or `system`. */
  actor: string;
  time: number;
  /** Before/after snapshots without secrets. */
  data: Record<string, unknown>;
}

/** The caller of a service: resolved from a bearer token (HTTP) or the operator (CLI). */
export interface Actor {
  /** `apiClients/{clientId}`, `users/{subject}` or `system`. */
  name: string;
  /** The organization the actor belongs to. */
  orgId: string;
  permissions: ReadonlySet<string>;
}

/** The organization a request acts in, and who acts. */
export interface Context {
  actor: Actor;
  orgId: string;
}

export interface Page<T> {
  items: T[];
  nextPageToken: string;
}
