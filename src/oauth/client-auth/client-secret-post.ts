import type { ClientAuthMethod } from './index.js';
import { verifyClientSecret, type SecretCheckDeps } from './secret.js';

/** RFC 6749 §2.3.1: client_id and client_secret in the form body. */
export function clientSecretPost(deps: SecretCheckDeps): ClientAuthMethod {
  return {
    method: 'client_secret_post',
    applies: (req) => req.params.client_secret !== undefined,
    authenticate: (req) => verifyClientSecret(deps, req.params.client_id ?? '', req.params.client_secret, 'client_secret_post'),
  };
}
