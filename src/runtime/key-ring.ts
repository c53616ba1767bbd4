import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { StartupError } from '../config.js';
import { KeyEncryption } from '../crypto/key-encryption.js';
import { generateKeyPair, material, publicJwk, type SigningAlg, type SigningKeyMaterial } from '../crypto/jwt.js';
import { DuplicateKeyError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { AuditEvent } from '../domain/model.js';
import type { Store } from '../store/index.js';
import type { SigningKeyRow } from '../store/signing-keys.js';

/**
 * The signing keys, held in memory: one `active` key signs, one `next` key is already published
 * in the JWKS so that resource servers know it before it signs, and `retired` keys stay
 * published until every token they signed has expired. Private keys are stored encrypted.
 * Rotating them is an admin use case (services/signing-keys.ts); every instance reloads on its event.
 */
export class KeyRing {
  #active: SigningKeyMaterial | undefined;
  #verifiers = new Map<string, { alg: SigningAlg; publicKey: KeyObject }>();
  #jwks = '{"keys":[]}';

  constructor(
    private readonly store: Store,
    private readonly encryption: KeyEncryption,
    private readonly options: { alg: SigningAlg },
  ) {}

  get active(): SigningKeyMaterial {
    if (!this.#active) throw new Error('Signing keys are not loaded.');
    return this.#active;
  }

  get loaded(): boolean {
    return this.#active !== undefined;
  }

  /** The JWKS document, serialised once per key change. */
  get jwks(): string {
    return this.#jwks;
  }

  verifier(kid: unknown) {
    return typeof kid === 'string' ? this.#verifiers.get(kid) : undefined;
  }

  /** Loads the keys, creating the first active and next keys if there are none. */
  async load(): Promise<void> {
    let rows = await this.store.read.signingKeys.listPublishedKeys(Date.now());
    const missing = (['active', 'next'] as const).filter((state) => !rows.some((r) => r.state === state));
    if (missing.length > 0) {
      for (const state of missing) {
        try {
          await this.store.transaction((repos) => repos.signingKeys.insertSigningKey(this.newRow(state)));
        } catch (error) {
          // Another instance created it at the same moment: the unique index let exactly one win.
          if (!(error instanceof DuplicateKeyError)) throw error;
        }
      }
      rows = await this.store.read.signingKeys.listPublishedKeys(Date.now());
    }
    this.#install(rows);
  }

  /** A new key pair as a row to store, its private key encrypted; rotation stores them too (SigningKeyService). */
  newRow(state: 'active' | 'next'): SigningKeyRow {
    const kid = newId('signingKey');
    const { privateKey, publicKey } = generateKeyPair(this.options.alg);
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const now = Date.now();
    return {
      kid,
      alg: this.options.alg,
      state,
      private_key_encrypted: this.encryption.encrypt(pem, kid),
      public_jwk: JSON.stringify(publicJwk({ kid, alg: this.options.alg, publicKey })),
      create_time: now,
      activate_time: state === 'active' ? now : null,
      retire_until: null,
    };
  }

  #install(rows: SigningKeyRow[]) {
    const verifiers = new Map<string, { alg: SigningAlg; publicKey: KeyObject }>();
    let active: SigningKeyMaterial | undefined;
    for (const row of rows) {
      const jwk = JSON.parse(row.public_jwk);
      verifiers.set(row.kid, { alg: row.alg as SigningAlg, publicKey: createPublicKey({ key: jwk, format: 'jwk' }) });
      if (row.state === 'active') {
        const pem = decryptWithInstallationKek(this.encryption, row);
        active = material(row.kid, row.alg as SigningAlg, createPrivateKey(pem));
      }
    }
    if (!active) throw new Error('No active signing key is stored.');
    this.#active = active;
    this.#verifiers = verifiers;
    this.#jwks = JSON.stringify({ keys: rows.map((r) => JSON.parse(r.public_jwk)) });
  }

  handleEvent(event: AuditEvent, onError: (error: unknown) => void) {
    if (event.type === 'signing_key.rotated' && event.data.activeKid !== this.#active?.kid) this.load().catch(onError);
  }
}

export const KEK_MISMATCH =
  "KEYWARD_KEK differs from the key that encrypted this installation's signing keys: every instance must use the same KEYWARD_KEK (or the same kek file).";

/**
 * AES-GCM refuses a ciphertext under another key; with the KEK that encrypted the row that can
 * only mean this instance was given another installation's KEK (or none, and generated its own).
 */
function decryptWithInstallationKek(encryption: KeyEncryption, row: SigningKeyRow): string {
  try {
    return encryption.decrypt(row.private_key_encrypted, row.kid);
  } catch (error) {
    // GCM's tag check: "Unsupported state or unable to authenticate data".
    if (/authenticate/i.test(String((error as Error)?.message))) throw new StartupError(KEK_MISMATCH);
    throw error;
  }
}

/**
 * Checks that this instance's KEK opens the stored active key, without loading the ring: the
 * cluster primary asks before it forks workers that would each fail the same way.
 */
export async function checkKeyEncryption(store: Store, encryption: KeyEncryption): Promise<void> {
  const active = (await store.read.signingKeys.listPublishedKeys(Date.now())).find((r) => r.state === 'active');
  if (active) decryptWithInstallationKek(encryption, active);
}
