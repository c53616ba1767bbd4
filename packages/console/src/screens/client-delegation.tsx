import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { idOf, unwrap, useApi, type ApiClient } from '../api';
import { useProviders } from '../access-api';
import { ErrorAlert } from '../ui/components';
import { words } from '../ui/lists';

type Delegation = ApiClient['delegation'];

/** The form as the API's policy; the API replaces the policy whole, so every member is sent. */
function delegationFrom(form: FormData): Delegation {
  return {
    allowed: form.get('allowed') === 'on',
    providers: form.getAll('providers').map(String),
    // A subject may hold spaces (a user's display-like sub), so one per line rather than words.
    subjects: String(form.get('subjects') ?? '')
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean),
    maxScope: words(String(form.get('maxScope') ?? '')),
  };
}

/** RFC 8693 delegation: whether this client may act for others, for whom, and up to which scope (docs/delegation.md). */
export function DelegationPolicy({ client }: { client: ApiClient }) {
  const api = useApi();
  const queries = useQueryClient();
  const id = useId();
  const providers = useProviders();
  const [saved, setSaved] = useState(false);
  const policy = client.delegation;
  const update = useMutation({
    mutationFn: (delegation: Delegation) =>
      unwrap(api.PATCH('/v1/apiClients/{id}', { params: { path: { id: idOf(client.name) }, query: { updateMask: 'delegation' } }, body: { delegation } })),
    onSuccess: (next) => {
      queries.setQueryData(['apiClient', idOf(client.name)], next);
      setSaved(true);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.mutate(delegationFrom(new FormData(event.currentTarget)));
  }

  // A provider the policy names but the list lacks (deleted since) stays visible, so saving does not drop it unseen.
  const known = new Set(providers.data?.map((p) => p.name));
  const choices = [
    ...(providers.data ?? []).map((p) => ({ name: p.name, label: `${p.displayName} (${p.issuer})` })),
    ...policy.providers.filter((name) => providers.data && !known.has(name)).map((name) => ({ name, label: `${name} (no longer exists)` })),
  ];

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Delegation</h2>
      <p className="muted">
        Whether this client may get tokens that act for someone else (a token exchange with an <code>actor_token</code>, RFC 8693): the users of the providers named here, or
        subjects of its workspace’s tokens. Saving replaces the whole policy.
      </p>
      <form
        className="form"
        onSubmit={submit}
        onChange={() => {
          setSaved(false);
          update.reset();
        }}
        key={client.updateTime}
        aria-label="Delegation policy"
      >
        <label className="checkbox">
          <input type="checkbox" name="allowed" defaultChecked={policy.allowed} aria-describedby={`${id}-allowed-hint`} /> May act for others
        </label>
        <p id={`${id}-allowed-hint`} className="hint">
          Off: any request with an <code>actor_token</code> is refused.
        </p>
        <fieldset>
          <legend>Providers whose users it may act for</legend>
          {choices.map((choice) => (
            <label key={choice.name} className="checkbox">
              <input type="checkbox" name="providers" value={choice.name} defaultChecked={policy.providers.includes(choice.name)} /> {choice.label}
            </label>
          ))}
          {providers.data && choices.length === 0 ? <p className="hint">No identity provider is trusted yet; it may still act for subjects of its workspace’s tokens.</p> : null}
          <ErrorAlert error={providers.error} />
        </fieldset>
        <label htmlFor={`${id}-subjects`}>Subjects</label>
        <textarea id={`${id}-subjects`} name="subjects" rows={2} defaultValue={policy.subjects.join('\n')} aria-describedby={`${id}-subjects-hint`} spellCheck={false} />
        <p id={`${id}-subjects-hint`} className="hint">
          One <code>sub</code> per line. Empty: any subject of those providers, or of its workspace’s tokens.
        </p>
        <label htmlFor={`${id}-scope`}>Maximum scope</label>
        <input id={`${id}-scope`} name="maxScope" defaultValue={policy.maxScope.join(' ')} aria-describedby={`${id}-scope-hint`} spellCheck={false} />
        <p id={`${id}-scope-hint`} className="hint">
          The widest scope a delegated token may carry. Empty: the client’s own grants are the limit.
        </p>
        <ErrorAlert error={update.error} />
        {saved ? (
          <div className="alert alert-info" role="status">
            Delegation policy saved.
          </div>
        ) : null}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={update.isPending}>
            {update.isPending ? 'Saving…' : 'Save delegation policy'}
          </button>
        </div>
      </form>
    </section>
  );
}
