import { StartupError } from '../config.js';
import type { KeyEncryption } from '../crypto/key-encryption.js';
import type { SecretHasher } from '../crypto/secrets.js';
import type { Store } from '../store/index.js';
import { checkKeyEncryption } from './key-ring.js';

export const PEPPER_MISMATCH =
  "KEYWARD_PEPPER differs from the pepper that hashed this installation's client secrets: every instance must use the same KEYWARD_PEPPER (or the same pepper file).";

/**
 * The first instance stores an HMAC of this fixed label under its pepper; an instance whose
 * pepper gives another value would silently fail every client secret, so it refuses to start.
 * The value lets whoever holds the database test guesses of the pepper, which at 32 characters
 * or more (256 random bits when generated) is out of reach.
 */
const PEPPER_CHECK = { name: 'pepper_check', label: 'keyward installation pepper check v1' };

export async function checkPepper(store: Store, hasher: SecretHasher, now = Date.now()): Promise<void> {
  const mine = hasher.hash(PEPPER_CHECK.label);
  const stored = await store.read.installation.claimSetting(PEPPER_CHECK.name, mine, now);
  if (stored !== mine) throw new StartupError(PEPPER_MISMATCH);
}

/** Both secrets every instance must share, checked against what the installation stored. */
export async function checkSharedSecrets(store: Store, hasher: SecretHasher, encryption: KeyEncryption): Promise<void> {
  await checkPepper(store, hasher);
  await checkKeyEncryption(store, encryption);
}
