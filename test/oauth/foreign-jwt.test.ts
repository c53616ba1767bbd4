import assert from 'node:assert/strict';
import { createHmac, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { describe, it } from 'node:test';
import { compactVerify, exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { PublicJwk } from '../../src/crypto/client-keys.js';
import { decodeForeignJwt, headerProblem, verifySignature } from '../../src/oauth/foreign-jwt.js';

/**
 * Foreign JWTs are verified with node:crypto directly. For every accepted algorithm, genuine
 * tokens and a battery of bent ones get the same answer from Keyward as from jose: what jose
 * accepts with the key, Keyward accepts; what jose refuses, Keyward refuses.
 */
const ALGS = ['ES256', 'RS256', 'EdDSA'] as const;
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function keyFor(alg: (typeof ALGS)[number]) {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid: 'k1' } as PublicJwk };
}

function keywardAccepts(token: string, jwk: PublicJwk): boolean {
  const decoded = decodeForeignJwt(token);
  if (!decoded || headerProblem(decoded.header, ['jwt']) !== null) return false;
  return verifySignature(decoded, [{ key: jwk, source: 'k1' }]).verified === 'k1';
}

async function joseAccepts(token: string, jwk: PublicJwk, alg: string): Promise<boolean> {
  try {
    await compactVerify(token, jwk as never, { algorithms: [alg] });
    return true;
  } catch {
    return false;
  }
}

/** Sets character `index` of the token's part `part` to another base64url character. */
function flip(token: string, part: number, index: number): string {
  const parts = token.split('.');
  const at = index < 0 ? parts[part].length + index : index;
  const swapped = parts[part][at] === 'A' ? 'B' : 'A';
  parts[part] = parts[part].slice(0, at) + swapped + parts[part].slice(at + 1);
  return parts.join('.');
}

describe('foreign JWT signatures: node:crypto agrees with jose', () => {
  for (const alg of ALGS) {
    it(`${alg}: genuine tokens pass and every bent one fails, exactly as with jose`, async () => {
      const key = await keyFor(alg);
      const other = await keyFor(alg);
      const claims = { iss: 'c1', sub: 'c1', aud: 'https://issuer', exp: Math.floor(Date.now() / 1000) + 60, jti: randomUUID() };
      const genuine = await new SignJWT(claims).setProtectedHeader({ alg, kid: 'k1', typ: 'JWT' }).sign(key.privateKey);
      const [h, p, s] = genuine.split('.');
      const cases: Record<string, string> = {
        genuine,
        'payload changed': flip(genuine, 1, 5),
        'header changed': `${b64({ alg, kid: 'k1', typ: 'JWT', x: 1 })}.${p}.${s}`,
        'signature changed': flip(genuine, 2, 3),
        'signature truncated': `${h}.${p}.${s.slice(0, -4)}`,
        'signature extended': `${h}.${p}.${s}AAAA`,
        'signature with a stray character': `${h}.${p}.${s.slice(0, 10)}*${s.slice(10)}`,
        'signature in standard base64': `${h}.${p}.${Buffer.from(s, 'base64url').toString('base64').replace(/=+$/, '')}`,
        'signature stripped': `${h}.${p}.`,
        'signed by another key': await new SignJWT(claims).setProtectedHeader({ alg, kid: 'k1', typ: 'JWT' }).sign(other.privateKey),
        'alg none': `${b64({ alg: 'none', kid: 'k1' })}.${p}.`,
        'alg none keeping the signature': `${b64({ alg: 'none', kid: 'k1' })}.${p}.${s}`,
        'HS256 keyed with the public key': hs256WithPublicKey(key.publicJwk, claims),
        'unknown crit': `${b64({ alg, kid: 'k1', crit: ['x'], x: 1 })}.${p}.${s}`,
        'two parts': `${h}.${p}`,
        'four parts': `${genuine}.${s}`,
      };
      for (const [name, token] of Object.entries(cases)) {
        const expected = await joseAccepts(token, key.publicJwk, alg);
        assert.equal(keywardAccepts(token, key.publicJwk), expected, `${alg} ${name}: jose says ${expected ? 'valid' : 'invalid'}`);
      }
      // Stricter than jose on purpose: padding '=' (jose tolerates it) is not base64url as RFC 7515 defines it.
      const padded = `${h}.${p}.${s}==`;
      assert.equal(keywardAccepts(padded, key.publicJwk), false, 'a padded signature is another spelling of the same token');
      assert.equal(keywardAccepts(genuine, key.publicJwk), true, 'positive control');
      assert.equal(keywardAccepts(genuine, other.publicJwk), false, 'negative control');
    });
  }

  it('a key of another type never verifies, whatever the header claims', async () => {
    const ec = await keyFor('ES256');
    const rsa = await keyFor('RS256');
    const claims = { iss: 'c1', sub: 'c1', exp: Math.floor(Date.now() / 1000) + 60 };
    const byRsa = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign(rsa.privateKey);
    assert.equal(keywardAccepts(byRsa, ec.publicJwk), false);
    const relabelled = `${b64({ alg: 'ES256', kid: 'k1' })}.${byRsa.split('.').slice(1).join('.')}`;
    assert.equal(keywardAccepts(relabelled, rsa.publicJwk), false);
  });

  it('RSA keys under 2048 bits are refused even with a valid signature, as jose refuses them', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'k1' } as PublicJwk;
    const token = signRs256(privateKey, { iss: 'c1', sub: 'c1', exp: Math.floor(Date.now() / 1000) + 60 });
    assert.equal(await joseAccepts(token, jwk, 'RS256'), false);
    assert.equal(keywardAccepts(token, jwk), false);
  });
});

function hs256WithPublicKey(jwk: PublicJwk, claims: Record<string, unknown>): string {
  const input = `${b64({ alg: 'HS256', kid: 'k1' })}.${b64(claims)}`;
  return `${input}.${createHmac('sha256', JSON.stringify(jwk)).update(input).digest('base64url')}`;
}

function signRs256(privateKey: KeyObject, claims: Record<string, unknown>): string {
  const input = `${b64({ alg: 'RS256', kid: 'k1' })}.${b64(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
}
