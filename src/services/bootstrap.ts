import { draftCredential } from '../domain/credentials.js';
import { DuplicateKeyError } from '../domain/errors.js';
import type { SecretHasher } from '../crypto/secrets.js';
import { generateSecret, secretHint } from '../crypto/secrets.js';
import { newId } from '../domain/ids.js';
import { NO_DELEGATION, type ApiClient } from '../domain/model.js';
import { ADMIN_PERMISSIONS } from '../domain/permissions.js';
import type { Store } from '../store/index.js';
import type { UnitsOfWork } from './unit-of-work.js';
import { createOrganization } from './organizations.js';
import { clientSnapshot, credentialSnapshot } from './snapshots.js';

export const ROOT_ORG_ID = 'org_root';

export interface BootstrapResult {
  created: boolean;
  /** The secret when one was generated (the CLI prints it once); null otherwise. */
  secret: string | null;
  client?: ApiClient;
  /**
   * The client already existed and the given secret matches none of its current secret
   * credentials: the given secret was not applied (an existing client keeps its secrets).
   */
  secretIgnored?: { apiClientId: string };
}

/**
 * The first super-admin, the way Keycloak's bootstrap admin client works: if the client does not
 * exist, create the root organization (if needed) and the client with exactly this secret. An
 * existing client is never changed; if it does not accept the given secret, the result says so,
 * because a restart with a new secret otherwise looks like it worked until the first login fails.
 */
export async function ensureBootstrapClient(
  store: Store,
  units: UnitsOfWork,
  hasher: SecretHasher,
  clientId: string,
  givenSecret?: string,
): Promise<BootstrapResult> {
  const existing = await store.read.clients.findClientByClientId(clientId);
  if (existing) {
    if (givenSecret === undefined || (await acceptsSecret(store, hasher, existing, givenSecret))) return { created: false, secret: null };
    return { created: false, secret: null, secretIgnored: { apiClientId: existing.id } };
  }
  const secret = givenSecret ?? generateSecret();
  try {
    const client = await units.runAs({ orgId: ROOT_ORG_ID, actor: 'system' }, async (uow) => {
      const { tx, record } = uow;
      const org =
        (await tx.organizations.findOrganizationById(ROOT_ORG_ID)) ??
        (await createOrganization(uow, ROOT_ORG_ID, 'Root organization'));
      const now = Date.now();
      const client: ApiClient = {
        id: newId('apiClient'),
        orgId: org.id,
        workspaceId: org.defaultWorkspaceId,
        clientId,
        displayName: 'Bootstrap super-admin',
        description: 'Created at bootstrap; can administer every organization.',
        labels: {},
        permissions: [ADMIN_PERMISSIONS.superAdmin],
        roles: [],
        audiences: [],
        tokenLifetime: null,
        dpopBoundAccessTokens: false,
        delegation: NO_DELEGATION,
        enabled: true,
        tokensNotBefore: null,
        createdBy: 'system',
        updatedBy: 'system',
        createTime: now,
        updateTime: now,
      };
      await tx.clients.insertClient(client);
      const credential = draftCredential(client, 'system', {
        type: 'secret',
        displayName: 'bootstrap secret',
        secretHash: hasher.hash(secret),
        secretHint: secretHint(secret),
      });
      await tx.credentials.insertCredential(credential);
      await record({ type: 'client.created', resource: `apiClients/${client.id}`, data: { after: clientSnapshot(client) } });
      await record({
        type: 'credential.created',
        resource: `apiClients/${client.id}/credentials/${credential.id}`,
        data: { after: credentialSnapshot(credential), clientId },
      });
      return client;
    });
    return { created: true, secret: givenSecret ? null : secret, client };
  } catch (error) {
    // Several workers starting together: one created it; the rest have nothing to do.
    if (error instanceof DuplicateKeyError) return { created: false, secret: null };
    throw error;
  }
}

async function acceptsSecret(store: Store, hasher: SecretHasher, client: ApiClient, secret: string): Promise<boolean> {
  const now = Date.now();
  const credentials = await store.read.credentials.listCredentialsByClientId(client.orgId, client.id);
  return credentials.some(
    (c) => c.type === 'secret' && c.secretHash !== null && (c.expireTime === null || c.expireTime > now) && hasher.verify(secret, c.secretHash),
  );
}
