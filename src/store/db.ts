import SQLite from 'better-sqlite3';
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  sql,
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type Dialect as KyselyDialect,
  type SqliteDatabase,
  type SqliteStatement,
  type Transaction,
  type TransactionSettings,
} from 'kysely';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { driverError, toDomainError } from './errors.js';
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
  /**
   * Runs one write that is atomic by itself (a single statement). On SQLite it shares the next
   * group commit instead of paying a commit of its own; on PostgreSQL it runs as it is, since a
   * transaction there would only add round trips.
   */
  write<T>(fn: (db: Executor) => Promise<T>): Promise<T>;
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
  // a statement wait for another process's lock instead of failing at once (transactions wait
  // for the write lock without blocking the thread: see beginImmediate).
  native.pragma('journal_mode = WAL');
  native.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  native.pragma('synchronous = NORMAL');
  native.pragma('foreign_keys = ON');
  // Checkpoints (copying the WAL into the database, with its fsyncs) run on a thread of their
  // own; inline they cost the committing request hundreds of microseconds on average and tens
  // of milliseconds at the unlucky commit. The inline one stays as a bound should that thread fall behind.
  native.pragma(`wal_autocheckpoint = ${INLINE_CHECKPOINT_PAGES}`);
  const checkpointer = startCheckpointer(file);
  const kysely = new Kysely<Database>({ dialect: speakingDomainErrors(new SqliteDialect({ database: cachingStatements(native) })) });
  const { transaction, write } = groupCommit(kysely, native);
  return {
    dialect: 'sqlite',
    kysely,
    transaction,
    write,
    async exec(script) {
      native.exec(script);
    },
    async ping() {
      native.prepare('SELECT 1').get();
    },
    async close() {
      await checkpointer.terminate();
      await kysely.destroy();
    },
  };
}

/** How long a write waits for another process's write lock before it fails (a 503). */
const BUSY_TIMEOUT_MS = 5000;

const SAVEPOINT = CompiledQuery.raw('SAVEPOINT grouped');
const RELEASE = CompiledQuery.raw('RELEASE grouped');
const ROLLBACK_TO = CompiledQuery.raw('ROLLBACK TO grouped');

/** At most this many transactions share one commit, so that reads waiting for the connection get their turn. */
const GROUP_COMMIT_LIMIT = 32;

interface PendingTransaction {
  fn: (trx: Executor) => Promise<unknown>;
  /** One statement, atomic by itself: SQLite undoes a failed statement alone, no savepoint needed. */
  statement: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * SQLite transactions with group commit. A commit writes one WAL frame per B-tree page the
 * transaction touched, and an admin write touches a dozen trees: the commit costs more than all
 * its statements. So the transactions requested in one turn of the event loop run one after
 * another, each inside a savepoint, in a single database transaction that commits once. The
 * group starts on the next turn (setImmediate): better-sqlite3 answers synchronously, and a
 * transaction started at once would run to its end before another request is even read.
 *
 * Isolation is what it was: SQLite has one writer, and the members run one at a time in arrival
 * order. A member that fails is rolled back to its savepoint and fails alone (a single-statement
 * write, such as the token path's ledger insert, needs no savepoint: SQLite undoes a failed
 * statement by itself, and the two statements saved are a fifth of its cost); the others learn
 * of their success only once the shared COMMIT is done. Should SQLite abandon the whole
 * transaction (a full disk, an I/O error) or the COMMIT fail, every member of the group fails.
 */
function groupCommit(kysely: Kysely<Database>, native: SQLite.Database): Pick<Db, 'transaction' | 'write'> {
  const queue: PendingTransaction[] = [];
  let draining = false;

  const noBusyWait = native.prepare('PRAGMA busy_timeout = 0');
  const busyWait = native.prepare(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);

  /**
   * BEGIN IMMEDIATE takes the write lock up front: a deferred transaction that reads and then
   * writes can fail with SQLITE_BUSY when another process committed in between. While another
   * worker process holds the lock, SQLite's own busy handler would sleep on this thread and stall
   * every request of this process, tokens included; so the wait happens here, between turns of
   * the event loop, for as long as busy_timeout would have waited.
   */
  async function beginImmediate(conn: Executor) {
    const deadline = Date.now() + BUSY_TIMEOUT_MS;
    for (let delay = 1; ; delay = Math.min(delay * 2, 20)) {
      noBusyWait.run();
      try {
        await sql`BEGIN IMMEDIATE`.execute(conn);
        return;
      } catch (error) {
        const code = (driverError(error) as { code?: unknown }).code;
        if (typeof code !== 'string' || !code.startsWith('SQLITE_BUSY') || Date.now() + delay > deadline) throw error;
      } finally {
        busyWait.run();
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  async function runGroup(conn: Executor) {
    try {
      await beginImmediate(conn);
    } catch (error) {
      queue.shift()!.reject(error);
      return;
    }
    const succeeded: Array<{ member: PendingTransaction; value: unknown }> = [];
    const failAll = async (error: unknown) => {
      if (native.inTransaction) await sql`ROLLBACK`.execute(conn);
      for (const { member } of succeeded) member.reject(error);
    };
    for (let taken = 0; taken < GROUP_COMMIT_LIMIT && queue.length > 0; taken++) {
      const member = queue.shift()!;
      try {
        if (member.statement) {
          succeeded.push({ member, value: await member.fn(conn) });
          continue;
        }
        await conn.executeQuery(SAVEPOINT);
        const value = await member.fn(conn);
        await conn.executeQuery(RELEASE);
        succeeded.push({ member, value });
      } catch (error) {
        member.reject(error);
        if (!native.inTransaction) {
          // SQLite rolled back the whole transaction (a full disk, an I/O error): the members
          // that succeeded before this one are undone too.
          await failAll(error);
          return;
        }
        if (member.statement) continue;
        try {
          await conn.executeQuery(ROLLBACK_TO);
          await conn.executeQuery(RELEASE);
        } catch (rollbackError) {
          await failAll(rollbackError);
          return;
        }
      }
    }
    try {
      await sql`COMMIT`.execute(conn);
    } catch (error) {
      await failAll(error);
      return;
    }
    for (const { member, value } of succeeded) member.resolve(value);
  }

  async function drain() {
    try {
      while (queue.length > 0) await kysely.connection().execute((conn) => runGroup(conn));
    } catch (error) {
      // The connection itself is gone (the database was closed): nothing queued can run.
      for (const member of queue.splice(0)) member.reject(error);
    } finally {
      draining = false;
    }
  }

  const enqueue = <T>(fn: (trx: Executor) => Promise<T>, statement: boolean) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ fn, statement, resolve: resolve as (value: unknown) => void, reject });
      if (!draining) {
        draining = true;
        setImmediate(drain);
      }
    });
  return {
    transaction: (fn) => enqueue(fn, false),
    write: (fn) => enqueue(fn, true),
  };
}

/** The WAL size (in 4 KiB pages) at which a commit checkpoints inline after all. */
const INLINE_CHECKPOINT_PAGES = 8000;
const CHECKPOINT_INTERVAL_MS = 250;

/**
 * A worker thread with its own connection that checkpoints the WAL every quarter second.
 * PASSIVE never waits for readers or the writer; it copies what it can, and the next commit
 * after a complete checkpoint starts the WAL over from its beginning.
 */
function startCheckpointer(file: string): Worker {
  const source = `
    const { workerData } = require('node:worker_threads');
    const Database = require(workerData.driver);
    const db = new Database(workerData.file);
    db.pragma('busy_timeout = 5000');
    setInterval(() => {
      try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy or closing: the next tick tries again */ }
    }, workerData.interval);
  `;
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(source, { eval: true, workerData: { file, driver, interval: CHECKPOINT_INTERVAL_MS } });
  // The thread must not keep the process alive, and its failure only brings back inline checkpoints.
  worker.unref();
  worker.on('error', () => {});
  return worker;
}

/** Bound on cached prepared statements: queries with variable-length IN lists make distinct SQL. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * What Kysely's SQLite dialect runs statements through, with two costs removed:
 * - Kysely prepares every statement anew on every query, and preparing costs more than running
 *   a simple indexed query. better-sqlite3 statements are reusable, and SQLite re-prepares a
 *   statement itself after a schema change, so a bounded cache keyed by the SQL text is safe.
 * - better-sqlite3 builds each result row as an object through the native API, which for our
 *   wide rows costs three times reading them as arrays and naming the columns here (a page of
 *   100 clients: 1.1 ms against 0.37 ms).
 */
function cachingStatements(native: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => native.close(),
    prepare(source) {
      let statement = cache.get(source);
      if (statement === undefined) {
        statement = rowsAsObjects(native.prepare(source));
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
        cache.set(source, statement);
      }
      return statement;
    },
  };
}

function rowsAsObjects(statement: SQLite.Statement): SqliteStatement {
  if (!statement.reader) return statement as SqliteStatement;
  const columnNames = () => statement.columns().map((column) => column.name);
  let names = columnNames();
  statement.raw(true);
  const toObject = (values: unknown[]) => {
    // Another process's migration may have changed what `SELECT *` returns; SQLite re-prepared the statement.
    if (values.length !== names.length) names = columnNames();
    const row: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) row[names[i]!] = values[i];
    return row;
  };
  return {
    reader: true,
    all: (parameters) => (statement.all(parameters) as unknown[][]).map(toObject),
    run: (parameters) => statement.run(parameters),
    *iterate(parameters) {
      for (const values of statement.iterate(parameters) as IterableIterator<unknown[]>) yield toObject(values);
    },
  };
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
  const kysely = new Kysely<Database>({ dialect: speakingDomainErrors(new PostgresDialect({ pool })) });
  return {
    dialect: 'postgres',
    kysely,
    pool,
    transaction: (fn) => kysely.transaction().execute(fn),
    write: (fn) => fn(kysely),
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

const rethrowTranslated = (error: unknown): never => {
  throw toDomainError(error);
};

/** Runs a driver call, translating its error whether it rejects or throws at once. */
async function translated<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toDomainError(error);
  }
}

/**
 * The engine's dialect with every driver error translated into a domain error on its way out
 * (store/errors.ts), at the one place all queries, transactions and pool checkouts pass.
 */
function speakingDomainErrors(dialect: KyselyDialect): KyselyDialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver: () => new TranslatingDriver(dialect.createDriver()),
  };
}

class TranslatingConnection implements DatabaseConnection {
  constructor(readonly inner: DatabaseConnection) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    // Kysely's SQLite connection throws synchronously (better-sqlite3 answers at once).
    try {
      return this.inner.executeQuery<R>(query).catch(rethrowTranslated);
    } catch (error) {
      return Promise.reject(toDomainError(error));
    }
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number) {
    try {
      yield* this.inner.streamQuery<R>(query, chunkSize);
    } catch (error) {
      rethrowTranslated(error);
    }
  }
}

/** The engine's driver sees its own connections: PostgreSQL releases a client through a private field. */
class TranslatingDriver implements Driver {
  readonly #connections = new WeakMap<DatabaseConnection, TranslatingConnection>();

  constructor(private readonly inner: Driver) {}

  init() {
    return translated(() => this.inner.init());
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await translated(() => this.inner.acquireConnection());
    let wrapped = this.#connections.get(connection);
    if (!wrapped) this.#connections.set(connection, (wrapped = new TranslatingConnection(connection)));
    return wrapped;
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    return translated(() => this.inner.beginTransaction(unwrap(connection), settings));
  }

  commitTransaction(connection: DatabaseConnection) {
    return translated(() => this.inner.commitTransaction(unwrap(connection)));
  }

  rollbackTransaction(connection: DatabaseConnection) {
    return translated(() => this.inner.rollbackTransaction(unwrap(connection)));
  }

  savepoint(connection: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['savepoint']>>[2]) {
    return translated(() => this.inner.savepoint!(unwrap(connection), name, compile));
  }

  rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['rollbackToSavepoint']>>[2]) {
    return translated(() => this.inner.rollbackToSavepoint!(unwrap(connection), name, compile));
  }

  releaseSavepoint(connection: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['releaseSavepoint']>>[2]) {
    return translated(() => this.inner.releaseSavepoint!(unwrap(connection), name, compile));
  }

  releaseConnection(connection: DatabaseConnection) {
    return this.inner.releaseConnection(unwrap(connection));
  }

  destroy() {
    return this.inner.destroy();
  }
}

const unwrap = (connection: DatabaseConnection) => (connection instanceof TranslatingConnection ? connection.inner : connection);

