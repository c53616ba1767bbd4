import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { databases, startHarness } from '../helpers/harness.js';

for (const db of databases) {
  describe(`smoke (${db.name})`, () => {
    it('bootstrap admin creates a client that gets a token', async (t) => {
      const h = await startHarness(t, { db });
      const created = await h.call('POST', '/v1/apiClients', { displayName: 'svc', permissions: ['read'] });
      assert.equal(created.status, 200);
      const tok = await h.token(created.body.clientId, created.body.clientSecret);
      assert.equal(tok.status, 200);
      assert.equal(tok.body.scope, 'read');
    });
  });
}
