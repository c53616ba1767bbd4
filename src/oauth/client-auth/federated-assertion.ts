import { KeywardError } from '../../domain/errors.js';
import { matchProblem, subjectMatches, type MatchingBinding } from '../../domain/federation.js';
import type { Provider } from '../../domain/model.js';
import type { ClientDirectory } from '../../runtime/client-directory.js';
import type { IssuerEntry } from '../../runtime/federation-directory.js';
import type { UsageRecorder } from '../../runtime/usage-recorder.js';
import { peekIssuerAndSubject, type FederatedTokens } from '../federated-tokens.js';
import { audiences } from '../foreign-jwt.js';
import type { OAuthRequest } from '../params.js';
import { carriesNoClientCredentials, type AuthenticatedClient, type ClientAuthMethod } from './index.js';
import { isMetadataDocumentAssertion } from './metadata-document.js';
import { isClientAssertion, JWT_BEARER_ASSERTION } from './private-key-jwt.js';

export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';

/** RFC 8693 §3 token types that are JWTs; a provider's token is one of these. */
export const JWT_TOKEN_TYPES = [
  'urn:ietf:params:oauth:token-type:jwt',
  'urn:ietf:params:oauth:token-type:id_token',
  'urn:ietf:params:oauth:token-type:access_token',
];

export interface FederatedAssertionDeps {
  directory: ClientDirectory;
  federation: FederatedTokens;
  usage: UsageRecorder;
}

const failed = (reason: string) => new KeywardError('invalid_client', `Federated authentication failed: ${reason}.`, { reason: 'federated_refused' });

/**
 * Resolves a provider's token to the one client whose federated credential it satisfies. With
 * a client_id, only that client's credentials count. Without one, the binding is looked up by
 * (issuer, subject) in the federation directory's memory; a binding naming the exact subject
 * wins over a `*` binding, and a token that still fits several clients is refused rather than
 * guessed at. The candidates come from the unverified token, the decision from the verified one.
 */
export async function resolveFederatedClient(deps: FederatedAssertionDeps, token: string, clientId: string | undefined, method: string): Promise<AuthenticatedClient> {
  const peek = peekIssuerAndSubject(token);
  if (!peek) throw failed('the token is not a JWT with iss and sub claims');
  let candidates: MatchingBinding[] = [];
  const outcome = await deps.federation.verify(token, (entry: IssuerEntry) => {
    candidates = [...entry.bindings.values()].flat().filter((b) => (clientId !== undefined ? b.clientId === clientId : subjectMatches(b.subject, peek.subject)));
    const ids = new Set(candidates.map((b) => b.providerId));
    return entry.providers.filter((p: Provider) => ids.has(p.id));
  });
  if (!outcome.ok) throw failed(outcome.reason);
  const { subject, issuer, providers, claims } = outcome.token;
  // A binding counts only through its own provider (of its own organization), and only if that provider accepted the token.
  const accepted = new Map(providers.map((p) => [p.id, p]));
  const bySubject = candidates.filter((b) => accepted.get(b.providerId)?.orgId === b.orgId && subjectMatches(b.subject, subject));
  const tokenAudiences = audiences(claims);
  const matches = bySubject.filter((b) => matchProblem(b.compiled, claims, tokenAudiences) === null);
  if (matches.length === 0 && bySubject.length > 0) {
    // Said after the signature check only: the reason names a condition, which a forger must not learn.
    // The credential naming this exact subject is the one its owner meant, so its reason is the one told.
    const meant = bySubject.find((b) => b.subject === subject) ?? bySubject[0];
    throw failed(`the token fits no federated credential's conditions: ${matchProblem(meant.compiled, claims, tokenAudiences)}`);
  }
  const exact = matches.filter((b) => b.subject === subject);
  const chosen = exact.length > 0 ? exact : matches;
  const clientIds = new Set(chosen.map((b) => b.clientId));
  if (clientIds.size === 0) throw failed(`no client has a federated credential for subject ${subject.slice(0, 100)} of ${issuer.slice(0, 200)}`);
  if (clientIds.size > 1) throw failed('the token fits federated credentials of several clients; send client_id to choose one');

  const [chosenClientId] = clientIds;
  const entry = await deps.directory.lookup(chosenClientId);
  const now = Date.now();
  // The directory's entry is authoritative (the binding index may lag a change by an event).
  const credential = entry?.credentials.find(
    (c) =>
      c.type === 'federated' &&
      chosen.some((b) => b.credentialId === c.id && b.providerId === c.providerId) &&
      subjectMatches(c.subject, subject) &&
      (c.expireTime === null || c.expireTime > now),
  );
  if (!entry || !entry.client.enabled || !credential) throw failed('the matching client is disabled or its federated credential has expired');
  deps.usage.touch(credential.id, now);
  return { entry, credentialId: credential.id, method, federated: { issuer, subject } };
}

/**
 * RFC 8693 with the token itself as the only credential: no other client authentication is
 * present. A delegation (an actor_token) never is one: its subject_token is someone else's,
 * and the acting client authenticates itself.
 */
export function isSubjectTokenAuthentication(req: OAuthRequest): boolean {
  return (
    req.params.grant_type === TOKEN_EXCHANGE_GRANT &&
    req.params.subject_token !== undefined &&
    req.params.actor_token === undefined &&
    req.params.actor_token_type === undefined &&
    carriesNoClientCredentials(req)
  );
}

/**
 * A provider's token as the client's credential: as `client_assertion` (RFC 7521 §4.2 with a
 * jwt-bearer assertion type), or, in a token exchange without other client authentication,
 * as the `subject_token` (RFC 8693).
 */
export function federatedAssertion(deps: FederatedAssertionDeps): ClientAuthMethod {
  return {
    method: 'federated_jwt',
    applies: (req) =>
      (req.params.client_assertion !== undefined &&
        req.params.client_assertion_type === JWT_BEARER_ASSERTION &&
        !isClientAssertion(req) &&
        !isMetadataDocumentAssertion(req)) ||
      isSubjectTokenAuthentication(req),
    async authenticate(req) {
      if (req.params.client_assertion !== undefined) {
        return resolveFederatedClient(deps, req.params.client_assertion, req.params.client_id, 'federated_jwt');
      }
      if (!JWT_TOKEN_TYPES.includes(req.params.subject_token_type ?? '')) {
        throw new KeywardError('invalid_request', `subject_token_type must be one of ${JWT_TOKEN_TYPES.join(', ')}.`);
      }
      return resolveFederatedClient(deps, req.params.subject_token, req.params.client_id, 'subject_token');
    },
  };
}
