import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AdminClient, AdminPaths } from '@keyward/sdk/admin-client';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { unwrap, useApi } from '../api';
import { ErrorAlert, Loading, PageHeader, RelativeTime } from '../ui/components';
import { literal } from './clients';

type AuditEvent = AdminPaths['/v1/auditEvents']['get']['responses'][200]['content']['application/json']['auditEvents'][number];

const PAGE_SIZE = 50;
const TAIL_EVERY_MS = 2000;
/** The tail asks from a little before the newest event's time: an event may commit after a later-timed one. Sequences settle the order. */
const TAIL_LOOKBACK_MS = 5000;
const FILTER_PARAMS = ['resource', 'children', 'actor', 'type', 'from', 'to'] as const;

export interface AuditQuery {
  resource?: string;
  /** The resource's children too (its credentials, for a client): AIP-160's `:`. */
  children?: boolean;
  actor?: string;
  /** A type (`client.disabled`) or a family (`client.*`). */
  type?: string;
  /** Times as the browser's datetime-local inputs give them, in local time. */
  from?: string;
  to?: string;
}

/** The API's AIP-160 filter for the form's fields, joined by AND. */
export function auditFilter(q: AuditQuery) {
  const terms = [];
  if (q.resource) terms.push(`resource ${q.children ? ':' : '='} ${literal(q.resource)}`);
  if (q.actor) terms.push(`actor = ${literal(q.actor)}`);
  if (q.type) terms.push(q.type.endsWith('.*') ? `type : ${literal(q.type.slice(0, -1))}` : `type = ${literal(q.type)}`);
  if (q.from) terms.push(`time >= ${literal(new Date(q.from).toISOString())}`);
  if (q.to) terms.push(`time < ${literal(new Date(q.to).toISOString())}`);
  return terms.join(' AND ') || undefined;
}

/** Sequences are 64-bit integers written as decimal strings. */
const newer = (a: string, b: string) => a.length > b.length || (a.length === b.length && a > b);

export function AuditLog() {
  const api = useApi();
  const id = useId();
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const query: AuditQuery = {
    resource: params.get('resource') ?? undefined,
    children: params.get('children') !== 'false',
    actor: params.get('actor') ?? undefined,
    type: params.get('type') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
  };
  const filter = auditFilter(query);
  const [pages, setPages] = useState<{ key: string; tokens: string[] }>({ key: '', tokens: [] });
  const tokens = pages.key === (filter ?? '') ? pages.tokens : [];
  const pageToken = tokens.at(-1);
  const list = useQuery({
    queryKey: ['auditEvents', filter, pageToken],
    queryFn: () => unwrap(api.GET('/v1/auditEvents', { params: { query: { pageSize: PAGE_SIZE, filter, pageToken } } })),
    placeholderData: keepPreviousData,
  });

  const [tailOn, setTailOn] = useState(false);
  const hidden = useDocumentHidden();
  // An upper time bound leaves nothing newer to tail; nor does a page other than the first.
  const tailable = !query.to && tokens.length === 0;
  const tail = useLiveTail(api, filter, list.isPlaceholderData ? undefined : list.data?.auditEvents, tailOn && !hidden && tailable);
  const events = list.data ? dedupe([...(tokens.length === 0 ? tail.events : []), ...list.data.auditEvents]) : [];

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of FILTER_PARAMS) {
      const value = String(form.get(name) ?? '').trim();
      if (name === 'children') {
        if (!value) next.set('children', 'false');
      } else if (value) next.set(name, value);
    }
    if (!next.get('resource')) next.delete('children');
    navigate(`/audit${next.size ? `?${next}` : ''}`);
  }

  return (
    <>
      <PageHeader title="Audit log">
        <button
          type="button"
          className={tailOn ? 'button button-primary' : 'button'}
          aria-pressed={tailOn}
          disabled={!tailable}
          onClick={() => {
            setTailOn(!tailOn);
            setPages({ key: filter ?? '', tokens: [] });
          }}
        >
          Live tail
        </button>
        <span className="muted small" data-testid="tail-state">
          {!tailable ? 'Live tail: only on the first page, without an end time' : !tailOn ? 'Paused' : hidden ? 'Paused while this tab is hidden' : `Live: checking every ${TAIL_EVERY_MS / 1000} s`}
        </span>
      </PageHeader>
      <form className="toolbar" onSubmit={apply} role="search" aria-label="Filter audit events" key={params.toString()}>
        <div className="field field-wide">
          <label htmlFor={`${id}-resource`}>Resource</label>
          <input id={`${id}-resource`} name="resource" defaultValue={query.resource} placeholder="apiClients/ac_…" spellCheck={false} />
        </div>
        <label className="checkbox field">
          <input type="checkbox" name="children" value="true" defaultChecked={query.children} /> and its children
        </label>
        <div className="field">
          <label htmlFor={`${id}-actor`}>Actor</label>
          <input id={`${id}-actor`} name="actor" defaultValue={query.actor} placeholder="apiClients/ac_…" spellCheck={false} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-type`}>Event type</label>
          <input id={`${id}-type`} name="type" defaultValue={query.type} placeholder="client.*" spellCheck={false} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>From</label>
          <input id={`${id}-from`} name="from" type="datetime-local" step={1} defaultValue={query.from} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>Until</label>
          <input id={`${id}-to`} name="to" type="datetime-local" step={1} defaultValue={query.to} />
        </div>
        <button type="submit" className="button">
          Apply
        </button>
        {filter ? (
          <Link href="/audit" className="button">
            Clear
          </Link>
        ) : null}
      </form>
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="tail-announcement">
        {tail.announcement}
      </p>
      <ErrorAlert error={list.error ?? tail.error} />
      {list.isPending ? <Loading what="audit events" /> : null}
      {list.data ? (
        <>
          <table className={list.isPlaceholderData ? 'table stale' : 'table'} aria-busy={list.isFetching}>
            <caption className="visually-hidden">Audit events, newest first, page {tokens.length + 1}</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Resource</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <EventRow key={event.sequence} event={event} />
              ))}
              {events.length === 0 ? (
                <tr>
                  <td colSpan={5} className="muted">
                    No event matches.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
          <nav className="pager" aria-label="Pages">
            <button type="button" className="button" disabled={tokens.length === 0} onClick={() => setPages({ key: filter ?? '', tokens: tokens.slice(0, -1) })}>
              Newer
            </button>
            <span className="muted">Page {tokens.length + 1}</span>
            <button
              type="button"
              className="button"
              disabled={!list.data.nextPageToken || list.isPlaceholderData}
              onClick={() => {
                setTailOn(false);
                setPages({ key: filter ?? '', tokens: [...tokens, list.data.nextPageToken] });
              }}
            >
              Older
            </button>
          </nav>
        </>
      ) : null}
    </>
  );
}

function EventRow({ event }: { event: AuditEvent }) {
  const detailsId = useId();
  const [open, setOpen] = useState(false);
  const byResource = new URLSearchParams({ resource: event.resource });
  const byActor = new URLSearchParams({ actor: event.actor });
  return (
    <>
      <tr data-testid="audit-event">
        <td className="nowrap">
          <RelativeTime time={event.time} />
        </td>
        <td className="mono small break">
          <Link href={`/audit?${byActor}`} title="Show this actor’s events">
            {event.actor}
          </Link>
        </td>
        <td>
          <code>{event.type}</code>
        </td>
        <td className="mono small break">
          <Link href={`/audit?${byResource}`} title="Show this resource’s events">
            {event.resource}
          </Link>
        </td>
        <td>
          <button type="button" className="button button-small" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen(!open)}>
            {open ? 'Hide details' : 'Details'}
          </button>
        </td>
      </tr>
      {open ? (
        <tr id={detailsId} className="event-details" data-testid="audit-event-details">
          <td colSpan={5}>
            <pre className="json">{JSON.stringify(event.data, null, 2)}</pre>
            <p className="muted small">
              Sequence {event.sequence}, <span className="mono">{event.name}</span>, <time dateTime={event.time}>{new Date(event.time).toLocaleString('en')}</time>
            </p>
          </td>
        </tr>
      ) : null}
    </>
  );
}

function dedupe(events: AuditEvent[]) {
  const seen = new Set<string>();
  return events.filter((e) => !seen.has(e.sequence) && seen.add(e.sequence));
}

function useDocumentHidden() {
  const [hidden, setHidden] = useState(() => document.hidden);
  useEffect(() => {
    const update = () => setHidden(document.hidden);
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return hidden;
}

/**
 * While on, asks every two seconds for the events newer than the newest shown (the list's
 * filter, from shortly before its time, newer by sequence) and keeps them to be shown above the
 * list, announcing how many came. A new filter or a fresh first page starts over.
 */
function useLiveTail(api: AdminClient, filter: string | undefined, shown: AuditEvent[] | undefined, on: boolean) {
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const [error, setError] = useState<unknown>(null);
  const newest = useRef<AuditEvent | undefined>(undefined);
  newest.current = events[0] ?? shown?.[0];

  useEffect(() => {
    setEvents([]);
    setAnnouncement('');
  }, [filter, shown]);

  useEffect(() => {
    if (!on || !shown) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      const last = newest.current;
      const since = last ? `time >= ${literal(new Date(Date.parse(last.time) - TAIL_LOOKBACK_MS).toISOString())}` : undefined;
      try {
        const page = await unwrap(api.GET('/v1/auditEvents', { params: { query: { pageSize: 100, filter: [filter, since].filter(Boolean).join(' AND ') || undefined } } }));
        if (stopped) return;
        const arrived = page.auditEvents.filter((e) => !last || newer(e.sequence, last.sequence));
        setError(null);
        if (arrived.length > 0) {
          setEvents((before) => [...arrived, ...before]);
          setAnnouncement(`${arrived.length} new audit event${arrived.length === 1 ? '' : 's'}: ${arrived.map((e) => e.type).join(', ')}`);
        }
      } catch (e) {
        if (!stopped) setError(e);
      }
      if (!stopped) timer = setTimeout(poll, TAIL_EVERY_MS);
    };
    timer = setTimeout(poll, TAIL_EVERY_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api, filter, shown, on]);

  return { events, announcement, error };
}
