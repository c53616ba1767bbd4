import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { idOf, unwrap, useApi } from '../api';
import type { Workspace } from '../access-api';
import { ErrorAlert, RelativeTime } from '../ui/components';
import { QueryTable } from '../ui/table';
import { DialogButton } from '../ui/dialog-button';

type CredentialPolicy = NonNullable<Workspace['credentialPolicy']>;

const DAY_SECONDS = 86_400;
const TYPE_NAMES: Record<string, string> = { SECRET: 'Secret', PUBLIC_KEY: 'Public key', FEDERATED: 'Federated' };

/** The API writes durations as seconds ("7776000s"); a person thinks of a secret's life in days. */
const lifetimeDays = (policy: CredentialPolicy | undefined) =>
  policy?.maxSecretLifetime === undefined ? null : Math.round(Number.parseInt(policy.maxSecretLifetime, 10) / DAY_SECONDS);

function policyRules(policy: CredentialPolicy | undefined): string[] {
  const rules: string[] = [];
  const days = lifetimeDays(policy);
  if (days !== null) rules.push(`A new secret lives at most ${days} day${days === 1 ? '' : 's'}; one made without an expiry gets that lifetime.`);
  if (policy?.requireExpiry) rules.push('Every new credential must have an expiry.');
  if (policy?.allowSecrets === false) rules.push('No new secrets: clients authenticate with public keys or federated credentials.');
  return rules;
}

/** The workspace's credentialPolicy in words, and a form that replaces it (the API replaces the object whole). */
export function CredentialPolicyCard({ workspace }: { workspace: Workspace }) {
  const rules = policyRules(workspace.credentialPolicy);
  return (
    <section className="card" aria-labelledby="credential-policy-title">
      <div className="card-header">
        <h2 id="credential-policy-title">Credential policy</h2>
        <DialogButton label="Edit policy" title="Credential policy of this workspace">
          {(close) => <PolicyForm workspace={workspace} onDone={close} />}
        </DialogButton>
      </div>
      {rules.length > 0 ? (
        <ul data-testid="credential-policy">
          {rules.map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
        </ul>
      ) : (
        <p data-testid="credential-policy">No policy: any credential may be issued, with or without an expiry.</p>
      )}
      <p className="muted">The policy governs new credentials. Existing ones that break it keep working and are listed below, so that you can replace them.</p>
    </section>
  );
}

function PolicyForm({ workspace, onDone }: { workspace: Workspace; onDone: () => void }) {
  const api = useApi();
  const queries = useQueryClient();
  const fieldId = useId();
  const save = useMutation({
    mutationFn: (credentialPolicy: CredentialPolicy | null) =>
      unwrap(api.PATCH('/v1/workspaces/{id}', { params: { path: { id: workspace.id }, query: { updateMask: 'credentialPolicy' } }, body: { credentialPolicy } })),
    onSuccess: async (saved) => {
      queries.setQueryData(['workspace', workspace.id], saved);
      await queries.invalidateQueries({ queryKey: ['workspaceCredentials', workspace.id] });
      onDone();
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const days = String(form.get('maxSecretDays') ?? '').trim();
    const policy: CredentialPolicy = {
      ...(days ? { maxSecretLifetime: `${Number(days) * DAY_SECONDS}s` } : {}),
      ...(form.get('requireExpiry') ? { requireExpiry: true } : {}),
      ...(form.get('allowSecrets') ? {} : { allowSecrets: false }),
    };
    save.mutate(Object.keys(policy).length > 0 ? policy : null);
  }
  const current = workspace.credentialPolicy;
  return (
    <form className="form" onSubmit={submit} aria-label="Credential policy">
      <ErrorAlert error={save.error} />
      <label htmlFor={`${fieldId}-days`}>Longest secret lifetime, in days</label>
      <input
        id={`${fieldId}-days`}
        name="maxSecretDays"
        type="number"
        min={1}
        step={1}
        defaultValue={lifetimeDays(current) ?? ''}
        aria-describedby={`${fieldId}-days-hint`}
      />
      <p id={`${fieldId}-days-hint`} className="hint">
        Empty: no limit.
      </p>
      <label className="checkbox">
        <input type="checkbox" name="requireExpiry" defaultChecked={current?.requireExpiry === true} /> Every new credential must have an expiry
      </label>
      <label className="checkbox">
        <input type="checkbox" name="allowSecrets" defaultChecked={current?.allowSecrets !== false} /> Allow new secrets
      </label>
      <div className="actions">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save policy'}
        </button>
      </div>
    </form>
  );
}

const VIEWS = {
  violating: { label: 'Breaking the credential policy', filter: () => 'policyViolated = true', empty: 'No credential of this workspace breaks its policy.' },
  unused30: { label: 'Not used for 30 days', filter: () => unusedSince(30), empty: 'Every credential was used, or created, in the last 30 days.' },
  unused90: { label: 'Not used for 90 days', filter: () => unusedSince(90), empty: 'Every credential was used, or created, in the last 90 days.' },
} as const;
type View = keyof typeof VIEWS;

/** The API counts a credential never used but created before the time as not used since it. */
const unusedSince = (days: number) => `lastUseTime < "${new Date(Date.now() - days * DAY_SECONDS * 1000).toISOString()}"`;

/** The workspace's credentials worth a look: those breaking its policy, and those nobody uses, to prune. */
export function WorkspaceCredentials({ id }: { id: string }) {
  const api = useApi();
  const fieldId = useId();
  // The filter's time is fixed when the view is chosen, so paging does not move it.
  const [view, setView] = useState<{ name: View; filter: string }>({ name: 'violating', filter: VIEWS.violating.filter() });
  const pages = useInfiniteQuery({
    queryKey: ['workspaceCredentials', id, view.filter],
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/v1/workspaces/{id}/credentials', { params: { path: { id }, query: { filter: view.filter, pageSize: 100, pageToken: pageParam || undefined } } })),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextPageToken || undefined,
  });
  const credentials = pages.data?.pages.flatMap((page) => page.credentials);
  return (
    <section className="card" aria-labelledby="workspace-credentials-title">
      <div className="card-header">
        <h2 id="workspace-credentials-title">Credentials to review</h2>
      </div>
      <label htmlFor={`${fieldId}-view`}>Show</label>
      <select
        id={`${fieldId}-view`}
        value={view.name}
        onChange={(event) => {
          const name = event.target.value as View;
          setView({ name, filter: VIEWS[name].filter() });
        }}
      >
        {Object.entries(VIEWS).map(([name, { label }]) => (
          <option key={name} value={name}>
            {label}
          </option>
        ))}
      </select>
      <QueryTable
        query={pages}
        items={credentials}
        what="credentials"
        caption={VIEWS[view.name].label}
        columns={['Credential', 'Client', 'Type', 'Last used', 'Created', 'Policy']}
        empty={pages.hasNextPage ? undefined : VIEWS[view.name].empty}
      >
        {(credential) => {
          const clientId = idOf(credential.name.slice(0, credential.name.indexOf('/credentials/')));
          return (
            <tr key={credential.name} data-testid="workspace-credential-row">
              <td>
                <Link href={`/clients/${clientId}/credentials`}>{credential.displayName}</Link>
              </td>
              <td className="mono">{clientId}</td>
              <td>{TYPE_NAMES[credential.type] ?? credential.type}</td>
              <td>
                <RelativeTime time={credential.lastUseTime} empty="never" />
              </td>
              <td>
                <RelativeTime time={credential.createTime} />
              </td>
              <td>{credential.policyViolations?.map((v) => `${v.rule}: ${v.description}`).join('; ') ?? <span className="muted">keeps it</span>}</td>
            </tr>
          );
        }}
      </QueryTable>
      {pages.hasNextPage ? (
        <div className="pager">
          <button type="button" className="button" disabled={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
            {pages.isFetchingNextPage ? 'Loading…' : 'Look further'}
          </button>
        </div>
      ) : null}
    </section>
  );
}
