import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, type FormEvent } from 'react';
import { Link } from 'wouter';
import { idOf, unwrap, useApi } from '../api';
import type { Workspace } from '../access-api';
import { ErrorAlert, PageHeader, RelativeTime } from '../ui/components';
import { QueryTable } from '../ui/table';
import { DialogButton } from '../ui/dialog-button';

export function Workspaces() {
  const api = useApi();
  // An organization may hold thousands (one per customer): pages of 100, more on request.
  const pages = useInfiniteQuery({
    queryKey: ['workspaces', 'pages'],
    queryFn: ({ pageParam }) => unwrap(api.GET('/v1/workspaces', { params: { query: { pageSize: 100, pageToken: pageParam || undefined } } })),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextPageToken || undefined,
  });
  const workspaces = pages.data?.pages.flatMap((page) => page.workspaces);
  return (
    <>
      <PageHeader title="Workspaces">
        <DialogButton label="Create workspace" title="Create a workspace" primary>
          {(close) => <WorkspaceForm onDone={close} />}
        </DialogButton>
      </PageHeader>
      <p className="muted">Workspaces divide an organization: each has its clients, providers, settings and access grants.</p>
      <QueryTable
        query={pages}
        items={workspaces}
        what="workspaces"
        caption="Workspaces"
        columns={['Name', 'ID', 'External reference', 'Created']}
        className="table"
      >
        {(ws) => (
          <tr key={ws.name}>
            <td>
              <Link href={`/workspaces/${ws.id}`}>{ws.displayName}</Link>
            </td>
            <td className="mono">{ws.id}</td>
            <td className="mono">{ws.extRef ?? <span className="muted">—</span>}</td>
            <td>
              <RelativeTime time={ws.createTime} />
            </td>
          </tr>
        )}
      </QueryTable>
      {pages.hasNextPage ? (
        <div className="pager">
          <button type="button" className="button" disabled={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
            {pages.isFetchingNextPage ? 'Loading…' : 'Show more workspaces'}
          </button>
        </div>
      ) : null}
    </>
  );
}

/** Creates a workspace, or renames one (an update with an updateMask naming both fields). */
export function WorkspaceForm({ workspace, onDone }: { workspace?: Workspace; onDone: () => void }) {
  const api = useApi();
  const queries = useQueryClient();
  const id = useId();
  const save = useMutation({
    mutationFn: (body: { displayName: string; extRef: string | null }) =>
      workspace
        ? unwrap(api.PATCH('/v1/workspaces/{id}', { params: { path: { id: workspace.id }, query: { updateMask: 'displayName,extRef' } }, body }))
        : unwrap(api.POST('/v1/workspaces', { body })),
    onSuccess: async (saved) => {
      queries.setQueryData(['workspace', idOf(saved.name)], saved);
      await queries.invalidateQueries({ queryKey: ['workspaces'] });
      onDone();
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    save.mutate({ displayName: text('displayName'), extRef: text('extRef') || null });
  }
  return (
    <form className="form" onSubmit={submit} aria-label={workspace ? 'Edit workspace' : 'New workspace'}>
      <ErrorAlert error={save.error} />
      <label htmlFor={`${id}-name`}>Display name</label>
      <input id={`${id}-name`} name="displayName" required maxLength={200} defaultValue={workspace?.displayName} />
      <label htmlFor={`${id}-ext`}>External reference</label>
      <input id={`${id}-ext`} name="extRef" maxLength={200} defaultValue={workspace?.extRef ?? ''} aria-describedby={`${id}-ext-hint`} spellCheck={false} />
      <p id={`${id}-ext-hint`} className="hint">
        Optional: the id another system knows this workspace by.
      </p>
      <div className="actions">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : workspace ? 'Save workspace' : 'Create workspace'}
        </button>
      </div>
    </form>
  );
}
