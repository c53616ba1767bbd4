import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Db, Dialect } from './db.js';
import type { Database } from './schema.js';

/**
 * Plain SQL migrations, one folder per engine, applied in file-name order by Kysely's Migrator.
 * Everything runs in one transaction that a second instance starting at the same moment waits
 * for: PostgreSQL under an advisory lock, SQLite under BEGIN IMMEDIATE (Kysely's SQLite adapter
 * takes no lock, as it assumes one process; two processes may share a data folder). A failed
 * file leaves the database as it was.
 */
const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
/** Where Keyward recorded its versions before the Migrator took over (version, apply_time). */
const LEGACY_HISTORY = 'schema_migrations';
const HISTORY = 'kysely_migration';
const MIGRATION_LOCK = 7_345_001;

/** `through` stops after that version, so that upgrade tests can start from an older schema. */
export async function migrate(db: Db, options: { through?: string } = {}): Promise<string[]> {
  return db.kysely.connection().execute(async (conn) => {
    await sql.raw(db.dialect === 'sqlite' ? 'BEGIN IMMEDIATE' : 'BEGIN').execute(conn);
    try {
      if (db.dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(conn);
      // Kysely looks for its tables in every schema it can see unless it is told which: on a
      // PostgreSQL server holding several installations (one schema each), it would find another's.
      const schema = db.dialect === 'postgres' ? await currentSchema(conn) : undefined;
      await adoptLegacyHistory(conn, db.dialect, schema);
      const migrator = new Migrator({
        db: conn,
        provider: new SqlFileMigrations(db.dialect, options.through),
        migrationTableSchema: schema,
        disableTransactions: true,
      });
      const { error, results = [] } = await migrator.migrateToLatest();
      if (error) {
        const failed = results.find((result) => result.status === 'Error');
        throw new Error(`migration ${failed?.migrationName ?? '(none)'} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      await sql`COMMIT`.execute(conn);
      return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
    } catch (error) {
      await sql`ROLLBACK`.execute(conn).catch(() => undefined);
      throw error;
    }
  });
}

class SqlFileMigrations implements MigrationProvider {
  constructor(private readonly dialect: Dialect, private readonly through: string | undefined) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const dir = `${MIGRATIONS_DIR}${this.dialect}`;
    const migrations: Record<string, Migration> = {};
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
      const version = file.replace(/\.sql$/, '');
      if (this.through !== undefined && version > this.through) break;
      const script = readFileSync(`${dir}/${file}`, 'utf8');
      migrations[version] = { up: (db) => runScript(db, script, this.dialect) };
    }
    return migrations;
  }
}

async function runScript(db: Parameters<Migration['up']>[0], script: string, dialect: Dialect) {
  await sql.raw(script).execute(db).catch(async (error) => {
    // better-sqlite3 prepares one statement at a time; run SQLite scripts statement by statement.
    if (dialect !== 'sqlite' || !/more than one statement/i.test(String(error))) throw error;
    for (const statement of splitStatements(script)) await sql.raw(statement).execute(db);
  });
}

/** Splits on semicolons at line ends; our migrations keep one statement per `;\n`. */
function splitStatements(script: string): string[] {
  return script
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}

async function currentSchema(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db);
  return rows[0]!.schema;
}

/**
 * A database migrated by an earlier Keyward keeps its history in schema_migrations. Its rows are
 * copied into the Migrator's table, in the Migrator's own column shape, and the old table is
 * dropped, inside the migration's transaction: the Migrator then sees every version applied and
 * runs only the newer ones.
 */
async function adoptLegacyHistory(conn: Kysely<Database>, dialect: Dialect, schema: string | undefined) {
  const legacy = dialect === 'postgres'
    ? (await sql<{ found: string | null }>`SELECT to_regclass(${`${schema}.${LEGACY_HISTORY}`}) AS found`.execute(conn)).rows[0]?.found
    : (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name = ${LEGACY_HISTORY}`.execute(conn)).rows[0]?.name;
  if (!legacy) return;
  const history = schema ? sql.id(schema, HISTORY) : sql.id(HISTORY);
  await sql`CREATE TABLE IF NOT EXISTS ${history} (name varchar(255) NOT NULL PRIMARY KEY, timestamp varchar(255) NOT NULL)`.execute(conn);
  const { rows } = await sql<{ version: string; apply_time: string | number }>`SELECT version, apply_time FROM ${sql.id(LEGACY_HISTORY)} ORDER BY version`.execute(conn);
  for (const row of rows) {
    const appliedAt = new Date(Number(row.apply_time)).toISOString();
    await sql`INSERT INTO ${history} (name, timestamp) VALUES (${row.version}, ${appliedAt}) ON CONFLICT (name) DO NOTHING`.execute(conn);
  }
  await sql`DROP TABLE ${sql.id(LEGACY_HISTORY)}`.execute(conn);
}
