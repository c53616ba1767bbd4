import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';
import { startHarness, TEST_DATABASE_URL } from '../helpers/harness.js';
import { createClient, oauthPost, basic, revoke, tokenFor } from '../security/support.js';
import { freshSchema, LONG, SKIP_UNDER_NPM_TEST, sleep } from './support.js';

/**
 * G2: PostgreSQL goes away and comes back. The shared server is never touched: the runtime talks
 * to it through a TCP proxy that this test owns and cuts (every open connection reset, new ones
 * refused). During the outage: 503 with a clear body and Retry-After, never a 500, never a false
 * 200 from revocation, readiness down and liveness up, and the process does not crash; after it:
 * recovery without a restart.
 */
class Proxy {
  readonly #sockets = new Set<net.Socket>();
  #down = false;
  readonly server: net.Server;

  constructor(private readonly target: { host: string; port: number }) {
    this.server = net.createServer((client) => {
      if (this.#down) return client.destroy();
      const upstream = net.connect(target.port, target.host);
      for (const s of [client, upstream]) {
        this.#sockets.add(s);
        s.on('close', () => this.#sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as net.AddressInfo).port;
  }

  cut() {
    this.#down = true;
    for (const s of this.#sockets) s.resetAndDestroy();
  }

  restore() {
    this.#down = false;
  }

  close() {
    this.cut();
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('G2 PostgreSQL outage through a proxy we cut', { skip: SKIP_UNDER_NPM_TEST || (!TEST_DATABASE_URL && 'needs TEST_DATABASE_URL') }, () => {
  it('503s with a clear body during the outage, no crash, recovery without restart', async (t) => {
    const real = new URL(TEST_DATABASE_URL!);
    const proxy = new Proxy({ host: real.hostname, port: Number(real.port || 5432) });
    const port = await proxy.listen();
    t.after(() => proxy.close());
    const schema = await freshSchema(TEST_DATABASE_URL!);
    t.after(() => schema.drop());
    const proxied = new URL(schema.url);
    proxied.host = `127.0.0.1:${port}`;

    const crashes: unknown[] = [];
    const onCrash = (error: unknown) => crashes.push(error);
    process.on('uncaughtException', onCrash);
    t.after(() => process.off('uncaughtException', onCrash));

    const h = await startHarness(t, { databaseUrl: proxied.toString(), env: { KEYWARD_RATE_LIMIT_FAILURES: '1000000' } });
    const svc = await createClient(h, { displayName: 'svc' });
    const token = await tokenFor(h, svc);
    const pool = h.runtime.store.db.pool!;
    const rounds = LONG ? 5 : 2;
    for (let round = 0; round < rounds; round++) {
      // A connection checked out between two statements when the network goes (node-postgres#2386).
      const held = await pool.connect();
      // And writes in flight when it goes.
      const inFlight = Array.from({ length: 10 }, (_, i) => h.call('POST', '/v1/workspaces', { displayName: `w${round}-${i}` }));
      await sleep(5);
      proxy.cut();
      const during = await Promise.all(inFlight);
      for (const res of during) assert.ok(res.status === 200 || res.status === 503, `in-flight write answered ${res.status} ${JSON.stringify(res.body)}`);
      await sleep(100);
      held.release(true);

      const write = await h.call('POST', '/v1/apiClients', { displayName: 'during outage' });
      assert.equal(write.status, 503, JSON.stringify(write.body));
      assert.match(String(write.headers['content-type']), /problem\+json/);
      assert.match(write.body.detail, /unavailable/i);
      assert.ok(Number(write.headers['retry-after']) >= 1);
      const list = await h.call('GET', '/v1/apiClients');
      assert.equal(list.status, 503);
      const revoked = await revoke(h, token, svc.clientId, svc.secret);
      assert.equal(revoked.status, 503, 'RFC 7009: a revocation that cannot be stored is a 503, never a 200');
      assert.equal(revoked.body.error, 'temporarily_unavailable');
      assert.equal((await h.inject({ method: 'GET', url: '/readyz' })).statusCode, 503);
      assert.equal((await h.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
      // The token path reads no database on a cache hit; whatever it answers, it is not a 500.
      const issued = await oauthPost(h, '/oauth/token', { grant_type: 'client_credentials' }, { authorization: basic(svc.clientId, svc.secret) });
      assert.ok(issued.status === 200 || issued.status === 503, `token endpoint answered ${issued.status}`);
      const unknown = await oauthPost(h, '/oauth/token', { grant_type: 'client_credentials' }, { authorization: basic(`kwc_unknown_${round}`, 'x') });
      assert.ok(unknown.status === 401 || unknown.status === 503, `unknown client answered ${unknown.status}`);

      proxy.restore();
      const started = Date.now();
      for (;;) {
        const res = await h.call('POST', '/v1/apiClients', { displayName: `after outage ${round}` });
        if (res.status === 200) break;
        assert.equal(res.status, 503);
        assert.ok(Date.now() - started < 10_000, 'recovered within 10 s');
        await sleep(100);
      }
      assert.equal((await h.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);
      assert.equal((await revoke(h, await tokenFor(h, svc), svc.clientId, svc.secret)).status, 200);
    }
    assert.deepEqual(crashes, [], 'an uncaught exception would have crashed the process');
  });
});
