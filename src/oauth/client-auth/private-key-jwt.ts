import { createHash } from 'node:crypto';
import type { PublicJwk } from '../../crypto/client-keys.js';
import { isMetadataDocumentUrl } from '../../domain/client-metadata-document.js';
import { KeywardError } from '../../domain/errors.js';
import type { AssertionLedger } from '../../runtime/assertion-ledger.js';
import type { ClientDirectory } from '../../runtime/client-directory.js';
import type { UsageRecorder } from '../../runtime/usage-recorder.js';
import { audiences, decodeForeignJwt, headerProblem, timeProblem, verifySignature } from '../foreign-jwt.js';
import type { OAuthRequest } from '../params.js';
import type { RemoteKeySets } from '../remote-jwks.js';
import { carriesNoClientCredentials, type AuthenticatedClient, type ClientAuthMethod } from './index.js';

export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** RFC 7523 §3 and draft-ietf-oauth-rfc7523bis: a plain JWT, or the new explicit type. */
export const ASSERTION_TYPS = ['jwt', 'client-authentication+jwt'];
/** The explicit type exists so that a client-authentication JWT cannot serve as a grant. */
const GRANT_TYPS = ['jwt'];

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

/** How one key-signed assertion is judged: as client authentication, or as the grant itself. */
export interface AssertionRules {
  method: string;
  /** The form parameter that carried it, for messages. */
  parameter: 'client_assertion' | 'assertion';
  /** The client_id the request names, when it names one. */
  clientId: string | undefined;
  /** Another name the assertion may use for the client, resolved by a dialect. */
  alias: OAuthRequest['assertionAlias'];
  /** RFC 7523 §3 makes jti optional; client authentication here requires it. */
  requireJti: boolean;
  /** The accepted `aud` values for this request (see audiencesFor). */
  audiences: string[];
  typs: string[];
  fail: (reason: string) => KeywardError;
}

/**
 * A JWT signed by a key registered on the client: iss = sub = the client (its client_id, or the
 * alias a dialect resolved), signature by one of its keys, aud this server, a short exp, and
 * used once (by jti, or by its own digest where jti is optional).
 */
export async function verifyKeyAssertion(deps: PrivateKeyJwtDeps, assertion: string, rules: AssertionRules): Promise<AuthenticatedClient> {
  const { fail, alias } = rules;
  /** Unknown client, no key, wrong signature: one answer, so client ids cannot be probed. */
  const notVerified = () => fail('the assertion does not verify for a known, enabled client with a registered public key');
  const decoded = decodeForeignJwt(assertion);
  if (!decoded) throw fail(`${rules.parameter} is not a signed JWT`);
  const headerIssue = headerProblem(decoded.header, rules.typs);
  if (headerIssue) throw fail(headerIssue);
  const { iss, sub } = decoded.claims;
  const naming = alias ? "the client's id" : 'the client_id';
  if (typeof iss !== 'string' || typeof sub !== 'string' || iss === '' || iss !== sub || (alias && iss !== alias.name)) {
    throw fail(`iss and sub must both be ${naming}`);
  }
  const clientId = alias?.clientId ?? iss;
  if (rules.clientId !== undefined && rules.clientId !== clientId) throw fail("client_id differs from the assertion's iss and sub");

  const entry = await deps.directory.lookup(clientId);
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
  if (claims.iss !== iss || claims.sub !== sub) throw fail(`iss and sub must both be ${naming}`);

  const aud = audiences(claims);
  if (aud.length === 0 || aud.some((a) => !rules.audiences.includes(a))) {
    throw fail(`aud must be ${rules.audiences.join(' or ')}, and nothing else`);
  }
  const timeIssue = timeProblem(claims, deps.maxLifetime);
  if (timeIssue) throw fail(timeIssue);
  const jti = claims.jti;
  if (jti === undefined && rules.requireJti) throw fail('the jti claim is required (a unique id per assertion)');
  if (jti !== undefined && (typeof jti !== 'string' || jti.length === 0 || jti.length > 256)) throw fail('jti must be a string of 1 to 256 characters');
  // Without a jti, the signed header and claims are what may not come twice: not the whole
  // string, whose signature can be spelt several ways that all verify (spare base64url bits,
  // an ECDSA s or n - s).
  const signingInput = assertion.slice(0, assertion.lastIndexOf('.'));
  const onceKey = typeof jti === 'string' ? jti : `sha256:${createHash('sha256').update(signingInput).digest('base64url')}`;
  // Last, after the signature: only a genuine assertion may take a row in the ledger. One
  // namespace for both uses, so an assertion spent one way cannot be spent again the other.
  const first = await deps.ledger.use(`private_key_jwt:${clientId}`, onceKey, (claims.exp as number) * 1000 + 60_000);
  if (!first) throw fail(`this assertion was used before (${typeof jti === 'string' ? 'jti' : 'the same JWT'} replay); sign a new one for every request`);
  deps.usage.touch(outcome.verified, now);
  return { entry, credentialId: outcome.verified, method: rules.method };
}

/**
 * On a realm path, a client addresses its assertion as Keycloak expects: to the realm's issuer
 * or its token endpoint. Those are accepted there, besides the installation's own.
 */
export function audiencesFor(deps: PrivateKeyJwtDeps, req: OAuthRequest): string[] {
  return req.issuer === undefined ? deps.audiences : [...deps.audiences, req.issuer, `${req.issuer}/protocol/openid-connect/token`];
}

export function privateKeyJwt(deps: PrivateKeyJwtDeps): ClientAuthMethod {
  const fail = (reason: string) => new KeywardError('invalid_client', `Client authentication failed: ${reason}.`);
  return {
    method: 'private_key_jwt',
    applies: isClientAssertion,
    async authenticate(req) {
      if (req.params.client_assertion_type !== JWT_BEARER_ASSERTION) {
        throw fail(`client_assertion_type must be ${JWT_BEARER_ASSERTION}`);
      }
      return verifyKeyAssertion(deps, req.params.client_assertion!, {
        method: 'private_key_jwt',
        parameter: 'client_assertion',
        clientId: req.params.client_id,
        // A dialect's alias names the client of a grant assertion, never of client authentication.
        alias: undefined,
        requireJti: true,
        audiences: audiencesFor(deps, req),
        typs: ASSERTION_TYPS,
        fail,
      });
    },
  };
}

/** The assertion grant without other client authentication: the assertion authenticates, at the token endpoint only. */
export function isAssertionGrant(req: OAuthRequest): boolean {
  return req.tokenEndpoint === true && req.params.grant_type === JWT_BEARER_GRANT && carriesNoClientCredentials(req);
}

/**
 * RFC 7523 §2.1: the client's own key-signed JWT is the grant, and it is also what
 * authenticates the client (Zitadel's "JWT profile" for machine users). Errors are
 * invalid_grant (§3.1); jti is optional there, and a replayed assertion is refused by its digest.
 */
export function assertionGrantAuthentication(deps: PrivateKeyJwtDeps): ClientAuthMethod {
  return {
    method: 'jwt_bearer_grant',
    advertised: false,
    applies: isAssertionGrant,
    authenticate: (req) => {
      if (req.params.assertion === undefined) throw new KeywardError('invalid_request', 'The parameter assertion is required: a JWT signed with one of the client\'s keys.');
      const iss = decodeForeignJwt(req.params.assertion)?.claims.iss;
      // Its document and its workspace's prefixes are checked on the client_assertion path only.
      if (typeof iss === 'string' && isMetadataDocumentUrl(iss)) {
        throw new KeywardError('invalid_grant', 'The assertion was refused: a client named by its metadata document authenticates with client_assertion (private_key_jwt) and the client_credentials grant.');
      }
      return verifyKeyAssertion(deps, req.params.assertion, {
        method: 'jwt_bearer_grant',
        parameter: 'assertion',
        clientId: req.params.client_id,
        alias: req.assertionAlias,
        requireJti: false,
        audiences: audiencesFor(deps, req),
        typs: GRANT_TYPS,
        fail: (reason) => new KeywardError('invalid_grant', `The assertion was refused: ${reason}.`),
      });
    },
  };
}
