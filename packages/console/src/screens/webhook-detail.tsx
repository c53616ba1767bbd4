import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'wouter';
import type { AdminPaths } from '@keyward/sdk/admin-client';
import { unwrap, useApi, type Webhook } from '../api';
import { absoluteTime } from '../format';
import { ConfirmButton, ErrorAlert, Loading, PageHeader, RelativeTime, SecretOnce } from '../ui/components';
import { Modal } from '../ui/dialog';
import { words } from '../ui/lists';
import { eventTypesText, SIGNING_SECRET_KEPT, WebhookFields, WebhookState } from './webhooks';

type Delivery = AdminPaths['/v1/webhooks/{id}/deliveries']['get']['responses'][200]['content']['application/json']['deliveries'][number];

const DELIVERIES_PAGE = 10;
/** How often the log is read again while a delivery is still being tried, and otherwise. */
const POLL_PENDING_MS = 2000;
const POLL_IDLE_MS = 5000;

const STATE_NAMES: Record<string, string> = { PENDING: 'Pending', DELIVERED: 'Delivered', FAILED: 'Failed', DISABLED: 'Parked (webhook disabled)' };
const STATE_BADGES: Record<string, string> = { DELIVERED: 'badge badge-on', FAILED: 'badge badge-off', DISABLED: 'badge badge-off' };
const OUTCOME_NAMES: Record<string, string> = {
  DELIVERED: 'Delivered',
  HTTP_ERROR: 'HTTP error',
  REDIRECT_NOT_FOLLOWED: 'Redirect (not followed)',
  TIMEOUT: 'Timed out',
  CONNECTION: 'Connection failed',
  SSRF_REFUSED: 'Refused: host not public',
  INVALID_REQUEST: 'Invalid request',
  RECEIVER_AUTH: 'No receiver token',
  INTERRUPTED: 'Interrupted',
};

const OVERLAPS = [
  { value: 86400, label: '1 day' },
  { value: 3600, label: '1 hour' },
  { value: 7 * 86400, label: '7 days' },
  { value: 0, label: 'none: stop signing with the old secret now' },
];

function useWebhookId() {
  return useParams<{ id: string }>().id;
}

export function WebhookDetail() {
  const api = useApi();
  const id = useWebhookId();
  const webhook = useQuery({ queryKey: ['webhook', id], queryFn: () => unwrap(api.GET('/v1/webhooks/{id}', { params: { path: { id } } })) });
  const [secret, setSecret] = useState<{ value: string; note: string } | null>(null);
  return (
    <>
      <p className="breadcrumb">
        <Link href="/webhooks">Webhooks</Link> /
      </p>
      {webhook.isPending ? <Loading what="the webhook" /> : null}
      <ErrorAlert error={webhook.error} />
      {webhook.data ? (
        <>
          <PageHeader
            title={
              <>
                <span className="mono" data-testid="webhook-title">
                  {webhook.data.url}
                </span>{' '}
                <WebhookState webhook={webhook.data} />
              </>
            }
          >
            <WebhookActions webhook={webhook.data} onRotated={(value, note) => setSecret({ value, note })} />
          </PageHeader>
          {secret ? (
            <div className="card">
              <SecretOnce label="New signing secret" value={secret.value} ifLost={SIGNING_SECRET_KEPT}>
                <p className="muted">{secret.note}</p>
              </SecretOnce>
              <button type="button" className="button" onClick={() => setSecret(null)}>
                Done: hide the secret
              </button>
            </div>
          ) : null}
          <div className="grid-2 grid-wide-left">
            <WebhookSettings webhook={webhook.data} />
            <section className="card" aria-label="About this webhook">
              <dl className="facts">
                <dt>Resource name</dt>
                <dd className="mono">{webhook.data.name}</dd>
                <dt>Scope</dt>
                <dd className="mono">{webhook.data.workspace ?? 'the whole organization'}</dd>
                <dt>Events</dt>
                <dd>{eventTypesText(webhook.data.eventTypes)}</dd>
                <dt>Signing secret</dt>
                <dd className="mono">{webhook.data.signingSecretHint}</dd>
                <dt>Last success</dt>
                <dd>
                  <RelativeTime time={webhook.data.lastSuccessTime} empty="never" />
                </dd>
                <dt>Created</dt>
                <dd>
                  <RelativeTime time={webhook.data.createTime} /> by <span className="mono">{webhook.data.createdBy}</span>
                </dd>
                <dt>Updated</dt>
                <dd>
                  <RelativeTime time={webhook.data.updateTime} /> by <span className="mono">{webhook.data.updatedBy}</span>
                </dd>
              </dl>
            </section>
          </div>
          <DeliveryLog webhookId={id} />
        </>
      ) : null}
    </>
  );
}

function WebhookActions({ webhook, onRotated }: { webhook: Webhook; onRotated: (secret: string, note: string) => void }) {
  const api = useApi();
  const id = useWebhookId();
  const queries = useQueryClient();
  const [, navigate] = useLocation();
  const setState = async (state: 'ENABLED' | 'DISABLED') => {
    const next = await unwrap(api.PATCH('/v1/webhooks/{id}', { params: { path: { id } }, body: { state } }));
    queries.setQueryData(['webhook', id], next);
    await queries.invalidateQueries({ queryKey: ['webhooks'] });
  };
  return (
    <>
      {webhook.state === 'ENABLED' ? (
        <ConfirmButton
          label="Disable"
          title="Disable this webhook?"
          description={
            <p>
              Keyward stops posting events to <strong className="mono">{webhook.url}</strong> until it is enabled again.
            </p>
          }
          confirmLabel="Disable webhook"
          onConfirm={() => setState('DISABLED')}
        />
      ) : (
        <button type="button" className="button" onClick={() => void setState('ENABLED')}>
          Enable
        </button>
      )}
      <RotateSigningSecret webhook={webhook} onRotated={onRotated} />
      <ConfirmButton
        label="Delete"
        title="Delete this webhook?"
        description={
          <p>
            This deletes the webhook to <strong className="mono">{webhook.url}</strong> ({webhook.name}) with its delivery log. Pending deliveries are not sent. This cannot be
            undone.
          </p>
        }
        confirmLabel="Delete webhook"
        onConfirm={async () => {
          await unwrap(api.DELETE('/v1/webhooks/{id}', { params: { path: { id } } }));
          queries.removeQueries({ queryKey: ['webhook', id] });
          await queries.invalidateQueries({ queryKey: ['webhooks'] });
          navigate('/webhooks');
        }}
      />
    </>
  );
}

/** A new signing secret; the previous one keeps signing beside it for the overlap, so receivers switch without refusing deliveries. */
function RotateSigningSecret({ webhook, onRotated }: { webhook: Webhook; onRotated: (secret: string, note: string) => void }) {
  const api = useApi();
  const id = useWebhookId();
  const fieldId = useId();
  const queries = useQueryClient();
  const [open, setOpen] = useState(false);
  const rotate = useMutation({
    mutationFn: (overlap: number) => unwrap(api.POST('/v1/webhooks/{id}:rotateSecret', { params: { path: { id } }, body: { overlap: `${overlap}s` } })),
    onSuccess: (next, overlap) => {
      close();
      queries.setQueryData(['webhook', id], next);
      onRotated(
        next.signingSecret ?? '',
        overlap === 0
          ? 'The previous secret no longer signs: receivers must use this one now.'
          : `Until ${absoluteTime(Date.now() + overlap * 1000)} each delivery carries two signatures, one from this secret and one from the previous, so receivers can switch to it without refusing a delivery.`,
      );
    },
  });
  const close = () => {
    setOpen(false);
    rotate.reset();
  };
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    rotate.mutate(Number(new FormData(event.currentTarget).get('overlap')));
  }
  return (
    <>
      <button type="button" className="button button-primary" onClick={() => setOpen(true)}>
        Rotate signing secret
      </button>
      <Modal
        open={open}
        onClose={close}
        title="Rotate the signing secret"
        description={
          <p>
            Keyward generates a new signing secret for <span className="mono">{webhook.url}</span> (shown once). During the overlap it signs each delivery with both the new
            and the previous secret, so receivers still checking with the old one keep accepting deliveries while they switch.
          </p>
        }
      >
        <form onSubmit={submit}>
          <ErrorAlert error={rotate.error} />
          <label htmlFor={`${fieldId}-overlap`}>The previous secret keeps signing for</label>
          <select id={`${fieldId}-overlap`} name="overlap" defaultValue="86400" autoFocus>
            {OVERLAPS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          <div className="actions">
            <button type="button" className="button" onClick={close}>
              Cancel
            </button>
            <button type="submit" className="button button-primary" disabled={rotate.isPending}>
              {rotate.isPending ? 'Rotating…' : 'Rotate'}
            </button>
          </div>
        </form>
      </Modal>
    </>
  );
}

function WebhookSettings({ webhook }: { webhook: Webhook }) {
  const api = useApi();
  const id = useWebhookId();
  const fieldId = useId();
  const queries = useQueryClient();
  const [saved, setSaved] = useState(false);
  const update = useMutation({
    mutationFn: (body: { url: string; eventTypes: string[] }) => unwrap(api.PATCH('/v1/webhooks/{id}', { params: { path: { id } }, body })),
    onSuccess: (next) => {
      queries.setQueryData(['webhook', id], next);
      void queries.invalidateQueries({ queryKey: ['webhooks'] });
      setSaved(true);
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    update.mutate({ url: String(form.get('url') ?? '').trim(), eventTypes: words(String(form.get('eventTypes') ?? '')) });
  }
  return (
    <form className="card form" onSubmit={submit} onChange={() => setSaved(false)} key={webhook.updateTime} aria-label="Webhook settings">
      <ErrorAlert error={update.error} />
      {saved ? (
        <div className="alert alert-info" role="status">
          Saved.
        </div>
      ) : null}
      <WebhookFields idPrefix={fieldId} webhook={webhook} />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save changes'}
        </button>
      </div>
    </form>
  );
}

function DeliveryLog({ webhookId }: { webhookId: string }) {
  const api = useApi();
  const queries = useQueryClient();
  const [tokens, setTokens] = useState<string[]>([]);
  const pageToken = tokens.at(-1);
  const query = useQuery({
    queryKey: ['webhook', webhookId, 'deliveries', pageToken],
    queryFn: () => unwrap(api.GET('/v1/webhooks/{id}/deliveries', { params: { path: { id: webhookId }, query: { pageSize: DELIVERIES_PAGE, pageToken } } })),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.deliveries.some((d) => d.state === 'PENDING') ? POLL_PENDING_MS : POLL_IDLE_MS),
  });
  // A delivery that changed may have changed the webhook too: its last success, or Keyward disabling it.
  const changes = query.data?.deliveries.map((d) => d.updateTime).join();
  useEffect(() => {
    if (changes !== undefined) void queries.invalidateQueries({ queryKey: ['webhook', webhookId], exact: true });
  }, [changes, queries, webhookId]);
  return (
    <section className="card" aria-labelledby="deliveries-title">
      <div className="card-header">
        <h2 id="deliveries-title">Delivery log</h2>
        <span className="muted small">Newest first; every attempt of each delivery, oldest first. Response bodies are never stored.</span>
      </div>
      <ErrorAlert error={query.error} />
      {query.isPending ? <Loading what="deliveries" /> : null}
      {query.data?.deliveries.length === 0 ? <p className="muted">No deliveries yet: they appear here as events happen.</p> : null}
      {query.data ? (
        <ol className="deliveries" aria-busy={query.isFetching}>
          {query.data.deliveries.map((delivery) => (
            <DeliveryItem key={delivery.id} webhookId={webhookId} delivery={delivery} />
          ))}
        </ol>
      ) : null}
      {query.data && (tokens.length > 0 || query.data.nextPageToken) ? (
        <nav className="pager" aria-label="Delivery pages">
          <button type="button" className="button" disabled={tokens.length === 0} onClick={() => setTokens(tokens.slice(0, -1))}>
            Newer
          </button>
          <span className="muted">Page {tokens.length + 1}</span>
          <button type="button" className="button" disabled={!query.data.nextPageToken || query.isPlaceholderData} onClick={() => setTokens([...tokens, query.data.nextPageToken])}>
            Older
          </button>
        </nav>
      ) : null}
    </section>
  );
}

function DeliveryItem({ webhookId, delivery }: { webhookId: string; delivery: Delivery }) {
  const api = useApi();
  const queries = useQueryClient();
  const headingId = useId();
  const attempts = useQuery({
    // A new attempt changes the delivery's count and time, and so reads its history again.
    queryKey: ['webhook', webhookId, 'attempts', delivery.id, delivery.attempts, delivery.updateTime],
    queryFn: () => unwrap(api.GET('/v1/webhooks/{id}/deliveries/{deliveryId}/attempts', { params: { path: { id: webhookId, deliveryId: delivery.id } } })),
    enabled: delivery.attempts > 0,
    placeholderData: keepPreviousData,
  });
  const redeliver = useMutation({
    mutationFn: () => unwrap(api.POST('/v1/webhooks/{id}/deliveries/{deliveryId}:redeliver', { params: { path: { id: webhookId, deliveryId: delivery.id } } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['webhook', webhookId, 'deliveries'] }),
  });
  return (
    <li className="delivery" data-testid="delivery" aria-labelledby={headingId}>
      <div className="delivery-header">
        <h3 id={headingId}>
          <code>{delivery.eventType}</code>
        </h3>
        <RelativeTime time={delivery.createTime} />
        <span className={STATE_BADGES[delivery.state] ?? 'badge'} data-testid="delivery-state">
          {STATE_NAMES[delivery.state] ?? delivery.state}
        </span>
        <span className="muted small mono">{delivery.id}</span>
        {delivery.nextAttemptTime && delivery.state === 'PENDING' ? (
          <span className="muted small">
            next attempt <RelativeTime time={delivery.nextAttemptTime} />
          </span>
        ) : null}
        <span className="actions">
          <button type="button" className="button" disabled={redeliver.isPending} onClick={() => redeliver.mutate()} aria-describedby={headingId}>
            {redeliver.isPending ? 'Queuing…' : 'Redeliver'}
          </button>
        </span>
      </div>
      <ErrorAlert error={redeliver.error ?? attempts.error} />
      {redeliver.isSuccess ? (
        <p className="muted small" role="status">
          Queued to be sent again now, with the same webhook-id and a fresh retry schedule.
        </p>
      ) : null}
      {delivery.attempts === 0 ? <p className="muted small">Not attempted yet.</p> : null}
      {attempts.data ? (
        <table className="attempts">
          <caption className="visually-hidden">Attempts of {delivery.eventType} delivery {delivery.id}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                #
              </th>
              <th scope="col">Started</th>
              <th scope="col">Result</th>
              <th scope="col" className="num">
                Duration
              </th>
            </tr>
          </thead>
          <tbody>
            {attempts.data.attempts.map((attempt) => (
              <tr key={attempt.attempt} data-testid="attempt">
                <td className="num">{attempt.attempt}</td>
                <td>
                  <time dateTime={attempt.startTime} title={absoluteTime(attempt.startTime)}>
                    {new Date(attempt.startTime).toLocaleString('en')}
                  </time>
                </td>
                <td>
                  <span className={attempt.outcome === 'DELIVERED' ? 'badge badge-on' : 'badge badge-off'}>{attempt.statusCode ? `HTTP ${attempt.statusCode}` : (OUTCOME_NAMES[attempt.outcome] ?? attempt.outcome)}</span>
                  {attempt.statusCode && attempt.outcome !== 'DELIVERED' ? <span className="muted small"> {OUTCOME_NAMES[attempt.outcome] ?? attempt.outcome}</span> : null}
                  {attempt.message ? <span className="muted small"> {attempt.message}</span> : null}
                </td>
                <td className="num">{attempt.durationMs} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </li>
  );
}
