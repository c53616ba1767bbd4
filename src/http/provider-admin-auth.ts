import { KeywardError } from '../domain/errors.js';
import { peekIssuerAndSubject, type FederatedTokens } from '../oauth/federated-tokens.js';
import { userPermissionsOf } from '../runtime/federation-directory.js';
import { decodeForeignJwt } from '../oauth/foreign-jwt.js';
import { checkBinding, type BearerVerifier } from './admin-auth.js';

/** Subjects become actor names (`users/{sub}`) in audit events: printable, bounded. */
const SUBJECT = /^[\x21-\x7e]{1,255}$/;

/**
 * Admin sign-in with a trusted provider's token: people keep signing in where they already do
 * (a company's Keycloak realm, any OIDC issuer) and act here as the USER principal
 * `users/{sub}`, with the permissions of the roles bound to that subject (or to `*`) through the
 * provider. Only providers marked for admin sign-in count. Tokens of unknown issuers are not
 * this verifier's to judge; tokens of a trusted issuer that fail a check are refused with the reason.
 */
export function providerTokenVerifier(federation: FederatedTokens, issuer: string): BearerVerifier {
  return async (token, hint) => {
    const peek = peekIssuerAndSubject(token);
    if (!peek || peek.issuer === issuer) return null;
    const entry = await federation.directory.lookup(peek.issuer);
    if (!entry || !entry.providers.some((p) => p.adminSignIn)) return null;
    const outcome = await federation.verify(token, (e) => {
      const signIn = e.providers.filter((p) => p.adminSignIn);
      const inNamedOrg = signIn.filter((p) => p.orgId === hint.orgId);
      // A super-admin user signs in through their own organization and then names another.
      return inNamedOrg.length > 0 ? inNamedOrg : signIn;
    });
    if (!outcome.ok) throw new KeywardError('invalid_token', `The token of ${peek.issuer.slice(0, 200)} was refused: ${outcome.reason}.`);
    checkBinding(decodeForeignJwt(token)?.claims.cnf, hint.dpopJkt);
    const { providers, subject } = outcome.token;
    if (!SUBJECT.test(subject)) throw new KeywardError('invalid_token', 'The token\'s sub must be 1 to 255 printable characters.');
    const orgs = new Set(providers.map((p) => p.orgId));
    if (orgs.size > 1) {
      throw new KeywardError('invalid_token', 'Several organizations trust this issuer for sign-in; name one with the organization header.');
    }
    // Workspaces of one organization may each trust the issuer: the user holds what any of those providers grants.
    const permissions = new Set(providers.flatMap((p) => userPermissionsOf(outcome.token.entry, p.id, subject)));
    return { name: `users/${subject}`, orgId: providers[0].orgId, permissions };
  };
}
