import type { PublicJwk } from '../../crypto/client-keys.js';
import { KeywardError } from '../../domain/errors.js';
import type { AssertionLedger } from '../../services/assertion-ledger.js';
import type { ClientDirectory } from '../../services/client-directory.js';
import type { UsageRecorder } from '../../services/usage.js';
import { audiences, decodeForeignJwt, headerProblem, timeProblem, verifySignature } from '../foreign-jwt.js';
import type { OAuthRequest } from '../params.js';
import type { RemoteKeySets } from '../remote-jwks.js';
import type { ClientAuthMethod } from './index.js';

export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** RFC 7523 §3 and draft-ietf-oauth-rfc7523bis: a plain JWT, or the new explicit type. */
const ASSERTION_TYPS = ['jwt', 'client-authentication+jwt'];

export interface PrivateKeyJwtDeps {
  directory: ClientDirectory;
  remote: RemoteKeySets;
  ledger: AssertionLedger;
  usage: UsageRecorder;
  /** Accepted `aud` values: the issuer and the token endpoint URL. */
  audiences: string[];
  /** Seconds `exp` may lie ahead of now. */
  maxLifetime: number;
}

const failed = (reason: string) => new KeywardError('invalid_client', `Client authentication failed: ${reason}.`);
/** Unknown client, no key, wrong signature: one answer, so client ids cannot be probed. */
const notVerified = () => failed('the assertion does not verify for a known, enabled client with a registered public key');

/**
 * A client assertion is this method's unless its `iss` is a URL: RFC 7523 §3 makes `iss` the
 * client_id, and client ids never contain ':' or '/', whereas a provider's token
 * (federated-assertion.ts) names its issuer by URL. So the two methods never claim the same
 * request, and malformed assertions land here to be answered with a precise error.
 */
export function isClientAssertion(req: OAuthRequest): boolean {
  if (req.params.client_assertion === undefined) return false;
  if (req.params.client_assertion_type !== JWT_BEARER_ASSERTION) return true;
  const iss = decodeForeignJwt(req.params.client_assertion)?.claims.iss;
  return typeof iss !== 'string' || !/^https?:\/\//i.test(iss);
}

export function privateKeyJwt(deps: PrivateKeyJwtDeps): ClientAuthMethod {
  return {
    method: 'private_key_jwt',
    applies: isClientAssertion,
    async authenticate(req) {
      if (req.params.client_assertion_type !== JWT_BEARER_ASSERTION) {
        throw failed(`client_assertion_type must be ${JWT_BEARER_ASSERTION}`);
      }
      const assertion = req.params.client_assertion;
      const decoded = decodeForeignJwt(assertion);
      if (!decoded) throw failed('client_assertion is not a signed JWT');
      const headerIssue = headerProblem(decoded.header, ASSERTION_TYPS);
      if (headerIssue) throw failed(headerIssue);
      const { iss, sub } = decoded.claims;
      if (typeof iss !== 'string' || typeof sub !== 'string' || iss === '' || iss !== sub) {
        throw failed('iss and sub must both be the client_id');
      }
      if (req.params.client_id !== undefined && req.params.client_id !== iss) throw failed('client_id differs from the assertion\'s iss and sub');

      const entry = await deps.directory.lookup(iss);
      if (!entry || !entry.client.enabled) throw notVerified();
      const now = Date.now();
      const credentials = entry.credentials.filter((c) => c.type === 'public_key' && (c.expireTime === null || c.expireTime > now));
      // Keys held here first: a jwks_uri that cannot be read must not lock out a client whose
      // other key verifies.
      const inline = credentials.flatMap((c) => (c.jwksUri ? [] : (c.jwks?.keys ?? []).map((key) => ({ key, source: c.id }))));
      let outcome = verifySignature(decoded, inline);
      const remote = credentials.filter((c) => c.jwksUri);
      if (outcome.verified === null && remote.length > 0) {
        const fetchRemote = async (refresh: boolean) => {
          const keys: { key: PublicJwk; source: string }[] = [];
          let failure: unknown;
          for (const credential of remote) {
            try {
              for (const key of await deps.remote.keys(credential.jwksUri!, refresh)) keys.push({ key, source: credential.id });
            } catch (error) {
              failure ??= error;
            }
          }
          return { keys, failure };
        };
        let fetched = await fetchRemote(false);
        outcome = verifySignature(decoded, fetched.keys);
        if (outcome.verified === null && outcome.noCandidate) {
          fetched = await fetchRemote(true);
          outcome = verifySignature(decoded, fetched.keys);
        }
        // The key may be in the set that could not be read: a 503 to retry, not a wrong key.
        if (outcome.verified === null && fetched.failure) throw fetched.failure;
      }
      if (outcome.verified === null) throw notVerified();
      const claims = outcome.claims;
      if (claims.iss !== iss || claims.sub !== sub) throw failed('iss and sub must both be the client_id');

      const aud = audiences(claims);
      if (aud.length === 0 || aud.some((a) => !deps.audiences.includes(a))) {
        throw failed(`aud must be ${deps.audiences.join(' or ')}, and nothing else`);
      }
      const timeIssue = timeProblem(claims, deps.maxLifetime);
      if (timeIssue) throw failed(timeIssue);
      const jti = claims.jti;
      if (typeof jti !== 'string' || jti.length === 0 || jti.length > 256) throw failed('the jti claim is required (a unique id per assertion)');
      // Last, after the signature: only a genuine assertion may take a row in the ledger.
      const first = await deps.ledger.use(`private_key_jwt:${iss}`, jti, (claims.exp as number) * 1000 + 60_000);
      if (!first) throw failed('this assertion was used before (jti replay); sign a new one for every request');
      deps.usage.touch(outcome.verified, now);
      return { entry, credentialId: outcome.verified, method: 'private_key_jwt' };
    },
  };
}
