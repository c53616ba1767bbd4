import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { DuplicateKeyError, KeywardError } from '../../src/domain/errors.js';
import { newClientId, newId } from '../../src/domain/ids.js';
import type { ApiClient, Credential } from '../../src/domain/model.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { clientStore, fromApiClient } from '../../src/store/clients.js';
import { isStorageUnavailable, isUniqueViolation } from '../../src/store/errors.js';
import { Store } from '../../src/store/index.js';
import { migrate } from '../../src/store/migrate.js';
import { databases } from '../helpers/harness.js';

/**
 * The storage contract, written once and run on every engine: what services rely on from a
 * store, including the keyset pagination and the event sequence.
 */
async function openEngine(db: (typeof databases)[number]): Promise<{ db: Db; dataDir?: string; cleanup: () => Promise<void> }> {
  if (db.name === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'keyward-store-'));
    return { db: openDatabase({ dataDir: dir }), dataDir: dir, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `kw_contract_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(db.url!);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    db: openDatabase({ dataDir: tmpdir(), databaseUrl: url.toString() }),
    cleanup: async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

const now = Date.now();
function client(orgId: string, workspaceId: string, overrides: Partial<ApiClient> = {}): ApiClient {
  return {
    id: newId('apiClient'),
    orgId,
    workspaceId,
    clientId: newClientId(),
    displayName: 'svc',
    description: '',
    labels: { team: 'a' },
    permissions: ['read'],
    roles: [],
    audiences: [],
    tokenLifetime: null,
    enabled: true,
    tokensNotBefore: null,
    createdBy: 'system',
    updatedBy: 'system',
    createTime: now,
    updateTime: now,
    ...overrides,
  };
}
function secretCredential(c: ApiClient, overrides: Partial<Credential> = {}): Credential {
  return {
    id: newId('credential'),
    orgId: c.orgId,
    apiClientId: c.id,
    type: 'secret',
    displayName: '',
    secretHash: 'hash',
    secretHint: 'kw_abc…wxyz',
    jwks: null,
    jwksUri: null,
    providerId: null,
    subject: null,
    expireTime: null,
    lastUseTime: null,
    createdBy: 'system',
    createTime: now,
    ...overrides,
  };
}

for (const engine of databases) {
  describe(`store contract (${engine.name})`, () => {
    let db: Db;
    let store: Store;
    let cleanup: () => Promise<void>;
    let dataDir: string | undefined;
    const orgA = 'org_a';
    const orgB = 'org_b';
    const wsA = 'ws_a';
    const wsB = 'ws_b';

    before(async () => {
      ({ db, dataDir, cleanup } = await openEngine(engine));
      await migrate(db);
      store = new Store(db);
      await store.transaction(async (r) => {
        for (const [org, ws] of [
          [orgA, wsA],
          [orgB, wsB],
        ]) {
          await r.organizations.insertOrganization({ id: org, displayName: org, defaultWorkspaceId: ws, createTime: now, updateTime: now });
          await r.workspaces.insertWorkspace({ id: ws, orgId: org, displayName: 'Default', extRef: null, settings: { a: '1' }, createTime: now, updateTime: now });
        }
      });
    });
    after(async () => {
      await db.close();
      await cleanup();
    });

    it('migrations are idempotent: a second run applies nothing and keeps the rows', async () => {
      assert.deepEqual(await migrate(db), []);
      assert.equal((await store.read.organizations.findOrganizationById(orgA))?.defaultWorkspaceId, wsA);
    });

    it('round-trips a client with its JSON fields and finds it by client_id globally', async () => {
      const c = client(orgA, wsA, { labels: { env: 'prod' }, audiences: ['https://api.example'], tokenLifetime: 600 });
      await store.read.clients.insertClient(c);
      assert.deepEqual(await store.read.clients.findClientById(orgA, c.id), c);
      assert.deepEqual(await store.read.clients.findClientByClientId(c.clientId), c);
      assert.equal(await store.read.clients.findClientIdById(c.id), c.clientId);
      assert.equal(await store.read.clients.findClientIdById('ac_nobody'), undefined);
    });

    it('scopes every lookup by organization', async () => {
      const c = client(orgA, wsA);
      await store.read.clients.insertClient(c);
      assert.equal(await store.read.clients.findClientById(orgB, c.id), undefined);
      assert.equal(await store.read.workspaces.findWorkspaceById(orgB, wsA), undefined);
    });

    it('refuses a duplicate client_id with a recognisable unique violation', async () => {
      const c = client(orgA, wsA);
      await store.read.clients.insertClient(c);
      await assert.rejects(store.read.clients.insertClient(client(orgB, wsB, { clientId: c.clientId })), (e) => isUniqueViolation(e));
    });

    it('speaks in domain errors, in and out of transactions, so every caller (HTTP, CLI, use case) reads the same', async () => {
      const c = client(orgA, wsA);
      await store.read.clients.insertClient(c);
      const conflict = (e: unknown) => e instanceof DuplicateKeyError && e.code === 'already_exists' && e.status === 409 && isUniqueViolation(e.cause);
      await assert.rejects(store.read.clients.insertClient(client(orgB, wsB, { clientId: c.clientId })), conflict);
      await assert.rejects(store.transaction((r) => r.clients.insertClient(client(orgB, wsB, { clientId: c.clientId }))), conflict);
      await assert.rejects(store.write((r) => r.clients.insertClient(client(orgB, wsB, { clientId: c.clientId }))), conflict);
      if (engine.name === 'postgres') {
        // PostgreSQL refuses a NUL in text; SQLite stores it as it is.
        await assert.rejects(store.read.clients.findClientByClientId('nul\u0000'), (e) => e instanceof KeywardError && e.code === 'invalid_argument' && e.status === 400);
      }
    });

    it('pages clients by keyset without gaps or repeats, in both orders, with filters', async () => {
      const org = 'org_page';
      await store.read.organizations.insertOrganization({ id: org, displayName: 'p', defaultWorkspaceId: wsA, createTime: now, updateTime: now });
      const made: ApiClient[] = [];
      for (let i = 0; i < 23; i++) made.push(client(org, wsA, { displayName: `c${String(i % 5)}`, createTime: now + (i % 7) }));
      await store.transaction(async (r) => {
        for (const c of made) await r.clients.insertClient(c);
      });
      for (const orderBy of [
        { field: 'createTime' as const, descending: false },
        { field: 'displayName' as const, descending: true },
      ]) {
        const seen: string[] = [];
        let pageToken: string | undefined;
        do {
          const page = await store.read.clients.listClientsByOrg(org, { filter: [], orderBy, pageSize: 4, pageToken });
          seen.push(...page.items.map((c) => c.id));
          pageToken = page.nextPageToken || undefined;
        } while (pageToken);
        assert.equal(seen.length, 23);
        assert.equal(new Set(seen).size, 23);
      }
      const filtered = await store.read.clients.listClientsByOrg(org, {
        filter: [{ field: 'displayName', op: '=', value: 'c1' }],
        orderBy: { field: 'createTime', descending: false },
        pageSize: 100,
      });
      assert.equal(filtered.items.length, made.filter((c) => c.displayName === 'c1').length);
      const like = await store.read.clients.listClientsByOrg(org, {
        filter: [{ field: 'displayName', op: ':', value: '%' }],
        orderBy: { field: 'createTime', descending: false },
        pageSize: 100,
      });
      assert.equal(like.items.length, 0, 'a % in a filter value matches literally');
    });

    it('cascades credentials with their client and shortens (never lengthens) expiry on rotation', async () => {
      const c = client(orgA, wsA);
      await store.read.clients.insertClient(c);
      const early = secretCredential(c, { expireTime: now + 1000 });
      const open = secretCredential(c);
      const fresh = secretCredential(c);
      for (const cred of [early, open, fresh]) await store.read.credentials.insertCredential(cred);
      const expired = await store.read.credentials.expireCredentialsByClientId(orgA, c.id, 'secret', now + 5000, fresh.id);
      assert.deepEqual(expired, [open.id]);
      const after = await store.read.credentials.listCredentialsByClientId(orgA, c.id);
      assert.equal(after.find((x) => x.id === early.id)?.expireTime, now + 1000);
      assert.equal(after.find((x) => x.id === open.id)?.expireTime, now + 5000);
      assert.equal(after.find((x) => x.id === fresh.id)?.expireTime, null);
      await store.read.credentials.updateLastUseTimes(new Map([[fresh.id, now + 42]]));
      assert.equal((await store.read.credentials.findCredentialById(orgA, c.id, fresh.id))?.lastUseTime, now + 42);
      await store.read.clients.deleteClient(orgA, c.id);
      assert.deepEqual(await store.read.credentials.listCredentialsByClientId(orgA, c.id), []);
    });

    it('appends events with strictly increasing sequences and rolls them back with their transaction', async () => {
      const before = await store.read.events.lastSequence();
      const append = (type: string) =>
        store.transaction(async (r) => {
          await r.events.serializeWriters();
          return r.events.appendEvent({ id: newId('event'), orgId: orgA, type, resource: 'apiClients/x', actor: 'system', time: Date.now(), data: {} });
        });
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => append(`t${i}`)));
      const sequences = results.map((e) => e.sequence).sort((a, b) => a - b);
      assert.equal(new Set(sequences).size, 10);
      assert.ok(sequences[0] > before);
      await assert.rejects(
        store.transaction(async (r) => {
          await r.events.appendEvent({ id: newId('event'), orgId: orgA, type: 'doomed', resource: 'x', actor: 'system', time: now, data: {} });
          throw new Error('abort');
        }),
      );
      const tail = await store.read.events.listEventsAfter(before, 100);
      assert.equal(tail.length, 10);
      assert.ok(!tail.some((e) => e.type === 'doomed'));
      const page = await store.read.events.listEventsByOrg(orgA, { filter: [{ field: 'type', op: '=', value: 't3' }], pageSize: 10 });
      assert.equal(page.items.length, 1);
    });

    it('allows one active and one next signing key only', async () => {
      const row = (kid: string, state: 'active' | 'next') => ({
        kid,
        alg: 'ES256',
        state,
        private_key_encrypted: 'x',
        public_jwk: '{}',
        create_time: now,
        activate_time: null,
        retire_until: null,
      });
      await store.read.signingKeys.insertSigningKey(row('k1', 'active'));
      await assert.rejects(store.read.signingKeys.insertSigningKey(row('k2', 'active')), (e) => isUniqueViolation(e));
      await store.read.signingKeys.insertSigningKey(row('k3', 'next'));
      await store.transaction(async (r) => {
        await r.signingKeys.retireActiveKey(now, now + 1000);
        assert.equal(await r.signingKeys.activateNextKey(now), 'k3');
      });
      const published = await store.read.signingKeys.listPublishedKeys(now);
      assert.deepEqual(published.map((k) => [k.kid, k.state]).sort(), [
        ['k1', 'retired'],
        ['k3', 'active'],
      ]);
      assert.equal((await store.read.signingKeys.listPublishedKeys(now + 2000)).length, 1, 'retired keys leave after retire_until');
    });

    it('revoked token ids are idempotent and expire', async () => {
      await store.read.revokedTokens.insertRevokedToken('jti-1', orgA, now + 1000);
      await store.read.revokedTokens.insertRevokedToken('jti-1', orgA, now + 1000);
      assert.deepEqual(await store.read.revokedTokens.listRevokedTokens(now), [{ jti: 'jti-1', expireTime: now + 1000 }]);
      await store.read.revokedTokens.deleteExpiredRevokedTokens(now + 1000);
      assert.deepEqual(await store.read.revokedTokens.listRevokedTokens(now), []);
    });

    it("the installation's issuers and settings: registered once, the first value kept", async () => {
      await store.read.issuers.registerIssuer('http://localhost:8081', now);
      await store.read.issuers.registerIssuer('http://localhost:8082', now + 1);
      await store.read.issuers.registerIssuer('http://localhost:8081', now + 2);
      assert.deepEqual(await store.read.issuers.listIssuers(), ['http://localhost:8081', 'http://localhost:8082']);
      assert.equal(await store.read.installation.claimSetting('check', 'first', now), 'first');
      assert.equal(await store.read.installation.claimSetting('check', 'second', now), 'first');
    });

    it('a used assertion is recorded once, replays are told apart, and expired ones are swept', async () => {
      const ledger = store.read.usedAssertions;
      assert.equal(await ledger.insertUsedAssertion('assertion-1', now + 1000), true);
      assert.equal(await ledger.insertUsedAssertion('assertion-1', now + 5000), false, 'a replay, whatever its expiry');
      assert.equal(await ledger.insertUsedAssertion('assertion-2', now + 3000), true);
      assert.equal(await store.transaction((repos) => repos.usedAssertions.insertUsedAssertion('assertion-2', now + 3000)), false);
      await ledger.deleteExpiredUsedAssertions(now + 1000);
      assert.equal(await ledger.insertUsedAssertion('assertion-1', now + 1000), true, 'swept once expired, so the id is free again');
      assert.equal(await ledger.insertUsedAssertion('assertion-2', now + 3000), false, 'not yet expired: kept');
      const rows = await store.db.kysely.selectFrom('used_assertions').selectAll().orderBy('id').execute();
      assert.deepEqual(rows.map((r) => [r.id, Number(r.expire_time)]), [['assertion-1', now + 1000], ['assertion-2', now + 3000]]);
    });

    it('concurrent transactions: one that fails is undone alone, the others commit', async () => {
      const revoke = (jti: string, fail = false) =>
        store.transaction(async (r) => {
          await r.revokedTokens.insertRevokedToken(jti, orgA, now + 60_000);
          if (fail) throw new Error('abort');
          return jti;
        });
      const outcomes = await Promise.allSettled(['tx-1', 'tx-2', 'tx-3', 'tx-4', 'tx-5'].map((jti) => revoke(jti, jti === 'tx-3')));
      assert.deepEqual(outcomes.map((o) => o.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      const stored = (await store.read.revokedTokens.listRevokedTokens(now)).map((t) => t.jti).filter((jti) => jti.startsWith('tx-'));
      assert.deepEqual(stored.sort(), ['tx-1', 'tx-2', 'tx-4', 'tx-5']);
    });

    it('single writes sent together record a used assertion once', async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, () => store.write((r) => r.usedAssertions.insertUsedAssertion('assertion-together', now + 1000))),
      );
      assert.equal(results.filter(Boolean).length, 1, `one true among ${JSON.stringify(results)}`);
    });

    if (engine.name === 'postgres') {
      it('an appended event notifies the other instances at commit, not before', async () => {
        const listener = await db.pool!.connect();
        const heard: string[] = [];
        listener.on('notification', (message) => heard.push(message.channel));
        try {
          await listener.query('LISTEN keyward_events');
          await store.transaction(async (r) => {
            await r.events.serializeWriters();
            await r.events.appendEvent({ id: newId('event'), orgId: orgA, type: 'notified', resource: 'apiClients/x', actor: 'system', time: now, data: {} });
            await new Promise((resolve) => setTimeout(resolve, 50));
            assert.deepEqual(heard, [], 'nothing is announced before the commit');
          });
          for (let i = 0; i < 50 && heard.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
          assert.deepEqual(heard, ['keyward_events']);
        } finally {
          await listener.query('UNLISTEN keyward_events');
          listener.release();
        }
      });
    }

    if (engine.name === 'sqlite') {
      it('transactions requested together share one commit, and fail together when SQLite abandons it', async () => {
        // A second connection sees only what is committed: had the first transaction committed
        // on its own, the second would find its row there.
        const observer = new SQLite(join(dataDir!, 'keyward.sqlite'), { readonly: true });
        const committed = (jti: string) => observer.prepare('SELECT 1 FROM revoked_tokens WHERE jti = ?').get(jti) !== undefined;
        try {
          const seen = await Promise.all([
            store.write((r) => r.revokedTokens.insertRevokedToken('group-1', orgA, now + 60_000).then(() => committed('group-1'))),
            store.write(async () => committed('group-1')),
          ]);
          assert.deepEqual(seen, [false, false], 'the first write was not committed before the second ran');
          assert.equal(committed('group-1'), true, 'committed once the group ended');

          const row = (jti: string) => ({ jti, org_id: orgA, expire_time: now + 60_000 });
          const doomed = await Promise.allSettled([
            db.transaction((trx) => trx.insertInto('revoked_tokens').values(row('group-2')).execute()),
            db.transaction(async (trx) => {
              await trx.insertInto('revoked_tokens').values(row('group-3')).execute();
              // What a full disk can do: SQLite rolls back the whole transaction.
              await sql`ROLLBACK`.execute(trx);
              throw new Error('the transaction is gone');
            }),
          ]);
          assert.deepEqual(doomed.map((o) => o.status), ['rejected', 'rejected'], 'the first member was undone with the second');
          assert.equal(committed('group-2') || committed('group-3'), false);
          await store.transaction((r) => r.revokedTokens.insertRevokedToken('group-4', orgA, now + 60_000));
          assert.equal(committed('group-4'), true, 'the next group starts afresh');
        } finally {
          observer.close();
        }
      });

      it("waits for another process's write lock without stalling this one", async () => {
        const other = new SQLite(join(dataDir!, 'keyward.sqlite'));
        other.exec('BEGIN IMMEDIATE');
        let ticks = 0;
        const ticker = setInterval(() => ticks++, 5);
        try {
          const started = Date.now();
          const write = store.transaction((r) => r.revokedTokens.insertRevokedToken('after-the-lock', orgA, now + 60_000));
          await new Promise((resolve) => setTimeout(resolve, 150));
          assert.ok(ticks >= 10, `timers ran ${ticks} times while the write waited: the thread was blocked`);
          other.exec('COMMIT');
          await write;
          assert.ok(Date.now() - started >= 150, 'the write waited for the lock');
          assert.ok(
            (await store.read.revokedTokens.listRevokedTokens(now)).some((t) => t.jti === 'after-the-lock'),
            'and went through once it was free',
          );
        } finally {
          clearInterval(ticker);
          if (other.inTransaction) other.exec('ROLLBACK');
          other.close();
        }
      });
    }
  });
}

for (const engine of databases) {
  describe(`schema upgrades (${engine.name})`, () => {
    it('005 lets attempts be interrupted and keeps the attempts recorded before it', async () => {
      const { db, cleanup } = await openEngine(engine);
      try {
        await migrate(db, { through: '004_delivery_attempts' });
        const k = db.kysely;
        await k.insertInto('organizations').values({ id: 'org_u', display_name: 'u', default_workspace_id: null, create_time: now, update_time: now }).execute();
        await k
          .insertInto('webhooks')
          .values({
            id: 'wh_u', org_id: 'org_u', workspace_id: null, url: 'https://receiver.example/hook', auth_type: 'NONE', auth_url: null,
            token_request_config: '{}', headers: '{}', secrets_encrypted: 'sealed', secret_keys: '[]', signing_secret_hint: 'whsec_…',
            event_types: '[]', enabled: 1, disabled_reason: null, last_success_time: null, created_by: 'system', updated_by: 'system',
            create_time: now, update_time: now,
          })
          .execute();
        await k
          .insertInto('webhook_deliveries')
          .values({
            id: 'msg_u', org_id: 'org_u', webhook_id: 'wh_u', event_sequence: 1, event_type: 'client.created', payload: '{}', status: 'pending',
            attempts: 1, next_attempt_time: now, last_attempt_time: now, last_status_code: 500, last_error: 'the receiver answered 500',
            locked_until: null, claimed_by: null, create_time: now, update_time: now,
          })
          .execute();
        const attempt = (n: number, outcome: string) => ({
          id: `att_u${n}`, org_id: 'org_u', delivery_id: 'msg_u', attempt: n, start_time: now + n, duration_ms: 12, status_code: outcome === 'http_error' ? 500 : null, outcome, message: null,
        });
        await k.insertInto('webhook_delivery_attempts').values(attempt(1, 'http_error')).execute();
        await assert.rejects(k.insertInto('webhook_delivery_attempts').values(attempt(2, 'interrupted')).execute(), /check/i, 'not yet allowed at 004');

        assert.deepEqual(await migrate(db, { through: '005_interrupted_attempts' }), ['005_interrupted_attempts']);
        await k.insertInto('webhook_delivery_attempts').values(attempt(2, 'interrupted')).execute();
        const rows = await k.selectFrom('webhook_delivery_attempts').selectAll().orderBy('attempt').execute();
        assert.deepEqual(
          rows.map((r) => [r.id, r.attempt, Number(r.start_time), r.duration_ms, r.status_code, r.outcome]),
          [
            ['att_u1', 1, now + 1, 12, 500, 'http_error'],
            ['att_u2', 2, now + 2, 12, null, 'interrupted'],
          ],
        );
        await assert.rejects(k.insertInto('webhook_delivery_attempts').values(attempt(2, 'delivered')).execute(), (e) => isUniqueViolation(e), 'the (delivery, attempt) index is back');
        await k.deleteFrom('webhook_deliveries').where('id', '=', 'msg_u').execute();
        assert.deepEqual(await k.selectFrom('webhook_delivery_attempts').select('id').execute(), [], 'attempts still go with their delivery');
      } finally {
        await db.close();
        await cleanup();
      }
    });

    it('006 lets each workspace trust an issuer once, keeping providers and their role bindings', async () => {
      const { db, cleanup } = await openEngine(engine);
      try {
        await migrate(db, { through: '005_interrupted_attempts' });
        const k = db.kysely;
        await k.insertInto('organizations').values({ id: 'org_p', display_name: 'p', default_workspace_id: null, create_time: now, update_time: now }).execute();
        for (const id of ['wks_staging', 'wks_prod']) {
          await k.insertInto('workspaces').values({ id, org_id: 'org_p', display_name: id, ext_ref: null, settings: '{}', create_time: now, update_time: now }).execute();
        }
        await k
          .insertInto('roles')
          .values({ id: 'readers', org_id: 'org_p', display_name: 'readers', description: '', permissions: '[]', labels: '{}', created_by: 'system', updated_by: 'system', create_time: now, update_time: now })
          .execute();
        const provider = (id: string, workspaceId: string, identifier: string) => ({
          id, org_id: 'org_p', workspace_id: workspaceId, identifier, display_name: id, description: '', issuer: 'https://ci.example',
          jwks_uri: null, audience: null, claim_conditions: '{}', admin_sign_in: 1, created_by: 'system', updated_by: 'system', create_time: now, update_time: now,
        });
        await k.insertInto('providers').values(provider('prv_staging', 'wks_staging', 'ci')).execute();
        await k.insertInto('role_bindings').values({ id: 'rb_1', org_id: 'org_p', provider_id: 'prv_staging', subject: 'alice', role_id: 'readers', created_by: 'system', create_time: now }).execute();
        await assert.rejects(k.insertInto('providers').values(provider('prv_prod', 'wks_prod', 'ci')).execute(), (e) => isUniqueViolation(e), 'once per organization at 005');

        assert.deepEqual(await migrate(db, { through: '006_provider_per_workspace' }), ['006_provider_per_workspace']);
        await k.insertInto('providers').values(provider('prv_prod', 'wks_prod', 'ci')).execute();
        await assert.rejects(k.insertInto('providers').values(provider('prv_again', 'wks_prod', 'other')).execute(), (e) => isUniqueViolation(e), 'the issuer, once per workspace');
        await assert.rejects(
          k.insertInto('providers').values({ ...provider('prv_named', 'wks_prod', 'ci'), issuer: 'https://other.example' }).execute(),
          (e) => isUniqueViolation(e),
          'the identifier, once per workspace',
        );
        const kept = await k.selectFrom('providers').select(['id', 'workspace_id', 'admin_sign_in']).orderBy('id').execute();
        assert.deepEqual(kept.map((p) => [p.id, p.workspace_id, Number(p.admin_sign_in)]), [['prv_prod', 'wks_prod', 1], ['prv_staging', 'wks_staging', 1]]);
        assert.deepEqual((await k.selectFrom('role_bindings').select(['id', 'provider_id']).execute()).map((b) => [b.id, b.provider_id]), [['rb_1', 'prv_staging']]);
        await assert.rejects(
          k.insertInto('role_bindings').values({ id: 'rb_2', org_id: 'org_p', provider_id: 'prv_nope', subject: 'bob', role_id: 'readers', created_by: 'system', create_time: now }).execute(),
          /foreign key/i,
          'role bindings still refer to providers',
        );
        await assert.rejects(k.deleteFrom('providers').where('id', '=', 'prv_staging').execute(), /foreign key/i, 'a bound provider is still kept');
        await k.deleteFrom('roles').where('id', '=', 'readers').execute();
        assert.deepEqual(await k.selectFrom('role_bindings').select('id').execute(), [], 'bindings still go with their role');
      } finally {
        await db.close();
        await cleanup();
      }
    });

    it('008 gives clients a tokens-not-before time, none for the clients already there', async () => {
      const { db, cleanup } = await openEngine(engine);
      try {
        await migrate(db, { through: '006_provider_per_workspace' });
        const k = db.kysely;
        await k.insertInto('organizations').values({ id: 'org_n', display_name: 'n', default_workspace_id: null, create_time: now, update_time: now }).execute();
        await k.insertInto('workspaces').values({ id: 'wks_n', org_id: 'org_n', display_name: 'n', ext_ref: null, settings: '{}', create_time: now, update_time: now }).execute();
        const existing = client('org_n', 'wks_n');
        const { tokens_not_before, ...row } = fromApiClient(existing);
        void tokens_not_before;
        await k.insertInto('api_clients').values(row as ReturnType<typeof fromApiClient>).execute();

        assert.ok((await migrate(db)).includes('008_client_tokens_not_before'));
        const clients = clientStore(k);
        assert.equal((await clients.findClientById('org_n', existing.id))?.tokensNotBefore, null);
        // Milliseconds past 2^31 seconds' worth: the column must hold epoch ms on both engines.
        await clients.updateClient({ ...existing, enabled: false, tokensNotBefore: now + 1 });
        assert.equal((await clients.findClientById('org_n', existing.id))?.tokensNotBefore, now + 1);
      } finally {
        await db.close();
        await cleanup();
      }
    });
  });
}

describe('storage errors', () => {
  it('tells an unavailable store from a refused write', () => {
    for (const message of [
      'Connection terminated unexpectedly',
      // What the ROLLBACK after a connection lost mid-transaction fails with, hiding the first error.
      'Client has encountered a connection error and is not queryable',
      'timeout exceeded when trying to connect',
    ]) {
      assert.equal(isStorageUnavailable(new Error(message)), true, message);
    }
    assert.equal(isStorageUnavailable(Object.assign(new Error('down'), { code: '57P01' })), true);
    assert.equal(isStorageUnavailable(Object.assign(new Error('full'), { code: 'SQLITE_FULL' })), true);
    assert.equal(isStorageUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' })), false);
    assert.equal(isStorageUnavailable(new Error('something else broke')), false);
  });
});
