import { completionScript, type Registry } from '../completion.js';
import type { Command } from '../context.js';
import { UsageError } from '../exit.js';
import { audit } from './audit.js';
import { clients } from './clients.js';
import { credentials } from './credentials.js';
import { backup, bootstrap, migrate, serve } from './local.js';
import { login, logout, whoami } from './login.js';
import { registrationTokens } from './registration-tokens.js';
import { keys, organizations, providers, roles, webhooks, workspaces } from './resources.js';

/** One-word commands. */
export const SINGLE: Record<string, Command> = { login, logout, whoami, serve, migrate, bootstrap, backup };

/** Resource groups and their verbs: `keyward clients list`. */
export const GROUPS: Record<string, Record<string, Command>> = { clients, credentials, roles, workspaces, organizations, providers, webhooks, audit, keys, 'registration-tokens': registrationTokens };

const registry: Registry = { single: Object.keys(SINGLE), groups: Object.fromEntries(Object.entries(GROUPS).map(([group, verbs]) => [group, Object.keys(verbs)])) };

SINGLE.completion = async (ctx) => {
  const script = completionScript(ctx.args[0] ?? '', registry);
  if (!script) throw new UsageError('completion takes bash or zsh');
  ctx.out.line(script.trimEnd());
};
