import { missing } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { Context, Organization, Workspace } from '../domain/model.js';
import { ADMIN_PERMISSIONS, holds } from '../domain/permissions.js';
import { checkText, throwIfViolations } from '../domain/validation.js';
import type { FieldViolation } from '../domain/errors.js';
import type { Store } from '../store/index.js';
import { requirePermission } from './authorization.js';
import type { UnitOfWork, UnitsOfWork } from './unit-of-work.js';

/** Organizations are tenants: only super-admins create or list them; an admin may read its own. */
export class OrganizationService {
  constructor(
    private readonly store: Store,
    private readonly units: UnitsOfWork,
  ) {}

  async create(ctx: Context, input: { displayName: string; id?: string }): Promise<Organization> {
    requirePermission(ctx, ADMIN_PERMISSIONS.superAdmin);
    const violations: FieldViolation[] = [];
    checkText('displayName', input.displayName, 200, violations, true);
    throwIfViolations(violations);
    const id = input.id ?? newId('organization');
    return this.units.runAs({ orgId: id, actor: ctx.actor.name }, (uow) =>
      createOrganization(uow, id, input.displayName),
    );
  }

  async get(ctx: Context, id: string): Promise<Organization> {
    // Another tenant's organization looks exactly like one that does not exist (404, never 403).
    if (id !== ctx.actor.orgId && !holds(ctx.actor.permissions, ADMIN_PERMISSIONS.superAdmin)) throw missing('organization', id);
    if (id === ctx.actor.orgId) requirePermission(ctx, ADMIN_PERMISSIONS.orgsRead);
    const org = await this.store.read.organizations.findOrganizationById(id);
    if (!org) throw missing('organization', id);
    return org;
  }

  async list(ctx: Context): Promise<Organization[]> {
    requirePermission(ctx, ADMIN_PERMISSIONS.superAdmin);
    return this.store.read.organizations.listOrganizations();
  }

  async update(ctx: Context, id: string, input: { displayName: string }): Promise<Organization> {
    requirePermission(ctx, ADMIN_PERMISSIONS.superAdmin);
    const violations: FieldViolation[] = [];
    checkText('displayName', input.displayName, 200, violations, true);
    throwIfViolations(violations);
    return this.units.runAs({ orgId: id, actor: ctx.actor.name }, async ({ tx, record }) => {
      const org = await tx.organizations.findOrganizationById(id);
      if (!org) throw missing('organization', id);
      const updated = { ...org, displayName: input.displayName, updateTime: Date.now() };
      await tx.organizations.updateOrganization(updated);
      await record({ type: 'organization.updated', resource: `organizations/${id}`, data: { before: org, after: updated } });
      return updated;
    });
  }

  /** Does the organization exist? Used to resolve the x-keyward-org header. */
  async exists(id: string): Promise<boolean> {
    return (await this.store.read.organizations.findOrganizationById(id)) !== undefined;
  }
}

/** Shared with bootstrap: an organization always comes with its default workspace. */
export async function createOrganization({ tx, record }: UnitOfWork, id: string, displayName: string): Promise<Organization> {
  const now = Date.now();
  const workspace: Workspace = {
    id: newId('workspace'),
    orgId: id,
    displayName: 'Default',
    extRef: null,
    settings: {},
    credentialPolicy: null,
    createTime: now,
    updateTime: now,
  };
  const org: Organization = { id, displayName, defaultWorkspaceId: workspace.id, createTime: now, updateTime: now };
  await tx.organizations.insertOrganization(org);
  await tx.workspaces.insertWorkspace(workspace);
  await record({ type: 'organization.created', resource: `organizations/${id}`, data: { after: org } });
  await record({ type: 'workspace.created', resource: `workspaces/${workspace.id}`, data: { after: workspace } });
  return org;
}
