#!/usr/bin/env node
// Keyward's load benchmarks, side by side with three references measured in the same run, so
// that the figures that matter are ratios: absolute numbers on a shared machine drift by a
// factor of two within the hour.
//
//   node bench/run.mjs [--short] [--references-only] [--only=token,jwks,...]
//   node bench/run.mjs --instructions [--short] [--only=...]   (instructions per request, callgrind)
//
// Environment: BENCH_DURATION (seconds per scenario, default 10, 3 with --short),
// BENCH_DATABASE_URL (also run on PostgreSQL; without it, --short runs admin creates in a
// database of their own on TEST_DATABASE_URL's server), BENCH_WORKERS (default "1,2"),
// BENCH_SERVER_NODE_ARGS (extra node flags for Keyward, e.g. --cpu-prof), BENCH_KEEP=1 (keep
// data folders and logs).
//
// Prints one markdown table on stdout, progress on stderr. Exits non-zero only when a
// scenario had errors or a server did not start: it asserts nothing about speed.
import crypto from 'node:crypto';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import {
  REFERENCE_CLIENT_ID,
  REFERENCE_CLIENT_SECRET,
} from './lib/fixtures.mjs';
import { FORM, basicAuthorization, call, expectOk, formBody } from './lib/http.mjs';
import { createEs256Signer, generateEs256Key } from './lib/jwt.mjs';
import { adminToken, createClient, issueToken, registerPublicKey, rotateSecret } from './lib/keyward.mjs';
import { callgrindWrapper, measureInstructions, valgrindVersion } from './lib/instructions.mjs';
import { measure, CONNECTIONS } from './lib/load.mjs';
import { measurePaced } from './lib/paced.mjs';
import { cpuSeconds, residentMemoryMb, stopServer, tail } from './lib/process.mjs';
import { ROOT, launchKeyward, launchReference, live, setLaunchMode } from './lib/servers.mjs';
import { renderInstructionTable, renderTable } from './lib/table.mjs';
import { renderVerifierTable, verifierBench } from './verifier.mjs';

const { values: flags } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    'references-only': { type: 'boolean', default: false },
    only: { type: 'string' },
    instructions: { type: 'boolean', default: false },
  },
});

const SHORT = flags.short;
const DURATION = Number(process.env.BENCH_DURATION ?? (SHORT ? 3 : 10));
// Seconds of load whose figures are dropped. V8 goes on compiling a server's hot code for the
// first forty thousand requests or so (bench/README.md, instruction counts), on another core;
// counted, that work weighs most on the server with the most code.
const WARMUP = SHORT ? 1 : 5;
const FIXED_RATE = 1_000;
// About a third of what one process serves of these pages: latency below saturation, where
// the closed-loop run (50 connections always waiting) measures mostly the queue.
const LIST_FIXED_RATE = 150;
const SEEDED = SHORT
  ? { small: 1_000, list: 10_000, large: 100_000 }
  : { small: 1_000, list: 100_000, large: 1_000_000 };
const WORKER_COUNTS = (process.env.BENCH_WORKERS ?? '1,2').split(',').map((value) => Number(value.trim())).filter((n) => n > 0);
const DATABASE_URL = process.env.BENCH_DATABASE_URL;
const KEEP = process.env.BENCH_KEEP === '1';
const LIST_PAGE_LIMIT = 1_000;
const INSTRUCTIONS = flags.instructions;
// Uncounted requests first: V8 keeps compiling hot code for the first forty thousand or so, and
// a count taken earlier measures the compiler. Then a count small enough for a server running
// fifty times slower.
const UNCOUNTED_REQUESTS = SHORT ? 10_000 : 50_000;
const COUNTED_REQUESTS = SHORT ? 2_000 : 5_000;
// The scenarios whose cost is the server's own work per request. The others measure latency
// under a rate, a store's size or several processes, which instruction counts do not show.
const INSTRUCTION_SCENARIOS = ['token', 'introspect', 'introspect-fresh', 'jwks', 'private-key-jwt', 'token-dpop', 'token-access-log', 'token-usage-counting', 'token-cidr'];

if (!Number.isFinite(DURATION) || DURATION <= 0) {
  process.stderr.write(`BENCH_DURATION must be a positive number of seconds, got ${process.env.BENCH_DURATION}\n`);
  process.exit(2);
}

const integer = new Intl.NumberFormat('en-US');
const n = (value) => integer.format(value);

const SCENARIOS = {
  token: 'token, client_secret_basic, ES256',
  'token-fixed-rate': `token, client_secret_basic, paced at ${n(FIXED_RATE)} req/s`,
  introspect: 'introspection of a JWT, the same token each time',
  'introspect-fresh': 'introspection of a JWT, a different token each time',
  jwks: 'JWKS',
  'private-key-jwt': 'token, private_key_jwt, ES256, fresh assertion per request',
  'token-slices': 'token, client_secret_basic: Keyward and the references running side by side, alternating slices',
  'introspect-fresh-slices': 'introspection, a different token each time: Keyward and the minimal route side by side, alternating slices',
  'jwks-slices': 'JWKS: Keyward and bare Fastify side by side, alternating slices',
  'token-dpop': 'token, client_secret_basic with a fresh DPoP proof (ES256) per request',
  'token-dpop-slices': 'token with a fresh DPoP proof against the same request without one, one server, alternating slices',
  'token-dpop-nonce-slices': 'the same with server nonces (KEYWARD_DPOP_NONCES=true): spent proofs kept in memory, no ledger write',
  'admin-create': 'admin create client',
  'token-small': `token, ${n(SEEDED.small)} clients stored`,
  'admin-list': `admin list clients, pageSize=100, ${n(SEEDED.list)} stored`,
  'admin-list-paced': `admin list clients, pageSize=100, ${n(SEEDED.list)} stored, paced at ${n(LIST_FIXED_RATE)} req/s`,
  'token-large': `token, ${n(SEEDED.large)} clients stored`,
  workers: 'token, KEYWARD_WORKERS=N',
  verifier: '@keyward/sdk verifier vs jose.jwtVerify, in process (own table)',
  'token-access-log': 'token, access log on (the default) against KEYWARD_ACCESS_LOG=false',
  'token-usage-counting': 'token, usage counting on (the default) against KEYWARD_USAGE_COUNTING=false',
  'token-cidr': 'token, a secret fenced by a list of 13 CIDR blocks (allowedCidrs) against an unfenced secret',
};

/**
 * allowedCidrs of the fenced side: ten IPv4 and one IPv6 block that do not match, then the
 * loopback blocks the load generator connects from, so each request walks the whole list.
 */
const BENCH_CIDRS = [...Array.from({ length: 10 }, (_, i) => `10.${i}.0.0/16`), '2001:db8::/32', '127.0.0.0/8', '::1/128'];

const only = flags.only ? new Set(flags.only.split(',').map((id) => id.trim())) : INSTRUCTIONS ? new Set(INSTRUCTION_SCENARIOS) : null;
if (only) {
  const unknown = [...only].filter((id) => !(id in SCENARIOS));
  if (unknown.length) {
    process.stderr.write(`unknown scenario ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}\n`);
    process.exit(2);
  }
  const uncounted = INSTRUCTIONS ? [...only].filter((id) => !INSTRUCTION_SCENARIOS.includes(id)) : [];
  if (uncounted.length) {
    process.stderr.write(`--instructions measures ${INSTRUCTION_SCENARIOS.join(', ')}; not ${uncounted.join(', ')}\n`);
    process.exit(2);
  }
}
// A scenario that runs inside another's session is selected with it.
const RUNS_WITH = { 'admin-list-paced': 'admin-list', introspect: 'introspect-fresh' };
const selected = (scenario) => !only || only.has(scenario) || only.has(RUNS_WITH[scenario]);

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-bench-'));
const logDir = path.join(runDir, 'logs');
const dataRoot = path.join(runDir, 'data');
const callgrindDir = path.join(runDir, 'callgrind');
fs.mkdirSync(logDir, { recursive: true });
let valgrind = null;
if (INSTRUCTIONS) {
  valgrind = await valgrindVersion();
  if (!valgrind) {
    process.stderr.write('--instructions needs valgrind and callgrind_control on the PATH (Debian: apt-get install valgrind)\n');
    process.exit(2);
  }
  // Uncounted, a server under valgrind still starts several times slower.
  setLaunchMode({ wrapper: callgrindWrapper(callgrindDir), readyTimeoutMs: 600_000 });
  // The pre-signed client assertions must outlive 55,000 requests at valgrind's pace.
  process.env.KEYWARD_ASSERTION_MAX_LIFETIME ??= '3600';
}
let dataDirs = 0;
const freshDataDir = () => path.join(dataRoot, String(++dataDirs));

// 40 characters of a 256-bit-class random value: above the 32-character floor of the
// bootstrap contract, and unknown to anything outside this run.
const BOOTSTRAP_SECRET = crypto.randomBytes(30).toString('base64url');

const rows = [];
let failed = false;

const say = (line) => process.stderr.write(`[bench] ${line}\n`);

function record(row) {
  rows.push(row);
  if (row.status === 'failed' || (row.status === 'ok' && row.errors > 0)) failed = true;
  if (row.status === 'ok' && INSTRUCTIONS) {
    say(`${row.label} → ${row.target}: ${n(Math.round(row.instructionsPerRequest ?? 0))} instructions per request, errors ${row.errors}`);
  } else if (row.status === 'ok') {
    say(`${row.label} → ${row.target}: ${n(Math.round(row.requestsPerSecond))} req/s, p99 ${row.p99?.toFixed(2)} ms, errors ${row.errors}`);
  } else {
    say(`${row.label} → ${row.target}: ${row.status}: ${row.note}`);
  }
}

const compare = (scenario, target, label = target, by = 'throughput') => ({ scenario, target, label, by });

/** The same request once, outside the load, so that a setup mistake reads as a message and not as 50,000 non-2xx. */
async function probe(baseUrl, request, check) {
  const answer = await call(baseUrl, request);
  if (answer.status < 200 || answer.status > 299) {
    throw new Error(`probe ${request.method ?? 'GET'} ${request.path} answered HTTP ${answer.status}: ${answer.text.slice(0, 200)}`);
  }
  if (check) check(answer);
  return answer;
}

/**
 * Runs one scenario against one running server and records its row. A failure is recorded,
 * not thrown, so that one broken scenario does not hide the others.
 */
async function scenario({ id, target, server, request, overallRate, compareTo = [], check, label = SCENARIOS[id] }) {
  if (!selected(id)) return;
  say(`${label} → ${target} …`);
  try {
    if (request.path) await probe(server.baseUrl, request, check);
    if (INSTRUCTIONS) {
      const result = await measureInstructions({
        url: server.baseUrl, request, pid: server.handle.pid, outDir: callgrindDir,
        warmupRequests: UNCOUNTED_REQUESTS, requests: COUNTED_REQUESTS,
      });
      record({ scenario: id, target, label, status: 'ok', ...result, compareTo });
      return;
    }
    const cpu = () => cpuSeconds(server.handle.pid);
    const result = overallRate
      ? await measurePaced({ url: server.baseUrl, request, rate: overallRate, durationSeconds: DURATION, warmupSeconds: WARMUP, cpu })
      : await measure({ url: server.baseUrl, request, durationSeconds: DURATION, warmupSeconds: WARMUP, cpu });
    if (server.handle.exited) throw new Error(`server exited during the run (code ${server.handle.exited.code})`);
    record({ scenario: id, target, label, status: 'ok', ...result, rssMb: residentMemoryMb(server.handle.pid), compareTo });
  } catch (error) {
    record({ scenario: id, target, label, status: 'failed', note: error.message, rssMb: residentMemoryMb(server.handle.pid) });
  }
}

/**
 * Starts a server, runs `body` against it, stops it. When the server does not start or the
 * setup fails, the planned scenarios that got no row yet are recorded as failed with the
 * reason.
 */
async function session({ launch, planned, body }) {
  const wanted = planned.filter((item) => selected(item.id));
  if (wanted.length === 0 && planned.length > 0) return true;
  let server;
  let failure;
  let started = false;
  try {
    server = await launch();
    const readySeconds = await server.waitReady();
    started = true;
    say(`${server.name} ready in ${readySeconds.toFixed(2)} s`);
    await body(server, readySeconds);
  } catch (error) {
    failure = started ? error : new Error(`server failed to start: ${error.message}`);
    say(`${server?.name ?? 'server'}: ${error.message}`);
    if (server) process.stderr.write(`--- last lines of ${server.handle.logFile}\n${tail(server.handle.logFile)}\n---\n`);
  } finally {
    if (server) await stopServer(server.handle);
  }
  for (const item of failure ? wanted : []) {
    if (!rows.some((row) => row.scenario === item.id && row.target === item.target)) {
      record({
        scenario: item.id,
        target: item.target,
        label: item.label ?? SCENARIOS[item.id],
        status: 'failed',
        note: failure.message,
      });
    }
  }
  if (failure) failed = true;
  return !failure;
}

const tokenRequest = (clientId, secret) => ({
  method: 'POST',
  path: '/oauth/token',
  headers: { authorization: basicAuthorization(clientId, secret), 'content-type': FORM },
  body: formBody({ grant_type: 'client_credentials' }),
});

const expectAccessToken = ({ json, text }) => {
  if (typeof json?.access_token !== 'string') throw new Error(`no access_token in ${text.slice(0, 200)}`);
};

const expectActive = ({ json, text }) => {
  if (json?.active !== true) throw new Error(`introspection did not answer active: true (${text.slice(0, 200)})`);
};

// ---------------------------------------------------------------------------------------
// References

async function references() {
  const referenceToken = tokenRequest(REFERENCE_CLIENT_ID, REFERENCE_CLIENT_SECRET);

  await session({
    launch: () => launchReference('bare-fastify', { logDir }),
    planned: [{ id: 'token', target: 'bare-fastify' }, { id: 'token-fixed-rate', target: 'bare-fastify' }, { id: 'jwks', target: 'bare-fastify' }],
    body: async (server) => {
      await scenario({
        id: 'token', target: 'bare-fastify', server, request: referenceToken,
        compareTo: [compare('token', 'minimal-token')],
      });
      // The floor of paced latency on this stack and machine: what Keyward's paced p99 is held against.
      await scenario({ id: 'token-fixed-rate', target: 'bare-fastify', server, request: referenceToken, overallRate: FIXED_RATE });
      await scenario({
        id: 'jwks', target: 'bare-fastify', server, request: { method: 'GET', path: '/oauth/jwks' },
        compareTo: [compare('jwks', 'bare-fastify')],
      });
    },
  });

  await session({
    launch: () => launchReference('minimal-token', { logDir }),
    planned: [
      { id: 'token', target: 'minimal-token' },
      { id: 'token-fixed-rate', target: 'minimal-token' },
      { id: 'introspect', target: 'minimal-token' },
    ],
    body: async (server) => {
      await scenario({
        id: 'token', target: 'minimal-token', server, request: referenceToken, check: expectAccessToken,
        compareTo: [compare('token', 'minimal-token')],
      });
      await scenario({
        id: 'token-fixed-rate', target: 'minimal-token', server, request: referenceToken, overallRate: FIXED_RATE,
      });
      if (selected('introspect')) {
        const accessToken = await issueToken(server.baseUrl, REFERENCE_CLIENT_ID, REFERENCE_CLIENT_SECRET);
        await scenario({
          id: 'introspect', target: 'minimal-token', server, check: expectActive,
          request: {
            method: 'POST',
            path: '/oauth/introspect',
            headers: { authorization: basicAuthorization(REFERENCE_CLIENT_ID, REFERENCE_CLIENT_SECRET), 'content-type': FORM },
            body: formBody({ token: accessToken }),
          },
          compareTo: [compare('introspect', 'minimal-token')],
        });
      }
    },
  });

  await session({
    launch: () => launchReference('oidc-provider', { logDir }),
    planned: [{ id: 'token', target: 'oidc-provider' }],
    body: async (server) => {
      await scenario({
        id: 'token', target: 'oidc-provider', server, request: referenceToken,
        check: (answer) => {
          expectAccessToken(answer);
          // An opaque token would be a different, cheaper job than the one compared.
          if (answer.json.access_token.split('.').length !== 3) throw new Error('oidc-provider issued an opaque token, not a JWT');
        },
        compareTo: [compare('token', 'minimal-token')],
      });
    },
  });
}

// ---------------------------------------------------------------------------------------
// Keyward

function assertionCount() {
  if (INSTRUCTIONS) return UNCOUNTED_REQUESTS + COUNTED_REQUESTS + 1_000;
  // Enough fresh assertions for the fastest this stack can go, plus margin: the minimal
  // token route of this run bounds what a token endpoint can do here.
  const ceiling = rows.find((row) => row.scenario === 'token' && row.target === 'minimal-token' && row.status === 'ok');
  const rate = ceiling ? ceiling.requestsPerSecond : 20_000;
  return Math.min(600_000, Math.ceil(rate * (WARMUP + DURATION) * 1.3) + 1_000);
}

// Keyward remembers the signatures of the last 10,000 tokens it verified (a resource server
// introspects one token on every call it serves). Twice as many, sent in turn, means each was
// forgotten before it comes round again: every request pays the signature check.
const INTROSPECTION_POOL = 20_000;

/** Introspection requests that send INTROSPECTION_POOL tokens of `client` in turn, the first one probed. */
async function freshTokens(server, client) {
  say(`issuing ${n(INTROSPECTION_POOL)} access tokens …`);
  const tokens = new Array(INTROSPECTION_POOL);
  let issued = 0;
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    while (issued < tokens.length) tokens[issued++] = await issueToken(server.baseUrl, client.clientId, client.clientSecret);
  }));
  const headers = { authorization: basicAuthorization(client.clientId, client.clientSecret), 'content-type': FORM };
  const bodies = tokens.map((token) => formBody({ token }));
  await probe(server.baseUrl, { method: 'POST', path: '/oauth/introspect', headers, body: bodies[0] }, expectActive);
  return inTurn('/oauth/introspect', headers, bodies).request;
}

async function introspectFresh(server, target, client) {
  if (!selected('introspect-fresh')) return;
  await scenario({
    id: 'introspect-fresh', target, server,
    request: await freshTokens(server, client),
    compareTo: [compare('introspect', 'minimal-token')],
  });
}

/**
 * POSTs `bodies` one per request, in turn, from the second on (the probe sent the first).
 * `reused()` counts the requests sent after the last body was used, which started over.
 */
function inTurn(path, headers, bodies) {
  let next = 1;
  let reused = 0;
  const setupRequest = (request) => {
    if (next >= bodies.length) reused += 1;
    request.body = bodies[next++ % bodies.length];
    return request;
  };
  return { request: { requests: [{ method: 'POST', path, headers, setupRequest }] }, reused: () => reused };
}

async function privateKeyJwt(server, target, admin, client) {
  if (!selected('private-key-jwt')) return;
  const key = generateEs256Key();
  const registration = await registerPublicKey(server.baseUrl, admin, client, key.publicJwk);
  if (!registration.supported) {
    say(`private_key_jwt: credential registration refused: ${registration.text}`);
    record({
      scenario: 'private-key-jwt', target, label: SCENARIOS['private-key-jwt'],
      status: 'skipped', note: 'not supported by this build',
    });
    return;
  }

  const count = assertionCount();
  say(`signing ${n(count)} client assertions …`);
  const sign = createEs256Signer(key, 'JWT');
  const prefix = `${formBody({
    grant_type: 'client_credentials',
    client_id: client.clientId,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
  })}&client_assertion=`;
  const now = Math.floor(Date.now() / 1000);
  // Valid for the whole run and not much longer, since the service caps `exp` (raised for
  // --instructions, whose run is much slower).
  const exp = now + (INSTRUCTIONS ? 3_000 : WARMUP + DURATION + 90);
  const bodies = new Array(count);
  for (let i = 0; i < count; i++) {
    bodies[i] = prefix + sign({
      iss: client.clientId,
      sub: client.clientId,
      aud: server.issuer,
      iat: now,
      exp,
      jti: crypto.randomUUID(),
    });
  }

  const headers = { 'content-type': FORM };
  await probe(server.baseUrl, { method: 'POST', path: '/oauth/token', headers, body: bodies[0] }, expectAccessToken);
  // Running out means replays, which the service must refuse: they show as errors.
  const assertions = inTurn('/oauth/token', headers, bodies);
  await scenario({
    id: 'private-key-jwt', target, server,
    request: assertions.request,
    compareTo: [compare('token', 'minimal-token', 'minimal-token (client_secret_basic)')],
  });
  const reused = assertions.reused();
  if (reused > 0) say(`private_key_jwt: ${n(reused)} assertions were sent twice (pool of ${n(count)} exhausted)`);
}

/** A new key, and a function that signs a fresh proof with it for the token endpoint (with the server's nonce, when given). */
function dpopProofSigner(server) {
  const key = generateEs256Key();
  const { crv, kty, x, y } = key.publicJwk;
  const sign = createEs256Signer({ privateKey: key.privateKey }, 'dpop+jwt', { jwk: { crv, kty, x, y } });
  const htu = `${server.issuer}/oauth/token`;
  return (nonce) => sign({ htm: 'POST', htu, iat: Math.floor(Date.now() / 1000), jti: crypto.randomUUID(), ...(nonce ? { nonce } : {}) });
}

/**
 * RFC 9449: the same token request with a proof of possession, a new one each time (each
 * `jti` is spent). Proofs are signed ahead, so the load client spends no time signing; they
 * stay valid for a minute, longer than the scenario runs.
 */
async function tokenDpop(server, target, client) {
  if (!selected('token-dpop') && !selected('token-dpop-slices')) return;
  const signNow = dpopProofSigner(server);
  const base = tokenRequest(client.clientId, client.clientSecret);
  if (selected('token-dpop')) {
    const count = assertionCount();
    if (!INSTRUCTIONS) say(`signing ${n(count)} DPoP proofs …`);
    // Under callgrind the server runs fifty times slower, longer than a proof stays valid (a
    // minute): there each proof is signed as it is sent, which costs the load client, not the server.
    const proofs = INSTRUCTIONS ? null : Array.from({ length: count }, signNow);
    const proof = (i) => proofs?.[i % count] ?? signNow();
    const expectBound = (answer) => {
      expectAccessToken(answer);
      if (answer.json.token_type !== 'DPoP') throw new Error(`token_type ${answer.json.token_type}, not DPoP`);
    };
    await probe(server.baseUrl, { ...base, headers: { ...base.headers, dpop: proof(0) } }, expectBound);
    let next = 1;
    const setupRequest = (request) => {
      request.headers = { ...base.headers, dpop: proof(next++) };
      return request;
    };
    await scenario({
      id: 'token-dpop', target, server,
      request: { requests: [{ method: 'POST', path: base.path, headers: base.headers, body: base.body, setupRequest }] },
      compareTo: [compare('token', target, `${target} token without a proof`)],
    });
    if (proofs && next > count) say(`DPoP: ${n(next - count)} proofs were sent twice (pool of ${n(count)} exhausted)`);
  }
  await tokenDpopSlices({ id: 'token-dpop-slices', server, target, plain: base, signProof: signNow });
}

/**
 * The proof's cost on one server: the load alternates between the token request with a fresh
 * proof and the same request without one, in short slices, the order swapped each round. Two
 * windows taken minutes apart on a shared machine have differed by 2× for the same build; slices
 * a second apart on the same process do not.
 */
async function tokenDpopSlices({ id, server, target, plain, signProof }) {
  if (!selected(id) || INSTRUCTIONS) return;
  const ROUNDS = 5;
  const count = assertionCount();
  say(`signing ${n(count)} DPoP proofs …`);
  const proofs = Array.from({ length: count }, signProof);
  let next = 0;
  const setupRequest = (request) => {
    request.headers = { ...plain.headers, dpop: proofs[next++ % count] };
    return request;
  };
  const sides = [
    { target: `${target}, no proof`, label: `token without a proof (${ROUNDS} alternating slices)`, server, request: plain },
    {
      target: `${target}, DPoP proof`, label: `token with a DPoP proof (${ROUNDS} alternating slices)`, server,
      request: { requests: [{ method: 'POST', path: plain.path, headers: plain.headers, body: plain.body, setupRequest }] },
    },
  ];
  try {
    await probe(server.baseUrl, { ...plain, headers: { ...plain.headers, dpop: signProof() } }, expectAccessToken);
    await alternate(id, sides, ROUNDS, 'no proof, same server');
  } catch (error) {
    say(`DPoP slices: ${error.message}`);
    for (const { target: sideTarget, label } of sides) record({ scenario: id, target: sideTarget, label, status: 'failed', note: error.message });
  }
  if (next > count) say(`DPoP slices: ${n(next - count)} proofs were sent twice (pool of ${n(count)} exhausted)`);
}

/**
 * The same with KEYWARD_DPOP_NONCES=true, where a spent `jti` is kept in the instance's memory
 * for its nonce's life instead of written to the ledger. The first proof, without a nonce, is
 * answered `use_dpop_nonce` with one; the proofs signed with it stay valid for at least 30 s.
 */
async function keywardDpopNonces() {
  const id = 'token-dpop-nonce-slices';
  if (!selected(id) || INSTRUCTIONS) return;
  const target = 'keyward (sqlite), DPoP nonces';
  await session({
    launch: () => launchKeyward({
      label: target, dataDir: freshDataDir(), bootstrapSecret: BOOTSTRAP_SECRET, logDir,
      extraEnv: { KEYWARD_DPOP_NONCES: 'true' },
    }),
    planned: [{ id, target: `${target}, no proof` }, { id, target: `${target}, DPoP proof` }],
    body: async (server) => {
      const admin = await adminToken(server.baseUrl, BOOTSTRAP_SECRET);
      const client = await createClient(server.baseUrl, admin);
      const plain = tokenRequest(client.clientId, client.clientSecret);
      const signProof = dpopProofSigner(server);
      const asked = await call(server.baseUrl, { ...plain, headers: { ...plain.headers, dpop: signProof() } });
      const nonce = asked.headers.get('dpop-nonce');
      if (asked.status !== 400 || asked.json?.error !== 'use_dpop_nonce' || !nonce) {
        throw new Error(`a proof without a nonce answered HTTP ${asked.status} ${asked.text.slice(0, 200)}, not use_dpop_nonce with a DPoP-Nonce`);
      }
      await tokenDpopSlices({ id, server, target, plain, signProof: () => signProof(nonce) });
    },
  });
}

/**
 * What paused the server's event loop during a paced run, from its own /metrics read before and
 * after (prom-client's event-loop delay histogram restarts at every scrape, so the second read
 * covers the run; its garbage-collection histograms are cumulative, so the difference does).
 * Printed on stderr: it explains the p99, it is not a figure of its own.
 */
const LOOP_SAMPLING_MS = 10;
async function pacedWithLoopStats(server, run) {
  if (!selected('token-fixed-rate') || INSTRUCTIONS) return run();
  const read = async () => {
    const answer = await call(server.baseUrl, { method: 'GET', path: '/metrics' });
    const values = new Map();
    for (const line of answer.status === 200 ? answer.text.split('\n') : []) {
      const match = /^keyward_nodejs_(eventloop_lag_\w+_seconds|gc_duration_seconds_(?:sum|count)\{kind="\w+"\}) ([\d.e+-]+)$/.exec(line);
      if (match) values.set(match[1], Number(match[2]));
    }
    return values;
  };
  const before = await read();
  await run();
  const after = await read();
  if (after.size === 0) return say('event loop: /metrics not readable, no loop figures');
  // prom-client samples the loop every 10 ms and records the whole interval: an idle loop reads 10 ms.
  const ms = (name) => ((after.get(name) ?? Number.NaN) * 1000 - LOOP_SAMPLING_MS).toFixed(2);
  const gc = ['minor', 'major', 'incremental', 'weakcb'].map((kind) => {
    const delta = (what) => (after.get(`gc_duration_seconds_${what}{kind="${kind}"}`) ?? 0) - (before.get(`gc_duration_seconds_${what}{kind="${kind}"}`) ?? 0);
    return `${kind} ${delta('count')} (${(delta('sum') * 1000).toFixed(1)} ms)`;
  });
  say(`event loop during the paced run (warm-up included), delay beyond its ${LOOP_SAMPLING_MS} ms sampling: p50 ${ms('eventloop_lag_p50_seconds')} ms, p99 ${ms('eventloop_lag_p99_seconds')} ms, ` +
    `max ${ms('eventloop_lag_max_seconds')} ms; garbage collections (total pause): ${gc.join(', ')}`);
}

async function keywardMain(target, { databaseUrl } = {}) {
  const ids = ['token', 'token-fixed-rate', 'introspect', 'introspect-fresh', 'jwks', 'private-key-jwt', 'token-dpop', 'admin-create'];
  await session({
    launch: () => launchKeyward({ label: target, dataDir: freshDataDir(), databaseUrl, bootstrapSecret: BOOTSTRAP_SECRET, logDir }),
    planned: [
      ...ids.map((id) => ({ id, target })),
      ...['no proof', 'DPoP proof'].map((side) => ({ id: 'token-dpop-slices', target: `${target}, ${side}` })),
    ],
    body: async (server) => {
      const admin = await adminToken(server.baseUrl, BOOTSTRAP_SECRET);
      const client = await createClient(server.baseUrl, admin);
      const token = tokenRequest(client.clientId, client.clientSecret);

      await scenario({
        id: 'token', target, server, request: token, check: expectAccessToken,
        compareTo: [compare('token', 'minimal-token'), compare('token', 'oidc-provider')],
      });
      await pacedWithLoopStats(server, () => scenario({
        id: 'token-fixed-rate', target, server, request: token, overallRate: FIXED_RATE,
        compareTo: [compare('token-fixed-rate', 'bare-fastify', 'bare-fastify', 'p99'), compare('token-fixed-rate', 'minimal-token', 'minimal-token', 'p99')],
      }));
      if (selected('introspect')) {
        const accessToken = await issueToken(server.baseUrl, client.clientId, client.clientSecret);
        await scenario({
          id: 'introspect', target, server, check: expectActive,
          request: {
            method: 'POST',
            path: '/oauth/introspect',
            headers: { authorization: basicAuthorization(client.clientId, client.clientSecret), 'content-type': FORM },
            body: formBody({ token: accessToken }),
          },
          compareTo: [compare('introspect', 'minimal-token')],
        });
      }
      await introspectFresh(server, target, client);
      await scenario({
        id: 'jwks', target, server, request: { method: 'GET', path: '/oauth/jwks' },
        check: ({ json }) => {
          if (!Array.isArray(json?.keys) || json.keys.length === 0) throw new Error('JWKS has no keys');
        },
        compareTo: [compare('jwks', 'bare-fastify')],
      });
      await privateKeyJwt(server, target, admin, client);
      await tokenDpop(server, target, client);
      await adminCreate(server, target);
    },
  });
}

/** What an admin create must reach on either engine, on one instance (issue 21). */
const ADMIN_CREATE_TARGET = 1_500;
const SQLITE_MAIN = 'keyward (sqlite)';

async function adminCreate(server, target) {
  if (!selected('admin-create')) return;
  // A fresh admin token: the ones taken before may be close to their expiry after the
  // assertions were signed.
  const freshAdmin = await adminToken(server.baseUrl, BOOTSTRAP_SECRET);
  await scenario({
    id: 'admin-create', target, server,
    request: {
      method: 'POST',
      path: '/v1/apiClients',
      headers: { authorization: `Bearer ${freshAdmin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: 'bench', permissions: ['read'] }),
    },
    compareTo: [
      { rate: ADMIN_CREATE_TARGET, label: `target ${n(ADMIN_CREATE_TARGET)}/s` },
      ...(target === SQLITE_MAIN ? [] : [compare('admin-create', SQLITE_MAIN, 'sqlite')]),
    ],
  });
}

/**
 * The short run without BENCH_DATABASE_URL (CI): admin creates on PostgreSQL too, in a database
 * of their own on the server the tests use (TEST_DATABASE_URL), dropped afterwards. A few seconds.
 */
async function keywardPostgresCreates(serverUrl) {
  if (!selected('admin-create')) return;
  const target = 'keyward (postgres)';
  const name = `keyward_bench_${process.pid}`;
  const databaseUrl = new URL(serverUrl);
  databaseUrl.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    await session({
      launch: () => launchKeyward({ label: target, dataDir: freshDataDir(), databaseUrl: databaseUrl.toString(), bootstrapSecret: BOOTSTRAP_SECRET, logDir }),
      planned: [{ id: 'admin-create', target }],
      body: (server) => adminCreate(server, target),
    });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

function runSeeder(dataDir, count, startIndex) {
  say(`seeding ${n(count)} clients …`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [
      path.join(ROOT, 'bench', 'seed.mjs'),
      '--data-dir', dataDir,
      '--count', String(count),
      '--start-index', String(startIndex),
    ], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bench/seed.mjs exited with code ${code}`))));
  });
}

async function keywardSeeded() {
  const target = 'keyward (sqlite)';
  const wanted = ['token-small', 'admin-list', 'token-large'].filter(selected);
  if (wanted.length === 0) return;
  const dataDir = freshDataDir();
  const launch = () => launchKeyward({ label: target, dataDir, bootstrapSecret: BOOTSTRAP_SECRET, logDir });
  let stored = 1; // the bootstrap client
  let seeded = 0;
  const seedTo = async (total) => {
    const count = Math.max(0, total - stored);
    await runSeeder(dataDir, count, seeded);
    seeded += count;
    stored += count;
  };
  const failRemaining = (ids, note) => {
    for (const id of ids) record({ scenario: id, target, label: SCENARIOS[id], status: 'failed', note });
  };

  // A first start migrates the schema and creates the bootstrap client the seeded rows
  // are attached to.
  if (!await session({ launch, planned: wanted.map((id) => ({ id, target })), body: async () => {} })) return;

  const steps = [
    { id: 'token-small', total: SEEDED.small },
    { id: 'admin-list', total: SEEDED.list },
    { id: 'token-large', total: SEEDED.large },
  ];
  const lastNeeded = Math.max(...wanted.map((id) => steps.findIndex((step) => step.id === id)));
  for (let i = 0; i <= lastNeeded; i++) {
    const { id, total } = steps[i];
    try {
      await seedTo(total);
    } catch (error) {
      failRemaining(steps.slice(i).map((step) => step.id).filter(selected), `seeding failed: ${error.message}`);
      return;
    }
    if (!selected(id)) continue;
    await session({
      launch,
      planned: [{ id, target }],
      body: async (server, readySeconds) => {
        const admin = await adminToken(server.baseUrl, BOOTSTRAP_SECRET);
        if (id === 'admin-list') {
          await adminList(server, target, admin);
          return;
        }
        const client = await createClient(server.baseUrl, admin);
        stored += 1;
        await scenario({
          id, target, server,
          label: `${SCENARIOS[id]} (ready in ${readySeconds.toFixed(2)} s)`,
          request: tokenRequest(client.clientId, client.clientSecret),
          check: expectAccessToken,
          compareTo: id === 'token-small'
            ? [compare('token', target, 'keyward token')]
            : [compare('token-small', target, `${n(SEEDED.small)} clients`)],
        });
      },
    });
  }
}

async function adminList(server, target, admin) {
  const headers = { authorization: `Bearer ${admin}` };
  const first = '/v1/apiClients?pageSize=100';
  const { json, text } = await expectOk(`GET ${first}`, server.baseUrl, { path: first, headers });
  const items = json && Object.values(json).find(Array.isArray);
  if (!items || items.length < 100) {
    throw new Error(`the first page lists ${items ? items.length : 'no'} clients, expected 100: are the seeded rows in the admin's organization? (${text.slice(0, 120)})`);
  }
  // Deep pages are where an OFFSET-based listing slows down, so the load visits the whole
  // collection page by page instead of asking for the first page again and again.
  const paths = [first];
  let token = json.nextPageToken;
  while (token && paths.length < LIST_PAGE_LIMIT) {
    const pagePath = `${first}&pageToken=${encodeURIComponent(token)}`;
    paths.push(pagePath);
    token = (await expectOk(`GET ${pagePath}`, server.baseUrl, { path: pagePath, headers })).json?.nextPageToken;
  }
  let next = 0;
  await scenario({
    id: 'admin-list', target, server,
    label: `${SCENARIOS['admin-list']} (${n(paths.length)} pages in turn)`,
    request: {
      requests: [{
        method: 'GET',
        path: first,
        headers,
        setupRequest: (request) => {
          request.path = paths[next++ % paths.length];
          return request;
        },
      }],
    },
  });
  await scenario({
    id: 'admin-list-paced', target, server, overallRate: LIST_FIXED_RATE,
    label: `${SCENARIOS['admin-list-paced']} (${n(paths.length)} pages in turn)`,
    request: { method: 'GET', path: first, paths, headers },
  });
}

async function keywardWorkers() {
  if (!selected('workers')) return;
  const targetFor = (count) => `keyward (sqlite), KEYWARD_WORKERS=${count}`;
  const baseline = WORKER_COUNTS[0];
  for (const count of WORKER_COUNTS) {
    const target = targetFor(count);
    await session({
      launch: () => launchKeyward({
        label: target, dataDir: freshDataDir(), bootstrapSecret: BOOTSTRAP_SECRET, logDir,
        extraEnv: { KEYWARD_WORKERS: String(count) },
      }),
      planned: [{ id: 'workers', target, label: `token, KEYWARD_WORKERS=${count}` }],
      body: async (server) => {
        const admin = await adminToken(server.baseUrl, BOOTSTRAP_SECRET);
        const client = await createClient(server.baseUrl, admin);
        await scenario({
          id: 'workers', target, server,
          label: `token, KEYWARD_WORKERS=${count}`,
          request: tokenRequest(client.clientId, client.clientSecret),
          check: expectAccessToken,
          compareTo: [compare('workers', targetFor(baseline), `KEYWARD_WORKERS=${baseline}`)],
        });
      },
    });
  }
}

/**
 * Alternates the load between sides in short slices, the order swapped each round, and records
 * one row per side that sums its slices, compared with the first side. Each side has its
 * server, request and row target and label; two sides may share a server.
 */
async function alternate(id, sides, rounds, referenceLabel) {
  for (const side of sides) side.slices = [];
  say(`${SCENARIOS[id]}: ${rounds} rounds of ${(DURATION / rounds).toFixed(1)} s each …`);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) {
      side.slices.push(await measure({
        url: side.server.baseUrl, request: side.request,
        durationSeconds: DURATION / rounds, warmupSeconds: round === 0 ? WARMUP : 0,
        cpu: () => cpuSeconds(side.server.handle.pid),
      }));
    }
  }
  const median = (values) => values.filter((v) => v !== null).sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? null;
  for (const side of sides) {
    const sum = (key) => side.slices.reduce((total, slice) => total + (slice[key] ?? 0), 0);
    const completed = sum('completed');
    record({
      scenario: id, target: side.target, label: side.label, status: 'ok',
      // autocannon runs whole seconds: a slice asked for 0.6 s lasts 1 s.
      requestsPerSecond: completed / sum('seconds'),
      completed,
      cpuSeconds: side.slices.some((slice) => slice.cpuSeconds === null) ? null : sum('cpuSeconds'),
      p50: median(side.slices.map((slice) => slice.p50)),
      p99: median(side.slices.map((slice) => slice.p99)),
      errors: sum('errors'),
      timeouts: sum('timeouts'),
      statusCodes: side.slices.reduce((all, slice) => {
        for (const [code, count] of Object.entries(slice.statusCodes)) all[code] = (all[code] ?? 0) + count;
        return all;
      }, {}),
      rssMb: residentMemoryMb(side.server.handle.pid),
      compareTo: side.compareTo ?? [compare(id, sides[0].target, referenceLabel)],
    });
  }
}

/**
 * The targets of the token path measured the way this shared machine allows: Keyward and its
 * references all running at once, the load alternating between them in short slices, the order
 * swapped each round, so that every side meets the same neighbours. Measured one after the
 * other, windows minutes apart gave the same build anywhere from 0.33× to 0.90× the minimal route.
 */
async function sideBySide() {
  const ids = ['token-slices', 'introspect-fresh-slices', 'jwks-slices'].filter(selected);
  if (ids.length === 0 || INSTRUCTIONS) return;
  const ROUNDS = 5;
  const servers = [];
  const start = async (launch) => {
    const server = await launch();
    servers.push(server);
    return server;
  };
  try {
    const keyward = await start(() => launchKeyward({ label: SQLITE_MAIN, dataDir: freshDataDir(), bootstrapSecret: BOOTSTRAP_SECRET, logDir }));
    const minimal = await start(() => launchReference('minimal-token', { logDir }));
    const bare = selected('jwks-slices') ? await start(() => launchReference('bare-fastify', { logDir })) : null;
    const oidc = selected('token-slices') ? await start(() => launchReference('oidc-provider', { logDir })) : null;
    for (const server of servers) await server.waitReady();
    const admin = await adminToken(keyward.baseUrl, BOOTSTRAP_SECRET);
    const client = await createClient(keyward.baseUrl, admin);
    const referenceToken = tokenRequest(REFERENCE_CLIENT_ID, REFERENCE_CLIENT_SECRET);
    const keywardToken = tokenRequest(client.clientId, client.clientSecret);
    const slices = (what) => `${what} (${ROUNDS} alternating slices)`;
    if (selected('token-slices')) {
      const id = 'token-slices';
      await probe(keyward.baseUrl, keywardToken, expectAccessToken);
      await probe(oidc.baseUrl, referenceToken, expectAccessToken);
      await alternate(id, [
        { target: 'minimal-token', label: slices('token, client_secret_basic, ES256'), server: minimal, request: referenceToken },
        {
          target: SQLITE_MAIN, label: slices('token, client_secret_basic, ES256'), server: keyward, request: keywardToken,
          compareTo: [compare(id, 'minimal-token'), compare(id, 'oidc-provider')],
        },
        { target: 'oidc-provider', label: slices('token, client_secret_basic, ES256'), server: oidc, request: referenceToken },
      ], ROUNDS, 'minimal-token');
    }
    if (selected('introspect-fresh-slices')) {
      const id = 'introspect-fresh-slices';
      const reference = await issueToken(minimal.baseUrl, REFERENCE_CLIENT_ID, REFERENCE_CLIENT_SECRET);
      const fresh = await freshTokens(keyward, client);
      await alternate(id, [
        {
          // The minimal route verifies the signature on every call: the same token each time is its fair side.
          target: 'minimal-token', label: slices('introspection, a signature checked each time'), server: minimal,
          request: { method: 'POST', path: '/oauth/introspect', headers: { authorization: basicAuthorization(REFERENCE_CLIENT_ID, REFERENCE_CLIENT_SECRET), 'content-type': FORM }, body: formBody({ token: reference }) },
        },
        { target: SQLITE_MAIN, label: slices('introspection, a different token each time'), server: keyward, request: fresh },
      ], ROUNDS, 'minimal-token');
    }
    if (selected('jwks-slices')) {
      const jwks = { method: 'GET', path: '/oauth/jwks' };
      await alternate('jwks-slices', [
        { target: 'bare-fastify', label: slices('JWKS'), server: bare, request: jwks },
        { target: SQLITE_MAIN, label: slices('JWKS'), server: keyward, request: jwks },
      ], ROUNDS, 'bare-fastify');
    }
  } catch (error) {
    say(`side by side: ${error.message}`);
    for (const id of ids) {
      if (!rows.some((row) => row.scenario === id)) record({ scenario: id, target: SQLITE_MAIN, label: SCENARIOS[id], status: 'failed', note: error.message });
    }
    failed = true;
  } finally {
    await Promise.all(servers.map((server) => stopServer(server.handle)));
  }
}

/**
 * What a setting that is on by default costs on the token path (the access log, usage
 * counting). Two servers run at once, the setting off and on (what a user runs), and the load
 * alternates between them in short slices, the order swapped each round: on a shared machine
 * the load of others drifts within seconds, and two runs one after the other have measured 0.7×
 * and 1.9× for the same build. Each row sums its slices.
 */
/**
 * One setting on and off, each side its own server. `setting` is an environment variable set to
 * true/false; or, with `setting` null, `prepare(baseUrl, admin, client, on)` makes the client's
 * credential differ between the sides instead.
 */
async function keywardOnOff(id, setting, what, prepare = async (_baseUrl, _admin, client) => client) {
  if (!selected(id)) return;
  const envOf = (on) => (setting ? { [setting]: String(on) } : {});
  const ROUNDS = 5;
  const sides = [false, true].map((on) => ({
    on,
    target: `keyward (sqlite), ${what} ${on ? 'on' : 'off'}`,
    label: `token, ${what} ${on ? 'on' : 'off'} (${ROUNDS} alternating slices)`,
  }));
  const failAll = (note) => {
    for (const { target, label } of sides) record({ scenario: id, target, label, status: 'failed', note });
  };
  if (INSTRUCTIONS) {
    // Counted instructions do not drift with the machine's load: one server after the other.
    for (const side of sides) {
      await session({
        launch: () => launchKeyward({
          label: side.target, dataDir: freshDataDir(), bootstrapSecret: BOOTSTRAP_SECRET, logDir,
          extraEnv: envOf(side.on),
        }),
        planned: [{ id, target: side.target, label: side.label }],
        body: async (server) => {
          const admin = await adminToken(server.baseUrl, BOOTSTRAP_SECRET);
          const client = await prepare(server.baseUrl, admin, await createClient(server.baseUrl, admin), side.on);
          await scenario({
            id, target: side.target, label: side.label.replace(/ \(.*\)$/, ''), server,
            request: tokenRequest(client.clientId, client.clientSecret), check: expectAccessToken,
            compareTo: side.on ? [compare(id, sides[0].target, `${what} off`)] : [],
          });
        },
      });
    }
    return;
  }
  const servers = [];
  try {
    for (const side of sides) {
      side.server = await launchKeyward({
        label: side.target, dataDir: freshDataDir(), bootstrapSecret: BOOTSTRAP_SECRET, logDir,
        extraEnv: envOf(side.on),
      });
      servers.push(side.server);
    }
    for (const side of sides) {
      await side.server.waitReady();
      const admin = await adminToken(side.server.baseUrl, BOOTSTRAP_SECRET);
      const client = await prepare(side.server.baseUrl, admin, await createClient(side.server.baseUrl, admin), side.on);
      side.request = tokenRequest(client.clientId, client.clientSecret);
      await probe(side.server.baseUrl, side.request, expectAccessToken);
    }
    await alternate(id, sides, ROUNDS, `${what} off`);
  } catch (error) {
    say(`${what}: ${error.message}`);
    if (!rows.some((row) => row.scenario === id)) failAll(error.message);
    failed = true;
  } finally {
    await Promise.all(servers.map((server) => stopServer(server.handle)));
  }
}

// ---------------------------------------------------------------------------------------

const TARGET_RANK = { 'minimal-token': 1, 'oidc-provider': 2, 'bare-fastify': 3 };

function ordered(list) {
  const scenarioOrder = Object.keys(SCENARIOS);
  return list
    .map((row, index) => ({ row, index }))
    .sort((a, b) => (scenarioOrder.indexOf(a.row.scenario) - scenarioOrder.indexOf(b.row.scenario))
      || ((TARGET_RANK[a.row.target] ?? 0) - (TARGET_RANK[b.row.target] ?? 0))
      || (a.index - b.index))
    .map(({ row }) => row);
}

function caption() {
  const cpus = os.cpus();
  const cpu = cpus.length ? `${cpus[0].model.trim()} × ${cpus.length}` : 'unknown CPU';
  if (INSTRUCTIONS) {
    return `Keyward bench, instructions per request, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: `
      + `${valgrind} (callgrind), Node ${process.version}, ${cpu}; ${n(COUNTED_REQUESTS)} requests counted after `
      + `${n(UNCOUNTED_REQUESTS)} uncounted. Ratios compare main-thread counts; above 1 means fewer instructions than the reference.`;
  }
  return `Keyward bench, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ${cpu}, `
    + `${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${CONNECTIONS} connections, `
    + `${DURATION} s per scenario after ${WARMUP} s of warm-up${SHORT ? ' (short run)' : ''}. `
    + 'Ratios compare rows of this run only.';
}

async function stopAll() {
  await Promise.all([...live].map((handle) => stopServer(handle, 3_000)));
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    say(`${signal}: stopping servers`);
    stopAll().finally(() => {
      if (!KEEP) fs.rmSync(runDir, { recursive: true, force: true });
      process.exit(130);
    });
  });
}

let verifierTable;
try {
  await references();
  if (!flags['references-only']) {
    await keywardMain(SQLITE_MAIN);
    await sideBySide();
    if (DATABASE_URL) await keywardMain('keyward (postgres)', { databaseUrl: DATABASE_URL });
    else if (SHORT && process.env.TEST_DATABASE_URL) await keywardPostgresCreates(process.env.TEST_DATABASE_URL);
    await keywardSeeded();
    await keywardWorkers();
    await keywardDpopNonces();
    await keywardOnOff('token-access-log', 'KEYWARD_ACCESS_LOG', 'access log');
    await keywardOnOff('token-usage-counting', 'KEYWARD_USAGE_COUNTING', 'usage counting');
    // Both sides rotate into a single live secret, so each request checks one hash either way.
    await keywardOnOff('token-cidr', null, 'allowedCidrs', (baseUrl, admin, client, on) => rotateSecret(baseUrl, admin, client, on ? BENCH_CIDRS : []));
  }
  if (selected('verifier') && !INSTRUCTIONS) verifierTable = renderVerifierTable(await verifierBench({ short: SHORT }));
} catch (error) {
  failed = true;
  say(`aborted: ${error.stack ?? error.message}`);
} finally {
  await stopAll();
}

process.stdout.write(`${caption()}\n\n${(INSTRUCTIONS ? renderInstructionTable : renderTable)(ordered(rows))}\n`);
if (verifierTable) process.stdout.write(`\n${verifierTable}\n`);

if (KEEP || failed) {
  if (!KEEP) fs.rmSync(dataRoot, { recursive: true, force: true });
  say(`logs kept in ${logDir}`);
} else {
  fs.rmSync(runDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
