import { integer, need } from '../args.js';
import { idOf, lastSegment, type Command, type CommandContext } from '../context.js';
import { field, type Column } from '../output.js';

const COLUMNS: Column[] = [
  { header: 'ID', value: (t) => lastSegment(t.name) },
  field('displayName'),
  field('tokenHint', 'HINT'),
  field('usesRemaining', 'USES LEFT'),
  field('expireTime'),
  field('createdBy'),
];

const WORKSPACE = 'the workspace (id or workspaces/…)';

/** `rgt_…` with its workspace, or a token's full name `workspaces/ws_…/registrationTokens/rgt_…` alone. */
function tokenPath(ctx: CommandContext): string {
  const match = /^workspaces\/([^/]+)\/registrationTokens\/([^/]+)$/.exec(ctx.args[0] ?? '');
  if (match && ctx.args[1] === undefined) return `/v1/workspaces/${encodeURIComponent(match[1])}/registrationTokens/${encodeURIComponent(match[2])}`;
  const workspace = idOf(need(ctx.args[0], WORKSPACE), 'workspaces');
  const token = encodeURIComponent(lastSegment(need(ctx.args[1], 'the registration token (rgt_… or its name)')) as string);
  return `/v1/workspaces/${workspace}/registrationTokens/${token}`;
}

/** Initial access tokens for self-registration at /oauth/register (docs/registration.md). */
export const registrationTokens: Record<string, Command> = {
  async issue(ctx) {
    const workspace = idOf(need(ctx.args[0], WORKSPACE), 'workspaces');
    const body = {
      ...(ctx.values.name ? { displayName: ctx.values.name } : {}),
      ...(ctx.values.uses !== undefined ? { uses: integer('uses', ctx.values.uses) } : {}),
      ...(ctx.values['expire-time'] ? { expireTime: ctx.values['expire-time'] } : {}),
    };
    const created = await ctx.remote().call('POST', `/v1/workspaces/${workspace}/registrationTokens`, { body });
    if (ctx.out.json) return ctx.out.resource(created);
    ctx.out.resource(created, ['name', 'displayName', 'tokenHint', 'usesRemaining', 'expireTime']);
    ctx.out.message(`token          ${String(created.token)}   (shown once; store it now)`);
  },
  async list(ctx) {
    const path = `/v1/workspaces/${idOf(need(ctx.args[0], WORKSPACE), 'workspaces')}/registrationTokens`;
    const query = { pageSize: integer('page-size', ctx.values['page-size']), pageToken: ctx.values['page-token'] };
    if (ctx.values.all) {
      const items: Record<string, unknown>[] = [];
      for await (const item of ctx.remote().all(path, 'registrationTokens', query)) items.push(item);
      return ctx.out.list(items, COLUMNS, { registrationTokens: items, nextPageToken: '' });
    }
    const page = await ctx.remote().call<{ registrationTokens: Record<string, unknown>[]; nextPageToken: string }>('GET', path, { query });
    ctx.out.list(page.registrationTokens, COLUMNS, page);
    if (page.nextPageToken && !ctx.out.json) ctx.out.note(`more: --page-token ${page.nextPageToken} (or --all)`);
  },
  async revoke(ctx) {
    const path = tokenPath(ctx);
    const answer = await ctx.remote().call('DELETE', path);
    ctx.out.message(`revoked ${decodeURIComponent(path.slice('/v1/'.length))}; it registers no more clients (those it registered stay)`, answer);
  },
};
