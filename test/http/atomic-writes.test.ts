import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { refuseWrites } from '../helpers/db-faults.js';
import { databases, startHarness, type Harness, type Parsed } from '../helpers/harness.js';

/**
 * An admin change commits together with its audit events and webhook deliveries, or not at all
 * (UnitsOfWork.run). These requests used to take two transactions, or could: a secretless dialect
 * client (created with a secret that a second transaction removed), a Keycard zone with a
 * description (created, then updated), a Docpier agent client (client, then access row). Each
 * is driven here through HTTP with a fault in its last write, and must leave no row behind; and
 * without a fault, exactly its own events.
 */
const quiet = { webhooks: { autoStart: false }, credentialExpiry: { autoStart: false } };
const TABLES = ['workspaces', 'api_clients', 'credentials', 'access_grants', 'events', 'webhook_deliveries'] as const;
type Counts = Record<(typeof TABLES)[number], number>;
/** The write to refuse: table, operation, and the condition on NEW or OLD (see refuseWrites). */
type Fault = [string, 'INSERT' | 'UPDATE' | 'DELETE', string];

for (const db of databases) {
  describe(`Writes that are one transaction (${db.name})`, () => {
    let h: Harness;
    let projectId: string;
    let zoneId: string;

    /** Every row of the tables a create can touch: a failed request must leave each count as it was. */
    const counts = async (): Promise<Counts> => {
      const kysely = h.runtime.store.db.kysely;
      const entries = await Promise.all(
        TABLES.map(async (table) => {
          const { rows } = await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM ${sql.table(table)}`.execute(kysely);
          return [table, Number(rows[0].n)] as const;
        }),
      );
      return Object.fromEntries(entries) as Counts;
    };
    const eventsSince = async (before: Counts) => {
      const res = await h.call('GET', `/v1/auditEvents?pageSize=100`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const fresh = (await counts()).events - before.events;
      return (res.body.auditEvents as { type: string; resource: string }[]).slice(0, fresh).reverse();
    };
    const deliveriesSince = async (before: Counts) => {
      const { rows } = await sql<{ event_type: string }>`SELECT event_type FROM webhook_deliveries ORDER BY event_sequence`.execute(h.runtime.store.db.kysely);
      return rows.slice(before.webhook_deliveries).map((r) => r.event_type);
    };

    /**
     * Runs `request` while the chosen write is refused; the request must fail with a 5xx and
     * every table must hold what it held before.
     */
    const failsLeavingNothing = async (fault: Fault, request: () => Promise<Parsed>) => {
      const before = await counts();
      const lift = await refuseWrites(h, ...fault);
      let res: Parsed;
      try {
        res = await request();
      } finally {
        await lift();
      }
      assert.ok(res.status >= 500, `${res.status} ${JSON.stringify(res.body)}`);
      assert.doesNotMatch(JSON.stringify(res.body), /injected fault/);
      assert.deepEqual(await counts(), before);
    };
    const onDelivery = (eventType: string): Fault => ['webhook_deliveries', 'INSERT', `NEW.event_type = '${eventType}'`];

    before(async () => {
      h = await startHarness(undefined, { db, runtime: quiet });
      // Every event is also a webhook delivery: the outbox row is the last write of a mutation.
      const hook = await h.call('POST', '/v1/webhooks', { url: 'http://127.0.0.1:9/all' });
      assert.equal(hook.status, 200, JSON.stringify(hook.body));
      const project = await h.call('POST', '/management/v1/projects', { name: 'Atomic' });
      assert.equal(project.status, 200, JSON.stringify(project.body));
      projectId = project.body.id;
      const zone = await h.call('POST', '/zones', { name: 'Atomic zone' });
      assert.equal(zone.status, 200, JSON.stringify(zone.body));
      zoneId = zone.body.id;
    });
    after(() => h.close());

    describe('secretless clients are created without a secret, in one transaction', () => {
      const cases: { name: string; create: (n: number) => Promise<Parsed>; idOf: (res: Parsed) => string }[] = [
        {
          name: 'Zitadel PRIVATE_KEY_JWT API app',
          create: (n) => h.call('POST', `/management/v1/projects/${projectId}/apps/api`, { name: `keys-only-${n}`, authMethodType: 'API_AUTH_METHOD_TYPE_PRIVATE_KEY_JWT' }),
          idOf: (res) => res.body.appId,
        },
        {
          name: 'Zitadel machine user',
          create: (n) => h.call('POST', '/management/v1/users/machine', { userName: `svc-atomic-${n}`, name: 'Atomic service' }),
          idOf: (res) => res.body.userId,
        },
        {
          name: 'Keycard application',
          create: (n) => h.call('POST', `/zones/${zoneId}/applications`, { identifier: `atomic-app-${n}`, name: 'Atomic app' }),
          idOf: (res) => res.body.id,
        },
      ];
      let n = 0;
      for (const c of cases) {
        it(`${c.name}: no credential row is written or deleted, and a refused outbox row leaves nothing behind`, async () => {
          // A secret made and then removed would write credentials; the create must not touch them.
          const before = await counts();
          const noInsert = await refuseWrites(h, 'credentials', 'INSERT', '1 = 1');
          const noDelete = await refuseWrites(h, 'credentials', 'DELETE', '1 = 1');
          let created: Parsed;
          try {
            created = await c.create(++n);
          } finally {
            await noInsert();
            await noDelete();
          }
          assert.equal(created.status, 200, JSON.stringify(created.body));
          const id = c.idOf(created);
          assert.deepEqual(
            (await eventsSince(before)).map((e) => [e.type, e.resource]),
            [['client.created', `apiClients/${id}`]],
          );
          assert.deepEqual(await deliveriesSince(before), ['client.created']);
          assert.deepEqual((await h.call('GET', `/v1/apiClients/${id}/credentials`)).body.credentials, []);
          assert.deepEqual(await counts(), { ...before, api_clients: before.api_clients + 1, events: before.events + 1, webhook_deliveries: before.webhook_deliveries + 1 });

          // The client, its event and the event's delivery commit together or not at all.
          await failsLeavingNothing(onDelivery('client.created'), () => c.create(++n));
        });
      }
    });

    it('a Keycard zone with a description: the description cannot be stored, so the zone is not either', async () => {
      // The event that carries the description is refused. Made in two steps, the zone would
      // stay behind without it; in one, nothing does.
      const before = await counts();
      await failsLeavingNothing(['events', 'INSERT', `NEW.data LIKE '%a refused description%'`], () =>
        h.call('POST', '/zones', { name: 'Half made', description: 'a refused description' }),
      );
      const zones = await h.call('GET', '/zones?limit=100');
      assert.ok(!zones.body.items.some((z: { name: string }) => z.name === 'Half made'), JSON.stringify(zones.body.items));

      const made = await h.call('POST', '/zones', { name: 'Whole', description: 'an accepted description' });
      assert.equal(made.status, 200, JSON.stringify(made.body));
      assert.equal(made.body.description, 'an accepted description');
      assert.deepEqual((await eventsSince(before)).map((e) => [e.type, e.resource]), [['workspace.created', `workspaces/${made.body.id}`]]);
      assert.deepEqual(await deliveriesSince(before), ['workspace.created']);
      await failsLeavingNothing(onDelivery('workspace.created'), () => h.call('POST', '/zones', { name: 'Refused', description: 'another description' }));
    });

    it('a Docpier agent client: client, secret and access row commit together or not at all', async () => {
      const ws = await h.call('POST', '/admin/workspaces', { name: 'Agents' });
      assert.equal(ws.status, 201, JSON.stringify(ws.body));
      const url = `/admin/workspaces/${ws.body.id}/keycloak/agent-client`;
      await failsLeavingNothing(['access_grants', 'INSERT', `NEW.subject_id = 'atomic-agent'`], () => h.call('POST', url, { client_id: 'atomic-agent' }));
      await failsLeavingNothing(onDelivery('access.granted'), () => h.call('POST', url, { client_id: 'atomic-agent' }));
      assert.deepEqual((await h.call('GET', `/admin/workspaces/${ws.body.id}`)).body.access, []);

      const before = await counts();
      const created = await h.call('POST', url, { client_id: 'atomic-agent' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const types = (await eventsSince(before)).map((e) => e.type);
      assert.deepEqual(types, ['client.created', 'credential.created', 'access.granted']);
      assert.deepEqual(await deliveriesSince(before), types);
      assert.equal((await h.token('atomic-agent', created.body.client_secret)).status, 200);
    });

    it('a /v1 client with its initial secret: one transaction', async () => {
      await failsLeavingNothing(onDelivery('credential.created'), () => h.call('POST', '/v1/apiClients?apiClientId=atomic-v1', { displayName: 'Atomic v1' }));
      const before = await counts();
      const created = await h.call('POST', '/v1/apiClients?apiClientId=atomic-v1', { displayName: 'Atomic v1' });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      assert.deepEqual((await eventsSince(before)).map((e) => e.type), ['client.created', 'credential.created']);
    });
  });
}
