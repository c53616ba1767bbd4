#!/usr/bin/env node
// The composition root's entry point: read the configuration once, then serve.
import cluster from 'node:cluster';
import { ConfigError, loadConfig, StartupError } from './config.js';
import { LISTEN_FAILED_EXIT, ListenError, serve } from './server.js';

try {
  await serve(loadConfig());
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof StartupError || error instanceof ListenError)) throw error;
  // Every worker fails to listen alike: the primary prints the first one's line, once.
  if (error instanceof ListenError && cluster.isWorker && process.send) {
    process.send({ listenError: error.message }, () => process.exit(LISTEN_FAILED_EXIT));
    await new Promise(() => {});
  }
  console.error(`keyward: ${error.message}`);
  process.exit(error instanceof ListenError ? LISTEN_FAILED_EXIT : error instanceof ConfigError ? 2 : 1);
}
