import { checkAllowedCidrs, checkMaxUses, normalizeCidrs } from '../domain/credential-fences.js';
import { draftCredential } from '../domain/credentials.js';
import { generateSecret, secretHint, type SecretHasher } from '../crypto/secrets.js';
import { generateClientKeyPair, publicJwkFromPem, publicJwkProblem, type PublicJwk } from '../crypto/client-keys.js';
import { KeywardError, invalidArgument, notFound, outsideWorkspace, type FieldViolation, missing } from '../domain/errors.js';
import { ANY_SUBJECT, checkFederatedMatch, checkHttpsUrl, checkSubject, federatedMatchOf, type FederatedMatchInput } from '../domain/federation.js';
import { newId } from '../domain/ids.js';
import { credentialFilter } from '../domain/credential-filter.js';
import { applyCredentialPolicy } from '../domain/credential-policy.js';
import type { ApiClient, Context, Credential, CredentialPolicy, Page, Workspace } from '../domain/model.js';
import { pageSizeOf } from '../domain/paging.js';
import { ADMIN_PERMISSIONS } from '../domain/permissions.js';
import { fieldsToUpdate } from '../domain/update-mask.js';
import { checkText, throwIfViolations } from '../domain/validation.js';
import { hostProblem } from '../net/target-policy.js';
import type { ExpiringCredential } from '../store/credential-lookups.js';
import type { Repos, Store } from '../store/index.js';
import { requirePermission } from './authorization.js';
import type { UnitOfWork, UnitsOfWork } from './unit-of-work.js';
import { credentialSnapshot } from './snapshots.js';
import { checkWorkspace, type WorkspaceScope } from './workspace-scope.js';


const DAY_MS = 86_400_000;
const EXPIRING_DEFAULT_WINDOW_MS = 14 * DAY_MS;
const EXPIRING_MAX_WINDOW_MS = 366 * DAY_MS;
const EXPIRING_LIMIT = 100;

export interface CredentialCommon {
  displayName?: string;
  expireTime?: number | null;
  /** IPv4/IPv6 CIDR blocks the credential may authenticate from; absent or empty: any. */
  allowedCidrs?: string[];
  /** How many times it may authenticate; absent or null: no limit. */
  maxUses?: number | null;
}

/** Exactly one of the three: a single JWK, a JWKS, or the URL the client publishes its JWKS at. */
export interface PublicKeyInput extends CredentialCommon {
  jwk?: PublicJwk;
  jwks?: { keys: PublicJwk[] };
  jwksUri?: string;
}

/** Subject and conditions follow `checkFederatedMatch`: at least one exact condition, or subject `*` on purpose. */
export interface FederatedInput extends CredentialCommon, FederatedMatchInput {
  providerId: string;
}

/** A public key that `checkPublicKey` accepted, with the JWKS it will store (null for a jwksUri). */
export interface CheckedPublicKey extends PublicKeyInput {
  readonly checkedJwks: { keys: PublicJwk[] } | null;
}

const MAX_KEYS = 20;

/**
 * What a credential's PATCH may change (AIP-134): its fences. Its key material, provider and
 * expiry stay as made; a new credential replaces them.
 */
export const CREDENTIAL_UPDATABLE_FIELDS = ['allowedCidrs', 'maxUses'] as const;

export type CredentialFences = Pick<CredentialCommon, 'allowedCidrs' | 'maxUses'>;

/** A client holds at most this many credentials, so rotation leftovers cannot pile up unseen. */
const MAX_CREDENTIALS = 20;

export interface IssuedSecret {
  credential: Credential;
  secret: string;
}

/**
 * The credentials of API clients, of every kind: secrets (client_secret_basic/post, shown once,
 * stored as keyed hashes), public keys for private_key_jwt (RFC 7523) and federated trust in a
 * provider's tokens. Also the chores dialects need beyond the core: replacing or taking every
 * secret of a client (Zitadel), key pairs generated for the client (Zitadel key files), and
 * credentials addressed by id alone (Keycard). A client that starts without a secret is created
 * so by `ClientService.create` with `withoutSecret`.
 */
export class CredentialService {
  constructor(
    private readonly store: Store,
    private readonly units: UnitsOfWork,
    private readonly hasher: SecretHasher,
    private readonly options: { allowHttp: boolean },
  ) {}

  // ── Reads ─────────────────────────────────────────────────────────────────────────────────

  /** `filter`: AIP-160 over lastUseTime, type and policyViolated (domain/credential-filter.ts). */
  async listCredentials(ctx: Context, apiClientId: string, filter?: string): Promise<Credential[]> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsRead);
    const matches = credentialFilter(filter);
    const client = await this.client(this.store.read, ctx, apiClientId);
    const credentials = await this.store.read.credentials.listCredentialsByClientId(ctx.orgId, apiClientId);
    if (filter === undefined || filter.trim() === '') return credentials;
    const policy = await this.policyOf(this.store.read, client);
    return credentials.filter((c) => matches(c, policy));
  }

  /** The credential policy of the client's workspace, which its credentials are judged by (policyViolations). */
  async policyOfClient(ctx: Context, apiClientId: string): Promise<CredentialPolicy | null> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsRead);
    return this.policyOf(this.store.read, await this.client(this.store.read, ctx, apiClientId));
  }

  /**
   * Every credential of the workspace's clients that `filter` matches, a page at a time: e.g. the
   * ones that break a tightened policy, or the ones unused for a month. A page may hold fewer
   * items than its size (the filter runs over each page); follow nextPageToken to the end.
   */
  async reviewCredentialsInWorkspace(
    ctx: Context,
    workspaceId: string,
    query: { filter?: string; pageSize?: number; pageToken?: string },
  ): Promise<{ page: Page<Credential>; policy: CredentialPolicy | null }> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsRead);
    const matches = credentialFilter(query.filter);
    const workspace = await this.store.read.workspaces.findWorkspaceById(ctx.orgId, workspaceId);
    if (!workspace) throw missing('workspace', workspaceId);
    const page = await this.store.read.credentialLookups.listCredentialsByWorkspace(ctx.orgId, workspaceId, {
      pageSize: pageSizeOf(query.pageSize),
      pageToken: query.pageToken,
    });
    const policy = workspace.credentialPolicy;
    return { page: { ...page, items: page.items.filter((c) => matches(c, policy)) }, policy };
  }

  /**
   * The organization's enabled credentials that expire between now and `before` (default 14 days
   * ahead, at most a year), soonest first, at most 100: what an operator replaces next.
   */
  async expiringCredentials(ctx: Context, options: { before?: number } = {}): Promise<ExpiringCredential[]> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsRead);
    const now = Date.now();
    const before = options.before ?? now + EXPIRING_DEFAULT_WINDOW_MS;
    if (before <= now || before > now + EXPIRING_MAX_WINDOW_MS) {
      throw invalidArgument('before must lie in the future, at most 366 days ahead.', [{ field: 'before', description: 'an RFC 3339 time in the coming year' }]);
    }
    return this.store.read.credentialLookups.listExpiringCredentials(ctx.orgId, now, before, EXPIRING_LIMIT);
  }

  private async policyOf(repos: Repos, client: ApiClient): Promise<CredentialPolicy | null> {
    return (await repos.workspaces.findWorkspaceById(client.orgId, client.workspaceId))?.credentialPolicy ?? null;
  }

  async getCredential(ctx: Context, apiClientId: string, id: string): Promise<Credential> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsRead);
    const credential = await this.store.read.credentials.findCredentialById(ctx.orgId, apiClientId, id);
    if (!credential) throw missing('credential', id, { kind: 'apiClient', id: apiClientId });
    return credential;
  }

  /** A credential addressed by its id alone (Keycard's zone-wide credential paths), in the workspace of `scope`. */
  async getCredentialInOrg(ctx: Context, id: string, scope?: WorkspaceScope): Promise<{ credential: Credential; client: ApiClient }> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsRead);
    await checkWorkspace(ctx, this.store.read, scope);
    const credential = await this.store.read.credentialLookups.findCredentialInOrg(ctx.orgId, id);
    const client = credential && (await this.store.read.clients.findClientById(ctx.orgId, credential.apiClientId));
    if (!credential || !client) throw notFound(`Credential ${id}`, { kind: 'credential', id });
    if (scope && client.workspaceId !== scope.workspaceId) throw outsideWorkspace('credential', id, scope.workspaceId);
    return { credential, client };
  }

  async listCredentialsInWorkspace(
    ctx: Context,
    workspaceId: string,
    query: { apiClientId?: string; pageSize?: number; pageToken?: string },
  ): Promise<Page<Credential>> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsRead);
    await checkWorkspace(ctx, this.store.read, { workspaceId });
    return this.store.read.credentialLookups.listCredentialsByWorkspace(ctx.orgId, workspaceId, {
      apiClientId: query.apiClientId,
      pageSize: pageSizeOf(query.pageSize),
      pageToken: query.pageToken,
    });
  }

  // ── Secrets ───────────────────────────────────────────────────────────────────────────────

  async addSecret(ctx: Context, apiClientId: string, input: CredentialCommon): Promise<IssuedSecret> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsWrite);
    checkExpiry(input.expireTime);
    checkFences(input);
    const secret = generateSecret();
    return this.units.run(ctx, async (uow) => {
      const client = await uow.tx.clients.findClientById(ctx.orgId, apiClientId);
      if (!client) throw missing('apiClient', apiClientId);
      const credential = await this.insertSecret(uow, ctx, client, secret, input);
      return { credential, secret };
    });
  }

  /**
   * Zero-downtime rotation: a new secret now, and every other secret of the client expires after
   * `overlapSeconds` (never later than it already would). Deploy the new secret within the
   * overlap; the old one keeps working until then.
   */
  async rotateSecret(
    ctx: Context,
    apiClientId: string,
    input: CredentialCommon & { overlapSeconds: number },
  ): Promise<IssuedSecret & { expiredCredentialIds: string[] }> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsWrite);
    if (!Number.isInteger(input.overlapSeconds) || input.overlapSeconds < 0 || input.overlapSeconds > 30 * 86400) {
      throw invalidArgument('overlap must be between 0 seconds and 30 days.', [{ field: 'overlap', description: 'for example "3600s"' }]);
    }
    checkExpiry(input.expireTime);
    checkFences(input);
    const secret = generateSecret();
    return this.units.run(ctx, async (uow) => {
      const { tx, record } = uow;
      const client = await tx.clients.findClientById(ctx.orgId, apiClientId);
      if (!client) throw missing('apiClient', apiClientId);
      // A rotated secret keeps the address fence of the secret it replaces unless the request
      // names another: rotation must not quietly open a fenced client to every address.
      const previous = (await tx.credentials.listCredentialsByClientId(ctx.orgId, apiClientId)).filter((c) => c.type === 'secret').at(-1);
      const credential = await this.insertSecret(uow, ctx, client, secret, {
        displayName: input.displayName ?? 'rotated secret',
        expireTime: input.expireTime,
        allowedCidrs: input.allowedCidrs ?? previous?.allowedCidrs,
        maxUses: input.maxUses,
      });
      const until = Date.now() + input.overlapSeconds * 1000;
      const expired = await tx.credentials.expireCredentialsByClientId(ctx.orgId, apiClientId, 'secret', until, credential.id);
      await record({
        type: 'client.secret_rotated',
        resource: `apiClients/${apiClientId}`,
        data: { newCredentialId: credential.id, previousCredentialIds: expired, previousExpireTime: until },
      });
      return { credential, secret, expiredCredentialIds: expired };
    });
  }

  /**
   * Replaces every secret of the client with a new one at once (Zitadel's "generate client
   * secret": the old secret stops working immediately).
   */
  async replaceSecret(ctx: Context, apiClientId: string): Promise<IssuedSecret> {
    const rotated = await this.rotateSecret(ctx, apiClientId, { overlapSeconds: 0, displayName: 'regenerated secret' });
    return { credential: rotated.credential, secret: rotated.secret };
  }

  /**
   * A new secret of the client, in the caller's unit of work (a client created with its first
   * secret); `newClient`: the client was created in this unit and holds no credentials yet;
   * `workspace`: the client's workspace, when the unit has read it already (one round trip less).
   */
  async issueSecretIn(
    uow: UnitOfWork,
    ctx: Context,
    client: ApiClient,
    input: { displayName?: string },
    newClient = false,
    workspace?: Workspace,
  ): Promise<IssuedSecret> {
    const secret = generateSecret();
    return { credential: await this.insertSecret(uow, ctx, client, secret, input, newClient, workspace), secret };
  }

  /** Removes every secret of the client at once (Zitadel's RemoveMachineSecret; clients that authenticate by key only). */
  async removeSecrets(ctx: Context, apiClientId: string): Promise<Credential[]> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsWrite);
    return this.units.run(ctx, (uow) => this.removeSecretsIn(uow, ctx, apiClientId));
  }

  /** The body of `removeSecrets`, in the caller's unit of work (ClientService.updateRemovingSecrets). */
  async removeSecretsIn({ tx, record }: UnitOfWork, ctx: Context, apiClientId: string): Promise<Credential[]> {
    const client = await this.client(tx, ctx, apiClientId);
    const secrets = (await tx.credentials.listCredentialsByClientId(ctx.orgId, client.id)).filter((c) => c.type === 'secret');
    for (const credential of secrets) {
      await tx.credentials.deleteCredential(ctx.orgId, client.id, credential.id);
      await record({
        type: 'credential.revoked',
        resource: `apiClients/${client.id}/credentials/${credential.id}`,
        data: { before: credentialSnapshot(credential), clientId: client.clientId },
      });
    }
    return secrets;
  }

  private insertSecret(
    uow: UnitOfWork,
    ctx: Context,
    client: ApiClient,
    secret: string,
    input: CredentialCommon,
    newClient = false,
    workspace?: Workspace,
  ): Promise<Credential> {
    return this.insertIn(uow, ctx, client, this.draft(ctx, client, input, {
      type: 'secret',
      secretHash: this.hasher.hash(secret),
      secretHint: secretHint(secret),
    }), newClient, workspace);
  }

  // ── Public keys (private_key_jwt) ─────────────────────────────────────────────────────────

  async addPublicKey(ctx: Context, apiClientId: string, input: PublicKeyInput): Promise<Credential> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsWrite);
    const checked = this.checkPublicKey(input);
    return this.units.run(ctx, async (uow) => this.addPublicKeyIn(uow, ctx, await this.client(uow.tx, ctx, apiClientId), checked));
  }

  /** Validates a PUBLIC_KEY credential before any transaction opens; `addPublicKeyIn` stores the result. */
  checkPublicKey(input: PublicKeyInput): CheckedPublicKey {
    const violations: FieldViolation[] = [];
    this.checkCommon(input, violations);
    const given = [input.jwk, input.jwks, input.jwksUri].filter((v) => v !== undefined && v !== null);
    if (given.length !== 1) {
      throw invalidArgument('A PUBLIC_KEY credential takes exactly one of jwk, jwks or jwksUri.', [
        { field: 'jwk', description: 'give one public JWK, a JWKS ({"keys": [...]}) or a jwksUri' },
      ]);
    }
    let jwks: { keys: PublicJwk[] } | null = null;
    if (input.jwksUri !== undefined) {
      checkHttpsUrl('jwksUri', input.jwksUri, this.options.allowHttp, violations, hostProblem);
    } else {
      jwks = input.jwk !== undefined ? publicKeySetOf('jwk', [input.jwk], violations) : publicKeySetOf('jwks', input.jwks?.keys, violations);
    }
    throwIfViolations(violations);
    return { ...input, checkedJwks: jwks };
  }

  /**
   * The body of `addPublicKey`, in the caller's unit of work (a self-registered client and its
   * key commit together); `newClient`: the client was created in this unit.
   */
  addPublicKeyIn(uow: UnitOfWork, ctx: Context, client: ApiClient, checked: CheckedPublicKey, newClient = false): Promise<Credential> {
    const credential = this.draft(ctx, client, checked, { type: 'public_key', jwks: checked.checkedJwks, jwksUri: checked.jwksUri ?? null });
    return this.insertIn(uow, ctx, client, credential, newClient);
  }

  /** A PEM public key (SPKI or PKCS#1) becomes a one-key JWKS whose kid is the credential id. */
  async addPemKey(ctx: Context, apiClientId: string, input: CredentialCommon & { pem: string }): Promise<Credential> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsWrite);
    const violations: FieldViolation[] = [];
    this.checkCommon(input, violations);
    throwIfViolations(violations);
    const id = newId('credential');
    let jwk: PublicJwk;
    try {
      jwk = publicJwkFromPem(input.pem, id);
    } catch {
      throw invalidArgument('publicKey must be a PEM-encoded RSA, EC (P-256) or Ed25519 public key.', [{ field: 'publicKey', description: 'a PEM public key' }]);
    }
    const problem = publicJwkProblem(jwk);
    if (problem) throw invalidArgument(`publicKey: ${problem}.`, [{ field: 'publicKey', description: problem }]);
    return this.units.run(ctx, async (uow) => {
      const client = await this.client(uow.tx, ctx, apiClientId);
      const credential = this.draft(ctx, client, input, { id, type: 'public_key', jwks: { keys: [jwk] } });
      return this.insertIn(uow, ctx, client, credential);
    });
  }

  /**
   * Generates an RSA key pair, keeps the public half as a PUBLIC_KEY credential (kid = the
   * credential id) and returns the private half this once; Keyward does not keep it.
   */
  async generateKeyPair(ctx: Context, apiClientId: string, input: CredentialCommon): Promise<{ credential: Credential; privateKeyPem: string }> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsWrite);
    const violations: FieldViolation[] = [];
    this.checkCommon(input, violations);
    throwIfViolations(violations);
    const id = newId('credential');
    const pair = generateClientKeyPair(id);
    const credential = await this.units.run(ctx, async (uow) => {
      const client = await this.client(uow.tx, ctx, apiClientId);
      const draft = this.draft(ctx, client, input, { id, type: 'public_key', jwks: { keys: [pair.publicJwk] } });
      return this.insertIn(uow, ctx, client, draft);
    });
    return { credential, privateKeyPem: pair.privateKeyPem };
  }

  // ── Federated trust ───────────────────────────────────────────────────────────────────────

  async addFederated(ctx: Context, apiClientId: string, input: FederatedInput): Promise<Credential> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsWrite);
    const violations: FieldViolation[] = [];
    this.checkCommon(input, violations);
    checkFederatedMatch(input, violations);
    const subject = input.subject ?? ANY_SUBJECT;
    if (!input.providerId) violations.push({ field: 'provider', description: 'name the trusted provider as providers/{id}' });
    throwIfViolations(violations);
    return this.units.run(ctx, async (uow) => {
      const client = await this.client(uow.tx, ctx, apiClientId);
      const provider = await uow.tx.providers.findProviderById(ctx.orgId, input.providerId);
      if (!provider) throw missing('provider', input.providerId);
      // The federated identity is (workspace, issuer, subject): staging's provider, with its own
      // conditions, must not vouch for a production client.
      if (provider.workspaceId !== client.workspaceId) {
        throw invalidArgument(
          `Provider providers/${provider.id} trusts its issuer for workspaces/${provider.workspaceId}, not for this client's workspaces/${client.workspaceId}; name a provider of the client's workspace, or create one there.`,
          [{ field: 'provider', description: "a provider of the client's workspace" }],
        );
      }
      const credential = this.draft(ctx, client, input, { type: 'federated', providerId: provider.id, subject, match: federatedMatchOf(input) });
      return this.insertIn(uow, ctx, client, credential);
    });
  }

  /** Keycard's PATCH of a token credential: a new expected subject (null: any). */
  async updateFederatedSubject(ctx: Context, id: string, subject: string | null, scope?: WorkspaceScope): Promise<Credential> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsWrite);
    const next = subject ?? ANY_SUBJECT;
    const violations: FieldViolation[] = [];
    checkSubject('subject', next, violations);
    throwIfViolations(violations);
    return this.units.run(ctx, async ({ tx, record }) => {
      await checkWorkspace(ctx, tx, scope);
      const before = await tx.credentialLookups.findCredentialInOrg(ctx.orgId, id);
      if (!before) throw notFound(`Credential ${id}`, { kind: 'credential', id });
      const client = await this.client(tx, ctx, before.apiClientId);
      if (scope && client.workspaceId !== scope.workspaceId) throw outsideWorkspace('credential', id, scope.workspaceId);
      if (before.type !== 'federated') throw invalidArgument('Only federated (token) credentials have a subject to change.', [{ field: 'subject', description: 'not applicable' }]);
      await tx.credentialLookups.updateCredentialSubject(ctx.orgId, id, next);
      const after = { ...before, subject: next };
      await record({
        type: 'credential.updated',
        resource: `apiClients/${client.id}/credentials/${id}`,
        data: { before: credentialSnapshot(before), after: credentialSnapshot(after), clientId: client.clientId },
      });
      return after;
    });
  }

  // ── Any kind ──────────────────────────────────────────────────────────────────────────────

  /**
   * Changes a credential's fences in place (a range widened, a limit raised), with the rule they
   * are made with. A field the mask names and the body leaves out is cleared: any address, no
   * limit. Every instance's token path drops its cached view of the client on the event.
   */
  async updateFences(ctx: Context, apiClientId: string, id: string, input: CredentialFences, mask: readonly string[]): Promise<Credential> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsWrite);
    const fields = fieldsToUpdate(mask, input, CREDENTIAL_UPDATABLE_FIELDS);
    if (fields.length === 0) {
      throw invalidArgument(`Nothing to update: give ${CREDENTIAL_UPDATABLE_FIELDS.join(' or ')} in the body, or name them in updateMask.`, [
        { field: 'updateMask', description: `updatable fields: ${CREDENTIAL_UPDATABLE_FIELDS.join(', ')}` },
      ]);
    }
    const change: CredentialFences = {
      ...(fields.includes('allowedCidrs') ? { allowedCidrs: input.allowedCidrs ?? [] } : {}),
      ...(fields.includes('maxUses') ? { maxUses: input.maxUses ?? null } : {}),
    };
    checkFences(change);
    return this.units.run(ctx, async ({ tx, record }) => {
      const before = await tx.credentials.findCredentialById(ctx.orgId, apiClientId, id);
      if (!before) throw missing('credential', id, { kind: 'apiClient', id: apiClientId });
      const client = await this.client(tx, ctx, apiClientId);
      const after: Credential = {
        ...before,
        allowedCidrs: change.allowedCidrs !== undefined ? normalizeCidrs(change.allowedCidrs) : before.allowedCidrs,
        maxUses: change.maxUses !== undefined ? change.maxUses : before.maxUses,
      };
      await tx.credentials.updateCredentialFences(ctx.orgId, apiClientId, id, after);
      await record({
        type: 'credential.updated',
        resource: `apiClients/${apiClientId}/credentials/${id}`,
        data: { before: credentialSnapshot(before), after: credentialSnapshot(after), clientId: client.clientId },
      });
      return after;
    });
  }

  /**
   * Records why the token path refused a credential that authenticated (an address outside its
   * allowedCidrs, no uses left): the caller was told only invalid_client.
   */
  async recordRefusal(refusal: { client: ApiClient; credentialId: string; address: string; reason: string }): Promise<void> {
    const { client, credentialId, address, reason } = refusal;
    await this.units.runAs({ orgId: client.orgId, actor: 'system' }, ({ record }) =>
      record({
        type: 'credential.use_refused',
        resource: `apiClients/${client.id}/credentials/${credentialId}`,
        data: { clientId: client.clientId, credentialId, address, reason },
      }),
    );
  }

  async deleteCredential(ctx: Context, apiClientId: string, id: string): Promise<Credential> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsWrite);
    return this.units.run(ctx, async (uow) => {
      const credential = await uow.tx.credentials.findCredentialById(ctx.orgId, apiClientId, id);
      if (!credential) throw missing('credential', id, { kind: 'apiClient', id: apiClientId });
      return this.deleteCredentialIn(uow, ctx, await uow.tx.clients.findClientById(ctx.orgId, apiClientId), credential);
    });
  }

  /** The body of `deleteCredential`, in the caller's unit of work (a registered client's keys replaced). */
  async deleteCredentialIn({ tx, record }: UnitOfWork, ctx: Context, client: ApiClient | undefined, credential: Credential): Promise<Credential> {
    await tx.credentials.deleteCredential(ctx.orgId, credential.apiClientId, credential.id);
    await record({
      type: 'credential.revoked',
      resource: `apiClients/${credential.apiClientId}/credentials/${credential.id}`,
      data: { before: credentialSnapshot(credential), clientId: client?.clientId },
    });
    return credential;
  }

  /** Inserts a credential of any kind, with its event, in the caller's unit of work. */
  private async insertIn(
    { tx, record }: UnitOfWork,
    ctx: Context,
    client: ApiClient,
    credential: Credential,
    newClient = false,
    workspace?: Workspace,
  ): Promise<Credential> {
    if (!newClient) {
      // Expired and disabled (leaked) credentials authenticate nothing; counting them would lock
      // a client out of rotation after 20 rotations (each leaves its predecessor behind, expired),
      // or out of replacing a leaked secret.
      const now = Date.now();
      const existing = (await tx.credentials.listCredentialsByClientId(ctx.orgId, client.id)).filter(
        (c) => c.disableTime === null && (c.expireTime === null || c.expireTime > now),
      );
      if (existing.length >= MAX_CREDENTIALS) {
        throw new KeywardError('failed_precondition', `A client holds at most ${MAX_CREDENTIALS} unexpired credentials; delete some, or rotate with a shorter overlap.`);
      }
    }
    // Every way a credential is made (the API, a client created with its first secret, a
    // rotation, each dialect) comes through here, so the workspace's policy governs them all.
    const policy = workspace?.id === client.workspaceId ? workspace.credentialPolicy : await this.policyOf(tx, client);
    credential = applyCredentialPolicy(policy, client.workspaceId, credential);
    await tx.credentials.insertCredential(credential);
    await record({
      type: 'credential.created',
      resource: `apiClients/${client.id}/credentials/${credential.id}`,
      data: { after: credentialSnapshot(credential), clientId: client.clientId },
    });
    return credential;
  }

  private checkCommon(input: CredentialCommon, violations: FieldViolation[]) {
    if (input.displayName !== undefined) checkText('displayName', input.displayName, 200, violations);
    fenceViolations(input, violations);
    if (input.expireTime !== undefined && input.expireTime !== null && input.expireTime <= Date.now()) {
      violations.push({ field: 'expireTime', description: 'must be in the future' });
    }
  }

  private async client(tx: Repos, ctx: Context, apiClientId: string): Promise<ApiClient> {
    const client = await tx.clients.findClientById(ctx.orgId, apiClientId);
    if (!client) throw missing('apiClient', apiClientId);
    return client;
  }

  private draft(ctx: Context, client: ApiClient, input: CredentialCommon, fields: Partial<Credential> & Pick<Credential, 'type'>): Credential {
    return draftCredential(client, ctx.actor.name, {
      displayName: input.displayName ?? '',
      expireTime: input.expireTime ?? null,
      allowedCidrs: normalizeCidrs(input.allowedCidrs ?? []),
      maxUses: input.maxUses ?? null,
      ...fields,
    });
  }
}

/** Keeps the members a public key needs; anything else a caller sent is not stored. */
/**
 * A key set given inline (a client's keys, a provider's pinned trust bundle): 1 to 20 public
 * keys, each with a distinct kid, kept with their public members only. The one rule for both.
 */
export function publicKeySetOf(field: 'jwk' | 'jwks', keys: unknown, violations: FieldViolation[]): { keys: PublicJwk[] } | null {
  if (!Array.isArray(keys) || keys.length === 0 || keys.length > MAX_KEYS) {
    violations.push({ field: field === 'jwk' ? 'jwk' : 'jwks.keys', description: `a JWKS holds 1 to ${MAX_KEYS} keys` });
    return null;
  }
  const before = violations.length;
  (keys as PublicJwk[]).forEach((key, i) => {
    const problem = publicJwkProblem(key);
    if (problem) violations.push({ field: field === 'jwk' ? 'jwk' : `jwks.keys.${i}`, description: problem });
  });
  const kids = (keys as PublicJwk[]).map((k) => k.kid).filter((kid) => kid !== undefined);
  if (new Set(kids).size !== kids.length) violations.push({ field: 'jwks.keys', description: 'each kid may appear once' });
  return violations.length === before ? { keys: (keys as PublicJwk[]).map(stripToPublic) } : null;
}

function stripToPublic(jwk: PublicJwk): PublicJwk {
  const keep = ['kty', 'crv', 'x', 'y', 'n', 'e', 'kid', 'alg', 'use'];
  return Object.fromEntries(Object.entries(jwk).filter(([k]) => keep.includes(k)));
}

function checkExpiry(expireTime: number | null | undefined) {
  if (expireTime !== undefined && expireTime !== null && expireTime <= Date.now()) {
    throw invalidArgument('expireTime must be in the future.', [{ field: 'expireTime', description: 'an RFC 3339 time after now' }]);
  }
}

function fenceViolations(input: CredentialCommon, violations: FieldViolation[]) {
  if (input.allowedCidrs !== undefined) checkAllowedCidrs('allowedCidrs', input.allowedCidrs, violations);
  checkMaxUses('maxUses', input.maxUses, violations);
}

function checkFences(input: CredentialCommon) {
  const violations: FieldViolation[] = [];
  fenceViolations(input, violations);
  throwIfViolations(violations);
}
