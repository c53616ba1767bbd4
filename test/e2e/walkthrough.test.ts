import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

/**
 * The README's five-minute walkthrough, against the built server started as a user starts it
 * (node dist/main.js, SQLite in a fresh data folder), over real HTTP.
 */
const ROOT = new URL('../../', import.meta.url).pathname;
const SECRET = 'walkthrough-secret-0123456789abcdefghijkl';

/** The README's walkthrough commands after the server start, in order, as one script. */
function walkthroughScript(base: string): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## Five minutes with curl$/m)[1].split(/^## /m)[0];
  const blocks = [...section.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
  assert.match(blocks[0], /npm start/, 'the first block starts the server');
  return blocks.slice(1).join('\n').replaceAll('http://localhost:8080', base);
}

const hasTools = ['curl', 'jq'].every((tool) => {
  try {
    execFileSync(tool, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

describe('end to end: the README walkthrough against node dist/main.js', () => {
  let server: ChildProcess;
  let base: string;
  let dataDir: string;
  let output = '';

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'keyward-e2e-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ['dist/main.js'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        HOST: '127.0.0.1',
        KEYWARD_DATA_DIR: dataDir,
        KEYWARD_BOOTSTRAP_CLIENT_ID: 'admin',
        KEYWARD_BOOTSTRAP_CLIENT_SECRET: SECRET,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (d) => (output += d));
    server.stderr!.on('data', (d) => (output += d));
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        if ((await fetch(`${base}/readyz`)).ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline || server.exitCode !== null) throw new Error(`server did not become ready:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  after(async () => {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('bootstrap admin → token → create a client → its token → introspect → revoke', async () => {
    const form = (body: Record<string, string>) => new URLSearchParams(body).toString();
    const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
    const formHeaders = (auth: string) => ({ authorization: auth, 'content-type': 'application/x-www-form-urlencoded' });

    const adminToken = await fetch(`${base}/oauth/token`, { method: 'POST', headers: formHeaders(basic('admin', SECRET)), body: form({ grant_type: 'client_credentials' }) });
    assert.equal(adminToken.status, 200);
    const { access_token: admin } = (await adminToken.json()) as { access_token: string };

    const created = await fetch(`${base}/v1/apiClients`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: 'reports', permissions: ['reports.read'] }),
    });
    assert.equal(created.status, 200);
    const client = (await created.json()) as { clientId: string; clientSecret: string };

    const issued = await fetch(`${base}/oauth/token`, { method: 'POST', headers: formHeaders(basic(client.clientId, client.clientSecret)), body: form({ grant_type: 'client_credentials', scope: 'reports.read' }) });
    assert.equal(issued.status, 200);
    assert.equal(issued.headers.get('cache-control'), 'no-store');
    const { access_token: token } = (await issued.json()) as { access_token: string };

    const introspect = async () =>
      (await (await fetch(`${base}/oauth/introspect`, { method: 'POST', headers: formHeaders(basic(client.clientId, client.clientSecret)), body: form({ token }) })).json()) as { active: boolean; scope?: string };
    assert.deepEqual({ active: true, scope: 'reports.read' }, { active: (await introspect()).active, scope: (await introspect()).scope });

    const revoked = await fetch(`${base}/oauth/revoke`, { method: 'POST', headers: formHeaders(basic(client.clientId, client.clientSecret)), body: form({ token }) });
    assert.equal(revoked.status, 200);
    assert.deepEqual(await introspect(), { active: false });

    const docs = await fetch(`${base}/openapi.json`);
    assert.equal(((await docs.json()) as { openapi: string }).openapi, '3.1.0');
  });

  it('the README commands themselves, in bash with curl and jq: they work and write no file', { skip: !hasTools && 'needs curl and jq' }, () => {
    const cwd = mkdtempSync(join(tmpdir(), 'keyward-walkthrough-'));
    try {
      const stdout = execFileSync('bash', ['-euo', 'pipefail', '-c', walkthroughScript(base)], {
        cwd,
        env: { PATH: process.env.PATH, HOME: cwd, KEYWARD_BOOTSTRAP_CLIENT_ID: 'admin', KEYWARD_BOOTSTRAP_CLIENT_SECRET: SECRET },
        encoding: 'utf8',
        timeout: 30_000,
      });
      // curl prints each answer without a newline; jq splits the concatenated JSON values.
      const answers = execFileSync('jq', ['-c', '.'], { input: stdout, encoding: 'utf8' }).split('\n').filter(Boolean).map((line) => JSON.parse(line));
      // introspect (active), revoke (an empty answer), introspect (inactive), rotate (a new secret), audit events.
      assert.equal(answers.length, 4, stdout);
      assert.equal(answers[0].active, true);
      assert.equal(answers[0].scope, 'reports.read');
      assert.deepEqual(answers[1], { active: false });
      assert.match(answers[2].secret, /^kw_/, JSON.stringify(answers[2]));
      assert.ok(Array.isArray(answers[3].auditEvents) && answers[3].auditEvents.length > 0, JSON.stringify(answers[3]));
      assert.deepEqual(readdirSync(cwd), [], 'the walkthrough wrote files');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('never logs a secret', () => {
    assert.ok(output.length > 0);
    assert.ok(!output.includes(SECRET), 'the bootstrap secret appears in the logs');
  });
});
