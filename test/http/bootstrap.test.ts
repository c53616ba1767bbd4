import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openRuntime } from '../../src/compose.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { ADMIN_ID, ADMIN_SECRET, databases, ISSUER, startHarness, type Harness } from '../helpers/harness.js';
import { LogCapture } from '../security/support.js';

const CHANGED_SECRET = 'a-different-bootstrap-secret-0123456789abcdef';

/** Starts a second instance on the harness's store with `secret` configured; returns its logs. */
async function restartWith(h: Harness, secret: string): Promise<{ level: number; msg: string }[]> {
  const logs = new LogCapture();
  const config = loadConfig({
    KEYWARD_DATA_DIR: h.dataDir,
    KEYWARD_ISSUER: ISSUER,
    KEYWARD_BOOTSTRAP_CLIENT_ID: ADMIN_ID,
    KEYWARD_BOOTSTRAP_CLIENT_SECRET: secret,
    KEYWARD_PEPPER: 'test-pepper-0123456789abcdefghijklmnopqrstuvwxyz',
    KEYWARD_KEK: 'test-kek-0123456789abcdefghijklmnopqrstuvwxyz',
    LOG_LEVEL: 'info',
    ...(h.databaseUrl ? { DATABASE_URL: h.databaseUrl } : {}),
  });
  const runtime = await openRuntime(config, createLogger(config.logLevel, logs));
  try {
    await runtime.start();
  } finally {
    await runtime.close();
  }
  assert.ok(!logs.text.includes(secret), 'the configured secret appears in the log');
  return logs.lines.map((line) => JSON.parse(line));
}

for (const db of databases) {
  describe(`bootstrap client on restart (${db.name})`, () => {
    it('warns once, without the secret, when the configured secret is not the existing client’s', async (t) => {
      const h = await startHarness(t, { db });
      const admin = await h.call('GET', `/v1/apiClients?filter=${encodeURIComponent(`clientId = "${ADMIN_ID}"`)}`);
      assert.equal(admin.status, 200);
      const name: string = admin.body.apiClients[0].name;

      const warnings = (await restartWith(h, CHANGED_SECRET)).filter((line) => line.level === 40);
      assert.equal(warnings.length, 1, JSON.stringify(warnings));
      assert.match(warnings[0].msg, /KEYWARD_BOOTSTRAP_CLIENT_SECRET/);
      assert.ok(warnings[0].msg.includes(`POST /v1/${name}:rotateSecret`), warnings[0].msg);
      assert.match(warnings[0].msg, /delete the client/);

      // Nothing changed: the stored secret still works, the configured one does not.
      assert.equal((await h.token(ADMIN_ID, ADMIN_SECRET)).status, 200);
      assert.equal((await h.token(ADMIN_ID, CHANGED_SECRET)).status, 401);
    });

    it('says nothing when the configured secret is still valid', async (t) => {
      const h = await startHarness(t, { db });
      const lines = await restartWith(h, ADMIN_SECRET);
      assert.deepEqual(lines.filter((line) => line.level >= 40), []);
    });
  });
}
