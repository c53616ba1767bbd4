import { basicAuthorization } from '@keyward/sdk/http';

/**
 * The signed-in session: an access token from /oauth/token and when it expires. It lives in
 * memory and in sessionStorage (so a reload keeps it, and closing the tab ends it); never in
 * localStorage, which outlives the tab and is shared by every tab of the origin.
 */
export interface Session {
  accessToken: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
  /** Who is signed in: the client id (apiClients/… is not in the token), or users/{sub} through a provider. */
  principal: string;
  /** The organization id to send as X-Keyward-Org: set when several organizations trust the provider's issuer. */
  organization?: string;
}

const STORAGE_KEY = 'keyward.console.session';

export function loadSession(now = Date.now()): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    if (typeof session.accessToken !== 'string' || typeof session.expiresAt !== 'number' || session.expiresAt <= now) {
      sessionStorage.removeItem(STORAGE_KEY);
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

export function storeSession(session: Session) {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
}

export function forgetSession() {
  sessionStorage.removeItem(STORAGE_KEY);
}

/** A refusal at the token endpoint, in words a person can act on. */
export class SignInError extends Error {
  override name = 'SignInError';
}

/**
 * Exchanges an admin client's id and secret for an access token: the client_credentials grant
 * with client_secret_basic (RFC 6749 §2.3.1: each part form-encoded before Base64).
 */
export async function signInWithSecret(clientId: string, clientSecret: string): Promise<Session> {
  let response: Response;
  try {
    response = await fetch('/oauth/token', {
      method: 'POST',
      headers: { authorization: basicAuthorization(clientId, clientSecret), 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
      credentials: 'omit',
    });
  } catch {
    throw new SignInError('Keyward could not be reached. Check that it is running and that this page was opened from its address.');
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) throw new SignInError(describeTokenError(response.status, body));
  const accessToken = body.access_token;
  const expiresIn = body.expires_in;
  if (typeof accessToken !== 'string' || typeof expiresIn !== 'number') throw new SignInError('Keyward answered without an access token; try again.');
  return { accessToken, expiresAt: Date.now() + expiresIn * 1000, principal: clientId };
}

function describeTokenError(status: number, body: Record<string, unknown>): string {
  const description = typeof body.error_description === 'string' ? body.error_description : typeof body.detail === 'string' ? body.detail : undefined;
  if (body.error === 'invalid_client') {
    return `Sign-in failed: the client id or secret is wrong, or the client is disabled.${description ? ` (${description})` : ''}`;
  }
  if (status === 429) return `Too many attempts. ${description ?? 'Wait a minute, then try again.'}`;
  return description ?? `Sign-in failed (HTTP ${status}).`;
}
