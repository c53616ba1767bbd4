import { createHmac, createSign, randomUUID, type KeyObject } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import type { Harness, Parsed } from './harness.js';

/**
 * Client assertions for the private_key_jwt tests: genuine ones through jose, and the hostile
 * ones jose refuses to produce (alg none, HS256 keyed with the public key, unknown crit) built
 * by hand.
 */
export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface ClientKey {
  alg: 'ES256' | 'RS256' | 'EdDSA';
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function clientKey(alg: ClientKey['alg'] = 'ES256', kid = `k-${randomUUID().slice(0, 8)}`): Promise<ClientKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { alg, kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid } };
}

export const now = () => Math.floor(Date.now() / 1000);

export function assertionClaims(clientId: string, audience: string, extra: Record<string, unknown> = {}) {
  return { iss: clientId, sub: clientId, aud: audience, exp: now() + 60, iat: now(), jti: randomUUID(), ...extra };
}

export function signAssertion(key: ClientKey, claims: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
  const jwt = new SignJWT(Object.fromEntries(Object.entries(claims).filter(([, v]) => v !== undefined)));
  return jwt.setProtectedHeader({ alg: key.alg, kid: key.kid, ...header } as never).sign(key.privateKey);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** alg none: no signature at all. */
export function unsignedJwt(claims: Record<string, unknown>, alg = 'none'): string {
  return `${b64({ alg, typ: 'JWT' })}.${b64(claims)}.`;
}

/** HS256 keyed with the bytes of a public key: the algorithm-confusion attack. */
export function hs256WithPublicKey(claims: Record<string, unknown>, publicKeyBytes: string | Buffer, kid?: string): string {
  const input = `${b64({ alg: 'HS256', typ: 'JWT', ...(kid ? { kid } : {}) })}.${b64(claims)}`;
  return `${input}.${createHmac('sha256', publicKeyBytes).update(input).digest('base64url')}`;
}

/** RS256 with any header at all (crit, jwk, …), signed by a node KeyObject. */
export function rs256WithHeader(header: Record<string, unknown>, claims: Record<string, unknown>, privateKey: KeyObject): string {
  const input = `${b64({ alg: 'RS256', ...header })}.${b64(claims)}`;
  return `${input}.${createSign('sha256').update(input).sign(privateKey).toString('base64url')}`;
}

/** POST /oauth/token with a client assertion and no other client authentication. */
export async function tokenWithAssertion(h: Harness, assertion: string, params: Record<string, string> = {}, path = '/oauth/token'): Promise<Parsed> {
  const res = await h.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: JWT_BEARER, client_assertion: assertion, ...params }).toString(),
  });
  return { status: res.statusCode, body: res.json(), headers: res.headers as Record<string, unknown> };
}

export async function form(h: Harness, path: string, params: Record<string, string>, headers: Record<string, string> = {}): Promise<Parsed> {
  const res = await h.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(params).toString(),
  });
  let body: unknown = res.body;
  try {
    body = res.body ? JSON.parse(res.body) : undefined;
  } catch {
    // keep text
  }
  return { status: res.statusCode, body, headers: res.headers as Record<string, unknown> };
}
