import { KeywardError } from '../domain/errors.js';
import type { Context } from '../domain/model.js';
import { holds } from '../domain/permissions.js';

/**
 * Services check permissions themselves, so every surface (canonical API, dialects, CLI) gets the
 * same rules. A missing permission is `insufficient_scope` (RFC 6750 §3.1: 403), naming what is
 * needed.
 */
export function requirePermission(ctx: Context, permission: string): void {
  if (!holds(ctx.actor.permissions, permission)) {
    throw new KeywardError('insufficient_scope', `This call needs the permission "${permission}"; the caller's token does not grant it.`);
  }
}
