import type { FieldViolation } from './errors.js';
import { isValidPermission, parseScope } from './permissions.js';

/**
 * Settings with a meaning to Keyward itself. Every other key of a workspace's settings map is
 * the product's own (Docpier keeps its processing options there) and passes through untouched.
 */
export const WORKSPACE_SETTING = {
  /**
   * Space-separated permissions: the scope a token gets when a client of the workspace asks
   * for none (RFC 6749 §3.3's pre-defined default), and the permissions new agent clients of
   * the workspace receive. Docpier's agents use `idp.capture`.
   */
  defaultScope: 'default_scope',
} as const;

/** The workspace's default scope, or null when it sets none. */
export function defaultScopeOf(settings: Readonly<Record<string, string>>): string[] | null {
  const raw = settings[WORKSPACE_SETTING.defaultScope];
  if (raw === undefined) return null;
  const scope = parseScope(raw).filter(isValidPermission);
  return scope.length > 0 ? scope : null;
}

/** `field` is where the request carried the settings (`merge` for a Docpier settings patch). */
export function checkSettingValue(field: string, key: string, value: string, violations: FieldViolation[]) {
  if (key === WORKSPACE_SETTING.defaultScope) {
    const bad = parseScope(value).filter((p) => !isValidPermission(p));
    if (bad.length > 0 || value.trim() === '') {
      violations.push({ field: `${field}.${key}`, description: 'a space-separated list of permissions (printable ASCII, no quotes or backslashes)' });
    }
  }
}
