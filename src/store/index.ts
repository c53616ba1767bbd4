import { accessGrantStore, type AccessGrantStore } from './access-grants.js';
import { clientStore, type ClientStore } from './clients.js';
import { credentialLookupStore, type CredentialLookupStore } from './credential-lookups.js';
import { credentialNoticeStore, type CredentialNoticeStore } from './credential-notices.js';
import { credentialStore, type CredentialStore } from './credentials.js';
import type { Db, Executor } from './db.js';
import { eventStore, type EventStore } from './events.js';
import { installationStore, type InstallationStore } from './installation.js';
import { issuerStore, type IssuerStore } from './issuers.js';
import { organizationStore, type OrganizationStore } from './organizations.js';
import { providerStore, type ProviderStore } from './providers.js';
import { registrationStore, type RegistrationStore } from './registrations.js';
import { revokedTokenStore, type RevokedTokenStore } from './revoked-tokens.js';
import { roleBindingStore, type RoleBindingStore } from './role-bindings.js';
import { roleStore, type RoleStore } from './roles.js';
import { signingKeyStore, type SigningKeyStore } from './signing-keys.js';
import { usageHourStore, type UsageHourStore } from './usage-hours.js';
import { usedAssertionStore, type UsedAssertionStore } from './used-assertions.js';
import { deliveryStore, type DeliveryStore } from './webhook-deliveries.js';
import { webhookStore, type WebhookStore } from './webhooks.js';
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
  accessGrants: AccessGrantStore;
  webhooks: WebhookStore;
  deliveries: DeliveryStore;
  credentialNotices: CredentialNoticeStore;
  providers: ProviderStore;
  roleBindings: RoleBindingStore;
  usedAssertions: UsedAssertionStore;
  credentialLookups: CredentialLookupStore;
  issuers: IssuerStore;
  installation: InstallationStore;
  usageHours: UsageHourStore;
  registrations: RegistrationStore;
}

function bind(db: Executor, dialect: Db['dialect']): Repos {
  return {
    organizations: organizationStore(db),
    workspaces: workspaceStore(db),
    clients: clientStore(db),
    credentials: credentialStore(db),
    roles: roleStore(db),
    events: eventStore(db, dialect),
    signingKeys: signingKeyStore(db, dialect),
    revokedTokens: revokedTokenStore(db),
    accessGrants: accessGrantStore(db),
    webhooks: webhookStore(db),
    deliveries: deliveryStore(db, dialect),
    credentialNotices: credentialNoticeStore(db),
    providers: providerStore(db),
    roleBindings: roleBindingStore(db),
    usedAssertions: usedAssertionStore(db, dialect),
    credentialLookups: credentialLookupStore(db),
    issuers: issuerStore(db),
    installation: installationStore(db),
    usageHours: usageHourStore(db),
    registrations: registrationStore(db),
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

  /** One write that is atomic by itself; on SQLite it shares a group commit (see Db.write). */
  write<T>(fn: (repos: Repos) => Promise<T>): Promise<T> {
    return this.db.write((executor) => fn(executor === this.db.kysely ? this.read : bind(executor, this.db.dialect)));
  }
}
