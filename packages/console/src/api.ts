import { createAdminClient, KeywardProblemError, unwrap, type AdminClient, type AdminPaths, type ListItem } from '@keyward/sdk/admin-client';
import { createContext, useContext } from 'react';
import type { Session } from './session';

export { unwrap, KeywardProblemError };
export type ApiClient = ListItem<'/v1/apiClients'>;
export type Credential = AdminPaths['/v1/apiClients/{id}/credentials']['get']['responses'][200]['content']['application/json']['credentials'][number];
export type Webhook = ListItem<'/v1/webhooks'>;
export type SigningKey = AdminPaths['/v1/signingKeys']['get']['responses'][200]['content']['application/json']['signingKeys'][number];

/** The admin client for one session: same origin, the session's token on every call. */
export function adminClientFor(session: Session, onRefused: (message: string) => void): AdminClient {
  const client = createAdminClient({
    baseUrl: location.origin,
    getToken: async () => session.accessToken,
    headers: session.organization ? { 'x-keyward-org': session.organization } : undefined,
  });
  client.use({
    onResponse({ response }) {
      // The token expired or was revoked (the client disabled, its secret rotated away): only signing in again helps.
      if (response.status === 401) onRefused('Keyward no longer accepts this session’s token (it expired, or the client was disabled or lost its secret). Sign in again.');
      return undefined;
    },
  });
  return client;
}

export interface ConsoleContext {
  api: AdminClient;
  session: Session;
  signOut: (message?: string) => void;
}

export const ApiContext = createContext<ConsoleContext | null>(null);

export function useConsole(): ConsoleContext {
  const value = useContext(ApiContext);
  if (!value) throw new Error('useConsole outside a signed-in console');
  return value;
}

export const useApi = () => useConsole().api;

/** An error in words a person can act on: the API's problem detail and the fields at fault. */
export function describeError(error: unknown): string {
  if (error instanceof KeywardProblemError) {
    const fields = error.errors.map((e) => `${e.field}: ${e.description}`).join('; ');
    if (error.status === 403) return `${error.detail} Ask an administrator for the permission, or sign in with a client that has it.`;
    return fields ? `${error.detail} (${fields})` : error.detail;
  }
  if (error instanceof TypeError) return 'Keyward could not be reached. Check your connection and that Keyward is running, then try again.';
  return error instanceof Error ? error.message : String(error);
}

/** The id in a resource name: `apiClients/ac_x` → `ac_x`. */
export const idOf = (name: string) => name.slice(name.lastIndexOf('/') + 1);
