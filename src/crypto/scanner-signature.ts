import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/**
 * Signatures of secret-scanning partner reports (GitHub's partner programme): ECDSA with SHA-256
 * over the raw request body, sent base64-encoded in ASN.1 DER form, checked against a PEM public
 * key the scanner publishes under a key identifier.
 */
export interface ScannerPublicKey {
  keyIdentifier: string;
  key: KeyObject;
}

/** The PEM as a key object, or null when it is not an EC public key. */
export function scannerPublicKey(keyIdentifier: string, pem: string): ScannerPublicKey | null {
  try {
    const key = createPublicKey(pem);
    return key.asymmetricKeyType === 'ec' ? { keyIdentifier, key } : null;
  } catch {
    return null;
  }
}

/** True when `signatureBase64` is the key's ECDSA-SHA256 signature (DER) of exactly `body`. */
export function verifyScannerSignature(key: KeyObject, body: Buffer, signatureBase64: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signatureBase64)) return false;
  try {
    return verify('sha256', body, { key, dsaEncoding: 'der' }, Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}
