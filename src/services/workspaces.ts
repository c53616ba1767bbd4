import { failedPrecondition, invalidArgument, type FieldViolation, missing } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import { checkCredentialPolicy, isEmptyPolicy } from '../domain/credential-policy.js';
import type { Context, CredentialPolicy, Page, Workspace } from '../domain/model.js';
import { mergeFlat } from '../domain/merge-patch.js';
import { pageSizeOf } from '../domain/paging.js';
import { ADMIN_PERMISSIONS } from '../domain/permissions.js';
import { checkText, throwIfViolations } from '../domain/validation.js';
import { checkSettingValue } from '../domain/workspace-settings.js';
import type { Store } from '../store/index.js';
import { requirePermission } from './authorization.js';
import type { UnitsOfWork } from './unit-of-work.js';
import { workspaceSnapshot } from './snapshots.js';
import { fieldsToUpdate } from '../domain/update-mask.js';

export const WORKSPACE_UPDATABLE_FIELDS = ['displayName', 'extRef', 'credentialPolicy'] as const;

export interface WorkspaceInput {
  displayName?: string;
  extRef?: string | null;
  /** Rules for new credentials of the workspace's clients; null removes the policy. */
  credentialPolicy?: CredentialPolicy | null;
}

function validate(input: WorkspaceInput, creating: boolean) {
  const violations: FieldViolation[] = [];
  if (creating || input.displayName !== undefined) checkText('displayName', input.displayName ?? '', 200, violations, true);
  if (input.extRef) checkText('extRef', input.extRef, 200, violations);
  if (input.credentialPolicy) checkCredentialPolicy('credentialPolicy', input.credentialPolicy, violations);
  throwIfViolations(violations);
}

/** A policy that sets no rule is stored as none. */
const policyOf = (policy: CredentialPolicy | null | undefined): CredentialPolicy | null => (policy && !isEmptyPolicy(policy) ? policy : null);

function checkSettings(field: string, patch: Record<string, string | null>, violations: FieldViolation[]) {
  for (const [key, value] of Object.entries(patch)) {
    if (key.length === 0 || key.length > 200) violations.push({ field: `${field}.${key}`, description: 'keys are 1 to 200 characters' });
    if (value !== null && (typeof value !== 'string' || value.length > 10_000)) {
      violations.push({ field: `${field}.${key}`, description: 'values are strings of at most 10000 characters, or null to delete' });
    } else if (typeof value === 'string') {
      checkSettingValue(field, key, value, violations);
    }
  }
}

const MAX_SETTINGS = 500;

export class WorkspaceService {
  constructor(
    private readonly store: Store,
    private readonly units: UnitsOfWork,
  ) {}

  /**
   * `settings` start the workspace off in the same transaction and the same event (a Keycard
   * zone's description); an argument of its own, so a request body cannot carry it in.
   */
  async create(ctx: Context, input: WorkspaceInput & { id?: string }, settings: Record<string, string> = {}): Promise<Workspace> {
    requirePermission(ctx, ADMIN_PERMISSIONS.workspacesWrite);
    validate(input, true);
    const violations: FieldViolation[] = [];
    checkSettings('settings', settings, violations);
    if (Object.keys(settings).length > MAX_SETTINGS) violations.push({ field: 'settings', description: `at most ${MAX_SETTINGS} settings` });
    throwIfViolations(violations);
    const now = Date.now();
    const workspace: Workspace = {
      id: input.id ?? newId('workspace'),
      orgId: ctx.orgId,
      displayName: input.displayName!,
      extRef: input.extRef ?? null,
      settings: { ...settings },
      credentialPolicy: policyOf(input.credentialPolicy),
      createTime: now,
      updateTime: now,
    };
    await this.units.run(ctx, async ({ tx, record }) => {
      await tx.workspaces.insertWorkspace(workspace);
      await record({ type: 'workspace.created', resource: `workspaces/${workspace.id}`, data: { after: workspaceSnapshot(workspace) } });
    });
    return workspace;
  }

  async get(ctx: Context, id: string): Promise<Workspace> {
    requirePermission(ctx, ADMIN_PERMISSIONS.workspacesRead);
    const ws = await this.store.read.workspaces.findWorkspaceById(ctx.orgId, id);
    if (!ws) throw missing('workspace', id);
    return ws;
  }

  async list(ctx: Context, page: { pageSize?: number; pageToken?: string; descending?: boolean }): Promise<Page<Workspace>> {
    requirePermission(ctx, ADMIN_PERMISSIONS.workspacesRead);
    return this.store.read.workspaces.listWorkspacesByOrg(ctx.orgId, {
      pageSize: pageSizeOf(page.pageSize),
      pageToken: page.pageToken,
      descending: page.descending,
    });
  }

  /**
   * `settings` is merged as `mergeSettings` merges it, in the same transaction and the same
   * `workspace.updated` event (a Keycard zone's name and description); an argument of its own,
   * so a request body cannot carry it in.
   */
  async update(ctx: Context, id: string, input: WorkspaceInput, settings: Record<string, string | null> = {}, mask: readonly string[] = []): Promise<Workspace> {
    requirePermission(ctx, ADMIN_PERMISSIONS.workspacesWrite);
    const fields = fieldsToUpdate(mask, input, WORKSPACE_UPDATABLE_FIELDS);
    validate(input, false);
    const violations: FieldViolation[] = [];
    checkSettings('settings', settings, violations);
    throwIfViolations(violations);
    return this.units.run(ctx, async ({ tx, record }) => {
      const before = await tx.workspaces.findWorkspaceById(ctx.orgId, id);
      if (!before) throw missing('workspace', id);
      const after: Workspace = {
        ...before,
        displayName: fields.includes('displayName') ? input.displayName ?? before.displayName : before.displayName,
        extRef: fields.includes('extRef') && input.extRef !== undefined ? input.extRef : before.extRef,
        // Replaced whole: a policy is read as one set of rules. Existing credentials are not touched.
        credentialPolicy: fields.includes('credentialPolicy') ? policyOf(input.credentialPolicy) : before.credentialPolicy,
        settings: mergeFlat(before.settings, settings),
        updateTime: Date.now(),
      };
      if (Object.keys(after.settings).length > MAX_SETTINGS) {
        throw invalidArgument(`A workspace holds at most ${MAX_SETTINGS} settings.`, [{ field: 'settings', description: 'delete unused keys with null' }]);
      }
      await tx.workspaces.updateWorkspace(after);
      await record({
        type: 'workspace.updated',
        resource: `workspaces/${id}`,
        data: { before: workspaceSnapshot(before), after: workspaceSnapshot(after) },
      });
      return after;
    });
  }

  /** RFC 7396 on the flat settings map: null deletes a key. Returns the whole result. */
  async mergeSettings(ctx: Context, id: string, patch: Record<string, string | null>): Promise<Workspace> {
    requirePermission(ctx, ADMIN_PERMISSIONS.workspacesWrite);
    const violations: FieldViolation[] = [];
    checkSettings('merge', patch, violations);
    throwIfViolations(violations);
    return this.units.run(ctx, async ({ tx, record }) => {
      const before = await tx.workspaces.findWorkspaceById(ctx.orgId, id);
      if (!before) throw missing('workspace', id);
      const after: Workspace = { ...before, settings: mergeFlat(before.settings, patch), updateTime: Date.now() };
      if (Object.keys(after.settings).length > MAX_SETTINGS) {
        throw invalidArgument(`A workspace holds at most ${MAX_SETTINGS} settings.`, [{ field: 'merge', description: 'delete unused keys with null' }]);
      }
      await tx.workspaces.updateWorkspace(after);
      await record({
        type: 'workspace.settings_updated',
        resource: `workspaces/${id}`,
        data: { before: { settings: before.settings }, after: { settings: after.settings } },
      });
      return after;
    });
  }

  /**
   * Deletes an empty workspace (Keycard zones, Zitadel projects). Refused for the organization's
   * default workspace and while clients or providers live in it: deleting a workspace never
   * deletes machine identities or trust as a side effect.
   */
  async delete(ctx: Context, id: string): Promise<Workspace> {
    requirePermission(ctx, ADMIN_PERMISSIONS.workspacesWrite);
    return this.units.run(ctx, async ({ tx, record }) => {
      const workspace = await tx.workspaces.findWorkspaceById(ctx.orgId, id);
      if (!workspace) throw missing('workspace', id);
      const org = await tx.organizations.findOrganizationById(ctx.orgId);
      if (org?.defaultWorkspaceId === id) throw failedPrecondition(`Workspace workspaces/${id} is the organization's default workspace and cannot be deleted.`);
      const clients = await tx.clients.listClientsByOrg(ctx.orgId, {
        filter: [{ field: 'workspace', op: '=', value: id }],
        orderBy: { field: 'createTime', descending: false },
        pageSize: 1,
      });
      const providers = await tx.providers.countProvidersByWorkspace(ctx.orgId, id);
      if (clients.items.length > 0 || providers > 0) {
        throw failedPrecondition(`Workspace workspaces/${id} still holds API clients or providers; delete or move them first.`);
      }
      await tx.workspaces.deleteWorkspace(ctx.orgId, id);
      await record({ type: 'workspace.deleted', resource: `workspaces/${id}`, data: { before: workspaceSnapshot(workspace) } });
      return workspace;
    });
  }
}

