import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setTimeout as delay } from 'node:timers/promises';
import type { CredentialFence } from '../domain/credential-fences.js';
import { KeywardError } from '../domain/errors.js';
import { issuableAfter } from './access-token.js';
import { claimedClientId } from './client-auth/claimed-client.js';
import { DpopProofs } from './dpop.js';
import { fenceRefusal } from './fences.js';
import type { AuthenticatedClient } from './client-auth/index.js';
import { clientAuthFailed } from './client-auth/secret.js';
import { NO_STORE, OAUTH_ROUTE, type OAuthAnswer, type OAuthDeps, type RawOAuthRequest } from './deps.js';
import type { Grant, TokenResponse } from './grants/index.js';
import { readParams, requireParam, type OAuthRequest, type Params } from './params.js';
import { realmIssuer, type RealmParams } from './realm.js';

/**
 * The token endpoint as a list of named steps, each one check that can be read alone:
 * parse the form → find the grant → limit the address → authenticate the client → limit the
 * client → run the grant.
 */
function findGrant(deps: OAuthDeps, params: Params): Grant {
  const grantType = requireParam(params, 'grant_type');
  const grant = deps.grants.find((g) => g.grantType === grantType);
  if (!grant) {
    throw new KeywardError('unsupported_grant_type', `grant_type "${grantType.slice(0, 100)}" is not supported; use ${deps.grants.map((g) => g.grantType).join(' or ')}.`);
  }
  return grant;
}

/**
 * Limits the address, then authenticates the client, counting failures against the address.
 * Every endpoint that authenticates clients (token, introspection, revocation) goes through
 * here, so none of them is an unthrottled oracle for guessing secrets (RFC 7662 §4).
 */
export async function authenticateClient(deps: OAuthDeps, req: OAuthRequest): Promise<AuthenticatedClient> {
  deps.rateLimiter.checkAddress(req.address);
  try {
    const client = await deps.authenticator.authenticate(req);
    const fence = client.entry.fences?.get(client.credentialId);
    if (fence !== undefined) await passFence(deps, req, client, fence);
    req.clientId = client.entry.client.clientId;
    return client;
  } catch (error) {
    // invalid_grant here is a refused assertion grant (RFC 7523 §3.1), which authenticates too.
    if (error instanceof KeywardError && (error.code === 'invalid_client' || error.code === 'invalid_grant')) {
      deps.rateLimiter.recordFailure(req.address);
      deps.onAuthFailure?.();
      if (req.tokenEndpoint && deps.usageHours?.enabled) void countFailure(deps, req);
    }
    throw error;
  }
}

/**
 * A credential that authenticated must also be used from an allowed address and have uses
 * left. A refusal looks to the caller like any failed authentication (the secret methods'
 * answer is word for word a wrong secret's, so a guessed secret is not confirmed); the reason
 * goes to the audit log.
 */
async function passFence(deps: OAuthDeps, req: OAuthRequest, client: AuthenticatedClient, fence: CredentialFence) {
  if ((await fenceRefusal(deps, req.address, client, fence)) === undefined) return;
  if (client.method.startsWith('client_secret_')) throw clientAuthFailed(client.method === 'client_secret_basic' ? 'Basic' : undefined);
  throw new KeywardError('invalid_client', 'Client authentication failed.');
}

/** The URL a DPoP proof names for this request: the issuer's origin and path prefix, and the path the request came to. */
export function proofUrl(deps: Pick<OAuthDeps, 'config'>, req: Pick<OAuthRequest, 'url'>): string {
  const query = req.url.indexOf('?');
  return deps.config.issuer + (query === -1 ? req.url : req.url.slice(0, query));
}

/**
 * The whole pipeline, shared by every surface that issues tokens (dialect aliases included).
 * A DPoP proof is checked before the client authenticates (a nonce the client lacks must not
 * cost it a spent client assertion) and spent after (no stranger fills the ledger).
 */
export async function issueToken(deps: OAuthDeps, req: OAuthRequest): Promise<TokenResponse> {
  const grant = findGrant(deps, req.params);
  req.tokenEndpoint = true;
  const proofHeader = DpopProofs.header(req.dpop);
  const proof = proofHeader === null ? null : deps.dpop.proofs.check(proofHeader, { method: 'POST', url: proofUrl(deps, req), nonces: deps.dpop.nonces });
  const client = await authenticateClient(deps, req);
  deps.rateLimiter.checkClient(client.entry.client.clientId);
  if (proof) await deps.dpop.proofs.spend(proof, deps.dpop.nonces);
  else if (client.entry.client.dpopBoundAccessTokens) {
    throw new KeywardError('invalid_dpop_proof', 'This client is set to receive DPoP-bound tokens only: send a DPoP proof (RFC 9449) with every token request.');
  }
  // Checked here so that the common case (no recent disable) adds no await to the token path.
  if (issuableAfter(client.entry) > 0) await holdUntilIssuable(client.entry);
  const response = await grant.handle(client, req.params, { issuer: req.issuer ?? deps.config.issuer, jkt: proof?.jkt, address: req.address });
  deps.onTokenIssued?.(client.entry.client.clientId);
  deps.usageHours?.tokenIssued(client.entry.client.id);
  return response;
}

/**
 * Timers can fire a millisecond before the wall clock reaches the mark they were set for, and a
 * token signed then would still carry the second of the disable: wait again until it has passed.
 */
async function holdUntilIssuable(entry: AuthenticatedClient['entry']) {
  for (let wait = issuableAfter(entry); wait > 0; wait = issuableAfter(entry)) await delay(wait);
}

/** A failure at the token endpoint counts against the client it names, if that client exists (the directory has just looked it up). */
async function countFailure(deps: OAuthDeps, req: OAuthRequest) {
  const clientId = claimedClientId(req);
  if (clientId === undefined) return;
  const entry = await Promise.resolve(deps.directory.lookup(clientId)).catch(() => null);
  if (entry) deps.usageHours!.authenticationFailed(entry.client.id);
}

/** `issuer` is a realm route's (realm.ts); the plain routes leave it out. */
export function readOAuthRequest(request: RawOAuthRequest, issuer?: string): OAuthRequest {
  return {
    authorization: request.headers.authorization,
    params: readParams(request.body, request.headers['content-type']),
    address: request.ip,
    // Always present, so every request object has one shape on the hot path.
    issuer,
    url: request.url,
    dpop: request.headers.dpop,
  };
}

/** The same, for a Fastify route. */
export function oauthRequest(request: FastifyRequest, issuer?: string): OAuthRequest {
  const req = readOAuthRequest(request, issuer);
  // The access log reads the authenticated client from here once the response is sent.
  request.oauth = req;
  return req;
}

/** The same, for a `/realms/{realm}/…` route: its tokens are that realm's. */
export function realmOAuthRequest(deps: OAuthDeps, request: FastifyRequest): OAuthRequest {
  return oauthRequest(request, realmIssuer(deps.config.issuer, (request.params as Partial<RealmParams>).realm));
}

const tokenSchema = {
  tags: ['OAuth 2.0'],
  operationId: 'token', summary: 'Issue an access token (client_credentials, jwt-bearer, token-exchange)',
  description:
    'RFC 6749 §4.4. Form-encoded body: grant_type=client_credentials, optional scope, resource (RFC 8707) or audience. ' +
    'Client authentication: client_secret_basic, client_secret_post, private_key_jwt, or a federated client assertion. ' +
    'RFC 7523 §2.1: grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer with assertion, a JWT signed by one of the client\'s keys, and no other credentials. ' +
    'RFC 8693: grant_type=urn:ietf:params:oauth:grant-type:token-exchange with a provider\'s subject_token; ' +
    'with an actor_token (the client\'s own token or assertion) too, a delegation: the token acts for the subject_token\'s subject, under the client\'s delegation policy.',
  consumes: ['application/x-www-form-urlencoded'],
  response: {
    200: {
      type: 'object',
      properties: {
        access_token: { type: 'string' },
        token_type: { type: 'string' },
        expires_in: { type: 'integer' },
        scope: { type: 'string' },
        issued_token_type: { type: 'string' },
      },
    },
  },
} as const;

/**
 * The token endpoint's answer. RFC 9449 §8.2: a DPoP success carries the nonce to use next, so
 * a client is never refused for a stale one.
 */
export async function tokenAnswer(deps: OAuthDeps, req: OAuthRequest): Promise<OAuthAnswer> {
  const response = await issueToken(deps, req);
  const headers = deps.dpop.nonces && response.token_type === 'DPoP' ? { ...NO_STORE, 'dpop-nonce': deps.dpop.nonces.current() } : NO_STORE;
  return { headers, body: response };
}

export const TOKEN_PATH = '/oauth/token';

export async function tokenRoutes(app: FastifyInstance, deps: OAuthDeps) {
  const handlerOf = (read: (request: FastifyRequest) => OAuthRequest) => async (request: FastifyRequest, reply: FastifyReply) => {
    const answer = await tokenAnswer(deps, read(request));
    reply.headers(answer.headers);
    return answer.body;
  };
  app.post(TOKEN_PATH, { schema: tokenSchema, config: OAUTH_ROUTE }, handlerOf((request) => oauthRequest(request)));
  // Keycloak-style path, so clients configured for a realm (Docpier's agents) work unchanged:
  // its tokens name the realm as issuer, which is what such a client's verifier expects.
  app.post(
    '/realms/:realm/protocol/openid-connect/token',
    { schema: { ...tokenSchema, hide: true }, config: OAUTH_ROUTE },
    handlerOf((request) => realmOAuthRequest(deps, request)),
  );
}
