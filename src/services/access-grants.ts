import { ACCESS_ROLE_PATTERN, DEFAULT_ACCESS_ROLE, isSubjectType, type AccessGrant, type AccessGrantDetails, type SubjectType } from '../domain/access.js';
import { notFound, type FieldViolation, missing } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { Context, Workspace } from '../domain/model.js';
import { MAX_PAGE_SIZE } from '../domain/paging.js';
import { ADMIN_PERMISSIONS } from '../domain/permissions.js';
import { checkText, throwIfViolations } from '../domain/validation.js';
import type { Repos, Store } from '../store/index.js';
import { requirePermission } from './authorization.js';
import type { UnitOfWork, UnitsOfWork } from './unit-of-work.js';

export interface GrantInput {
  subjectType: string;
  subjectId: string;
  role?: string;
}

export interface WorkspaceWithAccess {
  workspace: Workspace;
  grants: AccessGrant[];
}

/** What events carry about a grant; the secret hint of an agent client stays out. */
export const accessGrantSnapshot = (g: AccessGrant) => ({
  id: g.id,
  workspaceId: g.workspaceId,
  subjectType: g.subjectType,
  subjectId: g.subjectId,
  role: g.role,
  ...(g.details.provider ? { provider: g.details.provider } : {}),
});

/** Docpier lists every workspace in one array; this bounds how many one answer may hold. */
const MAX_LISTED_WORKSPACES = 10_000;

export function validateGrant(input: GrantInput): { subjectType: SubjectType; subjectId: string; role: string } {
  const violations: FieldViolation[] = [];
  if (!isSubjectType(input.subjectType)) violations.push({ field: 'subjectType', description: 'must be USER or CLIENT' });
  checkText('subjectId', input.subjectId, 255, violations, true);
  const role = input.role ?? DEFAULT_ACCESS_ROLE;
  if (!ACCESS_ROLE_PATTERN.test(role)) violations.push({ field: 'role', description: 'lowercase letters, digits, _ . -, starting with a letter' });
  throwIfViolations(violations);
  return { subjectType: input.subjectType as SubjectType, subjectId: input.subjectId, role };
}

/**
 * Workspace access grants. Granting is idempotent (the same subject twice finds its row; a new
 * role updates it), revoking what is absent is a 404, and every change is an `access.*` event.
 */
export class AccessGrantService {
  constructor(
    private readonly store: Store,
    private readonly units: UnitsOfWork,
  ) {}

  private async workspace(ctx: Context, id: string): Promise<Workspace> {
    const ws = await this.store.read.workspaces.findWorkspaceById(ctx.orgId, id);
    if (!ws) throw missing('workspace', id);
    return ws;
  }

  async list(ctx: Context, workspaceId: string): Promise<AccessGrant[]> {
    requirePermission(ctx, ADMIN_PERMISSIONS.workspacesRead);
    await this.workspace(ctx, workspaceId);
    return this.store.read.accessGrants.listAccessGrantsByWorkspaces(ctx.orgId, [workspaceId]);
  }

  async getWorkspace(ctx: Context, workspaceId: string): Promise<WorkspaceWithAccess> {
    requirePermission(ctx, ADMIN_PERMISSIONS.workspacesRead);
    const workspace = await this.workspace(ctx, workspaceId);
    return { workspace, grants: await this.store.read.accessGrants.listAccessGrantsByWorkspaces(ctx.orgId, [workspaceId]) };
  }

  /** Every workspace of the organization with its grants, oldest first (Docpier's unpaged list). */
  async listWorkspaces(ctx: Context): Promise<WorkspaceWithAccess[]> {
    requirePermission(ctx, ADMIN_PERMISSIONS.workspacesRead);
    const result: WorkspaceWithAccess[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.store.read.workspaces.listWorkspacesByOrg(ctx.orgId, { pageSize: MAX_PAGE_SIZE, pageToken });
      const grants = await this.store.read.accessGrants.listAccessGrantsByWorkspaces(
        ctx.orgId,
        page.items.map((w) => w.id),
      );
      for (const workspace of page.items) result.push({ workspace, grants: grants.filter((g) => g.workspaceId === workspace.id) });
      pageToken = page.nextPageToken || undefined;
    } while (pageToken && result.length < MAX_LISTED_WORKSPACES);
    return result;
  }

  async grant(ctx: Context, workspaceId: string, input: GrantInput): Promise<AccessGrant> {
    requirePermission(ctx, ADMIN_PERMISSIONS.workspacesWrite);
    const valid = validateGrant(input);
    return this.units.run(ctx, async (uow) => {
      const workspace = await uow.tx.workspaces.findWorkspaceById(ctx.orgId, workspaceId);
      if (!workspace) throw missing('workspace', workspaceId);
      return this.grantIn(uow, ctx, workspace, valid);
    });
  }

  /**
   * In the caller's unit of work, in a workspace it has read in that unit (agent-client creation
   * adds the CLIENT row with the client).
   */
  async grantIn(
    { tx, record }: UnitOfWork,
    ctx: Context,
    workspace: Workspace,
    input: { subjectType: SubjectType; subjectId: string; role: string; details?: AccessGrantDetails },
  ): Promise<AccessGrant> {
    const workspaceId = workspace.id;
    const now = Date.now();
    const fresh: AccessGrant = {
      id: newId('grant'),
      orgId: ctx.orgId,
      workspaceId,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      role: input.role,
      details: input.details ?? {},
      createTime: now,
      updateTime: now,
    };
    if (await tx.accessGrants.insertAccessGrantIfAbsent(fresh)) {
      await record({ type: 'access.granted', resource: grantResource(fresh), data: { after: accessGrantSnapshot(fresh), workspaceId } });
      return fresh;
    }
    const existing = await tx.accessGrants.findAccessGrantBySubject(ctx.orgId, workspaceId, input.subjectType, input.subjectId);
    if (!existing) throw missing('workspace', workspaceId);
    const details = input.details ? { ...existing.details, ...input.details } : existing.details;
    if (existing.role === input.role && JSON.stringify(details) === JSON.stringify(existing.details)) return existing;
    const updated: AccessGrant = { ...existing, role: input.role, details, updateTime: now };
    await tx.accessGrants.updateAccessGrant(updated);
    await record({
      type: 'access.updated',
      resource: grantResource(updated),
      data: { before: accessGrantSnapshot(existing), after: accessGrantSnapshot(updated), workspaceId },
    });
    return updated;
  }

  async revoke(ctx: Context, workspaceId: string, subject: { subjectType: string; subjectId: string }): Promise<AccessGrant> {
    requirePermission(ctx, ADMIN_PERMISSIONS.workspacesWrite);
    if (!isSubjectType(subject.subjectType)) throw notFound(`Access of ${subject.subjectType} ${subject.subjectId} to workspaces/${workspaceId}`);
    const subjectType = subject.subjectType;
    return this.removeWhere(ctx, workspaceId, `Access of ${subjectType} ${subject.subjectId} to workspaces/${workspaceId}`, (tx) =>
      tx.accessGrants.findAccessGrantBySubject(ctx.orgId, workspaceId, subjectType, subject.subjectId),
    );
  }

  async revokeById(ctx: Context, workspaceId: string, grantId: string): Promise<AccessGrant> {
    requirePermission(ctx, ADMIN_PERMISSIONS.workspacesWrite);
    return this.removeWhere(ctx, workspaceId, `Access grant workspaces/${workspaceId}/accessGrants/${grantId}`, (tx) =>
      tx.accessGrants.findAccessGrantById(ctx.orgId, workspaceId, grantId),
    );
  }

  private removeWhere(ctx: Context, workspaceId: string, what: string, find: (tx: Repos) => Promise<AccessGrant | undefined>) {
    return this.units.run(ctx, async ({ tx, record }) => {
      if (!(await tx.workspaces.findWorkspaceById(ctx.orgId, workspaceId))) throw missing('workspace', workspaceId);
      const grant = await find(tx);
      if (!grant) throw notFound(what);
      await tx.accessGrants.deleteAccessGrant(ctx.orgId, grant.id);
      await record({ type: 'access.revoked', resource: grantResource(grant), data: { before: accessGrantSnapshot(grant), workspaceId } });
      return grant;
    });
  }
}

const grantResource = (g: AccessGrant) => `workspaces/${g.workspaceId}/accessGrants/${g.id}`;
