import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './db.js';

/**
 * Plain SQL migrations, one folder per engine, applied in file-name order and recorded in
 * schema_migrations. Each file runs in its own transaction; on PostgreSQL an advisory lock keeps
 * two instances starting together from applying the same file twice.
 */
const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const MIGRATION_LOCK = 7_345_001;

/** `through` stops after that version, so that upgrade tests can start from an older schema. */
export async function migrate(db: Db, options: { through?: string } = {}): Promise<string[]> {
  const dir = `${MIGRATIONS_DIR}${db.dialect}`;
  const { through } = options;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql') && (through === undefined || f.replace(/\.sql$/, '') <= through))
    .sort();
  // Under the same lock as the files: PostgreSQL's CREATE TABLE IF NOT EXISTS is not safe against
  // a concurrent twin (two instances starting on a fresh database fail on pg_type's unique index).
  await db.transaction(async (trx) => {
    if (db.dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
    await sql.raw('CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, apply_time BIGINT NOT NULL)').execute(trx);
  });
  const applied: string[] = [];
  for (const file of files) {
    const version = file.replace(/\.sql$/, '');
    const script = readFileSync(`${dir}/${file}`, 'utf8');
    const done = await db.transaction(async (trx) => {
      if (db.dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
      const existing = await trx.selectFrom('schema_migrations').select('version').where('version', '=', version).executeTakeFirst();
      if (existing) return true;
      await sql.raw(script).execute(trx).catch(async (error) => {
        // better-sqlite3 prepares one statement at a time; run SQLite scripts statement by statement.
        if (db.dialect !== 'sqlite' || !/more than one statement/i.test(String(error))) throw error;
        for (const statement of splitStatements(script)) await sql.raw(statement).execute(trx);
      });
      await trx.insertInto('schema_migrations').values({ version, apply_time: Date.now() }).execute();
      return false;
    });
    if (!done) applied.push(version);
  }
  return applied;
}

/** Splits on semicolons at line ends; our migrations keep one statement per `;\n`. */
function splitStatements(script: string): string[] {
  return script
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}
