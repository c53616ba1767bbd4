import { KeywardError } from '../../domain/errors.js';
import { isValidPermission, parseScope } from '../../domain/permissions.js';
import type { ClientEntry } from '../../runtime/client-directory.js';
import type { AccessTokens } from '../access-token.js';
import type { AuthenticatedClient } from '../client-auth/index.js';
import type { Params } from '../params.js';
import { scopeMember, tokenType, type Grant, type IssueTarget, type TokenResponse } from './index.js';

export interface ClientCredentialsOptions {
  defaultLifetime: number;
  /** Scopes some dialects send by habit that grant nothing here (Zitadel's `openid`); dropped silently. */
  ignoredScope?: (scope: string) => boolean;
}

/**
 * The granted scope: what was asked for, all of it held by the client (RFC 6749 §3.3); asking
 * for more is invalid_scope. Asking for nothing grants the workspace's `default_scope` (the
 * part of it the client holds) when the workspace sets one, else every permission it holds.
 */
export function grantedScope(entry: ClientEntry, requested: string | undefined, ignored?: (s: string) => boolean): string[] {
  const asked = parseScope(requested).filter((s) => !ignored?.(s));
  if (asked.length === 0) return defaultScope(entry);
  const invalid = asked.filter((s) => !isValidPermission(s));
  if (invalid.length > 0) throw new KeywardError('invalid_scope', 'The scope parameter holds characters RFC 6749 does not allow.');
  const missing = asked.filter((s) => !entry.permissionSet.has(s));
  if (missing.length > 0) {
    throw new KeywardError('invalid_scope', `The client is not granted: ${missing.join(' ').slice(0, 300)}.`);
  }
  return asked;
}

function defaultScope(entry: ClientEntry): string[] {
  if (!entry.defaultScope) return entry.permissions;
  const held = entry.defaultScope.filter((s) => entry.permissionSet.has(s));
  // Falling back to every permission would defeat a workspace that narrows its default.
  if (held.length === 0) {
    throw new KeywardError('invalid_scope', "The client holds none of its workspace's default scope; name the scope it needs in the request.");
  }
  return held;
}

/**
 * RFC 8707: `resource` (or `audience`) chooses among the client's allowed audiences. A client
 * that has none gets tokens for the issuer that issues them, so a realm's verifier accepts them.
 */
export function grantedAudience(entry: ClientEntry, params: Params, issuer: string): string[] {
  const asked = [...new Set([...(params.resource?.split(' ') ?? []), ...(params.audience?.split(' ') ?? [])])];
  const allowed = entry.client.audiences;
  if (asked.length === 0) return allowed.length > 0 ? allowed : [issuer];
  const refused = asked.filter((a) => !allowed.includes(a));
  if (refused.length > 0) {
    throw new KeywardError('invalid_target', `The client may not request tokens for: ${refused.join(' ').slice(0, 300)}.`);
  }
  return asked;
}

export function clientCredentialsGrant(tokens: AccessTokens, options: ClientCredentialsOptions): Grant {
  return {
    grantType: 'client_credentials',
    handle(client: AuthenticatedClient, params: Params, target: IssueTarget): TokenResponse {
      const { entry } = client;
      const scope = grantedScope(entry, params.scope, options.ignoredScope);
      const audience = grantedAudience(entry, params, target.issuer);
      const lifetime = entry.client.tokenLifetime ?? options.defaultLifetime;
      const { token } = tokens.issue({ entry, credentialId: client.credentialId, scope, audience, lifetime, issuer: target.issuer, jkt: target.jkt });
      return { access_token: token, token_type: tokenType(target), expires_in: lifetime, ...scopeMember(scope) };
    },
  };
}
