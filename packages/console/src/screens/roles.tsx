import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, type FormEvent } from 'react';
import { idOf, unwrap, useApi } from '../api';
import { useRoles, type Role } from '../access-api';
import { ConfirmButton, ErrorAlert, PageHeader, RelativeTime } from '../ui/components';
import { QueryTable } from '../ui/table';
import { DialogButton } from '../ui/dialog-button';
import { words } from '../ui/lists';
import { RoleBindings } from './role-bindings';

export function Roles() {
  const api = useApi();
  const queries = useQueryClient();
  const roles = useRoles();
  const refresh = () => queries.invalidateQueries({ queryKey: ['roles'] });

  return (
    <>
      <PageHeader title="Roles">
        <DialogButton label="Create role" title="Create a role" primary>
          {(close) => <RoleForm onDone={close} />}
        </DialogButton>
      </PageHeader>
      <p className="muted">
        A role is a named set of permissions. API clients hold roles (on a client’s settings), and people who sign in through an identity provider hold them through role
        bindings (below). A change reaches clients in their next token.
      </p>
      <QueryTable
        query={roles}
        items={roles.data}
        what="roles"
        caption="Roles"
        columns={['Name', 'Description', 'Permissions', 'Updated']}
        actions
        className="table"
        empty="No roles yet."
      >
        {(role) => (
          <tr key={role.name} data-testid="role-row">
            <td>
              <strong>{role.displayName}</strong>
              <div className="mono muted">{role.name}</div>
            </td>
            <td>{role.description || <span className="muted">—</span>}</td>
            <td>
              {role.permissions.length === 0 ? <span className="muted">none</span> : null}
              <ul className="chips">
                {role.permissions.map((p) => (
                  <li key={p} className="chip">
                    {p}
                  </li>
                ))}
              </ul>
            </td>
            <td>
              <RelativeTime time={role.updateTime} />
            </td>
            <td>
              <div className="actions actions-end">
                <DialogButton label="Edit" title={`Edit ${role.displayName}`}>
                  {(close) => <RoleForm role={role} onDone={close} />}
                </DialogButton>
                <ConfirmButton
                  label="Delete"
                  title={`Delete the role ${role.displayName}?`}
                  description={
                    <p>
                      This deletes the role <strong>{role.displayName}</strong> (<code>{role.name}</code>) and its role bindings: users who hold it through an identity
                      provider lose it. Keyward refuses while API clients hold it; remove it from them first. This cannot be undone.
                    </p>
                  }
                  confirmLabel="Delete role"
                  onConfirm={async () => {
                    await unwrap(api.DELETE('/v1/roles/{id}', { params: { path: { id: idOf(role.name) } } }));
                    await refresh();
                    await queries.invalidateQueries({ queryKey: ['roleBindings'] });
                  }}
                />
              </div>
            </td>
          </tr>
        )}
      </QueryTable>
      <RoleBindings />
    </>
  );
}

/** Creates a role, or edits one (an update with an updateMask naming the three fields). */
function RoleForm({ role, onDone }: { role?: Role; onDone: () => void }) {
  const api = useApi();
  const queries = useQueryClient();
  const id = useId();
  const save = useMutation({
    mutationFn: (body: { displayName: string; description: string; permissions: string[] }) =>
      role
        ? unwrap(api.PATCH('/v1/roles/{id}', { params: { path: { id: idOf(role.name) }, query: { updateMask: 'displayName,description,permissions' } }, body }))
        : unwrap(api.POST('/v1/roles', { body })),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['roles'] });
      onDone();
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    save.mutate({ displayName: text('displayName'), description: text('description'), permissions: words(text('permissions')) });
  }

  return (
    <form className="form" onSubmit={submit} aria-label={role ? 'Edit role' : 'New role'}>
      <ErrorAlert error={save.error} />
      <label htmlFor={`${id}-name`}>Display name</label>
      <input id={`${id}-name`} name="displayName" required maxLength={200} defaultValue={role?.displayName} />
      <label htmlFor={`${id}-description`}>Description</label>
      <textarea id={`${id}-description`} name="description" rows={2} maxLength={2000} defaultValue={role?.description} />
      <label htmlFor={`${id}-permissions`}>Permissions</label>
      <textarea id={`${id}-permissions`} name="permissions" rows={3} defaultValue={role?.permissions.join(' ')} aria-describedby={`${id}-permissions-hint`} spellCheck={false} />
      <p id={`${id}-permissions-hint`} className="hint">
        Separated by spaces, commas or lines, e.g. <code>documents:read keyward:clients.read</code>.
      </p>
      <div className="actions">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : role ? 'Save role' : 'Create role'}
        </button>
      </div>
    </form>
  );
}
