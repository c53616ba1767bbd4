import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { list, need } from '../args.js';
import type { CommandContext } from '../context.js';
import { CliError, describeFailure, EXIT, UsageError } from '../exit.js';

/** The columns (CSV) or members (JSON) a row may have; they are the API's own field names. */
const FIELDS = ['displayName', 'clientId', 'description', 'permissions', 'roles', 'audiences', 'workspace', 'tokenLifetime'] as const;
const LISTS = new Set(['permissions', 'roles', 'audiences']);

type Row = Partial<Record<(typeof FIELDS)[number], unknown>>;

function readRows(path: string): Row[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
  }
  if (/^\s*\[/.test(text)) {
    let rows: unknown;
    try {
      rows = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`${path} is not valid JSON: ${(error as Error).message}`);
    }
    if (!Array.isArray(rows) || rows.some((r) => typeof r !== 'object' || r === null || Array.isArray(r))) throw new UsageError(`${path} must hold a JSON array of objects`);
    return rows as Row[];
  }
  try {
    return parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Row[];
  } catch (error) {
    throw new UsageError(`${path} is neither a JSON array nor CSV with a header line: ${(error as Error).message}`);
  }
}

/** One row as the create request's body; every fault is found before anything is created. */
function toBody(row: Row, index: number, defaults: { workspace?: string }): { body: Record<string, unknown>; clientId?: string } {
  const where = `row ${index + 1}`;
  const unknown = Object.keys(row).filter((key) => !(FIELDS as readonly string[]).includes(key));
  if (unknown.length) throw new UsageError(`${where}: unknown field ${unknown.join(', ')}; the fields are ${FIELDS.join(', ')}`);
  const body: Record<string, unknown> = {};
  for (const key of FIELDS) {
    const value = row[key];
    if (value === undefined || value === '' || key === 'clientId') continue;
    if (LISTS.has(key)) body[key] = Array.isArray(value) ? value : list(String(value));
    else if (key === 'tokenLifetime') {
      if (!/^\d+$/.test(String(value))) throw new UsageError(`${where}: tokenLifetime takes whole seconds, not "${String(value)}"`);
      body[key] = Number(value);
    } else body[key] = String(value);
  }
  if (!body.displayName) throw new UsageError(`${where}: displayName is required`);
  body.workspace ??= defaults.workspace;
  const clientId = row.clientId === undefined || row.clientId === '' ? undefined : String(row.clientId);
  return { body, clientId };
}

/**
 * Creates one client per row and writes each new secret, as it arrives, to the --secrets-out
 * file (JSON Lines, mode 0600, never overwritten), so an import stopped half-way keeps the
 * secrets of what it created. Secrets never go to stdout. A refused row is reported and the
 * others go on; the exit code is then 1.
 */
export async function importClients(ctx: CommandContext): Promise<void> {
  const file = need(ctx.args[0], 'the file to import (JSON array or CSV with a header line)');
  const secretsOut = need(ctx.values['secrets-out'], '--secrets-out FILE (the new secrets are written there, once)');
  const rows = readRows(file).map((row, i) => toBody(row, i, { workspace: ctx.values.workspace }));
  if (rows.length === 0) throw new UsageError(`${file} holds no clients`);
  let fd: number;
  try {
    fd = openSync(secretsOut, 'wx', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(code === 'EEXIST' ? `${secretsOut} exists; name a new file (secrets are never written over another file)` : `cannot create ${secretsOut}: ${(error as Error).message}`, EXIT.usage);
  }
  const created: Record<string, unknown>[] = [];
  let failed = 0;
  try {
    for (const [i, { body, clientId }] of rows.entries()) {
      try {
        const client = await ctx.remote().call('POST', '/v1/apiClients', { query: { apiClientId: clientId }, body });
        writeSync(fd, `${JSON.stringify({ name: client.name, clientId: client.clientId, displayName: client.displayName, clientSecret: client.clientSecret })}\n`);
        const { clientSecret: _secret, ...shown } = client;
        created.push(shown);
      } catch (error) {
        const failure = describeFailure(error, ctx.remote().server);
        // The server being gone ends the import: every further row would fail the same way.
        if (failure.exitCode === EXIT.unreachable) throw error;
        failed++;
        ctx.progress(`row ${i + 1} (${String(body.displayName)}): ${failure.message}`, true);
      }
      ctx.progress(`importing clients: ${i + 1}/${rows.length}${failed ? `, ${failed} refused` : ''}`, i + 1 === rows.length);
    }
  } finally {
    closeSync(fd);
  }
  ctx.out.list(created, [
    { header: 'NAME', value: (c) => c.name },
    { header: 'CLIENT ID', value: (c) => c.clientId },
    { header: 'DISPLAY NAME', value: (c) => c.displayName },
  ], { apiClients: created });
  ctx.out.note(`${created.length} client(s) created; their secrets are in ${secretsOut} (mode 600), shown nowhere else`);
  if (failed) throw new CliError(`${failed} of ${rows.length} row(s) were refused (see above)`);
}
