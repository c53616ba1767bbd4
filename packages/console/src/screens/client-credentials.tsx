import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { idOf, unwrap, useApi, type ApiClient, type Credential } from '../api';
import { useProviders } from '../access-api';
import { ConfirmButton, ErrorAlert, Loading, RelativeTime, SecretOnce } from '../ui/components';
import { Modal } from '../ui/dialog';
import { DialogButton } from '../ui/dialog-button';
import { claimsFrom, claimsText, words, type ClaimValues } from '../ui/lists';
import { ClientFrame } from './client-common';

const TYPE_NAMES: Record<string, string> = { SECRET: 'Secret', PUBLIC_KEY: 'Public key', FEDERATED: 'Federated' };

export function ClientCredentials() {
  return <ClientFrame>{(client) => <CredentialsOf client={client} />}</ClientFrame>;
}

function CredentialsOf({ client }: { client: ApiClient }) {
  const api = useApi();
  const id = idOf(client.name);
  const queries = useQueryClient();
  const [secret, setSecret] = useState<{ label: string; value: string; note?: string } | null>(null);
  const list = useQuery({
    queryKey: ['credentials', id],
    queryFn: () => unwrap(api.GET('/v1/apiClients/{id}/credentials', { params: { path: { id } } })),
  });
  const refresh = () => queries.invalidateQueries({ queryKey: ['credentials', id] });

  return (
    <>
      {secret ? (
        <div className="card">
          <SecretOnce label={secret.label} value={secret.value}>
            {secret.note ? <p className="muted">{secret.note}</p> : null}
            <p>
              Client ID: <code>{client.clientId}</code>
            </p>
          </SecretOnce>
          <button type="button" className="button" onClick={() => setSecret(null)}>
            Done: hide the secret
          </button>
        </div>
      ) : null}
      <section className="card" aria-labelledby="credentials-title">
        <div className="card-header">
          <h2 id="credentials-title">Credentials</h2>
          <div className="actions">
            <RotateDialog
              client={client}
              onRotated={async (value, note) => {
                setSecret({ label: 'New client secret', value, note });
                await refresh();
              }}
            />
          </div>
        </div>
        <ErrorAlert error={list.error} />
        {list.isPending ? <Loading what="credentials" /> : null}
        {list.data ? (
          <table>
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col">Name</th>
                <th scope="col">Identifies by</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.credentials.map((credential) => (
                <CredentialRow key={credential.name} credential={credential} onChanged={refresh} />
              ))}
              {list.data.credentials.length === 0 ? (
                <tr>
                  <td colSpan={7} className="muted">
                    No credentials: this client cannot get tokens. Add one below.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        ) : null}
      </section>
      <AddCredential
        client={client}
        onAdded={async (created) => {
          if (created.secret) setSecret({ label: 'New client secret', value: created.secret });
          await refresh();
        }}
      />
    </>
  );
}

/** The fences a credential carries and the workspace policy rules it breaks (it was made before the policy was tightened). */
function CredentialFences({ credential }: { credential: Credential }) {
  return (
    <>
      {credential.allowedCidrs?.length ? <div className="muted small">Only from {credential.allowedCidrs.join(', ')}</div> : null}
      {credential.maxUses !== undefined ? (
        <div className={`small ${(credential.useCount ?? 0) >= credential.maxUses ? 'warn' : 'muted'}`}>
          Used {credential.useCount ?? 0} of {credential.maxUses} times
        </div>
      ) : null}
      {credential.policyViolations?.map((violation) => (
        <div key={violation.rule} className="warn small" data-testid="policy-violation">
          Breaks the workspace&apos;s credential policy ({violation.rule}): {violation.description}
        </div>
      ))}
    </>
  );
}

/** What a federated credential asks of a token: its provider, subject, exact claims, globs and extra audience. */
function FederatedMatch({ credential }: { credential: Credential }) {
  return (
    <>
      {credential.provider}
      {credential.subject ? ` · ${credential.subject}` : null}
      {credential.claimConditions && Object.keys(credential.claimConditions).length ? <div data-testid="claim-conditions">claims: {claimsText(credential.claimConditions, '; ')}</div> : null}
      {credential.claimPatterns && Object.keys(credential.claimPatterns).length ? <div data-testid="claim-patterns">globs: {claimsText(credential.claimPatterns, '; ')}</div> : null}
      {credential.audience ? <div data-testid="claim-audience">aud: {credential.audience}</div> : null}
    </>
  );
}

function CredentialRow({ credential, onChanged }: { credential: Credential; onChanged: () => Promise<unknown> }) {
  const api = useApi();
  const [, clientId, , credentialId] = credential.name.split('/');
  const expired = credential.expireTime ? Date.parse(credential.expireTime) <= Date.now() : false;
  return (
    <tr data-testid="credential-row">
      <td>
        <span className="badge">{TYPE_NAMES[credential.type] ?? credential.type}</span>
        {credential.state === 'DISABLED' ? (
          <>
            {' '}
            <span className="badge badge-off" title={credential.disableTime ? `Disabled ${new Date(credential.disableTime).toLocaleString()}` : undefined}>
              {credential.disabledReason === 'LEAKED' ? 'Disabled: leaked' : 'Disabled'}
            </span>
          </>
        ) : null}
      </td>
      <td>
        {credential.displayName || <span className="muted">—</span>}
        <CredentialFences credential={credential} />
      </td>
      <td className="mono small">
        {credential.secretHint ?? null}
        {credential.jwksUri ?? null}
        {credential.jwks ? `${credential.jwks.keys.length} key${credential.jwks.keys.length === 1 ? '' : 's'}` : null}
        {credential.provider ? <FederatedMatch credential={credential} /> : null}
      </td>
      <td className={expired ? 'warn' : undefined}>
        <RelativeTime time={credential.expireTime} empty="never" />
      </td>
      <td>
        <RelativeTime time={credential.lastUseTime} empty="never" />
      </td>
      <td>
        <RelativeTime time={credential.createTime} />
      </td>
      <td>
        <div className="actions actions-end">
          <DialogButton label="Fences" title={`Fences of ${credential.displayName || credentialId}`}>
            {(close) => (
              <FencesForm
                credential={credential}
                onDone={async () => {
                  await onChanged();
                  close();
                }}
                onCancel={close}
              />
            )}
          </DialogButton>
          <ConfirmButton
            label="Revoke"
            title="Revoke this credential?"
            description={
              <p>
                This deletes the {TYPE_NAMES[credential.type]?.toLowerCase() ?? credential.type} credential <strong>{credential.displayName || credentialId}</strong>. Tokens obtained
                with it stop working at once.
              </p>
            }
            confirmLabel="Revoke credential"
            onConfirm={async () => {
              await unwrap(api.DELETE('/v1/apiClients/{id}/credentials/{credentialId}', { params: { path: { id: clientId, credentialId } } }));
              await onChanged();
            }}
          />
        </div>
      </td>
    </tr>
  );
}

/**
 * A credential's fences, replaced together (updateMask names both): the addresses it may
 * authenticate from, and how many times it may. The API judges the blocks and says which is wrong.
 */
function FencesForm({ credential, onDone, onCancel }: { credential: Credential; onDone: () => Promise<unknown>; onCancel: () => void }) {
  const api = useApi();
  const fieldId = useId();
  const [, clientId, , credentialId] = credential.name.split('/');
  const save = useMutation({
    mutationFn: (body: { allowedCidrs: string[]; maxUses: number | null }) =>
      unwrap(api.PATCH('/v1/apiClients/{id}/credentials/{credentialId}', { params: { path: { id: clientId, credentialId }, query: { updateMask: 'allowedCidrs,maxUses' } }, body })),
    onSuccess: onDone,
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const maxUses = String(form.get('maxUses') ?? '').trim();
    save.mutate({
      allowedCidrs: words(String(form.get('allowedCidrs') ?? '')),
      maxUses: maxUses ? Number(maxUses) : null,
    });
  }
  return (
    <form className="form" onSubmit={submit} aria-label="Credential fences">
      <ErrorAlert error={save.error} />
      <label htmlFor={`${fieldId}-cidrs`}>Allowed addresses</label>
      <textarea
        id={`${fieldId}-cidrs`}
        name="allowedCidrs"
        rows={4}
        spellCheck={false}
        defaultValue={(credential.allowedCidrs ?? []).join('\n')}
        placeholder={'203.0.113.0/24\n2001:db8::/32'}
        aria-describedby={`${fieldId}-cidrs-hint`}
      />
      <p id={`${fieldId}-cidrs-hint`} className="hint">
        CIDR blocks, IPv4 or IPv6, one per line. Empty: any address.
      </p>
      <label htmlFor={`${fieldId}-uses`}>Most uses</label>
      <input id={`${fieldId}-uses`} name="maxUses" type="number" min={1} step={1} defaultValue={credential.maxUses ?? ''} aria-describedby={`${fieldId}-uses-hint`} />
      <p id={`${fieldId}-uses-hint`} className="hint">
        Used {credential.useCount ?? 0} times so far; a limit at or below that leaves it no uses. Empty: no limit.
      </p>
      <div className="actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save fences'}
        </button>
      </div>
    </form>
  );
}

const OVERLAPS = [
  { value: '3600s', label: '1 hour' },
  { value: '86400s', label: '1 day' },
  { value: '604800s', label: '7 days' },
  { value: '0s', label: 'none: revoke the old secrets now' },
];

/** Rotation issues a new secret and lets the others expire after the overlap. */
function RotateDialog({ client, onRotated }: { client: ApiClient; onRotated: (secret: string, note: string) => Promise<unknown> }) {
  const api = useApi();
  const id = useId();
  const [open, setOpen] = useState(false);
  const rotate = useMutation({
    mutationFn: (overlap: string) => unwrap(api.POST('/v1/apiClients/{id}:rotateSecret', { params: { path: { id: idOf(client.name) } }, body: { overlap } })),
    onSuccess: async (answer) => {
      close();
      const n = answer.previousCredentials.length;
      await onRotated(
        answer.secret,
        n === 0 ? 'The client had no other secret.' : `${n} previous secret${n === 1 ? '' : 's'} expire${n === 1 ? 's' : ''} ${answer.previousExpireTime ? `at ${new Date(answer.previousExpireTime).toLocaleString('en')}` : 'now'}.`,
      );
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    rotate.mutate(String(new FormData(event.currentTarget).get('overlap')));
  }
  const close = () => {
    setOpen(false);
    rotate.reset();
  };
  return (
    <>
      <button type="button" className="button button-primary" onClick={() => setOpen(true)}>
        Rotate secret
      </button>
      <Modal
        open={open}
        onClose={close}
        title={`Rotate the secret of ${client.displayName}`}
        description="Keyward issues a new secret (shown once) and lets every other secret of this client expire after the overlap, so that deployments can switch without an outage."
      >
        <form onSubmit={submit}>
          <ErrorAlert error={rotate.error} />
          <label htmlFor={`${id}-overlap`}>Old secrets keep working for</label>
          <select id={`${id}-overlap`} name="overlap" defaultValue="3600s" autoFocus>
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

type CredentialBody = {
  type: string;
  displayName?: string;
  expireTime?: string;
  jwk?: Record<string, unknown>;
  jwksUri?: string;
  provider?: string;
  subject?: string;
  claimConditions?: ClaimValues;
  claimPatterns?: ClaimValues;
  audience?: string;
};

function AddCredential({ client, onAdded }: { client: ApiClient; onAdded: (created: Credential) => Promise<unknown> }) {
  const api = useApi();
  const id = useId();
  const [type, setType] = useState('SECRET');
  const [formError, setFormError] = useState<unknown>(null);
  // The providers screen's query: the same key must hold the same shape, or one screen breaks after the other.
  const providers = useProviders(type === 'FEDERATED');
  const add = useMutation({
    mutationFn: (body: CredentialBody) => unwrap(api.POST('/v1/apiClients/{id}/credentials', { params: { path: { id: idOf(client.name) } }, body })),
    onSuccess: (created) => onAdded(created),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const body: CredentialBody = { type };
    if (text('displayName')) body.displayName = text('displayName');
    if (text('expireTime')) body.expireTime = new Date(text('expireTime')).toISOString();
    try {
      if (type === 'PUBLIC_KEY') {
        const key = text('publicKey');
        if (/^https:\/\//i.test(key)) body.jwksUri = key;
        else if (key.startsWith('{')) body.jwk = JSON.parse(key) as Record<string, unknown>;
        else throw new Error('Paste a public JWK (a JSON object starting with "{") or an https:// jwks_uri.');
      }
      if (type === 'FEDERATED') {
        body.provider = text('provider');
        // Left out rather than empty: a credential may match on an exact claim instead of a subject.
        if (text('subject')) body.subject = text('subject');
        const conditions = claimsFrom(text('claimConditions'));
        const patterns = claimsFrom(text('claimPatterns'), 'Claim patterns');
        if (Object.keys(conditions).length) body.claimConditions = conditions;
        if (Object.keys(patterns).length) body.claimPatterns = patterns;
        if (text('audience')) body.audience = text('audience');
      }
    } catch (e) {
      setFormError(e instanceof SyntaxError ? new Error(`The JWK is not valid JSON: ${e.message}`) : e);
      return;
    }
    add.mutate(body, { onSuccess: () => formElement.reset() });
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Add a credential</h2>
      <form className="form" onSubmit={submit} onChange={() => setFormError(null)}>
        <ErrorAlert error={formError ?? add.error} />
        <fieldset className="segmented">
          <legend>Type</legend>
          {Object.entries(TYPE_NAMES).map(([value, label]) => (
            <label key={value} className={type === value ? 'segment active' : 'segment'}>
              <input type="radio" name="type" value={value} checked={type === value} onChange={() => setType(value)} />
              {label}
            </label>
          ))}
        </fieldset>
        <p className="hint">
          {type === 'SECRET' ? 'Keyward generates the secret and shows it once.' : null}
          {type === 'PUBLIC_KEY' ? 'The client signs a JWT assertion (private_key_jwt) with its private key; Keyward holds only the public key.' : null}
          {type === 'FEDERATED' ? 'The client presents a token from a trusted identity provider (a workload identity), with no secret at all.' : null}
        </p>
        <label htmlFor={`${id}-name`}>Name (optional)</label>
        <input id={`${id}-name`} name="displayName" maxLength={200} />
        {type === 'PUBLIC_KEY' ? (
          <>
            <label htmlFor={`${id}-key`}>Public JWK or jwks_uri</label>
            <textarea id={`${id}-key`} name="publicKey" rows={5} required spellCheck={false} placeholder='{"kty":"EC","crv":"P-256","x":"…","y":"…"}  or  https://example.com/.well-known/jwks.json' />
          </>
        ) : null}
        {type === 'FEDERATED' ? (
          <>
            <label htmlFor={`${id}-provider`}>Identity provider</label>
            <select id={`${id}-provider`} name="provider" required>
              {providers.data?.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.displayName || p.name} ({p.issuer})
                </option>
              ))}
            </select>
            {providers.data && providers.data.length === 0 ? <p className="hint warn">No identity provider is configured yet: add one through /v1/providers first.</p> : null}
            <ErrorAlert error={providers.error} />
            <label htmlFor={`${id}-subject`}>Subject (the token’s sub claim)</label>
            <input
              id={`${id}-subject`}
              name="subject"
              maxLength={255}
              spellCheck={false}
              placeholder="system:serviceaccount:payments:api"
              aria-describedby={`${id}-subject-hint`}
            />
            <p id={`${id}-subject-hint`} className="hint">
              The exact <code>sub</code>, or <code>*</code> for any. Empty only with an exact claim condition below.
            </p>
            <label htmlFor={`${id}-claims`}>Claim conditions (exact)</label>
            <textarea
              id={`${id}-claims`}
              name="claimConditions"
              rows={2}
              spellCheck={false}
              placeholder={'repository=acme/app\n/kubernetes.io/namespace=prod'}
              aria-describedby={`${id}-claims-hint`}
            />
            <p id={`${id}-claims-hint`} className="hint">
              One <code>claim=value</code> per line; several accepted values separated by commas. A claim inside an object by its JSON Pointer (<code>/a/b</code>).
            </p>
            <label htmlFor={`${id}-patterns`}>Claim patterns (globs)</label>
            <textarea
              id={`${id}-patterns`}
              name="claimPatterns"
              rows={2}
              spellCheck={false}
              placeholder="ref=refs/heads/release/*"
              aria-describedby={`${id}-patterns-hint`}
            />
            <p id={`${id}-patterns-hint`} className="hint">
              One <code>claim=glob</code> per line: <code>*</code> matches within one <code>/</code> segment, <code>**</code> across segments.
            </p>
            <label htmlFor={`${id}-audience`}>Audience (optional)</label>
            <input id={`${id}-audience`} name="audience" maxLength={2000} spellCheck={false} aria-describedby={`${id}-audience-hint`} />
            <p id={`${id}-audience-hint`} className="hint">
              A value the token’s <code>aud</code> must also include, besides the provider’s audience.
            </p>
          </>
        ) : null}
        <label htmlFor={`${id}-expire`}>Expires (optional)</label>
        <input id={`${id}-expire`} name="expireTime" type="datetime-local" />
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={add.isPending}>
            {add.isPending ? 'Adding…' : 'Add credential'}
          </button>
        </div>
      </form>
    </section>
  );
}
