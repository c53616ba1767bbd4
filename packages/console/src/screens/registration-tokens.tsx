import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useId, useState, type FormEvent } from 'react';
import { idOf, unwrap, useApi } from '../api';
import { ConfirmButton, ErrorAlert, RelativeTime, SecretOnce } from '../ui/components';
import { QueryTable } from '../ui/table';
import { DialogButton } from '../ui/dialog-button';

/** The workspace settings that make its self-registration policy (docs/registration.md), with what each means when unset. */
export const REGISTRATION_SETTINGS: { key: string; meaning: string; unset: string }[] = [
  { key: 'registration_auth_methods', meaning: 'how a registered client may authenticate', unset: 'all three: client_secret_basic client_secret_post private_key_jwt' },
  { key: 'registration_scopes', meaning: 'the permissions a registered client may ask for', unset: 'none: clients register with no permissions' },
  { key: 'registration_audiences', meaning: 'the token audiences a registered client may ask for', unset: 'none' },
];

interface IssueBody {
  displayName?: string;
  expireTime?: string;
  uses?: number;
}

/** Initial access tokens: whoever holds one registers clients in this workspace at /oauth/register (RFC 7591). */
export function RegistrationTokens({ id }: { id: string }) {
  const api = useApi();
  const queries = useQueryClient();
  const fieldId = useId();
  const [issued, setIssued] = useState<{ token: string; name: string } | null>(null);
  const tokens = useQuery({
    queryKey: ['registrationTokens', id],
    queryFn: () => unwrap(api.GET('/v1/workspaces/{id}/registrationTokens', { params: { path: { id }, query: { pageSize: 100 } } })),
  });
  const settings = useQuery({ queryKey: ['workspaceSettings', id], queryFn: () => unwrap(api.GET('/v1/workspaces/{id}/settings', { params: { path: { id } } })) });
  const refresh = () => queries.invalidateQueries({ queryKey: ['registrationTokens', id] });
  const now = Date.now();

  return (
    <section className="card" aria-labelledby={`${fieldId}-title`}>
      <div className="card-header">
        <h2 id={`${fieldId}-title`}>Registration tokens</h2>
        <DialogButton label="Issue token" title="Issue an initial access token" description="Whoever holds it may register API clients in this workspace, as the registration policy below allows.">
          {(close) => (
            <IssueForm
              id={id}
              onCancel={close}
              onIssued={async (created) => {
                close();
                setIssued(created);
                await refresh();
              }}
            />
          )}
        </DialogButton>
      </div>
      <p className="muted">
        A client registers itself at <code>/oauth/register</code> with one of these tokens; each use registers one client.
      </p>
      {issued ? (
        <div className="section">
          <SecretOnce label="New registration token" value={issued.token} ifLost="Keyward keeps only its keyed hash; if it is lost, revoke it and issue another.">
            <p className="muted">
              Resource: <code>{issued.name}</code>
            </p>
          </SecretOnce>
          <button type="button" className="button" onClick={() => setIssued(null)}>
            Done: hide the token
          </button>
        </div>
      ) : null}
      <QueryTable
        query={tokens}
        items={tokens.data?.registrationTokens}
        what="registration tokens"
        caption="Registration tokens"
        columns={['Name', 'Token', 'Uses left', 'Expires', 'Issued']}
        actions
        empty="No registration tokens: no client can register itself in this workspace."
      >
        {(token) => {
          const expired = Date.parse(token.expireTime) <= now;
          return (
            <tr key={token.name} data-testid="registration-token-row">
              <td>{token.displayName || <span className="muted">—</span>}</td>
              <td className="mono small">{token.tokenHint}</td>
              <td className={token.usesRemaining === 0 ? 'warn' : undefined}>{token.usesRemaining === 0 ? 'used up' : token.usesRemaining}</td>
              <td className={expired ? 'warn' : undefined}>
                <RelativeTime time={token.expireTime} />
              </td>
              <td>
                <RelativeTime time={token.createTime} /> by <span className="mono">{token.createdBy}</span>
              </td>
              <td>
                <div className="actions actions-end">
                  <ConfirmButton
                    label="Revoke"
                    title={`Revoke the registration token ${token.displayName || token.tokenHint}?`}
                    description={
                      <p>
                        The token <code>{token.tokenHint}</code> registers no more clients. The clients it registered stay. This cannot be undone.
                      </p>
                    }
                    confirmLabel="Revoke token"
                    onConfirm={async () => {
                      await unwrap(api.DELETE('/v1/workspaces/{id}/registrationTokens/{tokenId}', { params: { path: { id, tokenId: idOf(token.name) } } }));
                      await refresh();
                    }}
                  />
                </div>
              </td>
            </tr>
          );
        }}
      </QueryTable>
      <h3 className="section">Registration policy</h3>
      <p className="muted">Set in the workspace settings above; changing it does not change clients already registered.</p>
      {settings.data ? (
        <dl className="facts" data-testid="registration-policy">
          {REGISTRATION_SETTINGS.map((setting) => (
            <Fragment key={setting.key}>
              <dt className="mono">{setting.key}</dt>
              <dd>
                {settings.data.settings[setting.key] !== undefined ? <span className="mono">{settings.data.settings[setting.key]}</span> : <span className="muted">unset: {setting.unset}</span>}
                <div className="small muted">{setting.meaning}</div>
              </dd>
            </Fragment>
          ))}
        </dl>
      ) : null}
    </section>
  );
}

function IssueForm({ id, onCancel, onIssued }: { id: string; onCancel: () => void; onIssued: (created: { token: string; name: string }) => Promise<unknown> }) {
  const api = useApi();
  const fieldId = useId();
  const issue = useMutation({
    mutationFn: (body: IssueBody) => unwrap(api.POST('/v1/workspaces/{id}/registrationTokens', { params: { path: { id } }, body })),
    onSuccess: (created) => onIssued({ token: created.token ?? '', name: created.name }),
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    issue.mutate({
      ...(text('displayName') ? { displayName: text('displayName') } : {}),
      ...(text('expireTime') ? { expireTime: new Date(text('expireTime')).toISOString() } : {}),
      ...(text('uses') ? { uses: Number(text('uses')) } : {}),
    });
  }
  return (
    <form className="form" onSubmit={submit} aria-label="New registration token">
      <ErrorAlert error={issue.error} />
      <label htmlFor={`${fieldId}-name`}>Name (optional)</label>
      <input id={`${fieldId}-name`} name="displayName" maxLength={200} placeholder="partner onboarding" />
      <label htmlFor={`${fieldId}-expire`}>Expires</label>
      <input id={`${fieldId}-expire`} name="expireTime" type="datetime-local" aria-describedby={`${fieldId}-expire-hint`} />
      <p id={`${fieldId}-expire-hint`} className="hint">
        Empty: a day from now. At most 90 days ahead.
      </p>
      <label htmlFor={`${fieldId}-uses`}>Uses</label>
      <input id={`${fieldId}-uses`} name="uses" type="number" min={1} max={10000} placeholder="1" aria-describedby={`${fieldId}-uses-hint`} />
      <p id={`${fieldId}-uses-hint`} className="hint">
        How many clients it may register. Empty: one.
      </p>
      <div className="actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={issue.isPending}>
          {issue.isPending ? 'Issuing…' : 'Issue token'}
        </button>
      </div>
    </form>
  );
}
