import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { databases } from '../helpers/harness.js';

const run = promisify(execFile);

/**
 * Migrations run through Kysely's Migrator. A database that an earlier Keyward migrated keeps
 * its history in schema_migrations (version, apply_time): the first start of this version must
 * take that history over, run only the newer files, and keep every row.
 */

type DatabaseConfig = { dataDir: string; databaseUrl?: string };

async function openEngine(engine: (typeof databases)[number]): Promise<{ open: () => Db; config: DatabaseConfig; cleanup: () => Promise<void> }> {
  if (engine.name === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'keyward-migrations-'));
    return { open: () => openDatabase({ dataDir: dir }), config: { dataDir: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `kw_migrations_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: engine.url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(engine.url!);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const config = { dataDir: tmpdir(), databaseUrl: url.toString() };
  return {
    open: () => openDatabase(config),
    config,
    cleanup: async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

/** Opens the database in a process of its own and migrates it: the versions it applied. */
async function migrateInAnotherProcess(config: DatabaseConfig): Promise<string[]> {
  const script = `
    import { openDatabase } from './src/store/db.ts';
    import { migrate } from './src/store/migrate.ts';
    const db = openDatabase(${JSON.stringify(config)});
    try { process.stdout.write(JSON.stringify(await migrate(db))); } finally { await db.close(); }
  `;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
  return JSON.parse(stdout) as string[];
}

const migrationsDir = (dialect: string) => join('src', 'store', 'migrations', dialect);
const versions = (dialect: string) => readdirSync(migrationsDir(dialect)).filter((f) => f.endsWith('.sql')).sort().map((f) => f.replace(/\.sql$/, ''));

/** What Keyward before the Migrator did: each file, then its row in schema_migrations. */
async function migrateTheOldWay(db: Db, through: string) {
  await sql.raw('CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, apply_time BIGINT NOT NULL)').execute(db.kysely);
  for (const version of versions(db.dialect).filter((v) => v <= through)) {
    const script = readFileSync(join(migrationsDir(db.dialect), `${version}.sql`), 'utf8');
    const statements = db.dialect === 'sqlite' ? script.split(/;\s*(?:\n|$)/).map((s) => s.replace(/^\s*--.*$/gm, '').trim()).filter(Boolean) : [script];
    for (const statement of statements) await sql.raw(statement).execute(db.kysely);
    await sql`INSERT INTO schema_migrations (version, apply_time) VALUES (${version}, ${Date.UTC(2026, 0, 2)})`.execute(db.kysely);
  }
}

async function history(db: Db) {
  const { rows } = await sql<{ name: string; timestamp: string }>`SELECT name, timestamp FROM kysely_migration ORDER BY name`.execute(db.kysely);
  return rows;
}

async function hasTable(db: Db, table: string) {
  const { rows } = db.dialect === 'postgres'
    ? await sql<{ found: string | null }>`SELECT to_regclass(${table}) AS found`.execute(db.kysely)
    : await sql<{ found: string }>`SELECT name AS found FROM sqlite_master WHERE type = 'table' AND name = ${table}`.execute(db.kysely);
  return Boolean(rows[0]?.found);
}

for (const engine of databases) {
  describe(`migrations through Kysely's Migrator (${engine.name})`, () => {
    it('a fresh database gets every version once; a second run applies nothing', async (t) => {
      const { open, cleanup } = await openEngine(engine);
      t.after(cleanup);
      const db = open();
      t.after(() => db.close());
      assert.deepEqual(await migrate(db), versions(db.dialect));
      assert.deepEqual(await migrate(db), []);
      assert.deepEqual((await history(db)).map((row) => row.name), versions(db.dialect));
    });

    it('takes over the history of a database an earlier Keyward migrated: only newer files run, no row is lost', async (t) => {
      const { open, cleanup } = await openEngine(engine);
      t.after(cleanup);
      const db = open();
      t.after(() => db.close());
      const all = versions(db.dialect);
      const older = all.slice(0, -1);
      await migrateTheOldWay(db, older.at(-1)!);
      const now = Date.now();
      await db.kysely.insertInto('organizations').values({ id: 'org_kept', display_name: 'kept', default_workspace_id: null, create_time: now, update_time: now }).execute();

      assert.deepEqual(await migrate(db), all.slice(-1), 'only the version the old history lacks');
      const adopted = await history(db);
      assert.deepEqual(adopted.map((row) => row.name), all);
      for (const row of adopted.slice(0, older.length)) assert.equal(row.timestamp, new Date(Date.UTC(2026, 0, 2)).toISOString(), `${row.name} keeps its time`);
      assert.equal(await hasTable(db, 'schema_migrations'), false, 'one history, not two');
      assert.deepEqual(await db.kysely.selectFrom('organizations').select('display_name').where('id', '=', 'org_kept').execute(), [{ display_name: 'kept' }]);
      assert.deepEqual(await migrate(db), []);
    });

    it('two processes migrating a fresh database at once apply each version exactly once', async (t) => {
      const { open, config, cleanup } = await openEngine(engine);
      t.after(cleanup);
      const [fromA, fromB] = await Promise.all([migrateInAnotherProcess(config), migrateInAnotherProcess(config)]);
      const db = open();
      t.after(() => db.close());
      assert.deepEqual([...fromA, ...fromB].sort(), versions(db.dialect));
      assert.deepEqual((await history(db)).map((row) => row.name), versions(db.dialect));
    });
  });
}
