import { readFileSync } from 'node:fs';
import { need } from '../args.js';
import { lastSegment, type Command, type CommandContext } from '../context.js';
import { UsageError } from '../exit.js';
import { field } from '../output.js';
import { resolveClient } from './clients.js';

const COLUMNS = [{ header: 'ID', value: (c: Record<string, unknown>) => lastSegment(c.name) }, field('type'), field('displayName'), field('secretHint', 'HINT'), field('expireTime'), field('lastUseTime')];

const CLIENT = 'the client (id, client id or apiClients/…)';

/** A credential given as its id or its full name `apiClients/ac_…/credentials/cr_…`. */
function credentialId(reference: string): string {
  return encodeURIComponent(lastSegment(reference) as string);
}

function readJwk(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`--jwk takes a file holding a public JWK (JSON): ${(error as Error).message}`);
  }
}

const KINDS: Record<string, (ctx: CommandContext) => Record<string, unknown>> = {
  secret: () => ({ type: 'SECRET' }),
  'public-key': (ctx) => {
    const { jwk, 'jwks-uri': jwksUri } = ctx.values;
    if (!jwk === !jwksUri) throw new UsageError('credentials add public-key needs --jwk FILE or --jwks-uri URL (one of them)');
    const key = jwk ? (readJwk(jwk) as Record<string, unknown>) : undefined;
    // A file may hold one key or a key set.
    return { type: 'PUBLIC_KEY', ...(key ? (Array.isArray(key.keys) ? { jwks: key } : { jwk: key }) : { jwksUri }) };
  },
  federated: (ctx) => ({
    type: 'FEDERATED',
    provider: need(ctx.values.provider, '--provider (providers/… or its id)'),
    subject: need(ctx.values.subject, '--subject (the workload identity\'s sub claim)'),
  }),
};

export const credentials: Record<string, Command> = {
  async list(ctx) {
    const id = await resolveClient(ctx, need(ctx.args[0], CLIENT));
    const page = await ctx.remote().call<{ credentials: Record<string, unknown>[] }>('GET', `/v1/apiClients/${id}/credentials`);
    ctx.out.list(page.credentials, COLUMNS, page);
  },
  async get(ctx) {
    const id = await resolveClient(ctx, need(ctx.args[0], CLIENT));
    ctx.out.resource(await ctx.remote().call('GET', `/v1/apiClients/${id}/credentials/${credentialId(need(ctx.args[1], 'the credential id'))}`));
  },
  async add(ctx) {
    const kind = KINDS[ctx.args[0] ?? ''];
    if (!kind) throw new UsageError('credentials add takes secret, public-key or federated, then the client');
    const id = await resolveClient(ctx, need(ctx.args[1], CLIENT));
    const body = { ...kind(ctx), ...(ctx.values.name ? { displayName: ctx.values.name } : {}), ...(ctx.values['expire-time'] ? { expireTime: ctx.values['expire-time'] } : {}) };
    const created = await ctx.remote().call('POST', `/v1/apiClients/${id}/credentials`, { body });
    if (ctx.out.json || typeof created.secret !== 'string') return ctx.out.resource(created);
    ctx.out.resource({ ...created, secret: undefined }, ['name', 'type', 'displayName', 'expireTime']);
    ctx.out.message(`secret       ${created.secret}   (shown once; store it now)`);
  },
  async delete(ctx) {
    const id = await resolveClient(ctx, need(ctx.args[0], CLIENT));
    const credential = credentialId(need(ctx.args[1], 'the credential id'));
    const answer = await ctx.remote().call('DELETE', `/v1/apiClients/${id}/credentials/${credential}`);
    ctx.out.message(`deleted apiClients/${decodeURIComponent(id)}/credentials/${decodeURIComponent(credential)}; the tokens it obtained are inactive`, answer);
  },
};

