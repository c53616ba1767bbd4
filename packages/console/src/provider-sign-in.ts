import type { AdminPaths } from '@keyward/sdk/admin-client';
import { SignInError, type Session } from './session';

export type SignInProvider = AdminPaths['/v1/signInProviders']['get']['responses'][200]['content']['application/json']['signInProviders'][number];

/** The console's own address at the provider: register exactly this as the redirect URI. */
export const callbackUri = () => `${location.origin}/console/callback`;

/**
 * What the tab keeps between leaving for the provider and coming back: the PKCE verifier and the
 * state, in sessionStorage (this tab only) and only for that round trip; the callback reads and
 * deletes it before anything else.
 */
interface PendingSignIn {
  state: string;
  verifier: string;
  displayName: string;
  issuer: string;
  tokenEndpoint: string;
  clientId: string;
  audience: string;
  redirectUri: string;
  /** Sent as X-Keyward-Org when several organizations trust this issuer for sign-in. */
  organization?: string;
}

const PENDING_KEY = 'keyward.console.pending-sign-in';

/** The providers that offer console sign-in: public, asked before anyone signs in. */
export async function listSignInProviders(): Promise<SignInProvider[]> {
  const response = await fetch('/v1/signInProviders', { headers: { accept: 'application/json' }, credentials: 'omit' });
  if (!response.ok) throw new SignInError(`Keyward could not list its sign-in providers (HTTP ${response.status}).`);
  return ((await response.json()) as { signInProviders: SignInProvider[] }).signInProviders;
}

/**
 * Starts the authorization code flow with PKCE (RFC 7636, S256) at the provider as the console's
 * public client: reads the provider's discovery document, keeps the verifier and state for the
 * callback, and leaves for the provider's authorization endpoint. `all` is every listed provider,
 * to know whether another organization trusts the same issuer.
 */
export async function startProviderSignIn(provider: SignInProvider, all: readonly SignInProvider[]): Promise<void> {
  if (!crypto.subtle) {
    throw new SignInError('Sign-in through a provider needs a secure page: open the console over https (or at localhost).');
  }
  const discovery = await discover(provider);
  const verifier = randomToken(32);
  const state = randomToken(16);
  const sharedIssuer = new Set(all.filter((p) => p.issuer === provider.issuer).map((p) => p.organization)).size > 1;
  const pending: PendingSignIn = {
    state,
    verifier,
    displayName: provider.displayName,
    issuer: provider.issuer,
    tokenEndpoint: discovery.tokenEndpoint,
    clientId: provider.clientId,
    audience: provider.audience,
    redirectUri: callbackUri(),
    organization: sharedIssuer ? provider.organization.slice(provider.organization.lastIndexOf('/') + 1) : undefined,
  };
  const authorize = new URL(discovery.authorizationEndpoint);
  for (const [name, value] of Object.entries({
    response_type: 'code',
    client_id: provider.clientId,
    redirect_uri: pending.redirectUri,
    scope: provider.scopes.join(' '),
    resource: provider.audience,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
    state,
  })) {
    authorize.searchParams.set(name, value);
  }
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  location.assign(authorize.href);
}

/**
 * The provider sent the browser back to /console/callback: check the state, exchange the code
 * (with the verifier, no secret) at the provider's token endpoint, and check that Keyward
 * accepts the access token. The pending sign-in is deleted first, whatever happens next.
 */
export async function completeProviderSignIn(params: URLSearchParams): Promise<Session> {
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  const pending = raw ? (JSON.parse(raw) as PendingSignIn) : null;
  if (!pending) {
    throw new SignInError('This tab has no sign-in in progress (it was finished already, or started in another tab). Start again from the sign-in page.');
  }
  const error = params.get('error');
  if (error === 'access_denied') {
    throw new SignInError(`${pending.displayName} did not sign you in: access was denied (consent refused or sign-in cancelled). Try again and allow the console, or sign in with a client secret.`);
  }
  if (error) {
    const description = params.get('error_description');
    throw new SignInError(`${pending.displayName} refused the sign-in (${error}${description ? `: ${description}` : ''}). Check the console's client there (redirect URI ${pending.redirectUri}, public client with PKCE), then try again.`);
  }
  if (params.get('state') !== pending.state) {
    throw new SignInError('The answer from the provider does not belong to the sign-in this tab started (the state does not match), so it was ignored. Start again from the sign-in page.');
  }
  const code = params.get('code');
  if (!code) throw new SignInError(`${pending.displayName} sent the browser back without an authorization code. Start again from the sign-in page.`);

  const tokens = await exchangeCode(pending, code);
  await checkAcceptedByKeyward(tokens.accessToken, pending);
  return {
    accessToken: tokens.accessToken,
    expiresAt: tokens.expiresAt,
    principal: `users/${subjectOf(tokens.accessToken) ?? (tokens.idToken ? subjectOf(tokens.idToken) : undefined) ?? 'unknown'}`,
    organization: pending.organization,
  };
}

async function discover(provider: SignInProvider): Promise<{ authorizationEndpoint: string; tokenEndpoint: string }> {
  const url = `${provider.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  let document: Record<string, unknown>;
  try {
    const response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'omit' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    document = (await response.json()) as Record<string, unknown>;
  } catch {
    throw new SignInError(
      `${provider.displayName} could not be reached at ${provider.issuer}. Check that it is up, and that it allows this console's origin (${location.origin}) to read its discovery document (CORS); then try again.`,
    );
  }
  const { authorization_endpoint: authorizationEndpoint, token_endpoint: tokenEndpoint } = document;
  if (document.issuer !== provider.issuer || typeof authorizationEndpoint !== 'string' || typeof tokenEndpoint !== 'string') {
    throw new SignInError(`The discovery document at ${url} is not ${provider.issuer}'s (wrong issuer, or no authorization or token endpoint). Check the provider's issuer in Keyward.`);
  }
  return { authorizationEndpoint, tokenEndpoint };
}

async function exchangeCode(pending: PendingSignIn, code: string): Promise<{ accessToken: string; idToken?: string; expiresAt: number }> {
  let response: Response;
  try {
    response = await fetch(pending.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: pending.redirectUri,
        client_id: pending.clientId,
        code_verifier: pending.verifier,
        resource: pending.audience,
      }),
      credentials: 'omit',
    });
  } catch {
    throw new SignInError(
      `${pending.displayName}'s token endpoint (${pending.tokenEndpoint}) could not be reached. Check that it is up and allows this console's origin (CORS), then reload this page and sign in again.`,
    );
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok || typeof body.access_token !== 'string') {
    const reason = [body.error, body.error_description].filter((v) => typeof v === 'string').join(': ');
    throw new SignInError(`${pending.displayName} did not issue a token${reason ? ` (${reason})` : ` (HTTP ${response.status})`}. Sign in again; if it keeps failing, check the console's client there.`);
  }
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : undefined;
  const exp = claimsOf(body.access_token)?.exp;
  const expiresAt = expiresIn !== undefined ? Date.now() + expiresIn * 1000 : typeof exp === 'number' ? exp * 1000 : Date.now() + 300_000;
  // The ID token only names the person for the header; the API is called with the access token.
  return { accessToken: body.access_token, idToken: typeof body.id_token === 'string' ? body.id_token : undefined, expiresAt };
}

/** 401 means Keyward refused the token itself; 403 only that the person holds no role for that call yet. */
async function checkAcceptedByKeyward(accessToken: string, pending: PendingSignIn) {
  let response: Response;
  try {
    response = await fetch('/v1/apiClients?pageSize=1', {
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json', ...(pending.organization ? { 'x-keyward-org': pending.organization } : {}) },
      credentials: 'omit',
    });
  } catch {
    throw new SignInError('Keyward could not be reached. Check that it is running, then sign in again.');
  }
  if (response.status !== 401) return;
  const problem = (await response.json().catch(() => ({}))) as { detail?: unknown };
  throw new SignInError(
    `Keyward refused ${pending.displayName}'s token: ${typeof problem.detail === 'string' ? problem.detail : 'it is not accepted for admin sign-in'} Ask an administrator to check the provider's admin sign-in and audience.`,
  );
}

function claimsOf(jwt: string): Record<string, unknown> | undefined {
  try {
    const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

const subjectOf = (jwt: string) => {
  const sub = claimsOf(jwt)?.sub;
  return typeof sub === 'string' ? sub : undefined;
};

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const randomToken = (size: number) => base64url(crypto.getRandomValues(new Uint8Array(size)));

async function challengeOf(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}
