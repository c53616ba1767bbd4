// Builds the OpenAPI document exactly as a running Keyward serves it at /openapi.json, on a
// throwaway SQLite data folder with a fixed issuer, so the committed copy does not depend on
// the machine that generated it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildHttp, openRuntime } from '../src/compose.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';

export const OPENAPI_ISSUER = 'http://localhost:8080';
export const openapiPath = new URL('../docs/openapi.json', import.meta.url);

export async function servedOpenApi(): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyward-openapi-'));
  try {
    const config = loadConfig({
      KEYWARD_DATA_DIR: dataDir,
      KEYWARD_ISSUER: OPENAPI_ISSUER,
      KEYWARD_PEPPER: 'openapi-pepper-0123456789abcdefghijklmnopqrstuvwxyz',
      KEYWARD_KEK: 'openapi-kek-0123456789abcdefghijklmnopqrstuvwxyz',
      LOG_LEVEL: 'silent',
    });
    const runtime = await openRuntime(config, createLogger(config.logLevel), {
      webhooks: { autoStart: false },
      credentialExpiry: { autoStart: false },
    });
    try {
      const app = await buildHttp(runtime);
      try {
        const res = await app.inject({ method: 'GET', url: '/openapi.json' });
        if (res.statusCode !== 200) throw new Error(`GET /openapi.json answered ${res.statusCode}`);
        return JSON.parse(res.body) as Record<string, unknown>;
      } finally {
        await app.close();
      }
    } finally {
      await runtime.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Pretty-printed in the key order the server emits, with a final newline. */
export const renderOpenApi = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;
