import { DuplicateKeyError, alreadyExists, invalidArgument, notFound, permissionDenied, type FieldViolation, missing } from '../domain/errors.js';
import { parseFilter, type FilterOperator } from '../domain/filter.js';
import { CLIENT_ID_PATTERN, newClientId, newId } from '../domain/ids.js';
import { NO_DELEGATION, type ApiClient, type Context, type Credential, type DelegationPolicy, type Page, type Workspace } from '../domain/model.js';
import { pageSizeOf } from '../domain/paging.js';
import { ADMIN_PERMISSIONS, ungrantable } from '../domain/permissions.js';
import { checkAudiences, checkDelegation, checkLabels, checkPermissions, checkText, throwIfViolations } from '../domain/validation.js';
import { CLIENT_FILTER_FIELDS } from '../store/clients.js';
import type { Repos, Store } from '../store/index.js';
import { requirePermission } from './authorization.js';
import type { CredentialService } from './credentials.js';
import type { UnitOfWork, UnitsOfWork } from './unit-of-work.js';
import { clientSnapshot } from './snapshots.js';
import { checkWorkspace, inScope, type WorkspaceScope } from './workspace-scope.js';
import { fieldsToUpdate, LABEL_PATH, labelKeysOf, withLabelKeys } from '../domain/update-mask.js';

export interface ClientInput {
  displayName?: string;
  description?: string;
  permissions?: string[];
  /** Role ids, bare or as `roles/{id}`. */
  roles?: string[];
  labels?: Record<string, string>;
  audiences?: string[];
  tokenLifetime?: number | null;
  dpopBoundAccessTokens?: boolean;
  /** Members left out are empty (and `allowed` false). */
  delegation?: Partial<DelegationPolicy>;
  enabled?: boolean;
}

/** A policy as given, with every member present and no duplicates. */
function delegationOf(input: Partial<DelegationPolicy> | undefined): DelegationPolicy {
  if (!input) return NO_DELEGATION;
  const unique = (list: string[] | undefined) => [...new Set(list ?? [])];
  return { allowed: input.allowed ?? false, providers: unique(input.providers), subjects: unique(input.subjects), maxScope: unique(input.maxScope) };
}

/**
 * Disabling stamps the moment, so that the tokens issued until then stay inactive after the
 * client is enabled again: a client disabled because its secret leaked must not bring the
 * leaked secret's tokens back when it returns with a new one.
 */
function enabledChange(before: ApiClient, enabled: boolean, now: number): Pick<ApiClient, 'enabled' | 'tokensNotBefore'> {
  return { enabled, tokensNotBefore: before.enabled && !enabled ? now : before.tokensNotBefore };
}

export const CLIENT_UPDATABLE_FIELDS = ['displayName', 'description', 'permissions', 'roles', 'labels', 'audiences', 'tokenLifetime', 'dpopBoundAccessTokens', 'delegation', 'enabled'] as const;

/** An update that `ClientService.checkUpdate` accepted: the fields it sets, and their values. */
export interface ClientChange {
  readonly fields: readonly string[];
  readonly masked: ClientInput;
}

export interface NewClientInput extends ClientInput {
  clientId?: string;
  workspaceId?: string;
}

export interface CreatedClient {
  client: ApiClient;
  credential: Credential;
  /** Shown once; only its keyed hash is stored. */
  secret: string;
}

/** A client created `withoutSecret`: it holds no credential until one is added. */
export interface CreatedSecretlessClient {
  client: ApiClient;
  credential?: undefined;
  secret?: undefined;
}

export interface ClientServiceOptions {
  maxTokenLifetime: number;
}

export class ClientService {
  constructor(
    private readonly store: Store,
    private readonly units: UnitsOfWork,
    private readonly credentials: CredentialService,
    private readonly options: ClientServiceOptions,
  ) {}

  private validate(input: ClientInput, creating: boolean) {
    const violations: FieldViolation[] = [];
    if (creating || input.displayName !== undefined) checkText('displayName', input.displayName ?? '', 200, violations, true);
    if (input.description !== undefined) checkText('description', input.description, 2000, violations);
    if (input.permissions !== undefined) checkPermissions('permissions', input.permissions, violations);
    if (input.labels !== undefined) checkLabels('labels', input.labels, violations);
    if (input.audiences !== undefined) checkAudiences('audiences', input.audiences, violations);
    if (input.delegation !== undefined) checkDelegation('delegation', delegationOf(input.delegation), violations);
    if (input.roles !== undefined && input.roles.length > 50) violations.push({ field: 'roles', description: 'at most 50 roles' });
    if (input.tokenLifetime !== undefined && input.tokenLifetime !== null) {
      const max = this.options.maxTokenLifetime;
      if (!Number.isInteger(input.tokenLifetime) || input.tokenLifetime < 30 || input.tokenLifetime > max) {
        violations.push({ field: 'tokenLifetime', description: `must be between 30 and ${max} seconds` });
      }
    }
    throwIfViolations(violations);
  }

  validateCreate(input: ClientInput & { clientId?: string }) {
    this.validate(input, true);
    if (input.clientId !== undefined && !CLIENT_ID_PATTERN.test(input.clientId)) {
      throw invalidArgument('clientId must be 3 to 128 characters: letters, digits and . _ @ -, starting with a letter or digit.', [
        { field: 'clientId', description: 'use letters, digits and . _ @ -' },
      ]);
    }
  }

  /** A delegation policy names providers of the caller's organization only; a typo would otherwise silently allow nothing. */
  private async checkDelegationProviders(tx: Repos, orgId: string, policy: DelegationPolicy) {
    const ids = policy.providers.map((p) => p.slice('providers/'.length));
    const found = await Promise.all(ids.map((id) => tx.providers.findProviderById(orgId, id)));
    const unknown = policy.providers.filter((_, i) => !found[i]);
    if (unknown.length > 0) {
      throw invalidArgument(`Provider ${unknown.join(', ').slice(0, 300)} does not exist in this organization: name providers from GET /v1/providers.`, [
        { field: 'delegation.providers', description: 'name providers that exist, as providers/{id}' },
      ]);
    }
  }

  /** Roles must exist in the caller's organization; returns bare ids. */
  private async resolveRoles(tx: Repos, orgId: string, roles: string[]): Promise<{ ids: string[]; permissions: string[] }> {
    const ids = [...new Set(roles.map((r) => r.replace(/^roles\//, '')))];
    const found = await tx.roles.findRolesByIds(orgId, ids);
    const missing = ids.filter((id) => !found.some((r) => r.id === id));
    if (missing.length > 0) {
      throw invalidArgument(
        `Role ${missing.map((m) => `roles/${m}`).join(', ').slice(0, 300)} does not exist in this organization. Keyward has no predefined roles: ` +
          `create it first (POST /v1/roles?roleId=${encodeURIComponent(missing[0].slice(0, 100))} with its permissions), or name a role that exists.`,
        [{ field: 'roles', description: 'name roles that exist, as roles/{id}' }],
      );
    }
    return { ids, permissions: found.flatMap((r) => r.permissions) };
  }

  /** Nobody hands out admin permissions they do not hold themselves, directly or through a role. */
  private checkGrantable(ctx: Context, permissions: string[]) {
    const refused = ungrantable(ctx.actor.permissions, permissions);
    if (refused.length > 0) {
      throw permissionDenied(`You cannot grant permissions you do not hold: ${[...new Set(refused)].join(', ')}.`);
    }
  }

  /**
   * `withoutSecret` creates, in one transaction, a client that authenticates by key or federation
   * only: no secret is generated, stored or announced, not even for a moment. It is an argument
   * of its own, not a field of the input, so a request body spread into the input cannot switch
   * it on.
   */
  create(ctx: Context, input: NewClientInput): Promise<CreatedClient>;
  create(ctx: Context, input: NewClientInput, options: { withoutSecret: true }): Promise<CreatedSecretlessClient>;
  create(ctx: Context, input: NewClientInput, options: { withoutSecret: boolean }): Promise<CreatedClient | CreatedSecretlessClient>;
  async create(ctx: Context, input: NewClientInput, options?: { withoutSecret: boolean }): Promise<CreatedClient | CreatedSecretlessClient> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsWrite);
    this.validateCreate(input);
    try {
      return await this.units.run(
        ctx,
        async (uow) => (options?.withoutSecret ? { client: (await this.insertNewClient(uow, ctx, input)).client } : this.createIn(uow, ctx, input)),
        'adds',
      );
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw alreadyExists(`The client id "${input.clientId}" is taken; choose another or leave it out to have one generated.`, { kind: 'apiClient', id: input.clientId ?? '', field: 'clientId' });
      throw error;
    }
  }

  /**
   * The body of `create`, in the caller's unit of work, so that another change can commit
   * together with the new client (a Docpier agent client and its access row). The caller has
   * checked the permission and validated the input with `validateCreate`; `workspace`, when the
   * caller has read it in this unit, is the client's and is not read again.
   */
  /** `createIn` for a client that starts without a secret (one that registered with a public key). */
  async createWithoutSecretIn(uow: UnitOfWork, ctx: Context, input: NewClientInput, workspace?: Workspace): Promise<ApiClient> {
    return (await this.insertNewClient(uow, ctx, input, workspace)).client;
  }

  async createIn(uow: UnitOfWork, ctx: Context, input: NewClientInput, workspace?: Workspace): Promise<CreatedClient> {
    const inserted = await this.insertNewClient(uow, ctx, input, workspace);
    // The client was inserted just above, in this unit: it holds no credentials to count. When
    // its workspace was read there too, under the unit's lock, the credential policy is not read again.
    const readHere = workspace === undefined ? inserted.workspace : undefined;
    const { credential, secret } = await this.credentials.issueSecretIn(uow, ctx, inserted.client, { displayName: 'initial secret' }, true, readHere);
    return { client: inserted.client, credential, secret };
  }

  private async insertNewClient(
    { tx, record }: UnitOfWork,
    ctx: Context,
    input: NewClientInput,
    given?: Workspace,
  ): Promise<{ client: ApiClient; workspace: Workspace }> {
    const workspace =
      given ??
      (input.workspaceId !== undefined ? await tx.workspaces.findWorkspaceById(ctx.orgId, input.workspaceId) : await tx.workspaces.findDefaultWorkspace(ctx.orgId));
    if (!workspace) throw missing('workspace', input.workspaceId ?? '(default)');
    const workspaceId = workspace.id;
    const roles = await this.resolveRoles(tx, ctx.orgId, input.roles ?? []);
    const delegation = delegationOf(input.delegation);
    await this.checkDelegationProviders(tx, ctx.orgId, delegation);
    const permissions = [...new Set(input.permissions ?? [])];
    this.checkGrantable(ctx, [...permissions, ...roles.permissions]);
    const now = Date.now();
    const client: ApiClient = {
      id: newId('apiClient'),
      orgId: ctx.orgId,
      workspaceId,
      clientId: input.clientId ?? newClientId(),
      displayName: input.displayName!,
      description: input.description ?? '',
      labels: input.labels ?? {},
      permissions,
      roles: roles.ids,
      audiences: [...new Set(input.audiences ?? [])],
      tokenLifetime: input.tokenLifetime ?? null,
      dpopBoundAccessTokens: input.dpopBoundAccessTokens ?? false,
      delegation,
      enabled: input.enabled ?? true,
      tokensNotBefore: null,
      createdBy: ctx.actor.name,
      updatedBy: ctx.actor.name,
      createTime: now,
      updateTime: now,
    };
    await tx.clients.insertClient(client);
    await record({ type: 'client.created', resource: `apiClients/${client.id}`, data: { after: clientSnapshot(client) } });
    return { client, workspace };
  }

  /** `scope`: the workspace the caller addresses the client through (workspace-scope.ts). */
  async get(ctx: Context, id: string, scope?: WorkspaceScope): Promise<ApiClient> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsRead);
    await checkWorkspace(ctx, this.store.read, scope);
    return inScope(await this.store.read.clients.findClientById(ctx.orgId, id), 'apiClient', id, scope);
  }

  /** Finds a client of the caller's organization by its OAuth client_id (dialects address clients that way). */
  async getByClientId(ctx: Context, clientId: string): Promise<ApiClient> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsRead);
    const client = await this.store.read.clients.findClientByClientId(clientId);
    if (!client || client.orgId !== ctx.orgId) throw notFound(`API client with client id "${clientId}"`);
    return client;
  }

  async list(
    ctx: Context,
    query: { filter?: string; orderBy?: string; pageSize?: number; pageToken?: string },
    scope?: WorkspaceScope,
  ): Promise<Page<ApiClient>> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsRead);
    const filter = parseFilter(query.filter, CLIENT_FILTER_FIELDS as unknown as Record<string, FilterOperator[]>);
    await checkWorkspace(ctx, this.store.read, scope);
    if (scope) filter.unshift({ field: 'workspace', op: '=', value: scope.workspaceId });
    return this.store.read.clients.listClientsByOrg(ctx.orgId, {
      filter,
      orderBy: parseOrderBy(query.orderBy),
      pageSize: pageSizeOf(query.pageSize),
      pageToken: query.pageToken,
    });
  }

  /** AIP-134: only the fields named in `mask` change; an empty mask means every field supplied. */
  async update(ctx: Context, id: string, input: ClientInput, mask: readonly string[], scope?: WorkspaceScope): Promise<ApiClient> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsWrite);
    const change = this.checkUpdate(input, mask);
    return this.units.run(ctx, async (uow) => {
      await checkWorkspace(ctx, uow.tx, scope);
      return this.updateIn(uow, ctx, id, change, scope);
    });
  }

  /**
   * Validates an update before any transaction opens; `updateIn` applies the result. Split
   * so that another service can update a client and change its credentials in one transaction.
   */
  checkUpdate(input: ClientInput, mask: readonly string[]): ClientChange {
    const fields = fieldsToUpdate(mask, input, CLIENT_UPDATABLE_FIELDS, { labelKeys: true });
    const labelKeys = labelKeysOf(fields);
    const masked: ClientInput = Object.fromEntries(fields.filter((f) => !f.startsWith(LABEL_PATH)).map((f) => [f, input[f as keyof ClientInput]]));
    if (labelKeys.length > 0) {
      const given = input.labels ?? {};
      masked.labels = Object.fromEntries(labelKeys.flatMap((key) => (Object.hasOwn(given, key) ? [[key, given[key]]] : [])));
      // validate() below checks the labels given; one being removed has no value, but its key
      // must still be one a label can have.
      const removed = labelKeys.filter((key) => !Object.hasOwn(given, key));
      const violations: FieldViolation[] = [];
      checkLabels('labels', Object.fromEntries(removed.map((key) => [key, ''])), violations);
      throwIfViolations(violations);
    }
    this.validate(masked, false);
    return { fields, masked };
  }

  /**
   * The body of `update`, inside a transaction the caller opened. The caller has checked the
   * permission and the change with `checkUpdate`.
   */
  async updateIn({ tx, record }: UnitOfWork, ctx: Context, id: string, change: ClientChange, scope?: WorkspaceScope): Promise<ApiClient> {
    const { fields, masked } = change;
    const before = inScope(await tx.clients.findClientById(ctx.orgId, id), 'apiClient', id, scope);
    const after: ApiClient = { ...before, updatedBy: ctx.actor.name, updateTime: Date.now() };
    if (fields.includes('displayName')) after.displayName = masked.displayName ?? '';
    if (fields.includes('description')) after.description = masked.description ?? '';
    if (fields.includes('labels')) after.labels = masked.labels ?? {};
    const labelKeys = labelKeysOf(fields);
    if (labelKeys.length > 0) after.labels = withLabelKeys(before.labels, masked.labels, labelKeys);
    if (fields.includes('audiences')) after.audiences = [...new Set(masked.audiences ?? [])];
    if (fields.includes('tokenLifetime')) after.tokenLifetime = masked.tokenLifetime ?? null;
    if (fields.includes('dpopBoundAccessTokens')) after.dpopBoundAccessTokens = masked.dpopBoundAccessTokens ?? false;
    if (fields.includes('delegation')) {
      after.delegation = delegationOf(masked.delegation);
      await this.checkDelegationProviders(tx, ctx.orgId, after.delegation);
    }
    if (fields.includes('enabled')) Object.assign(after, enabledChange(before, masked.enabled ?? true, after.updateTime));
    if (fields.includes('permissions')) after.permissions = [...new Set(masked.permissions ?? [])];
    let rolePermissions: string[] = [];
    if (fields.includes('roles')) {
      const roles = await this.resolveRoles(tx, ctx.orgId, masked.roles ?? []);
      after.roles = roles.ids;
      rolePermissions = roles.permissions;
    }
    const added = [...after.permissions, ...rolePermissions].filter((p) => !before.permissions.includes(p));
    this.checkGrantable(ctx, added);
    if (fields.includes('displayName')) this.validate({ displayName: after.displayName }, true);
    await tx.clients.updateClient(after);
    await record({
      type: 'client.updated',
      resource: `apiClients/${id}`,
      data: { before: clientSnapshot(before), after: clientSnapshot(after) },
    });
    return after;
  }

  /**
   * Updates the client as `update` does and removes every secret of it, in one unit of work
   * (Zitadel's switch of an app to private_key_jwt): a failure leaves neither a client
   * relabelled for keys that still holds its secrets, nor secrets gone from a client still
   * labelled for them.
   */
  async updateRemovingSecrets(
    ctx: Context,
    apiClientId: string,
    input: ClientInput,
    mask: readonly string[],
  ): Promise<{ client: ApiClient; removed: Credential[] }> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsWrite);
    const change = this.checkUpdate(input, mask);
    return this.units.run(ctx, async (uow) => {
      const client = await this.updateIn(uow, ctx, apiClientId, change);
      const removed = await this.credentials.removeSecretsIn(uow, ctx, apiClientId);
      return { client, removed };
    });
  }

  async setEnabled(ctx: Context, id: string, enabled: boolean, scope?: WorkspaceScope): Promise<ApiClient> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsWrite);
    return this.units.run(ctx, async ({ tx, record }) => {
      await checkWorkspace(ctx, tx, scope);
      const before = inScope(await tx.clients.findClientById(ctx.orgId, id), 'apiClient', id, scope);
      const now = Date.now();
      const after = { ...before, ...enabledChange(before, enabled, now), updatedBy: ctx.actor.name, updateTime: now };
      await tx.clients.updateClient(after);
      await record({
        type: enabled ? 'client.enabled' : 'client.disabled',
        resource: `apiClients/${id}`,
        data: { before: clientSnapshot(before), after: clientSnapshot(after) },
      });
      return after;
    });
  }

  async delete(ctx: Context, id: string, scope?: WorkspaceScope): Promise<ApiClient> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsWrite);
    return this.units.run(ctx, async ({ tx, record }) => {
      await checkWorkspace(ctx, tx, scope);
      const client = inScope(await tx.clients.findClientById(ctx.orgId, id), 'apiClient', id, scope);
      await tx.clients.deleteClient(ctx.orgId, id);
      await record({ type: 'client.deleted', resource: `apiClients/${id}`, data: { before: clientSnapshot(client) } });
      return client;
    });
  }
}

/** AIP-132 orderBy: one of `createTime` or `displayName`, optionally ` desc`. */
export function parseOrderBy(orderBy: string | undefined): { field: 'createTime' | 'displayName'; descending: boolean } {
  if (!orderBy || orderBy.trim() === '') return { field: 'createTime', descending: false };
  const match = /^\s*(createTime|displayName|create_time|display_name)(?:\s+(asc|desc)|:(asc|desc))?\s*$/.exec(orderBy);
  if (!match) {
    throw invalidArgument(`orderBy "${orderBy}" is not supported.`, [{ field: 'orderBy', description: 'use "createTime", "displayName", optionally followed by " desc"' }]);
  }
  const field = match[1].startsWith('display') ? 'displayName' : 'createTime';
  return { field, descending: (match[2] ?? match[3]) === 'desc' };
}
