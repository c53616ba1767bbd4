import { addressAllowed, type CredentialFence } from '../domain/credential-fences.js';
import type { AuthenticatedClient } from './client-auth/index.js';
import type { OAuthDeps } from './deps.js';

/**
 * Why a credential that authenticated is kept out by its fence: the address is outside its
 * allowedCidrs, or it has no uses left (a use is spent here when it passes). The reason goes to
 * the audit log, never to the caller; undefined when the credential passes.
 */
export async function fenceRefusal(
  deps: Pick<OAuthDeps, 'credentialUses' | 'onCredentialRefused'>,
  address: string,
  credential: AuthenticatedClient,
  fence: CredentialFence,
): Promise<string | undefined> {
  let reason: string | undefined;
  if (!addressAllowed(fence, address)) {
    reason = `address ${address.slice(0, 100)} is outside the credential's allowedCidrs (${fence.cidrs.join(', ')})`;
  } else if (fence.maxUses !== null && !(await deps.credentialUses.consume(credential.credentialId))) {
    reason = `the credential has been used ${fence.maxUses} times, its maxUses`;
  }
  if (reason !== undefined) deps.onCredentialRefused?.({ client: credential.entry.client, credentialId: credential.credentialId, address: address.slice(0, 100), reason });
  return reason;
}
