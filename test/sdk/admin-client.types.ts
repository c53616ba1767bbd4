// Type-level checks of the admin client, compiled by `npm run typecheck` (never run): a wrong
// path, body or parameter must not compile, and paginate's items carry the list's own type.
import { createAdminClient, paginate, unwrap, type ListPath } from '../../packages/sdk/src/index.js';

export async function typeChecks() {
  const admin = createAdminClient({ baseUrl: 'http://localhost:8080', getToken: async () => 'token' });

  const created = await unwrap(admin.POST('/v1/apiClients', { body: { displayName: 'billing', permissions: ['reports.read'] } }));
  const secret: string | undefined = created.clientSecret;
  // @ts-expect-error the data is typed, not any
  void created.noSuchField;
  void secret;

  // @ts-expect-error displayName is a string
  await admin.POST('/v1/apiClients', { body: { displayName: 42 } });
  // @ts-expect-error displayName is required
  await admin.POST('/v1/workspaces', { body: { extRef: 'no name' } });
  // @ts-expect-error no such path
  await admin.GET('/v1/apiClientz');
  // @ts-expect-error the path parameter is required
  await admin.GET('/v1/apiClients/{id}', {});

  for await (const client of paginate(admin, '/v1/apiClients', { params: { query: { pageSize: 10 } } })) {
    const clientId: string = client.clientId;
    // @ts-expect-error the items are typed, not any
    void client.noSuchField;
    void clientId;
  }
  for await (const delivery of paginate(admin, '/v1/webhooks/{id}/deliveries', { params: { path: { id: 'wh_1' } } })) void delivery;
  // A list without required parameters needs no init.
  for await (const workspace of paginate(admin, '/v1/workspaces')) void workspace.displayName;
  // @ts-expect-error the deliveries of which webhook: the path parameter is required
  void paginate(admin, '/v1/webhooks/{id}/deliveries');

  const list: ListPath = '/v1/roles';
  // @ts-expect-error a single resource is not a list
  const notList: ListPath = '/v1/roles/{id}';
  void list;
  void notList;
}
