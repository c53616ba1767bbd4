import { readFileSync } from 'node:fs';
import { duration, integer, list, need } from '../args.js';
import { lastSegment, type Command, type CommandContext } from '../context.js';
import { UsageError } from '../exit.js';
import { field } from '../output.js';
import { resolveClient } from './clients.js';

const COLUMNS = [
  { header: 'ID', value: (c: Record<string, unknown>) => lastSegment(c.name) },
  field('type'),
  field('displayName'),
  field('secretHint', 'HINT'),
  field('state'),
  field('expireTime'),
  { header: 'LAST USE TIME', value: (c: Record<string, unknown>) => c.lastUseTime ?? 'never' },
  { header: 'MATCHES', value: (c: Record<string, unknown>) => federatedMatch(c) },
  { header: 'POLICY', value: (c: Record<string, unknown>) => ((c.policyViolations as { rule: string }[] | undefined) ?? []).map((v) => `breaks ${v.rule}`).join(', ') },
];

type ClaimValues = Record<string, string | string[]>;

/** What a federated credential asks of a token, on one line: `sub=… env=prod|staging ref~refs/heads/* aud=…`. */
function federatedMatch(c: Record<string, unknown>): string | undefined {
  if (c.type !== 'FEDERATED') return undefined;
  const values = (v: string | string[]) => (Array.isArray(v) ? v.join('|') : v);
  return [
    ...(typeof c.subject === 'string' ? [`sub=${c.subject}`] : []),
    ...Object.entries((c.claimConditions as ClaimValues | undefined) ?? {}).map(([claim, v]) => `${claim}=${values(v)}`),
    ...Object.entries((c.claimPatterns as ClaimValues | undefined) ?? {}).map(([claim, v]) => `${claim}~${values(v)}`),
    ...(typeof c.audience === 'string' ? [`aud=${c.audience}`] : []),
  ].join(' ');
}

/** Repeated `--claim k=v`: a claim named twice accepts either value. */
function claimValues(option: string, pairs: string[] | undefined): ClaimValues | undefined {
  if (!pairs?.length) return undefined;
  const claims: Record<string, string[]> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at < 1) throw new UsageError(`--${option} takes claim=value, not "${pair}"`);
    (claims[pair.slice(0, at)] ??= []).push(pair.slice(at + 1));
  }
  return Object.fromEntries(Object.entries(claims).map(([claim, values]) => [claim, values.length === 1 ? values[0] : values]));
}

/** --unused-for and --filter as one AIP-160 filter. */
function listFilter(ctx: CommandContext): string | undefined {
  const unusedFor = duration('unused-for', ctx.values['unused-for']);
  const terms = [
    ...(unusedFor !== undefined ? [`lastUseTime < "${new Date(Date.now() - unusedFor).toISOString()}"`] : []),
    ...(ctx.values.filter ? [ctx.values.filter] : []),
  ];
  return terms.length > 0 ? terms.join(' AND ') : undefined;
}

const CLIENT = 'the client (id, client id or apiClients/…)';

/** A credential given as its id or its full name `apiClients/ac_…/credentials/cr_…`. */
function credentialId(reference: string): string {
  return encodeURIComponent(lastSegment(reference) as string);
}

/** A JSON file named by an option: a public JWK (--jwk) or a key set (--jwks). */
export function readJwk(path: string, option = 'jwk', holding = 'a public JWK'): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`--${option} takes a file holding ${holding} (JSON): ${(error as Error).message}`);
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
  // Whether the subject and claims are enough (an exact subject or an exact claim) is the API's rule, said in its words.
  federated: (ctx) => {
    const claimConditions = claimValues('claim', ctx.values.claim);
    const claimPatterns = claimValues('claim-pattern', ctx.values['claim-pattern']);
    return {
      type: 'FEDERATED',
      provider: need(ctx.values.provider, '--provider (providers/… or its id)'),
      ...(ctx.values.subject !== undefined ? { subject: ctx.values.subject } : {}),
      ...(claimConditions ? { claimConditions } : {}),
      ...(claimPatterns ? { claimPatterns } : {}),
      ...(ctx.values.audience !== undefined ? { audience: ctx.values.audience } : {}),
    };
  },
};

export const credentials: Record<string, Command> = {
  async list(ctx) {
    const filter = listFilter(ctx);
    if (ctx.values.workspace !== undefined && ctx.args[0] === undefined) {
      const path = `/v1/workspaces/${encodeURIComponent(lastSegment(ctx.values.workspace) as string)}/credentials`;
      const query = { filter, pageSize: integer('page-size', ctx.values['page-size']), pageToken: ctx.values['page-token'] };
      if (ctx.values.all) {
        const items: Record<string, unknown>[] = [];
        for await (const item of ctx.remote().all(path, 'credentials', query)) items.push(item);
        return ctx.out.list(items, COLUMNS, { credentials: items, nextPageToken: '' });
      }
      const page = await ctx.remote().call<{ credentials: Record<string, unknown>[]; nextPageToken: string }>('GET', path, { query });
      ctx.out.list(page.credentials, COLUMNS, page);
      if (page.nextPageToken && !ctx.out.json) ctx.out.note(`more: --page-token ${page.nextPageToken} (or --all)`);
      return;
    }
    const id = await resolveClient(ctx, need(ctx.args[0], `${CLIENT}, or --workspace W`));
    const page = await ctx.remote().call<{ credentials: Record<string, unknown>[] }>('GET', `/v1/apiClients/${id}/credentials`, { query: { filter } });
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
    const body = {
      ...kind(ctx),
      ...(ctx.values.name ? { displayName: ctx.values.name } : {}),
      ...(ctx.values['expire-time'] ? { expireTime: ctx.values['expire-time'] } : {}),
      ...(ctx.values['allowed-cidrs'] !== undefined ? { allowedCidrs: list(ctx.values['allowed-cidrs']) } : {}),
      ...(ctx.values['max-uses'] !== undefined ? { maxUses: integer('max-uses', ctx.values['max-uses']) } : {}),
    };
    const created = await ctx.remote().call('POST', `/v1/apiClients/${id}/credentials`, { body });
    if (ctx.out.json || typeof created.secret !== 'string') return ctx.out.resource(created);
    ctx.out.resource({ ...created, secret: undefined }, ['name', 'type', 'displayName', 'expireTime', 'allowedCidrs', 'maxUses']);
    ctx.out.message(`secret       ${created.secret}   (shown once; store it now)`);
  },
  /** The fences named change; an empty value ('') clears one (any address, no limit). */
  async update(ctx) {
    const id = await resolveClient(ctx, need(ctx.args[0], CLIENT));
    const credential = credentialId(need(ctx.args[1], 'the credential id'));
    const cidrs = ctx.values['allowed-cidrs'];
    const maxUses = ctx.values['max-uses'];
    const body = {
      ...(cidrs !== undefined ? { allowedCidrs: list(cidrs) } : {}),
      ...(maxUses !== undefined ? { maxUses: maxUses === '' ? null : integer('max-uses', maxUses) } : {}),
    };
    if (Object.keys(body).length === 0) throw new UsageError('credentials update needs --allowed-cidrs or --max-uses (an empty value clears it)');
    const updateMask = Object.keys(body).join(',');
    ctx.out.resource(await ctx.remote().call('PATCH', `/v1/apiClients/${id}/credentials/${credential}`, { query: { updateMask }, body }));
  },
  async delete(ctx) {
    const id = await resolveClient(ctx, need(ctx.args[0], CLIENT));
    const credential = credentialId(need(ctx.args[1], 'the credential id'));
    const answer = await ctx.remote().call('DELETE', `/v1/apiClients/${id}/credentials/${credential}`);
    ctx.out.message(`deleted apiClients/${decodeURIComponent(id)}/credentials/${decodeURIComponent(credential)}; the tokens it obtained are inactive`, answer);
  },
};

