import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { idOf, unwrap, useApi } from '../api';
import { ErrorAlert, Loading, PageHeader, RelativeTime } from '../ui/components';

const PAGE_SIZE = 50;

/** An AIP-160 string literal: quotes and backslashes escaped. */
export const literal = (text: string) => `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/** The list's filter from the form's three parts, joined by AND as the API takes them. */
export function clientFilter(search: string, state: string, expression: string) {
  const terms = [];
  if (search.trim()) terms.push(`displayName : ${literal(search.trim())}`);
  if (state === 'ENABLED') terms.push('enabled = true');
  if (state === 'DISABLED') terms.push('enabled = false');
  if (expression.trim()) terms.push(expression.trim());
  return terms.join(' AND ') || undefined;
}

export function Clients() {
  const api = useApi();
  const id = useId();
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const search = params.get('q') ?? '';
  const state = params.get('state') ?? '';
  const expression = params.get('filter') ?? '';
  const order = params.get('orderBy') ?? 'createTime desc';
  const filter = clientFilter(search, state, expression);
  // The tokens of the pages before this one, for "Previous": the API pages forward only.
  const [pages, setPages] = useState<{ key: string; tokens: string[] }>({ key: '', tokens: [] });
  const key = `${filter}|${order}`;
  const tokens = pages.key === key ? pages.tokens : [];
  const pageToken = tokens.at(-1);

  const query = useQuery({
    queryKey: ['apiClients', filter, order, pageToken],
    queryFn: () => unwrap(api.GET('/v1/apiClients', { params: { query: { pageSize: PAGE_SIZE, filter, orderBy: order, pageToken } } })),
    placeholderData: keepPreviousData,
  });

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of ['q', 'state', 'filter', 'orderBy']) {
      const value = String(form.get(name) ?? '').trim();
      if (value) next.set(name, value);
    }
    navigate(`/clients${next.size ? `?${next}` : ''}`);
  }

  return (
    <>
      <PageHeader title="API clients">
        <Link href="/clients/new" className="button button-primary">
          Create client
        </Link>
      </PageHeader>
      <form className="toolbar" onSubmit={apply} role="search" aria-label="Filter clients" key={`${search}|${state}|${expression}|${order}`}>
        <div className="field">
          <label htmlFor={`${id}-q`}>Search by name</label>
          <input id={`${id}-q`} name="q" type="search" defaultValue={search} placeholder="billing" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-state`}>State</label>
          <select id={`${id}-state`} name="state" defaultValue={state}>
            <option value="">Any</option>
            <option value="ENABLED">Enabled</option>
            <option value="DISABLED">Disabled</option>
          </select>
        </div>
        <div className="field field-wide">
          <label htmlFor={`${id}-filter`}>Filter (AIP-160)</label>
          <input id={`${id}-filter`} name="filter" defaultValue={expression} placeholder='role : "roles/readers" AND createTime > "2026-01-01T00:00:00Z"' spellCheck={false} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-order`}>Order</label>
          <select id={`${id}-order`} name="orderBy" defaultValue={order}>
            <option value="createTime desc">Newest first</option>
            <option value="createTime">Oldest first</option>
            <option value="displayName">Name A–Z</option>
            <option value="displayName desc">Name Z–A</option>
          </select>
        </div>
        <button type="submit" className="button">
          Apply
        </button>
      </form>
      <ErrorAlert error={query.error} />
      {query.isPending ? <Loading what="clients" /> : null}
      {query.data ? (
        <>
          <table className={query.isPlaceholderData ? 'table stale' : 'table'} aria-busy={query.isFetching}>
            <caption className="visually-hidden">API clients, page {tokens.length + 1}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Client ID</th>
                <th scope="col">State</th>
                <th scope="col">Workspace</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {query.data.apiClients.map((client) => (
                <tr key={client.name}>
                  <td>
                    <Link href={`/clients/${idOf(client.name)}`}>{client.displayName}</Link>
                  </td>
                  <td className="mono">{client.clientId}</td>
                  <td>
                    <span className={client.state === 'ENABLED' ? 'badge badge-on' : 'badge badge-off'}>{client.state === 'ENABLED' ? 'Enabled' : 'Disabled'}</span>
                  </td>
                  <td className="muted">{client.workspace}</td>
                  <td>
                    <RelativeTime time={client.createTime} />
                  </td>
                </tr>
              ))}
              {query.data.apiClients.length === 0 ? (
                <tr>
                  <td colSpan={5} className="muted">
                    No client matches.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
          <nav className="pager" aria-label="Pages">
            <button type="button" className="button" disabled={tokens.length === 0} onClick={() => setPages({ key, tokens: tokens.slice(0, -1) })}>
              Previous
            </button>
            <span className="muted">Page {tokens.length + 1}</span>
            <button
              type="button"
              className="button"
              disabled={!query.data.nextPageToken || query.isPlaceholderData}
              onClick={() => setPages({ key, tokens: [...tokens, query.data.nextPageToken] })}
            >
              Next
            </button>
          </nav>
        </>
      ) : null}
    </>
  );
}
