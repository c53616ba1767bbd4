import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { idOf, unwrap, useApi, type Webhook } from '../api';
import { ErrorAlert, Loading, PageHeader, RelativeTime, SecretOnce } from '../ui/components';
import { words } from '../ui/lists';

const PAGE_SIZE = 50;

/** What a signing secret is, said once wherever one is shown. */
export const SIGNING_SECRET_KEPT =
  'Receivers check each delivery’s webhook-signature with it (Standard Webhooks). Keyward keeps it encrypted to sign with; if it is lost, rotate the signing secret.';

export const eventTypesText = (types: string[]) => (types.length === 0 ? 'every event' : types.join(', '));

export function WebhookState({ webhook }: { webhook: Webhook }) {
  return (
    <>
      <span className={webhook.state === 'ENABLED' ? 'badge badge-on' : 'badge badge-off'} data-testid="webhook-state">
        {webhook.state === 'ENABLED' ? 'Enabled' : 'Disabled'}
      </span>
      {webhook.disabledReason ? <span className="muted small"> {webhook.disabledReason}</span> : null}
    </>
  );
}

/** The newest delivery that did not get through, if any of the recent ones: the list's "last failure". */
function useLastFailure(webhook: Webhook) {
  const api = useApi();
  return useQuery({
    queryKey: ['webhook', idOf(webhook.name), 'lastFailure', webhook.updateTime],
    queryFn: async () => {
      const { deliveries } = await unwrap(api.GET('/v1/webhooks/{id}/deliveries', { params: { path: { id: idOf(webhook.name) }, query: { pageSize: 20 } } }));
      return deliveries.find((d) => d.state !== 'DELIVERED' && (d.lastError || d.lastStatusCode)) ?? null;
    },
  });
}

export function Webhooks() {
  const api = useApi();
  const [tokens, setTokens] = useState<string[]>([]);
  const pageToken = tokens.at(-1);
  const query = useQuery({
    queryKey: ['webhooks', 'page', pageToken],
    queryFn: () => unwrap(api.GET('/v1/webhooks', { params: { query: { pageSize: PAGE_SIZE, pageToken } } })),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader title="Webhooks">
        <Link href="/webhooks/new" className="button button-primary">
          Create webhook
        </Link>
      </PageHeader>
      <p className="muted">Keyward posts each event it records to the webhooks subscribed to it, signed, and retries for about 32 hours until the receiver answers 2xx.</p>
      <ErrorAlert error={query.error} />
      {query.isPending ? <Loading what="webhooks" /> : null}
      {query.data ? (
        <>
          <table className={query.isPlaceholderData ? 'table stale' : 'table'} aria-busy={query.isFetching}>
            <caption className="visually-hidden">Webhooks, page {tokens.length + 1}</caption>
            <thead>
              <tr>
                <th scope="col">Endpoint</th>
                <th scope="col">Events</th>
                <th scope="col">State</th>
                <th scope="col">Last success</th>
                <th scope="col">Last failure</th>
              </tr>
            </thead>
            <tbody>
              {query.data.webhooks.map((webhook) => (
                <WebhookRow key={webhook.name} webhook={webhook} />
              ))}
              {query.data.webhooks.length === 0 ? (
                <tr>
                  <td colSpan={5} className="muted">
                    No webhooks yet. Create one to be told of changes as they happen.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
          {tokens.length > 0 || query.data.nextPageToken ? (
            <nav className="pager" aria-label="Pages">
              <button type="button" className="button" disabled={tokens.length === 0} onClick={() => setTokens(tokens.slice(0, -1))}>
                Previous
              </button>
              <span className="muted">Page {tokens.length + 1}</span>
              <button type="button" className="button" disabled={!query.data.nextPageToken || query.isPlaceholderData} onClick={() => setTokens([...tokens, query.data.nextPageToken])}>
                Next
              </button>
            </nav>
          ) : null}
        </>
      ) : null}
    </>
  );
}

function WebhookRow({ webhook }: { webhook: Webhook }) {
  const failure = useLastFailure(webhook);
  return (
    <tr data-testid="webhook-row">
      <td className="mono">
        <Link href={`/webhooks/${idOf(webhook.name)}`}>{webhook.url}</Link>
      </td>
      <td className="small">{eventTypesText(webhook.eventTypes)}</td>
      <td>
        <WebhookState webhook={webhook} />
      </td>
      <td>
        <RelativeTime time={webhook.lastSuccessTime} empty="never" />
      </td>
      <td>
        {failure.data ? (
          <>
            <RelativeTime time={failure.data.lastAttemptTime ?? failure.data.updateTime} />
            <span className="muted small"> {failure.data.lastError ?? `HTTP ${failure.data.lastStatusCode}`}</span>
          </>
        ) : (
          <span className="muted">{failure.isPending ? '…' : '—'}</span>
        )}
      </td>
    </tr>
  );
}

export function NewWebhook() {
  const api = useApi();
  const queries = useQueryClient();
  const id = useId();
  const [created, setCreated] = useState<Webhook | null>(null);
  const create = useMutation({
    mutationFn: (body: { url: string; eventTypes: string[]; state: 'ENABLED' | 'DISABLED' }) => unwrap(api.POST('/v1/webhooks', { body })),
    onSuccess: (webhook) => {
      setCreated(webhook);
      void queries.invalidateQueries({ queryKey: ['webhooks'] });
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({
      url: String(form.get('url') ?? '').trim(),
      eventTypes: words(String(form.get('eventTypes') ?? '')),
      state: form.get('enabled') ? 'ENABLED' : 'DISABLED',
    });
  }

  if (created?.signingSecret) {
    return (
      <>
        <PageHeader title="Webhook created" />
        <div className="card">
          <p>
            Keyward now posts {created.eventTypes.length === 0 ? 'every event' : <>the events {created.eventTypes.join(', ')}</>} to <code>{created.url}</code>.
          </p>
          <SecretOnce label="Signing secret" value={created.signingSecret} ifLost={SIGNING_SECRET_KEPT} />
          <div className="actions">
            <Link href={`/webhooks/${idOf(created.name)}`} className="button button-primary">
              I have stored the secret: open the webhook
            </Link>
          </div>
        </div>
      </>
    );
  }

  return (
    <>
      <p className="breadcrumb">
        <Link href="/webhooks">Webhooks</Link> /
      </p>
      <PageHeader title="Create a webhook" />
      <form className="card form" onSubmit={submit}>
        <ErrorAlert error={create.error} />
        <WebhookFields idPrefix={id} />
        <label className="checkbox">
          <input type="checkbox" name="enabled" defaultChecked /> Enabled: start delivering at once
        </label>
        <div className="actions">
          <Link href="/webhooks" className="button">
            Cancel
          </Link>
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create webhook'}
          </button>
        </div>
      </form>
    </>
  );
}

/** The fields the create and edit forms share. */
export function WebhookFields({ idPrefix, webhook }: { idPrefix: string; webhook?: Webhook }) {
  return (
    <>
      <label htmlFor={`${idPrefix}-url`}>Endpoint URL</label>
      <input id={`${idPrefix}-url`} name="url" type="url" required maxLength={2000} defaultValue={webhook?.url} spellCheck={false} placeholder="https://hooks.example.com/keyward" aria-describedby={`${idPrefix}-url-hint`} />
      <p id={`${idPrefix}-url-hint`} className="hint">
        An https URL on a public host; Keyward posts each event to it as JSON.
      </p>
      <label htmlFor={`${idPrefix}-events`}>Event types</label>
      <input id={`${idPrefix}-events`} name="eventTypes" defaultValue={webhook?.eventTypes.join(' ')} spellCheck={false} placeholder="client.* credential.revoked" aria-describedby={`${idPrefix}-events-hint`} />
      <p id={`${idPrefix}-events-hint`} className="hint">
        Types or families, separated by spaces or commas: <code>client.*</code>, <code>credential.*</code>, <code>role.*</code>, <code>webhook.*</code>, <code>workspace.*</code>,{' '}
        <code>access.*</code>, or one type such as <code>client.disabled</code>. Empty: every event.
      </p>
    </>
  );
}
