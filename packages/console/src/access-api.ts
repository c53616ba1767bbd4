import { paginate, type AdminClient, type ListItem, type ListPath } from '@keyward/sdk/admin-client';
import { useQuery } from '@tanstack/react-query';
import { useApi } from './api';

export type Role = ListItem<'/v1/roles'>;
export type Provider = ListItem<'/v1/providers'>;
export type RoleBinding = ListItem<'/v1/roleBindings'>;
export type Workspace = ListItem<'/v1/workspaces'>;

/**
 * Every item of a list, page after page: for roles and providers, which are tens rather than
 * thousands, and for choices in a form (a provider's workspace). Long lists (clients,
 * workspaces) page on the server instead.
 */
export async function listAll<P extends ListPath>(api: AdminClient, path: P): Promise<ListItem<P>[]> {
  const items: ListItem<P>[] = [];
  // paginate's rest parameter is typed per path; these list paths take no required parameter.
  for await (const item of (paginate as (client: AdminClient, path: P, init: object) => AsyncGenerator<ListItem<P>>)(api, path, { params: { query: { pageSize: 100 } } })) items.push(item);
  return items;
}

export function useRoles() {
  const api = useApi();
  return useQuery({ queryKey: ['roles'], queryFn: () => listAll(api, '/v1/roles') });
}

/** One cache entry for every screen that lists providers, so each reads the same shape. */
export function useProviders(enabled = true) {
  const api = useApi();
  return useQuery({ queryKey: ['providers'], queryFn: () => listAll(api, '/v1/providers'), enabled });
}
