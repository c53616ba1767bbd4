import type { PublicJwk } from '../crypto/client-keys.js';
import { acceptedAudience, unmetCondition } from '../domain/federation.js';
import type { Provider } from '../domain/model.js';
import type { FederationDirectory, IssuerEntry } from '../runtime/federation-directory.js';
import { audiences, decodeForeignJwt, headerProblem, timeProblem, verifySignature, type ForeignJwt } from './foreign-jwt.js';
import type { RemoteKeySets } from './remote-jwks.js';

/**
 * Verifies a token issued by a trusted provider: issuer known, signature by the provider's
 * pinned or published keys, audience the provider's accepted one (Keyward's issuer by default), exp
 * present and not passed, the provider's claim conditions met, and a subject. The result is
 * the set of providers (one per workspace trusting the issuer) that accept the token;
 * callers pick the client or user from there.
 */

/** Access tokens (RFC 9068) and plain JWTs such as workload identity tokens and ID tokens. */
const PROVIDER_TOKEN_TYPS = ['jwt', 'at+jwt'];

export interface AcceptedToken {
  entry: IssuerEntry;
  providers: Provider[];
  issuer: string;
  subject: string;
  claims: Record<string, unknown>;
}

export type FederatedOutcome = { ok: true; token: AcceptedToken } | { ok: false; reason: string };

/** The unverified issuer and subject, only to find candidates; nothing is trusted before verify. */
export function peekIssuerAndSubject(token: string | undefined): { issuer: string; subject: string } | null {
  const decoded = decodeForeignJwt(token);
  if (!decoded || typeof decoded.claims.iss !== 'string' || typeof decoded.claims.sub !== 'string') return null;
  return { issuer: decoded.claims.iss, subject: decoded.claims.sub };
}

export class FederatedTokens {
  constructor(
    readonly directory: FederationDirectory,
    private readonly remote: RemoteKeySets,
    private readonly issuer: string,
  ) {}

  /** The issuer's entry, for callers that narrow the candidate providers before verifying. */
  async entryFor(token: string): Promise<IssuerEntry | null> {
    const peek = peekIssuerAndSubject(token);
    return peek ? this.directory.lookup(peek.issuer) : null;
  }

  async verify(token: string, candidates: (entry: IssuerEntry) => Provider[]): Promise<FederatedOutcome> {
    const decoded = decodeForeignJwt(token);
    if (!decoded) return { ok: false, reason: 'the token is not a JWT' };
    const headerIssue = headerProblem(decoded.header, PROVIDER_TOKEN_TYPS);
    if (headerIssue) return { ok: false, reason: headerIssue };
    const iss = decoded.claims.iss;
    if (typeof iss !== 'string') return { ok: false, reason: 'the iss claim is required' };
    const entry = await this.directory.lookup(iss);
    if (!entry) return { ok: false, reason: `the issuer ${iss.slice(0, 200)} is not a trusted provider` };
    const providers = candidates(entry);
    // Said before any signature check, so it names no subject: forged tokens must not probe bindings.
    if (providers.length === 0) return { ok: false, reason: `no federated credential or sign-in of the issuer ${iss.slice(0, 200)} matches the token` };

    const signed = await this.#verifySignature(decoded, providers);
    if ('reason' in signed) return { ok: false, reason: signed.reason };
    const claims = signed.claims;
    // The signed claims, not the peeked ones, decide from here on.
    if (claims.iss !== iss) return { ok: false, reason: 'the iss claim is required' };
    if (typeof claims.sub !== 'string' || claims.sub.length === 0 || claims.sub.length > 255) return { ok: false, reason: 'the sub claim is required' };
    const timeIssue = timeProblem(claims);
    if (timeIssue) return { ok: false, reason: timeIssue };
    const aud = audiences(claims);
    const byAudience = signed.providers.filter((p) => aud.includes(acceptedAudience(p, this.issuer)));
    if (byAudience.length === 0) {
      const expected = [...new Set(signed.providers.map((p) => acceptedAudience(p, this.issuer)))].join(' or ');
      return { ok: false, reason: `the token's audience must include ${expected.slice(0, 300)}` };
    }
    const accepted = byAudience.filter((p) => unmetCondition(p.claimConditions, claims) === null);
    if (accepted.length === 0) {
      return { ok: false, reason: `the token does not meet the provider's condition on the ${unmetCondition(byAudience[0].claimConditions, claims)} claim` };
    }
    return { ok: true, token: { entry, providers: accepted, issuer: iss, subject: claims.sub, claims } };
  }

  /**
   * Providers of one issuer usually share a key set; each distinct set is fetched and tried once.
   * Every provider whose set verifies the token accepts it (the workspaces of one organization
   * may name the same keys by different URLs). A set that cannot be read fails the token only
   * when no other set verifies it.
   */
  async #verifySignature(
    token: ForeignJwt,
    providers: Provider[],
  ): Promise<{ claims: Record<string, unknown>; providers: Provider[] } | { reason: string }> {
    const sources = new Map<string, Provider[]>();
    for (const provider of providers) {
      // Pinned keys are their provider's own: nothing is fetched for them, and no other provider shares them.
      const url = provider.jwks ? `pinned:${provider.id}` : (provider.jwksUri ?? (await this.remote.jwksUriOf(provider.issuer)));
      sources.set(url, [...(sources.get(url) ?? []), provider]);
    }
    let verified: { claims: Record<string, unknown>; providers: Provider[] } | undefined;
    let failure: unknown;
    for (const [url, group] of sources) {
      const attempt = (keys: PublicJwk[]) => verifySignature(token, keys.map((key) => ({ key, source: url })));
      const pinned = group[0].jwks?.keys as PublicJwk[] | undefined;
      try {
        let outcome = await attempt(pinned ?? (await this.remote.keys(url)));
        if (!pinned && outcome.verified === null && outcome.noCandidate) outcome = await attempt(await this.remote.keys(url, true));
        if (outcome.verified !== null) verified = { claims: verified?.claims ?? outcome.claims, providers: [...(verified?.providers ?? []), ...group] };
      } catch (error) {
        failure ??= error;
      }
    }
    if (verified) return verified;
    if (failure) throw failure;
    return { reason: token.header.kid !== undefined ? "the signature does not verify with the provider's keys (or its kid is unknown)" : "the signature does not verify with the provider's keys" };
  }
}
