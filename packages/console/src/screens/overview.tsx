import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { idOf, unwrap, useApi, type Webhook } from '../api';
import { count } from '../format';
import { ErrorAlert, Loading, PageHeader, RelativeTime } from '../ui/components';

/** Counting stops here: the list API has no total, and 10 pages of 1,000 stay quick. */
const COUNT_PAGES = 10;
const PAGE = 1000;
const EXPIRY_WINDOW_DAYS = 14;

export function Overview() {
  return (
    <>
      <PageHeader title="Overview" />
      <Counts />
      <div className="grid-2">
        <ExpiringCredentials />
        <AuthenticationFailures />
      </div>
      <FailingWebhooks />
    </>
  );
}

function useCount(key: string, filter?: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['count', key, filter],
    queryFn: async () => {
      let total = 0;
      let pageToken: string | undefined;
      for (let page = 0; page < COUNT_PAGES; page++) {
        const answer = await unwrap(api.GET('/v1/apiClients', { params: { query: { pageSize: PAGE, filter, pageToken } } }));
        total += answer.apiClients.length;
        pageToken = answer.nextPageToken || undefined;
        if (!pageToken) return { total, more: false };
      }
      return { total, more: true };
    },
  });
}

function Counts() {
  const api = useApi();
  const all = useCount('clients');
  const disabled = useCount('clients', 'enabled = false');
  const webhooks = useQuery({
    queryKey: ['webhooks', 'all'],
    queryFn: () => unwrap(api.GET('/v1/webhooks', { params: { query: { pageSize: 1000 } } })),
  });
  const shown = (q: { data?: { total: number; more: boolean } }) => (q.data ? `${count(q.data.total)}${q.data.more ? '+' : ''}` : '…');
  return (
    <section aria-label="Counts" className="stats">
      <ErrorAlert error={all.error ?? disabled.error ?? webhooks.error} />
      <Link href="/clients" className="stat">
        <span className="stat-value" data-testid="count-clients">
          {shown(all)}
        </span>
        <span className="stat-label">API clients</span>
      </Link>
      <Link href="/clients?state=DISABLED" className="stat">
        <span className="stat-value">{shown(disabled)}</span>
        <span className="stat-label">disabled clients</span>
      </Link>
      <Link href="/webhooks" className="stat">
        <span className="stat-value">{webhooks.data ? `${count(webhooks.data.webhooks.length)}${webhooks.data.nextPageToken ? '+' : ''}` : '…'}</span>
        <span className="stat-label">webhooks</span>
      </Link>
    </section>
  );
}

/** The API answers at most this many, soonest first. */
const EXPIRING_LIMIT = 100;

function ExpiringCredentials() {
  const api = useApi();
  const query = useQuery({
    queryKey: ['overview', 'expiring'],
    queryFn: () => {
      const before = new Date(Date.now() + EXPIRY_WINDOW_DAYS * 24 * 3600 * 1000).toISOString();
      return unwrap(api.GET('/v1/expiringCredentials', { params: { query: { before } } }));
    },
  });
  const found = query.data?.credentials;
  return (
    <section className="card" aria-labelledby="expiring-title">
      <h2 id="expiring-title">Credentials expiring in the next {EXPIRY_WINDOW_DAYS} days</h2>
      <ErrorAlert error={query.error} />
      {query.isPending ? <Loading what="credentials" /> : null}
      {found && found.length === 0 ? <p className="muted">None.</p> : null}
      {found && found.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Client</th>
              <th scope="col">Credential</th>
              <th scope="col">Expires</th>
            </tr>
          </thead>
          <tbody>
            {found.map(({ apiClient, displayName, credential }) => (
              <tr key={credential.name}>
                <td>
                  <Link href={`/clients/${idOf(apiClient)}/credentials`}>{displayName}</Link>
                </td>
                <td>
                  {credential.displayName || credential.type} <span className="muted">{credential.type}</span>
                </td>
                <td>
                  <RelativeTime time={credential.expireTime} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {found && found.length >= EXPIRING_LIMIT ? <p className="muted small">The {count(EXPIRING_LIMIT)} that expire first.</p> : null}
    </section>
  );
}

function AuthenticationFailures() {
  const api = useApi();
  const since = new Date(Date.now() - 24 * 3600 * 1000);
  since.setMinutes(0, 0, 0);
  const query = useQuery({
    queryKey: ['overview', 'failures'],
    queryFn: () => unwrap(api.GET('/v1/authenticationFailures', { params: { query: { since: since.toISOString() } } })),
  });
  return (
    <section className="card" aria-labelledby="failures-title">
      <h2 id="failures-title">Failed authentications, last 24 hours</h2>
      <ErrorAlert error={query.error} />
      {query.isPending ? <Loading what="failures" /> : null}
      {query.data && query.data.clients.length === 0 ? <p className="muted">None.</p> : null}
      {query.data && query.data.clients.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Client</th>
              <th scope="col" className="num">
                Failures
              </th>
              <th scope="col">Last</th>
            </tr>
          </thead>
          <tbody>
            {query.data.clients.map((c) => (
              <tr key={c.apiClient}>
                <td>
                  <Link href={`/clients/${idOf(c.apiClient)}/usage`}>{c.displayName}</Link> <span className="muted">{c.clientId}</span>
                </td>
                <td className="num">{count(c.failedAuthentications)}</td>
                <td>
                  <RelativeTime time={c.lastFailureTime} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function FailingWebhooks() {
  const api = useApi();
  const query = useQuery({
    queryKey: ['overview', 'webhooks'],
    queryFn: async () => {
      const { webhooks } = await unwrap(api.GET('/v1/webhooks', { params: { query: { pageSize: 100 } } }));
      const rows = await Promise.all(
        webhooks.map(async (webhook) => {
          const failed = await unwrap(api.GET('/v1/webhooks/{id}/deliveries', { params: { path: { id: idOf(webhook.name) }, query: { state: 'FAILED', pageSize: 1 } } }));
          return { webhook, lastFailure: failed.deliveries[0] };
        }),
      );
      return rows.filter((r): r is { webhook: Webhook; lastFailure: (typeof rows)[number]['lastFailure'] } => r.webhook.state === 'DISABLED' || Boolean(r.lastFailure));
    },
  });
  return (
    <section className="card" aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">Webhooks failing or disabled</h2>
      <ErrorAlert error={query.error} />
      {query.isPending ? <Loading what="webhooks" /> : null}
      {query.data && query.data.length === 0 ? <p className="muted">None: every webhook is enabled and has no failed delivery.</p> : null}
      {query.data && query.data.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Endpoint</th>
              <th scope="col">State</th>
              <th scope="col">Last failure</th>
              <th scope="col">Last success</th>
            </tr>
          </thead>
          <tbody>
            {query.data.map(({ webhook, lastFailure }) => (
              <tr key={webhook.name}>
                <td className="mono">
                  <Link href={`/webhooks/${idOf(webhook.name)}`}>{webhook.url}</Link>
                </td>
                <td>
                  <span className={webhook.state === 'DISABLED' ? 'badge badge-off' : 'badge'}>{webhook.state}</span>
                  {webhook.disabledReason ? <span className="muted"> {webhook.disabledReason}</span> : null}
                </td>
                <td>
                  {lastFailure ? (
                    <>
                      <RelativeTime time={lastFailure.lastAttemptTime ?? lastFailure.updateTime} />
                      <span className="muted"> {lastFailure.lastError ?? (lastFailure.lastStatusCode ? `HTTP ${lastFailure.lastStatusCode}` : '')}</span>
                    </>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td>
                  <RelativeTime time={webhook.lastSuccessTime} empty="never" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
