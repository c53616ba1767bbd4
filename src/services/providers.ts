import { DuplicateKeyError, alreadyExists, failedPrecondition, invalidArgument, type FieldViolation, missing } from '../domain/errors.js';
import { checkClaimConditions, checkConsoleSignIn, checkHttpsUrl, consoleSignInOf } from '../domain/federation.js';
import { newId } from '../domain/ids.js';
import type { Context, Page, Provider } from '../domain/model.js';
import { pageSizeOf } from '../domain/paging.js';
import { ADMIN_PERMISSIONS } from '../domain/permissions.js';
import { checkText, throwIfViolations } from '../domain/validation.js';
import { hostProblem } from '../net/target-policy.js';
import type { Repos, Store } from '../store/index.js';
import { requirePermission } from './authorization.js';
import { publicKeySetOf } from './credentials.js';
import { checkWorkspace, inScope, type WorkspaceScope } from './workspace-scope.js';
import type { UnitsOfWork } from './unit-of-work.js';
import { providerSnapshot } from './snapshots.js';
import { fieldsToUpdate } from '../domain/update-mask.js';

export interface ProviderInput {
  identifier?: string;
  displayName?: string;
  description?: string;
  issuer?: string;
  jwksUri?: string | null;
  /** A pinned JWKS; null removes it. Exclusive with jwksUri. */
  jwks?: { keys: unknown[] } | null;
  audience?: string | null;
  claimConditions?: Record<string, string | string[]>;
  adminSignIn?: boolean;
  /** null removes it; `scopes` left out means openid. */
  consoleSignIn?: { clientId: string; scopes?: string[] } | null;
}

export const PROVIDER_UPDATABLE_FIELDS = [
  'identifier',
  'displayName',
  'description',
  'issuer',
  'jwksUri',
  'jwks',
  'audience',
  'claimConditions',
  'adminSignIn',
  'consoleSignIn',
] as const;

export interface ProviderServiceOptions {
  /** Keyward's own issuer: the default audience, and never a provider (its tokens are trusted already). */
  issuer: string;
  /** Development installations may name http:// issuers and key sets. */
  allowHttp: boolean;
}

const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Trusted external issuers. A provider says whose tokens Keyward believes (issuer, key set,
 * audience, claim conditions); federated credentials and role bindings say what those tokens
 * may do.
 */
export class ProviderService {
  constructor(
    private readonly store: Store,
    private readonly units: UnitsOfWork,
    private readonly options: ProviderServiceOptions,
  ) {}

  /** The provider's keys come from one place: pinned keys, a key set URL, or discovery. */
  private checkKeySource(provider: Pick<Provider, 'jwks' | 'jwksUri'>) {
    if (provider.jwks && provider.jwksUri) {
      throw invalidArgument('A provider takes jwks (keys pinned here) or jwksUri (keys fetched from there), not both; set the other to null.', [
        { field: 'jwks', description: 'pinned keys, or null to use jwksUri' },
      ]);
    }
  }

  private validate(input: ProviderInput, creating: boolean) {
    const violations: FieldViolation[] = [];
    if (creating || input.displayName !== undefined) checkText('displayName', input.displayName ?? '', 255, violations, true);
    if (input.description !== undefined) checkText('description', input.description, 2048, violations);
    if (input.identifier !== undefined) checkText('identifier', input.identifier, 255, violations, true);
    if (creating || input.issuer !== undefined) {
      if (!input.issuer) violations.push({ field: 'issuer', description: 'is required: the exact iss of the tokens to trust' });
      else {
        checkHttpsUrl('issuer', input.issuer, this.options.allowHttp, violations);
        if (input.issuer.replace(/\/+$/, '') === this.options.issuer) {
          violations.push({ field: 'issuer', description: "is Keyward's own issuer, whose tokens are trusted already" });
        }
      }
    }
    if (input.jwksUri) checkHttpsUrl('jwksUri', input.jwksUri, this.options.allowHttp, violations, hostProblem);
    if (input.jwks) publicKeySetOf('jwks', input.jwks.keys, violations);
    if (input.audience !== undefined && input.audience !== null) {
      if (input.audience.length === 0 || input.audience.length > 500 || CONTROL.test(input.audience) || input.audience.includes(' ')) {
        violations.push({ field: 'audience', description: 'a URI or name without spaces, at most 500 characters' });
      }
    }
    if (input.claimConditions !== undefined) checkClaimConditions('claimConditions', input.claimConditions, violations);
    if (input.consoleSignIn !== undefined && input.consoleSignIn !== null) checkConsoleSignIn('consoleSignIn', input.consoleSignIn, violations);
    throwIfViolations(violations);
  }

  private async write<T>(fn: () => Promise<T>, input: ProviderInput): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof DuplicateKeyError) {
        const what = [input.issuer && `issuer "${input.issuer}"`, input.identifier && `identifier "${input.identifier}"`].filter(Boolean).join(' or ');
        throw alreadyExists(`This workspace already has a provider with this ${what || 'issuer or identifier'}; a workspace trusts an issuer once, so change that provider or use another workspace.`);
      }
      throw error;
    }
  }

  private async workspaceOf(tx: Repos, ctx: Context, workspaceId: string | undefined): Promise<string> {
    const id = workspaceId ?? (await tx.organizations.findOrganizationById(ctx.orgId))?.defaultWorkspaceId;
    if (!id || !(await tx.workspaces.findWorkspaceById(ctx.orgId, id))) throw missing('workspace', workspaceId ?? '(default)');
    return id;
  }

  async create(ctx: Context, input: ProviderInput & { workspaceId?: string }): Promise<Provider> {
    requirePermission(ctx, ADMIN_PERMISSIONS.providersWrite);
    this.validate(input, true);
    return this.write(
      () =>
        this.units.run(ctx, async ({ tx, record }) => {
          const now = Date.now();
          const id = newId('provider');
          const provider: Provider = {
            id,
            orgId: ctx.orgId,
            workspaceId: await this.workspaceOf(tx, ctx, input.workspaceId),
            identifier: input.identifier ?? id,
            displayName: input.displayName!,
            description: input.description ?? '',
            issuer: input.issuer!,
            jwksUri: input.jwksUri ?? null,
            jwks: input.jwks ? publicKeySetOf('jwks', input.jwks.keys, []) : null,
            audience: input.audience ?? null,
            claimConditions: input.claimConditions ?? {},
            adminSignIn: input.adminSignIn ?? false,
            consoleSignIn: input.consoleSignIn ? consoleSignInOf(input.consoleSignIn) : null,
            createdBy: ctx.actor.name,
            updatedBy: ctx.actor.name,
            createTime: now,
            updateTime: now,
          };
          this.checkKeySource(provider);
          await tx.providers.insertProvider(provider);
          await record({ type: 'provider.created', resource: `providers/${id}`, data: { after: providerSnapshot(provider) } });
          return provider;
        }),
      input,
    );
  }

  /** `scope`: the workspace the caller addresses the provider through (workspace-scope.ts). */
  async get(ctx: Context, id: string, scope?: WorkspaceScope): Promise<Provider> {
    requirePermission(ctx, ADMIN_PERMISSIONS.providersRead);
    await checkWorkspace(ctx, this.store.read, scope);
    return inScope(await this.store.read.providers.findProviderById(ctx.orgId, id), 'provider', id, scope);
  }

  async list(ctx: Context, query: { workspaceId?: string; pageSize?: number; pageToken?: string }, scope?: WorkspaceScope): Promise<Page<Provider>> {
    requirePermission(ctx, ADMIN_PERMISSIONS.providersRead);
    await checkWorkspace(ctx, this.store.read, scope);
    return this.store.read.providers.listProvidersByOrg(ctx.orgId, {
      workspaceId: scope?.workspaceId ?? query.workspaceId,
      pageSize: pageSizeOf(query.pageSize),
      pageToken: query.pageToken,
    });
  }

  /** AIP-134: only the fields named in `mask` change; an empty mask means every field supplied. */
  async update(ctx: Context, id: string, input: ProviderInput, mask: readonly string[], scope?: WorkspaceScope): Promise<Provider> {
    requirePermission(ctx, ADMIN_PERMISSIONS.providersWrite);
    const fields = fieldsToUpdate(mask, input, PROVIDER_UPDATABLE_FIELDS);
    const masked: ProviderInput = Object.fromEntries(fields.map((f) => [f, input[f as keyof ProviderInput]]));
    if (fields.includes('issuer') && !masked.issuer) throw invalidArgument('issuer cannot be removed.', [{ field: 'issuer', description: 'give the new issuer URL' }]);
    this.validate(masked, false);
    return this.write(
      () =>
        this.units.run(ctx, async ({ tx, record }) => {
          await checkWorkspace(ctx, tx, scope);
          const before = inScope(await tx.providers.findProviderById(ctx.orgId, id), 'provider', id, scope);
          const after: Provider = { ...before, updatedBy: ctx.actor.name, updateTime: Date.now() };
          if (fields.includes('identifier')) after.identifier = masked.identifier || before.id;
          if (fields.includes('displayName')) after.displayName = masked.displayName ?? before.displayName;
          if (fields.includes('description')) after.description = masked.description ?? '';
          if (fields.includes('issuer')) after.issuer = masked.issuer!;
          if (fields.includes('jwksUri')) after.jwksUri = masked.jwksUri || null;
          if (fields.includes('jwks')) after.jwks = masked.jwks ? publicKeySetOf('jwks', masked.jwks.keys, []) : null;
          this.checkKeySource(after);
          if (fields.includes('audience')) after.audience = masked.audience ?? null;
          if (fields.includes('claimConditions')) after.claimConditions = masked.claimConditions ?? {};
          if (fields.includes('adminSignIn')) after.adminSignIn = masked.adminSignIn ?? false;
          if (fields.includes('consoleSignIn')) after.consoleSignIn = masked.consoleSignIn ? consoleSignInOf(masked.consoleSignIn) : null;
          await tx.providers.updateProvider(after);
          await record({
            type: 'provider.updated',
            resource: `providers/${id}`,
            data: { before: providerSnapshot(before), after: providerSnapshot(after) },
          });
          return after;
        }),
      masked,
    );
  }

  /** Refused while credentials or role bindings name the provider: deleting trust is deliberate. */
  async delete(ctx: Context, id: string, scope?: WorkspaceScope): Promise<Provider> {
    requirePermission(ctx, ADMIN_PERMISSIONS.providersWrite);
    return this.units.run(ctx, async ({ tx, record }) => {
      await checkWorkspace(ctx, tx, scope);
      const provider = inScope(await tx.providers.findProviderById(ctx.orgId, id), 'provider', id, scope);
      const credentials = await tx.credentialLookups.countCredentialsByProvider(ctx.orgId, id);
      const bindings = await tx.roleBindings.countRoleBindingsByProvider(ctx.orgId, id);
      if (credentials > 0 || bindings > 0) {
        throw failedPrecondition(
          `Provider providers/${id} is used by ${credentials} federated credential(s) and ${bindings} role binding(s); delete them first.`,
        );
      }
      await tx.providers.deleteProvider(ctx.orgId, id);
      await record({ type: 'provider.deleted', resource: `providers/${id}`, data: { before: providerSnapshot(provider) } });
      return provider;
    });
  }
}
