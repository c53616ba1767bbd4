import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { adminToken, buildOnce, freePort, freshSchema, http, startServer, type Server } from '../faults/support.js';

/**
 * maxUses across instances: two real processes (`node dist/main.js`) on one database (one
 * PostgreSQL schema, or one SQLite data folder on two ports) share a credential's count, so a
 * limit holds however the requests are spread.
 */
const engines: { name: 'sqlite' | 'postgres'; url?: string }[] = [
  { name: 'sqlite' },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'postgres' as const, url: process.env.TEST_DATABASE_URL }] : []),
];

for (const engine of engines) {
  describe(`maxUses across two processes on one ${engine.name} database`, () => {
    let a: Server;
    let b: Server;
    let admin: string;
    let drop: (() => Promise<void>) | undefined;
    let dataDirs: string[] = [];

    before(async () => {
      buildOnce();
      let databaseUrl: string | undefined;
      if (engine.url) ({ url: databaseUrl, drop } = await freshSchema(engine.url));
      const first = mkdtempSync(join(tmpdir(), 'keyward-uses-'));
      dataDirs = engine.url ? [first, mkdtempSync(join(tmpdir(), 'keyward-uses-'))] : [first, first];
      a = await startServer({ dataDir: dataDirs[0], databaseUrl, port: await freePort(), issuer: 'http://keyward.uses' });
      b = await startServer({ dataDir: dataDirs[1], databaseUrl, port: await freePort(), issuer: 'http://keyward.uses' });
      admin = await adminToken(a);
    });

    after(async () => {
      await a?.kill();
      await b?.kill();
      await drop?.();
      for (const dir of new Set(dataDirs)) rmSync(dir, { recursive: true, force: true });
    });

    it('limit 5, 20 concurrent token requests split over both instances: exactly 5 succeed', async () => {
      const client = await http(a, 'POST', '/v1/apiClients', { token: admin, body: { displayName: 'five uses' } });
      assert.equal(client.status, 200, JSON.stringify(client.body));
      const added = await http(a, 'POST', `/v1/${client.body.name}/credentials`, { token: admin, body: { maxUses: 5 } });
      assert.equal(added.status, 200, JSON.stringify(added.body));
      const request = (server: Server) =>
        http(server, 'POST', '/oauth/token', { form: { grant_type: 'client_credentials' }, basic: [client.body.clientId, added.body.secret] });
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => request(i % 2 === 0 ? a : b)));
      const statuses = answers.map((answer) => answer.status);
      assert.equal(statuses.filter((s) => s === 200).length, 5, JSON.stringify(statuses));
      assert.ok(statuses.every((s) => s === 200 || s === 401), JSON.stringify(statuses));
      const got = await http(b, 'GET', `/v1/${added.body.name}`, { token: admin });
      assert.equal(got.body.useCount, 5);
      assert.equal((await request(b)).status, 401, 'spent on every instance');
    });
  });
}
