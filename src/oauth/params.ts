import { KeywardError } from '../domain/errors.js';

/**
 * OAuth endpoints take application/x-www-form-urlencoded bodies (RFC 6749 §3.2): a parameter
 * sent twice is an error, one sent without a value counts as omitted, unknown ones are ignored.
 */
export type Params = Record<string, string>;

/** RFC 8707 and RFC 8693 let these repeat; their values (URIs, names) hold no spaces, so they are joined with one. */
const REPEATABLE = new Set(['resource', 'audience']);

export function readParams(body: unknown, contentType: string | undefined): Params {
  if (!contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    throw new KeywardError('invalid_request', 'Send the parameters as application/x-www-form-urlencoded.');
  }
  const params: Params = {};
  if (body === undefined || body === null) return params;
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (Array.isArray(value)) {
      if (!REPEATABLE.has(name)) throw new KeywardError('invalid_request', `The parameter ${name} was sent more than once.`);
      const values = value.filter((v): v is string => typeof v === 'string' && v !== '');
      if (values.some((v) => v.includes(' '))) throw new KeywardError('invalid_request', `The parameter ${name} must not contain spaces.`);
      if (values.length > 0) params[name] = values.join(' ');
      continue;
    }
    if (typeof value === 'string' && value !== '') params[name] = value;
  }
  return params;
}

export function requireParam(params: Params, name: string): string {
  const value = params[name];
  if (value === undefined) throw new KeywardError('invalid_request', `The parameter ${name} is required.`);
  return value;
}

/** The request as the OAuth steps see it, whatever surface it came through. */
export interface OAuthRequest {
  authorization: string | undefined;
  params: Params;
  /** The caller's address, for rate limits. */
  address: string;
  /**
   * Set by a dialect whose assertions name the client by another id (Zitadel's JWT profile
   * grant: iss = sub = the machine user's id): that name, and the client_id it stands for.
   */
  assertionAlias?: { name: string; clientId: string };
  /** Set by the token endpoint: only there can an assertion grant authenticate its client. */
  tokenEndpoint?: boolean;
  /**
   * Set by a realm path (realm.ts): the issuer its tokens name and default their audience to.
   * Left out, it is the installation's issuer.
   */
  issuer?: string;
  /** Set once the client is authenticated: its client_id, for the access log. */
  clientId?: string;
  /** The request's URL as the server received it (path and query), for a DPoP proof's htu. */
  url: string;
  /** RFC 9449: the DPoP header, when the request carries one. */
  dpop: string | string[] | undefined;
}
