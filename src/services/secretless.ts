import { draftCredential } from '../domain/credentials.js';
import { generateClientKeyPair, publicJwkFromPem, publicJwkProblem, type PublicJwk } from '../crypto/client-keys.js';
import { invalidArgument, notFound, outsideWorkspace, type FieldViolation, missing } from '../domain/errors.js';
import { ANY_SUBJECT, checkHttpsUrl, checkSubject } from '../domain/federation.js';
import { newId } from '../domain/ids.js';
import type { ApiClient, Context, Credential, Page } from '../domain/model.js';
import { pageSizeOf } from '../domain/paging.js';
import { ADMIN_PERMISSIONS } from '../domain/permissions.js';
import { checkText, throwIfViolations } from '../domain/validation.js';
import { hostProblem } from '../net/target-policy.js';
import type { Repos, Store } from '../store/index.js';
import { requirePermission } from './authorization.js';
import type { ClientInput, ClientService } from './clients.js';
import type { Mutations, Recorder } from './events.js';
import { credentialSnapshot } from './snapshots.js';
import { checkWorkspace, type WorkspaceScope } from './workspace-scope.js';

export interface CredentialCommon {
  displayName?: string;
  expireTime?: number | null;
}

/** Exactly one of the three: a single JWK, a JWKS, or the URL the client publishes its JWKS at. */
export interface PublicKeyInput extends CredentialCommon {
  jwk?: PublicJwk;
  jwks?: { keys: PublicJwk[] };
  jwksUri?: string;
}

export interface FederatedInput extends CredentialCommon {
  providerId: string;
  /** The expected `sub`; `*` or absent trusts every token of the provider. */
  subject?: string | null;
}

const MAX_KEYS = 20;

/**
 * The credential types without a shared secret: public keys for private_key_jwt (RFC 7523) and
 * federated trust in a provider's tokens. Also the secret chores dialects need beyond the core:
 * taking every secret from a client (Zitadel's RemoveMachineSecret, an app switched to
 * private_key_jwt), and key pairs generated for the client (Zitadel key files). A client that
 * starts without a secret is created so, by `ClientService.create` with `withoutSecret`.
 */
export class SecretlessCredentialService {
  constructor(
    private readonly store: Store,
    private readonly mutations: Mutations,
    private readonly clients: ClientService,
    private readonly options: { allowHttp: boolean },
  ) {}

  private checkCommon(input: CredentialCommon, violations: FieldViolation[]) {
    if (input.displayName !== undefined) checkText('displayName', input.displayName, 200, violations);
    if (input.expireTime !== undefined && input.expireTime !== null && input.expireTime <= Date.now()) {
      violations.push({ field: 'expireTime', description: 'must be in the future' });
    }
  }

  private async client(repos: Repos, ctx: Context, apiClientId: string): Promise<ApiClient> {
    const client = await repos.clients.findClientById(ctx.orgId, apiClientId);
    if (!client) throw missing('apiClient', apiClientId);
    return client;
  }

  private draft(ctx: Context, client: ApiClient, input: CredentialCommon, fields: Partial<Credential> & Pick<Credential, 'type'>): Credential {
    return draftCredential(client, ctx.actor.name, { displayName: input.displayName ?? '', expireTime: input.expireTime ?? null, ...fields });
  }


  async addPublicKey(ctx: Context, apiClientId: string, input: PublicKeyInput): Promise<Credential> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsWrite);
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
      const keys = input.jwk !== undefined ? [input.jwk] : input.jwks?.keys;
      if (!Array.isArray(keys) || keys.length === 0 || keys.length > MAX_KEYS) {
        violations.push({ field: 'jwks.keys', description: `a JWKS holds 1 to ${MAX_KEYS} keys` });
      } else {
        keys.forEach((key, i) => {
          const problem = publicJwkProblem(key);
          if (problem) violations.push({ field: input.jwk !== undefined ? 'jwk' : `jwks.keys.${i}`, description: problem });
        });
        const kids = keys.map((k) => k.kid).filter((kid) => kid !== undefined);
        if (new Set(kids).size !== kids.length) violations.push({ field: 'jwks.keys', description: 'each kid may appear once' });
        jwks = { keys: keys.map(stripToPublic) };
      }
    }
    throwIfViolations(violations);
    return this.mutations.runAs(ctx, async (repos, recorder) => {
      const client = await this.client(repos, ctx, apiClientId);
      const credential = this.draft(ctx, client, input, { type: 'public_key', jwks, jwksUri: input.jwksUri ?? null });
      return this.clients.insertCredential(ctx, repos, recorder, client, credential);
    });
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
    return this.mutations.runAs(ctx, async (repos, recorder) => {
      const client = await this.client(repos, ctx, apiClientId);
      const credential = this.draft(ctx, client, input, { id, type: 'public_key', jwks: { keys: [jwk] } });
      return this.clients.insertCredential(ctx, repos, recorder, client, credential);
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
    const credential = await this.mutations.runAs(ctx, async (repos, recorder) => {
      const client = await this.client(repos, ctx, apiClientId);
      const draft = this.draft(ctx, client, input, { id, type: 'public_key', jwks: { keys: [pair.publicJwk] } });
      return this.clients.insertCredential(ctx, repos, recorder, client, draft);
    });
    return { credential, privateKeyPem: pair.privateKeyPem };
  }

  async addFederated(ctx: Context, apiClientId: string, input: FederatedInput): Promise<Credential> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsWrite);
    const violations: FieldViolation[] = [];
    this.checkCommon(input, violations);
    const subject = input.subject ?? ANY_SUBJECT;
    checkSubject('subject', subject, violations);
    if (!input.providerId) violations.push({ field: 'provider', description: 'name the trusted provider as providers/{id}' });
    throwIfViolations(violations);
    return this.mutations.runAs(ctx, async (repos, recorder) => {
      const client = await this.client(repos, ctx, apiClientId);
      const provider = await repos.providers.findProviderById(ctx.orgId, input.providerId);
      if (!provider) throw missing('provider', input.providerId);
      // The federated identity is (workspace, issuer, subject): staging's provider, with its own
      // conditions, must not vouch for a production client.
      if (provider.workspaceId !== client.workspaceId) {
        throw invalidArgument(
          `Provider providers/${provider.id} trusts its issuer for workspaces/${provider.workspaceId}, not for this client's workspaces/${client.workspaceId}; name a provider of the client's workspace, or create one there.`,
          [{ field: 'provider', description: "a provider of the client's workspace" }],
        );
      }
      const credential = this.draft(ctx, client, input, { type: 'federated', providerId: provider.id, subject });
      return this.clients.insertCredential(ctx, repos, recorder, client, credential);
    });
  }

  /** Keycard's PATCH of a token credential: a new expected subject (null: any). */
  async updateFederatedSubject(ctx: Context, id: string, subject: string | null, scope?: WorkspaceScope): Promise<Credential> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsWrite);
    const next = subject ?? ANY_SUBJECT;
    const violations: FieldViolation[] = [];
    checkSubject('subject', next, violations);
    throwIfViolations(violations);
    return this.mutations.runAs(ctx, async (repos, recorder) => {
      await checkWorkspace(ctx, repos, scope);
      const before = await repos.credentialLookups.findCredentialInOrg(ctx.orgId, id);
      if (!before) throw notFound(`Credential ${id}`, { kind: 'credential', id });
      const client = await this.client(repos, ctx, before.apiClientId);
      if (scope && client.workspaceId !== scope.workspaceId) throw outsideWorkspace('credential', id, scope.workspaceId);
      if (before.type !== 'federated') throw invalidArgument('Only federated (token) credentials have a subject to change.', [{ field: 'subject', description: 'not applicable' }]);
      await repos.credentialLookups.updateCredentialSubject(ctx.orgId, id, next);
      const after = { ...before, subject: next };
      await recorder.record({
        type: 'credential.updated',
        resource: `apiClients/${client.id}/credentials/${id}`,
        data: { before: credentialSnapshot(before), after: credentialSnapshot(after), clientId: client.clientId },
      });
      return after;
    });
  }

  /** Removes every secret of the client at once (Zitadel's RemoveMachineSecret; clients that authenticate by key only). */
  async removeSecrets(ctx: Context, apiClientId: string): Promise<Credential[]> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsWrite);
    return this.mutations.runAs(ctx, (repos, recorder) => this.deleteSecrets(ctx, repos, recorder, apiClientId));
  }

  /**
   * Updates the client as `ClientService.update` does and removes every secret of it, in one
   * transaction (Zitadel's switch of an app to private_key_jwt): a failure leaves neither a
   * client relabelled for keys that still holds its secrets, nor secrets gone from a client
   * still labelled for them.
   */
  async updateRemovingSecrets(
    ctx: Context,
    apiClientId: string,
    input: ClientInput,
    mask: readonly string[],
  ): Promise<{ client: ApiClient; removed: Credential[] }> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsWrite);
    const change = this.clients.checkUpdate(input, mask);
    return this.mutations.runAs(ctx, async (repos, recorder) => {
      const client = await this.clients.updateWithin(ctx, repos, recorder, apiClientId, change);
      const removed = await this.deleteSecrets(ctx, repos, recorder, apiClientId);
      return { client, removed };
    });
  }

  private async deleteSecrets(ctx: Context, repos: Repos, recorder: Recorder, apiClientId: string): Promise<Credential[]> {
    const client = await this.client(repos, ctx, apiClientId);
    const secrets = (await repos.credentials.listCredentialsByClientId(ctx.orgId, client.id)).filter((c) => c.type === 'secret');
    for (const credential of secrets) {
      await repos.credentials.deleteCredential(ctx.orgId, client.id, credential.id);
      await recorder.record({
        type: 'credential.revoked',
        resource: `apiClients/${client.id}/credentials/${credential.id}`,
        data: { before: credentialSnapshot(credential), clientId: client.clientId },
      });
    }
    return secrets;
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
}

/** Keeps the members a public key needs; anything else a caller sent is not stored. */
function stripToPublic(jwk: PublicJwk): PublicJwk {
  const keep = ['kty', 'crv', 'x', 'y', 'n', 'e', 'kid', 'alg', 'use'];
  return Object.fromEntries(Object.entries(jwk).filter(([k]) => keep.includes(k)));
}
