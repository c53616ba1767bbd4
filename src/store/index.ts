import { clientStore, type ClientStore } from './clients.js';
import { credentialStore, type CredentialStore } from './credentials.js';
import type { Db, Executor } from './db.js';
import { eventStore, type EventStore } from './events.js';
import { organizationStore, type OrganizationStore } from './organizations.js';
import { revokedTokenStore, type RevokedTokenStore } from './revoked-tokens.js';
import { roleStore, type RoleStore } from './roles.js';
import { signingKeyStore, type SigningKeyStore } from './signing-keys.js';
import { workspaceStore, type WorkspaceStore } from './workspaces.js';

/** Every aggregate's store, bound to one executor: the database, or one transaction. */
export interface Repos {
  organizations: OrganizationStore;
  workspaces: WorkspaceStore;
  clients: ClientStore;
  credentials: CredentialStore;
  roles: RoleStore;
  events: EventStore;
  signingKeys: SigningKeyStore;
  revokedTokens: RevokedTokenStore;
}

function bind(db: Executor, dialect: Db['dialect']): Repos {
  return {
    organizations: organizationStore(db),
    workspaces: workspaceStore(db),
    clients: clientStore(db),
    credentials: credentialStore(db),
    roles: roleStore(db),
    events: eventStore(db, dialect),
    signingKeys: signingKeyStore(db),
    revokedTokens: revokedTokenStore(db),
  };
}

export class Store {
  readonly db: Db;
  /** Outside a transaction: single reads and idempotent writes. */
  readonly read: Repos;

  constructor(db: Db) {
    this.db = db;
    this.read = bind(db.kysely, db.dialect);
  }

  transaction<T>(fn: (repos: Repos) => Promise<T>): Promise<T> {
    return this.db.transaction((trx) => fn(bind(trx, this.db.dialect)));
  }
}
