#!/usr/bin/env node
// The composition root's entry point: read the configuration once, then serve.
import { ConfigError, loadConfig } from './config.js';
import { serve } from './server.js';

try {
  await serve(loadConfig());
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`keyward: ${error.message}`);
  process.exit(2);
}
