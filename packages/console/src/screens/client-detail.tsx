import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { idOf, unwrap, useApi, type ApiClient } from '../api';
import { absoluteTime } from '../format';
import { ConfirmButton, ErrorAlert, RelativeTime } from '../ui/components';
import { labelsText } from '../ui/lists';
import { clientSettingsFrom, ClientFrame, DpopField, type ClientSettings } from './client-common';
import { DelegationPolicy } from './client-delegation';

export function ClientDetail() {
  return (
    <ClientFrame actions={(client) => <ClientActions client={client} />}>
      {(client) => (
        <>
          <ClientSettings client={client} />
          <DelegationPolicy client={client} />
        </>
      )}
    </ClientFrame>
  );
}

function ClientActions({ client }: { client: ApiClient }) {
  const api = useApi();
  const queries = useQueryClient();
  const [, navigate] = useLocation();
  const id = idOf(client.name);
  const refresh = () => queries.invalidateQueries({ queryKey: ['apiClient', id] }).then(() => queries.invalidateQueries({ queryKey: ['apiClients'] }));
  return (
    <>
      {client.state === 'ENABLED' ? (
        <ConfirmButton
          label="Disable"
          title={`Disable ${client.displayName}?`}
          description={
            <p>
              The tokens of <strong>{client.displayName}</strong> (<code>{client.clientId}</code>) stop working at once, and it cannot get new ones until it is enabled again. Its
              credentials are kept.
            </p>
          }
          confirmLabel="Disable client"
          onConfirm={async () => {
            await unwrap(api.POST('/v1/apiClients/{id}:disable', { params: { path: { id } } }));
            await refresh();
          }}
        />
      ) : (
        <button
          type="button"
          className="button"
          onClick={async () => {
            await unwrap(api.POST('/v1/apiClients/{id}:enable', { params: { path: { id } } }));
            await refresh();
          }}
        >
          Enable
        </button>
      )}
      <ConfirmButton
        label="Delete"
        title={`Delete ${client.displayName}?`}
        description={
          <p>
            This deletes the API client <strong>{client.displayName}</strong> (<code>{client.clientId}</code>) with all of its credentials. Its tokens stop working at once.
            This cannot be undone.
          </p>
        }
        confirmLabel="Delete client"
        onConfirm={async () => {
          await unwrap(api.DELETE('/v1/apiClients/{id}', { params: { path: { id } } }));
          queries.removeQueries({ queryKey: ['apiClient', id] });
          await queries.invalidateQueries({ queryKey: ['apiClients'] });
          navigate('/clients');
        }}
      />
    </>
  );
}

function ClientSettings({ client }: { client: ApiClient }) {
  const api = useApi();
  const queries = useQueryClient();
  const id = useId();
  const [saved, setSaved] = useState(false);
  const [formError, setFormError] = useState<unknown>(null);
  const update = useMutation({
    mutationFn: (body: ClientSettings) =>
      unwrap(
        api.PATCH('/v1/apiClients/{id}', {
          params: { path: { id: idOf(client.name) }, query: { updateMask: 'displayName,description,permissions,roles,audiences,labels,tokenLifetime,dpopBoundAccessTokens' } },
          body,
        }),
      ),
    onSuccess: (next) => {
      queries.setQueryData(['apiClient', idOf(client.name)], next);
      void queries.invalidateQueries({ queryKey: ['apiClients'] });
      setSaved(true);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    try {
      update.mutate(clientSettingsFrom(new FormData(event.currentTarget)));
    } catch (e) {
      setFormError(e);
    }
  }

  return (
    <div className="grid-2 grid-wide-left">
      <form
        className="card form"
        onSubmit={submit}
        onChange={() => {
          setSaved(false);
          setFormError(null);
        }}
        key={client.updateTime}
        aria-label="Client settings"
      >
        <ErrorAlert error={formError ?? update.error} />
        {saved ? (
          <div className="alert alert-info" role="status">
            Saved.
          </div>
        ) : null}
        <label htmlFor={`${id}-name`}>Display name</label>
        <input id={`${id}-name`} name="displayName" required maxLength={200} defaultValue={client.displayName} />
        <label htmlFor={`${id}-description`}>Description</label>
        <textarea id={`${id}-description`} name="description" rows={2} maxLength={2000} defaultValue={client.description} />
        <label htmlFor={`${id}-permissions`}>Permissions</label>
        <textarea id={`${id}-permissions`} name="permissions" rows={2} defaultValue={client.permissions.join(' ')} spellCheck={false} />
        <label htmlFor={`${id}-roles`}>Roles</label>
        <input id={`${id}-roles`} name="roles" defaultValue={client.roles.join(' ')} spellCheck={false} />
        <label htmlFor={`${id}-audiences`}>Audiences</label>
        <input id={`${id}-audiences`} name="audiences" defaultValue={client.audiences.join(' ')} spellCheck={false} />
        <label htmlFor={`${id}-labels`}>Labels</label>
        <textarea id={`${id}-labels`} name="labels" rows={3} defaultValue={labelsText(client.labels)} aria-describedby={`${id}-labels-hint`} spellCheck={false} />
        <p id={`${id}-labels-hint`} className="hint">
          One <code>key=value</code> per line.
        </p>
        <label htmlFor={`${id}-lifetime`}>Token lifetime (seconds)</label>
        <input id={`${id}-lifetime`} name="tokenLifetime" type="number" min={30} defaultValue={client.tokenLifetime ?? ''} placeholder="default" />
        <DpopField id={id} defaultChecked={client.dpopBoundAccessTokens} />
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={update.isPending}>
            {update.isPending ? 'Saving…' : 'Save changes'}
          </button>
        </div>
      </form>
      <section className="card" aria-label="About this client">
        <dl className="facts">
          <dt>Client ID</dt>
          <dd className="mono">{client.clientId}</dd>
          <dt>Resource name</dt>
          <dd className="mono">{client.name}</dd>
          <dt>Workspace</dt>
          <dd className="mono">{client.workspace}</dd>
          <dt>Labels</dt>
          <dd>
            {Object.keys(client.labels).length === 0 ? <span className="muted">none</span> : null}
            <ul className="chips" data-testid="labels">
              {Object.entries(client.labels).map(([k, v]) => (
                <li key={k} className="chip">
                  {k}: {v}
                </li>
              ))}
            </ul>
          </dd>
          <dt>Created</dt>
          <dd>
            <RelativeTime time={client.createTime} /> by <span className="mono">{client.createdBy}</span>
          </dd>
          <dt>Updated</dt>
          <dd title={absoluteTime(client.updateTime)}>
            <RelativeTime time={client.updateTime} /> by <span className="mono">{client.updatedBy}</span>
          </dd>
        </dl>
      </section>
    </div>
  );
}
