import type { FastifyRequest } from 'fastify';
import { KeywardError, permissionDenied, missing } from '../domain/errors.js';
import type { Actor, Context } from '../domain/model.js';
import { ADMIN_PERMISSIONS, holds, parseScope } from '../domain/permissions.js';
import { stillValid, type AccessTokens } from '../oauth/access-token.js';
import type { ClientDirectory } from '../runtime/client-directory.js';

/**
 * Admin callers present Bearer tokens (RFC 6750 §2.1; never in the query). A verifier turns a
 * token into an Actor or answers null when the token is not its kind; the first that
 * recognises the token decides. Keyward's own tokens come first; trusted external issuers
 * (people signing in through a company's identity provider) plug in after.
 */
export type BearerVerifier = (token: string, hint: { orgId?: string }) => Promise<Actor | null>;

export function keywardTokenVerifier(tokens: AccessTokens, directory: ClientDirectory, issuer: string): BearerVerifier {
  return async (token) => {
    const claims = await tokens.verifyFromAnyInstance(token, { repeated: true });
    if (!claims) return null;
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    // Every instance of the installation serves the same admin API, whatever URL issued the token;
    // a realm path's token names its realm as issuer and, by default, as audience.
    if (!audiences.includes(issuer) && !audiences.some((aud) => aud === claims.iss || tokens.issuers.has(aud))) {
      throw new KeywardError('invalid_token', `The token's audience does not include ${issuer}; request a token for the admin API with resource=${issuer}.`);
    }
    const entry = await directory.lookup(claims.client_id);
    if (!stillValid(claims, entry)) throw new KeywardError('invalid_token', 'The token was issued to a client that is disabled, deleted or no longer holds that credential.');
    // What the token says, and only while the client still holds it: a removed role takes effect at once.
    const permissions = new Set(parseScope(claims.scope).filter((p) => entry.permissionSet.has(p)));
    return { name: `apiClients/${entry.client.id}`, orgId: entry.client.orgId, permissions };
  };
}

export interface AdminAuthOptions {
  verifiers: BearerVerifier[];
  organizationExists: (orgId: string) => Promise<boolean>;
}

/** Resolves who calls and in which organization; `orgHeader` is the dialect's name for the org override. */
export async function resolveContext(request: FastifyRequest, options: AdminAuthOptions, orgHeader = 'x-keyward-org'): Promise<Context> {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(header) : null;
  if (!match) {
    throw new KeywardError('invalid_token', header ? 'The Authorization header must be "Bearer <token>".' : 'This API needs a bearer token: get one at /oauth/token.');
  }
  const requested = request.headers[orgHeader];
  // The organization the caller names helps a verifier choose when several trust one issuer.
  const hint = { orgId: typeof requested === 'string' && requested.trim() !== '' ? requested.trim() : undefined };
  let actor: Actor | null = null;
  for (const verify of options.verifiers) {
    actor = await verify(match[1], hint);
    if (actor) break;
  }
  if (!actor) throw new KeywardError('invalid_token', 'The access token is invalid, expired or revoked.');
  const orgId = typeof requested === 'string' && requested.trim() !== '' ? requested.trim() : actor.orgId;
  if (orgId !== actor.orgId) {
    if (!holds(actor.permissions, ADMIN_PERMISSIONS.superAdmin)) {
      throw permissionDenied(`Only super-admins may act in another organization (${orgHeader}).`);
    }
    if (!(await options.organizationExists(orgId))) throw missing('organization', orgId);
  }
  return { actor, orgId };
}
