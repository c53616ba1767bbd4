import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { openRuntime, type Runtime } from '../../compose.js';
import { loadConfig } from '../../config.js';
import { createLogger } from '../../logger.js';
import { serve as startServer } from '../../server.js';
import { ROOT_ORG_ID, ensureBootstrapClient } from '../../services/bootstrap.js';
import { openDatabase } from '../../store/db.js';
import { migrate as applyMigrations } from '../../store/migrate.js';
import { need } from '../args.js';
import type { Command } from '../context.js';
import { CliError, EXIT } from '../exit.js';

/**
 * The commands that open this installation's database themselves, with the server's own
 * environment (DATABASE_URL, KEYWARD_DATA_DIR, …): those that must work before any admin client
 * exists, or that work on the database as a file.
 */
async function withRuntime<T>(fn: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await openRuntime(loadConfig(), createLogger('warn'));
  try {
    await runtime.services.keys.load();
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}

export const serve: Command = async () => startServer(loadConfig());

export const migrate: Command = async (ctx) => {
  const config = loadConfig();
  const db = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    ctx.out.note(`migrating ${config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`}…`);
    const applied = await applyMigrations(db);
    ctx.out.message(applied.length ? `applied ${applied.join(', ')}` : 'already up to date', { applied });
  } finally {
    await db.close();
  }
};

export const bootstrap: Command = (ctx) =>
  withRuntime(async (runtime) => {
    const clientId = ctx.values['client-id'] ?? runtime.config.bootstrap?.clientId ?? 'keyward-admin';
    // The configured secret belongs to the configured client; another id gets a generated one.
    const secret = clientId === runtime.config.bootstrap?.clientId ? runtime.config.bootstrap.clientSecret : undefined;
    const result = await ensureBootstrapClient(runtime.store, runtime.services.units, runtime.hasher, clientId, secret);
    if (result.secretIgnored) {
      ctx.out.note(`KEYWARD_BOOTSTRAP_CLIENT_SECRET is not a current secret of ${clientId}; an existing client keeps its secrets (rotate with: keyward clients rotate-secret ${clientId})`);
    }
    if (!result.created) return ctx.out.message(`client ${clientId} already exists; nothing changed`, { clientId, created: false });
    const lines = [`created super-admin client ${clientId} in organization ${ROOT_ORG_ID}`];
    if (result.secret) lines.push(`client secret (shown once, store it now): ${result.secret}`);
    ctx.out.message(lines.join('\n'), { clientId, created: true, clientSecret: result.secret ?? undefined, organization: ROOT_ORG_ID });
  });

/**
 * A consistent copy of the SQLite database while the server keeps running: SQLite's online
 * backup copies the pages under its own locking, so the copy is one committed state (WAL
 * included), never a torn file as `cp` can give.
 */
export const backup: Command = async (ctx) => {
  const target = resolve(need(ctx.args[0], 'the file to write the backup to'));
  const config = loadConfig();
  if (config.databaseUrl) {
    throw new CliError('DATABASE_URL names PostgreSQL; back it up with its own tools: pg_dump --format=custom --file=keyward.dump "$DATABASE_URL" (see docs/cli.md)', EXIT.usage);
  }
  if (existsSync(target)) throw new CliError(`${target} exists; choose a new file (a backup never overwrites)`, EXIT.usage);
  const source = join(config.dataDir, 'keyward.sqlite');
  if (!existsSync(source)) throw new CliError(`no database at ${source}; check KEYWARD_DATA_DIR`);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    ctx.out.note(`copying ${source}…`);
    await db.backup(target, {
      progress: ({ totalPages, remainingPages }) => {
        ctx.progress(`backup: ${totalPages - remainingPages}/${totalPages} pages`, remainingPages === 0);
        return 256;
      },
    });
  } finally {
    db.close();
  }
  ctx.out.message(`backed up ${source} to ${target}`, { source, backup: target });
};
