// How each target is started. Every server gets its own free port on 127.0.0.1 and a log
// file; callers wait for readiness separately so that a server that never becomes ready can
// still be stopped.
import fs from 'node:fs';
import path from 'node:path';
import { KEYWARD_BOOTSTRAP_CLIENT_ID } from './fixtures.mjs';
import { freePort, startServer } from './process.mjs';
import { waitForHttp200, waitForPort } from './wait.mjs';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

export const REFERENCES = {
  'bare-fastify': 'bench/references/bare-fastify.mjs',
  'minimal-token': 'bench/references/minimal-token.mjs',
  'oidc-provider': 'bench/references/oidc-provider.mjs',
};

/** Servers that are running, so that an interrupted run can still stop them. */
export const live = new Set();

function track(handle) {
  live.add(handle);
  handle.exitPromise.then(() => live.delete(handle));
  return handle;
}

/**
 * How servers are started in this run: `wrapper` prefixes the node command (valgrind, for
 * instruction counts), and `readyTimeoutMs` allows for the slower start that brings.
 */
const launchMode = { wrapper: [], readyTimeoutMs: undefined };

export function setLaunchMode({ wrapper, readyTimeoutMs }) {
  launchMode.wrapper = wrapper;
  launchMode.readyTimeoutMs = readyTimeoutMs;
}

export async function launchReference(name, { logDir }) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const handle = track(startServer({
    name,
    args: [REFERENCES[name]],
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1' },
    logFile: path.join(logDir, `${name}.log`),
    wrapper: launchMode.wrapper,
  }));
  return { name, handle, baseUrl, waitReady: () => waitForPort(handle, port, launchMode.readyTimeoutMs) };
}

let launches = 0;

/**
 * `node dist/main.js`, the built server, as `npm start` runs it. Variables already set in
 * the environment (rate limits, say) pass through; the ones the bench depends on are set
 * here, and DATABASE_URL only when PostgreSQL is meant.
 */
export async function launchKeyward({ label, dataDir, databaseUrl, extraEnv = {}, bootstrapSecret, logDir }) {
  // BENCH_KEYWARD_ENTRY runs another build (an older checkout's dist/main.js, say).
  const entry = path.resolve(ROOT, process.env.BENCH_KEYWARD_ENTRY ?? path.join('dist', 'main.js'));
  if (!fs.existsSync(entry)) throw new Error(`${path.relative(ROOT, entry)} not found: run \`npm run build\` (npm run bench does)`);
  fs.mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    KEYWARD_ISSUER: baseUrl,
    KEYWARD_DATA_DIR: dataDir,
    KEYWARD_BOOTSTRAP_CLIENT_ID,
    KEYWARD_BOOTSTRAP_CLIENT_SECRET: bootstrapSecret,
    // What a user runs: info, so the access log (one line per request) is part of the cost.
    LOG_LEVEL: 'info',
    // The per-client token limit (6,000 a minute by default) would answer 429 within the
    // first second of a load test; raised, it is still checked on every request, which is
    // the cost the bench must include.
    KEYWARD_RATE_LIMIT_TOKENS: process.env.KEYWARD_RATE_LIMIT_TOKENS ?? '100000000',
    ...extraEnv,
  };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  // For profiling: BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  launches += 1;
  const handle = track(startServer({
    name: label,
    args: [...nodeArgs, entry],
    cwd: ROOT,
    env,
    logFile: path.join(logDir, `keyward-${String(launches).padStart(2, '0')}.log`),
    wrapper: launchMode.wrapper,
  }));
  return {
    name: label,
    handle,
    baseUrl,
    issuer: baseUrl,
    waitReady: () => waitForHttp200(handle, `${baseUrl}/readyz`, launchMode.readyTimeoutMs),
  };
}
