import type { FastifyInstance, FastifyRequest } from 'fastify';
import { setTimeout as delay } from 'node:timers/promises';
import { KeywardError } from '../domain/errors.js';
import { issuableAfter } from './access-token.js';
import { claimedClientId } from './client-auth/claimed-client.js';
import type { AuthenticatedClient } from './client-auth/index.js';
import { NO_STORE, OAUTH_ROUTE, type OAuthDeps } from './deps.js';
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

/** The whole pipeline, shared by every surface that issues tokens (dialect aliases included). */
export async function issueToken(deps: OAuthDeps, req: OAuthRequest): Promise<TokenResponse> {
  const grant = findGrant(deps, req.params);
  req.tokenEndpoint = true;
  const client = await authenticateClient(deps, req);
  deps.rateLimiter.checkClient(client.entry.client.clientId);
  // Checked here so that the common case (no recent disable) adds no await to the token path.
  if (issuableAfter(client.entry) > 0) await holdUntilIssuable(client.entry);
  const response = await grant.handle(client, req.params, req.issuer ?? deps.config.issuer);
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
export function oauthRequest(request: FastifyRequest, issuer?: string): OAuthRequest {
  const req: OAuthRequest = {
    authorization: request.headers.authorization,
    params: readParams(request.body, request.headers['content-type']),
    address: request.ip,
    // Always present, so every request object has one shape on the hot path.
    issuer,
  };
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
    'RFC 8693: grant_type=urn:ietf:params:oauth:grant-type:token-exchange with a provider\'s subject_token.',
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

export async function tokenRoutes(app: FastifyInstance, deps: OAuthDeps) {
  const handler = async (request: FastifyRequest, reply: import('fastify').FastifyReply) => {
    reply.headers(NO_STORE);
    return issueToken(deps, oauthRequest(request));
  };
  app.post('/oauth/token', { schema: tokenSchema, config: OAUTH_ROUTE }, handler);
  // Keycloak-style path, so clients configured for a realm (Docpier's agents) work unchanged:
  // its tokens name the realm as issuer, which is what such a client's verifier expects.
  app.post('/realms/:realm/protocol/openid-connect/token', { schema: { ...tokenSchema, hide: true }, config: OAUTH_ROUTE }, async (request, reply) => {
    reply.headers(NO_STORE);
    return issueToken(deps, realmOAuthRequest(deps, request));
  });
}
