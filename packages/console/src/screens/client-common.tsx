import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useLocation, useParams } from 'wouter';
import { unwrap, useApi, type ApiClient } from '../api';
import { ErrorAlert, Loading, PageHeader } from '../ui/components';
import { parseLabels, words } from '../ui/lists';

/** The settings the create and edit forms share, read from either form (throws on a malformed label line). */
export function clientSettingsFrom(form: FormData) {
  const text = (name: string) => String(form.get(name) ?? '');
  const lifetime = text('tokenLifetime').trim();
  return {
    displayName: text('displayName').trim(),
    description: text('description').trim(),
    permissions: words(text('permissions')),
    roles: words(text('roles')).map((r) => (r.startsWith('roles/') ? r : `roles/${r}`)),
    audiences: words(text('audiences')),
    labels: parseLabels(text('labels')),
    tokenLifetime: lifetime ? Number(lifetime) : null,
    dpopBoundAccessTokens: form.get('dpopBoundAccessTokens') === 'on',
  };
}

export type ClientSettings = ReturnType<typeof clientSettingsFrom>;

/** The DPoP setting of the create and edit forms (RFC 9449 §5.2 dpop_bound_access_tokens). */
export function DpopField({ id, defaultChecked }: { id: string; defaultChecked?: boolean }) {
  return (
    <>
      <label className="checkbox">
        <input type="checkbox" name="dpopBoundAccessTokens" defaultChecked={defaultChecked} aria-describedby={`${id}-dpop-hint`} /> Require DPoP-bound tokens
      </label>
      <p id={`${id}-dpop-hint`} className="hint">
        Tokens only with a DPoP proof (RFC 9449), each bound to the key that made it; a request without a proof is refused.
      </p>
    </>
  );
}

export function useClientId() {
  return useParams<{ id: string }>().id;
}

export function useClient(id: string) {
  const api = useApi();
  return useQuery({ queryKey: ['apiClient', id], queryFn: () => unwrap(api.GET('/v1/apiClients/{id}', { params: { path: { id } } })) });
}

/** A client's pages share a header and tabs; each tab is a URL of its own. */
export function ClientFrame({ children, actions }: { children: (client: ApiClient) => ReactNode; actions?: (client: ApiClient) => ReactNode }) {
  const id = useClientId();
  const client = useClient(id);
  const [location] = useLocation();
  const tabs = [
    { href: `/clients/${id}`, label: 'Settings' },
    { href: `/clients/${id}/credentials`, label: 'Credentials' },
    { href: `/clients/${id}/usage`, label: 'Usage' },
  ];
  return (
    <>
      <p className="breadcrumb">
        <Link href="/clients">API clients</Link> /
      </p>
      {client.isPending ? <Loading what="the client" /> : null}
      <ErrorAlert error={client.error} />
      {client.data ? (
        <>
          <PageHeader
            title={
              <>
                <span data-testid="client-title">{client.data.displayName}</span>{' '}
                <span className={client.data.state === 'ENABLED' ? 'badge badge-on' : 'badge badge-off'} data-testid="client-state">
                  {client.data.state === 'ENABLED' ? 'Enabled' : 'Disabled'}
                </span>
              </>
            }
          >
            {actions?.(client.data)}
          </PageHeader>
          <nav className="tabs" aria-label="Client">
            {tabs.map((tab) => (
              <Link key={tab.href} href={tab.href} className={location === tab.href ? 'tab active' : 'tab'} aria-current={location === tab.href ? 'page' : undefined}>
                {tab.label}
              </Link>
            ))}
          </nav>
          {children(client.data)}
        </>
      ) : null}
    </>
  );
}
