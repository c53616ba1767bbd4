import { createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/** The algorithms Keyward signs its own tokens with (KEYWARD_SIGNING_ALG). */
export type SigningAlg = 'ES256' | 'EdDSA' | 'RS256';

/**
 * Signing and verifying Keyward's own JWTs with node:crypto directly. Header and claims have
 * fixed shapes we produce ourselves, so the generic machinery of a JOSE library buys nothing on
 * the hot path and costs about three times as much per token. Every token still verifies with
 * `jose` (the tests prove it). Foreign JWTs (client assertions, federated tokens) are checked
 * in oauth/foreign-jwt.ts, which adds what their variety needs.
 */
export interface SigningKeyMaterial {
  kid: string;
  alg: SigningAlg;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The precomputed base64url header `{alg, kid, typ: at+jwt}`. */
  encodedHeader: string;
}

export function generateKeyPair(alg: SigningAlg): { privateKey: KeyObject; publicKey: KeyObject } {
  switch (alg) {
    case 'ES256':
      return generateKeyPairSync('ec', { namedCurve: 'P-256' });
    case 'EdDSA':
      return generateKeyPairSync('ed25519');
    case 'RS256':
      return generateKeyPairSync('rsa', { modulusLength: 2048 });
  }
}

export function publicJwk(key: SigningKeyMaterial | { kid: string; alg: SigningAlg; publicKey: KeyObject }) {
  return { ...key.publicKey.export({ format: 'jwk' }), kid: key.kid, alg: key.alg, use: 'sig' };
}

export function material(kid: string, alg: SigningAlg, privateKey: KeyObject, typ = 'at+jwt'): SigningKeyMaterial {
  return {
    kid,
    alg,
    privateKey,
    publicKey: createPublicKey(privateKey),
    encodedHeader: b64json({ alg, kid, typ }),
  };
}

function b64json(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function digestFor(alg: SigningAlg): string | null {
  return alg === 'EdDSA' ? null : 'sha256';
}

export function signJwt(key: SigningKeyMaterial, claims: Record<string, unknown>): string {
  const input = `${key.encodedHeader}.${b64json(claims)}`;
  const signature = sign(digestFor(key.alg), Buffer.from(input), {
    key: key.privateKey,
    dsaEncoding: 'ieee-p1363',
  });
  return `${input}.${signature.toString('base64url')}`;
}

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

/**
 * Three parts of strict base64url (Buffer's decoder skips stray characters, which would let one
 * signature travel in several spellings). An empty signature still decodes, so that an unsigned
 * token is refused for its `alg` in words a developer can act on; no key verifies it.
 */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** Splits and parses without trusting anything; returns null for anything malformed. */
export function decodeJwt(token: string): DecodedJwt | null {
  if (token.length > 8192 || !COMPACT_JWS.test(token)) return null;
  const parts = token.split('.');
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (typeof header !== 'object' || header === null || Array.isArray(header)) return null;
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return null;
    return { header, claims, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2], 'base64url') };
  } catch {
    return null;
  }
}

/**
 * Verifies a token against one of our keys. The algorithm is the key's, never the header's
 * (so `alg: none` or HS256-with-the-public-key cannot pass), and `crit` is refused since we
 * understand no extensions.
 */
export function verifySignature(decoded: DecodedJwt, key: { alg: SigningAlg; publicKey: KeyObject }): boolean {
  if (decoded.header.alg !== key.alg || decoded.header.crit !== undefined) return false;
  if (decoded.header.jwk !== undefined || decoded.header.jku !== undefined || decoded.header.x5u !== undefined) return false;
  return verify(digestFor(key.alg), Buffer.from(decoded.signingInput), { key: key.publicKey, dsaEncoding: 'ieee-p1363' }, decoded.signature);
}
