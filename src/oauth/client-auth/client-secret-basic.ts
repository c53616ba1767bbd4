import { KeywardError } from '../../domain/errors.js';
import type { OAuthRequest } from '../params.js';
import type { ClientAuthMethod } from './index.js';
import { verifyClientSecret, type SecretCheckDeps } from './secret.js';

function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}

/** RFC 6749 §2.3.1 and Appendix B: id and secret are form-urlencoded, then base64-encoded. */
export function clientSecretBasic(deps: SecretCheckDeps): ClientAuthMethod {
  return {
    method: 'client_secret_basic',
    applies: (req: OAuthRequest) => req.authorization !== undefined && /^basic /i.test(req.authorization),
    async authenticate(req) {
      const encoded = req.authorization!.slice(6).trim();
      const decoded = Buffer.from(encoded, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      let clientId: string;
      let secret: string;
      try {
        if (colon < 1 || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) throw new Error('malformed');
        clientId = formDecode(decoded.slice(0, colon));
        secret = formDecode(decoded.slice(colon + 1));
      } catch {
        throw new KeywardError(
          'invalid_client',
          'The Basic authorization header is malformed: send base64(urlencode(client_id) ":" urlencode(client_secret)).',
          { challenge: 'Basic' },
        );
      }
      if (req.params.client_id !== undefined && req.params.client_id !== clientId) {
        throw new KeywardError('invalid_request', 'client_id in the body differs from the one in the Authorization header.');
      }
      return verifyClientSecret(deps, clientId, secret, 'client_secret_basic', 'Basic');
    },
  };
}
