#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openRuntime, type Runtime } from '../compose.js';
import { ConfigError, loadConfig } from '../config.js';
import { isKeywardError } from '../domain/errors.js';
import type { Context } from '../domain/model.js';
import { ADMIN_PERMISSIONS } from '../domain/permissions.js';
import { createLogger } from '../logger.js';
import { serve } from '../server.js';
import { ROOT_ORG_ID, ensureBootstrapClient } from '../services/bootstrap.js';
import { openDatabase } from '../store/db.js';
import { migrate } from '../store/migrate.js';

/**
 * The keyward command. It calls the services directly (never the HTTP handlers), as the
 * operator of this installation: a super-admin acting in the root organization unless --org
 * names another. Progress goes to stderr, results to stdout (--json for machines).
 */
const USAGE = `Usage: keyward <command> [options]

Commands:
  serve                         start the server (same as npm start)
  migrate                       apply database migrations and exit
  bootstrap [--client-id ID]    create the super-admin client if it does not exist; prints its secret once
  clients create --name NAME [--permissions a,b] [--roles r1,r2] [--audiences u1,u2] [--workspace ID] [--client-id ID]
  clients list [--page-size N] [--filter EXPR]
  clients rotate ID [--overlap SECONDS]    new secret now; older secrets expire after the overlap (default 3600)
  clients delete ID
  keys rotate                   promote the pre-published signing key and publish a new next key

Options:
  --org ORG_ID   act in this organization (default: the root organization)
  --json         print results as JSON
  -h, --help     show this help

Configuration comes from the environment, as for the server (DATABASE_URL, KEYWARD_DATA_DIR, ...).`;

class UsageError extends Error {}

const options = {
  org: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  name: { type: 'string' },
  permissions: { type: 'string' },
  roles: { type: 'string' },
  audiences: { type: 'string' },
  workspace: { type: 'string' },
  'client-id': { type: 'string' },
  overlap: { type: 'string' },
  'page-size': { type: 'string' },
  filter: { type: 'string' },
} as const;

const list = (value: string | undefined) => (value ? value.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

function operator(orgId: string | undefined): Context {
  return {
    actor: { name: 'system', orgId: ROOT_ORG_ID, permissions: new Set([ADMIN_PERMISSIONS.superAdmin]) },
    orgId: orgId ?? ROOT_ORG_ID,
  };
}

/** node:util parseArgs refuses unknown options, missing values and stray arguments with these codes. */
function isParseError(error: unknown): boolean {
  return /^ERR_PARSE_ARGS_/.test(String((error as { code?: unknown })?.code ?? ''));
}

type Out = (human: string, data: unknown) => void;

async function withRuntime<T>(fn: (runtime: Runtime) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const runtime = await openRuntime(config, createLogger('warn'));
  try {
    await runtime.services.keys.load();
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}

export async function run(argv: string[], out: Out, progress: (line: string) => void): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  const [command, sub, target] = positionals;
  if (values.help) return out(USAGE, { usage: USAGE });
  if (!command) throw new UsageError('no command given');

  switch (`${command}${sub && command !== 'bootstrap' ? ` ${sub}` : ''}`) {
    case 'serve':
      return serve(loadConfig());
    case 'migrate': {
      const config = loadConfig();
      const db = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        progress(`migrating ${config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`}…`);
        const applied = await migrate(db);
        return out(applied.length ? `applied ${applied.join(', ')}` : 'already up to date', { applied });
      } finally {
        await db.close();
      }
    }
    case 'bootstrap':
      return withRuntime(async (runtime) => {
        const clientId = values['client-id'] ?? runtime.config.bootstrap?.clientId ?? 'keyward-admin';
        // The configured secret belongs to the configured client; another id gets a generated one.
        const secret = clientId === runtime.config.bootstrap?.clientId ? runtime.config.bootstrap.clientSecret : undefined;
        const result = await ensureBootstrapClient(runtime.store, runtime.services.mutations, runtime.hasher, clientId, secret);
        if (result.secretIgnored) {
          progress(`KEYWARD_BOOTSTRAP_CLIENT_SECRET is not a current secret of ${clientId}; an existing client keeps its secrets (rotate with: keyward clients rotate ${result.secretIgnored.apiClientId})`);
        }
        if (!result.created) return out(`client ${clientId} already exists; nothing changed`, { clientId, created: false });
        const lines = [`created super-admin client ${clientId} in organization ${ROOT_ORG_ID}`];
        if (result.secret) lines.push(`client secret (shown once, store it now): ${result.secret}`);
        return out(lines.join('\n'), { clientId, created: true, clientSecret: result.secret ?? undefined, organization: ROOT_ORG_ID });
      });
    case 'clients create':
      return withRuntime(async ({ services }) => {
        if (!values.name) throw new UsageError('clients create needs --name');
        const created = await services.clients.create(operator(values.org), {
          displayName: values.name,
          permissions: list(values.permissions),
          roles: list(values.roles),
          audiences: list(values.audiences),
          workspaceId: values.workspace,
          clientId: values['client-id'],
        });
        const { client } = created;
        return out(
          `created apiClients/${client.id}\nclient id:     ${client.clientId}\nclient secret: ${created.secret}   (shown once)`,
          { name: `apiClients/${client.id}`, clientId: client.clientId, clientSecret: created.secret, permissions: client.permissions },
        );
      });
    case 'clients list':
      return withRuntime(async ({ services }) => {
        const page = await services.clients.list(operator(values.org), {
          pageSize: values['page-size'] ? Number(values['page-size']) : undefined,
          filter: values.filter,
        });
        const rows = page.items.map((c) => `${c.id}  ${c.clientId}  ${c.enabled ? 'enabled ' : 'disabled'}  ${c.displayName}`);
        return out(rows.length ? rows.join('\n') : 'no clients', {
          apiClients: page.items.map((c) => ({ name: `apiClients/${c.id}`, clientId: c.clientId, displayName: c.displayName, enabled: c.enabled })),
          nextPageToken: page.nextPageToken,
        });
      });
    case 'clients rotate':
      return withRuntime(async ({ services }) => {
        if (!target) throw new UsageError('clients rotate needs the client resource id (ac_…)');
        const overlapSeconds = values.overlap === undefined ? 3600 : Number(values.overlap);
        const rotated = await services.clients.rotateSecret(operator(values.org), target, { overlapSeconds });
        return out(
          `new client secret: ${rotated.secret}   (shown once)\nprevious secrets expire in ${overlapSeconds}s`,
          { credential: rotated.credential.id, clientSecret: rotated.secret, expiredCredentials: rotated.expiredCredentialIds, overlapSeconds },
        );
      });
    case 'clients delete':
      return withRuntime(async ({ services }) => {
        if (!target) throw new UsageError('clients delete needs the client resource id (ac_…)');
        const client = await services.clients.delete(operator(values.org), target);
        return out(`deleted apiClients/${client.id} (${client.clientId})`, { deleted: `apiClients/${client.id}` });
      });
    case 'keys rotate':
      return withRuntime(async ({ services }) => {
        const rotated = await services.keys.rotate(operator(undefined));
        return out(`signing with ${rotated.activeKid}; next ${rotated.nextKid} published; ${rotated.retiredKid} retired`, rotated);
      });
    default:
      throw new UsageError(`unknown command "${positionals.join(' ')}"`);
  }
}

/** True when this file is the program, however it was reached: npm's bin link, a global install or a path. */
function invokedDirectly(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  const argv = process.argv.slice(2);
  const json = argv.includes('--json');
  const out: Out = (human, data) => console.log(json ? JSON.stringify(data, null, 2) : human);
  try {
    await run(argv, out, (line) => process.stderr.write(`${line}\n`));
  } catch (error) {
    const message =
      error instanceof ConfigError || error instanceof UsageError || isKeywardError(error)
        ? error.message
        : isParseError(error)
          ? (error as Error).message
          : `unexpected error: ${(error as Error).message}`;
    const usage = error instanceof UsageError || isParseError(error);
    if (json) console.log(JSON.stringify({ error: message }));
    else console.error(`keyward: ${message}${usage ? '\n\n' + USAGE : ''}`);
    process.exitCode = usage ? 64 : 1;
  }
}
