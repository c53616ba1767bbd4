import { DuplicateKeyError, alreadyExists, notFound, permissionDenied, type FieldViolation, missing } from '../domain/errors.js';
import { checkSubject } from '../domain/federation.js';
import { newId } from '../domain/ids.js';
import type { Context, Page, RoleBinding } from '../domain/model.js';
import { pageSizeOf } from '../domain/paging.js';
import { ADMIN_PERMISSIONS, ungrantable } from '../domain/permissions.js';
import { throwIfViolations } from '../domain/validation.js';
import type { Store } from '../store/index.js';
import { requirePermission } from './authorization.js';
import type { UnitsOfWork } from './unit-of-work.js';
import { roleBindingSnapshot } from './snapshots.js';

/**
 * Admin permissions for people: a USER principal (`users/{sub}` as a provider signs it in) holds
 * the permissions of the roles bound to it. Binding a role hands out its permissions, so the
 * binder must hold them all (no escalation by delegation), as for clients.
 */
export class RoleBindingService {
  constructor(
    private readonly store: Store,
    private readonly units: UnitsOfWork,
  ) {}

  async create(ctx: Context, input: { providerId: string; subject: string; roleId: string }): Promise<RoleBinding> {
    requirePermission(ctx, ADMIN_PERMISSIONS.rolesWrite);
    const violations: FieldViolation[] = [];
    checkSubject('principal', input.subject, violations);
    throwIfViolations(violations);
    try {
      return await this.units.run(ctx, async ({ tx, record }) => {
        const provider = await tx.providers.findProviderById(ctx.orgId, input.providerId);
        if (!provider) throw missing('provider', input.providerId);
        const role = await tx.roles.findRoleById(ctx.orgId, input.roleId);
        if (!role) throw missing('role', input.roleId);
        const refused = ungrantable(ctx.actor.permissions, role.permissions);
        if (refused.length > 0) throw permissionDenied(`You cannot bind a role holding permissions you do not hold: ${refused.join(', ')}.`);
        const binding: RoleBinding = {
          id: newId('roleBinding'),
          orgId: ctx.orgId,
          providerId: provider.id,
          subject: input.subject,
          roleId: role.id,
          createdBy: ctx.actor.name,
          createTime: Date.now(),
        };
        await tx.roleBindings.insertRoleBinding(binding);
        await record({ type: 'roleBinding.created', resource: `roleBindings/${binding.id}`, data: { after: roleBindingSnapshot(binding) } });
        return binding;
      });
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw alreadyExists(`users/${input.subject} already holds roles/${input.roleId} through providers/${input.providerId}.`);
      throw error;
    }
  }

  async get(ctx: Context, id: string): Promise<RoleBinding> {
    requirePermission(ctx, ADMIN_PERMISSIONS.rolesRead);
    const binding = await this.store.read.roleBindings.findRoleBindingById(ctx.orgId, id);
    if (!binding) throw notFound(`Role binding roleBindings/${id}`);
    return binding;
  }

  async list(ctx: Context, query: { providerId?: string; pageSize?: number; pageToken?: string }): Promise<Page<RoleBinding>> {
    requirePermission(ctx, ADMIN_PERMISSIONS.rolesRead);
    return this.store.read.roleBindings.listRoleBindingsByOrg(ctx.orgId, {
      providerId: query.providerId,
      pageSize: pageSizeOf(query.pageSize),
      pageToken: query.pageToken,
    });
  }

  async delete(ctx: Context, id: string): Promise<RoleBinding> {
    requirePermission(ctx, ADMIN_PERMISSIONS.rolesWrite);
    return this.units.run(ctx, async ({ tx, record }) => {
      const binding = await tx.roleBindings.findRoleBindingById(ctx.orgId, id);
      if (!binding) throw notFound(`Role binding roleBindings/${id}`);
      await tx.roleBindings.deleteRoleBinding(ctx.orgId, id);
      await record({ type: 'roleBinding.deleted', resource: `roleBindings/${id}`, data: { before: roleBindingSnapshot(binding) } });
      return binding;
    });
  }
}
