import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import pg from 'pg';

/**
 * Real server processes for the fault suite: `node dist/main.js` on a data folder or a
 * PostgreSQL schema, started, waited for, and killed with SIGKILL. The suite builds dist/ once.
 */
export const LONG = process.env.FAULTS_LONG === '1';
export const ADMIN_ID = 'faults-admin';
export const ADMIN_SECRET = 'faults-admin-secret-0123456789abcdefghij';
export const PEPPER = 'faults-pepper-0123456789abcdefghijklmnopqrstuvwxyz';
export const KEK = 'faults-kek-0123456789abcdefghijklmnopqrstuvwxyz';

let built = false;
export function buildOnce() {
  if (built) return;
  // `npm test` builds dist/ before it runs (pretest).
  const fresh = process.env.FAULTS_SKIP_BUILD === '1' || process.env.npm_lifecycle_event === 'test';
  if (!fresh || !existsSync('dist/main.js')) {
    const res = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
    if (res.status !== 0) throw new Error('npm run build failed');
  }
  built = true;
}

export interface Server {
  child: ChildProcess;
  url: string;
  /** The admin listener, when KEYWARD_ADMIN_PORT is among the settings (on 127.0.0.1). */
  adminUrl?: string;
  output: () => string;
  kill(): Promise<void>;
}

export interface ServerOptions {
  dataDir: string;
  databaseUrl?: string;
  /** 0 (the default) lets the system choose. */
  port?: number;
  /** KEYWARD_ISSUER; null leaves it unset, so it defaults to http://localhost:$PORT. */
  issuer?: string | null;
  /** More settings, or other values for the ones above (KEYWARD_KEK, KEYWARD_PEPPER, …). */
  env?: Record<string, string>;
}

function spawnServer(options: ServerOptions): ChildProcess {
  const issuer = options.issuer === undefined ? 'http://keyward.faults' : options.issuer;
  return spawn(process.execPath, ['dist/main.js'], {
    env: {
      PATH: process.env.PATH,
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      ...(issuer !== null ? { KEYWARD_ISSUER: issuer } : {}),
      KEYWARD_DATA_DIR: options.dataDir,
      KEYWARD_BOOTSTRAP_CLIENT_ID: ADMIN_ID,
      KEYWARD_BOOTSTRAP_CLIENT_SECRET: ADMIN_SECRET,
      KEYWARD_PEPPER: PEPPER,
      KEYWARD_KEK: KEK,
      KEYWARD_RATE_LIMIT_FAILURES: '1000000',
      KEYWARD_DOCS: 'false',
      LOG_LEVEL: 'info',
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export async function startServer(options: ServerOptions): Promise<Server> {
  const child = spawnServer(options);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  // With an admin listener, both must be up: its own line names KEYWARD_ADMIN_PORT's port.
  const adminPort = options.env?.KEYWARD_ADMIN_PORT;
  const { url, adminUrl } = await new Promise<{ url: string; adminUrl?: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 20_000);
    const check = () => {
      const listening = [...out.matchAll(/Server listening at (http:\/\/127\.0\.0\.1:(\d+))/g)];
      const main = listening.find((match) => match[2] !== adminPort);
      const admin = listening.find((match) => match[2] === adminPort);
      if (main && (adminPort === undefined || admin)) {
        clearTimeout(timer);
        resolve({ url: main[1], adminUrl: admin?.[1] });
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${out}`));
    });
  });
  return {
    child,
    url,
    adminUrl,
    output: () => out,
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

/** Runs a server that is expected to refuse to start: its exit code and what it wrote. */
export async function startupFailure(options: ServerOptions): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnServer(options);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not exit:\n${stdout}${stderr}`));
    }, 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A port nobody listens on now, for settings that must know the port before the start. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export async function http(server: { url: string }, method: string, path: string, options: { token?: string; body?: unknown; form?: Record<string, string>; basic?: [string, string] } = {}) {
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.basic) headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(options.basic[0])}:${encodeURIComponent(options.basic[1])}`).toString('base64')}`;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  }
  const res = await fetch(`${server.url}${path}`, { method, headers, body, signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: res.status, body: json, headers: res.headers };
}

export async function adminToken(server: { url: string }): Promise<string> {
  const res = await http(server, 'POST', '/oauth/token', { form: { grant_type: 'client_credentials' }, basic: [ADMIN_ID, ADMIN_SECRET] });
  if (res.status !== 200) throw new Error(`admin token: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.access_token;
}

/** A fresh PostgreSQL schema for one test, dropped afterwards. */
export async function freshSchema(base: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `kw_faults_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  await c.query(`CREATE SCHEMA ${schema}`);
  await c.end();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    drop: async () => {
      const d = new pg.Client({ connectionString: base });
      await d.connect();
      await d.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await d.end();
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `npm test` globs every test file; the fault suite runs only through `npm run test:faults` (or
 * node --test on its files directly), because it builds dist/ and kills processes.
 */
export const SKIP_UNDER_NPM_TEST = process.env.npm_lifecycle_event === 'test' ? 'fault suite: run it with npm run test:faults' : false;
