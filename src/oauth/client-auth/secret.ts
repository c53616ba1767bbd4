import { isMetadataDocumentUrl } from '../../domain/client-metadata-document.js';
import { KeywardError } from '../../domain/errors.js';
import type { SecretHasher } from '../../crypto/secrets.js';
import type { ClientDirectory, ClientEntry } from '../../runtime/client-directory.js';
import type { UsageRecorder } from '../../runtime/usage-recorder.js';

export interface AuthenticatedClient {
  entry: ClientEntry;
  credentialId: string;
  method: string;
  /** Set when a provider's token authenticated the client: the federated identity it stands for. */
  federated?: { issuer: string; subject: string };
}

export interface SecretCheckDeps {
  directory: ClientDirectory;
  hasher: SecretHasher;
  usage: UsageRecorder;
}

/** One message for every failure: an unknown client and a wrong secret look the same from outside. */
export const clientAuthFailed = (challenge?: 'Basic') =>
  new KeywardError('invalid_client', 'Client authentication failed: unknown client, wrong or expired secret, or disabled client.', {
    challenge,
  });

/**
 * Checks a client id and secret: any unexpired secret credential of an enabled client may
 * match (several are valid at once during a rotation overlap).
 */
export async function verifyClientSecret(
  deps: SecretCheckDeps,
  clientId: string,
  secret: string,
  method: string,
  challenge?: 'Basic',
): Promise<AuthenticatedClient> {
  // The draft forbids shared secrets for these clients, whatever credential an admin added.
  if (isMetadataDocumentUrl(clientId)) {
    throw new KeywardError('invalid_client', 'Client authentication failed: a client named by its metadata document authenticates with private_key_jwt only, never with a shared secret.', { challenge });
  }
  const entry = await deps.directory.lookup(clientId);
  // Hash even for unknown clients so response time does not reveal which client ids exist.
  const now = Date.now();
  let matched: string | undefined;
  if (entry) {
    for (const credential of entry.credentials) {
      if (credential.type !== 'secret' || credential.secretHash === null) continue;
      if (credential.expireTime !== null && credential.expireTime <= now) continue;
      if (deps.hasher.verify(secret, credential.secretHash)) matched = credential.id;
    }
  } else {
    deps.hasher.verify(secret, 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  }
  if (!entry || !matched || !entry.client.enabled) throw clientAuthFailed(challenge);
  deps.usage.touch(matched, now);
  return { entry, credentialId: matched, method };
}
