import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { freePort, http, sleep } from '../faults/support.js';

/**
 * The container image (container/Dockerfile) built and started for real: the image is built on
 * the bases container/build-base.sh makes from Debian packages, run with a volume, and must turn
 * healthy through its own HEALTHCHECK; then the README's quick start (a bootstrap admin, an API
 * client, its token over HTTP), a new container on the same volume that still knows the client
 * and the signing key, and a process that is not root. With podman-compose and the
 * keyward-postgres base present, compose.yaml is started too and serves a token from PostgreSQL.
 *
 * It takes minutes and a container engine, so it runs only with KEYWARD_CONTAINER_TEST=1:
 *
 *   KEYWARD_CONTAINER_TEST=1 node --import tsx --test test/e2e/container.test.ts
 *
 *   KEYWARD_CONTAINER_ENGINE      podman (default) or docker
 *   KEYWARD_CONTAINER_FLAGS       extra flags for build and run, e.g. on hosts where podman needs
 *                                 runc and lower limits: "--runtime runc --ulimit nofile=1024:1024 --ulimit nproc=1024:1024"
 *   KEYWARD_CONTAINER_BASE        the runtime base image (default keyward-base)
 *   KEYWARD_CONTAINER_BUILD_BASE  the build stage's base image (default keyward-build-base)
 *   KEYWARD_POSTGRES_IMAGE        the PostgreSQL image compose.yaml is tried with (default keyward-postgres)
 */
const SKIP = process.env.KEYWARD_CONTAINER_TEST === '1'
  ? false
  : 'container image: set KEYWARD_CONTAINER_TEST=1 to build and start it (needs podman or docker and container/build-base.sh; see docs/operations.md, Container)';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ENGINE = process.env.KEYWARD_CONTAINER_ENGINE ?? 'podman';
const FLAGS = (process.env.KEYWARD_CONTAINER_FLAGS ?? '').split(/\s+/).filter(Boolean);
const BASE = process.env.KEYWARD_CONTAINER_BASE ?? 'keyward-base';
const BUILD_BASE = process.env.KEYWARD_CONTAINER_BUILD_BASE ?? 'keyward-build-base';
const POSTGRES_IMAGE = process.env.KEYWARD_POSTGRES_IMAGE ?? 'keyward-postgres';
const IMAGE = 'localhost/keyward:test';
const TAG = `kwtest${process.pid}`;
const ADMIN_ID = 'admin';
const ADMIN_SECRET = 'container-admin-secret-0123456789abcdefghij';

/** `--runtime` is a global option of podman; the others belong to build and run. */
const globalFlags: string[] = [];
const commandFlags: string[] = [];
for (let i = 0; i < FLAGS.length; i++) {
  if (FLAGS[i] === '--runtime') globalFlags.push(FLAGS[i], FLAGS[++i]);
  else if (FLAGS[i].startsWith('--runtime=')) globalFlags.push(FLAGS[i]);
  else commandFlags.push(FLAGS[i]);
}

function engine(args: string[], options: { check?: boolean; timeout?: number } = {}) {
  const result = spawnSync(ENGINE, [...globalFlags, ...args], { cwd: ROOT, encoding: 'utf8', timeout: options.timeout ?? 60_000, maxBuffer: 64 * 1024 * 1024 });
  if (options.check !== false && result.status !== 0) {
    throw new Error(`${ENGINE} ${args.join(' ')}: exit ${result.status}\n${result.stdout?.slice(-4000)}\n${result.stderr?.slice(-4000)}`);
  }
  return result;
}

function run(name: string, port: number, volume: string) {
  engine(['run', '-d', ...commandFlags, '--name', name, '-p', `127.0.0.1:${port}:8080`, '-v', `${volume}:/data`,
    '-e', `KEYWARD_BOOTSTRAP_CLIENT_ID=${ADMIN_ID}`, '-e', `KEYWARD_BOOTSTRAP_CLIENT_SECRET=${ADMIN_SECRET}`,
    '-e', `KEYWARD_ISSUER=http://localhost:${port}`, IMAGE]);
}

/** Waits until the image's own HEALTHCHECK passes (podman runs it on demand; docker on its timer). */
async function healthy(name: string): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < 60_000) {
    if (ENGINE === 'podman') {
      if (engine(['healthcheck', 'run', name], { check: false }).status === 0) return Date.now() - started;
    } else if (engine(['inspect', '--format', '{{.State.Health.Status}}', name], { check: false }).stdout.trim() === 'healthy') {
      return Date.now() - started;
    }
    await sleep(500);
  }
  const logs = engine(['logs', name], { check: false });
  throw new Error(`${name} did not turn healthy within 60 s\n${logs.stdout}\n${logs.stderr}`);
}

async function token(url: string, id: string, secret: string) {
  const res = await http({ url }, 'POST', '/oauth/token', { form: { grant_type: 'client_credentials' }, basic: [id, secret] });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.access_token as string;
}

const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());
const header = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url').toString());

describe('container image', { skip: SKIP }, () => {
  const containers: string[] = [];
  const volume = `${TAG}-data`;

  before(() => {
    for (const image of [BASE, BUILD_BASE]) {
      assert.equal(engine(['image', 'exists', image], { check: false }).status, 0, `${image} is missing: run container/build-base.sh first`);
    }
    const started = Date.now();
    engine(['build', ...commandFlags, ...(ENGINE === 'podman' ? ['--format', 'docker'] : []),
      '--build-arg', `BUILD_BASE=${BUILD_BASE}`, '--build-arg', `RUNTIME_BASE=${BASE}`,
      '-f', 'container/Dockerfile', '-t', IMAGE, '.'], { timeout: 20 * 60_000 });
    const size = engine(['image', 'inspect', '--format', '{{.Size}}', IMAGE]).stdout.trim();
    console.log(`# image built in ${((Date.now() - started) / 1000).toFixed(1)} s, ${(Number(size) / 1e6).toFixed(0)} MB`);
  });

  after(() => {
    for (const name of containers) engine(['rm', '-f', '-t', '2', name], { check: false });
    engine(['volume', 'rm', '-f', volume], { check: false });
  });

  it('runs the quick start as a non-root user, and keeps its data on the volume across containers', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const first = `${TAG}-a`;
    containers.push(first);
    run(first, port, volume);
    console.log(`# first container healthy after ${await healthy(first)} ms`);

    const ready = await http({ url }, 'GET', '/readyz');
    assert.equal(ready.status, 200);

    const admin = await token(url, ADMIN_ID, ADMIN_SECRET);
    const created = await http({ url }, 'POST', '/v1/apiClients', { token: admin, body: { displayName: 'Reports exporter', permissions: ['reports.read'] } });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const { clientId, clientSecret } = created.body;
    const before = await token(url, clientId, clientSecret);
    assert.equal(claims(before).iss, `http://localhost:${port}`);
    assert.equal(claims(before).scope, 'reports.read');

    // Not root: the image's user, and the server process itself (PID 1) runs under it.
    assert.equal(engine(['inspect', '--format', '{{.Config.User}}', first]).stdout.trim(), 'keyward');
    const uid = engine(['exec', first, 'id', '-u']).stdout.trim();
    assert.notEqual(uid, '0');
    const status = engine(['exec', first, 'cat', '/proc/1/status']).stdout;
    assert.match(status, new RegExp(`^Uid:\\s+${uid}\\s+${uid}\\s`, 'm'));
    assert.match(engine(['exec', first, 'cat', '/proc/1/cmdline']).stdout, /node.dist\/main\.js/);
    assert.match(engine(['exec', first, 'ls', '/data']).stdout, /pepper/);
    // The build stage's CA certificates stay there.
    assert.notEqual(engine(['exec', first, 'ls', '/tmp/ca'], { check: false }).status, 0);

    // A new container on the same volume: the client, its secret and the signing key are there.
    engine(['stop', '-t', '10', first]);
    engine(['rm', first]);
    const second = `${TAG}-b`;
    containers.push(second);
    run(second, port, volume);
    await healthy(second);
    const later = await token(url, clientId, clientSecret);
    assert.equal(header(later).kid, header(before).kid);
    const admin2 = await token(url, ADMIN_ID, ADMIN_SECRET);
    const introspected = await http({ url }, 'POST', '/oauth/introspect', { form: { token: before }, basic: [ADMIN_ID, ADMIN_SECRET] });
    assert.equal(introspected.status, 200);
    assert.equal(introspected.body.active, true);
    const listed = await http({ url }, 'GET', '/v1/apiClients', { token: admin2 });
    assert.equal(listed.status, 200);
    assert.ok(JSON.stringify(listed.body).includes(clientId));
  });

  it('stops on SIGTERM within the grace period', () => {
    const name = containers.at(-1)!;
    const started = Date.now();
    engine(['stop', '-t', '20', name]);
    const code = engine(['inspect', '--format', '{{.State.ExitCode}}', name]).stdout.trim();
    assert.ok(Date.now() - started < 15_000, `stop took ${Date.now() - started} ms`);
    assert.equal(code, '0');
  });

  it('compose.yaml serves tokens from PostgreSQL', { skip: composeSkip() }, async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = {
      ...process.env,
      KEYWARD_IMAGE: IMAGE,
      KEYWARD_POSTGRES_IMAGE: POSTGRES_IMAGE,
      KEYWARD_PORT: String(port),
      KEYWARD_ISSUER: `http://localhost:${port}`,
      POSTGRES_PASSWORD: 'compose-postgres-password-0123456789',
      KEYWARD_BOOTSTRAP_CLIENT_ID: ADMIN_ID,
      KEYWARD_BOOTSTRAP_CLIENT_SECRET: ADMIN_SECRET,
    };
    const compose = (args: string[], check = true) => {
      const result = spawnSync('podman-compose', [
        ...(globalFlags.length ? ['--podman-args', globalFlags.join(' ')] : []),
        ...(commandFlags.length ? ['--podman-run-args', commandFlags.join(' ')] : []),
        '-p', TAG, '-f', 'compose.yaml', ...args,
      ], { cwd: ROOT, env, encoding: 'utf8', timeout: 5 * 60_000 });
      if (check && result.status !== 0) throw new Error(`podman-compose ${args.join(' ')}: exit ${result.status}\n${result.stdout}\n${result.stderr}`);
      return result;
    };
    try {
      const started = Date.now();
      compose(['up', '-d']);
      let ready = 0;
      while (Date.now() - started < 90_000) {
        ready = await http({ url }, 'GET', '/readyz').then((r) => r.status, () => 0);
        if (ready === 200) break;
        await sleep(500);
      }
      if (ready !== 200) {
        const logs = compose(['logs'], false);
        assert.fail(`compose did not become ready within 90 s\n${logs.stdout}\n${logs.stderr}`);
      }
      console.log(`# compose ready after ${Date.now() - started} ms`);
      const admin = await token(url, ADMIN_ID, ADMIN_SECRET);
      const created = await http({ url }, 'POST', '/v1/apiClients', { token: admin, body: { displayName: 'compose', permissions: ['reports.read'] } });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      const jwt = await token(url, created.body.clientId, created.body.clientSecret);
      assert.equal(claims(jwt).scope, 'reports.read');
      // The data is in PostgreSQL, not in a SQLite file of the Keyward container.
      const tables = engine(['exec', `${TAG}_postgres_1`, 'psql', '-U', 'keyward', '-d', 'keyward', '-Atc', 'SELECT count(*) FROM kysely_migration']);
      assert.ok(Number(tables.stdout.trim()) > 0);
    } finally {
      compose(['down', '-v'], false);
    }
  });
});

function composeSkip(): string | false {
  if (!existsSync(join(ROOT, 'compose.yaml'))) return 'no compose.yaml';
  if (ENGINE !== 'podman') return 'compose.yaml is tested here with podman-compose';
  if (spawnSync('podman-compose', ['--version']).status !== 0) return 'podman-compose is not installed';
  if (spawnSync('podman', ['image', 'exists', POSTGRES_IMAGE]).status !== 0) return `${POSTGRES_IMAGE} is missing: run container/build-base.sh`;
  return false;
}
