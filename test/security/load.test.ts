import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { databases, startHarness, type Harness } from '../helpers/harness.js';
import { basic, createClient, oauthPost, type TestClient } from './support.js';

/**
 * Battery part H, in-process and bounded: a flood of invalid credentials, from many addresses
 * and from one, aimed at the legitimate client's own id and at made-up ids, does not lower the
 * legitimate clients' success rate below 99.9 %. The long load runs live in bench/, not here.
 */
const FLOOD = Number(process.env.LOAD_FLOOD ?? 3000);
const LEGIT = Number(process.env.LOAD_LEGIT ?? 1000);

for (const db of databases) {
  describe(`H4 invalid-credential flood (${db.name})`, () => {
    let h: Harness;
    let legit: TestClient[];
    before(async () => {
      h = await startHarness(undefined, { db });
      legit = [];
      for (let i = 0; i < 3; i++) legit.push(await createClient(h, { displayName: `legit-${i}` }));
    });
    after(() => h.close());

    it(`${LEGIT} legitimate requests among ${FLOOD} bad ones: ≥ 99.9 % succeed`, async () => {
      const statuses = new Map<number, number>();
      let ok = 0;
      let sent = 0;
      const attacker = async (i: number) => {
        const kind = i % 4;
        const target = legit[i % legit.length];
        const address = kind === 0 ? '203.0.113.66' : `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
        const auth = kind === 1 ? basic(`kwc_made_up_${i}`, 'kw_nope') : kind === 2 ? `Basic ${Buffer.from(`garbage${i}`).toString('base64')}` : basic(target.clientId, `kw_guess_${i}`);
        const res = await oauthPost(h, '/oauth/token', { grant_type: 'client_credentials' }, { authorization: auth, remoteAddress: address });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        assert.ok(res.status === 401 || res.status === 429 || res.status === 400, `attacker got ${res.status}`);
      };
      const user = async (i: number) => {
        const client = legit[i % legit.length];
        const res = await oauthPost(h, '/oauth/token', { grant_type: 'client_credentials' }, { authorization: basic(client.clientId, client.secret), remoteAddress: `198.51.100.${i % legit.length}` });
        sent++;
        if (res.status === 200) ok++;
      };
      // Interleave: 20 in flight at a time, attackers and users mixed in the same stream.
      const work: Array<() => Promise<void>> = [];
      const ratio = Math.max(1, Math.floor(FLOOD / LEGIT));
      for (let i = 0, a = 0; i < LEGIT; i++) {
        work.push(() => user(i));
        for (let k = 0; k < ratio && a < FLOOD; k++, a++) {
          const n = a;
          work.push(() => attacker(n));
        }
      }
      const started = Date.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          while (next < work.length) await work[next++]();
        }),
      );
      const rate = ok / sent;
      assert.equal(sent, LEGIT);
      assert.ok(rate >= 0.999, `legitimate success rate ${(rate * 100).toFixed(2)} % (${ok}/${sent}); attacker statuses ${JSON.stringify([...statuses])}`);
      assert.ok((statuses.get(429) ?? 0) > 0, 'the single flooding address was throttled');
      assert.ok(Date.now() - started < 60_000, 'bounded in time');
    });
  });
}
