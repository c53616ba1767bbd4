import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { adminToken, buildOnce, freshSchema, sleep, startServer, type Server } from '../faults/support.js';

/**
 * Writers of different organizations on PostgreSQL: two real processes on one schema.
 * - Each instance's change feed delivers every event committed by either instance exactly once,
 *   including one whose transaction took its sequence first and committed after the feed had
 *   read past it (which a tail on "sequence > highest seen" would skip for good).
 * - A transaction held open in one organization stalls writes there, not in another one.
 */
const url = process.env.TEST_DATABASE_URL;
const ORGS = 4;
const WRITERS_PER_INSTANCE = 6;
const CREATES_PER_WRITER = 15;

interface FeedLine {
  msg: string;
  sequence: number;
  eventId: string;
}

/** The events an instance's feed delivered, from its debug log (LOG_LEVEL=debug). */
function delivered(server: Server): FeedLine[] {
  const lines: FeedLine[] = [];
  for (const line of server.output().split('\n')) {
    if (!line.includes('"change feed"')) continue;
    try {
      const parsed = JSON.parse(line) as FeedLine;
      if (parsed.msg === 'change feed') lines.push(parsed);
    } catch {
      // A line cut in two by a pipe buffer; the next read of output() has it whole.
    }
  }
  return lines;
}

async function call(server: Server, token: string, method: string, path: string, body: unknown, org?: string) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(org ? { 'x-keyward-org': org } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe('writers of different organizations on PostgreSQL (two processes)', { skip: url ? false : 'TEST_DATABASE_URL is not set' }, () => {
  let schema: { url: string; drop: () => Promise<void> };
  let a: Server;
  let b: Server;
  let adminA: string;
  let adminB: string;
  let direct: pg.Client;
  const dirs: string[] = [];
  const orgs: string[] = [];

  before(async () => {
    buildOnce();
    schema = await freshSchema(url!);
    const start = () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'keyward-pgwriters-'));
      dirs.push(dataDir);
      return startServer({ dataDir, databaseUrl: schema.url, env: { LOG_LEVEL: 'debug' } });
    };
    a = await start();
    b = await start();
    adminA = await adminToken(a);
    adminB = await adminToken(b);
    direct = new pg.Client({ connectionString: schema.url });
    await direct.connect();
    for (let i = 0; i < ORGS; i++) {
      const res = await call(a, adminA, 'POST', '/v1/organizations', { displayName: `tenant ${i}` });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      orgs.push(res.body.id);
    }
  });

  after(async () => {
    await direct?.end();
    await a?.kill();
    await b?.kill();
    await schema?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('every event reaches each instance once, including one that commits after a higher sequence', async (t) => {
    const baseline = Number((await direct.query('SELECT coalesce(max(sequence), 0) AS s FROM events')).rows[0].s);

    // A writer that takes its sequence now and commits only once both feeds have read past it.
    const late = new pg.Client({ connectionString: schema.url });
    await late.connect();
    await late.query('BEGIN');
    const lateRow = await late.query(
      `INSERT INTO events (id, org_id, type, resource, actor, time, data)
       VALUES ('event_latecommit', $1, 'feed.probe', 'probes/late', 'system', $2, '{}') RETURNING sequence`,
      [orgs[0], Date.now()],
    );
    const lateSequence = Number(lateRow.rows[0].sequence);

    let failures = 0;
    const writer = async (server: Server, token: string, w: number) => {
      for (let i = 0; i < CREATES_PER_WRITER; i++) {
        const res = await call(server, token, 'POST', '/v1/apiClients', { displayName: `w${w}-${i}` }, orgs[(w + i) % ORGS]);
        if (res.status !== 200) failures++;
      }
    };
    const writing = Promise.all([
      ...Array.from({ length: WRITERS_PER_INSTANCE }, (_, w) => writer(a, adminA, w)),
      ...Array.from({ length: WRITERS_PER_INSTANCE }, (_, w) => writer(b, adminB, w + WRITERS_PER_INSTANCE)),
    ]);

    // Both feeds pass the open transaction's sequence before it commits.
    const passed = (server: Server) => delivered(server).some((line) => line.sequence > lateSequence);
    for (let waited = 0; !(passed(a) && passed(b)); waited += 20) {
      assert.ok(waited < 30_000, 'the feeds delivered nothing above the open transaction');
      await sleep(20);
    }
    assert.equal(delivered(b).some((line) => line.eventId === 'event_latecommit'), false);
    await late.query('COMMIT');
    await late.end();
    await writing;
    assert.equal(failures, 0, 'every create succeeded');

    const expected = (await direct.query('SELECT id, sequence FROM events WHERE sequence > $1 ORDER BY sequence', [baseline])).rows as { id: string; sequence: number }[];
    assert.ok(expected.length > 2 * WRITERS_PER_INSTANCE * CREATES_PER_WRITER, `${expected.length} events: one or more per create, and the late one`);
    for (const [name, server] of [['A', a], ['B', b]] as const) {
      const settle = Date.now();
      let seen = delivered(server).filter((line) => line.sequence > baseline);
      while (seen.length < expected.length && Date.now() - settle < 10_000) {
        await sleep(50);
        seen = delivered(server).filter((line) => line.sequence > baseline);
      }
      const counts = new Map<string, number>();
      for (const line of seen) counts.set(line.eventId, (counts.get(line.eventId) ?? 0) + 1);
      const missing = expected.filter((event) => !counts.has(event.id));
      const repeated = [...counts].filter(([, count]) => count > 1);
      assert.deepEqual(missing, [], `instance ${name} never delivered these events`);
      assert.deepEqual(repeated, [], `instance ${name} delivered these more than once`);
      assert.equal(seen.length, expected.length, `instance ${name} delivered exactly the committed events`);
      // How often the feed delivered a sequence below one it had delivered before: commits out of
      // sequence order, each of which the naive tail would have lost.
      let highest = 0;
      let outOfOrder = 0;
      for (const line of seen) {
        if (line.sequence < highest) outOfOrder++;
        highest = Math.max(highest, line.sequence);
      }
      assert.ok(outOfOrder >= 1, `instance ${name}: the late commit came after higher sequences`);
      t.diagnostic(`instance ${name}: ${seen.length} events, each once; ${outOfOrder} delivered after a higher sequence`);
    }
  });

  it('a transaction held open in one organization does not stall writes in another', async () => {
    const [held, free] = orgs;
    // A long transaction in `held`: it locks the organization's row, which every insert of a
    // client there must share (the foreign key), so a create in `held` waits inside its own unit of work.
    const long = new pg.Client({ connectionString: schema.url });
    await long.connect();
    await long.query('BEGIN');
    await long.query('SELECT id FROM organizations WHERE id = $1 FOR UPDATE', [held]);
    try {
      let stalledDone = false;
      const stalled = call(a, adminA, 'POST', '/v1/apiClients', { displayName: 'waits' }, held).finally(() => (stalledDone = true));
      await sleep(300);
      assert.equal(stalledDone, false, 'the create in the held organization waits for the open transaction');
      const started = Date.now();
      const meanwhile = await Promise.all([
        call(a, adminA, 'POST', '/v1/apiClients', { displayName: 'meanwhile on A' }, free),
        call(b, adminB, 'POST', '/v1/apiClients', { displayName: 'meanwhile on B' }, free),
      ]);
      assert.deepEqual(meanwhile.map((res) => res.status), [200, 200], JSON.stringify(meanwhile.map((res) => res.body)));
      assert.equal(stalledDone, false, `creates in another organization completed in ${Date.now() - started} ms while the held one still waits`);
      await long.query('COMMIT');
      assert.equal((await stalled).status, 200);
    } finally {
      await long.end();
    }
  });
});
