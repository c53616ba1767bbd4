import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NO_DELEGATION } from '../../src/domain/model.js';
import { sql } from 'kysely';
import { clientStore, fromApiClient } from '../../src/store/clients.js';
import { credentialLookupStore } from '../../src/store/credential-lookups.js';
import { credentialStore } from '../../src/store/credentials.js';
import type { Db } from '../../src/store/db.js';
import { isUniqueViolation } from '../../src/store/errors.js';
import type { Store } from '../../src/store/index.js';
import { migrate } from '../../src/store/migrate.js';
import { providerStore } from '../../src/store/providers.js';
import { usageHourStore } from '../../src/store/usage-hours.js';
import { workspaceStore } from '../../src/store/workspaces.js';
import { databases } from '../helpers/harness.js';
import { client, now, openContractStore, openEngine, orgA, wsA } from './support.js';


/** A client's row as the schema before 013 stores it. */
function clientRowBefore013(c: Parameters<typeof fromApiClient>[0]) {
  const { dpop_bound_access_tokens, ...row } = clientRowBefore014(c);
  void dpop_bound_access_tokens;
  return row;
}

/** A client's row as the schema before 014 stores it. */
function clientRowBefore014(c: Parameters<typeof fromApiClient>[0]) {
  const { delegation, ...row } = fromApiClient(c);
  void delegation;
  return row;
}

for (const engine of databases) {
  describe(`store contract: migrations (${engine.name})`, () => {
    let db: Db;
    let store: Store;
    let close: () => Promise<void>;

    before(async () => {
      ({ db, store, close } = await openContractStore(engine));
    });
    after(() => close());

    it('migrations are idempotent: a second run applies nothing and keeps the rows', async () => {
      assert.deepEqual(await migrate(db), []);
      assert.equal((await store.read.organizations.findOrganizationById(orgA))?.defaultWorkspaceId, wsA);
    });
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
        const { tokens_not_before, ...row } = clientRowBefore013(existing);
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

    it('009 adds hourly usage counts for the clients already there, gone with their client', async () => {
      const { db, cleanup } = await openEngine(engine);
      try {
        await migrate(db, { through: '008_client_tokens_not_before' });
        const k = db.kysely;
        await k.insertInto('organizations').values({ id: 'org_h', display_name: 'h', default_workspace_id: null, create_time: now, update_time: now }).execute();
        await k.insertInto('workspaces').values({ id: 'wks_h', org_id: 'org_h', display_name: 'h', ext_ref: null, settings: '{}', create_time: now, update_time: now }).execute();
        const existing = client('org_h', 'wks_h');
        await k.insertInto('api_clients').values(clientRowBefore013(existing) as ReturnType<typeof fromApiClient>).execute();

        assert.deepEqual(await migrate(db, { through: '009_client_usage_hours' }), ['009_client_usage_hours']);
        const hours = usageHourStore(k);
        const hour = now - (now % 3_600_000);
        // Counts add up (several instances flush into one row); a deleted client's are dropped.
        await hours.addUsageHours([{ apiClientId: existing.id, hourStart: hour, tokensIssued: 2, failedAuthentications: 0, lastFailureTime: null }]);
        await hours.addUsageHours([
          { apiClientId: existing.id, hourStart: hour, tokensIssued: 3, failedAuthentications: 1, lastFailureTime: now + 1 },
          { apiClientId: 'ac_gone', hourStart: hour, tokensIssued: 1, failedAuthentications: 0, lastFailureTime: null },
        ]);
        assert.deepEqual(await hours.listUsageHours(existing.id, hour, hour + 3_600_000), [
          { apiClientId: existing.id, hourStart: hour, tokensIssued: 5, failedAuthentications: 1, lastFailureTime: now + 1 },
        ]);
        await k.deleteFrom('api_clients').where('id', '=', existing.id).execute();
        assert.deepEqual(await k.selectFrom('client_usage_hours').selectAll().execute(), [], 'the counts go with their client');
      } finally {
        await db.close();
        await cleanup();
      }
    });

    it('010 gives providers a console sign-in, none for the providers already there', async () => {
      const { db, cleanup } = await openEngine(engine);
      try {
        await migrate(db, { through: '009_client_usage_hours' });
        const k = db.kysely;
        await k.insertInto('organizations').values({ id: 'org_c', display_name: 'c', default_workspace_id: null, create_time: now, update_time: now }).execute();
        await k.insertInto('workspaces').values({ id: 'wks_c', org_id: 'org_c', display_name: 'c', ext_ref: null, settings: '{}', create_time: now, update_time: now }).execute();
        await k
          .insertInto('providers')
          .values({
            id: 'prv_old', org_id: 'org_c', workspace_id: 'wks_c', identifier: 'old', display_name: 'old', description: '', issuer: 'https://idp.example',
            jwks_uri: null, audience: null, claim_conditions: '{"team":"ops"}', admin_sign_in: 1, created_by: 'system', updated_by: 'system', create_time: now, update_time: now,
          })
          .execute();

        assert.deepEqual(await migrate(db, { through: '010_provider_console_sign_in' }), ['010_provider_console_sign_in']);
        const providers = providerStore(k);
        const old = await providers.findProviderById('org_c', 'prv_old');
        assert.deepEqual([old?.consoleSignIn, old?.adminSignIn, old?.claimConditions], [null, true, { team: 'ops' }]);
        assert.deepEqual(await providers.listConsoleSignInProviders(), []);
        // Writing goes through today's store, which needs the later columns too (015: providers.jwks).
        await migrate(db);
        await providers.updateProvider({ ...old!, consoleSignIn: { clientId: 'keyward-console', scopes: ['openid', 'profile'] } });
        assert.deepEqual((await providers.findProviderById('org_c', 'prv_old'))?.consoleSignIn, { clientId: 'keyward-console', scopes: ['openid', 'profile'] });
        assert.deepEqual((await providers.listConsoleSignInProviders()).map((p) => p.id), ['prv_old']);
        await providers.updateProvider({ ...old!, adminSignIn: false, consoleSignIn: { clientId: 'keyward-console', scopes: ['openid'] } });
        assert.deepEqual(await providers.listConsoleSignInProviders(), [], 'only while admin sign-in is on');
      } finally {
        await db.close();
        await cleanup();
      }
    });

    it('011 leaves the credentials already there enabled, and finds a secret credential by its hash', async () => {
      const { db, cleanup } = await openEngine(engine);
      try {
        await migrate(db, { through: '010_provider_console_sign_in' });
        const k = db.kysely;
        await k.insertInto('organizations').values({ id: 'org_l', display_name: 'l', default_workspace_id: null, create_time: now, update_time: now }).execute();
        await k.insertInto('workspaces').values({ id: 'wks_l', org_id: 'org_l', display_name: 'l', ext_ref: null, settings: '{}', create_time: now, update_time: now }).execute();
        const existing = client('org_l', 'wks_l');
        await k.insertInto('api_clients').values(clientRowBefore013(existing) as ReturnType<typeof fromApiClient>).execute();
        const old = { id: 'cred_old', org_id: 'org_l', api_client_id: existing.id, type: 'secret', display_name: '', secret_hash: 'hash-old', secret_hint: 'kw_abc…wxyz' };
        await k.insertInto('credentials').values({ ...old, jwks: null, jwks_uri: null, provider_id: null, subject: null, expire_time: null, last_use_time: null, created_by: 'system', create_time: now } as never).execute();

        // With 012, whose columns the credential store reads as well.
        assert.deepEqual(await migrate(db, { through: '012_credential_fences' }), ['011_credential_disable', '012_credential_fences']);
        const credentials = credentialStore(k);
        const found = await credentialLookupStore(k).listSecretCredentialsByHash('hash-old');
        assert.deepEqual(found.map((f) => [f.credential.id, f.credential.disableTime, f.credential.disabledReason, f.clientId, f.workspaceId]), [
          ['cred_old', null, null, existing.clientId, 'wks_l'],
        ]);
        assert.equal(await credentials.disableCredential('org_l', 'cred_old', now + 5, 'leaked'), true);
        assert.equal(await credentials.disableCredential('org_l', 'cred_old', now + 9, 'leaked'), false, 'disabled once: the first time stays');
        const after = await credentials.findCredentialById('org_l', existing.id, 'cred_old');
        assert.deepEqual([after?.disableTime, after?.disabledReason], [now + 5, 'leaked']);
        assert.equal(await credentials.disableCredential('org_other', 'cred_old', now, 'leaked'), false, 'scoped by organization');
        assert.deepEqual(await credentialLookupStore(k).listSecretCredentialsByHash('hash-unknown'), []);
      } finally {
        await db.close();
        await cleanup();
      }
    });

    it('013 lets clients ask for DPoP-bound tokens only, none of the clients already there', async () => {
      const { db, cleanup } = await openEngine(engine);
      try {
        await migrate(db, { through: '010_provider_console_sign_in' });
        const k = db.kysely;
        await k.insertInto('organizations').values({ id: 'org_d', display_name: 'd', default_workspace_id: null, create_time: now, update_time: now }).execute();
        await k.insertInto('workspaces').values({ id: 'wks_d', org_id: 'org_d', display_name: 'd', ext_ref: null, settings: '{}', create_time: now, update_time: now }).execute();
        const existing = client('org_d', 'wks_d');
        await k.insertInto('api_clients').values(clientRowBefore013(existing) as ReturnType<typeof fromApiClient>).execute();

        assert.ok((await migrate(db)).includes('013_client_dpop_bound_access_tokens'));
        const clients = clientStore(k);
        assert.equal((await clients.findClientById('org_d', existing.id))?.dpopBoundAccessTokens, false);
        await clients.updateClient({ ...existing, dpopBoundAccessTokens: true });
        assert.equal((await clients.findClientById('org_d', existing.id))?.dpopBoundAccessTokens, true);
      } finally {
        await db.close();
        await cleanup();
      }
    });

    it('014 gives every client already there no delegation, and stores a policy set later', async () => {
      const { db, cleanup } = await openEngine(engine);
      try {
        await migrate(db, { through: '013_client_dpop_bound_access_tokens' });
        const k = db.kysely;
        await k.insertInto('organizations').values({ id: 'org_g', display_name: 'g', default_workspace_id: null, create_time: now, update_time: now }).execute();
        await sql`INSERT INTO workspaces (id, org_id, display_name, ext_ref, settings, create_time, update_time) VALUES ('wks_g', 'org_g', 'g', NULL, '{}', ${now}, ${now})`.execute(k);
        const existing = client('org_g', 'wks_g');
        await k.insertInto('api_clients').values(clientRowBefore014(existing) as ReturnType<typeof fromApiClient>).execute();

        assert.ok((await migrate(db)).includes('014_client_delegation'));
        const clients = clientStore(k);
        assert.deepEqual((await clients.findClientById('org_g', existing.id))?.delegation, NO_DELEGATION);
        const policy = { allowed: true, providers: ['providers/prv_a'], subjects: ['alice'], maxScope: ['docs.read'] };
        await clients.updateClient({ ...existing, delegation: policy });
        assert.deepEqual((await clients.findClientById('org_g', existing.id))?.delegation, policy);
      } finally {
        await db.close();
        await cleanup();
      }
    });

    it('012 gives existing credentials no fences and existing workspaces no credential policy', async () => {
      const { db, cleanup } = await openEngine(engine);
      try {
        await migrate(db, { through: '011_credential_disable' });
        const k = db.kysely;
        await k.insertInto('organizations').values({ id: 'org_f', display_name: 'f', default_workspace_id: null, create_time: now, update_time: now }).execute();
        await sql`INSERT INTO workspaces (id, org_id, display_name, ext_ref, settings, create_time, update_time) VALUES ('wks_f', 'org_f', 'f', NULL, '{}', ${now}, ${now})`.execute(k);
        const existing = client('org_f', 'wks_f');
        await k.insertInto('api_clients').values(clientRowBefore013(existing) as ReturnType<typeof fromApiClient>).execute();
        await sql`INSERT INTO credentials (id, org_id, api_client_id, type, display_name, secret_hash, created_by, create_time)
                  VALUES ('cred_old', 'org_f', ${existing.id}, 'secret', 'old', 'hash', 'system', ${now})`.execute(k);

        assert.ok((await migrate(db)).includes('012_credential_fences'));
        const credentials = credentialStore(k);
        const old = await credentials.findCredentialById('org_f', existing.id, 'cred_old');
        assert.deepEqual([old?.allowedCidrs, old?.maxUses, old?.useCount], [[], null, 0]);
        assert.equal(await credentials.consumeCredentialUse('cred_old'), true, 'a credential without maxUses passes');
        assert.equal((await credentials.findCredentialById('org_f', existing.id, 'cred_old'))?.useCount, 0, 'and is not counted');
        assert.equal((await workspaceStore(k).findWorkspaceById('org_f', 'wks_f'))?.credentialPolicy, null);
      } finally {
        await db.close();
        await cleanup();
      }
    });

    it('015 gives federated credentials claim conditions and providers pinned keys, none for the rows already there', async () => {
      const { db, cleanup } = await openEngine(engine);
      try {
        await migrate(db, { through: '014_client_delegation' });
        const k = db.kysely;
        await k.insertInto('organizations').values({ id: 'org_f', display_name: 'f', default_workspace_id: null, create_time: now, update_time: now }).execute();
        await k.insertInto('workspaces').values({ id: 'wks_f', org_id: 'org_f', display_name: 'f', ext_ref: null, settings: '{}', create_time: now, update_time: now }).execute();
        const existing = client('org_f', 'wks_f');
        await k.insertInto('api_clients').values(fromApiClient(existing)).execute();
        await k
          .insertInto('providers')
          .values({
            id: 'prv_f', org_id: 'org_f', workspace_id: 'wks_f', identifier: 'f', display_name: 'f', description: '', issuer: 'https://idp.example',
            jwks_uri: null, audience: null, claim_conditions: '{}', admin_sign_in: 0, console_sign_in: null, created_by: 'system', updated_by: 'system', create_time: now, update_time: now,
          } as never)
          .execute();
        const row = { id: 'cred_f', org_id: 'org_f', api_client_id: existing.id, type: 'federated', display_name: '', secret_hash: null, secret_hint: null, jwks: null, jwks_uri: null };
        await k.insertInto('credentials').values({ ...row, provider_id: 'prv_f', subject: 'ci-job', expire_time: null, last_use_time: null, created_by: 'system', create_time: now } as never).execute();

        assert.ok((await migrate(db)).includes('015_federated_claim_match'));
        assert.equal((await providerStore(k).findProviderById('org_f', 'prv_f'))?.jwks, null);
        const [binding] = await credentialLookupStore(k).listFederatedBindingsByProviders(['prv_f']);
        assert.deepEqual([binding.subject, binding.match], ['ci-job', null]);
        const match = { claims: { repository: 'acme/app' }, patterns: { ref: 'refs/heads/*' }, audience: null };
        const credentials = credentialStore(k);
        const withMatch = { ...(await credentials.findCredentialById('org_f', existing.id, 'cred_f'))!, id: 'cred_g', match };
        await credentials.insertCredential(withMatch);
        assert.deepEqual((await credentials.findCredentialById('org_f', existing.id, 'cred_g'))?.match, match);
      } finally {
        await db.close();
        await cleanup();
      }
    });
  });
}
