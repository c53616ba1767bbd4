import { missing, outsideWorkspace, type ResourceKind } from '../domain/errors.js';
import type { Context } from '../domain/model.js';
import { ADMIN_PERMISSIONS } from '../domain/permissions.js';
import type { Repos } from '../store/index.js';
import { requirePermission } from './authorization.js';

/**
 * The workspace a caller addresses a resource through: a dialect's path names one (a Keycard
 * zone, a Zitadel project), and a resource of another workspace is not found there. Services take
 * it as an optional last argument and check it here, in one place, so that no route does.
 */
export interface WorkspaceScope {
  workspaceId: string;
}

/**
 * The addressed workspace must exist and be readable by the caller before anything in it is:
 * an unknown workspace is named as the thing not found.
 */
export async function checkWorkspace(ctx: Context, repos: Pick<Repos, 'workspaces'>, scope: WorkspaceScope | undefined): Promise<void> {
  if (!scope) return;
  requirePermission(ctx, ADMIN_PERMISSIONS.workspacesRead);
  if (!(await repos.workspaces.findWorkspaceById(ctx.orgId, scope.workspaceId))) throw missing('workspace', scope.workspaceId);
}

/** The resource found by id, or its not-found error: absent, or in another workspace than the scope's. */
export function inScope<T extends { workspaceId: string }>(found: T | undefined, kind: ResourceKind, id: string, scope: WorkspaceScope | undefined): T {
  if (!found) throw missing(kind, id);
  if (scope && found.workspaceId !== scope.workspaceId) throw outsideWorkspace(kind, id, scope.workspaceId);
  return found;
}
