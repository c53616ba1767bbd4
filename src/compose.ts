import type { Logger } from 'pino';
import type { Config } from './config.js';
import { KeyEncryption } from './crypto/key-encryption.js';
import { loadOrCreateKeyFile } from './crypto/key-material.js';
import { SecretHasher } from './crypto/secrets.js';
import { buildApp, type AppDeps } from './http/app.js';
import { keywardTokenVerifier, type AdminAuthOptions } from './http/admin-auth.js';
import { Metrics } from './http/metrics.js';
import { AccessTokens } from './oauth/access-token.js';
import { clientSecretBasic } from './oauth/client-auth/client-secret-basic.js';
import { clientSecretPost } from './oauth/client-auth/client-secret-post.js';
import { ClientAuthenticator } from './oauth/client-auth/index.js';
import type { OAuthDeps } from './oauth/deps.js';
import { clientCredentialsGrant } from './oauth/grants/client-credentials.js';
import { TokenRateLimiter } from './oauth/rate-limit.js';
import { AuditService } from './services/audit.js';
import { ensureBootstrapClient } from './services/bootstrap.js';
import { ChangeFeed } from './services/change-feed.js';
import { ClientDirectory } from './services/client-directory.js';
import { ClientService } from './services/clients.js';
import { Mutations } from './services/events.js';
import type { Services } from './services/index.js';
import { OrganizationService } from './services/organizations.js';
import { RevocationList } from './services/revocations.js';
import { RoleService } from './services/roles.js';
import { KeyRing } from './services/signing-keys.js';
import { UsageRecorder } from './services/usage.js';
import { WorkspaceService } from './services/workspaces.js';
import { openDatabase } from './store/db.js';
import { Store } from './store/index.js';
import { migrate } from './store/migrate.js';

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
  /** Starts background work: change feed, batched last-use writes. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function openRuntime(config: Config, logger: Logger, options: { migrate?: boolean } = {}): Promise<Runtime> {
  const db = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const store = new Store(db);
  if (options.migrate !== false) {
    const applied = await migrate(db);
    if (applied.length > 0) logger.info({ applied }, 'database migrated');
  }
  const hasher = new SecretHasher(loadOrCreateKeyFile(config.dataDir, 'pepper', config.pepper));
  const encryption = new KeyEncryption(loadOrCreateKeyFile(config.dataDir, 'kek', config.keyEncryptionKey));
  const onError = (error: unknown) => logger.warn({ err: error }, 'background task failed');

  const mutations = new Mutations(store);
  const keys = new KeyRing(store, mutations, encryption, { alg: config.signingAlg, maxTokenLifetime: config.maxTokenLifetime });
  const services: Services = {
    mutations,
    organizations: new OrganizationService(store, mutations),
    workspaces: new WorkspaceService(store, mutations),
    clients: new ClientService(store, mutations, hasher, { maxTokenLifetime: config.maxTokenLifetime }),
    roles: new RoleService(store, mutations),
    audit: new AuditService(store),
    keys,
  };

  const directory = new ClientDirectory(store);
  const revocations = new RevocationList(store, mutations);
  const usage = new UsageRecorder(store, 5000, onError);
  const feed = new ChangeFeed(store, mutations, 250, onError);
  mutations.addListener((event) => {
    directory.handleEvent(event);
    revocations.handleEvent(event);
    keys.handleEvent(event, onError);
  });

  const tokens = new AccessTokens(config.issuer, keys, revocations);
  const metrics = new Metrics();
  const secretDeps = { directory, hasher, usage };
  const oauth: OAuthDeps = {
    config,
    authenticator: new ClientAuthenticator([clientSecretBasic(secretDeps), clientSecretPost(secretDeps)]),
    grants: [clientCredentialsGrant(tokens, { issuer: config.issuer, defaultLifetime: config.tokenLifetime })],
    tokens,
    directory,
    revocations,
    keys,
    rateLimiter: new TokenRateLimiter({ failuresPerAddress: config.failedAuthPerMinute, tokensPerClient: config.tokensPerClientPerMinute }),
    onTokenIssued: () => metrics.tokensIssued.inc(),
    onAuthFailure: () => metrics.authFailures.inc(),
  };
  const adminAuth: AdminAuthOptions = {
    verifiers: [keywardTokenVerifier(tokens, directory, config.issuer)],
    organizationExists: (orgId) => services.organizations.exists(orgId),
  };

  return {
    config,
    logger,
    store,
    services,
    hasher,
    directory,
    oauth,
    metrics,
    adminAuth,
    async start() {
      await keys.load();
      await revocations.load();
      if (config.bootstrap) {
        const result = await ensureBootstrapClient(store, mutations, hasher, config.bootstrap.clientId, config.bootstrap.clientSecret);
        if (result.created) logger.info({ clientId: config.bootstrap.clientId }, 'bootstrap super-admin client created');
      }
      await feed.start();
      usage.start();
    },
    async close() {
      feed.stop();
      revocations.stop();
      await usage.stop();
      await db.close();
    },
  };
}

export function buildHttp(runtime: Runtime, extra: Partial<AppDeps> = {}) {
  const { config } = runtime;
  return buildApp({
    issuer: config.issuer,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    docs: config.docs,
    logger: runtime.logger,
    services: runtime.services,
    oauth: runtime.oauth,
    adminAuth: runtime.adminAuth,
    metrics: runtime.metrics,
    ready: async () => {
      await runtime.store.db.ping();
      if (!runtime.services.keys.loaded) throw new Error('signing keys not loaded');
    },
    ...extra,
  });
}
