/**
 * Permissions are plain strings. Those a client holds become the `scope` of its tokens, so a
 * resource server sees exactly what was granted. Keyward's own admin API reserves the
 * `keyward:` namespace: a token whose scope holds `keyward:clients.write` may create clients.
 */
export const ADMIN_PERMISSIONS = {
  /** Every admin permission inside the caller's own organization. */
  admin: 'keyward:admin',
  /** Acts in any organization (x-keyward-org) and manages organizations. */
  superAdmin: 'keyward:super',
  orgsRead: 'keyward:organizations.read',
  workspacesRead: 'keyward:workspaces.read',
  workspacesWrite: 'keyward:workspaces.write',
  clientsRead: 'keyward:clients.read',
  clientsWrite: 'keyward:clients.write',
  rolesRead: 'keyward:roles.read',
  rolesWrite: 'keyward:roles.write',
  auditRead: 'keyward:audit.read',
  webhooksRead: 'keyward:webhooks.read',
  webhooksWrite: 'keyward:webhooks.write',
  providersRead: 'keyward:providers.read',
  providersWrite: 'keyward:providers.write',
  keysRead: 'keyward:keys.read',
  keysWrite: 'keyward:keys.write',
} as const;

export type AdminPermission = (typeof ADMIN_PERMISSIONS)[keyof typeof ADMIN_PERMISSIONS];

const ADMIN_PREFIX = 'keyward:';

/** RFC 6749 §3.3 scope-token: 1*( %x21 / %x23-5B / %x5D-7E ). */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

export function isValidPermission(value: string): boolean {
  return value.length <= 200 && SCOPE_TOKEN.test(value);
}

export function isAdminPermission(value: string): boolean {
  return value.startsWith(ADMIN_PREFIX);
}

/** Does a holder of `held` satisfy `required`? `keyward:super` implies everything, `keyward:admin` every admin permission. */
export function holds(held: ReadonlySet<string>, required: string): boolean {
  if (held.has(required) || held.has(ADMIN_PERMISSIONS.superAdmin)) return true;
  return required !== ADMIN_PERMISSIONS.superAdmin && isAdminPermission(required) && held.has(ADMIN_PERMISSIONS.admin);
}

/** Permissions a granter may hand out: none beyond what they hold themselves (no escalation by delegation). */
export function ungrantable(held: ReadonlySet<string>, requested: Iterable<string>): string[] {
  const refused: string[] = [];
  for (const p of requested) {
    if (isAdminPermission(p) && !holds(held, p)) refused.push(p);
  }
  return refused;
}

/** Space-delimited, case-sensitive (RFC 6749 §3.3); duplicates collapse. */
export function parseScope(scope: string | undefined): string[] {
  if (!scope) return [];
  return [...new Set(scope.split(' ').filter((s) => s.length > 0))];
}

export function formatScope(permissions: Iterable<string>): string {
  return [...permissions].join(' ');
}
