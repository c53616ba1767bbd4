import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for private signing keys at rest. The stored form is
 * `v1.<iv>.<tag>.<ciphertext>` (base64url), so the scheme can change without guessing.
 */
export class KeyEncryption {
  readonly #key: Buffer;

  constructor(keyEncryptionKey: string) {
    // The KEK may be any string of ≥ 32 characters; SHA-256 turns it into exactly 32 bytes.
    this.#key = createHash('sha256').update(keyEncryptionKey).digest();
  }

  encrypt(plaintext: string, associatedData: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(associatedData));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  /** `associatedData` binds the ciphertext to its row (the key id), so rows cannot be swapped. */
  decrypt(stored: string, associatedData: string): string {
    const [version, iv, tag, ciphertext] = stored.split('.');
    if (version !== 'v1' || !iv || !tag || ciphertext === undefined) throw new Error('Unknown key encryption format.');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(associatedData));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }
}
