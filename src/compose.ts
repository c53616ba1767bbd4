import type { Logger } from 'pino';
import type { Config } from './config.js';
import { KeyEncryption } from './crypto/key-encryption.js';
import { loadOrCreateKeyFile } from './crypto/key-material.js';
import { SecretHasher } from './crypto/secrets.js';
import { isDeliverableEvent } from './domain/webhooks.js';
import { buildApp, type AppDeps, type Surface } from './http/app.js';
import { createAccessLog } from './logger.js';
import { DIALECTS, hotRoutes, registerRoutes } from './routes.js';
import { keywardTokenVerifier, type AdminAuthOptions } from './http/admin-auth.js';
import { providerTokenVerifier } from './http/provider-admin-auth.js';
import { Metrics } from './http/metrics.js';
import { AccessTokens } from './oauth/access-token.js';
import { buildOAuth } from './oauth/assemble.js';
import type { OAuthDeps } from './oauth/deps.js';
import { FederatedTokens } from './oauth/federated-tokens.js';
import { RemoteKeySets } from './oauth/remote-jwks.js';
import { AccessGrantService } from './services/access-grants.js';
import { AgentClientService } from './services/agent-clients.js';
import { AuditService } from './services/audit.js';
import { ensureBootstrapClient } from './services/bootstrap.js';
import { ClientService } from './services/clients.js';
import { CredentialService } from './services/credentials.js';
import { CredentialExpiryNotifier, type CredentialExpiryOptions } from './services/credential-expiry.js';
import { LeakedCredentialService } from './services/leaked-credentials.js';
import { SignInProviders } from './services/sign-in-providers.js';
import type { Services } from './services/index.js';
import { OrganizationService } from './services/organizations.js';
import { ProviderService } from './services/providers.js';
import { RegistrationService } from './services/registrations.js';
import { RoleBindingService } from './services/role-bindings.js';
import { RoleService } from './services/roles.js';
import { SigningKeyService } from './services/signing-keys.js';
import { TokenRevocationService } from './services/token-revocations.js';
import { UnitsOfWork } from './services/unit-of-work.js';
import { DelegationAuditLog } from './services/delegation-audit.js';
import { UsageHourService } from './services/usage-hours.js';
import { WebhookService } from './services/webhooks.js';
import { WorkspaceService } from './services/workspaces.js';
import { AssertionLedger } from './runtime/assertion-ledger.js';
import { ChangeFeed } from './runtime/change-feed.js';
import { ClientDirectory } from './runtime/client-directory.js';
import { MetadataDocumentWorkspaces } from './runtime/metadata-document-workspaces.js';
import { CredentialUses } from './runtime/credential-uses.js';
import { EventBus } from './runtime/event-bus.js';
import { FederationDirectory } from './runtime/federation-directory.js';
import { InstallationIssuers } from './runtime/installation-issuers.js';
import { KeyRing } from './runtime/key-ring.js';
import { RevocationList } from './runtime/revocation-list.js';
import { ScannerKeys } from './runtime/scanner-keys.js';
import { checkPepper } from './runtime/shared-secrets.js';
import { UsageHours } from './runtime/usage-hours.js';
import { UsageRecorder } from './runtime/usage-recorder.js';
import { KeycloakAdmin, type KeycloakAdminOptions } from './compat/docpier/keycloak-admin.js';
import { openDatabase } from './store/db.js';
import { Store } from './store/index.js';
import { migrate } from './store/migrate.js';
import { WebhookDispatcher, type DispatcherOptions } from './webhooks/dispatcher.js';
import { webhookOutboxHook } from './webhooks/outbox.js';

/**
 * Everything one Keyward process holds, wired once. main.ts serves it over HTTP, the CLI calls
 * its services directly, and the tests build it on a temporary database.
 */
export interface Runtime {
  config: Config;
  logger: Logger;
  store: Store;
  services: Services;
  hasher: SecretHasher;
  directory: ClientDirectory;
  oauth: OAuthDeps;
  metrics: Metrics;
  adminAuth: AdminAuthOptions;
  /** The same OAuth pipeline with some scopes ignored: the aliases of dialects whose clients send reserved scopes (Zitadel). */
  oauthIgnoringScopes(ignored: (scope: string) => boolean): OAuthDeps;
  /** Sends the webhook outbox; tests call `runOnce()` to dispatch without waiting for the loop. */
  dispatcher: WebhookDispatcher;
  /** Announces credential.expiring / credential.expired; tests call `runOnce(now)`. */
  expiryNotifier: CredentialExpiryNotifier;
  /** Starts background work: change feed, batched last-use writes. */
  start(): Promise<void>;
  /** Writes the batched last-use times, usage counts and delegation audit events now (they are otherwise written every few seconds). */
  flushUsage(): Promise<void>;
  /** Per-client, per-hour token and failure counts; tests call `flush()` and `prune(now)`. */
  usageHours: UsageHours;
  close(): Promise<void>;
}

/** Knobs for tests and embedding; production takes everything from Config. */
export interface RuntimeOptions {
  migrate?: boolean;
  /** `autoStart: false` leaves the dispatcher idle until runOnce (tests); other fields override its settings. */
  webhooks?: Partial<DispatcherOptions> & { autoStart?: boolean };
  credentialExpiry?: Partial<CredentialExpiryOptions> & { autoStart?: boolean };
  keycloak?: KeycloakAdminOptions;
}

export async function openRuntime(config: Config, logger: Logger, options: RuntimeOptions = {}): Promise<Runtime> {
  const db = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const store = new Store(db);
  if (options.migrate !== false) {
    const applied = await migrate(db);
    if (applied.length > 0) logger.info({ applied }, 'database migrated');
  }
  const hasher = new SecretHasher(loadOrCreateKeyFile(config.dataDir, 'pepper', config.pepper));
  const encryption = new KeyEncryption(loadOrCreateKeyFile(config.dataDir, 'kek', config.keyEncryptionKey));
  const onError = (error: unknown) => logger.warn({ err: error }, 'background task failed');

  const bus = new EventBus();
  const units = new UnitsOfWork(store, bus);
  const credentials = new CredentialService(store, units, hasher, { allowHttp: config.allowPrivateNetwork });
  const clients = new ClientService(store, units, credentials, { maxTokenLifetime: config.maxTokenLifetime });
  const accessGrants = new AccessGrantService(store, units);
  const webhooks = new WebhookService(store, units, encryption, { allowPrivate: config.allowPrivateNetwork });
  const agentClients = new AgentClientService(store, units, clients, accessGrants, {
    defaultScope: config.agentDefaultScope,
    external: config.keycloak && new KeycloakAdmin(config.keycloak, options.keycloak),
    onError: (error, message) => logger.warn({ err: error }, message),
  });
  // Deliveries are written in the transaction of the change they announce (transactional outbox).
  units.addOutboxHook(webhookOutboxHook());
  const usageHours = new UsageHours(store, { enabled: config.usageCounting, intervalMs: 5000, onError });
  const keys = new KeyRing(store, encryption, { alg: config.signingAlg });
  // Key sets and discovery documents of other issuers, fetched through the SSRF guard and cached.
  const remoteKeys = new RemoteKeySets({
    allowPrivate: config.allowPrivateNetwork,
    ttlMs: config.jwksCacheTtl * 1000,
    minRefetchMs: config.jwksMinRefetch * 1000,
  });
  const signInProviders = new SignInProviders(store, config.issuer, (issuer) => remoteKeys.tokenEndpointOf(issuer));
  const services: Services = {
    units,
    organizations: new OrganizationService(store, units),
    workspaces: new WorkspaceService(store, units),
    clients,
    credentials,
    roles: new RoleService(store, units),
    audit: new AuditService(store),
    keys,
    signingKeys: new SigningKeyService(store, units, keys, { maxTokenLifetime: config.maxTokenLifetime }),
    accessGrants,
    agentClients,
    webhooks,
    providers: new ProviderService(store, units, { issuer: config.issuer, allowHttp: config.allowPrivateNetwork }),
    roleBindings: new RoleBindingService(store, units),
    registrations: new RegistrationService(store, units, hasher, clients, credentials),
    signInProviders,
    usageHours: new UsageHourService(store, clients, usageHours),
    leakedCredentials: new LeakedCredentialService(
      store,
      units,
      hasher,
      config.secretScanningKeys &&
        new ScannerKeys(config.secretScanningKeys, {
          allowPrivate: config.allowPrivateNetwork,
          ttlMs: config.jwksCacheTtl * 1000,
          minRefetchMs: config.jwksMinRefetch * 1000,
        }),
    ),
  };

  const directory = new ClientDirectory(store);
  const metadataDocumentWorkspaces = new MetadataDocumentWorkspaces(store);
  // Secretless credentials: providers' trust cached per issuer, key sets fetched through the SSRF
  // guard, and the used-assertion ledger shared by every instance.
  const federationDirectory = new FederationDirectory(store);
  const federation = new FederatedTokens(federationDirectory, remoteKeys, config.issuer);
  const ledger = new AssertionLedger(store, 60_000, onError);
  const revocations = new RevocationList(store);
  const usage = new UsageRecorder(store, 5000, onError);
  const delegationAudit = new DelegationAuditLog(units, 2000, onError);
  const feed = new ChangeFeed(store, bus, 250, onError, (event) => logger.debug({ sequence: event.sequence, eventId: event.id }, 'change feed'));
  const { autoStart: dispatchAutomatically, ...dispatcherOverrides } = options.webhooks ?? {};
  const dispatcher = new WebhookDispatcher(store, webhooks, {
    concurrency: config.webhookConcurrency,
    attemptTimeoutMs: config.webhookTimeout * 1000,
    allowPrivate: config.allowPrivateNetwork,
    onError: (error, message) => logger.warn({ err: error }, message),
    ...dispatcherOverrides,
  });
  const { autoStart: announceAutomatically, ...expiryOverrides } = options.credentialExpiry ?? {};
  const expiryNotifier = new CredentialExpiryNotifier(store, units, { noticeMs: config.credentialExpiryNotice * 1000, onError, ...expiryOverrides });
  bus.addListener((event) => {
    directory.handleEvent(event);
    metadataDocumentWorkspaces.handleEvent(event);
    federationDirectory.handleEvent(event);
    signInProviders.handleEvent(event);
    revocations.handleEvent(event);
    keys.handleEvent(event, onError);
    // Deliveries another instance queued wake this one too (ChangeFeed), so they go out at once.
    if (isDeliverableEvent(event.type)) dispatcher.wake();
  });

  const issuers = new InstallationIssuers(config.issuer, store);
  const tokens = new AccessTokens(config.issuer, keys, revocations, issuers);
  const metrics = new Metrics();
  metrics.gaugePendingDeliveries(() => store.read.deliveries.countPendingDeliveries());
  const oauth = buildOAuth({
    config,
    tokens,
    directory,
    hasher,
    usage,
    remoteKeys,
    ledger,
    federation,
    revocations: new TokenRevocationService(units, revocations),
    keys,
    onTokenIssued: () => metrics.tokensIssued.inc(),
    onAuthFailure: () => metrics.authFailures.inc(),
    usageHours,
    onDelegated: (record) => delegationAudit.record(record),
    credentialUses: new CredentialUses(store),
    metadataDocuments: { workspaces: metadataDocumentWorkspaces, registrations: services.registrations },
    onCredentialRefused: (refusal) => void credentials.recordRefusal(refusal).catch(onError),
  });
  const adminAuth: AdminAuthOptions = {
    verifiers: [keywardTokenVerifier(tokens, directory, config.issuer), providerTokenVerifier(federation, config.issuer)],
    organizationExists: (orgId) => services.organizations.exists(orgId),
    dpop: { proofs: oauth.deps.dpop.proofs, issuer: config.issuer },
  };

  return {
    config,
    logger,
    store,
    services,
    hasher,
    directory,
    oauth: oauth.deps,
    metrics,
    adminAuth,
    oauthIgnoringScopes: oauth.ignoringScopes,
    dispatcher,
    expiryNotifier,
    usageHours,
    async start() {
      await checkPepper(store, hasher);
      await keys.load();
      const others = await issuers.register();
      if (others.length > 0) {
        // Accepted (each instance's tokens are the installation's), but a resource server that
        // verifies tokens offline expects one `iss`.
        logger.warn(
          { issuer: config.issuer, otherIssuers: others },
          `other instances of this installation issued tokens as ${others.join(', ')}: resource servers that verify tokens offline expect one issuer, so set KEYWARD_ISSUER to the same public URL on every instance`,
        );
      }
      await revocations.load();
      if (config.bootstrap) {
        const result = await ensureBootstrapClient(store, units, hasher, config.bootstrap.clientId, config.bootstrap.clientSecret);
        if (result.created) logger.info({ clientId: config.bootstrap.clientId }, 'bootstrap super-admin client created');
        if (result.secretIgnored) {
          const id = result.secretIgnored.apiClientId;
          logger.warn(
            { clientId: config.bootstrap.clientId, apiClient: `apiClients/${id}` },
            `KEYWARD_BOOTSTRAP_CLIENT_SECRET is not a current secret of the existing client ${config.bootstrap.clientId}, ` +
              'which keeps its secrets: the bootstrap settings only create a missing client. To rotate, call ' +
              `POST /v1/apiClients/${id}:rotateSecret and put the secret it returns in KEYWARD_BOOTSTRAP_CLIENT_SECRET, ` +
              `or delete the client (npx keyward clients delete ${id}, logged in as another super-admin) and restart to create it with the configured secret.`,
          );
        }
      }
      await feed.start();
      usage.start();
      usageHours.start();
      delegationAudit.start();
      ledger.start();
      if (dispatchAutomatically !== false) dispatcher.start();
      if (announceAutomatically !== false) expiryNotifier.start();
    },
    flushUsage: async () => {
      await usage.flush();
      await usageHours.flush();
      await delegationAudit.flush();
    },
    async close() {
      await dispatcher.stop();
      await expiryNotifier.stop();
      feed.stop();
      revocations.stop();
      ledger.stop();
      await usage.stop();
      await usageHours.stop();
      await delegationAudit.stop();
      await db.close();
    },
  };
}

/** The HTTP app of one surface (src/routes.ts); 'all' serves both on one listener. */
export function buildHttp(runtime: Runtime, extra: Partial<AppDeps> = {}, surface: Surface = 'all') {
  const { config } = runtime;
  const deps: AppDeps = {
    issuer: config.issuer,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    docs: config.docs,
    documentTypes: config.documentTypes,
    accessLog: config.accessLog ? createAccessLog(runtime.logger) : undefined,
    logger: runtime.logger,
    services: runtime.services,
    oauth: runtime.oauth,
    oauthIgnoringScopes: runtime.oauthIgnoringScopes,
    adminAuth: runtime.adminAuth,
    metrics: runtime.metrics,
    ready: async () => {
      await runtime.store.db.ping();
      if (!runtime.services.keys.loaded) throw new Error('signing keys not loaded');
    },
    surface,
    ...extra,
    // The console may call the issuers of the providers that offer sign-in, as they are now.
    console: { connectSources: () => runtime.services.signInProviders.connectOrigins(), ...extra.console },
  };
  return buildApp(deps, { register: (app) => registerRoutes(app, deps, surface), dialects: DIALECTS, hot: hotRoutes(deps.oauth) });
}
