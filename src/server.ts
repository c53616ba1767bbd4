import type { FastifyInstance } from 'fastify';
import cluster from 'node:cluster';
import { buildHttp, openRuntime } from './compose.js';
import type { Config } from './config.js';
import { KeyEncryption } from './crypto/key-encryption.js';
import { loadOrCreateKeyFile } from './crypto/key-material.js';
import { SecretHasher } from './crypto/secrets.js';
import { createLogger } from './logger.js';
import { checkSharedSecrets } from './runtime/shared-secrets.js';
import { Store } from './store/index.js';
import { migrate } from './store/migrate.js';
import { openDatabase } from './store/db.js';
import { keepTickObjectShapeAlive } from './tick-object-shape.js';

/** The listen address cannot be had (in use, not ours, privileged): one line says which, no stack. */
export class ListenError extends Error {}

/** A worker's exit code when it cannot listen: the primary stops instead of forking it again. */
export const LISTEN_FAILED_EXIT = 3;

/** Each problem names the settings that choose the address: PORT and HOST, or the admin listener's. */
const LISTEN_PROBLEMS: Record<string, (port: string, host: string) => string> = {
  EADDRINUSE: (port, host) => `is already in use; stop the process holding it or set ${port} (or ${host}) to another`,
  EACCES: (port) => `needs privileges this process does not have; choose a ${port} above 1023`,
  EADDRNOTAVAIL: (_port, host) => `is not an address of this host; set ${host} to one of its addresses or 0.0.0.0`,
};

interface Listener {
  app: FastifyInstance;
  what: string;
  port: number;
  host: string;
  /** The settings that choose this address, named when it cannot be had. */
  settings: [port: string, host: string];
}

/**
 * Starts Keyward: one process, or with KEYWARD_WORKERS=N a primary that migrates the database
 * once and forks N workers sharing the port, and the admin port if set (node:cluster). Stops
 * gracefully on SIGTERM/SIGINT: no new connections on either listener, in-flight requests
 * finish, batched writes are flushed.
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
  // With KEYWARD_ADMIN_PORT the admin API gets a listener of its own and PORT serves the public surface only.
  const listeners: Listener[] = [
    { app: await buildHttp(runtime, {}, config.adminPort === undefined ? 'all' : 'public'), what: 'port', port: config.port, host: config.host, settings: ['PORT', 'HOST'] },
  ];
  if (config.adminPort !== undefined) {
    listeners.push({ app: await buildHttp(runtime, {}, 'admin'), what: 'admin port', port: config.adminPort, host: config.adminHost, settings: ['KEYWARD_ADMIN_PORT', 'KEYWARD_ADMIN_HOST'] });
  }
  for (const { app, what, port, host, settings } of listeners) {
    try {
      await app.listen({ port, host });
    } catch (error) {
      const problem = LISTEN_PROBLEMS[(error as NodeJS.ErrnoException).code ?? ''];
      if (!problem) throw error;
      for (const listener of listeners) await listener.app.close();
      await runtime.close();
      throw new ListenError(`${what} ${port} on ${host} ${problem(...settings)}.`);
    }
  }
  logger.info({ issuer: config.issuer, database: config.databaseUrl ? 'postgres' : 'sqlite' }, 'keyward is serving');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    await Promise.all(listeners.map(({ app }) => app.close()));
    await runtime.close();
    clearTimeout(force);
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
