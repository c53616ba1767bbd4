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
  /** Rules for the workspace's new credentials; null: none. */
  credentialPolicy: CredentialPolicy | null;
  createTime: number;
  updateTime: number;
}

/**
 * Whether a client may act for a subject (RFC 8693 delegation), and within what: the providers
 * whose users it may act for (`providers/{id}`), the subjects it may act for (empty: any subject
 * it may otherwise act for), and the widest scope a delegated token may carry (empty: its own
 * grants are the only limit). Tokens Keyward issued in the client's own workspace may be acted
 * for as well, which is how chains form.
 */
export interface DelegationPolicy {
  allowed: boolean;
  providers: string[];
  subjects: string[];
  maxScope: string[];
}

/** RFC 8693 §4.1 `act`: who acts for a token's subject, wrapping whoever acted before. */
export interface ActClaim {
  sub: string;
  act?: ActClaim;
}

/** What a client without a policy has: it may act for no one. */
export const NO_DELEGATION: DelegationPolicy = Object.freeze({ allowed: false, providers: [], subjects: [], maxScope: [] }) as DelegationPolicy;

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
  /** RFC 9449 §5.2 `dpop_bound_access_tokens`: the client gets tokens only with a DPoP proof, each bound to its key. */
  dpopBoundAccessTokens: boolean;
  /** RFC 8693: whether and for whom the client may act (delegation). */
  delegation: DelegationPolicy;
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

/**
 * What a federated credential asks of a token beyond its provider's rules: exact claim values,
 * glob patterns on hierarchical claims, and an audience the token must also carry.
 */
export interface FederatedMatch {
  claims: Record<string, string | string[]>;
  patterns: Record<string, string | string[]>;
  audience: string | null;
}

export type CredentialType = 'secret' | 'public_key' | 'federated';

/**
 * A workspace's rules for credentials made from now on (existing ones that break a tightened
 * policy are listed, not disabled). Each rule left out does not apply.
 */
export interface CredentialPolicy {
  /** The longest lifetime a new secret may have, in seconds (and so an expiry is required of secrets). */
  maxSecretLifetime?: number;
  /** Every new credential must carry an expireTime. */
  requireExpiry?: boolean;
  /** false: no new secrets; clients authenticate by key or federation only. */
  allowSecrets?: boolean;
}

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
  /** Type federated: the credential's own claim conditions and audience (null: subject alone). */
  match: FederatedMatch | null;
  expireTime: number | null;
  lastUseTime: number | null;
  /** The source addresses (IPv4/IPv6 CIDR blocks) it may authenticate from; empty: any. */
  allowedCidrs: string[];
  /** How many times it may authenticate; null: no limit. */
  maxUses: number | null;
  /** How many times it has authenticated; counted only while maxUses is set. */
  useCount: number;
  createdBy: string;
  createTime: number;
  /**
   * When the credential was disabled (null: it is enabled). A disabled credential authenticates
   * nothing and its tokens are inactive; it stays listed, so the audit trail keeps it. It is
   * never enabled again: a leaked secret is replaced, not revived.
   */
  disableTime: number | null;
  disabledReason: CredentialDisabledReason | null;
}

/** Why a credential was disabled: `leaked`, a secret scanner or an admin reported it found in public. */
export type CredentialDisabledReason = 'leaked';

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
  /**
   * Keys pinned by the admin (a JWKS, such as a SPIFFE trust bundle): used instead of fetching
   * any; null: jwksUri or discovery. Never fetched from anything a token or client names.
   */
  jwks: { keys: Record<string, unknown>[] } | null;
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
  /** Who did it: `apiClients/{clientId}`, `users/{subject}`, `registrationTokens/{id}` or `system`. */
  actor: string;
  time: number;
  /** Before/after snapshots without secrets. */
  data: Record<string, unknown>;
}

/**
 * A token signing key as an administrator sees it: its public half and its life, never the
 * private key. `next` is published before it signs; `retired` is published (and verifies the
 * tokens it signed) until `expireTime`.
 */
export interface SigningKey {
  kid: string;
  alg: string;
  state: 'active' | 'next' | 'retired';
  publicJwk: Record<string, string>;
  createTime: number;
  /** When it started signing; null for the next key. */
  activateTime: number | null;
  /** When a retired key leaves the key set; null while active or next. */
  expireTime: number | null;
}

/**
 * An RFC 7591 initial access token: lets whoever holds it register clients in one workspace,
 * at most `usesRemaining` more times and only before `expireTime`. The token itself is shown
 * once; Keyward keeps its keyed hash.
 */
export interface RegistrationToken {
  id: string;
  orgId: string;
  workspaceId: string;
  displayName: string;
  tokenHash: string;
  /** `kwiat_ab…wxyz`: enough to tell two apart. */
  tokenHint: string;
  expireTime: number;
  usesRemaining: number;
  createdBy: string;
  createTime: number;
}

/** The client authentication methods a self-registered client may name (RFC 7591 §2). */
export type RegisteredAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';

/** RFC 7592: a client that registered itself, found by the hash of its registration access token. */
export interface ClientRegistration {
  apiClientId: string;
  orgId: string;
  accessTokenHash: string;
  authMethod: RegisteredAuthMethod;
  /** The initial access token it registered with; null once that token is deleted. */
  registrationTokenId: string | null;
  createTime: number;
}

/** The caller of a service: resolved from a bearer token (HTTP) or the operator (CLI). */
export interface Actor {
  /** `apiClients/{clientId}`, `users/{subject}`, `registrationTokens/{id}` (a client registering itself) or `system`. */
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
