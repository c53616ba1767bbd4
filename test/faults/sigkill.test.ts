import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from '../../src/store/db.js';
import { adminToken, buildOnce, freshSchema, http, LONG, SKIP_UNDER_NPM_TEST, sleep, startServer, type Server } from './support.js';

/**
 * G1: SIGKILL a real server at random points of a stream of admin writes, a few hundred times in
 * the long form (FAULTS_LONG=1), about ten in the short form. After every restart: every write
 * that was acknowledged is there, nothing is half-written (each client has its initial
 * credential, each row its audit event and each event its row), and SQLite's integrity check
 * passes.
 */
const KILLS = Number(process.env.FAULTS_KILLS ?? (LONG ? 300 : 10));
/** A PostgreSQL server keeps its own durability; half the kills there keep the suite short. */
const killsOn = (engine: string) => (engine === 'postgres' ? Math.ceil(KILLS / 2) : KILLS);

interface Ledger {
  /** Acknowledged clients: id → secrets that were acknowledged for it. */
  clients: Map<string, { owner: number; clientId: string; secrets: string[]; names: string[]; ackedName: number }>;
  deleted: Set<string>;
  roles: Set<string>;
}

const targets = [{ name: 'sqlite' as const }, ...(process.env.TEST_DATABASE_URL ? [{ name: 'postgres' as const, url: process.env.TEST_DATABASE_URL }] : [])];

for (const target of targets) {
  describe(`G1 SIGKILL during admin writes (${target.name}, ${killsOn(target.name)} kills)`, { skip: SKIP_UNDER_NPM_TEST }, () => {
    let dataDir: string;
    let databaseUrl: string | undefined;
    let drop: (() => Promise<void>) | undefined;
    before(async () => {
      buildOnce();
      dataDir = mkdtempSync(join(tmpdir(), 'keyward-kill-'));
      if (target.name === 'postgres') ({ url: databaseUrl, drop } = await freshSchema(target.url!));
    });
    after(async () => {
      rmSync(dataDir, { recursive: true, force: true });
      await drop?.();
    });

    it('every acknowledged write survives and the audit log matches the data', async () => {
      const ledger: Ledger = { clients: new Map(), deleted: new Set(), roles: new Set() };
      let server: Server = await startServer({ dataDir, databaseUrl });
      let acked = 0;
      try {
        const kills = killsOn(target.name);
        for (let kill = 0; kill < kills; kill++) {
          const token = await adminToken(server);
          let stop = false;
          const writer = async (w: number) => {
            for (let n = 0; !stop; n++) {
              try {
                await oneWrite(server, token, ledger, w, `${kill}-${n}`);
                acked++;
              } catch {
                return; // the process is gone: nothing after this was acknowledged
              }
            }
          };
          // Each writer owns its clients, so the expected state of each client is sequential.
          const ackedBefore = acked;
          const writers = Array.from({ length: 4 }, (_, w) => writer(w));
          // On a loaded machine the first write can take longer than the kill window: wait for
          // one acknowledgement (10 s at most) so that every round has writes to hold the server to.
          for (const deadline = Date.now() + 10_000; acked === ackedBefore && Date.now() < deadline; ) await sleep(5);
          await sleep(Math.random() * (LONG ? 300 : 250));
          await server.kill();
          stop = true;
          await Promise.all(writers);
          await checkStore(dataDir, databaseUrl, target.name);
          server = await startServer({ dataDir, databaseUrl });
          await checkAcknowledged(server, ledger, kill === kills - 1);
        }
      } finally {
        await server.kill();
      }
      assert.ok(acked > killsOn(target.name), `only ${acked} writes were acknowledged`);
    });
  });
}

/** One admin write chosen at random; the ledger records it only once it is acknowledged. */
async function oneWrite(server: Server, token: string, ledger: Ledger, w: number, n: string) {
  const mine = [...ledger.clients.entries()].filter(([id, entry]) => entry.owner === w && !ledger.deleted.has(id));
  const pick = mine.length > 0 ? mine[Math.floor(Math.random() * mine.length)] : undefined;
  const roll = Math.random();
  if (!pick || roll < 0.4) {
    const res = await http(server, 'POST', '/v1/apiClients', { token, body: { displayName: `c-${w}-${n}`, permissions: ['p'] } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    ledger.clients.set(res.body.name.split('/')[1], { owner: w, clientId: res.body.clientId, secrets: [res.body.clientSecret], names: [`c-${w}-${n}`], ackedName: 0 });
    return;
  }
  const [id, entry] = pick;
  if (roll < 0.65) {
    const res = await http(server, 'POST', `/v1/apiClients/${id}:rotateSecret`, { token, body: { overlap: '86400s' } });
    if (res.status === 400 && /at most/.test(JSON.stringify(res.body))) return;
    assert.equal(res.status, 200, JSON.stringify(res.body));
    entry.secrets.push(res.body.secret);
  } else if (roll < 0.85) {
    const name = `renamed-${w}-${n}`;
    entry.names.push(name);
    const res = await http(server, 'PATCH', `/v1/apiClients/${id}`, { token, body: { displayName: name } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    entry.ackedName = Math.max(entry.ackedName, entry.names.indexOf(name));
  } else if (roll < 0.93) {
    const res = await http(server, 'POST', '/v1/roles', { token, body: { displayName: `r-${w}-${n}`, permissions: ['p'] } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    ledger.roles.add(res.body.name.split('/')[1]);
  } else {
    ledger.deleted.add(id); // from here on its state is unknown until acknowledged
    const res = await http(server, 'DELETE', `/v1/apiClients/${id}`, { token });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    entry.secrets = [];
  }
}

/** Straight from the database, with the server dead: consistency of rows and events. */
async function checkStore(dataDir: string, databaseUrl: string | undefined, engine: string) {
  const db = openDatabase({ dataDir, databaseUrl, poolSize: 2 });
  try {
    if (engine === 'sqlite') {
      const rows = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db.kysely);
      assert.deepEqual(rows.rows.map((r) => r.integrity_check), ['ok']);
    }
    const k = db.kysely;
    const clients = await k.selectFrom('api_clients').select(['id', 'client_id']).execute();
    const credentials = await k.selectFrom('credentials').select(['id', 'api_client_id']).execute();
    const roles = await k.selectFrom('roles').select(['id']).execute();
    const events = await k.selectFrom('events').select(['sequence', 'type', 'resource']).orderBy('sequence').execute();
    const resources = new Set(events.map((e) => e.resource));
    const deletedClients = new Set(events.filter((e) => e.type === 'client.deleted').map((e) => e.resource));
    const clientIds = new Set(clients.map((c) => c.id));
    for (const c of clients) {
      assert.ok(resources.has(`apiClients/${c.id}`), `client ${c.id} has no audit event`);
      assert.ok(credentials.some((cr) => cr.api_client_id === c.id), `client ${c.id} lost its credential: half-written`);
    }
    for (const cr of credentials) assert.ok(resources.has(`apiClients/${cr.api_client_id}/credentials/${cr.id}`), `credential ${cr.id} has no audit event`);
    for (const r of roles) assert.ok(resources.has(`roles/${r.id}`), `role ${r.id} has no audit event`);
    for (const e of events.filter((e) => e.type === 'client.created')) {
      const id = e.resource.split('/')[1];
      assert.ok(clientIds.has(id) || deletedClients.has(e.resource), `event ${e.sequence} says ${e.resource} was created, but it is not there`);
    }
    for (let i = 1; i < events.length; i++) assert.ok(Number(events[i].sequence) > Number(events[i - 1].sequence));
  } finally {
    await db.close();
  }
}

/** Through the restarted server: everything acknowledged is there and works. */
async function checkAcknowledged(server: Server, ledger: Ledger, full: boolean) {
  const token = await adminToken(server);
  const entries = [...ledger.clients.entries()];
  // The latest clients every time, all of them at the end.
  for (const [id, entry] of full ? entries : entries.slice(-25)) {
    const res = await http(server, 'GET', `/v1/apiClients/${id}`, { token });
    if (ledger.deleted.has(id)) {
      assert.ok(res.status === 404 || res.status === 200, `${id}: ${res.status}`);
      if (res.status === 404) ledger.clients.delete(id);
      continue;
    }
    assert.equal(res.status, 200, `acknowledged client ${id} is gone`);
    // An unacknowledged rename may have committed before the kill; an acknowledged one must have.
    const at = entry.names.indexOf(res.body.displayName);
    assert.ok(at >= entry.ackedName, `${id}: name ${res.body.displayName} is older than the acknowledged ${entry.names[entry.ackedName]}`);
    for (const secret of full ? entry.secrets : entry.secrets.slice(-1)) {
      const tok = await http(server, 'POST', '/oauth/token', { form: { grant_type: 'client_credentials' }, basic: [entry.clientId, secret] });
      assert.equal(tok.status, 200, `an acknowledged secret of ${id} does not work`);
    }
  }
  if (full) {
    const roles = await http(server, 'GET', '/v1/roles?pageSize=1000', { token });
    const present = new Set(roles.body.roles.map((r: { name: string }) => r.name.split('/')[1]));
    for (const id of ledger.roles) assert.ok(present.has(id), `acknowledged role ${id} is gone`);
  }
}
