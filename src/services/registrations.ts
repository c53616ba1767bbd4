import { generateSecret, secretHint, type SecretHasher } from '../crypto/secrets.js';
import type { PublicJwk } from '../crypto/client-keys.js';
import { DuplicateKeyError, KeywardError, missing, notFound, type FieldViolation } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { ApiClient, ClientRegistration, Context, Credential, Page, RegistrationToken, Workspace } from '../domain/model.js';
import { pageSizeOf } from '../domain/paging.js';
import { ADMIN_PERMISSIONS } from '../domain/permissions.js';
import { readClientMetadata, type ClientMetadata } from '../domain/registration.js';
import { checkText, throwIfViolations } from '../domain/validation.js';
import { registrationPolicyOf } from '../domain/workspace-settings.js';
import type { Store } from '../store/index.js';
import { requirePermission } from './authorization.js';
import type { ClientService } from './clients.js';
import type { CheckedPublicKey, CredentialService } from './credentials.js';
import type { UnitOfWork, UnitsOfWork } from './unit-of-work.js';

/** Bearer secrets of their own kind, so that one in a log line says what it is. */
const INITIAL_ACCESS_TOKEN_PREFIX = 'kwiat_';
const REGISTRATION_ACCESS_TOKEN_PREFIX = 'kwrat_';

const DAY = 86_400_000;
const DEFAULT_TOKEN_LIFETIME = DAY;
const MAX_TOKEN_LIFETIME = 90 * DAY;
const MAX_USES = 10_000;

export interface RegistrationTokenInput {
  displayName?: string;
  /** Epoch ms; a day from now when omitted, at most 90 days ahead. */
  expireTime?: number;
  /** How many clients the token may register; 1 when omitted. */
  uses?: number;
}

/** A registered client as RFC 7591 §3.2.1 and RFC 7592 §3 describe it. */
export interface RegisteredClient {
  client: ApiClient;
  metadata: ClientMetadata;
  /** Only in the answer to the registration, and only for the secret methods. */
  clientSecret?: string;
  /** Only in the answer to the registration. */
  registrationAccessToken?: string;
}

const actorPermissions = new Set<string>([ADMIN_PERMISSIONS.clientsRead, ADMIN_PERMISSIONS.clientsWrite]);

const invalidToken = (message: string) => new KeywardError('invalid_token', message, { challenge: 'Bearer' });

/**
 * Clients that register themselves (RFC 7591) and manage their registration (RFC 7592). An admin
 * issues an initial access token for one workspace; whoever holds it may register clients there,
 * as the workspace registration policy (workspace settings) allows, until it expires or its uses
 * run out. Registered clients are ordinary clients, created through ClientService, so they are
 * audited and announced as any other.
 */
export class RegistrationService {
  constructor(
    private readonly store: Store,
    private readonly units: UnitsOfWork,
    private readonly hasher: SecretHasher,
    private readonly clients: ClientService,
    private readonly credentials: CredentialService,
  ) {}

  // ── Initial access tokens (admin) ─────────────────────────────────────────────────────────

  async createToken(ctx: Context, workspaceId: string, input: RegistrationTokenInput): Promise<{ token: RegistrationToken; secret: string }> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsWrite);
    const now = Date.now();
    const violations: FieldViolation[] = [];
    if (input.displayName !== undefined) checkText('displayName', input.displayName, 200, violations);
    const expireTime = input.expireTime ?? now + DEFAULT_TOKEN_LIFETIME;
    if (expireTime <= now || expireTime > now + MAX_TOKEN_LIFETIME) violations.push({ field: 'expireTime', description: 'must be in the future and at most 90 days ahead' });
    const uses = input.uses ?? 1;
    if (!Number.isInteger(uses) || uses < 1 || uses > MAX_USES) violations.push({ field: 'uses', description: `a whole number from 1 to ${MAX_USES}` });
    throwIfViolations(violations);
    const secret = generateSecret(INITIAL_ACCESS_TOKEN_PREFIX);
    return this.units.run(ctx, async ({ tx, record }) => {
      if (!(await tx.workspaces.findWorkspaceById(ctx.orgId, workspaceId))) throw missing('workspace', workspaceId);
      const token: RegistrationToken = {
        id: newId('registrationToken'),
        orgId: ctx.orgId,
        workspaceId,
        displayName: input.displayName ?? '',
        tokenHash: this.hasher.hash(secret),
        tokenHint: secretHint(secret),
        expireTime,
        usesRemaining: uses,
        createdBy: ctx.actor.name,
        createTime: now,
      };
      await tx.registrations.insertRegistrationToken(token);
      await record({ type: 'registration_token.created', resource: tokenResource(token), data: { after: tokenSnapshot(token) } });
      return { token, secret };
    });
  }

  async listTokens(ctx: Context, workspaceId: string, query: { pageSize?: number; pageToken?: string }): Promise<Page<RegistrationToken>> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsRead);
    if (!(await this.store.read.workspaces.findWorkspaceById(ctx.orgId, workspaceId))) throw missing('workspace', workspaceId);
    return this.store.read.registrations.listRegistrationTokensByWorkspace(ctx.orgId, workspaceId, { pageSize: pageSizeOf(query.pageSize), pageToken: query.pageToken });
  }

  async getToken(ctx: Context, workspaceId: string, id: string): Promise<RegistrationToken> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsRead);
    const token = await this.store.read.registrations.findRegistrationTokenById(ctx.orgId, id);
    if (!token || token.workspaceId !== workspaceId) throw notFound(`Registration token workspaces/${workspaceId}/registrationTokens/${id}`);
    return token;
  }

  async deleteToken(ctx: Context, workspaceId: string, id: string): Promise<RegistrationToken> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsWrite);
    return this.units.run(ctx, async ({ tx, record }) => {
      const token = await tx.registrations.findRegistrationTokenById(ctx.orgId, id);
      if (!token || token.workspaceId !== workspaceId) throw notFound(`Registration token workspaces/${workspaceId}/registrationTokens/${id}`);
      await tx.registrations.deleteRegistrationToken(ctx.orgId, id);
      await record({ type: 'registration_token.deleted', resource: tokenResource(token), data: { before: tokenSnapshot(token) } });
      return token;
    });
  }

  // ── RFC 7591 registration ─────────────────────────────────────────────────────────────────

  /**
   * The metadata is checked against the policy before a use is spent, so a refused request costs
   * the token nothing; the use is spent in the transaction that creates the client, so that a
   * token with one use left registers one client however many requests race for it.
   */
  async register(initialAccessToken: string | undefined, body: unknown): Promise<RegisteredClient> {
    const tokenHash = this.hasher.hash(initialAccessToken ?? '');
    const token = initialAccessToken ? await this.store.read.registrations.findRegistrationTokenByHash(tokenHash) : undefined;
    const refused = 'The initial access token is unknown, expired or used up; ask an admin of the workspace for a new one (POST /v1/workspaces/{id}/registrationTokens).';
    if (!token || token.expireTime <= Date.now() || token.usesRemaining <= 0) throw invalidToken(refused);
    const workspace = await this.store.read.workspaces.findWorkspaceById(token.orgId, token.workspaceId);
    if (!workspace) throw invalidToken(refused);
    const metadata = readClientMetadata(body, registrationPolicyOf(workspace.settings));
    const key = this.checkedKey(metadata);
    const ctx = actingAs(token.orgId, `registrationTokens/${token.id}`);
    const registrationAccessToken = generateSecret(REGISTRATION_ACCESS_TOKEN_PREFIX);
    return this.units.run(ctx, async (uow) => {
      if (!(await uow.tx.registrations.spendRegistrationToken(tokenHash, Date.now()))) throw invalidToken(refused);
      const created = await this.createClient(uow, ctx, workspace, metadata, key);
      await uow.tx.registrations.insertClientRegistration({
        apiClientId: created.client.id,
        orgId: token.orgId,
        accessTokenHash: this.hasher.hash(registrationAccessToken),
        authMethod: metadata.authMethod,
        registrationTokenId: token.id,
        createTime: created.client.createTime,
      });
      return { ...created, metadata, registrationAccessToken };
    }, 'adds');
  }

  private async createClient(uow: UnitOfWork, ctx: Context, workspace: Workspace, metadata: ClientMetadata, key: CheckedPublicKey | undefined) {
    const input = { ...clientFields(metadata), workspaceId: workspace.id };
    this.clients.validateCreate(input);
    if (key) {
      const client = await this.clients.createWithoutSecretIn(uow, ctx, input, workspace);
      await this.credentials.addPublicKeyIn(uow, ctx, client, key, true);
      return { client };
    }
    const { client, secret } = await this.clients.createIn(uow, ctx, input, workspace);
    return { client, clientSecret: secret };
  }

  /** The metadata's keys, checked as a PUBLIC_KEY credential is, with the refusal in RFC 7591's words. */
  private checkedKey(metadata: ClientMetadata): CheckedPublicKey | undefined {
    if (metadata.authMethod !== 'private_key_jwt') return undefined;
    try {
      return this.credentials.checkPublicKey({ displayName: 'registered key', jwks: metadata.jwks as { keys: PublicJwk[] } | undefined, jwksUri: metadata.jwksUri });
    } catch (error) {
      if (error instanceof KeywardError && error.code === 'invalid_argument') {
        const first = error.violations[0];
        const field = first?.field === 'jwksUri' ? 'jwks_uri' : first?.field;
        throw new KeywardError('invalid_client_metadata', first ? `${field} ${first.description}.` : error.message);
      }
      throw error;
    }
  }

  /** The client's public keys become `key` alone: after an RFC 7592 update that sends keys, or a metadata document whose keys changed. */
  private async replaceKeysIn(uow: UnitOfWork, ctx: Context, client: ApiClient, credentials: readonly Credential[], key: CheckedPublicKey) {
    const before = credentials.filter((c) => c.type === 'public_key');
    await this.credentials.addPublicKeyIn(uow, ctx, client, key, true);
    for (const old of before) await this.credentials.deleteCredentialIn(uow, ctx, client, old);
  }

  // ── Client ID Metadata Documents ───────────────────────────────────────────────────────────

  /** The document's keys, checked as a PUBLIC_KEY credential is; the token path keeps the result with the document it came from. */
  metadataDocumentKey(metadata: ClientMetadata): CheckedPublicKey {
    return this.checkedKey(metadata)!;
  }

  /**
   * Does the stored client still say what its metadata document says? The token path asks on
   * every use and writes (through `syncMetadataDocumentClient`) only when the answer is no: on
   * first use and after the document changed.
   */
  metadataDocumentClientCurrent(client: ApiClient, credentials: readonly Credential[], metadata: ClientMetadata, key: CheckedPublicKey): boolean {
    return fieldsMatch(client, metadata) && keyMatches(credentials, key);
  }

  /**
   * Makes the client at `url` what its metadata document says, in the workspace that admitted
   * the URL: created on first use (an ordinary client: audited, announced, listed in /v1),
   * brought up to date when the document changed, its key credential replaced when the keys
   * did. Fields the document does not speak for (roles, description, labels, enabled) are the
   * admin's and are left alone. A concurrent first use that lost the race to create the client
   * changes nothing.
   */
  async syncMetadataDocumentClient(orgId: string, workspaceId: string, url: string, metadata: ClientMetadata, key: CheckedPublicKey): Promise<void> {
    const ctx = actingAs(orgId, 'client ID metadata document');
    const fields = clientFields(metadata);
    this.clients.validateCreate(fields);
    const change = this.clients.checkUpdate(fields, Object.keys(fields));
    try {
      await this.units.run(ctx, async (uow) => {
        const existing = await uow.tx.clients.findClientByClientId(url);
        if (existing && (existing.orgId !== orgId || existing.workspaceId !== workspaceId)) {
          throw new KeywardError('invalid_client', `The client ${url.slice(0, 300)} belongs to another workspace; move or delete it there first.`);
        }
        if (!existing) {
          const workspace = await uow.tx.workspaces.findWorkspaceById(orgId, workspaceId);
          if (!workspace) throw missing('workspace', workspaceId);
          const client = await this.clients.createWithoutSecretIn(uow, ctx, { ...fields, clientId: url, workspaceId }, workspace);
          await this.credentials.addPublicKeyIn(uow, ctx, client, key, true);
          return;
        }
        const credentials = await uow.tx.credentials.listCredentialsByClientId(orgId, existing.id);
        const after = fieldsMatch(existing, metadata) ? existing : await this.clients.updateIn(uow, ctx, existing.id, change);
        // A disabled key (reported leaked) still counts: replacing it would undo the admin's disable.
        if (!keyMatches(credentials, key)) await this.replaceKeysIn(uow, ctx, after, credentials, key);
      });
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
  }

  // ── RFC 7592 management ───────────────────────────────────────────────────────────────────

  /**
   * The client that `registrationAccessToken` manages, if it is the one at `clientId`; anything
   * else is the same 401, so that the answer says nothing about other clients.
   */
  private async authorize(
    registrationAccessToken: string | undefined,
    clientId: string,
  ): Promise<{ registration: ClientRegistration; client: ApiClient; ctx: Context; refused: KeywardError }> {
    const refused = invalidToken('The registration access token is not valid for this client; use the one returned when the client registered, or by its latest update.');
    if (!registrationAccessToken) throw refused;
    const registration = await this.store.read.registrations.findClientRegistrationByHash(this.hasher.hash(registrationAccessToken));
    if (!registration) throw refused;
    const client = await this.store.read.clients.findClientById(registration.orgId, registration.apiClientId);
    if (!client || client.clientId !== clientId) throw refused;
    return { registration, client, ctx: actingAs(client.orgId, `apiClients/${client.id}`), refused };
  }

  async read(registrationAccessToken: string | undefined, clientId: string): Promise<RegisteredClient> {
    const { registration, client } = await this.authorize(registrationAccessToken, clientId);
    const keys = await this.store.read.credentials.listCredentialsByClientId(client.orgId, client.id);
    return { client, metadata: metadataOf(client, registration, keys) };
  }

  /**
   * RFC 7592 §2.2: the body replaces the client's metadata, under the workspace's policy as it is
   * now. The authentication method may change between the two secret methods (the same secret
   * serves both); moving between a secret and keys is a new registration. New keys for a
   * private_key_jwt client replace its keys.
   */
  async update(registrationAccessToken: string | undefined, clientId: string, body: unknown): Promise<RegisteredClient> {
    const { registration, client, ctx, refused } = await this.authorize(registrationAccessToken, clientId);
    if (typeof body === 'object' && body !== null && 'client_id' in body && (body as { client_id: unknown }).client_id !== clientId) {
      throw new KeywardError('invalid_client_metadata', 'client_id in the body must be the client_id of the registration being updated.');
    }
    const workspace = await this.store.read.workspaces.findWorkspaceById(client.orgId, client.workspaceId);
    if (!workspace) throw missing('workspace', client.workspaceId);
    const metadata = readClientMetadata(body, registrationPolicyOf(workspace.settings));
    if ((metadata.authMethod === 'private_key_jwt') !== (registration.authMethod === 'private_key_jwt')) {
      throw new KeywardError(
        'invalid_client_metadata',
        `token_endpoint_auth_method cannot change from ${registration.authMethod} to ${metadata.authMethod}; delete this registration and register again.`,
      );
    }
    const key = this.checkedKey(metadata);
    const fields = clientFields(metadata);
    const change = this.clients.checkUpdate(fields, Object.keys(fields));
    // RFC 7592 §2.2 lets the server issue a new registration access token with each update: a
    // token read off a client's disk at some point is good only until the client's next update.
    const nextToken = generateSecret(REGISTRATION_ACCESS_TOKEN_PREFIX);
    return this.units.run(ctx, async (uow) => {
      if (!(await uow.tx.registrations.rotateClientRegistrationToken(client.id, registration.accessTokenHash, this.hasher.hash(nextToken)))) throw refused;
      const after = await this.clients.updateIn(uow, ctx, client.id, change);
      if (metadata.authMethod !== registration.authMethod) await uow.tx.registrations.updateClientRegistrationAuthMethod(client.id, metadata.authMethod);
      if (key) await this.replaceKeysIn(uow, ctx, after, await uow.tx.credentials.listCredentialsByClientId(client.orgId, client.id), key);
      return { client: after, metadata, registrationAccessToken: nextToken };
    });
  }

  async remove(registrationAccessToken: string | undefined, clientId: string): Promise<void> {
    const { client, ctx } = await this.authorize(registrationAccessToken, clientId);
    // The registration row goes with the client (ON DELETE CASCADE).
    await this.clients.delete(ctx, client.id);
  }
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join(' ') === [...b].sort().join(' ');

const fieldsMatch = (client: ApiClient, metadata: ClientMetadata) =>
  client.displayName === metadata.clientName &&
  sameList(client.permissions, metadata.scope) &&
  sameList(client.audiences, metadata.audiences) &&
  client.dpopBoundAccessTokens === metadata.dpopBoundAccessTokens;

/** One public key credential holding exactly the checked keys (or jwks_uri). */
function keyMatches(credentials: readonly Credential[], key: CheckedPublicKey): boolean {
  const keys = credentials.filter((c) => c.type === 'public_key');
  return keys.length === 1 && keys[0].jwksUri === (key.jwksUri ?? null) && JSON.stringify(keys[0].jwks) === JSON.stringify(key.checkedJwks);
}

function actingAs(orgId: string, name: string): Context {
  return { orgId, actor: { name, orgId, permissions: actorPermissions } };
}

const clientFields = (metadata: ClientMetadata) => ({
  displayName: metadata.clientName,
  permissions: metadata.scope,
  audiences: metadata.audiences,
  dpopBoundAccessTokens: metadata.dpopBoundAccessTokens,
});

/** A stored client read back as metadata; its keys come from its public-key credential. */
function metadataOf(client: ApiClient, registration: ClientRegistration, credentials: Credential[]): ClientMetadata {
  const metadata: ClientMetadata = {
    clientName: client.displayName,
    authMethod: registration.authMethod,
    scope: client.permissions,
    audiences: client.audiences,
    dpopBoundAccessTokens: client.dpopBoundAccessTokens,
  };
  const key = credentials.find((c) => c.type === 'public_key');
  if (key?.jwksUri) metadata.jwksUri = key.jwksUri;
  else if (key?.jwks) metadata.jwks = key.jwks;
  return metadata;
}

const tokenResource = (token: RegistrationToken) => `workspaces/${token.workspaceId}/registrationTokens/${token.id}`;

const tokenSnapshot = (token: RegistrationToken) => ({
  displayName: token.displayName,
  tokenHint: token.tokenHint,
  expireTime: token.expireTime,
  usesRemaining: token.usesRemaining,
});
