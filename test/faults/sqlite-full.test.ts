import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { startHarness, type Harness } from '../helpers/harness.js';
import { createClient, revoke, tokenFor } from '../security/support.js';
import { SKIP_UNDER_NPM_TEST } from './support.js';

/**
 * G7: the SQLite disk fills up, or the database turns read-only. Both are simulated safely on the
 * runtime's own connection, without touching the file system: `PRAGMA max_page_count` caps the
 * file at its current size (SQLite then fails writes with SQLITE_FULL, exactly as on a full
 * disk) and `PRAGMA query_only` refuses every write (SQLITE_READONLY). Writes get 503 with a
 * clear body, nothing is half-written, and lifting the cause recovers without a restart.
 */
const pragma = (h: Harness, text: string) => sql.raw(`PRAGMA ${text}`).execute(h.runtime.store.db.kysely);

async function consistent(h: Harness) {
  const k = h.runtime.store.db.kysely;
  const integrity = await pragma(h, 'integrity_check');
  assert.deepEqual(integrity.rows, [{ integrity_check: 'ok' }]);
  const clients = await k.selectFrom('api_clients').select('id').execute();
  const created = await k.selectFrom('events').select('resource').where('type', '=', 'client.created').execute();
  assert.equal(clients.length, created.length, 'every client has its event and every event its client');
  for (const c of clients) {
    assert.ok((await k.selectFrom('credentials').select('id').where('api_client_id', '=', c.id).execute()).length > 0, `client ${c.id} has no credential`);
  }
}

describe('G7 SQLite disk full and read-only', { skip: SKIP_UNDER_NPM_TEST }, () => {
  it('a full disk: 503 with a clear body, no partial writes, recovery without restart', async (t) => {
    const h = await startHarness(t, {});
    const svc = await createClient(h, { displayName: 'svc' });
    const token = await tokenFor(h, svc);
    const pages = Number(Object.values((await pragma(h, 'page_count')).rows[0] as object)[0]);
    await pragma(h, `max_page_count = ${pages + 2}`);
    let full = 0;
    for (let i = 0; i < 200 && full < 5; i++) {
      const res = await h.call('POST', '/v1/apiClients', { displayName: `filler ${i}`, description: 'x'.repeat(2000), labels: Object.fromEntries(Array.from({ length: 20 }, (_, j) => [`k${j}`, 'v'.repeat(200)])) });
      if (res.status === 503) {
        full++;
        assert.match(String(res.headers['content-type']), /problem\+json/);
        assert.match(res.body.detail, /unavailable/i);
        assert.ok(Number(res.headers['retry-after']) >= 1);
      } else assert.equal(res.status, 200, `${res.status} ${JSON.stringify(res.body)}`);
    }
    assert.ok(full > 0, 'the capped database never filled up: the simulation did not work');
    // Revocation cannot be stored either: 503, never a false 200 (RFC 7009 §2.2.1).
    const revoked = await revoke(h, token, svc.clientId, svc.secret);
    assert.ok(revoked.status === 503 || revoked.status === 200, `${revoked.status}`);
    if (revoked.status === 200) assert.equal((await h.call('GET', '/v1/auditEvents?pageSize=1')).body.auditEvents[0].type, 'token.revoked');
    await consistent(h);
    await pragma(h, 'max_page_count = 1073741823');
    assert.equal((await h.call('POST', '/v1/apiClients', { displayName: 'after' })).status, 200);
    assert.equal((await h.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);
    await consistent(h);
  });

  it('a read-only database: 503, no crash, recovery without restart', async (t) => {
    const h = await startHarness(t, {});
    const svc = await createClient(h, { displayName: 'svc' });
    const token = await tokenFor(h, svc);
    await pragma(h, 'query_only = ON');
    const write = await h.call('POST', '/v1/apiClients', { displayName: 'refused' });
    assert.equal(write.status, 503, JSON.stringify(write.body));
    const revoked = await revoke(h, token, svc.clientId, svc.secret);
    assert.equal(revoked.status, 503);
    assert.equal(revoked.body.error, 'temporarily_unavailable');
    // Reads and the token path keep working.
    assert.equal((await h.call('GET', '/v1/apiClients')).status, 200);
    assert.equal((await h.token(svc.clientId, svc.secret)).status, 200);
    await pragma(h, 'query_only = OFF');
    assert.equal((await h.call('POST', '/v1/apiClients', { displayName: 'accepted' })).status, 200);
    assert.equal((await revoke(h, token, svc.clientId, svc.secret)).status, 200);
    await consistent(h);
  });
});
