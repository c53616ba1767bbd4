import { decodeForeignJwt } from '../foreign-jwt.js';
import type { OAuthRequest } from '../params.js';

/**
 * The client_id a request that failed to authenticate claimed to be, read without trusting
 * anything: the Basic user name, the form's client_id, or the iss of its assertion (a dialect's
 * alias resolved). Used only to count the failure against a client that exists; undefined when
 * the request names none (a provider's token without client_id names no single client).
 */
export function claimedClientId(req: OAuthRequest): string | undefined {
  if (req.authorization !== undefined && /^basic /i.test(req.authorization)) {
    // A header client_secret_basic refuses as malformed names no client.
    const encoded = req.authorization.slice(6).trim();
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return undefined;
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 1) return undefined;
    try {
      return decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
    } catch {
      return undefined;
    }
  }
  if (req.params.client_id !== undefined) return req.params.client_id;
  if (req.assertionAlias) return req.assertionAlias.clientId;
  const iss = decodeForeignJwt(req.params.client_assertion ?? req.params.assertion)?.claims.iss;
  return typeof iss === 'string' && iss !== '' ? iss : undefined;
}
