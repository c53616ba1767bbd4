import { KeywardError } from '../../domain/errors.js';
import type { OAuthRequest } from '../params.js';
import type { AuthenticatedClient } from './secret.js';

export type { AuthenticatedClient } from './secret.js';

/**
 * No client credentials of the usual kinds: the case in which a grant's own token (an RFC 8693
 * subject_token, an RFC 7523 assertion) is what authenticates the client.
 */
export function carriesNoClientCredentials(req: OAuthRequest): boolean {
  return req.authorization === undefined && req.params.client_secret === undefined && req.params.client_assertion === undefined;
}

/** One client-authentication method (one file each): when it applies, and how it authenticates. */
export interface ClientAuthMethod {
  /** The RFC 8414 name, e.g. `client_secret_basic`. */
  method: string;
  /** false for a grant's own assertion: it authenticates at the token endpoint only, so it is no method to advertise. */
  advertised?: boolean;
  applies(req: OAuthRequest): boolean;
  authenticate(req: OAuthRequest): Promise<AuthenticatedClient>;
}

export class ClientAuthenticator {
  constructor(private readonly methods: ClientAuthMethod[]) {}

  get supported(): string[] {
    return this.methods.filter((m) => m.advertised !== false).map((m) => m.method);
  }

  /** RFC 6749 §2.3: exactly one method per request. */
  authenticate(req: OAuthRequest): Promise<AuthenticatedClient> {
    const applicable = this.methods.filter((m) => m.applies(req));
    if (applicable.length > 1) {
      throw new KeywardError(
        'invalid_request',
        `The request uses more than one client authentication method (${applicable.map((m) => m.method).join(', ')}); use exactly one.`,
      );
    }
    if (applicable.length === 0) {
      throw new KeywardError('invalid_client', `Client authentication is required; supported methods: ${this.supported.join(', ')}.`, {
        challenge: 'Basic',
      });
    }
    return applicable[0].authenticate(req);
  }
}
