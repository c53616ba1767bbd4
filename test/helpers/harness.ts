import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import lightMyRequest, { type DispatchFunc } from 'light-my-request';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import pg from 'pg';
import type { DestinationStream } from 'pino';
import { buildHttp, openRuntime, type Runtime, type RuntimeOptions } from '../../src/compose.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { AppDeps } from '../../src/http/app.js';
import { createLogger } from '../../src/logger.js';

/**
 * The databases every store and HTTP suite runs on: SQLite always, PostgreSQL when
 * TEST_DATABASE_URL is set (CI sets it). Suites say so when they skip it.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;
export const databases: { name: 'sqlite' | 'postgres'; url?: string }[] = [
  { name: 'sqlite' },
  ...(TEST_DATABASE_URL ? [{ name: 'postgres' as const, url: TEST_DATABASE_URL }] : []),
];
if (!TEST_DATABASE_URL && !process.env.KEYWARD_QUIET_SKIP) {
  process.env.KEYWARD_QUIET_SKIP = '1';
  console.log('# TEST_DATABASE_URL is not set: PostgreSQL variants of the store and HTTP suites are skipped.');
}

export const ISSUER = 'http://keyward.test';
export const ADMIN_ID = 'test-admin';
export const ADMIN_SECRET = 'test-admin-secret-0123456789abcdefghij';

let schemaCounter = 0;

/** A fresh PostgreSQL schema per harness, so suites never see each other's rows. */
async function freshPostgresUrl(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `kw_${process.pid}_${Date.now().toString(36)}_${schemaCounter++}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: scoped.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
}

// Tests read response bodies freely; their shape is what the assertions check.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Parsed = { status: number; body: any; headers: Record<string, unknown> };

export interface Harness {
  app: FastifyInstance;
  runtime: Runtime;
  config: Config;
  dataDir: string;
  databaseUrl?: string;
  /** A super-admin bearer token for the bootstrap client. */
  adminToken: string;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  /** JSON request with the admin token (or `token`), parsed JSON body. */
  call(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<Parsed>;
  /** POST /oauth/token with Basic auth; parsed body. */
  token(clientId: string, secret: string, params?: Record<string, string>): Promise<Parsed>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  db?: { name: 'sqlite' | 'postgres'; url?: string };
  env?: Record<string, string>;
  extra?: Partial<AppDeps>;
  /** Reuse a data folder / database (restart scenarios). */
  dataDir?: string;
  databaseUrl?: string;
  /** Runtime knobs: e.g. a webhook dispatcher that only runs when the test calls runOnce. */
  runtime?: RuntimeOptions;
  /** Where the runtime's pino logs go (e.g. a capture for secret-leak checks); stdout when unset. */
  logStream?: DestinationStream;
}

export async function startHarness(t: TestContext | undefined, options: HarnessOptions = {}): Promise<Harness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'keyward-test-'));
  let databaseUrl = options.databaseUrl;
  let dropSchema: (() => Promise<void>) | undefined;
  if (!databaseUrl && options.db?.name === 'postgres' && options.db.url) {
    const fresh = await freshPostgresUrl(options.db.url);
    databaseUrl = fresh.url;
    dropSchema = fresh.drop;
  }
  const config = loadConfig({
    KEYWARD_DATA_DIR: dataDir,
    KEYWARD_ISSUER: ISSUER,
    KEYWARD_BOOTSTRAP_CLIENT_ID: ADMIN_ID,
    KEYWARD_BOOTSTRAP_CLIENT_SECRET: ADMIN_SECRET,
    KEYWARD_PEPPER: 'test-pepper-0123456789abcdefghijklmnopqrstuvwxyz',
    KEYWARD_KEK: 'test-kek-0123456789abcdefghijklmnopqrstuvwxyz',
    KEYWARD_WEBHOOKS_ALLOW_PRIVATE: 'true',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...options.env,
  });
  const logger = createLogger(config.logLevel, options.logStream);
  const runtime = await openRuntime(config, logger, options.runtime);
  await runtime.start();
  const app = await buildHttp(runtime, options.extra);

  // Through the server's own request listener, as a client through the port: the OAuth
  // endpoints' hot path answers before Fastify (src/http/hot-path.ts). `app.inject` reaches Fastify only.
  const listener = app.server.listeners('request')[0] as DispatchFunc;
  const inject = (o: InjectOptions) => lightMyRequest(listener, o) as Promise<LightMyRequestResponse>;
  const parse = (res: LightMyRequestResponse) => {
    let body: any = res.body; // eslint-disable-line @typescript-eslint/no-explicit-any
    try {
      body = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.statusCode, body, headers: res.headers as Record<string, unknown> };
  };
  const token = async (clientId: string, secret: string, params: Record<string, string> = {}) =>
    parse(
      await inject({
        method: 'POST',
        url: '/oauth/token',
        headers: {
          authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: new URLSearchParams({ grant_type: 'client_credentials', ...params }).toString(),
      }),
    );
  const admin = await token(ADMIN_ID, ADMIN_SECRET);
  if (admin.status !== 200) throw new Error(`bootstrap token failed: ${JSON.stringify(admin.body)}`);

  let closed = false;
  const harness: Harness = {
    app,
    runtime,
    config,
    dataDir,
    databaseUrl,
    adminToken: admin.body.access_token,
    inject,
    token,
    async call(method, url, body, headers = {}) {
      return parse(
        await inject({
          method: method as InjectOptions['method'],
          url,
          headers: { authorization: `Bearer ${harness.adminToken}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
          ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
        }),
      );
    },
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await runtime.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      await dropSchema?.();
    },
  };
  t?.after(() => harness.close());
  return harness;
}

/** Creates an organization and returns a token of an org-admin client inside it. */
export async function createTenant(h: Harness, name = 'Tenant') {
  const org = await h.call('POST', '/v1/organizations', { displayName: name });
  if (org.status !== 200) throw new Error(`create org failed: ${JSON.stringify(org.body)}`);
  const orgId: string = org.body.id;
  const client = await h.call('POST', '/v1/apiClients', { displayName: `${name} admin`, permissions: ['keyward:admin'] }, { 'x-keyward-org': orgId });
  if (client.status !== 200) throw new Error(`create tenant admin failed: ${JSON.stringify(client.body)}`);
  const token = await h.token(client.body.clientId, client.body.clientSecret);
  return { orgId, clientId: client.body.clientId as string, secret: client.body.clientSecret as string, token: token.body.access_token as string };
}

/** The bearer header of a new API client holding exactly `permissions`, created by the admin `as`. */
export async function bearerWith(h: Harness, as: Record<string, string>, permissions: string[]) {
  const client = await h.call('POST', '/v1/apiClients', { displayName: permissions.join(' ') || 'no permissions', permissions }, as);
  if (client.status !== 200) throw new Error(`create client failed: ${JSON.stringify(client.body)}`);
  return { authorization: `Bearer ${(await h.token(client.body.clientId, client.body.clientSecret)).body.access_token}` };
}
