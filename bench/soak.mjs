#!/usr/bin/env node
// Memory soak: legitimate token traffic mixed with a flood of wrong secrets against the built
// server for BENCH_SOAK_SECONDS (default 600), sampling the server's RSS after every slice. A
// leak shows as RSS that keeps climbing after the warm-up; caches and rate-limit windows are
// bounded, so it must level off.
//
//   npm run build && node bench/soak.mjs        (BENCH_SOAK_SECONDS=60 for a quick look)
//
// Exits non-zero if a legitimate request failed, or if RSS grew by more than
// BENCH_SOAK_MAX_GROWTH_MB (default 50) between the end of the first slice and the end.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FORM, basicAuthorization, formBody } from './lib/http.mjs';
import { adminToken, createClient } from './lib/keyward.mjs';
import { measure } from './lib/load.mjs';
import { residentMemoryMb, stopServer } from './lib/process.mjs';
import { launchKeyward } from './lib/servers.mjs';

const TOTAL = Number(process.env.BENCH_SOAK_SECONDS ?? 600);
const SLICE = Math.min(30, TOTAL);
const MAX_GROWTH = Number(process.env.BENCH_SOAK_MAX_GROWTH_MB ?? 50);
const secret = crypto.randomBytes(30).toString('base64url');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-soak-'));

const server = await launchKeyward({
  label: 'keyward (sqlite)',
  dataDir: path.join(root, 'data'),
  bootstrapSecret: secret,
  logDir: root,
  // The flood comes from one address: without a higher limit it would be refused before the
  // secret is even checked, and the soak would measure the 429 path only.
  extraEnv: { KEYWARD_RATE_LIMIT_FAILURES: '1000000' },
});
let failed = false;
try {
  await server.waitReady();
  const client = await createClient(server.baseUrl, await adminToken(server.baseUrl, secret));
  const good = {
    method: 'POST',
    path: '/oauth/token',
    headers: { authorization: basicAuthorization(client.clientId, client.clientSecret), 'content-type': FORM },
    body: formBody({ grant_type: 'client_credentials' }),
  };
  const bad = {
    method: 'POST',
    path: '/oauth/token',
    headers: { 'content-type': FORM },
    // Every wrong request names a different client id, so unknown-id caching is exercised too.
    setupRequest: (request) => ({
      ...request,
      body: formBody({ grant_type: 'client_credentials', client_id: `nobody-${crypto.randomUUID()}`, client_secret: 'kw_wrong' }),
    }),
  };
  const samples = [];
  for (let elapsed = 0; elapsed < TOTAL; elapsed += SLICE) {
    const [legit, flood] = await Promise.all([
      measure({ url: server.baseUrl, request: good, durationSeconds: SLICE, warmupSeconds: 0, connections: 10 }),
      measure({ url: server.baseUrl, request: bad, durationSeconds: SLICE, warmupSeconds: 0, connections: 20 }),
    ]);
    const rss = residentMemoryMb(server.handle.pid);
    samples.push({ at: elapsed + SLICE, rss, legit: legit.requestsPerSecond, legitErrors: legit.errors, flood: flood.statusCodes });
    process.stderr.write(`soak ${elapsed + SLICE}/${TOTAL}s: RSS ${rss?.toFixed(0)} MB, ${legit.requestsPerSecond.toFixed(0)} good req/s, ${legit.errors} good errors\n`);
    if (legit.errors > 0) failed = true;
  }
  const growth = samples.at(-1).rss - samples[0].rss;
  console.log('| after s | server RSS MB | legitimate req/s | legitimate errors |\n| ---: | ---: | ---: | ---: |');
  for (const s of samples) console.log(`| ${s.at} | ${s.rss?.toFixed(0)} | ${s.legit.toFixed(0)} | ${s.legitErrors} |`);
  console.log(`\nRSS growth after the first slice: ${growth.toFixed(1)} MB (limit ${MAX_GROWTH} MB)`);
  if (growth > MAX_GROWTH) failed = true;
} finally {
  await stopServer(server.handle);
  fs.rmSync(root, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
