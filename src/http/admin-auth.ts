import type { FastifyRequest } from 'fastify';
import { KeywardError, permissionDenied, missing } from '../domain/errors.js';
import type { Actor, Context } from '../domain/model.js';
import { ADMIN_PERMISSIONS, holds, parseScope } from '../domain/permissions.js';
import { stillValid, type AccessTokens } from '../oauth/access-token.js';
import { DpopProofs } from '../oauth/dpop.js';
import type { ClientDirectory } from '../runtime/client-directory.js';

/**
 * Admin callers present Bearer tokens (RFC 6750 §2.1; never in the query), or DPoP-bound tokens
 * with a proof (RFC 9449 §7). A verifier turns a token into an Actor or answers null when the
 * token is not its kind; the first that recognises the token decides. Keyward's own tokens
 * come first; trusted external issuers (people signing in through a company's identity
 * provider) plug in after. `dpopJkt` is the key the request's proof was made with, if any.
 */
export type BearerVerifier = (token: string, hint: { orgId?: string; dpopJkt?: string }) => Promise<Actor | null>;

/**
 * A bound token (`cnf.jkt`) is good only with a proof made with its key; an unbound one only
 * as a bearer token, since a proof would prove nothing about it (RFC 9449 §7.1).
 */
export function checkBinding(cnf: unknown, dpopJkt: string | undefined): void {
  const bound = typeof cnf === 'object' && cnf !== null ? (cnf as { jkt?: unknown }).jkt : undefined;
  if (bound === dpopJkt) return;
  if (dpopJkt === undefined) throw new KeywardError('invalid_token', 'The token is bound to a key (DPoP): send it as "Authorization: DPoP <token>" with a DPoP proof made with that key.');
  if (bound === undefined) throw new KeywardError('invalid_token', 'The token is not bound to a key: send it as "Authorization: Bearer <token>", without the DPoP scheme.');
  throw new KeywardError('invalid_dpop_proof', 'The DPoP proof is made with another key than the one the token is bound to.');
}

export function keywardTokenVerifier(tokens: AccessTokens, directory: ClientDirectory, issuer: string): BearerVerifier {
  return async (token, hint) => {
    const claims = await tokens.verifyFromAnyInstance(token, { repeated: true });
    if (!claims) return null;
    checkBinding(claims.cnf, hint.dpopJkt);
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
  /** Checks the proofs of DPoP-bound tokens; `issuer` gives the URL a proof's htu names. */
  dpop: { proofs: DpopProofs; issuer: string };
}

const AUTHORIZATION = /^(Bearer|DPoP)\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i;

/** The token the request presents, and the key its DPoP proof was made with when it presents one that way. */
async function presentedToken(request: FastifyRequest, dpop: AdminAuthOptions['dpop']): Promise<{ token: string; dpopJkt?: string }> {
  const header = request.headers.authorization;
  const match = header ? AUTHORIZATION.exec(header) : null;
  if (!match) {
    throw new KeywardError('invalid_token', header ? 'The Authorization header must be "Bearer <token>" or "DPoP <token>".' : 'This API needs a bearer token: get one at /oauth/token.');
  }
  const token = match[2];
  const proof = DpopProofs.header(request.headers.dpop);
  if (match[1].toLowerCase() === 'bearer') {
    if (proof !== null) throw new KeywardError('invalid_token', 'A DPoP proof came with a Bearer token: send a DPoP-bound token as "Authorization: DPoP <token>".');
    return { token };
  }
  if (proof === null) throw new KeywardError('invalid_dpop_proof', 'A DPoP token needs a DPoP header: a proof for this request, made with the key the token is bound to.');
  const url = dpop.issuer + request.url.split('?')[0];
  const { jkt } = await dpop.proofs.verify(proof, { method: request.method, url, accessToken: token });
  return { token, dpopJkt: jkt };
}

/** Resolves who calls and in which organization; `orgHeader` is the dialect's name for the org override. */
export async function resolveContext(request: FastifyRequest, options: AdminAuthOptions, orgHeader = 'x-keyward-org'): Promise<Context> {
  const { token, dpopJkt } = await presentedToken(request, options.dpop);
  const requested = request.headers[orgHeader];
  // The organization the caller names helps a verifier choose when several trust one issuer.
  const hint = { orgId: typeof requested === 'string' && requested.trim() !== '' ? requested.trim() : undefined, dpopJkt };
  let actor: Actor | null = null;
  for (const verify of options.verifiers) {
    actor = await verify(token, hint);
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
