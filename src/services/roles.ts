import { alreadyExists, failedPrecondition, permissionDenied, type FieldViolation, missing } from '../domain/errors.js';
import { randomString, BASE62 } from '../domain/ids.js';
import type { Context, Page, Role } from '../domain/model.js';
import { pageSizeOf } from '../domain/paging.js';
import { ADMIN_PERMISSIONS, ungrantable } from '../domain/permissions.js';
import { checkLabels, checkPermissions, checkText, throwIfViolations } from '../domain/validation.js';
import type { Store } from '../store/index.js';
import { requirePermission } from './authorization.js';
import type { UnitsOfWork } from './unit-of-work.js';
import { roleSnapshot } from './snapshots.js';
import { fieldsToUpdate, labelKeysOf, withLabelKeys } from '../domain/update-mask.js';

export const ROLE_UPDATABLE_FIELDS = ['displayName', 'description', 'permissions', 'labels'] as const;

export interface RoleInput {
  displayName?: string;
  description?: string;
  permissions?: string[];
  labels?: Record<string, string>;
}

/** Confidence's role ids are hex of `rol_` + 16 base62 characters; we mint them the same way. */
const newRoleId = () => Buffer.from(`rol_${randomString(16, BASE62)}`).toString('hex');

function validate(input: RoleInput, creating: boolean) {
  const violations: FieldViolation[] = [];
  if (creating || input.displayName !== undefined) checkText('displayName', input.displayName ?? '', 200, violations, true);
  if (input.description !== undefined) checkText('description', input.description, 2000, violations);
  if (input.permissions !== undefined) checkPermissions('permissions', input.permissions, violations);
  if (input.labels !== undefined) checkLabels('labels', input.labels, violations);
  throwIfViolations(violations);
}

export class RoleService {
  constructor(
    private readonly store: Store,
    private readonly units: UnitsOfWork,
  ) {}

  private checkGrantable(ctx: Context, permissions: string[]) {
    const refused = ungrantable(ctx.actor.permissions, permissions);
    if (refused.length > 0) throw permissionDenied(`A role cannot hold permissions its creator lacks: ${refused.join(', ')}.`);
  }

  async create(ctx: Context, input: RoleInput & { id?: string }): Promise<Role> {
    requirePermission(ctx, ADMIN_PERMISSIONS.rolesWrite);
    validate(input, true);
    const permissions = [...new Set(input.permissions ?? [])];
    this.checkGrantable(ctx, permissions);
    const now = Date.now();
    const role: Role = {
      id: input.id ?? newRoleId(),
      orgId: ctx.orgId,
      displayName: input.displayName!,
      description: input.description ?? '',
      permissions,
      labels: input.labels ?? {},
      createdBy: ctx.actor.name,
      updatedBy: ctx.actor.name,
      createTime: now,
      updateTime: now,
    };
    await this.units.run(ctx, async ({ tx, record }) => {
      if (input.id && (await tx.roles.findRoleById(ctx.orgId, input.id))) throw alreadyExists(`Role roles/${input.id} already exists.`, { kind: 'role', id: input.id });
      await tx.roles.insertRole(role);
      await record({ type: 'role.created', resource: `roles/${role.id}`, data: { after: roleSnapshot(role) } });
    });
    return role;
  }

  async get(ctx: Context, id: string): Promise<Role> {
    requirePermission(ctx, ADMIN_PERMISSIONS.rolesRead);
    const role = await this.store.read.roles.findRoleById(ctx.orgId, id);
    if (!role) throw missing('role', id);
    return role;
  }

  async list(ctx: Context, page: { pageSize?: number; pageToken?: string }): Promise<Page<Role>> {
    requirePermission(ctx, ADMIN_PERMISSIONS.rolesRead);
    return this.store.read.roles.listRolesByOrg(ctx.orgId, { pageSize: pageSizeOf(page.pageSize), pageToken: page.pageToken });
  }

  /** AIP-134: only the fields named in `mask` change; an empty mask means every field supplied. */
  async update(ctx: Context, id: string, input: RoleInput, mask: readonly string[]): Promise<Role> {
    requirePermission(ctx, ADMIN_PERMISSIONS.rolesWrite);
    const fields = fieldsToUpdate(mask, input, ROLE_UPDATABLE_FIELDS, { labelKeys: true });
    const labelKeys = labelKeysOf(fields);
    validate(input, false);
    return this.units.run(ctx, async ({ tx, record }) => {
      const before = await tx.roles.findRoleById(ctx.orgId, id);
      if (!before) throw missing('role', id);
      const take = <K extends keyof RoleInput>(field: K, current: NonNullable<RoleInput[K]>) =>
        (fields.includes(field) ? input[field] ?? current : current) as NonNullable<RoleInput[K]>;
      const after: Role = {
        ...before,
        displayName: take('displayName', before.displayName),
        description: take('description', before.description),
        permissions: [...new Set(take('permissions', before.permissions))],
        labels: labelKeys.length > 0 ? withLabelKeys(before.labels, input.labels, labelKeys) : take('labels', before.labels),
        updatedBy: ctx.actor.name,
        updateTime: Date.now(),
      };
      this.checkGrantable(ctx, after.permissions.filter((p) => !before.permissions.includes(p)));
      await tx.roles.updateRole(after);
      await record({ type: 'role.updated', resource: `roles/${id}`, data: { before: roleSnapshot(before), after: roleSnapshot(after) } });
      return after;
    });
  }

  async delete(ctx: Context, id: string): Promise<void> {
    requirePermission(ctx, ADMIN_PERMISSIONS.rolesWrite);
    await this.units.run(ctx, async ({ tx, record }) => {
      const role = await tx.roles.findRoleById(ctx.orgId, id);
      if (!role) throw missing('role', id);
      const holders = await tx.clients.countClientsByRole(ctx.orgId, id);
      if (holders > 0) throw failedPrecondition(`Role roles/${id} is assigned to ${holders} API client(s); remove it from them first.`);
      await tx.roles.deleteRole(ctx.orgId, id);
      await record({ type: 'role.deleted', resource: `roles/${id}`, data: { before: roleSnapshot(role) } });
    });
  }
}
