// ES256 JWTs through node:crypto directly. jose costs about three times as much per
// signature, and the references must show what the stack can do, not what a library adds.
import crypto from 'node:crypto';

const b64url = (value) => Buffer.from(value).toString('base64url');

export function generateEs256Key() {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const kid = crypto.createHash('sha256')
    .update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }))
    .digest('base64url');
  return { privateKey, publicKey, kid, publicJwk: { ...jwk, kid, alg: 'ES256', use: 'sig' } };
}

// The header never changes for a given key, so it is encoded once. `header` adds members (a DPoP proof's jwk).
export function createEs256Signer({ privateKey, kid }, typ = 'JWT', header = {}) {
  const encodedHeader = b64url(JSON.stringify({ alg: 'ES256', typ, kid, ...header }));
  return (claims) => {
    const signingInput = `${encodedHeader}.${b64url(JSON.stringify(claims))}`;
    const signature = crypto.sign('sha256', Buffer.from(signingInput), {
      key: privateKey,
      dsaEncoding: 'ieee-p1363',
    });
    return `${signingInput}.${signature.toString('base64url')}`;
  };
}

// Returns the claims of a valid token, or null: callers answer `active: false` either way.
export function verifyEs256({ publicKey, kid }, token) {
  if (typeof token !== 'string') return null;
  const firstDot = token.indexOf('.');
  const lastDot = token.lastIndexOf('.');
  if (firstDot <= 0 || lastDot === firstDot) return null;
  let header;
  let claims;
  try {
    header = JSON.parse(Buffer.from(token.slice(0, firstDot), 'base64url').toString('utf8'));
    if (header.alg !== 'ES256' || header.kid !== kid) return null;
    const ok = crypto.verify(
      'sha256',
      Buffer.from(token.slice(0, lastDot)),
      { key: publicKey, dsaEncoding: 'ieee-p1363' },
      Buffer.from(token.slice(lastDot + 1), 'base64url'),
    );
    if (!ok) return null;
    claims = JSON.parse(Buffer.from(token.slice(firstDot + 1, lastDot), 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof claims.exp !== 'number' || claims.exp <= Math.floor(Date.now() / 1000)) return null;
  return claims;
}
