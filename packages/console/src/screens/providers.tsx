import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { idOf, unwrap, useApi } from '../api';
import { listAll, useProviders, type Provider } from '../access-api';
import { ConfirmButton, ErrorAlert, PageHeader } from '../ui/components';
import { QueryTable } from '../ui/table';
import { DialogButton } from '../ui/dialog-button';
import { claimsFrom, claimsText, words } from '../ui/lists';

/** What the provider form sends: empty optional fields become null (the API's default) or are left out. */
interface ProviderBody {
  identifier?: string;
  workspace?: string;
  displayName: string;
  description: string;
  issuer: string;
  jwksUri: string | null;
  jwks: Jwks | null;
  audience: string | null;
  claimConditions: Record<string, string | string[]>;
  adminSignIn: boolean;
  consoleSignIn: { clientId: string; scopes?: string[] } | null;
}

type Jwks = { keys: Record<string, unknown>[] };

/** The pasted key set, or a message saying how to write one; empty: none pinned. */
export function parseJwks(text: string): Jwks | null {
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`The pinned key set is not JSON: ${(e as Error).message}. Paste a JWKS, {"keys": [{"kty": "EC", …}]}.`);
  }
  if (!value || typeof value !== 'object' || !Array.isArray((value as Jwks).keys)) throw new Error('The pinned key set must be a JWKS: a JSON object with a "keys" array.');
  return value as Jwks;
}

const keysText = (n: number) => `${n} pinned key${n === 1 ? '' : 's'}`;

export function Providers() {
  const api = useApi();
  const queries = useQueryClient();
  const providers = useProviders();

  return (
    <>
      <PageHeader title="Identity providers">
        <DialogButton label="Add provider" title="Trust an identity provider" primary>
          {(close) => <ProviderForm onDone={close} />}
        </DialogButton>
      </PageHeader>
      <p className="muted">
        Keyward believes the tokens of these issuers: API clients with a federated credential naming one authenticate with its tokens, and with admin sign-in its users
        call the admin API with the roles bound to them. With console sign-in set, the sign-in page offers the provider.
      </p>
      <QueryTable
        query={providers}
        items={providers.data}
        what="providers"
        caption="Identity providers"
        columns={['Provider', 'Keys', 'Audience', 'Sign-in']}
        actions
        className="table"
        empty="No identity provider is trusted yet."
      >
        {(provider) => (
          <tr key={provider.name} data-testid="provider-row">
            <td>
              <strong>{provider.displayName}</strong>
              <div className="mono muted">{provider.issuer}</div>
              <div className="small muted">
                in <span className="mono">{idOf(provider.workspace)}</span>
              </div>
            </td>
            <td className="mono small">
              {provider.jwks ? keysText(provider.jwks.keys.length) : (provider.jwksUri ?? <span className="muted">from the issuer’s discovery document</span>)}
            </td>
            <td className="mono small">{provider.audience ?? <span className="muted">Keyward’s issuer URL</span>}</td>
            <td>
              {provider.adminSignIn ? <span className="badge badge-on">Admin API</span> : <span className="muted">Clients only</span>}
              {provider.consoleSignIn ? (
                <div className="small" data-testid="console-sign-in">
                  Console: <code>{provider.consoleSignIn.clientId}</code> ({provider.consoleSignIn.scopes.join(' ')})
                </div>
              ) : null}
            </td>
            <td>
              <div className="actions actions-end">
                <DialogButton label="Edit" title={`Edit ${provider.displayName}`}>
                  {(close) => <ProviderForm provider={provider} onDone={close} />}
                </DialogButton>
                <ConfirmButton
                  label="Delete"
                  title={`Delete the provider ${provider.displayName}?`}
                  description={
                    <p>
                      Keyward stops trusting tokens issued by <code>{provider.issuer}</code> through <strong>{provider.displayName}</strong>. It refuses while federated
                      credentials or role bindings name the provider. This cannot be undone.
                    </p>
                  }
                  confirmLabel="Delete provider"
                  onConfirm={async () => {
                    await unwrap(api.DELETE('/v1/providers/{id}', { params: { path: { id: idOf(provider.name) } } }));
                    await queries.invalidateQueries({ queryKey: ['providers'] });
                  }}
                />
              </div>
            </td>
          </tr>
        )}
      </QueryTable>
    </>
  );
}

function ProviderForm({ provider, onDone }: { provider?: Provider; onDone: () => void }) {
  const api = useApi();
  const queries = useQueryClient();
  const id = useId();
  const [formError, setFormError] = useState<unknown>(null);
  const [consoleSignIn, setConsoleSignIn] = useState(Boolean(provider?.consoleSignIn));
  // A provider is created in a workspace and stays there; the API moves none.
  const workspaces = useQuery({ queryKey: ['workspaces'], queryFn: () => listAll(api, '/v1/workspaces'), enabled: !provider });
  const save = useMutation({
    mutationFn: ({ workspace, ...body }: ProviderBody) =>
      provider
        ? unwrap(
            api.PATCH('/v1/providers/{id}', {
              params: { path: { id: idOf(provider.name) }, query: { updateMask: `${body.identifier ? 'identifier,' : ''}displayName,description,issuer,jwksUri,jwks,audience,claimConditions,adminSignIn,consoleSignIn` } },
              body,
            }),
          )
        : unwrap(api.POST('/v1/providers', { body: { ...body, ...(workspace ? { workspace } : {}) } })),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['providers'] });
      onDone();
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const scopes = words(text('scopes'));
    try {
      save.mutate({
        ...(text('identifier') ? { identifier: text('identifier') } : {}),
        workspace: text('workspace'),
        displayName: text('displayName'),
        description: text('description'),
        issuer: text('issuer'),
        jwksUri: text('jwksUri') || null,
        jwks: parseJwks(text('jwks')),
        audience: text('audience') || null,
        claimConditions: claimsFrom(text('claimConditions')),
        adminSignIn: form.get('adminSignIn') === 'on',
        consoleSignIn: consoleSignIn ? { clientId: text('clientId'), ...(scopes.length ? { scopes } : {}) } : null,
      });
    } catch (e) {
      save.reset();
      setFormError(e);
    }
  }

  return (
    <form className="form" onSubmit={submit} onChange={() => setFormError(null)} aria-label={provider ? 'Edit provider' : 'New provider'}>
      <label htmlFor={`${id}-name`}>Display name</label>
      <input id={`${id}-name`} name="displayName" required maxLength={255} defaultValue={provider?.displayName} />
      <label htmlFor={`${id}-description`}>Description</label>
      <textarea id={`${id}-description`} name="description" rows={2} maxLength={2048} defaultValue={provider?.description} />
      {provider ? null : (
        <>
          <label htmlFor={`${id}-workspace`}>Workspace</label>
          <select id={`${id}-workspace`} name="workspace" defaultValue="">
            <option value="">The organization’s default workspace</option>
            {workspaces.data?.map((ws) => (
              <option key={ws.name} value={ws.name}>
                {ws.displayName}
              </option>
            ))}
          </select>
        </>
      )}
      <label htmlFor={`${id}-identifier`}>Identifier</label>
      <input
        id={`${id}-identifier`}
        name="identifier"
        maxLength={255}
        defaultValue={provider && provider.identifier !== provider.id ? provider.identifier : ''}
        aria-describedby={`${id}-identifier-hint`}
        spellCheck={false}
      />
      <p id={`${id}-identifier-hint`} className="hint">
        {provider ? (
          <>
            Another name for it, unique in its workspace; now <code>{provider.identifier}</code>. Empty: left as it is.
          </>
        ) : (
          'Optional: another name for it, unique in its workspace. Empty: its id.'
        )}
      </p>
      <label htmlFor={`${id}-issuer`}>Issuer</label>
      <input id={`${id}-issuer`} name="issuer" required defaultValue={provider?.issuer} placeholder="https://idp.example.com/realms/ops" aria-describedby={`${id}-issuer-hint`} spellCheck={false} />
      <p id={`${id}-issuer-hint`} className="hint">
        The exact <code>iss</code> of its tokens (https).
      </p>
      <label htmlFor={`${id}-jwks`}>JWKS URI</label>
      <input id={`${id}-jwks`} name="jwksUri" defaultValue={provider?.jwksUri ?? ''} aria-describedby={`${id}-jwks-hint`} spellCheck={false} />
      <p id={`${id}-jwks-hint`} className="hint">
        Where its signing keys are. Empty: read from the issuer’s OpenID discovery document.
      </p>
      <label htmlFor={`${id}-pinned`}>Pinned key set (JWKS)</label>
      <textarea
        id={`${id}-pinned`}
        name="jwks"
        rows={3}
        defaultValue={provider?.jwks ? JSON.stringify(provider.jwks) : ''}
        placeholder='{"keys": [{"kty": "EC", "crv": "P-256", "x": "…", "y": "…", "kid": "…"}]}'
        aria-describedby={`${id}-pinned-hint`}
        spellCheck={false}
      />
      <p id={`${id}-pinned-hint`} className="hint">
        Optional, instead of a JWKS URI: paste the public keys (a SPIFFE trust bundle, say); nothing is fetched. Empty: none pinned.
      </p>
      <label htmlFor={`${id}-audience`}>Audience</label>
      <input id={`${id}-audience`} name="audience" defaultValue={provider?.audience ?? ''} aria-describedby={`${id}-audience-hint`} spellCheck={false} />
      <p id={`${id}-audience-hint`} className="hint">
        The <code>aud</code> its tokens must carry. Empty: Keyward’s issuer URL.
      </p>
      <label htmlFor={`${id}-conditions`}>Claim conditions</label>
      <textarea
        id={`${id}-conditions`}
        name="claimConditions"
        rows={2}
        defaultValue={provider ? claimsText(provider.claimConditions) : ''}
        aria-describedby={`${id}-conditions-hint`}
        spellCheck={false}
      />
      <p id={`${id}-conditions-hint`} className="hint">
        One <code>claim=value</code> per line; several accepted values separated by commas.
      </p>
      <label className="checkbox">
        <input type="checkbox" name="adminSignIn" defaultChecked={provider?.adminSignIn} /> Admin sign-in: its users call the admin API with their role bindings
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={consoleSignIn} onChange={(event) => setConsoleSignIn(event.target.checked)} /> Offer sign-in through it in the console
      </label>
      {consoleSignIn ? (
        <fieldset>
          <legend className="visually-hidden">Console sign-in</legend>
          <label htmlFor={`${id}-client`}>Console client ID</label>
          <input
            id={`${id}-client`}
            name="clientId"
            required
            defaultValue={provider?.consoleSignIn?.clientId}
            aria-describedby={`${id}-client-hint`}
            spellCheck={false}
          />
          <p id={`${id}-client-hint`} className="hint">
            The console’s public client (no secret) registered at the provider. Listed for sign-in only while admin sign-in is on.
          </p>
          <label htmlFor={`${id}-scopes`}>Scopes</label>
          <input id={`${id}-scopes`} name="scopes" defaultValue={provider?.consoleSignIn?.scopes.join(' ')} placeholder="openid" spellCheck={false} />
        </fieldset>
      ) : null}
      {/* Beside the button that sent it: the form is taller than the dialog, so an alert at its top would be out of sight. */}
      <div className="form-end">
        <ErrorAlert error={formError ?? save.error} />
      </div>
      <div className="actions">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : provider ? 'Save provider' : 'Add provider'}
        </button>
      </div>
    </form>
  );
}
