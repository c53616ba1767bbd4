import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { TestReceiver } from '../helpers/webhook-receiver.js';
import { ADMIN_ID, ADMIN_SECRET, adminToken, buildOnce, freePort, freshSchema, http, sleep, startServer, startupFailure, type Server } from '../faults/support.js';

/**
 * Two real processes (`node dist/main.js`) on one database: one PostgreSQL schema, or one SQLite
 * data folder on two ports. Every kind of change made on A must show on B within a second, with
 * KEYWARD_ISSUER left to its default per port (each instance its own `iss`) and with one shared
 * issuer. Each kind is measured over PROPAGATION_TRIALS trials (3 by default; 20 for the
 * figures in the README): the delay from the change's 2xx at A until B answers accordingly,
 * polling B every 20 ms. The worst delay per kind is printed.
 */
const TRIALS = Number(process.env.PROPAGATION_TRIALS ?? 3);
const LIMIT_MS = 1000;
const POLL_MS = 20;
const SETTLE_MS = 1500;

const engines: { name: 'sqlite' | 'postgres'; url?: string }[] = [
  { name: 'sqlite' },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'postgres' as const, url: process.env.TEST_DATABASE_URL }] : []),
];

const basic = (id: string, secret: string): [string, string] => [id, secret];

interface Pair {
  a: Server;
  b: Server;
  adminA: string;
  issuerA: string;
}

interface Svc {
  id: string;
  clientId: string;
  secret: string;
}

async function createClient(server: Server, admin: string, body: Record<string, unknown> = {}): Promise<Svc> {
  const res = await http(server, 'POST', '/v1/apiClients', { token: admin, body: { displayName: 'svc', ...body } });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return { id: String(res.body.name).split('/')[1], clientId: res.body.clientId, secret: res.body.clientSecret };
}

async function token(server: Server, svc: { clientId: string; secret: string }) {
  return http(server, 'POST', '/oauth/token', { form: { grant_type: 'client_credentials' }, basic: basic(svc.clientId, svc.secret) });
}

async function tokenOf(server: Server, svc: { clientId: string; secret: string }): Promise<string> {
  const res = await token(server, svc);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.access_token;
}

async function active(server: Server, accessToken: string, caller: { clientId: string; secret: string }): Promise<boolean> {
  const res = await http(server, 'POST', '/oauth/introspect', { form: { token: accessToken }, basic: basic(caller.clientId, caller.secret) });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.active;
}

const adminStatus = async (server: Server, accessToken: string) => (await http(server, 'GET', '/v1/apiClients?pageSize=1', { token: accessToken })).status;

/** Polls until `reflected` holds; the delay runs from `since` to the answer that showed it. */
async function until(since: number, reflected: () => Promise<boolean>): Promise<number> {
  for (;;) {
    if (await reflected()) return Date.now() - since;
    if (Date.now() - since > LIMIT_MS + 4000) return Infinity;
    await sleep(POLL_MS);
  }
}

async function measure(t: TestContext, label: string, trial: (i: number) => Promise<number>) {
  const delays: number[] = [];
  for (let i = 0; i < TRIALS; i++) delays.push(await trial(i));
  const worst = Math.max(...delays);
  const line = `${label}: worst ${worst} ms over ${TRIALS} trials (median ${delays.sort((x, y) => x - y)[Math.floor(delays.length / 2)]} ms)`;
  t.diagnostic(line);
  console.log(`# propagation ${line}`);
  assert.ok(worst <= LIMIT_MS, line);
}

for (const engine of engines) {
  for (const issuerMode of ['default issuer per port', 'one shared KEYWARD_ISSUER'] as const) {
    describe(`two processes on one ${engine.name} database, ${issuerMode}`, () => {
      const shared = issuerMode === 'one shared KEYWARD_ISSUER';
      let pair: Pair;
      let dataDirs: string[] = [];
      let drop: (() => Promise<void>) | undefined;
      let databaseUrl: string | undefined;
      const label = (kind: string) => `${engine.name}, ${shared ? 'shared issuer' : 'issuer per port'}, ${kind}`;

      before(async () => {
        buildOnce();
        if (engine.url) ({ url: databaseUrl, drop } = await freshSchema(engine.url));
        // SQLite: one data folder; PostgreSQL: one schema, each process its own folder for key files.
        const first = mkdtempSync(join(tmpdir(), 'keyward-instances-'));
        dataDirs = engine.url ? [first, mkdtempSync(join(tmpdir(), 'keyward-instances-'))] : [first, first];
        const start = async (dataDir: string) => {
          const port = await freePort();
          const server = await startServer({
            dataDir,
            databaseUrl,
            port,
            issuer: shared ? 'http://keyward.instances' : null,
            env: { KEYWARD_WEBHOOKS_ALLOW_PRIVATE: 'true' },
          });
          return { server, issuer: shared ? 'http://keyward.instances' : `http://localhost:${port}` };
        };
        // B starts after A: A learns B's issuer only when a token of B's reaches it.
        const a = await start(dataDirs[0]);
        const b = await start(dataDirs[1]);
        pair = { a: a.server, b: b.server, adminA: await adminToken(a.server), issuerA: a.issuer };
      });

      after(async () => {
        await pair?.a.kill();
        await pair?.b.kill();
        await drop?.();
        for (const dir of new Set(dataDirs)) rmSync(dir, { recursive: true, force: true });
      });

      it('B warns once about other issuers when they differ, and stays silent when they are shared', () => {
        const warnings = pair.b.output().split('\n').filter((line) => line.includes('set KEYWARD_ISSUER to the same public URL'));
        if (shared) assert.equal(warnings.length, 0, pair.b.output());
        else {
          assert.equal(warnings.length, 1, pair.b.output());
          assert.match(warnings[0]!, new RegExp(pair.issuerA.replace(/[.:/]/g, '\\$&')));
        }
        assert.doesNotMatch(pair.a.output(), /set KEYWARD_ISSUER to the same public URL/);
      });

      it('a token B issued and A revoked (RFC 7009) goes inactive on B', async (t) => {
        const { a, b, adminA } = pair;
        const svc = await createClient(a, adminA, { permissions: ['keyward:clients.read'] });
        await measure(t, label('token revocation'), async () => {
          const accessToken = await tokenOf(b, svc);
          assert.equal(await active(b, accessToken, svc), true);
          assert.equal(await adminStatus(b, accessToken), 200);
          const revoked = await http(a, 'POST', '/oauth/revoke', { form: { token: accessToken }, basic: basic(svc.clientId, svc.secret) });
          assert.equal(revoked.status, 200);
          const since = Date.now();
          assert.equal(await active(a, accessToken, svc), false);
          assert.equal(await adminStatus(a, accessToken), 401);
          return until(since, async () => !(await active(b, accessToken, svc)) && (await adminStatus(b, accessToken)) === 401);
        });
      });

      it('a client disabled on A stops authenticating on B, and its token from A stops working there', async (t) => {
        const { a, b, adminA } = pair;
        await measure(t, label('disabled client'), async () => {
          const svc = await createClient(a, adminA, { permissions: ['keyward:clients.read'] });
          const accessToken = await tokenOf(a, svc);
          assert.equal(await adminStatus(b, accessToken), 200);
          assert.equal(await active(b, accessToken, svc), true);
          assert.equal((await http(a, 'POST', `/v1/apiClients/${svc.id}:disable`, { token: adminA })).status, 200);
          const since = Date.now();
          return until(since, async () => (await token(b, svc)).status === 401 && (await adminStatus(b, accessToken)) === 401);
        });
      });

      it('a credential deleted on A stops authenticating on B, and its tokens go inactive there', async (t) => {
        const { a, b, adminA } = pair;
        await measure(t, label('deleted credential'), async () => {
          const svc = await createClient(a, adminA);
          const second = await http(a, 'POST', `/v1/apiClients/${svc.id}/credentials`, { token: adminA, body: { displayName: 'second' } });
          assert.equal(second.status, 200, JSON.stringify(second.body));
          const other = { clientId: svc.clientId, secret: second.body.secret as string };
          const accessToken = await tokenOf(b, svc);
          assert.equal(await active(b, accessToken, other), true);
          const listed = await http(a, 'GET', `/v1/apiClients/${svc.id}/credentials`, { token: adminA });
          const initial = listed.body.credentials.find((c: { displayName: string }) => c.displayName !== 'second');
          assert.equal((await http(a, 'DELETE', `/v1/${initial.name}`, { token: adminA })).status, 200);
          const since = Date.now();
          return until(since, async () => (await token(b, svc)).status === 401 && !(await active(b, accessToken, other)));
        });
      });

      it("a permission removed on A is missing from B's next token", async (t) => {
        const { a, b, adminA } = pair;
        await measure(t, label('removed permission'), async () => {
          const svc = await createClient(a, adminA, { permissions: ['reports.read', 'reports.write'] });
          assert.deepEqual((await token(b, svc)).body.scope.split(' ').sort(), ['reports.read', 'reports.write']);
          const patched = await http(a, 'PATCH', `/v1/apiClients/${svc.id}?updateMask=permissions`, { token: adminA, body: { permissions: ['reports.read'] } });
          assert.equal(patched.status, 200, JSON.stringify(patched.body));
          const since = Date.now();
          return until(since, async () => (await token(b, svc)).body.scope === 'reports.read');
        });
      });

      it('a signing key rotated on A is published by B, which signs its next tokens with it', async (t) => {
        const { a, b, adminA } = pair;
        const svc = await createClient(a, adminA);
        await measure(t, label('rotated signing key'), async () => {
          const rotated = await http(a, 'POST', '/v1/signingKeys:rotate', { token: adminA });
          assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
          const since = Date.now();
          const kid = rotated.body.activeKey;
          const delay = await until(since, async () => {
            const jwks = await http(b, 'GET', '/oauth/jwks');
            if (!jwks.body.keys.some((k: { kid: string }) => k.kid === kid)) return false;
            const header = JSON.parse(Buffer.from((await tokenOf(b, svc)).split('.')[0]!, 'base64url').toString());
            return header.kid === kid;
          });
          // What B signs with the new key, A accepts.
          assert.equal(await active(a, await tokenOf(b, svc), svc), true);
          return delay;
        });
      });

      it('a webhook disabled on A gets nothing more from changes made on B', async (t) => {
        const { a, b, adminA } = pair;
        const receiver = await new TestReceiver().start();
        const seen = (id: string) => receiver.delivered().some((r) => r.body.includes(id));
        const waitFor = async (id: string) => {
          const deadline = Date.now() + 10_000;
          while (!seen(id)) {
            assert.ok(Date.now() < deadline, `no delivery for ${id}`);
            await sleep(POLL_MS);
          }
        };
        try {
          await measure(t, label('disabled webhook'), async () => {
            const hook = await http(a, 'POST', '/v1/webhooks', { token: adminA, body: { url: receiver.url, eventTypes: ['client.*'] } });
            assert.equal(hook.status, 200, JSON.stringify(hook.body));
            // B delivers to it while it is enabled.
            await waitFor((await createClient(b, adminA, { displayName: 'before' })).id);
            const disabled = await http(a, 'PATCH', `/v1/${hook.body.name}?updateMask=state`, { token: adminA, body: { state: 'DISABLED' } });
            assert.equal(disabled.status, 200, JSON.stringify(disabled.body));
            const since = Date.now();
            // Changes on B from then on, each noting when B acknowledged it; after a pause for
            // deliveries in flight, the latest one still delivered is how long B kept delivering.
            const made: { id: string; at: number }[] = [];
            while (Date.now() - since < LIMIT_MS + 300) {
              const svc = await createClient(b, adminA, { displayName: 'after' });
              made.push({ id: svc.id, at: Date.now() - since });
              await sleep(POLL_MS);
            }
            await sleep(SETTLE_MS);
            return Math.max(0, ...made.filter((m) => seen(m.id)).map((m) => m.at));
          });
        } finally {
          await receiver.stop();
        }
      });

      if (!shared) {
        it('an instance with another KEYWARD_KEK or KEYWARD_PEPPER refuses to start with one line naming it', async () => {
          const other = { dataDir: mkdtempSync(join(tmpdir(), 'keyward-instances-')), databaseUrl, port: await freePort(), issuer: null };
          try {
            for (const [setting, message] of [
              ['KEYWARD_KEK', /^keyward: KEYWARD_KEK differs from the key that encrypted this installation's signing keys: every instance must use the same KEYWARD_KEK \(or the same kek file\)\.\n$/],
              ['KEYWARD_PEPPER', /^keyward: KEYWARD_PEPPER differs from the pepper that hashed this installation's client secrets: every instance must use the same KEYWARD_PEPPER \(or the same pepper file\)\.\n$/],
            ] as const) {
              // One process, and a cluster primary, which checks before it forks workers.
              for (const workers of ['1', '2']) {
                const result = await startupFailure({
                  ...other,
                  dataDir: engine.url ? other.dataDir : dataDirs[0]!,
                  env: { [setting]: `another-${setting}-0123456789abcdefghijklmnopqrstuvwxyz`, KEYWARD_WORKERS: workers },
                });
                assert.equal(result.code, 1, result.stdout + result.stderr);
                assert.match(result.stderr, message);
                assert.doesNotMatch(result.stdout + result.stderr, /\n\s+at /);
              }
            }
            // The installation is untouched: A and B still serve.
            assert.equal((await http(pair.b, 'POST', '/oauth/token', { form: { grant_type: 'client_credentials' }, basic: basic(ADMIN_ID, ADMIN_SECRET) })).status, 200);
          } finally {
            rmSync(other.dataDir, { recursive: true, force: true });
          }
        });
      }
    });
  }
}
