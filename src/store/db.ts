import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Database } from './schema.js';

export type Executor = Kysely<Database> | Transaction<Database>;
export type Dialect = 'sqlite' | 'postgres';

/**
 * One database handle for both engines. Query modules take an `Executor` and never care which
 * engine runs underneath; the few engine-specific statements (advisory locks, BEGIN IMMEDIATE)
 * live here and in the event store.
 */
export interface Db {
  readonly dialect: Dialect;
  readonly kysely: Kysely<Database>;
  /** Runs `fn` in one transaction; everything it wrote commits together or not at all. */
  transaction<T>(fn: (trx: Executor) => Promise<T>): Promise<T>;
  /** Runs a multi-statement SQL script (migrations). */
  exec(script: string): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** The PostgreSQL pool, for LISTEN; undefined on SQLite. */
  readonly pool?: pg.Pool;
}

// int8 (BIGINT) columns hold epoch milliseconds and sequences, all far below 2^53.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

export function openDatabase(options: { databaseUrl?: string; dataDir: string; poolSize?: number }): Db {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  return openSqlite(join(options.dataDir, 'keyward.sqlite'));
}

export function openSqlite(file: string): Db {
  const native = new SQLite(file);
  // WAL lets readers in several worker processes run beside the one writer; busy_timeout makes
  // a writer wait for another process's transaction instead of failing at once.
  native.pragma('journal_mode = WAL');
  native.pragma('busy_timeout = 5000');
  native.pragma('synchronous = NORMAL');
  native.pragma('foreign_keys = ON');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(native) }) });
  return {
    dialect: 'sqlite',
    kysely,
    async transaction(fn) {
      // BEGIN IMMEDIATE takes the write lock up front: a deferred transaction that reads and then
      // writes can fail with SQLITE_BUSY when another process committed in between.
      return kysely.connection().execute(async (conn) => {
        await sql`BEGIN IMMEDIATE`.execute(conn);
        try {
          const result = await fn(conn as unknown as Transaction<Database>);
          await sql`COMMIT`.execute(conn);
          return result;
        } catch (error) {
          if (native.inTransaction) await sql`ROLLBACK`.execute(conn);
          throw error;
        }
      });
    },
    async exec(script) {
      native.exec(script);
    },
    async ping() {
      native.prepare('SELECT 1').get();
    },
    async close() {
      await kysely.destroy();
    },
  };
}

/** Bound on cached prepared statements: queries with variable-length IN lists make distinct SQL. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every statement anew on every query; preparing costs more than
 * running a simple indexed query. better-sqlite3 statements are reusable (the driver only calls
 * `all`/`run`, synchronously), and SQLite re-prepares a statement itself after a schema change,
 * so a bounded cache keyed by the SQL text is safe.
 */
function cachingStatements(native: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (source: string) => {
    let statement = cache.get(source);
    if (statement === undefined) {
      statement = native.prepare(source);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(source, statement);
    }
    return statement;
  };
  return new Proxy(native, {
    get(target, property, receiver) {
      if (property === 'prepare') return prepare;
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export function openPostgres(connectionString: string, max: number): Db {
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 5000 });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => {});
  // A checked-out client has no pool listener (pg-pool removes it on acquire): a connection lost
  // between two statements of a transaction would emit an unhandled 'error' and kill the process
  // (node-postgres#2386). The failure still reaches the caller through the next query, and the
  // pool drops the broken client on release.
  pool.on('connect', (client) => client.on('error', () => {}));
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    dialect: 'postgres',
    kysely,
    pool,
    transaction: (fn) => kysely.transaction().execute(fn),
    async exec(script) {
      await pool.query(script);
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      await kysely.destroy();
    },
  };
}
