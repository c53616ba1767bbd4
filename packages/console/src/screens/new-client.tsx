import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { idOf, unwrap, useApi, type ApiClient } from '../api';
import { ErrorAlert, PageHeader, SecretOnce } from '../ui/components';
import { clientSettingsFrom, DpopField, type ClientSettings } from './client-common';

export function NewClient() {
  const api = useApi();
  const queries = useQueryClient();
  const id = useId();
  const [created, setCreated] = useState<ApiClient | null>(null);
  const create = useMutation({
    mutationFn: (body: ClientSettings) =>
      unwrap(api.POST('/v1/apiClients', { body })),
    onSuccess: (client) => {
      setCreated(client);
      void queries.invalidateQueries({ queryKey: ['apiClients'] });
      void queries.invalidateQueries({ queryKey: ['count'] });
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    try {
      create.mutate(clientSettingsFrom(new FormData(event.currentTarget)));
    } catch (e) {
      create.reset();
      setFormError(e);
    }
  }
  const [formError, setFormError] = useState<unknown>(null);

  if (created?.clientSecret) {
    return (
      <>
        <PageHeader title="Client created" />
        <div className="card">
          <p>
            <Link href={`/clients/${idOf(created.name)}`}>{created.displayName}</Link> can now get tokens at <code>/oauth/token</code> with this id and secret.
          </p>
          <dl className="facts">
            <dt>Client ID</dt>
            <dd className="mono" data-testid="client-id">
              {created.clientId}
            </dd>
          </dl>
          <SecretOnce label="Client secret" value={created.clientSecret} />
          <div className="actions">
            <Link href={`/clients/${idOf(created.name)}`} className="button button-primary">
              I have stored the secret: open the client
            </Link>
          </div>
        </div>
      </>
    );
  }

  return (
    <>
      <PageHeader title="Create an API client" />
      <form className="card form" onSubmit={submit} onChange={() => setFormError(null)}>
        <ErrorAlert error={formError ?? create.error} />
        <label htmlFor={`${id}-name`}>Display name</label>
        <input id={`${id}-name`} name="displayName" required maxLength={200} />
        <label htmlFor={`${id}-description`}>Description</label>
        <textarea id={`${id}-description`} name="description" rows={2} maxLength={2000} />
        <label htmlFor={`${id}-permissions`}>Permissions</label>
        <input id={`${id}-permissions`} name="permissions" aria-describedby={`${id}-permissions-hint`} spellCheck={false} />
        <p id={`${id}-permissions-hint`} className="hint">
          Separated by spaces or commas, e.g. <code>documents:read keyward:clients.read</code>.
        </p>
        <label htmlFor={`${id}-roles`}>Roles</label>
        <input id={`${id}-roles`} name="roles" aria-describedby={`${id}-roles-hint`} spellCheck={false} />
        <p id={`${id}-roles-hint`} className="hint">
          Role ids, e.g. <code>readers</code> or <code>roles/readers</code>.
        </p>
        <label htmlFor={`${id}-audiences`}>Audiences</label>
        <input id={`${id}-audiences`} name="audiences" spellCheck={false} placeholder="https://api.example.com" />
        <label htmlFor={`${id}-labels`}>Labels</label>
        <textarea id={`${id}-labels`} name="labels" rows={3} aria-describedby={`${id}-labels-hint`} spellCheck={false} />
        <p id={`${id}-labels-hint`} className="hint">
          One <code>key=value</code> per line.
        </p>
        <label htmlFor={`${id}-lifetime`}>Token lifetime (seconds)</label>
        <input id={`${id}-lifetime`} name="tokenLifetime" type="number" min={30} aria-describedby={`${id}-lifetime-hint`} />
        <p id={`${id}-lifetime-hint`} className="hint">
          Empty: the installation’s default.
        </p>
        <DpopField id={id} />
        <div className="actions">
          <Link href="/clients" className="button">
            Cancel
          </Link>
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create client'}
          </button>
        </div>
      </form>
    </>
  );
}
