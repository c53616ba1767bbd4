import { integer, list, need } from '../args.js';
import { lastSegment, type Command, type CommandContext } from '../context.js';
import { CliError, UsageError } from '../exit.js';
import { field, type Column } from '../output.js';
import { importClients } from './import.js';

export const CLIENT_COLUMNS: Column[] = [
  { header: 'ID', value: (c) => lastSegment(c.name) },
  field('clientId'),
  field('state'),
  field('displayName'),
  field('permissions'),
];

const CLIENT_FIELDS = ['name', 'clientId', 'displayName', 'description', 'state', 'permissions', 'roles', 'audiences', 'labels', 'workspace', 'tokenLifetime', 'createdBy', 'createTime', 'updateTime'];

/**
 * The resource id of a client given as its id (`ac_…`), its resource name or its client id;
 * a client id is looked up through the list's filter.
 */
export async function resolveClient(ctx: CommandContext, reference: string): Promise<string> {
  if (reference.startsWith('apiClients/')) return encodeURIComponent(reference.split('/')[1]);
  if (/^ac_[a-z0-9]+$/.test(reference)) return reference;
  const page = await ctx.remote().call<{ apiClients: { name: string; clientId: string }[] }>('GET', '/v1/apiClients', {
    query: { filter: `clientId = ${JSON.stringify(reference)}`, pageSize: 2 },
  });
  const match = page.apiClients.find((c) => c.clientId === reference);
  if (!match) throw new CliError(`no client has the client id "${reference}" (nor is it an id, ac_…)`);
  return encodeURIComponent(lastSegment(match.name) as string);
}

function labels(values: string[] | undefined): Record<string, string> | undefined {
  if (!values) return undefined;
  return Object.fromEntries(
    values.map((pair) => {
      const at = pair.indexOf('=');
      if (at < 1) throw new UsageError(`--label takes key=value, not "${pair}"`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

/** The client fields the options set, in the API's names; unset options are left out. */
export function clientFields(ctx: CommandContext): Record<string, unknown> {
  const v = ctx.values;
  const fields: Record<string, unknown> = {
    displayName: v.name,
    description: v.description,
    permissions: list(v.permissions),
    roles: list(v.roles),
    audiences: list(v.audiences),
    labels: labels(v.label),
    tokenLifetime: integer('token-lifetime', v['token-lifetime']),
    workspace: v.workspace,
    state: v.state,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

function printSecretOnce(ctx: CommandContext, resource: Record<string, unknown>, secret: unknown) {
  if (ctx.out.json) return ctx.out.resource(resource);
  ctx.out.resource(resource, ['name', 'clientId', 'displayName', 'state', 'permissions']);
  ctx.out.message(`clientSecret  ${String(secret)}   (shown once; store it now)`);
}

const CLIENT = 'the client (id, client id or apiClients/…)';

interface Delegation {
  allowed: boolean;
  providers: string[];
  subjects: string[];
  maxScope: string[];
}

/** The members of the policy the options name; `--providers ''` empties the list. */
function delegationChanges(ctx: CommandContext): Partial<Delegation> {
  const v = ctx.values;
  if (v.allowed !== undefined && v.allowed !== 'true' && v.allowed !== 'false') throw new UsageError(`--allowed takes true or false, not "${v.allowed}"`);
  const changes: Partial<Delegation> = {
    allowed: v.allowed === undefined ? undefined : v.allowed === 'true',
    providers: list(v.providers)?.map((p) => (p.startsWith('providers/') ? p : `providers/${p}`)),
    subjects: list(v.subjects),
    maxScope: list(v['max-scope']),
  };
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
}

/** RFC 8693 delegation (docs/delegation.md): show the policy, or change the members named and keep the rest. */
async function delegation(ctx: CommandContext) {
  const action = ctx.args[0];
  if (action !== 'show' && action !== 'set') throw new UsageError('clients delegation takes show or set, then the client');
  const id = await resolveClient(ctx, need(ctx.args[1], CLIENT));
  // The API replaces the policy whole; reading it first lets `set --max-scope x` leave the providers as they are.
  const current = await ctx.remote().call<{ delegation: Delegation }>('GET', `/v1/apiClients/${id}`);
  if (action === 'show') return ctx.out.resource({ ...current.delegation });
  const changes = delegationChanges(ctx);
  if (Object.keys(changes).length === 0) throw new UsageError('clients delegation set needs --allowed, --providers, --subjects or --max-scope');
  const updated = await ctx.remote().call<{ delegation: Delegation }>('PATCH', `/v1/apiClients/${id}`, {
    query: { updateMask: 'delegation' },
    body: { delegation: { ...current.delegation, ...changes } },
  });
  ctx.out.resource({ ...updated.delegation });
}

export const clients: Record<string, Command> = {
  delegation,
  import: importClients,
  async list(ctx) {
    const query = { filter: ctx.values.filter, orderBy: ctx.values['order-by'], pageSize: integer('page-size', ctx.values['page-size']), pageToken: ctx.values['page-token'] };
    if (ctx.values.all) {
      const items: Record<string, unknown>[] = [];
      for await (const item of ctx.remote().all('/v1/apiClients', 'apiClients', query)) items.push(item);
      return ctx.out.list(items, CLIENT_COLUMNS, { apiClients: items, nextPageToken: '' });
    }
    const page = await ctx.remote().call<{ apiClients: Record<string, unknown>[]; nextPageToken: string }>('GET', '/v1/apiClients', { query });
    ctx.out.list(page.apiClients, CLIENT_COLUMNS, page);
    if (page.nextPageToken && !ctx.out.json) ctx.out.note(`more: --page-token ${page.nextPageToken} (or --all)`);
  },
  async get(ctx) {
    const id = await resolveClient(ctx, need(ctx.args[0], 'the client (id, client id or apiClients/…)'));
    ctx.out.resource(await ctx.remote().call('GET', `/v1/apiClients/${id}`), CLIENT_FIELDS);
  },
  async create(ctx) {
    const fields = clientFields(ctx);
    if (!fields.displayName) throw new UsageError('clients create needs --name');
    const created = await ctx.remote().call('POST', '/v1/apiClients', { query: { apiClientId: ctx.values.id }, body: fields });
    printSecretOnce(ctx, created, created.clientSecret);
  },
  async update(ctx) {
    const id = await resolveClient(ctx, need(ctx.args[0], 'the client (id, client id or apiClients/…)'));
    const fields = clientFields(ctx);
    if (Object.keys(fields).length === 0) throw new UsageError('clients update needs at least one field to change (--name, --permissions, …)');
    const updateMask = Object.keys(fields).join(',');
    ctx.out.resource(await ctx.remote().call('PATCH', `/v1/apiClients/${id}`, { query: { updateMask }, body: fields }), CLIENT_FIELDS);
  },
  async disable(ctx) {
    const id = await resolveClient(ctx, need(ctx.args[0], 'the client (id, client id or apiClients/…)'));
    ctx.out.resource(await ctx.remote().call('POST', `/v1/apiClients/${id}:disable`), CLIENT_FIELDS);
  },
  async enable(ctx) {
    const id = await resolveClient(ctx, need(ctx.args[0], 'the client (id, client id or apiClients/…)'));
    ctx.out.resource(await ctx.remote().call('POST', `/v1/apiClients/${id}:enable`), CLIENT_FIELDS);
  },
  async delete(ctx) {
    const id = await resolveClient(ctx, need(ctx.args[0], 'the client (id, client id or apiClients/…)'));
    const answer = await ctx.remote().call('DELETE', `/v1/apiClients/${id}`);
    ctx.out.message(`deleted apiClients/${decodeURIComponent(id)}`, answer);
  },
  async 'rotate-secret'(ctx) {
    const id = await resolveClient(ctx, need(ctx.args[0], 'the client (id, client id or apiClients/…)'));
    const overlap = integer('overlap', ctx.values.overlap);
    const rotated = await ctx.remote().call<{ secret: string; previousCredentials: string[]; previousExpireTime: string }>('POST', `/v1/apiClients/${id}:rotateSecret`, {
      body: overlap === undefined ? {} : { overlap: `${overlap}s` },
    });
    if (ctx.out.json) return ctx.out.resource(rotated);
    ctx.out.message(
      `new client secret: ${rotated.secret}   (shown once; store it now)\n` +
        (rotated.previousCredentials.length ? `${rotated.previousCredentials.length} earlier secret(s) expire at ${rotated.previousExpireTime}` : 'the client had no other secret'),
    );
  },
};
