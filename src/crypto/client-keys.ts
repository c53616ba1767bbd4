import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/**
 * Public keys that API clients register for private_key_jwt (RFC 7523), and the key pairs
 * Keyward generates for them when a dialect hands out a key file (Zitadel). Only asymmetric
 * signature algorithms are accepted: with a shared-key algorithm a "public" key would be a
 * secret, and HS256 signed with a public key is the classic confusion attack.
 */
export const CLIENT_ASSERTION_ALGS = ['RS256', 'ES256', 'EdDSA'] as const;
export type ClientAssertionAlg = (typeof CLIENT_ASSERTION_ALGS)[number];

export type PublicJwk = Record<string, unknown>;

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/** Does this JWK carry private or symmetric key material? */
export const holdsPrivateMembers = (jwk: PublicJwk) => PRIVATE_MEMBERS.some((m) => jwk[m] !== undefined);

/** Does this algorithm sign with this key type? The header's alg never picks the key type. */
export function algFitsKey(alg: string, jwk: PublicJwk): boolean {
  if (jwk.alg !== undefined && jwk.alg !== alg) return false;
  switch (alg) {
    case 'RS256':
      return jwk.kty === 'RSA';
    case 'ES256':
      return jwk.kty === 'EC' && jwk.crv === 'P-256';
    case 'EdDSA':
      return jwk.kty === 'OKP' && jwk.crv === 'Ed25519';
    default:
      return false;
  }
}

/** Why this JWK cannot verify client assertions, or null when it can. */
export function publicJwkProblem(jwk: unknown): string | null {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) return 'a key must be a JSON object (a JWK)';
  const key = jwk as PublicJwk;
  if (holdsPrivateMembers(key)) {
    return 'the key holds private or symmetric key material; register the public key only';
  }
  if (!['RSA', 'EC', 'OKP'].includes(String(key.kty))) return 'kty must be RSA, EC (P-256) or OKP (Ed25519)';
  if (key.kty === 'EC' && key.crv !== 'P-256') return 'EC keys must use the P-256 curve (ES256)';
  if (key.kty === 'OKP' && key.crv !== 'Ed25519') return 'OKP keys must use Ed25519 (EdDSA)';
  if (key.alg !== undefined && !CLIENT_ASSERTION_ALGS.some((alg) => alg === key.alg && algFitsKey(alg, key))) {
    return `alg ${String(key.alg).slice(0, 20)} does not fit this key; use RS256, ES256 or EdDSA`;
  }
  if (key.use !== undefined && key.use !== 'sig') return 'use must be "sig"';
  if (key.kid !== undefined && (typeof key.kid !== 'string' || key.kid.length === 0 || key.kid.length > 200)) {
    return 'kid must be a string of 1 to 200 characters';
  }
  let object: KeyObject;
  try {
    object = jwkToKeyObject(key);
  } catch {
    return 'the key is not a valid public JWK';
  }
  if (key.kty === 'RSA' && (object.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) return 'RSA keys must have at least 2048 bits';
  return null;
}

export function jwkToKeyObject(jwk: PublicJwk): KeyObject {
  return createPublicKey({ key: jwk as never, format: 'jwk' });
}

/** A public key given as PEM (SPKI or PKCS#1), as Zitadel's AddMachineKey accepts it. */
export function publicJwkFromPem(pem: string, kid: string): PublicJwk {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'ec' && key.asymmetricKeyType !== 'ed25519') {
    throw new Error('unsupported key type');
  }
  return { ...key.export({ format: 'jwk' }), kid, use: 'sig' };
}

/**
 * A fresh RSA key pair for a client (RS256, as Zitadel key files use). The private key leaves
 * Keyward once, in the response that created it, as PKCS#1 PEM ("BEGIN RSA PRIVATE KEY").
 */
export function generateClientKeyPair(kid: string): { publicJwk: PublicJwk; privateKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' },
    privateKeyPem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
  };
}
