import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_ID as PROCESS_ADMIN_ID, ADMIN_SECRET as PROCESS_ADMIN_SECRET, buildOnce, http, sleep, startServer } from '../faults/support.js';
import { ADMIN_ID, ADMIN_SECRET, startHarness, type Harness } from '../helpers/harness.js';
import { LogCapture } from '../security/support.js';

interface Line {
  level: number;
  msg: string;
  reqId?: string;
  method?: string;
  route?: string | null;
  status?: number;
  ms?: number;
  client?: string;
}

const QUERY_SECRET = 'query-string-must-not-be-logged';

/** The access-log lines written while `fn` runs. */
async function linesDuring(logs: LogCapture, fn: () => Promise<unknown>): Promise<{ lines: Line[]; text: string }> {
  const from = logs.lines.length;
  await fn();
  const raw = logs.lines.slice(from);
  return { lines: raw.map((line) => JSON.parse(line) as Line).filter((line) => line.msg === 'request' || line.msg === 'request failed'), text: raw.join('') };
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

function tokenWithQuery(h: Harness, secret = ADMIN_SECRET) {
  return h.inject({
    method: 'POST',
    url: `/oauth/token?debug=${QUERY_SECRET}`,
    headers: { authorization: basic(ADMIN_ID, secret), 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'grant_type=client_credentials',
  });
}

describe('access log (KEYWARD_ACCESS_LOG)', () => {
  it('one info line per request: method, route pattern, status, duration, client; no query, header or secret', async (t) => {
    const logs = new LogCapture();
    const h = await startHarness(t, { logStream: logs, env: { LOG_LEVEL: 'info' } });

    const token = await linesDuring(logs, async () => assert.equal((await tokenWithQuery(h)).statusCode, 200));
    assert.equal(token.lines.length, 1, token.text);
    const [line] = token.lines;
    assert.deepEqual(
      { level: line.level, method: line.method, route: line.route, status: line.status, client: line.client },
      { level: 30, method: 'POST', route: '/oauth/token', status: 200, client: ADMIN_ID },
    );
    assert.equal(typeof line.ms, 'number');
    assert.equal(typeof line.reqId, 'string');
    for (const forbidden of [QUERY_SECRET, ADMIN_SECRET, basic(ADMIN_ID, ADMIN_SECRET), 'authorization', 'access_token']) {
      assert.ok(!token.text.includes(forbidden), `the access log contains ${forbidden}`);
    }

    // A refused client is logged without a client; the secret it tried is not logged either.
    const refused = await linesDuring(logs, async () => assert.equal((await tokenWithQuery(h, 'wrong-secret-0123456789abcdefghijklmnop')).statusCode, 401));
    assert.equal(refused.lines.length, 1, refused.text);
    assert.deepEqual([refused.lines[0].route, refused.lines[0].status, refused.lines[0].client], ['/oauth/token', 401, undefined]);
    assert.ok(!refused.text.includes('wrong-secret') && !refused.text.includes(QUERY_SECRET));

    // Admin routes: the pattern with its parameters, and the acting principal.
    const created = await h.call('POST', '/v1/apiClients', { displayName: 'logged', permissions: ['a.b'] });
    const id = created.body.name.split('/')[1];
    const admin = await linesDuring(logs, () => h.call('GET', `/v1/apiClients/${id}?view=${QUERY_SECRET}`));
    assert.equal(admin.lines.length, 1, admin.text);
    assert.equal(admin.lines[0].route, '/v1/apiClients/:id');
    assert.match(admin.lines[0].client ?? '', /^apiClients\/ac_/);
    assert.ok(!admin.text.includes(id) && !admin.text.includes(QUERY_SECRET) && !admin.text.includes(h.adminToken));

    // No route: logged without a pattern, never with the path that was asked for.
    const unmatched = await linesDuring(logs, () => h.inject({ method: 'GET', url: `/no/such/${QUERY_SECRET}?q=${QUERY_SECRET}` }));
    assert.deepEqual(unmatched.lines.map((l) => [l.route, l.status]), [[null, 404]]);
    assert.ok(!unmatched.text.includes(QUERY_SECRET));
  });

  it('KEYWARD_ACCESS_LOG=false: no line', async (t) => {
    const logs = new LogCapture();
    const h = await startHarness(t, { logStream: logs, env: { LOG_LEVEL: 'info', KEYWARD_ACCESS_LOG: 'false' } });
    const off = await linesDuring(logs, async () => {
      assert.equal((await tokenWithQuery(h)).statusCode, 200);
      await h.call('GET', '/v1/apiClients');
      await h.inject({ method: 'GET', url: '/no/such/route' });
    });
    assert.deepEqual(off.lines, []);
  });

  it('on standard output (a real process): lines arrive within a second and the last ones at a graceful stop', async (t) => {
    buildOnce();
    const dataDir = mkdtempSync(join(tmpdir(), 'keyward-access-'));
    t.after(() => rmSync(dataDir, { recursive: true, force: true }));
    const server = await startServer({ dataDir });
    t.after(() => server.kill());
    const accessLines = () => server.output().split('\n').filter((line) => line.includes('"msg":"request"')).map((line) => JSON.parse(line) as Line);

    const sent = Date.now();
    assert.equal((await http(server, 'POST', '/oauth/token', { basic: [PROCESS_ADMIN_ID, PROCESS_ADMIN_SECRET], form: { grant_type: 'client_credentials' } })).status, 200);
    while (accessLines().length === 0 && Date.now() - sent < 3_000) await sleep(20);
    const waited = Date.now() - sent;
    assert.deepEqual(accessLines().map((line) => [line.route, line.status, line.client]), [['/oauth/token', 200, PROCESS_ADMIN_ID]]);
    // The block is flushed at least once a second; the rest is the poll and the pipe.
    assert.ok(waited <= 1_500, `the line took ${waited} ms`);

    // Lines still in the block when the service stops are written before it exits.
    for (let i = 0; i < 3; i++) await http(server, 'GET', '/healthz');
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    await exited;
    assert.equal(accessLines().filter((line) => line.route === '/healthz').length, 3, server.output());
  });
});
