import { KeywardError } from '../../domain/errors.js';
import type { ActClaim } from '../../domain/model.js';
import { parseScope } from '../../domain/permissions.js';
import type { ClientDirectory } from '../../runtime/client-directory.js';
import { userPermissionsOf } from '../../runtime/federation-directory.js';
import type { DelegationRecord } from '../../services/delegation-audit.js';
import { stillValid, type AccessTokens } from '../access-token.js';
import { JWT_TOKEN_TYPES } from '../client-auth/federated-assertion.js';
import type { AuthenticatedClient } from '../client-auth/index.js';
import { peekIssuerAndSubject, type FederatedTokens } from '../federated-tokens.js';
import type { Params } from '../params.js';
import { grantedAudience } from './client-credentials.js';
import { scopeMember, tokenType, type IssueTarget, type TokenResponse } from './index.js';

/** RFC 8693 §3: what every exchange issues. */
export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';

export interface DelegationOptions {
  defaultLifetime: number;
  ignoredScope?: (scope: string) => boolean;
  directory: ClientDirectory;
  federation: FederatedTokens;
  /** Queued, never written on the token path: the audit log takes it in batches. */
  onDelegated: (record: DelegationRecord) => void;
}

/** The subject acted for, as its token showed it once verified. */
interface Subject {
  sub: string;
  iss: string;
  /** The scope the subject could grant: its token's, or what its provider's role bindings give the user. */
  scope: Set<string>;
  /** When the subject's own token expires: the delegated one must not outlive it. */
  exp: number;
  act?: ActClaim;
  provider?: string;
  clientId?: string;
}

/** Each exchange nests one more `act`: without a bound, a loop of agents would grow tokens without end. */
const MAX_ACTORS = 8;

const chainLength = (act: ActClaim | undefined): number => (act === undefined ? 0 : 1 + chainLength(act.act));

const refusedGrant = (reason: string) => new KeywardError('invalid_grant', `The subject_token was refused: ${reason}.`);

/**
 * RFC 8693 delegation: an authenticated client (the actor) asks for a token that acts for the
 * subject of `subject_token`, a user of a trusted provider or a token Keyward issued in the
 * client's workspace. `actor_token` must stand for the client itself: one of its own access
 * tokens, or the very client assertion that authenticated the request. The client's delegation
 * policy says whether it may act at all, for which providers and subjects, and up to which
 * scope; the token is scoped to what the subject, the client and the policy all allow.
 */
export async function delegate(tokens: AccessTokens, options: DelegationOptions, client: AuthenticatedClient, params: Params, target: IssueTarget): Promise<TokenResponse> {
  const { entry } = client;
  const policy = entry.client.delegation;
  if (!policy.allowed) {
    throw new KeywardError('invalid_target', `The client ${entry.client.clientId} may not act for other subjects: set delegation.allowed on it to use an actor_token.`);
  }
  await checkActorToken(tokens, client, params);
  const subject = await verifySubject(tokens, options, client, params.subject_token!);
  if (policy.subjects.length > 0 && !policy.subjects.includes(subject.sub)) {
    throw new KeywardError('invalid_target', `The client may not act for the subject ${subject.sub.slice(0, 100)}: it is not in the client's delegation.subjects.`);
  }
  const scope = delegatedScope(client, subject, params.scope, options.ignoredScope);
  const audience = grantedAudience(entry, params, target.issuer);
  const now = Math.floor(Date.now() / 1000);
  const lifetime = Math.min(entry.client.tokenLifetime ?? options.defaultLifetime, subject.exp - now);
  const act: ActClaim = subject.act === undefined ? { sub: entry.client.clientId } : { sub: entry.client.clientId, act: subject.act };
  const { token, claims } = tokens.issue({
    entry,
    credentialId: client.credentialId,
    scope,
    audience,
    lifetime,
    issuer: target.issuer,
    jkt: target.jkt,
    extraClaims: { sub: subject.sub, act },
  });
  options.onDelegated({
    orgId: entry.client.orgId,
    apiClientId: entry.client.id,
    clientId: entry.client.clientId,
    subject: { sub: subject.sub, iss: subject.iss, ...(subject.provider ? { provider: subject.provider } : {}), ...(subject.clientId ? { clientId: subject.clientId } : {}) },
    act,
    scope,
    audience,
    jti: claims.jti,
    exp: claims.exp,
  });
  return { access_token: token, issued_token_type: ACCESS_TOKEN_TYPE, token_type: tokenType(target), expires_in: lifetime, ...scopeMember(scope) };
}

/**
 * The actor is the authenticated client, never someone it names: the actor_token must be the
 * client's own undelegated access token, or the client assertion that authenticated this very
 * request (checking it again would spend its jti twice).
 */
async function checkActorToken(tokens: AccessTokens, client: AuthenticatedClient, params: Params) {
  const actorToken = params.actor_token;
  if (actorToken === undefined) throw new KeywardError('invalid_request', 'actor_token_type was sent without actor_token.');
  if (!JWT_TOKEN_TYPES.includes(params.actor_token_type ?? '')) {
    throw new KeywardError('invalid_request', `actor_token_type must be one of ${JWT_TOKEN_TYPES.join(', ')}.`);
  }
  // A request carries one client authentication; a client_assertion present is the one that succeeded.
  if (params.client_assertion !== undefined && actorToken === params.client_assertion) return;
  const claims = await tokens.verifyFromAnyInstance(actorToken);
  const clientId = client.entry.client.clientId;
  if (claims && (claims.client_id !== clientId || claims.sub !== clientId || claims.act !== undefined)) {
    throw new KeywardError('invalid_grant', `The actor_token must stand for the authenticated client ${clientId} itself: send one of its own access tokens (not a delegated one).`);
  }
  if (!claims || !stillValid(claims, client.entry)) {
    throw new KeywardError('invalid_grant', 'The actor_token is not an active access token of the authenticated client, nor its client assertion.');
  }
}

async function verifySubject(tokens: AccessTokens, options: DelegationOptions, client: AuthenticatedClient, token: string): Promise<Subject> {
  const peek = peekIssuerAndSubject(token);
  if (!peek) throw refusedGrant('it is not a JWT with iss and sub claims');
  return tokens.issuedHere(peek.issuer) ? keywardSubject(tokens, options, client, token) : providerSubject(options, client, token);
}

/** A token Keyward issued, in the actor's workspace: its subject, scope and any earlier actors carry on. */
async function keywardSubject(tokens: AccessTokens, options: DelegationOptions, client: AuthenticatedClient, token: string): Promise<Subject> {
  const claims = await tokens.verifyFromAnyInstance(token);
  if (!claims) throw refusedGrant('it is not an active access token (expired, revoked or not signed by this installation)');
  const { client: actor } = client.entry;
  if (claims.org_id !== actor.orgId || claims.workspace_id !== actor.workspaceId) throw refusedGrant("it was issued in another workspace than the client's");
  // A bound token is useless without its key (RFC 9449); exchanging it must not make it useful.
  if (claims.cnf !== undefined) throw refusedGrant('it is DPoP-bound, and only the holder of its key may use it');
  if (!stillValid(claims, await options.directory.lookup(claims.client_id))) throw refusedGrant('its client is disabled or its credential is gone');
  const act = claims.act as ActClaim | undefined;
  if (chainLength(act) >= MAX_ACTORS) throw refusedGrant(`it already names ${MAX_ACTORS} actors, the most a chain may have`);
  return { sub: claims.sub, iss: claims.iss, scope: new Set(parseScope(claims.scope)), exp: claims.exp, act, clientId: claims.client_id };
}

/** A user's token from a provider the actor's policy names, in the actor's organization. */
async function providerSubject(options: DelegationOptions, client: AuthenticatedClient, token: string): Promise<Subject> {
  const { client: actor } = client.entry;
  const entry = await options.federation.entryFor(token);
  if (!entry) throw refusedGrant('its issuer is neither Keyward nor a trusted provider');
  const named = new Set(actor.delegation.providers);
  const candidates = entry.providers.filter((p) => p.orgId === actor.orgId && named.has(`providers/${p.id}`));
  if (candidates.length === 0) {
    throw new KeywardError(
      'invalid_target',
      `The client may not act for users of ${entry.issuer.slice(0, 200)}: name the provider in the client's delegation.providers.`,
    );
  }
  const outcome = await options.federation.verify(token, () => candidates);
  if (!outcome.ok) throw refusedGrant(outcome.reason);
  const { subject, issuer, providers, claims } = outcome.token;
  const scope = new Set(providers.flatMap((p) => userPermissionsOf(entry, p.id, subject)));
  return { sub: subject, iss: issuer, scope, exp: claims.exp as number, provider: `providers/${providers[0].id}` };
}

/**
 * What the subject holds, the actor holds, and the policy's maxScope allows. Asking for more is
 * invalid_scope naming which of the three refused it; asking for nothing grants all three allow.
 */
function delegatedScope(client: AuthenticatedClient, subject: Subject, requested: string | undefined, ignored?: (s: string) => boolean): string[] {
  const { entry } = client;
  const maxScope = entry.client.delegation.maxScope;
  const withinPolicy = (s: string) => maxScope.length === 0 || maxScope.includes(s);
  if (subject.scope.size === 0) {
    const hint = subject.provider ? ': a provider\'s user holds the permissions of the roles bound to it (/v1/roleBindings) on a provider with adminSignIn' : '';
    throw new KeywardError('invalid_scope', `The subject ${subject.sub.slice(0, 100)} holds no scope to delegate${hint}.`);
  }
  const asked = parseScope(requested).filter((s) => !ignored?.(s));
  if (asked.length === 0) {
    const all = entry.permissions.filter((s) => subject.scope.has(s) && withinPolicy(s));
    if (all.length === 0) throw new KeywardError('invalid_scope', 'The subject and the client hold no scope in common within the delegation policy: nothing can be delegated.');
    return all;
  }
  const refuse = (which: string, missing: string[]) => new KeywardError('invalid_scope', `${which}: ${missing.join(' ').slice(0, 300)}.`);
  const notHeld = asked.filter((s) => !entry.permissionSet.has(s));
  if (notHeld.length > 0) throw refuse('The client is not granted', notHeld);
  const notSubjects = asked.filter((s) => !subject.scope.has(s));
  if (notSubjects.length > 0) throw refuse(`The subject ${subject.sub.slice(0, 100)} does not hold`, notSubjects);
  const beyond = asked.filter((s) => !withinPolicy(s));
  if (beyond.length > 0) throw refuse("Beyond the client's delegation.maxScope", beyond);
  return asked;
}
