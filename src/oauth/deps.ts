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
export const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' } as const;
