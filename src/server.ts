import cluster from 'node:cluster';
import { buildHttp, openRuntime } from './compose.js';
import type { Config } from './config.js';
import { KeyEncryption } from './crypto/key-encryption.js';
import { loadOrCreateKeyFile } from './crypto/key-material.js';
import { SecretHasher } from './crypto/secrets.js';
import { createLogger } from './logger.js';
import { checkSharedSecrets } from './services/installation.js';
import { Store } from './store/index.js';
import { migrate } from './store/migrate.js';
import { openDatabase } from './store/db.js';
import { keepTickObjectShapeAlive } from './tick-object-shape.js';

/** The listen address cannot be had (in use, not ours, privileged): one line says which, no stack. */
export class ListenError extends Error {}

/** A worker's exit code when it cannot listen: the primary stops instead of forking it again. */
export const LISTEN_FAILED_EXIT = 3;

const LISTEN_PROBLEMS: Record<string, string> = {
  EADDRINUSE: 'is already in use; stop the process holding it or set PORT (or HOST) to another',
  EACCES: 'needs privileges this process does not have; choose a PORT above 1023',
  EADDRNOTAVAIL: 'is not an address of this host; set HOST to one of its addresses or 0.0.0.0',
};

/**
 * Starts Keyward: one process, or with KEYWARD_WORKERS=N a primary that migrates the database
 * once and forks N workers sharing the port (node:cluster). Stops gracefully on SIGTERM/SIGINT:
 * no new connections, in-flight requests finish, batched writes are flushed.
 */
export async function serve(config: Config) {
  const logger = createLogger(config.logLevel);
  if (config.workers > 1 && cluster.isPrimary) {
    const db = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      await migrate(db);
      // Workers started with another installation's pepper or KEK would each die and be forked again.
      await checkSharedSecrets(
        new Store(db),
        new SecretHasher(loadOrCreateKeyFile(config.dataDir, 'pepper', config.pepper)),
        new KeyEncryption(loadOrCreateKeyFile(config.dataDir, 'kek', config.keyEncryptionKey)),
      );
    } finally {
      await db.close();
    }
    logger.info({ workers: config.workers }, 'starting workers');
    for (let i = 0; i < config.workers; i++) cluster.fork();
    let stopping = false;
    let listenErrorShown = false;
    cluster.on('message', (_worker, message: { listenError?: unknown }) => {
      if (typeof message?.listenError !== 'string' || listenErrorShown) return;
      listenErrorShown = true;
      console.error(`keyward: ${message.listenError}`);
    });
    cluster.on('exit', (worker, code) => {
      if (code === LISTEN_FAILED_EXIT && !stopping) {
        // The worker told why (printed once above); forking another would fail the same way, forever.
        stopping = true;
        for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
        process.exitCode = LISTEN_FAILED_EXIT;
        return;
      }
      if (!stopping) {
        logger.warn({ pid: worker.process.pid, code }, 'worker exited; starting another');
        cluster.fork();
      }
    });
    const stop = () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    return;
  }

  await keepTickObjectShapeAlive();
  const runtime = await openRuntime(config, logger, { migrate: cluster.isPrimary });
  await runtime.start();
  const app = await buildHttp(runtime);
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    const problem = LISTEN_PROBLEMS[(error as NodeJS.ErrnoException).code ?? ''];
    if (!problem) throw error;
    await app.close();
    await runtime.close();
    throw new ListenError(`port ${config.port} on ${config.host} ${problem}.`);
  }
  logger.info({ issuer: config.issuer, database: config.databaseUrl ? 'postgres' : 'sqlite' }, 'keyward is serving');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    await app.close();
    await runtime.close();
    clearTimeout(force);
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
