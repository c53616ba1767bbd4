import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, type FormEvent, type ReactNode } from 'react';
import { Link } from 'wouter';
import { describeError, idOf, KeywardProblemError, unwrap, useApi } from '../api';
import { ErrorAlert, Loading, PageHeader, RelativeTime } from '../ui/components';
import { DialogButton } from '../ui/dialog-button';

type Organization = Awaited<ReturnType<typeof listOrganizations>>['organizations'][number];

const listOrganizations = (api: ReturnType<typeof useApi>) => unwrap(api.GET('/v1/organizations'));

/** Only super-admins list organizations: the answer of that call decides who sees them. */
function useOrganizations() {
  const api = useApi();
  return useQuery({ queryKey: ['organizations'], queryFn: () => listOrganizations(api) });
}

/** Shows its children (a navigation entry) only to a principal allowed to list organizations. */
export function SuperAdminsOnly({ children }: { children: ReactNode }) {
  return useOrganizations().data ? children : null;
}

export function Organizations() {
  const organizations = useOrganizations();
  const forbidden = organizations.error instanceof KeywardProblemError && organizations.error.status === 403;
  return (
    <>
      <PageHeader title="Organizations">
        {organizations.data ? (
          <DialogButton label="Create organization" title="Create an organization" primary description={<p>A tenant of its own, with a default workspace.</p>}>
            {(close) => <OrganizationForm onDone={close} />}
          </DialogButton>
        ) : null}
      </PageHeader>
      {forbidden ? (
        <div role="alert" className="alert alert-warning" data-testid="organizations-forbidden">
          <p>
            <strong>Only super-admins manage organizations.</strong> This session’s client acts in its own organization; its workspaces are under{' '}
            <Link href="/workspaces">Workspaces</Link>.
          </p>
          <p className="small">{describeError(organizations.error)}</p>
        </div>
      ) : (
        <ErrorAlert error={organizations.error} />
      )}
      {organizations.isPending ? <Loading what="organizations" /> : null}
      {organizations.data ? (
        <table className="table">
          <caption className="visually-hidden">Organizations</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">ID</th>
              <th scope="col">Default workspace</th>
              <th scope="col">Created</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {organizations.data.organizations.map((org) => (
              <tr key={org.name} data-testid="organization-row">
                <td>
                  <strong>{org.displayName}</strong>
                </td>
                <td className="mono">{org.id}</td>
                <td className="mono">{idOf(org.defaultWorkspace)}</td>
                <td>
                  <RelativeTime time={org.createTime} />
                </td>
                <td>
                  <div className="actions actions-end">
                    <DialogButton label="Rename" title={`Rename ${org.displayName}`}>
                      {(close) => <OrganizationForm organization={org} onDone={close} />}
                    </DialogButton>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

function OrganizationForm({ organization, onDone }: { organization?: Organization; onDone: () => void }) {
  const api = useApi();
  const queries = useQueryClient();
  const id = useId();
  const save = useMutation({
    mutationFn: (body: { displayName: string }) =>
      organization ? unwrap(api.PATCH('/v1/organizations/{id}', { params: { path: { id: organization.id } }, body })) : unwrap(api.POST('/v1/organizations', { body })),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['organizations'] });
      onDone();
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate({ displayName: String(new FormData(event.currentTarget).get('displayName') ?? '').trim() });
  }
  return (
    <form className="form" onSubmit={submit} aria-label={organization ? 'Rename organization' : 'New organization'}>
      <ErrorAlert error={save.error} />
      <label htmlFor={`${id}-name`}>Display name</label>
      <input id={`${id}-name`} name="displayName" required maxLength={200} defaultValue={organization?.displayName} />
      <div className="actions">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : organization ? 'Save name' : 'Create organization'}
        </button>
      </div>
    </form>
  );
}
