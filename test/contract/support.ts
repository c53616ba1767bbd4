import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { newClientId, newId } from '../../src/domain/ids.js';
import { NO_DELEGATION, type ApiClient, type Credential } from '../../src/domain/model.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { Store } from '../../src/store/index.js';
import { migrate } from '../../src/store/migrate.js';
import type { databases } from '../helpers/harness.js';

/**
 * The storage contract, written once and run on every engine: what services rely on from a
 * store, including the keyset pagination and the event sequence. One file per aggregate; this
 * file holds what they share.
 */
export async function openEngine(db: (typeof databases)[number]): Promise<{ db: Db; dataDir?: string; cleanup: () => Promise<void> }> {
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

export const now = Date.now();
export function client(orgId: string, workspaceId: string, overrides: Partial<ApiClient> = {}): ApiClient {
  return {
    id: newId('apiClient'),
    orgId,
    workspaceId,
    clientId: newClientId(),
    displayName: 'svc',
    description: '',
    dpopBoundAccessTokens: false,
    delegation: NO_DELEGATION,
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
export function secretCredential(c: ApiClient, overrides: Partial<Credential> = {}): Credential {
  return {
    id: newId('credential'),
    orgId: c.orgId,
    apiClientId: c.id,
    type: 'secret',
    displayName: '',
    secretHash: 'hash',
    secretHint: 'kw_abc…wxyz',
    jwks: null,
    match: null,
    jwksUri: null,
    providerId: null,
    subject: null,
    expireTime: null,
    lastUseTime: null,
    allowedCidrs: [],
    maxUses: null,
    useCount: 0,
    createdBy: 'system',
    createTime: now,
    disableTime: null,
    disabledReason: null,
    ...overrides,
  };
}

export const orgA = 'org_a';
export const orgB = 'org_b';
export const wsA = 'ws_a';
export const wsB = 'ws_b';

/**
 * A migrated store on `engine` holding two organizations: org_a with its workspace ws_a, org_b
 * with ws_b.
 */
export async function openContractStore(engine: (typeof databases)[number]): Promise<{ db: Db; store: Store; dataDir?: string; close: () => Promise<void> }> {
  const { db, dataDir, cleanup } = await openEngine(engine);
  await migrate(db);
  const store = new Store(db);
  await store.transaction(async (r) => {
    for (const [org, ws] of [
      [orgA, wsA],
      [orgB, wsB],
    ]) {
      await r.organizations.insertOrganization({ id: org, displayName: org, defaultWorkspaceId: ws, createTime: now, updateTime: now });
      await r.workspaces.insertWorkspace({ id: ws, orgId: org, displayName: 'Default', extRef: null, settings: { a: '1' }, credentialPolicy: null, createTime: now, updateTime: now });
    }
  });
  return {
    db,
    store,
    dataDir,
    close: async () => {
      await db.close();
      await cleanup();
    },
  };
}
