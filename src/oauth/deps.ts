import type { Config } from '../config.js';
import type { ApiClient } from '../domain/model.js';
import type { ClientDirectory } from '../runtime/client-directory.js';
import type { CredentialUses } from '../runtime/credential-uses.js';
import type { KeyRing } from '../runtime/key-ring.js';
import type { UsageHours } from '../runtime/usage-hours.js';
import type { TokenRevocationService } from '../services/token-revocations.js';
import type { AccessTokens } from './access-token.js';
import type { ClientAuthenticator } from './client-auth/index.js';
import type { DpopNonces, DpopProofs } from './dpop.js';
import type { Grant } from './grants/index.js';
import type { RegistrationRateLimiter, TokenRateLimiter } from './rate-limit.js';

/** A credential that authenticated but was refused by its fence, and why (for the audit log, never the caller). */
export interface CredentialRefusal {
  client: ApiClient;
  credentialId: string;
  address: string;
  reason: string;
}

/** What the OAuth endpoints need, assembled once in the composition root. */
export interface OAuthDeps {
  config: Pick<Config, 'issuer' | 'signingAlg'>;
  authenticator: ClientAuthenticator;
  grants: Grant[];
  tokens: AccessTokens;
  directory: ClientDirectory;
  revocations: TokenRevocationService;
  keys: KeyRing;
  rateLimiter: TokenRateLimiter;
  /** Registrations (POST /oauth/register) per address, apart from the token budgets. */
  registrationLimiter: RegistrationRateLimiter;
  /** Counts the uses of credentials that set maxUses. */
  credentialUses: Pick<CredentialUses, 'consume'>;
  /** Told of every fence refusal; it records why (the caller only learns invalid_client). */
  onCredentialRefused?: (refusal: CredentialRefusal) => void;
  /** RFC 9449 proofs; `nonces` when the installation asks for server nonces (KEYWARD_DPOP_NONCES). */
  dpop: { proofs: DpopProofs; nonces?: DpopNonces };
  /** Counts issued tokens and failures for /metrics. */
  onTokenIssued?: (clientId: string) => void;
  onAuthFailure?: () => void;
  /** Per-client, per-hour counts of tokens and failed authentications at the token endpoint. */
  usageHours?: Pick<UsageHours, 'enabled' | 'tokenIssued' | 'authenticationFailed'>;
}

/** Config of every OAuth route: errors are RFC 6749 bodies, not problem+json. */
export const OAUTH_ROUTE = { errorFormat: 'oauth' } as const;

/** RFC 6749 §5.1 and RFC 7662 §2.2: token-bearing responses must not be cached. */
export const NO_STORE: Readonly<Record<string, string>> = { 'cache-control': 'no-store', pragma: 'no-cache' };

/**
 * What an OAuth endpoint answers, whichever front end writes it: a Fastify route, or the hot
 * path that serves the busiest endpoints straight from node:http (src/http/hot-path.ts).
 */
export interface OAuthAnswer {
  headers: Readonly<Record<string, string>>;
  /** A JSON value, or a document already serialized, its content-type among the headers. */
  body: object | string;
}

/** An HTTP request as the OAuth endpoints read it, whichever front end received it. */
export interface RawOAuthRequest {
  headers: { authorization?: string; 'content-type'?: string; dpop?: string | string[] };
  /** The parsed form, or nothing when the request had no body. */
  body: unknown;
  /** The caller's address (behind trusted proxies, the one they forwarded). */
  ip: string;
  /** Path and query, as received. */
  url: string;
}
