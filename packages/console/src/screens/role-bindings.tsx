import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, type FormEvent } from 'react';
import { idOf, unwrap, useApi } from '../api';
import { listAll, useProviders, useRoles } from '../access-api';
import { ConfirmButton, ErrorAlert, RelativeTime } from '../ui/components';
import { QueryTable } from '../ui/table';
import { DialogButton } from '../ui/dialog-button';

/** People who sign in through a provider with admin sign-in hold roles through these bindings. */
export function RoleBindings() {
  const api = useApi();
  const queries = useQueryClient();
  const bindings = useQuery({ queryKey: ['roleBindings'], queryFn: () => listAll(api, '/v1/roleBindings') });
  const roles = useRoles();
  const providers = useProviders();
  const roleName = (name: string) => roles.data?.find((r) => r.name === name)?.displayName ?? name;
  const providerName = (name: string) => providers.data?.find((p) => p.name === name)?.displayName ?? name;

  return (
    <section className="card section" aria-labelledby="bindings-title">
      <div className="card-header">
        <h2 id="bindings-title">Role bindings</h2>
        <DialogButton label="Bind a role" title="Give a user a role" description={<p>The user holds the role’s permissions when signed in through the provider.</p>}>
          {(close) => <BindingForm onDone={close} />}
        </DialogButton>
      </div>
      <p className="muted">
        A user is a subject of a provider with admin sign-in: <code>users/&#123;sub&#125;</code>, or <code>users/*</code> for everyone it signs in.
      </p>
      <QueryTable
        query={bindings}
        items={bindings.data}
        what="role bindings"
        caption="Role bindings"
        columns={['User', 'Provider', 'Role', 'Created']}
        actions
        empty="No role bindings: nobody holds a role through an identity provider."
      >
        {(binding) => (
          <tr key={binding.name}>
            <td className="mono">{binding.principal}</td>
            <td>{providerName(binding.provider)}</td>
            <td>{roleName(binding.role)}</td>
            <td>
              <RelativeTime time={binding.createTime} />
            </td>
            <td>
              <div className="actions actions-end">
                <ConfirmButton
                  label="Remove"
                  title={`Remove ${roleName(binding.role)} from ${binding.principal}?`}
                  description={
                    <p>
                      <code>{binding.principal}</code> of {providerName(binding.provider)} loses the role <strong>{roleName(binding.role)}</strong> at the next sign-in.
                    </p>
                  }
                  confirmLabel="Remove binding"
                  onConfirm={async () => {
                    await unwrap(api.DELETE('/v1/roleBindings/{id}', { params: { path: { id: idOf(binding.name) } } }));
                    await queries.invalidateQueries({ queryKey: ['roleBindings'] });
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

function BindingForm({ onDone }: { onDone: () => void }) {
  const api = useApi();
  const queries = useQueryClient();
  const id = useId();
  const roles = useRoles();
  const providers = useProviders();
  const create = useMutation({
    mutationFn: (body: { principal: string; provider: string; role: string }) => unwrap(api.POST('/v1/roleBindings', { body })),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['roleBindings'] });
      onDone();
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const principal = String(form.get('principal') ?? '').trim();
    create.mutate({ principal: principal.startsWith('users/') ? principal : `users/${principal}`, provider: String(form.get('provider')), role: String(form.get('role')) });
  }
  return (
    <form className="form" onSubmit={submit} aria-label="New role binding">
      <ErrorAlert error={create.error ?? roles.error ?? providers.error} />
      <label htmlFor={`${id}-principal`}>User</label>
      <input id={`${id}-principal`} name="principal" required placeholder="users/8f14e45f or users/*" aria-describedby={`${id}-principal-hint`} spellCheck={false} />
      <p id={`${id}-principal-hint`} className="hint">
        The <code>sub</code> claim of the user’s tokens at the provider.
      </p>
      <label htmlFor={`${id}-provider`}>Provider</label>
      <select id={`${id}-provider`} name="provider" required>
        {providers.data?.map((p) => (
          <option key={p.name} value={p.name}>
            {p.displayName} ({p.issuer})
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-role`}>Role</label>
      <select id={`${id}-role`} name="role" required>
        {roles.data?.map((r) => (
          <option key={r.name} value={r.name}>
            {r.displayName}
          </option>
        ))}
      </select>
      <div className="actions">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? 'Saving…' : 'Bind role'}
        </button>
      </div>
    </form>
  );
}
