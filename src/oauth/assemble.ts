import type { Config } from '../config.js';
import type { SecretHasher } from '../crypto/secrets.js';
import { KeywardError } from '../domain/errors.js';
import type { AssertionLedger } from '../runtime/assertion-ledger.js';
import type { ClientDirectory } from '../runtime/client-directory.js';
import type { CredentialUses } from '../runtime/credential-uses.js';
import type { KeyRing } from '../runtime/key-ring.js';
import type { UsageHours } from '../runtime/usage-hours.js';
import type { UsageRecorder } from '../runtime/usage-recorder.js';
import type { TokenRevocationService } from '../services/token-revocations.js';
import type { AccessTokens } from './access-token.js';
import { clientSecretBasic } from './client-auth/client-secret-basic.js';
import { clientSecretPost } from './client-auth/client-secret-post.js';
import { federatedAssertion, resolveFederatedClient } from './client-auth/federated-assertion.js';
import { fenceRefusal } from './fences.js';
import { ClientAuthenticator } from './client-auth/index.js';
import { metadataDocumentClient, type MetadataDocumentDeps } from './client-auth/metadata-document.js';
import { assertionGrantAuthentication, privateKeyJwt } from './client-auth/private-key-jwt.js';
import type { CredentialRefusal, OAuthDeps } from './deps.js';
import { DpopNonces, DpopProofs } from './dpop.js';
import type { FederatedTokens } from './federated-tokens.js';
import { clientCredentialsGrant } from './grants/client-credentials.js';
import { jwtBearerGrant } from './grants/jwt-bearer.js';
import type { DelegationOptions } from './grants/delegation.js';
import { tokenExchangeGrant } from './grants/token-exchange.js';
import { RegistrationRateLimiter, TokenRateLimiter } from './rate-limit.js';
import type { RemoteKeySets } from './remote-jwks.js';

/** The parts the token endpoint is built from; the composition root constructs each once. */
export interface OAuthParts {
  config: Config;
  tokens: AccessTokens;
  directory: ClientDirectory;
  hasher: SecretHasher;
  usage: UsageRecorder;
  remoteKeys: RemoteKeySets;
  ledger: AssertionLedger;
  federation: FederatedTokens;
  revocations: TokenRevocationService;
  keys: KeyRing;
  onTokenIssued?: () => void;
  onAuthFailure?: () => void;
  usageHours?: UsageHours;
  /** Takes the audit record of each delegated exchange off the token path (DelegationAuditLog). */
  onDelegated: DelegationOptions['onDelegated'];
  credentialUses: CredentialUses;
  /** Client ID Metadata Documents: the workspaces that accept them, and where their clients are stored. */
  metadataDocuments: Pick<MetadataDocumentDeps, 'workspaces' | 'registrations'>;
  onCredentialRefused?: (refusal: CredentialRefusal) => void;
}

export interface OAuth {
  deps: OAuthDeps;
  /** The same pipeline with some scopes ignored, for a dialect whose clients send scopes that grant nothing here. */
  ignoringScopes(ignored: (scope: string) => boolean): OAuthDeps;
}

/** The OAuth pipeline: client authentication methods in the order they are tried, and the grants. */
export function buildOAuth(parts: OAuthParts): OAuth {
  const { config, tokens, directory, hasher, usage, remoteKeys, ledger, federation } = parts;
  const secretDeps = { directory, hasher, usage };
  const keyAssertionDeps = {
    directory,
    remote: remoteKeys,
    ledger,
    usage,
    audiences: [config.issuer, `${config.issuer}/oauth/token`],
    maxLifetime: config.assertionMaxLifetime,
  };
  const federatedDeps = { directory, federation, usage };
  const grantsIgnoring = (ignoredScope?: (scope: string) => boolean) => [
    clientCredentialsGrant(tokens, { defaultLifetime: config.tokenLifetime, ignoredScope }),
    jwtBearerGrant(tokens, { defaultLifetime: config.tokenLifetime, ignoredScope }),
    tokenExchangeGrant(tokens, {
      defaultLifetime: config.tokenLifetime,
      ignoredScope,
      // A client that authenticated another way exchanges only a token of one of its own federated
      // identities, and only where that identity's credential admits the request.
      verifySubjectToken: async (client, token, address) => {
        let resolved;
        try {
          resolved = await resolveFederatedClient(federatedDeps, token, client.entry.client.clientId, 'subject_token');
        } catch (error) {
          if (error instanceof KeywardError && error.code === 'invalid_client') throw new KeywardError('invalid_grant', error.message);
          throw error;
        }
        const fence = resolved.entry.fences?.get(resolved.credentialId);
        if (fence !== undefined && (await fenceRefusal(parts, address, resolved, fence)) !== undefined) {
          throw new KeywardError('invalid_grant', 'The subject_token was refused: the federated credential it matches does not admit this request (its allowedCidrs or maxUses; the audit log says which).');
        }
        return resolved.federated!;
      },
      delegation: { defaultLifetime: config.tokenLifetime, ignoredScope, directory, federation, onDelegated: parts.onDelegated },
    }),
  ];
  const deps: OAuthDeps = {
    config,
    authenticator: new ClientAuthenticator([
      clientSecretBasic(secretDeps),
      clientSecretPost(secretDeps),
      privateKeyJwt(keyAssertionDeps),
      metadataDocumentClient({ ...keyAssertionDeps, ...parts.metadataDocuments, allowHttp: config.allowPrivateNetwork }),
      assertionGrantAuthentication(keyAssertionDeps),
      federatedAssertion(federatedDeps),
    ]),
    grants: grantsIgnoring(),
    tokens,
    directory,
    revocations: parts.revocations,
    keys: parts.keys,
    credentialUses: parts.credentialUses,
    onCredentialRefused: parts.onCredentialRefused,
    rateLimiter: new TokenRateLimiter({ failuresPerAddress: config.failedAuthPerMinute, tokensPerClient: config.tokensPerClientPerMinute }),
    registrationLimiter: new RegistrationRateLimiter(config.registrationsPerMinute),
    onTokenIssued: parts.onTokenIssued,
    onAuthFailure: parts.onAuthFailure,
    usageHours: parts.usageHours,
    dpop: { proofs: new DpopProofs(ledger), nonces: config.dpopNonces ? new DpopNonces() : undefined },
  };
  return { deps, ignoringScopes: (ignored) => ({ ...deps, grants: grantsIgnoring(ignored) }) };
}
