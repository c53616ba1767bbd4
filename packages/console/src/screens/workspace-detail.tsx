import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'wouter';
import { idOf, unwrap, useApi } from '../api';
import type { Workspace } from '../access-api';
import { ConfirmButton, ErrorAlert, Loading, PageHeader, RelativeTime } from '../ui/components';
import { QueryTable } from '../ui/table';
import { DialogButton } from '../ui/dialog-button';
import { REGISTRATION_SETTINGS, RegistrationTokens } from './registration-tokens';
import { CredentialPolicyCard, WorkspaceCredentials } from './workspace-credentials';
import { WorkspaceForm } from './workspaces';

type Settings = Record<string, string>;
type MergePatch = Record<string, string | null>;

/** The editor's text as an RFC 7396 merge patch of a flat string map, or a message saying what is wrong with it. */
export function parseMergePatch(text: string): MergePatch {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`The patch is not JSON: ${(e as Error).message}. Write an object such as {"region": "eu-west-1", "old_key": null}.`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('The patch must be a JSON object: {"key": "value", "removed_key": null}.');
  const wrong = Object.entries(value).find(([, v]) => v !== null && typeof v !== 'string');
  if (wrong) throw new Error(`"${wrong[0]}": settings are strings; write the value in quotes, or null to remove the key.`);
  return value as MergePatch;
}

/** What a patch will do to the settings, key by key: the merge made visible before it is sent. */
function effectsOf(settings: Settings, patch: MergePatch) {
  return Object.entries(patch).map(([key, value]) => {
    if (value === null) return { key, text: key in settings ? `removes ${key}` : `${key} is not set: nothing to remove`, kind: 'remove' };
    if (!(key in settings)) return { key, text: `adds ${key} = ${value}`, kind: 'add' };
    return { key, text: settings[key] === value ? `${key} stays ${value}` : `changes ${key} from ${settings[key]} to ${value}`, kind: 'change' };
  });
}

export function WorkspaceDetail() {
  const { id } = useParams<{ id: string }>();
  const api = useApi();
  const workspace = useQuery({ queryKey: ['workspace', id], queryFn: () => unwrap(api.GET('/v1/workspaces/{id}', { params: { path: { id } } })) });
  return (
    <>
      <p className="breadcrumb">
        <Link href="/workspaces">Workspaces</Link> /
      </p>
      {workspace.isPending ? <Loading what="the workspace" /> : null}
      <ErrorAlert error={workspace.error} />
      {workspace.data ? (
        <>
          <PageHeader title={<span data-testid="workspace-title">{workspace.data.displayName}</span>}>
            <DialogButton label="Rename" title={`Rename ${workspace.data.displayName}`}>
              {(close) => <WorkspaceForm workspace={workspace.data} onDone={close} />}
            </DialogButton>
            <DeleteWorkspace workspace={workspace.data} />
          </PageHeader>
          <p className="muted">
            <span className="mono">{workspace.data.name}</span>
            {workspace.data.extRef ? (
              <>
                {' '}
                · external reference <span className="mono">{workspace.data.extRef}</span>
              </>
            ) : null}{' '}
            · created <RelativeTime time={workspace.data.createTime} />
          </p>
          <SettingsEditor id={id} />
          <CredentialPolicyCard workspace={workspace.data} />
          <WorkspaceCredentials id={id} />
          <RegistrationTokens id={id} />
          <AccessGrants id={id} />
        </>
      ) : null}
    </>
  );
}

function DeleteWorkspace({ workspace }: { workspace: Workspace }) {
  const api = useApi();
  const queries = useQueryClient();
  const [, navigate] = useLocation();
  return (
    <ConfirmButton
      label="Delete"
      title={`Delete the workspace ${workspace.displayName}?`}
      description={
        <>
          <p>
            This deletes the workspace <strong>{workspace.displayName}</strong> (<code>{workspace.name}</code>) with its settings, access grants and webhooks. This cannot be
            undone.
          </p>
          <p>Keyward refuses for the organization’s default workspace, and while API clients or providers live in the workspace: delete or move them first.</p>
        </>
      }
      confirmLabel="Delete workspace"
      onConfirm={async () => {
        await unwrap(api.DELETE('/v1/workspaces/{id}', { params: { path: { id: workspace.id } } }));
        queries.removeQueries({ queryKey: ['workspace', workspace.id] });
        await queries.invalidateQueries({ queryKey: ['workspaces'] });
        navigate('/workspaces');
      }}
    />
  );
}

/** Keys Keyward itself reads say what they do, beside the product's own keys. */
function SettingMeaning({ settingKey }: { settingKey: string }) {
  const known = REGISTRATION_SETTINGS.find((setting) => setting.key === settingKey);
  return known ? <div className="small muted">registration policy: {known.meaning}</div> : null;
}

function SettingsEditor({ id }: { id: string }) {
  const api = useApi();
  const queries = useQueryClient();
  const fieldId = useId();
  const [text, setText] = useState('');
  const [sent, setSent] = useState<ReturnType<typeof effectsOf> | null>(null);
  // A malformed patch is reported when it is sent, not at every keystroke (an alert would interrupt typing).
  const [formError, setFormError] = useState<unknown>(null);
  const settings = useQuery({ queryKey: ['workspaceSettings', id], queryFn: () => unwrap(api.GET('/v1/workspaces/{id}/settings', { params: { path: { id } } })) });
  const merge = useMutation({
    mutationFn: (patch: MergePatch) => unwrap(api.PATCH('/v1/workspaces/{id}/settings', { params: { path: { id } }, body: { merge: patch } })),
    onSuccess: (result) => {
      queries.setQueryData(['workspaceSettings', id], result);
      setText('');
    },
  });

  let parsed: MergePatch | null = null;
  let parseError: unknown = null;
  if (text.trim()) {
    try {
      parsed = parseMergePatch(text);
    } catch (e) {
      parseError = e;
    }
  }
  const current = settings.data?.settings ?? {};
  const preview = parsed ? effectsOf(current, parsed) : [];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!parsed) {
      setFormError(parseError);
      return;
    }
    setSent(preview);
    merge.mutate(parsed);
  }

  return (
    <section className="card" aria-labelledby={`${fieldId}-title`}>
      <h2 id={`${fieldId}-title`}>Settings</h2>
      <ErrorAlert error={settings.error} />
      {settings.isPending ? <Loading what="settings" /> : null}
      <div className="grid-2">
        <div>
          <h3>Current settings</h3>
          <table className="settings-table" data-testid="settings">
            <caption className="visually-hidden">Current settings</caption>
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(current).map(([key, value]) => (
                <tr key={key}>
                  <td className="mono">
                    {key}
                    <SettingMeaning settingKey={key} />
                  </td>
                  <td className="mono">{value}</td>
                </tr>
              ))}
              {settings.data && Object.keys(current).length === 0 ? (
                <tr>
                  <td colSpan={2} className="muted">
                    No settings.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
          {merge.isSuccess && sent ? (
            <div className="alert alert-info section" role="status" data-testid="merge-result">
              Saved: {sent.map((e) => e.text).join('; ')}. The table shows the settings as they are now.
            </div>
          ) : null}
        </div>
        <form className="form" onSubmit={submit} aria-label="Change settings">
          <label htmlFor={`${fieldId}-patch`}>Merge patch (JSON)</label>
          <textarea
            id={`${fieldId}-patch`}
            rows={6}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setFormError(null);
              merge.reset();
            }}
            placeholder={'{\n  "region": "eu-west-1",\n  "old_key": null\n}'}
            aria-describedby={`${fieldId}-patch-hint`}
            spellCheck={false}
          />
          <p id={`${fieldId}-patch-hint`} className="hint">
            A JSON merge patch (RFC 7396): each key you name is set to its value; <strong>a key set to null is removed</strong>; keys you leave out stay as they are.
            Values are strings. The registration policy is <code>registration_auth_methods</code>, <code>registration_scopes</code> and{' '}
            <code>registration_audiences</code>, each a space-separated list (see Registration tokens below).
          </p>
          <ErrorAlert error={formError ?? merge.error} />
          {preview.length > 0 ? (
            <div aria-live="polite">
              <h3 className="section">This will</h3>
              <ul className="effects" data-testid="merge-preview">
                {preview.map((effect) => (
                  <li key={effect.key} className={effect.kind === 'remove' ? 'value-removed' : undefined}>
                    {effect.text}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={!text.trim() || merge.isPending}>
              {merge.isPending ? 'Saving…' : 'Apply patch'}
            </button>
          </div>
        </form>
      </div>
    </section>
  );
}

function AccessGrants({ id }: { id: string }) {
  const api = useApi();
  const queries = useQueryClient();
  const grants = useQuery({ queryKey: ['accessGrants', id], queryFn: () => unwrap(api.GET('/v1/workspaces/{id}/accessGrants', { params: { path: { id } } })) });
  return (
    <section className="card" aria-labelledby="grants-title">
      <div className="card-header">
        <h2 id="grants-title">Access grants</h2>
        <DialogButton label="Grant access" title="Grant access to this workspace">
          {(close) => <GrantForm id={id} onDone={close} />}
        </DialogButton>
      </div>
      <p className="muted">People (USER, by their subject at the identity provider) and OAuth clients (CLIENT, by client id) that may work in this workspace.</p>
      <QueryTable
        query={grants}
        items={grants.data?.accessGrants}
        what="access grants"
        caption="Access grants"
        columns={['Type', 'Subject', 'Role', 'Granted']}
        actions
        empty="No access grants."
      >
        {(grant) => (
          <tr key={grant.name}>
            <td>{grant.subjectType === 'USER' ? 'User' : 'Client'}</td>
            <td className="mono">{grant.subjectId}</td>
            <td>{grant.role}</td>
            <td>
              <RelativeTime time={grant.createTime} />
            </td>
            <td>
              <div className="actions actions-end">
                <ConfirmButton
                  label="Revoke"
                  title={`Revoke access of ${grant.subjectId}?`}
                  description={
                    <p>
                      The {grant.subjectType === 'USER' ? 'user' : 'client'} <code>{grant.subjectId}</code> loses its <strong>{grant.role}</strong> access to this workspace.
                    </p>
                  }
                  confirmLabel="Revoke access"
                  onConfirm={async () => {
                    await unwrap(api.DELETE('/v1/workspaces/{id}/accessGrants/{grantId}', { params: { path: { id, grantId: idOf(grant.name) } } }));
                    await queries.invalidateQueries({ queryKey: ['accessGrants', id] });
                  }}
                />
              </div>
            </td>
          </tr>
        )}
      </QueryTable>
    </section>
  );
}

function GrantForm({ id, onDone }: { id: string; onDone: () => void }) {
  const api = useApi();
  const queries = useQueryClient();
  const fieldId = useId();
  const grant = useMutation({
    mutationFn: (body: { subjectType: string; subjectId: string; role?: string }) => unwrap(api.POST('/v1/workspaces/{id}/accessGrants', { params: { path: { id } }, body })),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['accessGrants', id] });
      onDone();
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const role = String(form.get('role') ?? '').trim();
    grant.mutate({ subjectType: String(form.get('subjectType')), subjectId: String(form.get('subjectId') ?? '').trim(), ...(role ? { role } : {}) });
  }
  return (
    <form className="form" onSubmit={submit} aria-label="New access grant">
      <ErrorAlert error={grant.error} />
      <label htmlFor={`${fieldId}-type`}>Subject type</label>
      <select id={`${fieldId}-type`} name="subjectType" defaultValue="USER">
        <option value="USER">User</option>
        <option value="CLIENT">Client</option>
      </select>
      <label htmlFor={`${fieldId}-subject`}>Subject</label>
      <input id={`${fieldId}-subject`} name="subjectId" required maxLength={255} placeholder="a user's sub, or a client id" spellCheck={false} />
      <label htmlFor={`${fieldId}-role`}>Role</label>
      <input id={`${fieldId}-role`} name="role" maxLength={63} placeholder="member" aria-describedby={`${fieldId}-role-hint`} spellCheck={false} />
      <p id={`${fieldId}-role-hint`} className="hint">
        Empty: member. Granting the same subject again changes its role.
      </p>
      <div className="actions">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={grant.isPending}>
          {grant.isPending ? 'Granting…' : 'Grant access'}
        </button>
      </div>
    </form>
  );
}
