import type { ApiClient, Credential, Provider, Role, RoleBinding, Workspace } from '../domain/model.js';

/**
 * What audit events and webhooks carry about a resource: everything an auditor needs, and never
 * a secret, a secret's hash or a private key.
 */
export const clientSnapshot = (c: ApiClient) => ({
  id: c.id,
  clientId: c.clientId,
  workspaceId: c.workspaceId,
  displayName: c.displayName,
  description: c.description,
  labels: c.labels,
  permissions: c.permissions,
  roles: c.roles,
  audiences: c.audiences,
  tokenLifetime: c.tokenLifetime,
  dpopBoundAccessTokens: c.dpopBoundAccessTokens,
  delegation: c.delegation,
  enabled: c.enabled,
});

export const credentialSnapshot = (c: Credential) => ({
  id: c.id,
  apiClientId: c.apiClientId,
  type: c.type,
  displayName: c.displayName,
  secretHint: c.secretHint,
  jwksUri: c.jwksUri,
  providerId: c.providerId,
  subject: c.subject,
  match: c.match,
  expireTime: c.expireTime,
  allowedCidrs: c.allowedCidrs,
  maxUses: c.maxUses,
  disableTime: c.disableTime,
  disabledReason: c.disabledReason,
});

export const roleSnapshot = (r: Role) => ({
  id: r.id,
  displayName: r.displayName,
  description: r.description,
  permissions: r.permissions,
  labels: r.labels,
});

export const workspaceSnapshot = (w: Workspace) => ({
  id: w.id,
  displayName: w.displayName,
  extRef: w.extRef,
  settings: w.settings,
  credentialPolicy: w.credentialPolicy,
});

export const providerSnapshot = (p: Provider) => ({
  id: p.id,
  workspaceId: p.workspaceId,
  identifier: p.identifier,
  displayName: p.displayName,
  description: p.description,
  issuer: p.issuer,
  jwksUri: p.jwksUri,
  jwks: p.jwks,
  audience: p.audience,
  claimConditions: p.claimConditions,
  adminSignIn: p.adminSignIn,
  consoleSignIn: p.consoleSignIn,
});

export const roleBindingSnapshot = (b: RoleBinding) => ({
  id: b.id,
  providerId: b.providerId,
  subject: b.subject,
  roleId: b.roleId,
});
