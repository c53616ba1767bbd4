import { integer, list, need } from '../args.js';
import { idOf, lastSegment, type Command, type CommandContext } from '../context.js';
import { UsageError } from '../exit.js';
import { field, type Column } from '../output.js';
import { readJwk } from './credentials.js';

/** A `/v1` collection with the usual verbs: how its body is built from options, and its table. */
interface Collection {
  /** The path segment and resource-name prefix: `roles`, `workspaces`, … */
  collection: string;
  singular: string;
  columns: Column[];
  /** The body of create and update, from the options (undefined fields are left out). */
  body(ctx: CommandContext): Record<string, unknown>;
  /** Query parameter naming the new resource's id on create (`roleId`), when the API has one. */
  idParameter?: string;
  /** Query parameters of list taken from options. */
  listQuery?(ctx: CommandContext): Record<string, string | undefined>;
  /** PATCH takes an updateMask. */
  updateMask?: boolean;
  required?: string[];
  verbs: ('list' | 'get' | 'create' | 'update' | 'delete')[];
}

const defined = (fields: Record<string, unknown>) => Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
const ID: Column = { header: 'ID', value: (r) => r.id ?? lastSegment(r.name) };

function verbs(c: Collection): Record<string, Command> {
  const path = `/v1/${c.collection}`;
  const target = (ctx: CommandContext) => idOf(need(ctx.args[0], `the ${c.singular} (id or ${c.collection}/…)`), c.collection);
  const all: Record<string, Command> = {
    async list(ctx) {
      const query = { pageSize: integer('page-size', ctx.values['page-size']), pageToken: ctx.values['page-token'], ...c.listQuery?.(ctx) };
      if (ctx.values.all) {
        const items: Record<string, unknown>[] = [];
        for await (const item of ctx.remote().all(path, c.collection, query)) items.push(item);
        return ctx.out.list(items, c.columns, { [c.collection]: items, nextPageToken: '' });
      }
      const page = await ctx.remote().call<Record<string, unknown>>('GET', path, { query });
      ctx.out.list((page[c.collection] as Record<string, unknown>[]) ?? [], c.columns, page);
      if (typeof page.nextPageToken === 'string' && page.nextPageToken && !ctx.out.json) ctx.out.note(`more: --page-token ${page.nextPageToken} (or --all)`);
    },
    async get(ctx) {
      ctx.out.resource(await ctx.remote().call('GET', `${path}/${target(ctx)}`));
    },
    async create(ctx) {
      const body = defined(c.body(ctx));
      const missing = (c.required ?? []).filter((key) => body[key] === undefined);
      if (missing.length) throw new UsageError(`${c.collection} create needs ${missing.map(optionOf).join(' and ')}`);
      const query = c.idParameter ? { [c.idParameter]: ctx.values.id } : {};
      ctx.out.resource(await ctx.remote().call('POST', path, { query, body }));
    },
    async update(ctx) {
      const id = target(ctx);
      const body = defined(c.body(ctx));
      if (Object.keys(body).length === 0) throw new UsageError(`${c.collection} update needs at least one field to change`);
      const query = c.updateMask ? { updateMask: Object.keys(body).join(',') } : {};
      ctx.out.resource(await ctx.remote().call('PATCH', `${path}/${id}`, { query, body }));
    },
    async delete(ctx) {
      const id = target(ctx);
      const answer = await ctx.remote().call('DELETE', `${path}/${id}`);
      ctx.out.message(`deleted ${c.collection}/${decodeURIComponent(id)}`, answer);
    },
  };
  return Object.fromEntries(c.verbs.map((verb) => [verb, all[verb]]));
}

const OPTION_OF: Record<string, string> = { displayName: '--name', permissions: '--permissions', issuer: '--issuer', url: '--url' };
const optionOf = (key: string) => OPTION_OF[key] ?? `--${key}`;

export const roles = verbs({
  collection: 'roles',
  singular: 'role',
  columns: [ID, field('displayName'), field('permissions')],
  body: (ctx) => ({ displayName: ctx.values.name, description: ctx.values.description, permissions: list(ctx.values.permissions) }),
  idParameter: 'roleId',
  updateMask: true,
  required: ['displayName'],
  verbs: ['list', 'get', 'create', 'update', 'delete'],
});

export const organizations = verbs({
  collection: 'organizations',
  singular: 'organization',
  columns: [ID, field('displayName'), field('defaultWorkspace')],
  body: (ctx) => ({ displayName: ctx.values.name }),
  required: ['displayName'],
  verbs: ['list', 'get', 'create', 'update'],
});

export const providers = verbs({
  collection: 'providers',
  singular: 'provider',
  columns: [ID, field('displayName'), field('issuer'), field('audience')],
  body: (ctx) => ({
    displayName: ctx.values.name,
    description: ctx.values.description,
    issuer: ctx.values.issuer,
    jwksUri: ctx.values['jwks-uri'],
    // Keys pinned on the provider (a SPIFFE trust bundle): nothing is fetched.
    jwks: ctx.values.jwks === undefined ? undefined : readJwk(ctx.values.jwks, 'jwks', 'a JWKS, {"keys": […]}'),
    audience: ctx.values.audience,
    workspace: ctx.values.workspace,
  }),
  updateMask: true,
  required: ['displayName', 'issuer'],
  verbs: ['list', 'get', 'create', 'update', 'delete'],
});

const workspaceVerbs = verbs({
  collection: 'workspaces',
  singular: 'workspace',
  columns: [ID, field('displayName'), field('extRef')],
  body: (ctx) => ({ displayName: ctx.values.name, extRef: ctx.values['ext-ref'] }),
  required: ['displayName'],
  verbs: ['list', 'get', 'create', 'update'],
});

export const workspaces: Record<string, Command> = {
  ...workspaceVerbs,
  /** Shows the settings; with --set/--unset, merges the change first (null removes a key). */
  async settings(ctx) {
    const id = idOf(need(ctx.args[0], 'the workspace (id or workspaces/…)'), 'workspaces');
    const merge: Record<string, string | null> = {};
    for (const pair of ctx.values.set ?? []) {
      const at = pair.indexOf('=');
      if (at < 1) throw new UsageError(`--set takes key=value, not "${pair}"`);
      merge[pair.slice(0, at)] = pair.slice(at + 1);
    }
    for (const key of ctx.values.unset ?? []) merge[key] = null;
    const path = `/v1/workspaces/${id}/settings`;
    const settings = Object.keys(merge).length ? await ctx.remote().call('PATCH', path, { body: { merge } }) : await ctx.remote().call('GET', path);
    ctx.out.resource(settings);
  },
};

const webhookVerbs = verbs({
  collection: 'webhooks',
  singular: 'webhook',
  columns: [ID, field('url'), field('state'), field('eventTypes'), field('workspace')],
  body: (ctx) => ({ url: ctx.values.url, eventTypes: list(ctx.values['event-types']), workspace: ctx.values.workspace, state: ctx.values.state }),
  listQuery: (ctx) => ({ workspace: ctx.values.workspace }),
  required: ['url'],
  verbs: ['list', 'get', 'create', 'update', 'delete'],
});

const DELIVERY_COLUMNS: Column[] = [ID, field('eventType'), field('state'), field('attempts'), field('lastStatusCode', 'STATUS'), field('lastAttemptTime'), field('nextAttemptTime')];

export const webhooks: Record<string, Command> = {
  ...webhookVerbs,
  async create(ctx) {
    await webhookVerbs.create(ctx);
    if (!ctx.out.json) ctx.out.note('the signing secret above is shown once; store it now');
  },
  async deliveries(ctx) {
    const id = idOf(need(ctx.args[0], 'the webhook (id or webhooks/…)'), 'webhooks');
    const query = { state: ctx.values.state, pageSize: integer('page-size', ctx.values['page-size']), pageToken: ctx.values['page-token'] };
    const page = await ctx.remote().call<{ deliveries: Record<string, unknown>[] }>('GET', `/v1/webhooks/${id}/deliveries`, { query });
    ctx.out.list(page.deliveries, DELIVERY_COLUMNS, page);
  },
  async redeliver(ctx) {
    const id = idOf(need(ctx.args[0], 'the webhook (id or webhooks/…)'), 'webhooks');
    const delivery = encodeURIComponent(lastSegment(need(ctx.args[1], 'the delivery id')) as string);
    ctx.out.resource(await ctx.remote().call('POST', `/v1/webhooks/${id}/deliveries/${delivery}:redeliver`));
  },
};

export const keys: Record<string, Command> = {
  async rotate(ctx) {
    const rotated = await ctx.remote().call('POST', '/v1/signingKeys:rotate');
    ctx.out.resource(rotated);
  },
};
